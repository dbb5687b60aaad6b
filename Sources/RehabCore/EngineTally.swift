// Running tallies of one phase (best walk, best week, tests, run/walk position), built once per
// engine call by walking the phase's days in order. What a day adds uses only records dated on
// or before it (a walk or run counts on the morning that judges it), so readiness as of any day
// is a binary search into these snapshots.

/// Per-call caches; an `Evaluation` lives for one engine call on one thread.
final class EvaluationMemo {
    var tallies: [ChangeKey: PhaseTally] = [:]
    var thresholds: [ChangeKey: Thresholds] = [:]
    /// Day verdicts without phase_overdue, for green-day streaks.
    var plainVerdicts: [Int: Verdict] = [:]
    var sessionFindings: [Int: [Finding]] = [:]
    var responses: [Int: Response?] = [:]
    /// The day a morning resolved a response (`Int.max` while none has), by response
    /// morning and the score that resolves it.
    var settled: [SettleKey: Int] = [:]
    var lowestMorningBefore: [Int]?
    var newRed: [Int: Bool] = [:]
    var caps: [Int: Double?] = [:]
    var chainStarts: [ChangeKey: Day] = [:]
    var scheduleRuns: [Int: Bool] = [:]
    var metrics: [Int: LoadMetric] = [:]
    /// The first day a final phase's exit held, per phase change.
    var completions: [ChangeKey: Day?] = [:]
}

/// A response morning and the score that resolves it, as a memo key.
struct SettleKey: Hashable {
    let morning: Int
    let bound: Double
}

/// A phase change as a memo key. Looked up for nearly every day judged, so no string is built
/// for it (an interpolated "phase@day" key cost more than the lookup it saved).
struct ChangeKey: Hashable {
    let phase: String
    let day: Int

    init(_ change: PhaseChange) { (phase, day) = (change.phase, change.date.number) }

    /// The day alone: two changes on one day are rare, and hashing the phase's name for every
    /// look-up was most of the look-up. Equal keys still compare the name too.
    func hash(into hasher: inout Hasher) { hasher.combine(day) }
}

/// The bests of a phase after each day that changed them, in date order.
struct PhaseTally {
    struct Snapshot {
        var walk = 0
        var week = 0.0
        var hop = 0
        var calf = 0
        var runWalk: RunWalkPosition?
    }

    var days: [Int] = []
    var snapshots: [Snapshot] = []
    var start: Snapshot

    /// How many snapshots are dated on or before `day`.
    func count(through day: Day) -> Int { lowerBound(days, day.number + 1) }

    func at(_ day: Day) -> Snapshot {
        let n = count(through: day)
        return n > 0 ? snapshots[n - 1] : start
    }

    /// After 7 days without a counted run the step starts again (Oxford NHS leaflet).
    func runWalkPosition(through day: Day) -> RunWalkPosition? {
        guard var position = at(day).runWalk else { return nil }
        if !position.completed, let last = position.lastCounted, last.days(to: day) > 7 {
            position.passedAtStep = 0
        }
        return position
    }
}

extension Evaluation {
    func tally(of change: PhaseChange) -> PhaseTally {
        let key = ChangeKey(change)
        if let tally = memo.tallies[key] { return tally }
        let tally = buildTally(of: change)
        memo.tallies[key] = tally
        return tally
    }

    private func buildTally(of change: PhaseChange) -> PhaseTally {
        let phase = phase(of: change).phase
        let thresholds = plan.thresholds(in: phase)
        var now = PhaseTally.Snapshot()
        var tracker = RunWalkTracker(steps: phase.runWalk)
        now.runWalk = tracker?.position
        var day = change.date
        // From a checkpoint (never of a schedule phase): its bests, and the days after it. It
        // ends on a Sunday, so no week's load is split.
        if let checkpoint = checkpoint(for: change) {
            now.walk = checkpoint.walk
            now.week = checkpoint.week
            now.hop = checkpoint.hop
            now.calf = checkpoint.calf
            day = checkpoint.through.adding(days: 1)
        }
        var tally = PhaseTally(start: now)
        guard let lastDay = log.latestLoggedDay(atMost: Day(number: Int.max / 2)),
            day <= lastDay
        else { return tally }
        var weekStart = Int.min
        var weekLoad = 0.0
        while day <= lastDay {
            defer { day = day.adding(days: 1) }
            let sessions = log.sessions(on: day)
            let morning = log.morning(on: day)
            guard !sessions.isEmpty || morning != nil else { continue }
            for session in sessions {
                if session.date.weekStart.number != weekStart {
                    weekStart = session.date.weekStart.number
                    weekLoad = 0
                }
                weekLoad += contribution(session, to: phase.loadMetric)
                now.week = max(now.week, weekLoad)
                // Tests count only when they did not hurt beyond the safe maximum.
                if session.painDuring <= thresholds.pain(for: session.activity).safeMax {
                    now.hop = max(now.hop, session.hopTest ?? 0)
                    now.calf = max(now.calf, session.calfRaises ?? 0)
                }
            }
            if morning != nil {
                // Sessions whose own response this morning is: a walk counts toward the
                // pain-free walk, a run toward its step, only once it was not worse.
                for back in [2, 1] {
                    let sessionDay = day.adding(days: -back)
                    guard sessionDay >= change.date, ownResponseDay(of: sessionDay) == day,
                        response(of: sessionDay) == nil
                    else { continue }
                    for walk in log.sessions(on: sessionDay)
                    where walk.activity == .walk && walk.painDuring <= 2 && walk.painAfter <= 2
                        && !walk.lastedOver2h
                    {
                        now.walk = max(now.walk, walk.minutes)
                    }
                    if tracker != nil, runCounts(on: sessionDay, thresholds: thresholds) {
                        tracker?.count(run: sessionDay, minutes: longestRun(on: sessionDay))
                    }
                }
            }
            if tracker != nil, startsRed(on: day) { tracker?.stepBack() }
            now.runWalk = tracker?.position
            tally.days.append(day.number)
            tally.snapshots.append(now)
        }
        return tally
    }

    private func longestRun(on day: Day) -> Int {
        log.sessions(on: day).filter { $0.activity == .run }.map(\.minutes).max() ?? 0
    }

    /// A run day that may count toward its step: no run the day before, every run within the
    /// run's safe maximum, no lasting pain.
    private func runCounts(on day: Day, thresholds: Thresholds) -> Bool {
        let runs = log.sessions(on: day).filter { $0.activity == .run }
        guard !runs.isEmpty,
            !log.sessions(on: day.adding(days: -1)).contains(where: { $0.activity == .run })
        else { return false }
        let safe = thresholds.pain(for: .run).safeMax
        return runs.allSatisfy { $0.painDuring <= safe && $0.painAfter <= safe && !$0.lastedOver2h }
    }
}

/// Steps through a run/walk schedule (Oxford NHS leaflet; DESIGN section 4). One run a day
/// counts, when it reaches 90 % of the step's minutes; `sessionsToPass` counted runs pass the
/// step. The first day of a new red finding sends the schedule one step back (a completed
/// schedule back to its last step) and the count starts again; so does a gap of over 7 days.
struct RunWalkTracker {
    let steps: [RunWalkStep]
    private(set) var index = 0
    private(set) var passed = 0
    private(set) var completed = false
    private(set) var lastCounted: Day?
    private(set) var completedOn: Day?

    init?(steps: [RunWalkStep]) {
        guard !steps.isEmpty else { return nil }
        self.steps = steps
    }

    var position: RunWalkPosition {
        RunWalkPosition(
            index: index, step: steps[index], passedAtStep: passed, completed: completed,
            lastCounted: lastCounted, completedOn: completedOn)
    }

    mutating func count(run day: Day, minutes: Int) {
        guard !completed, Double(minutes) >= 0.9 * Double(steps[index].totalMinutes) - 1e-9
        else { return }
        if let last = lastCounted, last.days(to: day) > 7 { passed = 0 }
        lastCounted = day
        passed += 1
        guard passed >= max(1, steps[index].sessionsToPass) else { return }
        if index == steps.count - 1 {
            completed = true
            completedOn = day
        } else {
            index += 1
            passed = 0
        }
    }

    mutating func stepBack() {
        if completed {
            completed = false
            completedOn = nil
        } else {
            index = max(0, index - 1)
        }
        passed = 0
    }
}
