// Running tallies of one phase's sessions (best walk, best week, tests, run/walk position), built
// once per engine call, so readiness as of any day is a binary search rather than a scan of the
// whole phase — which matters when phase_overdue asks for readiness on every day of a chart.

/// Per-call caches; an `Evaluation` lives for one engine call on one thread.
final class EvaluationMemo {
    var tallies: [String: PhaseTally] = [:]
    /// Day verdicts without phase_overdue, for green-day streaks.
    var plainVerdicts: [Int: Verdict] = [:]
}

/// The bests of a phase's sessions after each session, in date order.
struct PhaseTally {
    /// Session day numbers from the phase start to the end of the log.
    var days: [Int] = []
    /// Longest walk with pain during ≤ 2.
    var bestWalk: [Int] = []
    /// Highest weekly load in the phase metric, the running week included.
    var bestWeek: [Double] = []
    var bestHop: [Int] = []
    var bestCalf: [Int] = []
    /// Run/walk position after each session; nil when the phase has no schedule.
    var runWalk: [RunWalkPosition]? = nil
    var runWalkStart: RunWalkPosition? = nil

    init(sessions: ArraySlice<Session>, phase: Phase, thresholds: Thresholds) {
        var walk = 0
        var week = 0.0
        var weekStart = Int.min
        var weekLoad = 0.0
        var hop = 0
        var calf = 0
        var tracker = RunWalkTracker(steps: phase.runWalk, thresholds: thresholds)
        runWalkStart = tracker?.position
        var positions: [RunWalkPosition] = []
        for session in sessions {
            if session.activity == .walk && session.painDuring <= 2 {
                walk = max(walk, session.minutes)
            }
            if session.date.weekStart.number != weekStart {
                weekStart = session.date.weekStart.number
                weekLoad = 0
            }
            weekLoad += contribution(session, to: phase.loadMetric)
            week = max(week, weekLoad)
            hop = max(hop, session.hopTest ?? 0)
            calf = max(calf, session.calfRaises ?? 0)
            tracker?.record(session)
            days.append(session.date.number)
            bestWalk.append(walk)
            bestWeek.append(week)
            bestHop.append(hop)
            bestCalf.append(calf)
            if let position = tracker?.position { positions.append(position) }
        }
        if tracker != nil { runWalk = positions }
    }

    /// How many of the phase's sessions are dated on or before `day`.
    func count(through day: Day) -> Int { lowerBound(days, day.number + 1) }

    func value<T>(_ values: [T], through day: Day, otherwise: T) -> T {
        let n = count(through: day)
        return n > 0 ? values[n - 1] : otherwise
    }

    func runWalkPosition(through day: Day) -> RunWalkPosition? {
        guard let runWalk, let runWalkStart else { return nil }
        return value(runWalk, through: day, otherwise: runWalkStart)
    }
}

/// Steps through a run/walk schedule one session at a time. A run within the safe pain scores
/// (during and after, no lasting pain) counts toward the step; `sessionsToPass` of them pass it.
/// A run above the limit or with lasting pain goes back one step (a completed schedule back to
/// its last step) and resets the count. Runs in between neither count nor go back: hold. The
/// run's length is not checked against the step; the runner is trusted to do what it says.
struct RunWalkTracker {
    let steps: [RunWalkStep]
    let thresholds: Thresholds
    private(set) var index = 0
    private(set) var passed = 0
    private(set) var completed = false

    init?(steps: [RunWalkStep], thresholds: Thresholds) {
        guard !steps.isEmpty else { return nil }
        self.steps = steps
        self.thresholds = thresholds
    }

    var position: RunWalkPosition {
        RunWalkPosition(
            index: index, step: steps[index], passedAtStep: passed, completed: completed)
    }

    mutating func record(_ session: Session) {
        guard session.activity == .run else { return }
        let worst = max(session.painDuring, session.painAfter)
        if worst > thresholds.painLimit || session.lastedOver2h {
            if completed { completed = false } else { index = max(0, index - 1) }
            passed = 0
        } else if worst <= thresholds.painSafeMax && !completed {
            passed += 1
            if passed >= max(1, steps[index].sessionsToPass) {
                if index == steps.count - 1 {
                    completed = true
                } else {
                    index += 1
                    passed = 0
                }
            }
        }
    }
}

extension Evaluation {
    func tally(of change: PhaseChange) -> PhaseTally {
        let key = "\(change.phase)@\(change.date.number)"
        if let tally = memo.tallies[key] { return tally }
        let phase = phase(of: change).phase
        let tally = PhaseTally(
            sessions: log.sessions(from: change.date), phase: phase,
            thresholds: plan.thresholds(in: phase))
        memo.tallies[key] = tally
        return tally
    }
}
