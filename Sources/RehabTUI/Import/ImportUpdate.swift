import RehabApp
import RehabCore
import RehabStorage

/// Importing run files in the app: the path, each run's pain scores and shoe, and one import
/// at the end. Pure like the rest of `update`: the runner reads the files and stores the runs.
enum Imports {
    static func open(_ state: inout AppState) {
        guard let followed = state.followed else {
            state.notice = Notice(state.say(UIPhrase.needsPlan()), isError: true)
            return
        }
        state.screens.append(.importRuns(ImportForm(shoes: followed.shoes.map(\.name))))
    }

    static func handle(_ action: AppAction, _ form: inout ImportForm, _ state: inout AppState)
        -> [Effect]
    {
        switch form.stage {
        case .path: path(action, &form, state)
        case .runs: runs(action, &form, state)
        }
    }

    /// Esc on the runs goes back to the path (the scores typed so far are dropped); on the
    /// path it leaves the screen.
    static func back(_ state: inout AppState) -> Bool {
        guard case .importRuns(var form) = state.top, form.stage == .runs else { return false }
        form.stage = .path
        form.runs = []
        form.error = nil
        Screens.replaceTop(&state, .importRuns(form))
        return true
    }

    static func path(_ action: AppAction, _ form: inout ImportForm, _ state: AppState)
        -> [Effect]
    {
        guard action == .command(.confirm) else {
            edit(&form.path, action)
            if case .type = action { form.errors = [] }
            return []
        }
        let typed = form.path.text.trimmingCharacters(in: " ")
        guard !typed.isEmpty else {
            form.errors = [UIPhrase.importPathRequired()]
            return []
        }
        form.errors = []
        return state.forPatient { .readRunFiles(patient: $0, typed) }
    }

    /// What the runner found at the path: problems stay on the path stage, naming each file;
    /// otherwise the new runs are asked about one by one.
    static func read(_ found: RunsFound, _ state: inout AppState) {
        guard let index = state.newestIndex(of: .importRuns),
            case .importRuns(var form) = state.screens[index]
        else { return }
        defer { state.screens[index] = .importRuns(form) }
        if let refusal = found.refusal {
            form.errors = [refusal]
            return
        }
        let placed = PlacedRuns(
            found.runs, today: state.today, planStart: state.followed?.assignment.startDate)
        let problems = (found.failures + placed.inFuture).map { line($0.file, $0.reason) }
        let beforeStart = placed.beforeStart
        var pending: [PendingRun] = []
        var seen = found.known
        var already = 0
        for run in placed.importable {
            guard seen.insert(run.run.startTime).inserted else {
                already += 1
                continue
            }
            // Like the session form: a run starts on the first shoe, if there is one.
            let shoe = run.run.activity == .run && !form.shoes.isEmpty ? 1 : 0
            pending.append(PendingRun(found: run, shoe: shoe))
        }
        // One bad file does not hold back the others: it is listed beside them. The .fit files
        // left out are said here too, as `rehab import` says them, when nothing else is new.
        guard !pending.isEmpty else {
            let fit = found.fitSkipped > 0 ? [Phrase.fitFilesSkipped(found.fitSkipped)] : []
            form.errors =
                (problems.isEmpty
                    ? [UIPhrase.noNewRuns(already: already, beforeStart: beforeStart)]
                    : [Phrase.runFilesFailed(problems.count)] + problems) + fit
            return
        }
        form.errors = []
        form.refused = problems.isEmpty ? [] : [Phrase.runFilesRefused(problems.count)] + problems
        form.runs = pending
        form.alreadyThere = already
        form.beforeStart = beforeStart
        form.fitSkipped = found.fitSkipped
        form.stage = .runs
        form.current = 0
        form.focus = .painDuring
        form.pendingOne = false
        form.error = nil
    }

    static func line(_ file: String, _ reason: LocalizedText) -> LocalizedText {
        LocalizedText(nl: "\(file): \(reason.nl)", en: "\(file): \(reason)")
    }

    /// The fields a run asks for: the shoe only for runs, and only when there are shoes.
    static func fields(_ run: PendingRun, _ form: ImportForm) -> [ImportForm.Field] {
        run.found.run.activity == .run && !form.shoes.isEmpty
            ? ImportForm.Field.allCases : [.painDuring, .painAfter]
    }

    static func runs(_ action: AppAction, _ form: inout ImportForm, _ state: AppState)
        -> [Effect]
    {
        guard form.runs.indices.contains(form.current) else { return [] }
        var run = form.runs[form.current]
        defer { if form.runs.indices.contains(form.current) { form.runs[form.current] = run } }
        switch action {
        case .command(.confirm):
            return confirm(&form, &run, state)
        case .command(.nextField), .command(.previousField):
            form.pendingOne = false
            move(&form, &run, forward: action == .command(.nextField))
        case .digit(let n):
            if form.focus == .painDuring {
                Forms.typePain(n, &run.painDuring, &form.pendingOne)
            }
            if form.focus == .painAfter { Forms.typePain(n, &run.painAfter, &form.pendingOne) }
            if form.error?.field == form.focus.rawValue { form.error = nil }
        case .command(.left), .command(.right):
            let step = action == .command(.right) ? 1 : -1
            form.pendingOne = false
            switch form.focus {
            case .painDuring: Forms.stepPain(&run.painDuring, by: step)
            case .painAfter: Forms.stepPain(&run.painAfter, by: step)
            case .shoe:
                let count = form.shoes.count + 1
                run.shoe = (run.shoe + step + count) % count
            }
            if form.error?.field == form.focus.rawValue { form.error = nil }
        default:
            break
        }
        return []
    }

    /// Tab walks the fields and on into the next run (Shift-Tab back into the previous one).
    static func move(_ form: inout ImportForm, _ run: inout PendingRun, forward: Bool) {
        let here = fields(run, form)
        let at = here.firstIndex(of: form.focus) ?? 0
        let next = at + (forward ? 1 : -1)
        if here.indices.contains(next) {
            form.focus = here[next]
            return
        }
        let target = form.current + (forward ? 1 : -1)
        guard form.runs.indices.contains(target) else { return }
        form.runs[form.current] = run
        form.current = target
        run = form.runs[target]
        form.focus = forward ? .painDuring : fields(run, form).last ?? .painAfter
        form.error = nil
    }

    /// Enter: on to the next run once this one has both scores; on the last run, the import.
    static func confirm(_ form: inout ImportForm, _ run: inout PendingRun, _ state: AppState)
        -> [Effect]
    {
        form.pendingOne = false
        if let missing = missingField(run) {
            form.focus = missing
            form.error = FieldError(
                field: missing.rawValue, message: missingMessage(missing, state))
            return []
        }
        form.error = nil
        if form.current < form.runs.count - 1 {
            form.runs[form.current] = run
            form.current += 1
            run = form.runs[form.current]
            form.focus = .painDuring
            return []
        }
        form.runs[form.current] = run
        // Tab may have skipped a run: every run needs its scores before anything is stored.
        if let open = form.runs.firstIndex(where: { missingField($0) != nil }) {
            form.current = open
            run = form.runs[open]
            let missing = missingField(run) ?? .painDuring
            form.focus = missing
            form.error = FieldError(
                field: missing.rawValue, message: missingMessage(missing, state))
            return []
        }
        let imported = form.runs.compactMap { pending -> ImportedRun? in
            guard let during = pending.painDuring, let after = pending.painAfter else { return nil }
            let shoe =
                pending.shoe > 0 && pending.shoe <= form.shoes.count
                ? form.shoes[pending.shoe - 1] : nil
            return pending.found.run.imported(
                painDuring: during, painAfter: after, shoe: shoe, on: pending.found.day)
        }
        return state.forPatient { .importRuns(patient: $0, imported) }
    }

    static func missingField(_ run: PendingRun) -> ImportForm.Field? {
        if run.painDuring == nil { return .painDuring }
        if run.painAfter == nil { return .painAfter }
        return nil
    }

    static func missingMessage(_ field: ImportForm.Field, _ state: AppState) -> String {
        let label = field == .painDuring ? UIPhrase.fieldPainDuring() : UIPhrase.fieldPainAfter()
        return state.say(label) + ": " + state.say(UIPhrase.painRequired())
    }

    /// The store took the runs: back to where the import started, with the counts.
    static func imported(added: Int, duplicates: Int, _ state: inout AppState) {
        guard let index = state.newestIndex(of: .importRuns),
            case .importRuns(let form) = state.screens[index]
        else { return }
        state.screens.remove(at: index)
        state.notice = Notice(
            state.say(
                UIPhrase.runsImportedNotice(
                    added: added, already: form.alreadyThere + duplicates,
                    beforeStart: form.beforeStart)))
    }
}
