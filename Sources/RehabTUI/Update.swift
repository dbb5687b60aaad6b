import RehabCore
import TerminalUI

/// Applies one action to the state and returns the effects it asks for. Pure: no store, no
/// clock, no terminal; the app loop runs the effects and feeds their results back in.
public func update(_ state: inout AppState, _ action: AppAction) -> [Effect] {
    switch action {
    case .resized(let size):
        state.size = size
        // A resize also comes after Ctrl-Z and fg: a good moment to pick up outside changes.
        return state.followed == nil ? [] : [.reload]
    case .loaded(let loaded):
        // The store answered without a failure first: the submitted form is saved.
        state.unsaved = nil
        let before = state.followed
        apply(loaded, to: &state)
        if state.followed != before { ProgressActions.refresh(&state) }
        return []
    case .planStarted(let loaded):
        apply(loaded, to: &state)
        if loaded.followed != nil, let effects = PatientActions.planStarted(&state) {
            return effects
        }
        if let followed = loaded.followed {
            state.screens = [Screens.root(for: followed)]
            state.notice = Notice(
                state.say(UIPhrase.planStartedNotice(followed.template.names.text(state.language))))
        }
        return []
    case .catalogLoaded(let plans, let errors):
        state.catalog = plans
        state.catalogErrors = errors
        return []
    case .sessionStored(let id):
        state.remember(.removeSession(id))
        return []
    case .sessionRestored(let old, let new):
        state.undos = state.undos.map { $0.renumbered(old, to: new) }
        return []
    case .runsRead(let found):
        Imports.read(found, &state)
        return []
    case .runsImported(let added, let duplicates):
        Imports.imported(added: added, duplicates: duplicates, &state)
        return []
    case .rosterLoaded, .patientAdded, .patientRenamed, .planFileRead, .tuningLoaded,
        .tuningSaved:
        return PatientActions.received(action, &state)
    case .shoeAdded(let name):
        return ShoeActions.added(name, &state)
    case .noteAdded(let note):
        return NoteActions.added(note, &state)
    case .discharged(let path):
        return DischargeActions.written(path, &state)
    case .failed(let message):
        state.notice = Notice(message, isError: true)
        if let form = state.unsaved {
            // Nothing typed is lost: the form is back as it was, with the store's reason.
            state.unsaved = nil
            state.undos.removeLast(max(0, state.undos.count - form.undoCount))
            state.screens.append(form.screen)
            // What to do first: the store's reason (a long URL, say) may not fit the line.
            state.notice = Notice(
                state.say(UIPhrase.entryKept()) + " " + message, isError: true)
        }
        return []
    case .storeChanged:
        return Refresh.outside(&state)
    case .click, .scroll:
        return Mouse.handle(action, &state)
    case .command, .digit, .type:
        state.notice = nil
        if state.size.width < Layout.minimum.width || state.size.height < Layout.minimum.height {
            // Nothing else can be seen on the "enlarge" screen, so only leaving works there.
            if action == .command(.quit) || action == .type("q") { return quit(&state) }
            return []
        }
        if action == .command(.help), state.confirmation == nil {
            if case .help = state.top {
                state.screens.removeLast()
            } else {
                state.screens.append(.help(scroll: 0))
            }
            return []
        }
        if state.confirmation != nil { return Dialogs.handle(action, &state) }
        return Screens.handle(action, &state)
    }
}

/// Reloading after another process wrote: what is shown comes from the store again, without
/// touching a form being filled in (its values live in the state, not the store).
enum Refresh {
    static func outside(_ state: inout AppState) -> [Effect] {
        var effects: [Effect] = []
        if state.followed != nil || state.patient != nil { effects.append(.reload) }
        if state.screens.contains(where: PatientActions.isPatients) {
            effects.append(.loadRoster(includeArchived: state.showArchived))
        }
        return effects
    }
}

func quit(_ state: inout AppState) -> [Effect] {
    state.isQuitting = true
    return [.quit]
}

private func apply(_ loaded: Loaded, to state: inout AppState) {
    state.patients = loaded.patients
    state.patient = loaded.patient
    state.followed = loaded.followed
    if let roster = loaded.roster { state.roster = roster }
    let opened = state.opening != nil && state.opening == loaded.patient?.id
    if opened { state.opening = nil }
    guard let followed = loaded.followed else {
        // The followed patient is gone (deleted on the Patients screen): so are their screens.
        if state.screens.contains(where: PatientActions.isPatients) {
            state.screens.removeAll(where: PatientActions.needsPlan)
        }
        return
    }
    if opened {
        state.screens = [Screens.root(for: followed)]
        return
    }
    let paused = !followed.stopFlags.isEmpty
    switch state.screens.first {
    case .today where paused: state.screens[0] = .stop(StopState())
    case .stop(let stop) where !paused && !stop.beforeStart: state.screens[0] = .today(scroll: 0)
    default: break
    }
}

/// Per-screen handling of keys.
enum Screens {
    static func root(for followed: Followed) -> Screen {
        followed.stopFlags.isEmpty ? .today(scroll: 0) : .stop(StopState())
    }

    static func handle(_ action: AppAction, _ state: inout AppState) -> [Effect] {
        // Tune uses Esc itself: to drop a value being typed, or to ask before losing changes.
        if case .tune(var tune) = state.top { return Tuning.handle(action, &tune, &state) }
        // Shoes too: Esc closes the add form before it leaves the screen.
        if case .shoes(var shoes) = state.top { return ShoeActions.handle(action, &shoes, &state) }
        // Notes too: Esc drops the note being written before it leaves the screen.
        if case .notes(var notes) = state.top { return NoteActions.handle(action, &notes, &state) }
        if case .discharge(var form) = state.top {
            return DischargeActions.handle(action, &form, &state)
        }
        if action == .command(.back), Imports.back(&state) { return [] }
        if action == .command(.back), Forms.isFilled(state.top) {
            state.confirmation = Confirmation(kind: .discardForm)
            return []
        }
        if action == .command(.back), state.screens.count > 1 {
            if case .stop(let stop) = state.top, stop.beforeStart {
                // Back past the questions too, to the picker.
                state.screens.removeLast()
                if case .questions = state.top { state.screens.removeLast() }
            } else if case .setup = state.top {
                // The questions are all answered: back to the picker.
                state.screens.removeLast()
                if case .questions = state.top { state.screens.removeLast() }
            } else {
                state.screens.removeLast()
            }
            return []
        }
        switch state.top {
        case .patients(var selection):
            return PatientActions.list(action, &selection, &state)
        case .nameForm(var form):
            return PatientActions.name(action, &form, &state)
        case .setup(var form):
            return PatientActions.setup(action, &form, &state)
        case .tune, .shoes, .notes, .discharge:
            return []
        case .language(var selection):
            let chosen = list(action, &selection, count: 2)
            replaceTop(&state, .language(selection))
            switch chosen {
            case .chosen(let index):
                state.language = index == 0 ? .nl : .en
                state.screens.append(.role(SelectionState(selected: 0)))
                return []
            case .quit: return quit(&state)
            case .none: return []
            }
        case .role(var selection):
            let chosen = list(action, &selection, count: 2)
            replaceTop(&state, .role(selection))
            switch chosen {
            case .chosen(let index):
                state.role = index == 0 ? .runner : .physio
                if state.role == .physio && state.patient == nil {
                    state.screens.append(.patientName(TextInput()))
                    return []
                }
                return openPicker(&state)
            case .quit: return quit(&state)
            case .none: return []
            }
        case .patientName(var input):
            if action == .command(.confirm) {
                do throws(ValidationError) {
                    state.newPatientName = try Validate.name(
                        input.text, field: state.say(UIPhrase.patientNameTitle()))
                } catch {
                    state.notice = Notice(state.messages.validation(error), isError: true)
                    return []
                }
                return openPicker(&state)
            }
            edit(&input, action)
            replaceTop(&state, .patientName(input))
            return []
        case .picker(var picker):
            let effects = Picking.handle(action, &picker, &state)
            replace(
                &state, matching: { if case .picker = $0 { true } else { false } },
                with: .picker(picker))
            return effects
        case .questions(var questions):
            return Picking.answer(action, &questions, &state)
        case .today(let scroll):
            return tabs(action, &state, scroll: scroll) { .today(scroll: $0) }
        case .plan(let scroll):
            if action == .command(.advance) { return PlanActions.advance(&state) }
            if action == .command(.stepBack) { return PlanActions.stepBack(&state) }
            if action == .command(.forceAdvance) { return PlanActions.forceAdvance(&state) }
            if action == .command(.tune) { return Tuning.openFollowed(&state) }
            return tabs(action, &state, scroll: scroll) { .plan(scroll: $0) }
        case .history(var selection):
            let effects = HistoryActions.handle(action, &selection, &state)
            replace(
                &state, matching: { if case .history = $0 { true } else { false } },
                with: .history(selection))
            return effects
        case .stop(let stop):
            if stop.beforeStart { return [] }
            if action == .command(.clearFlags) {
                state.confirmation = Confirmation(kind: .clearFlags)
                return []
            }
            return tabs(action, &state, scroll: 0) { _ in .stop(stop) }
        case .log(var form):
            return Forms.log(action, &form, &state)
        case .morning(var form):
            return Forms.morning(action, &form, &state)
        case .measure(var form):
            return MeasureActions.handle(action, &form, &state)
        case .importRuns(var form):
            return Imports.handle(action, &form, &state)
        case .help(let scroll):
            if action == .command(.down) {
                replaceTop(&state, .help(scroll: min(scroll + 1, maxScroll(state))))
            }
            if action == .command(.up) { replaceTop(&state, .help(scroll: max(0, scroll - 1))) }
            return []
        case .progress(var progress):
            let effects = ProgressActions.handle(action, &progress, &state)
            replace(
                &state, matching: { if case .progress = $0 { true } else { false } },
                with: .progress(progress))
            return effects
        }
    }

    static func replaceTop(_ state: inout AppState, _ screen: Screen) {
        guard !state.screens.isEmpty else { return }
        state.screens[state.screens.count - 1] = screen
    }

    /// Writes a screen's new state back where it sits, even if the action pushed another
    /// screen on top of it meanwhile.
    static func replace(
        _ state: inout AppState, matching: (Screen) -> Bool, with screen: Screen
    ) {
        if let i = state.screens.lastIndex(where: matching) { state.screens[i] = screen }
    }

    enum ListOutcome {
        case none, quit
        case chosen(Int)
    }

    /// Up/down/Enter on a simple choice list.
    static func list(_ action: AppAction, _ selection: inout SelectionState, count: Int)
        -> ListOutcome
    {
        switch action {
        case .command(.down): selection.selectNext(count: count)
        case .command(.up): selection.selectPrevious(count: count)
        case .command(.quit): return .quit
        case .command(.confirm):
            if let index = selection.selected, index < count { return .chosen(index) }
        default: break
        }
        return .none
    }

    static func openPicker(_ state: inout AppState) -> [Effect] {
        state.screens.append(.picker(PickerState()))
        return state.catalog == nil ? [.loadCatalog] : []
    }

    /// Keys shared by Today, Plan, History and Stop: switching tabs, scrolling, quitting.
    static func tabs(
        _ action: AppAction, _ state: inout AppState, scroll: Int, rebuild: (Int) -> Screen
    ) -> [Effect] {
        switch action {
        case .command(.down): replaceTop(&state, rebuild(min(scroll + 1, maxScroll(state))))
        case .command(.up): replaceTop(&state, rebuild(max(0, scroll - 1)))
        case .command(.nextTab): switchTab(&state, by: 1)
        case .command(.previousTab): switchTab(&state, by: -1)
        case .command(.quit): return quit(&state)
        case .command(.refresh):
            state.notice = Notice(state.say(UIPhrase.reloaded()))
            return [.reload]
        case .command(.logSession): Forms.openLog(&state)
        case .command(.morningCheck): Forms.openMorning(&state)
        case .command(.measures): MeasureActions.open(&state)
        case .command(.exercisesDone): Forms.openExercises(&state)
        case .command(.importRuns): Imports.open(&state)
        case .command(.patients): return PatientActions.open(&state)
        case .command(.shoes): return ShoeActions.open(&state)
        case .command(.notes): return NoteActions.open(&state)
        case .command(.discharge): return DischargeActions.open(&state)
        case .command(.examined): return Referrals.examine(&state)
        default: break
        }
        return []
    }

    static func tabIndex(_ screen: Screen) -> Int? {
        switch screen {
        case .today, .stop: 0
        case .plan: 1
        case .history: 2
        case .progress: 3
        default: nil
        }
    }

    static func switchTab(_ state: inout AppState, by step: Int) {
        guard let followed = state.followed, let current = tabIndex(state.top) else { return }
        switch (current + step + 4) % 4 {
        case 0: state.screens = [root(for: followed)]
        case 1: state.screens = [.plan(scroll: 0)]
        case 2:
            let count = HistoryActions.entries(followed).count
            state.screens = [.history(SelectionState(selected: count > 0 ? 0 : nil))]
        default:
            state.screens = [
                .progress(
                    ProgressState(
                        series: ProgressView.series(followed, today: state.today)))
            ]
        }
    }
}

extension SelectionState {
    /// The table keys every list shares (↑↓, PgUp/PgDn, Home/End); false for any other action.
    mutating func follow(_ action: AppAction, count: Int, page: Int) -> Bool {
        switch action {
        case .command(.down): selectNext(count: count)
        case .command(.up): selectPrevious(count: count)
        case .command(.pageDown): move(by: page, count: count)
        case .command(.pageUp): move(by: -page, count: count)
        case .command(.top): selectFirst(count: count)
        case .command(.bottom): selectLast(count: count)
        default: return false
        }
        return true
    }
}

/// Editing keys for a one-line text field.
func edit(_ input: inout TextInput, _ action: AppAction) {
    switch action {
    case .type(let c): input.insert(c)
    case .command(.backspace): input.backspace()
    case .command(.deleteForward): input.deleteForward()
    case .command(.left): input.move(by: -1)
    case .command(.right): input.move(by: 1)
    case .command(.top): input.cursor = 0
    case .command(.bottom): input.cursor = input.text.count
    default: break
    }
}

/// The injury picker and the red-flag questions of the first run.
enum Picking {
    /// Plans whose words (id, name in the user's language, region) start with every word of
    /// the filter, grouped by body region in the model's region order. Word starts, not any
    /// substring: "itb" should find "itbs", not "kuitblessure".
    static func matches(_ catalog: [Plan], filter: String, language: Language) -> [Plan] {
        let needles = filter.lowercased().split(separator: " ").map(String.init)
        let found = catalog.filter { plan in
            guard !needles.isEmpty else { return true }
            let words = [plan.id, plan.names.text(language), plan.region.name.text(language)]
                .joined(separator: " ").lowercased()
                .split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
            return needles.allSatisfy { needle in words.contains { $0.hasPrefix(needle) } }
        }
        let order = BodyRegion.allCases
        return found.sorted { a, b in
            let ra = order.firstIndex(of: a.region) ?? 0
            let rb = order.firstIndex(of: b.region) ?? 0
            return ra != rb ? ra < rb : a.names.text(language) < b.names.text(language)
        }
    }

    static func handle(_ action: AppAction, _ picker: inout PickerState, _ state: inout AppState)
        -> [Effect]
    {
        let plans = matches(
            state.catalog ?? [], filter: picker.filter.text,
            language: state.language)
        switch action {
        case .type, .command(.backspace):
            edit(&picker.filter, action)
            picker.selected = 0
            picker.variant = 0
        case .command(.down):
            picker.selected = min(picker.selected + 1, max(0, plans.count - 1))
            picker.variant = 0
        case .command(.up):
            picker.selected = max(0, picker.selected - 1)
            picker.variant = 0
        case .command(.right), .command(.left):
            guard plans.indices.contains(picker.selected) else { break }
            let count = max(1, plans[picker.selected].variants.count)
            let step = action == .command(.right) ? 1 : count - 1
            picker.variant = (picker.variant + step) % count
        case .command(.confirm):
            guard plans.indices.contains(picker.selected) else { break }
            let plan = plans[picker.selected]
            let variant =
                plan.variants.indices.contains(picker.variant)
                ? plan.variants[picker.variant].id : nil
            var questions = QuestionsState(
                planID: plan.id, variantID: variant, questions: plan.redFlags)
            questions.setupFor = picker.setupFor
            if questions.current == nil { return finish(questions, &state) }
            state.screens.append(.questions(questions))
        default: break
        }
        return []
    }

    static func answer(
        _ action: AppAction, _ questions: inout QuestionsState,
        _ state: inout AppState
    ) -> [Effect] {
        guard let question = questions.current else { return [] }
        switch action {
        case .command(.yes):
            // Any yes: no plan starts; the stop screen says why and what to do.
            state.screens.append(
                .stop(StopState(screening: [question.id], planID: questions.planID)))
        case .command(.no):
            questions.answers.append(false)
            Screens.replaceTop(&state, .questions(questions))
            if questions.current == nil { return finish(questions, &state) }
        case .command(.examined) where questions.setupFor != nil:
            // A physio examined it and found it absent: a no, and recorded as examined.
            questions.examined.append(question.id)
            questions.answers.append(false)
            Screens.replaceTop(&state, .questions(questions))
            if questions.current == nil { return finish(questions, &state) }
        default: break
        }
        return []
    }

    /// Every question answered "no": the plan starts, or for a patient on the Patients screen
    /// the set-up form asks for the start date and weekly volume first.
    static func finish(_ questions: QuestionsState, _ state: inout AppState) -> [Effect] {
        guard let target = questions.setupFor else {
            return [.startPlan(request(questions, state))]
        }
        var form =
            questions.handedOver.map {
                SetupForm(target: target, handedOver: $0, today: state.today)
            }
            ?? SetupForm(
                target: target, planID: questions.planID, variantID: questions.variantID,
                today: state.today)
        form.examined = questions.examined
        state.screens.append(.setup(form))
        return []
    }

    static func request(_ questions: QuestionsState, _ state: AppState) -> StartRequest {
        StartRequest(
            planID: questions.planID, variantID: questions.variantID, date: state.today,
            newPatientName: state.patient == nil ? state.newPatientName : nil,
            language: state.language)
    }
}

/// Advancing and stepping back on the Plan screen; both need a confirmation.
enum PlanActions {
    static func advance(_ state: inout AppState) -> [Effect] {
        move(.advance, &state)
    }

    /// Moving on though the exit criteria are not met (the CLI's `advance --force`): asks who
    /// decided and why, and stores that with the change. Never past an open red flag.
    static func forceAdvance(_ state: inout AppState) -> [Effect] {
        guard let followed = state.followed else { return [] }
        let status = followed.status
        guard let next = status.readiness.next else {
            state.notice = Notice(state.say(Phrase.lastPhase()), isError: true)
            return []
        }
        guard status.openFlags.isEmpty else {
            state.notice = Notice(state.say(UIPhrase.flagsOpen()), isError: true)
            return []
        }
        if status.readiness.ready { return advance(&state) }
        state.confirmation = Confirmation(
            kind: .forceAdvance(PhaseChange(phase: next.id, date: state.today, reason: .forced)))
        return []
    }

    static func stepBack(_ state: inout AppState) -> [Effect] {
        move(.stepBack, &state)
    }

    /// The move as `rehab advance` decides it (`Engine.phaseChange`, never forced here), asked
    /// to be confirmed; a refusal is a notice.
    static func move(_ move: PhaseMove, _ state: inout AppState) -> [Effect] {
        guard let followed = state.followed else { return [] }
        let status = followed.status
        do {
            let change = try Engine.phaseChange(
                move, plan: followed.plan, status: status, on: state.today)
            state.confirmation = Confirmation(
                kind: change.reason == .stepBack ? .stepBack(change) : .advance(change))
        } catch {
            var text = state.say(refusal(error, unit: status.load.metric.unit, state))
            if case .notReady = error, case .advance = move {
                // The way past unmet criteria, for a physio: a forced advance with a reason.
                let key = KeyTable.shownKey(.forceAdvance, in: state, contexts: [.plan]) ?? "F"
                text += " " + state.say(UIPhrase.forceHint(key))
            }
            state.notice = Notice(text, isError: true)
        }
        return []
    }

    static func refusal(_ refusal: PhaseMoveRefusal, unit: String, _ state: AppState)
        -> LocalizedText
    {
        switch refusal {
        case .lastPhase: return Phrase.lastPhase()
        case .firstPhase: return UIPhrase.firstPhase()
        case .openFlags: return UIPhrase.flagsOpen()
        case .notReady(_, let unmet):
            let text = unmet.map { state.messages.criterion($0, unit: unit) }
                .joined(separator: "; ")
            return UIPhrase.notReadyNotice(text)
        // The Plan screen moves one phase at a time: these cannot happen from it.
        case .unknownPhase(let id, let known): return Phrase.unknownPhase(id, known: known)
        case .alreadyIn(let phase): return Phrase.alreadyInPhase(phase.names.text(state.language))
        case .skipNeedsForce(let phase):
            return Phrase.skipPhasesNeedsForce(phase.names.text(state.language))
        }
    }
}

/// The history table: moving, editing, deleting with confirmation, undo.
enum HistoryActions {
    /// Newest first; on one day the sessions (later in the day) above the morning check.
    static func entries(_ history: History, phases: [PhaseChange] = []) -> [HistoryEntry] {
        var result: [HistoryEntry] = []
        result.reserveCapacity(history.sessions.count + history.mornings.count)
        var s = history.sessions.count - 1
        var m = history.mornings.count - 1
        while s >= 0 || m >= 0 {
            if s >= 0 && (m < 0 || history.sessions[s].date >= history.mornings[m].date) {
                result.append(.session(history.sessions[s]))
                s -= 1
            } else {
                result.append(.morning(history.mornings[m]))
                m -= 1
            }
        }
        // Phase changes and clearings above the records of their day.
        let events =
            history.clearings.map(HistoryEntry.clearing) + phases.map(HistoryEntry.phaseChange)
        for event in events.sorted(by: { $0.date < $1.date }) {
            let at = result.firstIndex { $0.date <= event.date } ?? result.count
            result.insert(event, at: at)
        }
        return result
    }

    /// Moves to the next row below the selection (round again from the top) whose text holds
    /// the query, in any case; says so when none does.
    static func search(
        _ query: String, _ rows: [HistoryEntry], _ selection: inout SelectionState,
        state: inout AppState
    ) {
        let needle = query.lowercased().trimmingCharacters(in: " ")
        guard !needle.isEmpty, !rows.isEmpty else { return }
        let start = (selection.selected ?? -1) + 1
        for step in 0..<rows.count {
            let i = (start + step) % rows.count
            let text =
                HistoryView.cells(
                    rows[i], verdict: nil, state: state, messages: state.messages
                ).joined(separator: " ") + " " + note(rows[i])
            if text.lowercased().contains(needle) {
                selection.selected = i
                return
            }
        }
        state.notice = Notice(state.say(UIPhrase.searchNotFound(query)), isError: true)
    }

    static func note(_ entry: HistoryEntry) -> String {
        if case .session(let s) = entry { return s.note + " " + (s.shoe ?? "") }
        return ""
    }

    static func handle(
        _ action: AppAction, _ selection: inout SelectionState, _ state: inout AppState
    ) -> [Effect] {
        guard let followed = state.followed else { return [] }
        let rows = entries(followed)
        let page = max(1, Layout.tableRows(state.size))
        if var query = state.historySearch {
            switch action {
            case .command(.back): state.historySearch = nil
            case .command(.confirm):
                state.historySearch = nil
                search(query.text, rows, &selection, state: &state)
            default:
                edit(&query, action)
                state.historySearch = query
            }
            selection.keepVisible(count: rows.count, visibleRows: page)
            return []
        }
        switch action {
        case .command(.search):
            state.historySearch = TextInput()
            return []
        case _ where selection.follow(action, count: rows.count, page: page): break
        case .command(.edit):
            guard let i = selection.selected, rows.indices.contains(i) else { break }
            switch rows[i] {
            case .session(let session):
                state.screens.append(
                    .log(
                        LogForm(
                            editing: session, flagOptions: Forms.flagOptions(followed.plan),
                            shoes: followed.shoes.map(\.name))))
            case .morning(let morning):
                state.screens.append(
                    .morning(
                        Forms.morningForm(followed.plan, date: morning.date, previous: morning)))
            case .phaseChange, .clearing, .note:
                state.notice = Notice(state.say(UIPhrase.eventNotEditable()), isError: true)
            case .measure:
                state.notice = Notice(state.say(MeasureUIPhrase.notEditable()))
            }
        case .command(.delete):
            guard let i = selection.selected, rows.indices.contains(i) else { break }
            guard rows[i].isEditable else {
                state.notice = Notice(state.say(UIPhrase.eventNotEditable()), isError: true)
                break
            }
            state.confirmation = Confirmation(kind: .delete(rows[i]))
        case .command(.undo):
            guard let undo = state.undos.popLast() else {
                state.notice = Notice(state.say(UIPhrase.nothingToUndo()))
                break
            }
            state.notice = Notice(state.say(UIPhrase.undoneLeft(state.undos.count)))
            return [.undo(undo)]
        default:
            return Screens.tabs(action, &state, scroll: 0) { _ in .history(selection) }
        }
        selection.keepVisible(count: rows.count, visibleRows: page)
        return []
    }
}

/// Yes/no confirmations and the "cleared by my doctor" reason.
enum Dialogs {
    static func handle(_ action: AppAction, _ state: inout AppState) -> [Effect] {
        guard var dialog = state.confirmation else { return [] }
        if action == .command(.back) || action == .command(.no) && !dialog.needsReason {
            state.confirmation = nil
            return []
        }
        if dialog.needsReason {
            if action == .command(.confirm) {
                let reason = dialog.reason.text.trimmingCharacters(in: " ")
                guard !reason.isEmpty else {
                    dialog.error = state.say(UIPhrase.reasonRequired())
                    state.confirmation = dialog
                    return []
                }
                do throws(ValidationError) {
                    _ = try Validate.text(reason, field: state.say(UIPhrase.reasonLabel()))
                } catch {
                    dialog.error = state.messages.validation(error)
                    state.confirmation = dialog
                    return []
                }
                state.confirmation = nil
                if case .examinedReferrals(let flags) = dialog.kind {
                    state.notice = Notice(state.say(ReviewPhrase.examinedNotice()))
                    let finding =
                        state.role == .physio
                        ? ReviewPhrase.examinedByPhysio(reason) : ReviewPhrase.seenByPhysio(reason)
                    return [.examinedReferrals(reason: state.say(finding), flags: flags)]
                }
                if case .forceAdvance(var change) = dialog.kind {
                    change.note = reason
                    state.notice = Notice(state.say(UIPhrase.forcedNotice()))
                    return [.advance(change)]
                }
                state.screens = [.today(scroll: 0)]
                return [.clearFlags(reason: reason)]
            }
            edit(&dialog.reason, action)
            dialog.error = nil
            state.confirmation = dialog
            return []
        }
        switch action {
        case .command(.nextField):
            dialog.selected = 1 - dialog.selected
            state.confirmation = dialog
            return []
        case .command(.yes):
            return perform(dialog.kind, &state)
        case .command(.confirm):
            if dialog.selected == 0 { return perform(dialog.kind, &state) }
            state.confirmation = nil
            return []
        default:
            return []
        }
    }

    static func perform(_ kind: Confirmation.Kind, _ state: inout AppState) -> [Effect] {
        state.confirmation = nil
        switch kind {
        case .advance(let change):
            return [.advance(change)]
        case .stepBack(let change):
            return [.stepBack(change)]
        case .delete(let entry):
            state.notice = Notice(state.say(UIPhrase.deleted()))
            switch entry {
            case .session(let session):
                guard let id = session.id else { return [] }
                state.remember(.restoreSession(session))
                return [.deleteSession(id)]
            case .morning(let morning):
                state.remember(.restoreMorning(morning))
                return [.deleteMorning(morning.date)]
            case .measure(let record):
                // Not undoable (measures are entered again instead).
                guard let id = record.id else { return [] }
                return [.deleteMeasure(id)]
            case .phaseChange, .clearing, .note:
                return []
            }
        case .clearFlags, .forceAdvance, .examinedReferrals:
            return []
        case .deletePatient(let patient):
            state.notice = Notice(state.say(UIPhrase.patientDeletedNotice(patient.name)))
            return [.deletePatient(patient.id)]
        case .archivePatient(let patient):
            state.notice = Notice(state.say(UIPhrase.patientArchivedNotice(patient.name)))
            return [.archivePatient(patient.id, archived: true)]
        case .resetTuning, .discardTuning:
            return Tuning.confirmed(kind, &state)
        case .discardForm:
            if !state.screens.isEmpty { state.screens.removeLast() }
            return []
        }
    }
}

extension String {
    func trimmingCharacters(in set: Character) -> String {
        var s = Substring(self)
        while s.first == set || s.first?.isWhitespace == true { s.removeFirst() }
        while s.last == set || s.last?.isWhitespace == true { s.removeLast() }
        return String(s)
    }
}

/// The Progress screen: the span, a week or a page back and forth through the history (never
/// before the first week nor past today's), and scrolling down the stacked charts.
enum ProgressActions {
    static func handle(
        _ action: AppAction, _ progress: inout ProgressState, _ state: inout AppState
    ) -> [Effect] {
        let window = ProgressView.window(progress, width: state.size.width)
        switch action {
        case .command(.left): progress.weeksBack = min(window.maxBack, window.weeksBack + 1)
        case .command(.right): progress.weeksBack = max(0, window.weeksBack - 1)
        case .command(.pageUp):
            progress.weeksBack = min(window.maxBack, window.weeksBack + window.axis.weeks)
        case .command(.pageDown):
            progress.weeksBack = max(0, window.weeksBack - window.axis.weeks)
        case .command(.top): progress.weeksBack = window.maxBack
        case .command(.bottom): progress.weeksBack = 0
        case .command(.span): choose(progress.span.next, &progress, state)
        case .digit(let n) where (1...ProgressState.Span.allCases.count).contains(n):
            choose(ProgressState.Span.allCases[n - 1], &progress, state)
        case .command(.down):
            progress.scroll = min(progress.scroll + 1, ProgressView.maxScroll(state, progress))
        case .command(.up): progress.scroll = max(0, progress.scroll - 1)
        default: return Screens.tabs(action, &state, scroll: 0) { _ in .progress(progress) }
        }
        return []
    }

    /// A new span keeps the newest week shown where it can, and the scroll within the charts.
    static func choose(
        _ span: ProgressState.Span, _ progress: inout ProgressState, _ state: AppState
    ) {
        progress.span = span
        let window = ProgressView.window(progress, width: state.size.width)
        progress.weeksBack = window.weeksBack
        progress.scroll = min(progress.scroll, ProgressView.maxScroll(state, progress))
    }

    /// After a load that changed the plan or the log: the series again, the place kept.
    static func refresh(_ state: inout AppState) {
        guard let followed = state.followed else { return }
        for i in state.screens.indices {
            guard case .progress(var progress) = state.screens[i] else { continue }
            progress.series = ProgressView.series(followed, today: state.today)
            state.screens[i] = .progress(progress)
        }
    }
}
