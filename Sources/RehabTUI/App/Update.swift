import RehabApp
import RehabCore
import TerminalUI

/// Applies one action to the state and returns the effects it asks for. Pure: no store, no
/// clock, no terminal; the app loop runs the effects and feeds their results back in.
func update(_ state: inout AppState, _ action: AppAction) -> [Effect] {
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
        if state.newestIndex(of: .patients) != nil {
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
        if state.newestIndex(of: .patients) != nil {
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
    case .stop(var stop) where !stop.saving.isEmpty:
        // The store answered: the status has the flags that were being saved.
        stop.saving = []
        state.screens[0] = .stop(stop)
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
        if let effects = handled(.tune, &state, { Tuning.handle(action, &$0, &$1) }) {
            return effects
        }
        // Shoes too: Esc closes the add form before it leaves the screen.
        if let effects = handled(.shoes, &state, { ShoeActions.handle(action, &$0, &$1) }) {
            return effects
        }
        // Notes too: Esc drops the note being written before it leaves the screen.
        if let effects = handled(.notes, &state, { NoteActions.handle(action, &$0, &$1) }) {
            return effects
        }
        if let effects = handled(.discharge, &state, { DischargeActions.handle(action, &$0, &$1) })
        {
            return effects
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
        case .patients:
            return handled(.patients, &state) { PatientActions.list(action, &$0, &$1) } ?? []
        case .nameForm(var form):
            return PatientActions.name(action, &form, &state)
        case .setup:
            return handled(.setup, &state) { PatientActions.setup(action, &$0, &$1) } ?? []
        case .tune, .shoes, .notes, .discharge:
            return []
        case .language(var selection):
            let chosen = list(action, &selection, count: Language.allCases.count)
            replaceTop(&state, .language(selection))
            switch chosen {
            case .chosen(let index):
                state.language = Language.allCases[index]
                state.screens.append(.role(SelectionState(selected: 0)))
                return []
            case .quit: return quit(&state)
            case .none: return []
            }
        case .role(var selection):
            let chosen = list(action, &selection, count: Language.allCases.count)
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
        case .picker:
            return handled(.picker, &state) { Picking.handle(action, &$0, &$1) } ?? []
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
        case .history:
            return handled(.history, &state) { HistoryActions.handle(action, &$0, &$1) } ?? []
        case .stop(let stop):
            if stop.beforeStart { return [] }
            if action == .command(.clearFlags) {
                let open = state.followed.map {
                    Engine.openReports(history: $0.history, asOf: state.today)
                }
                state.confirmation = Confirmation(kind: .clearFlags(open ?? []))
                return []
            }
            return tabs(action, &state, scroll: 0) { _ in .stop(stop) }
        case .log(var form):
            return Forms.log(action, &form, &state)
        case .morning(var form):
            return Forms.morning(action, &form, &state)
        case .measure(var form):
            return MeasureActions.handle(action, &form, &state)
        case .importRuns:
            return handled(.importRuns, &state) { Imports.handle(action, &$0, &$1) } ?? []
        case .help(let scroll):
            if action == .command(.down) {
                replaceTop(&state, .help(scroll: min(scroll + 1, maxScroll(state))))
            }
            if action == .command(.up) { replaceTop(&state, .help(scroll: max(0, scroll - 1))) }
            return []
        case .progress:
            return handled(.progress, &state) { ProgressActions.handle(action, &$0, &$1) } ?? []
        }
    }

    static func replaceTop(_ state: inout AppState, _ screen: Screen) {
        guard !state.screens.isEmpty else { return }
        state.screens[state.screens.count - 1] = screen
    }

    /// Hands the top screen's state to its handler when the top is of `slot`'s kind, then writes
    /// the state back where that screen sits (even if the handler pushed another screen over
    /// it), so no way through a handler can drop a change. Nil when the top is another kind.
    static func handled<State>(
        _ slot: ScreenSlot<State>, _ state: inout AppState,
        _ handler: (inout State, inout AppState) -> [Effect]
    ) -> [Effect]? {
        guard var value = slot.read(state.top) else { return nil }
        let effects = handler(&value, &state)
        if let i = state.newestIndex(of: slot) {
            state.screens[i] = slot.make(value)
        }
        return effects
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
        case .command(.discharge):
            guard state.mayDecideCare() else { break }
            return DischargeActions.open(&state)
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
                    return state.forPatient {
                        .examinedReferrals(patient: $0, reason: state.say(finding), flags: flags)
                    }
                }
                if case .forceAdvance(var change) = dialog.kind {
                    change.note = reason
                    state.notice = Notice(state.say(UIPhrase.forcedNotice()))
                    return state.forPatient { .advance(patient: $0, change) }
                }
                // A clearing with no reports would clear every one up to its date, later ones
                // of the same day included: it names the reports it covers, or is not made.
                guard case .clearFlags(let reports) = dialog.kind, !reports.isEmpty else {
                    // Asked while the flag was still being saved: nothing stored to clear yet.
                    state.notice = Notice(state.say(UIPhrase.flagsStillSaving()), isError: true)
                    return []
                }
                state.screens = [.today(scroll: 0)]
                return state.forPatient {
                    .clearFlags(patient: $0, reason: reason, reports: reports)
                }
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
            return state.forPatient { .advance(patient: $0, change) }
        case .stepBack(let change):
            return state.forPatient { .stepBack(patient: $0, change) }
        case .delete(let entry):
            state.notice = Notice(state.say(UIPhrase.deleted()))
            switch entry {
            case .session(let session):
                guard let id = session.id else { return [] }
                state.remember(.restoreSession(session))
                return state.forPatient { .deleteSession(patient: $0, id) }
            case .morning(let morning):
                state.remember(.restoreMorning(morning))
                return state.forPatient { .deleteMorning(patient: $0, morning.date) }
            case .measure(let record):
                // Not undoable (measures are entered again instead).
                guard let id = record.id else { return [] }
                return state.forPatient { .deleteMeasure(patient: $0, id) }
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
