import RehabCore
import TerminalUI

/// The session form and the morning-check form: field keys, validation with the entry-point
/// rules of `Validate`, and the effects a save asks for.
enum Forms {
    /// The morning checklist's order: the plan's own red flags and physio referrals, then the
    /// built-in flags of other injuries; and how many are the plan's own.
    static func morningFlagOptions(_ plan: Plan) -> (options: [String], own: Int) {
        let own = plan.redFlags.map(\.id)
        let referrals = plan.referrals.map(\.id).filter { !own.contains($0) }
        let others = RedFlag.builtIn.keys.filter { !own.contains($0) && !referrals.contains($0) }
            .sorted()
        return (own + referrals + others, own.count + referrals.count)
    }

    static func morningForm(_ plan: Plan, date: Day, previous: MorningCheck?) -> MorningForm {
        let flags = morningFlagOptions(plan)
        return MorningForm(
            date: date, flagOptions: flags.options, previous: previous, ownFlags: flags.own)
    }

    /// The plan's own red flags first (with their questions), then the built-in ones, then the
    /// plan's physio referrals (answered the same way, judged as an advisory).
    static func flagOptions(_ plan: Plan) -> [String] {
        let own = plan.redFlags.map(\.id)
        return own + RedFlag.builtIn.keys.filter { !own.contains($0) }.sorted()
            + plan.referrals.map(\.id).filter { !own.contains($0) }
    }

    static func openLog(_ state: inout AppState) {
        guard let followed = state.followed else {
            state.notice = Notice(state.say(UIPhrase.needsPlan()), isError: true)
            return
        }
        let phase = followed.status.phase.phase
        let activity = phase.allowed.first ?? .walk
        var form = LogForm(
            activity: activity, date: state.today, flagOptions: flagOptions(followed.plan),
            shoes: followed.shoes.map(\.name))
        form.shoe = shoe(for: activity, shoes: form.shoes, history: followed.history)
        form.tests = tests(asked: phase)
        state.screens.append(.log(form))
    }

    /// The exit tests a phase asks for (hop test, calf raises): the form offers their fields.
    static func tests(asked phase: Phase) -> Set<LogForm.Field> {
        var tests: Set<LogForm.Field> = []
        if phase.exit.hopTest != nil { tests.insert(.hopTest) }
        if phase.exit.calfRaises != nil { tests.insert(.calfRaises) }
        return tests
    }

    /// The shoe a new session starts with: on foot, the shoe last run in, or the only shoe
    /// there is; "none" for anything else (a bike ride wears no running shoe).
    static func shoe(for activity: Activity, shoes: [String], history: History) -> Int {
        guard activity == .run || activity == .walk, !shoes.isEmpty else { return 0 }
        if let last = history.sessions.last(where: { $0.shoe != nil })?.shoe,
            let i = shoes.firstIndex(of: last)
        {
            return i + 1
        }
        return shoes.count == 1 ? 1 : 0
    }

    /// Ticking off the day's exercises logs them as an exercises session: what adherence
    /// counts. The form opens with the exercises named in the note; minutes and pain are the
    /// runner's to give (a default would store pain nobody reported).
    static func openExercises(_ state: inout AppState) {
        guard let followed = state.followed else { return }
        let phase = followed.status.phase.phase
        guard !phase.exercises.isEmpty else {
            state.notice = Notice(state.say(UIPhrase.noExercisesToday()))
            return
        }
        var form = LogForm(
            activity: .exercises, date: state.today, flagOptions: flagOptions(followed.plan),
            shoes: followed.shoes.map(\.name))
        func name(_ id: String) -> String {
            followed.plan.exercise(id)?.names.text(state.language) ?? id
        }
        // Ticked: the ones not done yet today (the usual day: all); untick what was left out.
        let done = TodayView.exercisesDone(followed, today: state.today)
        let open = phase.exercises.map(\.exercise).filter { !done.contains($0) }
        form.exercises = FlagChoice(
            options: phase.exercises.map { name($0.exercise) },
            chosen: open.isEmpty ? phase.exercises.map { name($0.exercise) } : open.map(name))
        form.focus = .minutes
        state.screens.append(.log(form))
    }

    static func openMorning(_ state: inout AppState) {
        guard let followed = state.followed else {
            state.notice = Notice(state.say(UIPhrase.needsPlan()), isError: true)
            return
        }
        let day = followed.status.morningCheckDue ?? state.today
        let previous = followed.history.mornings.last { $0.date == day }
        state.screens.append(
            .morning(morningForm(followed.plan, date: day, previous: previous)))
    }

    /// Digits set a pain score; "1" then "0" makes 10.
    static func typePain(_ digit: Int, _ value: inout Int?, _ pendingOne: inout Bool) {
        if pendingOne && digit == 0 {
            value = 10
            pendingOne = false
        } else {
            value = digit
            pendingOne = digit == 1
        }
    }

    static func stepPain(_ value: inout Int?, by step: Int) {
        value = min(10, max(0, (value ?? 0) + step))
    }

    /// A log or morning form with something typed or chosen, which Esc would lose.
    static func isFilled(_ screen: Screen) -> Bool {
        switch screen {
        case .log(let form): form.touched
        case .morning(let form): form.touched
        default: false
        }
    }

    // MARK: - Session form

    static func log(_ action: AppAction, _ form: inout LogForm, _ state: inout AppState)
        -> [Effect]
    {
        if action == .command(.confirm) { return save(&form, &state) }
        let fields = form.fields
        let before = form
        switch action {
        case .command(.nextField), .command(.previousField):
            let step = action == .command(.nextField) ? 1 : fields.count - 1
            let index = fields.firstIndex(of: form.focus) ?? 0
            form.focus = fields[(index + step) % fields.count]
            form.pendingOne = false
        case .digit(let n):
            if form.focus == .painDuring { typePain(n, &form.painDuring, &form.pendingOne) }
            if form.focus == .painAfter { typePain(n, &form.painAfter, &form.pendingOne) }
        case .command(.toggle):
            if form.focus == .lasted { form.lasted.toggle() }
            if form.focus == .flags { form.flags.toggle() }
            if form.focus == .exercises { form.exercises?.toggle() }
        case .command(.left), .command(.right):
            let step = action == .command(.right) ? 1 : -1
            form.pendingOne = false
            switch form.focus {
            case .activity:
                let all = Activity.allCases
                let i = all.firstIndex(of: form.activity) ?? 0
                form.activity = all[(i + step + all.count) % all.count]
                if !form.shoePicked && form.editing == nil {
                    form.shoe = shoe(
                        for: form.activity, shoes: form.shoes,
                        history: state.followed?.history ?? History())
                }
            case .painDuring: stepPain(&form.painDuring, by: step)
            case .painAfter: stepPain(&form.painAfter, by: step)
            case .lasted: form.lasted.toggle()
            case .flags:
                let count = max(1, form.flags.options.count)
                form.flags.cursor = (form.flags.cursor + step + count) % count
            case .exercises:
                if var choice = form.exercises {
                    let count = max(1, choice.options.count)
                    choice.cursor = (choice.cursor + step + count) % count
                    form.exercises = choice
                }
            case .shoe:
                let count = form.shoes.count + 1
                form.shoe = (form.shoe + step + count) % count
                form.shoePicked = true
            case .date, .km, .minutes, .note, .hopTest, .calfRaises: editText(&form, action)
            }
        case .type(let c) where form.focus.isNumber && !(c.isNumber || c == "." || c == ","):
            // A letter in a number field (a "q" meant to quit) is not typed in.
            break
        default:
            editText(&form, action)
        }
        var after = form
        after.focus = before.focus
        after.pendingOne = before.pendingOne
        after.flags.cursor = before.flags.cursor
        after.exercises?.cursor = before.exercises?.cursor ?? 0
        if after != before {
            form.touched = true
            // The value the error was about changed: the error no longer says anything true.
            if form.error?.field == form.focus.rawValue { form.error = nil }
        }
        Screens.replaceTop(&state, .log(form))
        return []
    }

    /// An editing key for the focused field's text box; a field without one ignores it.
    private static func editText(_ form: inout LogForm, _ action: AppAction) {
        if let input = form.focus.input { edit(&form[keyPath: input], action) }
    }

    static func label(_ field: LogForm.Field, _ language: Language) -> String {
        let text: LocalizedText
        switch field {
        case .activity: text = UIPhrase.fieldActivity()
        case .date: text = UIPhrase.fieldDate()
        case .km: text = UIPhrase.fieldKm()
        case .minutes: text = UIPhrase.fieldMinutes()
        case .painDuring: text = UIPhrase.fieldPainDuring()
        case .painAfter: text = UIPhrase.fieldPainAfter()
        case .lasted: text = UIPhrase.fieldLasted()
        case .flags: text = UIPhrase.fieldFlags()
        case .shoe: text = UIPhrase.fieldShoe()
        case .note: text = UIPhrase.fieldNote()
        case .hopTest: text = UIPhrase.fieldHopTest()
        case .calfRaises: text = UIPhrase.fieldCalfRaises()
        case .exercises: text = UIPhrase.fieldExercises()
        }
        return text.text(language)
    }

    /// The session the form describes, or the first field that is wrong, named in the message.
    static func session(from form: LogForm, state: AppState) -> Result<Session, FieldError> {
        let m = state.messages
        let language = state.language
        func check<T>(_ field: LogForm.Field, _ body: () throws(ValidationError) -> T)
            throws(FieldError) -> T
        {
            do {
                return try body()
            } catch {
                throw FieldError(field: field.rawValue, message: m.validation(error))
            }
        }
        func pain(_ field: LogForm.Field, _ value: Int?) throws(FieldError) -> Int {
            guard let value else {
                throw FieldError(
                    field: field.rawValue,
                    message: "\(label(field, language)): \(UIPhrase.painRequired().text(language))")
            }
            return value
        }
        do throws(FieldError) {
            let date = try check(.date) { () throws(ValidationError) in
                try Validate.date(form.date.text, field: label(.date, language), today: state.today)
            }
            if let start = state.followed?.assignment.startDate, date < start {
                throw FieldError(
                    field: LogForm.Field.date.rawValue,
                    message: "\(label(.date, language)): \(date.iso) "
                        + UIPhrase.beforeStart(start).text(language))
            }
            let kmText = form.km.text.trimmingCharacters(in: " ")
            let km = try check(.km) { () throws(ValidationError) -> Double? in
                kmText.isEmpty
                    ? nil
                    : try Validate.km(
                        kmText, field: label(.km, language), comma: language.writesDecimalComma)
            }
            let minutes = try check(.minutes) { () throws(ValidationError) in
                try Validate.minutes(form.minutes.text, field: label(.minutes, language))
            }
            let during = try pain(.painDuring, form.painDuring)
            let after = try pain(.painAfter, form.painAfter)
            var noteText = form.note.text
            if let exercises = form.exercises {
                let done = exercises.options.filter { exercises.chosen.contains($0) }
                if done.isEmpty {
                    throw FieldError(
                        field: LogForm.Field.exercises.rawValue,
                        message: "\(label(.exercises, language)): "
                            + UIPhrase.tickAnExercise().text(language))
                }
                let extra = noteText.trimmingCharacters(in: " ")
                noteText = done.joined(separator: ", ") + (extra.isEmpty ? "" : " · " + extra)
            }
            let note = try check(.note) { () throws(ValidationError) in
                try Validate.text(noteText, field: label(.note, language))
            }
            // The CLI's range for `--hop-test` and `--calf-raises`; empty = not tested today.
            func count(_ field: LogForm.Field, _ input: TextInput) throws(FieldError) -> Int? {
                let text = input.text.trimmingCharacters(in: " ")
                guard !text.isEmpty else { return nil }
                return try check(field) { () throws(ValidationError) in
                    try Validate.integer(text, field: label(field, language), in: 1...500)
                }
            }
            let hops = try count(.hopTest, form.hopTest)
            let raises = try count(.calfRaises, form.calfRaises)
            let flags = form.flags.options.filter { form.flags.chosen.contains($0) }
            return .success(
                Session(
                    id: form.editing?.id, date: date, activity: form.activity, km: km,
                    minutes: minutes, painDuring: during, painAfter: after,
                    lastedOver2h: form.lasted,
                    flags: flags, shoe: form.shoe > 0 ? form.shoes[form.shoe - 1] : nil, note: note,
                    calfRaises: form.tests.contains(.calfRaises)
                        ? raises : form.editing?.calfRaises,
                    hopTest: form.tests.contains(.hopTest) ? hops : form.editing?.hopTest))
        } catch {
            return .failure(error)
        }
    }

    static func save(_ form: inout LogForm, _ state: inout AppState) -> [Effect] {
        switch session(from: form, state: state) {
        case .failure(let error):
            form.error = error
            form.focus = LogForm.Field(rawValue: error.field) ?? form.focus
            Screens.replaceTop(&state, .log(form))
            return []
        case .success(let session):
            state.unsaved = UnsavedForm(screen: .log(form), undoCount: state.undos.count)
            state.screens.removeLast()
            let effect: (Int64) -> Effect
            if let old = form.editing {
                state.remember(.revertSession(old))
                state.notice = Notice(state.say(UIPhrase.updated()))
                effect = { .updateSession(patient: $0, session) }
            } else {
                state.notice = Notice(
                    state.say(
                        Phrase.sessionLogged(
                            summary(session, state.language), date: session.date)))
                effect = { .saveSession(patient: $0, session) }
            }
            if let stop = StopState.logged(session.flags, on: session.date, state) {
                state.screens = [.stop(stop)]
            }
            return state.forPatient(effect)
        }
    }

    static func summary(_ s: Session, _ language: Language) -> String {
        var parts = [s.activity.name.text(language)]
        if let km = s.km { parts.append("\(formatNumber(km, decimals: 2)) km") }
        parts.append("\(s.minutes) min")
        parts.append("\(s.painDuring)/\(s.painAfter)")
        return parts.joined(separator: ", ")
    }

    // MARK: - Morning form

    static func morning(_ action: AppAction, _ form: inout MorningForm, _ state: inout AppState)
        -> [Effect]
    {
        switch action {
        case .command(.confirm):
            guard let pain = form.pain else {
                form.error = FieldError(
                    field: MorningForm.Field.pain.rawValue,
                    message: "\(state.say(UIPhrase.fieldPain())): "
                        + state.say(UIPhrase.painRequired()))
                form.focus = .pain
                Screens.replaceTop(&state, .morning(form))
                return []
            }
            let flags = form.flags.options.filter { form.flags.chosen.contains($0) }
            let check = MorningCheck(date: form.date, pain: pain, flags: flags)
            let previous =
                form.previous ?? state.followed?.history.mornings.last { $0.date == form.date }
            state.unsaved = UnsavedForm(screen: .morning(form), undoCount: state.undos.count)
            state.remember(previous.map { .restoreMorning($0) } ?? .removeMorning(form.date))
            state.screens.removeLast()
            state.notice = Notice(state.say(UIPhrase.morningSavedNotice(pain)))
            if let stop = StopState.logged(flags, on: form.date, state) {
                state.screens = [.stop(stop)]
            }
            return state.forPatient { .saveMorning(patient: $0, check) }
        case .command(.nextField), .command(.previousField):
            // Pain, then each checklist row, round again.
            let rows = form.flagRows
            var position = form.focus == .pain ? 0 : form.flags.cursor + 1
            position =
                (position + (action == .command(.nextField) ? 1 : rows)) % (rows + 1)
            form.focus = position == 0 ? .pain : .flags
            form.flags.cursor = max(0, position - 1)
            form.pendingOne = false
        case .digit(let n):
            if form.focus == .pain {
                typePain(n, &form.pain, &form.pendingOne)
                form.touched = true
                form.error = nil
            }
        case .command(.toggle):
            if form.focus == .flags && form.onOther {
                form.showOther = true
            } else if form.focus == .flags {
                form.flags.toggle()
                form.touched = true
            }
        case .command(.left), .command(.right):
            let step = action == .command(.right) ? 1 : -1
            form.pendingOne = false
            if form.focus == .pain {
                stepPain(&form.pain, by: step)
                form.touched = true
                form.error = nil
            }
        default: break
        }
        Screens.replaceTop(&state, .morning(form))
        return []
    }
}
