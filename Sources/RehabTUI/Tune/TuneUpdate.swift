import RehabCore
import RehabPlans
import RehabStorage
import TerminalUI

/// A patient's plan as the Tune screen needs it: the template they follow and the assignment
/// with the stored overrides.
struct TuneSource: Sendable, Hashable {
    var patient: PatientRecord
    /// The plan file (catalogue or stored), variants and all.
    var template: Plan
    var assignment: Assignment

}

/// One row of the Tune screen. Headings are not selectable; every other row has the fields
/// `Tuning.fields` lists (none for the "add" rows, which act on Enter).
enum TuneRow: Sendable, Hashable {
    case thresholdsHeading
    case phaseHeading(phase: Int)
    case threshold(TuningField)
    case days(phase: Int)
    case exercise(phase: Int, id: String)
    case addExercise(phase: Int)
    case step(phase: Int, index: Int)
    case addStep(phase: Int)

    var isSelectable: Bool {
        switch self {
        case .thresholdsHeading, .phaseHeading: false
        default: true
        }
    }
}

/// The Tune screen: the overrides being edited, which row and field are selected, and the
/// value being typed.
struct TuneState: Sendable, Hashable {
    var patient: PatientRecord
    var template: Plan
    /// As stored: `overrides` differ from `assignment.overrides` until saved.
    var assignment: Assignment
    var overrides: PlanOverrides
    /// Index into `Tuning.rows`.
    var row: Int
    /// Index into the row's fields.
    var field = 0
    var offset = 0
    /// The value being typed, when Enter opened a field.
    var editing: TextInput?
    /// Why the last edit was refused (field, value, allowed range); nothing was changed.
    var error: String?
    /// Choosing an exercise from the plan's library for a phase.
    var adding: ExerciseChoice?
    /// The differences from the template instead of the rows, scrolled this far.
    var differences: Int?

    init(_ source: TuneSource) {
        patient = source.patient
        template = source.template
        assignment = source.assignment
        overrides = source.assignment.overrides
        row = 1
    }

    var isDirty: Bool { overrides != assignment.overrides }
}

/// The plan's exercises a phase does not have yet, to pick one from.
struct ExerciseChoice: Sendable, Hashable {
    var phase: Int
    var options: [String]
    var selected = 0

    init(phase: Int, options: [String]) {
        self.phase = phase
        self.options = options
    }
}

/// The Tune screen's rules: rows and fields from the plan, edits checked like `rehab tune`
/// (each value against its plan-file range, then the whole tuned plan as a plan file).
enum Tuning {
    /// The tunable thresholds in table order, then the per-activity pain of tendon plans.
    static let thresholdFields: [TuningField] =
        ThresholdDescriptor.all.filter(\.tunable).compactMap { TuningField($0.key) } + [
            .exercisesSafeMax, .exercisesLimit, .strengthSafeMax, .strengthLimit,
        ]

    /// The template with the patient's variant: what "was" means.
    static func base(_ tune: TuneState) -> Plan {
        tune.template.resolved(variant: tune.assignment.variantID)
    }

    static func tuned(_ tune: TuneState, _ overrides: PlanOverrides? = nil) -> Plan {
        tune.template.resolved(
            variant: tune.assignment.variantID, overrides: overrides ?? tune.overrides)
    }

    static func differences(_ tune: TuneState, language: Language = .en) -> [PlanDiff.Line] {
        PlanDiff(template: base(tune), tuned: tuned(tune), language: language).lines()
    }

    static func rows(_ plan: Plan) -> [TuneRow] {
        var rows: [TuneRow] = [.thresholdsHeading]
        rows += thresholdFields.map { .threshold($0) }
        for (i, phase) in plan.phases.enumerated() {
            rows.append(.phaseHeading(phase: i))
            rows.append(.days(phase: i))
            rows += phase.exercises.map { .exercise(phase: i, id: $0.exercise) }
            rows.append(.addExercise(phase: i))
            if !phase.runWalk.isEmpty || phase.kind == .returnToRunning {
                rows += phase.runWalk.indices.map { .step(phase: i, index: $0) }
                rows.append(.addStep(phase: i))
            }
        }
        return rows
    }

    static func fields(_ row: TuneRow, in plan: Plan) -> [TuningField] {
        switch row {
        case .threshold(let field): return [field]
        case .days: return [.minDays, .maxDays]
        case .exercise(let phase, let id):
            guard let p = prescription(plan, phase, id) else { return [] }
            return [.sets, p.reps != nil ? .reps : .hold, p.perDay != nil ? .perDay : .perWeek]
        case .step: return [.run, .walk, .total, .sessionsPerWeek, .sessionsToPass]
        default: return []
        }
    }

    static func prescription(_ plan: Plan, _ phase: Int, _ id: String) -> Prescription? {
        guard plan.phases.indices.contains(phase) else { return nil }
        return plan.phases[phase].exercises.first { $0.exercise == id }
    }

    static func step(_ plan: Plan, _ phase: Int, _ index: Int) -> RunWalkStep? {
        guard plan.phases.indices.contains(phase),
            plan.phases[phase].runWalk.indices.contains(index)
        else { return nil }
        return plan.phases[phase].runWalk[index]
    }

    /// A field's value in a plan; nil when the plan has no such value (a max of none, an
    /// exercise the template lacks).
    static func value(_ row: TuneRow, _ field: TuningField, in plan: Plan) -> Double? {
        switch row {
        case .threshold:
            let t = plan.thresholds.applied(to: Thresholds())
            if let threshold = field.threshold { return threshold.descriptor.value(in: t) }
            guard let (activity, isSafeMax) = field.activityPain else { return nil }
            let own = t.pain(for: activity)
            return Double(isSafeMax ? own.safeMax : own.limit)
        case .days(let phase):
            guard plan.phases.indices.contains(phase) else { return nil }
            let p = plan.phases[phase]
            return field == .minDays ? Double(p.minDays) : p.maxDays.map(Double.init)
        case .exercise(let phase, let id):
            guard let p = prescription(plan, phase, id) else { return nil }
            switch field {
            case .sets: return Double(p.sets)
            case .reps: return p.reps.map(Double.init)
            case .hold: return p.holdSeconds.map(Double.init)
            case .perWeek: return p.perWeek.map(Double.init)
            case .perDay: return p.perDay.map(Double.init)
            default: return nil
            }
        case .step(let phase, let index):
            guard let s = step(plan, phase, index) else { return nil }
            switch field {
            case .run: return s.runMinutes
            case .walk: return s.walkMinutes
            case .total: return Double(s.totalMinutes)
            case .sessionsPerWeek: return Double(s.sessionsPerWeek)
            case .sessionsToPass: return Double(s.sessionsToPass)
            default: return nil
            }
        default:
            return nil
        }
    }

    static func format(_ value: Double?, _ field: TuningField, none: String) -> String {
        guard let value else { return none }
        return field.isDecimal && value != value.rounded()
            ? formatNumber(value, decimals: 1) : formatNumber(value, decimals: 0)
    }

    /// The field's name in errors and differences: its plan-file key with the phase, exercise
    /// or step it belongs to ("build_up.exercises.clamshell.sets").
    static func name(_ row: TuneRow, _ field: TuningField, in plan: Plan) -> String {
        func phaseID(_ i: Int) -> String {
            plan.phases.indices.contains(i) ? plan.phases[i].id : "?"
        }
        switch row {
        case .days(let phase): return "\(phaseID(phase)).\(field.key)"
        case .exercise(let phase, let id): return "\(phaseID(phase)).exercises.\(id).\(field.key)"
        case .step(let phase, let index):
            return "\(phaseID(phase)).run_walk[\(index + 1)].\(field.key)"
        default: return field.key
        }
    }

    /// The overrides with one field set. A value equal to the template's is dropped, so the
    /// stored overrides hold only real changes.
    static func setting(
        _ value: Double, _ field: TuningField, of row: TuneRow, in tune: TuneState
    ) -> PlanOverrides {
        var o = tune.overrides
        let base = base(tune)
        let plan = tuned(tune)
        let int = Int(value.rounded())
        switch row {
        case .threshold:
            let same = Tuning.value(row, field, in: base) == value
            if let threshold = field.threshold {
                threshold.descriptor.set(same ? nil : value, in: &o.thresholds)
            } else if let (activity, isSafeMax) = field.activityPain {
                var own = o.thresholds.painByActivity[activity] ?? ActivityPain()
                if isSafeMax {
                    own.safeMax = same ? nil : int
                } else {
                    own.limit = same ? nil : int
                }
                o.thresholds.painByActivity[activity] = own.isEmpty ? nil : own
            }
        case .days(let phase):
            let id = plan.phases[phase].id
            var days = o.phaseDays[id] ?? PhaseDays()
            let same = Tuning.value(row, field, in: base) == value
            if field == .minDays {
                days.minDays = same ? nil : int
            } else {
                days.maxDays = same ? nil : int
            }
            o.phaseDays[id] = days == PhaseDays() ? nil : days
        case .exercise(let phase, let id):
            var list = plan.phases[phase].exercises
            guard let i = list.firstIndex(where: { $0.exercise == id }) else { break }
            switch field {
            case .sets: list[i].sets = int
            case .reps: list[i].reps = int
            case .hold: list[i].holdSeconds = int
            case .perWeek: list[i].perWeek = int
            case .perDay: list[i].perDay = int
            default: break
            }
            setExercises(list, phase: phase, in: &o, tune)
        case .step(let phase, let index):
            var steps = plan.phases[phase].runWalk
            guard steps.indices.contains(index) else { break }
            switch field {
            case .run: steps[index].runMinutes = value
            case .walk: steps[index].walkMinutes = value
            case .total: steps[index].totalMinutes = int
            case .sessionsPerWeek: steps[index].sessionsPerWeek = int
            case .sessionsToPass: steps[index].sessionsToPass = int
            default: break
            }
            setSteps(steps, phase: phase, in: &o, tune)
        default: break
        }
        return o
    }

    static func setExercises(
        _ list: [Prescription], phase: Int, in o: inout PlanOverrides, _ tune: TuneState
    ) {
        let base = base(tune).phases[phase]
        o.exercises[base.id] = list == base.exercises ? nil : list
    }

    static func setSteps(
        _ steps: [RunWalkStep], phase: Int, in o: inout PlanOverrides, _ tune: TuneState
    ) {
        let base = base(tune).phases[phase]
        o.runWalk[base.id] = steps == base.runWalk ? nil : steps
    }

    /// Takes the overrides when the tuned plan passes the plan-file checker; otherwise the
    /// error names what it would break and nothing changes.
    static func adopt(_ candidate: PlanOverrides, _ tune: inout TuneState, _ state: AppState)
        -> Bool
    {
        let problems = TunedPlan.problemTexts(tuned(tune, candidate)).map(state.say)
        guard problems.isEmpty else {
            tune.error = state.say(UIPhrase.tuneRefusedInApp(problems.joined(separator: "; ")))
            return false
        }
        tune.overrides = candidate
        tune.error = nil
        return true
    }

    // MARK: - Keys

    static func handle(_ action: AppAction, _ tune: inout TuneState, _ state: inout AppState)
        -> [Effect]
    {
        defer { keepInView(&tune, state.size) }
        if tune.editing != nil { return typing(action, &tune, &state) }
        if tune.adding != nil { return choosing(action, &tune, state) }
        if let scroll = tune.differences {
            switch action {
            case .command(.down): tune.differences = scroll + 1
            case .command(.up): tune.differences = max(0, scroll - 1)
            case .command(.back), .command(.differences): tune.differences = nil
            default: break
            }
            return []
        }
        let plan = tuned(tune)
        let rows = rows(plan)
        tune.row = min(tune.row, rows.count - 1)
        let fields = fields(rows[tune.row], in: plan)
        let page = listRows(state.size)
        tune.error = action == .command(.back) ? tune.error : nil
        switch action {
        case .command(.back):
            if tune.isDirty {
                state.confirmation = Confirmation(kind: .discardTuning)
            } else {
                state.screens.removeLast()
            }
        case .command(.down): move(&tune, rows, by: 1)
        case .command(.up): move(&tune, rows, by: -1)
        case .command(.pageDown): move(&tune, rows, by: page)
        case .command(.pageUp): move(&tune, rows, by: -page)
        case .command(.top): move(&tune, rows, by: -rows.count)
        case .command(.bottom): move(&tune, rows, by: rows.count)
        case .command(.right): tune.field = min(tune.field + 1, max(0, fields.count - 1))
        case .command(.left): tune.field = max(0, tune.field - 1)
        case .command(.confirm): enter(&tune, rows[tune.row], fields, plan, state)
        case .command(.toggle): toggle(&tune, rows[tune.row], fields, plan, state)
        case .command(.delete): remove(&tune, rows[tune.row], plan, state)
        case .command(.differences): tune.differences = 0
        case .command(.save):
            guard tune.isDirty else {
                state.notice = Notice(state.say(UIPhrase.nothingToSave()))
                break
            }
            let problems = TunedPlan.problemTexts(tuned(tune)).map(state.say)
            guard problems.isEmpty else {
                tune.error = state.say(
                    UIPhrase.tuneRefusedInApp(problems.joined(separator: "; ")))
                break
            }
            return [.setOverrides(tune.patient.id, tune.overrides)]
        case .command(.reset):
            guard !tune.overrides.isEmpty || !tune.assignment.overrides.isEmpty else {
                state.notice = Notice(state.say(UIPhrase.nothingToReset()))
                break
            }
            state.confirmation = Confirmation(kind: .resetTuning)
        default: break
        }
        return []
    }

    /// List rows on screen at a size (the rest is the title and the footer).
    static func listRows(_ size: Size) -> Int {
        max(1, Layout.content(size).height - TuneView.chromeRows)
    }

    /// Scrolls just enough to show the selected row; near the top, the heading above it too.
    static func keepInView(_ tune: inout TuneState, _ size: Size) {
        let count = rows(tuned(tune)).count
        let visible = listRows(size)
        var selection = SelectionState(selected: tune.row, offset: tune.offset)
        selection.keepVisible(count: count, visibleRows: visible)
        if selection.offset == 1 && tune.row < visible { selection.offset = 0 }
        tune.offset = selection.offset
    }

    /// Moves to the next selectable row in the direction of `step`, keeping the field column.
    static func move(_ tune: inout TuneState, _ rows: [TuneRow], by step: Int) {
        guard !rows.isEmpty else { return }
        var i = min(max(tune.row + step, 0), rows.count - 1)
        let direction = step > 0 ? 1 : -1
        while !rows[i].isSelectable {
            let next = i + direction
            guard rows.indices.contains(next) else {
                // Past a heading at either end: the nearest selectable row the other way.
                i = tune.row
                break
            }
            i = next
        }
        tune.row = i
    }

    static func enter(
        _ tune: inout TuneState, _ row: TuneRow, _ fields: [TuningField], _ plan: Plan,
        _ state: AppState
    ) {
        switch row {
        case .addExercise(let phase):
            let have = Set(plan.phases[phase].exercises.map(\.exercise))
            let options = plan.exercises.map(\.id).filter { !have.contains($0) }
            guard !options.isEmpty else {
                tune.error = state.say(UIPhrase.libraryExhausted())
                return
            }
            tune.adding = ExerciseChoice(phase: phase, options: options)
        case .addStep(let phase):
            var steps = plan.phases[phase].runWalk
            steps.append(
                steps.last ?? RunWalkStep(runMinutes: 1, walkMinutes: 1, totalMinutes: 30))
            var o = tune.overrides
            setSteps(steps, phase: phase, in: &o, tune)
            if adopt(o, &tune, state) {
                // The new step sits just above the "add" row.
                tune.field = 0
            }
        default:
            guard fields.indices.contains(tune.field) else { return }
            let field = fields[tune.field]
            tune.editing = TextInput(
                value(row, field, in: plan).map { format($0, field, none: "") } ?? "")
        }
    }

    static func toggle(
        _ tune: inout TuneState, _ row: TuneRow, _ fields: [TuningField], _ plan: Plan,
        _ state: AppState
    ) {
        guard case .exercise(let phase, let id) = row, fields.indices.contains(tune.field),
            var p = prescription(plan, phase, id)
        else { return }
        switch fields[tune.field] {
        case .reps:
            p.holdSeconds = p.reps
            p.reps = nil
        case .hold:
            p.reps = min(p.holdSeconds ?? 10, 100)
            p.holdSeconds = nil
        case .perWeek:
            p.perDay = min(p.perWeek ?? 1, 10)
            p.perWeek = nil
        case .perDay:
            p.perWeek = p.perDay
            p.perDay = nil
        default: return
        }
        var list = plan.phases[phase].exercises
        guard let i = list.firstIndex(where: { $0.exercise == id }) else { return }
        list[i] = p
        var o = tune.overrides
        setExercises(list, phase: phase, in: &o, tune)
        _ = adopt(o, &tune, state)
    }

    static func remove(_ tune: inout TuneState, _ row: TuneRow, _ plan: Plan, _ state: AppState) {
        var o = tune.overrides
        switch row {
        case .exercise(let phase, let id):
            var list = plan.phases[phase].exercises
            list.removeAll { $0.exercise == id }
            setExercises(list, phase: phase, in: &o, tune)
        case .step(let phase, let index):
            var steps = plan.phases[phase].runWalk
            guard steps.count > 1 else {
                tune.error = state.say(Phrase.lastStepStays())
                return
            }
            steps.remove(at: index)
            setSteps(steps, phase: phase, in: &o, tune)
        default:
            return
        }
        if adopt(o, &tune, state) {
            let rows = rows(tuned(tune))
            tune.row = min(tune.row, rows.count - 1)
            if !rows[tune.row].isSelectable { move(&tune, rows, by: -1) }
            tune.field = 0
        }
    }

    /// A value being typed: Enter checks it, Esc drops it.
    static func typing(_ action: AppAction, _ tune: inout TuneState, _ state: inout AppState)
        -> [Effect]
    {
        guard var input = tune.editing else { return [] }
        switch action {
        case .command(.back):
            tune.editing = nil
            tune.error = nil
        case .command(.confirm):
            let plan = tuned(tune)
            let rows = rows(plan)
            let row = rows[min(tune.row, rows.count - 1)]
            let fields = fields(row, in: plan)
            guard fields.indices.contains(tune.field) else { return [] }
            let field = fields[tune.field]
            let value: Double
            do throws(ValidationError) {
                value = try field.parse(input.text, field: name(row, field, in: plan))
            } catch {
                tune.error = state.messages.validation(error)
                return []
            }
            if adopt(setting(value, field, of: row, in: tune), &tune, state) {
                tune.editing = nil
            }
        default:
            edit(&input, action)
            tune.editing = input
            tune.error = nil
        }
        return []
    }

    /// How a newly added exercise starts: as this plan prescribes it in the nearest other
    /// phase, else as another catalogue plan does, else a plain 3 × 10, 3× a week.
    static func startingDose(_ id: String, phase: Int, plan: Plan, catalog: [Plan])
        -> Prescription
    {
        let nearest = plan.phases.indices.sorted { abs($0 - phase) < abs($1 - phase) }
        for i in nearest {
            if let found = plan.phases[i].exercises.first(where: { $0.exercise == id }) {
                return found
            }
        }
        for other in catalog where other.id != plan.id {
            for p in other.phases {
                if let found = p.exercises.first(where: { $0.exercise == id }) { return found }
            }
        }
        return Prescription(exercise: id, sets: 3, reps: 10, perWeek: 3)
    }

    static func choosing(_ action: AppAction, _ tune: inout TuneState, _ state: AppState)
        -> [Effect]
    {
        guard var choice = tune.adding else { return [] }
        switch action {
        case .command(.down): choice.selected = min(choice.selected + 1, choice.options.count - 1)
        case .command(.up): choice.selected = max(0, choice.selected - 1)
        case .command(.back):
            tune.adding = nil
            return []
        case .command(.confirm):
            tune.adding = nil
            let plan = tuned(tune)
            var list = plan.phases[choice.phase].exercises
            let id = choice.options[choice.selected]
            // The dose the plans already give it (a side plank is a hold, not reps); the
            // physio adjusts it in the row that appears.
            list.append(
                startingDose(id, phase: choice.phase, plan: plan, catalog: state.catalog ?? []))
            var o = tune.overrides
            setExercises(list, phase: choice.phase, in: &o, tune)
            if adopt(o, &tune, state) {
                let rows = rows(tuned(tune))
                tune.row =
                    rows.firstIndex(of: .exercise(phase: choice.phase, id: id)) ?? tune.row
                tune.field = 0
            }
            return []
        default: break
        }
        tune.adding = choice
        return []
    }
}

extension Tuning {
    /// Tune from the Plan screen: the followed patient's plan, no store round trip.
    static func openFollowed(_ state: inout AppState) -> [Effect] {
        guard let followed = state.followed else { return [] }
        state.screens.append(
            .tune(
                TuneState(
                    TuneSource(
                        patient: followed.patient, template: followed.template,
                        assignment: followed.assignment))))
        return []
    }

    /// The patient of the Tune screen on the stack, for the dialogs' texts.
    static func patientName(_ state: AppState) -> String {
        for screen in state.screens.reversed() {
            if case .tune(let tune) = screen { return tune.patient.name }
        }
        return ""
    }

    /// A yes to resetting every change or to leaving without saving.
    static func confirmed(_ kind: Confirmation.Kind, _ state: inout AppState) -> [Effect] {
        guard let i = state.newestIndex(of: .tune),
            case .tune(var tune) = state.screens[i]
        else { return [] }
        switch kind {
        case .discardTuning:
            state.screens.removeSubrange(i...)
            return []
        case .resetTuning:
            tune.overrides = PlanOverrides()
            tune.editing = nil
            tune.error = nil
            state.screens[i] = .tune(tune)
            state.notice = Notice(state.say(UIPhrase.tuningResetNotice()))
            return [.setOverrides(tune.patient.id, PlanOverrides())]
        default:
            return []
        }
    }
}
