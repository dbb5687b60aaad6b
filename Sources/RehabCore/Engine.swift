// The plan engine: every rule of DESIGN section 4 as a pure function of (resolved plan,
// assignment, history, today). No clock, no storage; each call indexes the history once.

public enum Engine {
    /// Everything the Today screen and `rehab status` need, as of `today`.
    /// With a `checkpoint` (`Engine.checkpoint`) the history need only hold what
    /// `firstDayRead` asked for with it; one made for another plan, assignment or phase, or
    /// ending on or after `today`, is not read.
    public static func status(
        plan: Plan, assignment: Assignment, history: History, today: Day,
        checkpoint: TallyCheckpoint? = nil
    ) -> Status {
        Evaluation(
            plan: plan, assignment: assignment, history: history, checkpoint: checkpoint,
            judging: today
        ).status(today: today)
    }

    /// The verdict of a day: the worst finding decides, every finding is a reason.
    public static func verdict(plan: Plan, assignment: Assignment, history: History, on day: Day)
        -> Verdict
    {
        Evaluation(plan: plan, assignment: assignment, history: history).verdict(on: day)
    }

    /// Whether the current phase's exit criteria hold as of `today`.
    public static func readiness(plan: Plan, assignment: Assignment, history: History, today: Day)
        -> Readiness
    {
        let evaluation = Evaluation(plan: plan, assignment: assignment, history: history)
        return evaluation.readiness(of: evaluation.currentChange, today: today)
    }

    /// `count` ISO weeks ending with today's week, oldest first.
    public static func weeks(
        plan: Plan, assignment: Assignment, history: History, through today: Day, count: Int
    ) -> [WeekSummary] {
        Evaluation(plan: plan, assignment: assignment, history: history)
            .weeks(through: today, count: count)
    }

    /// The phase change in force on a day: the last one dated on or before it.
    public static func phaseAt(_ day: Day, assignment: Assignment) -> PhaseChange? {
        assignment.phaseHistory.last { $0.date <= day }
    }

    /// Red flags reported on or before `day` and not cleared since.
    public static func openFlags(history: History, asOf day: Day) -> [OpenFlag] {
        Logbook(history).openFlags(asOf: day)
    }

    /// Every open report (a flag reported twice is listed twice): what a clearing must cover.
    public static func openReports(history: History, asOf day: Day) -> [FlagReport] {
        Logbook(history).openReports(asOf: day)
    }

    /// The run/walk position in the current phase, nil when it has no schedule.
    public static func runWalkPosition(
        plan: Plan, assignment: Assignment, history: History, today: Day
    ) -> RunWalkPosition? {
        let evaluation = Evaluation(plan: plan, assignment: assignment, history: history)
        return evaluation.runWalkPosition(of: evaluation.currentChange, today: today)
    }
}

/// Loads are sums of decimals; compare with a little slack so 11.000000000000002 is not over 11.
let loadTolerance = 1e-9

/// One engine call's view: the plan, the assignment and the indexed history.
struct Evaluation {
    let plan: Plan
    let assignment: Assignment
    let log: Logbook
    let memo = EvaluationMemo()
    /// Whether the plan is an osteoarthritis plan (seed 004), asked for nearly every day judged:
    /// searching the id each time was a measurable part of a status.
    let osteoarthritisPlan: Bool
    /// The current phase's tallies through a past day, when the caller's history starts after
    /// the phase does (`TallyCheckpoint`); only ever one made for this plan and phase.
    private(set) var checkpoint: TallyCheckpoint?

    /// `checkpoint` is kept only when the engine may read it to judge `day` and later days
    /// (see `Engine.readableCheckpoint`).
    init(
        plan: Plan, assignment: Assignment, history: History, checkpoint: TallyCheckpoint? = nil,
        judging day: Day? = nil
    ) {
        self.plan = plan
        self.assignment = assignment
        osteoarthritisPlan = plan.id.contains("osteoarthritis")
        log = Logbook(history)
        if let checkpoint, checkpoint.through >= currentChange.date,
            day.map({ checkpoint.through < $0 }) ?? true,
            !hasSchedule(currentChange),
            checkpoint.key == Engine.checkpointKey(plan: plan, assignment: assignment)
        {
            self.checkpoint = checkpoint
        }
    }

    /// Before the first recorded change (or with none) the plan's first phase from the start date.
    private var firstChange: PhaseChange {
        assignment.phaseHistory.first
            ?? PhaseChange(
                phase: plan.phases.first?.id ?? "", date: assignment.startDate, reason: .start)
    }

    var currentChange: PhaseChange { assignment.currentPhase ?? firstChange }

    func change(at day: Day) -> PhaseChange {
        Engine.phaseAt(day, assignment: assignment) ?? firstChange
    }

    /// The phase a change names and its index; an unknown id falls back to the first phase so a
    /// renamed phase in an edited plan degrades instead of crashing.
    func phase(of change: PhaseChange) -> (phase: Phase, index: Int) {
        if let i = phaseIndex(of: change) { return (plan.phases[i], i) }
        let placeholder = Phase(
            id: change.phase, kind: .loadBuildUp,
            names: LocalizedText(verbatim: change.phase), minDays: 0)
        return (placeholder, 0)
    }

    /// Where `phase(of:)` finds a change's phase in `plan.phases`; nil only for a plan without
    /// phases. The rules that run for every day judged read single fields through it
    /// (`loadMetric(of:)`, `hasSchedule(_:)`): a whole `Phase` copied for each of those reads
    /// was a fifth of `rehab week`.
    func phaseIndex(of change: PhaseChange) -> Int? {
        plan.phaseIndex(change.phase) ?? (plan.phases.isEmpty ? nil : 0)
    }

    /// The load metric of a change's phase (km for a plan without phases, as the placeholder).
    func loadMetric(of change: PhaseChange) -> LoadMetric {
        phaseIndex(of: change).map { plan.phases[$0].loadMetric } ?? .km
    }

    /// Whether a change's phase has a run/walk schedule.
    func hasSchedule(_ change: PhaseChange) -> Bool {
        phaseIndex(of: change).map { !plan.phases[$0].runWalk.isEmpty } ?? false
    }

    /// The kind of a change's phase.
    func kind(of change: PhaseChange) -> PhaseKind {
        phaseIndex(of: change).map { plan.phases[$0].kind } ?? .loadBuildUp
    }

    /// 1-based day in the phase; never below 1.
    func phaseDay(of change: PhaseChange, on day: Day) -> Int {
        max(1, change.date.days(to: day) + 1)
    }

    /// The phase's own starting volume, else (for km) the runner's weekly km before the plan.
    func startingVolume(of change: PhaseChange) -> Double? {
        if let i = phaseIndex(of: change), let volume = plan.phases[i].startingVolume {
            return volume
        }
        return loadMetric(of: change) == .km ? assignment.startingWeeklyKm : nil
    }

    func status(today: Day) -> Status {
        let change = currentChange
        let (phase, index) = self.phase(of: change)
        let thresholds = plan.thresholds(in: phase)
        var readiness = readiness(of: change, today: today)
        let verdict = verdict(on: today)
        // Amber means hold and red reduce (DESIGN section 4, actions): moving on is not
        // offered beside them, even when the exit criteria were met on earlier days.
        if readiness.ready, verdict.level != .green {
            readiness.ready = false
            readiness.criteria.append(
                CriterionStatus(criterion: .greenToday, required: 1, current: 0, met: false))
            readiness.unmet.append(.greenToday)
        }
        let yesterdayHadSession = !log.sessions(on: today.adding(days: -1)).isEmpty
        return Status(
            date: today,
            phase: PhaseStatus(
                phase: phase, number: index + 1, of: max(1, plan.phases.count),
                day: phaseDay(of: change, on: today), startDate: change.date),
            verdict: verdict,
            load: loadStatus(on: today),
            readiness: readiness,
            suggestions: suggestions(today: today, readiness: readiness, verdict: verdict),
            openFlags: log.openFlags(asOf: today),
            morningCheckDue: yesterdayHadSession && log.morning(on: today) == nil ? today : nil,
            runWalk: runWalkPosition(of: change, today: today),
            thresholds: thresholds)
    }
}
