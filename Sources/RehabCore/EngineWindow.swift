// How far back the engine reads. Judging a day never needs years of history: the rules look
// at most a month back from a session day, a phase back to its start, and red flags back to
// the beginning. Callers use this to load only that from storage.

extension Engine {
    /// Days before a judged day that the rules can read: 30 for the session spike, up to 13
    /// for last week's load, the no-improvement window; with a week to spare.
    public static func lookBackDays(plan: Plan) -> Int {
        let stuck = plan.phases.map { plan.thresholds(in: $0).noImprovementDays }.max() ?? 0
        return max(30, stuck) + 14
    }

    /// The plan's lowest `morning.safe_max`. A worse response stays in force until a morning at
    /// or below its baseline and within `safe_max` (DESIGN section 4, with no time bound), so
    /// the store also reads back past the first day read W as far as an older response might
    /// still be unresolved on the first day judged F. Let c be the lowest score within this
    /// `safe_max` among the mornings of W…F (one more than it when there is none); the chain
    /// steps from W to the latest older morning with a score below c, and from each to the
    /// latest before it with a lower score still; the store reads from nine days before its
    /// last morning Y (a response after Y needs its session and baseline: at most 2 + 7 days
    /// before it). Every response before Y is resolved by Y: its baseline is the median of
    /// mornings no lower than Y's score (none lower came before Y), and Y is within every
    /// phase's `safe_max`. With no step, every response before W has a baseline of at least c,
    /// so the morning of W…F that scored c resolves it and nothing older is read; unless c
    /// was one more than `safe_max`, when nothing older could resolve anything and everything
    /// is read.
    public static func lowestMorningSafeMax(plan: Plan) -> Int {
        plan.phases.map { plan.thresholds(in: $0).morningSafeMax }.min()
            ?? Thresholds().morningSafeMax
    }

    /// The first day the engine reads to judge `day` and the days after it: the look-back
    /// before the day, before the phase in force on it, and before the current phase (whose
    /// exit criteria are counted from its start). Only four kinds of older record still count
    /// and the store adds them (`Store.history(patientID:window:)`): the latest session before
    /// this day, the latest morning check before that, the log back to where older worse
    /// responses are surely resolved (`lowestMorningSafeMax`), and red-flag reports and
    /// clearings.
    /// With a `checkpoint` the current phase's exit criteria are counted from the day after
    /// it instead (`TallyCheckpoint`; one the engine would not read changes nothing).
    public static func firstDayRead(
        plan: Plan, assignment: Assignment, judging day: Day, checkpoint: TallyCheckpoint? = nil
    ) -> Day {
        let evaluation = Evaluation(
            plan: plan, assignment: assignment, history: History(), checkpoint: checkpoint,
            judging: day)
        let phaseStart = assignment.currentPhaseStart
        var inForce = phaseAt(day, assignment: assignment)?.date ?? min(day, phaseStart)
        // Where the current phase's tallies are counted from.
        var current = phaseStart
        if let checkpoint = evaluation.checkpoint {
            current = checkpoint.through.adding(days: 1)
            if inForce == phaseStart { inForce = current }
        }
        // The days judged run from the earliest of these; each one's cap chains back through
        // at most `capChainWeeks` last weeks (never before the run of phases measured the same
        // way), and the floor after a schedule looks `scheduleLookBackDays` before its change.
        let base = min(day, inForce, current)
        var earliest = base
        let chainDepth = base.weekStart.adding(days: -7 * (capChainWeeks + 1))
        earliest = min(
            earliest, max(chainDepth, evaluation.chainStart(of: evaluation.change(at: base))))
        for change in [evaluation.change(at: day), evaluation.currentChange] {
            if let i = assignment.phaseHistory.lastIndex(of: change), i > 0,
                !evaluation.phase(of: assignment.phaseHistory[i - 1]).phase.runWalk.isEmpty
            {
                earliest = min(earliest, change.date.adding(days: -scheduleLookBackDays))
            }
        }
        return earliest.adding(days: -lookBackDays(plan: plan))
    }
}

extension Engine {
    /// The verdicts of several days from one indexed history: what a table of days (History,
    /// the week table) should call instead of `verdict(on:)` once per row, which indexes the
    /// whole history again for every row.
    public static func verdicts(
        plan: Plan, assignment: Assignment, history: History, on days: [Day]
    ) -> [Verdict] {
        let evaluation = Evaluation(plan: plan, assignment: assignment, history: history)
        return days.map { evaluation.verdict(on: $0) }
    }
}
