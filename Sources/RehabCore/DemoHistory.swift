/// Deterministic, realistic example histories for `rehab demo`, screenshots and benchmarks.
/// Pure: the same plan, today and seed always give the same history.
public enum DemoHistory {
    /// A small seeded generator (SplitMix64): no global random state, reproducible everywhere.
    public struct Generator: Sendable {
        private var state: UInt64
        public init(seed: UInt64) { state = seed }
        public mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        /// Uniform in 0..<n.
        public mutating func below(_ n: Int) -> Int { Int(next() % UInt64(max(1, n))) }
        public mutating func chance(_ percent: Int) -> Bool { below(100) < percent }
    }

    public struct Story: Sendable {
        public var assignment: Assignment
        public var history: History
        /// The pairs the runs were logged with (empty for a short story, which uses `demoShoe`).
        public var shoes: [Shoe] = []
    }

    /// About `weeks` weeks of history ending yesterday, following the plan's phases: the load
    /// activity of each phase three times a week, growing about 8 % a week from the phase's
    /// starting volume, exercises in between, run/walk steps in the return phase; one week over
    /// the cap, one red day with a worse next morning, a few amber days, and a red flag that a
    /// doctor clears two days later. Today's morning check is left open, as a runner opening
    /// rehab before breakfast would find it.
    public static func story(
        plan: Plan, variant: String?, today: Day, weeks: Int? = nil, seed: UInt64 = 7
    )
        -> Story
    {
        var rng = Generator(seed: seed)
        let totalDays = max(21, weeks.map { $0 * 7 } ?? plannedDays(plan))
        let start = today.adding(days: -totalDays)
        // Each phase but the last runs its full planned length (a cautious runner); the last
        // takes the rest.
        var changes: [PhaseChange] = []
        var next = start
        for (i, phase) in plan.phases.enumerated() where next < today {
            changes.append(
                PhaseChange(phase: phase.id, date: next, reason: i == 0 ? .start : .advance))
            next = next.adding(days: phaseLength(phase))
        }
        let redDay = start.adding(days: totalDays * 3 / 7).weekStart  // a Monday: a session day
        let flagDay = start.adding(days: totalDays * 4 / 7)
        let overCapWeek = start.adding(days: totalDays / 2).weekStart

        var sessions: [Session] = []
        var mornings: [MorningCheck] = []
        var clearings: [FlagClearing] = []
        for offset in 0..<totalDays {
            let date = start.adding(days: offset)
            guard let change = changes.last(where: { $0.date <= date }),
                let phase = plan.phases.first(where: { $0.id == change.phase })
            else { continue }
            let weekInPhase = change.date.days(to: date) / 7
            var daySessions: [Session] = []

            if phase.kind == .returnToRunning, !phase.runWalk.isEmpty {
                // The runner follows the step the engine says they are at.
                let sofar = Assignment(
                    planID: plan.id, variantID: variant, startDate: start, startingWeeklyKm: 12,
                    phaseHistory: changes.filter { $0.date <= date })
                let step =
                    Engine.runWalkPosition(
                        plan: plan, assignment: sofar,
                        history: History(sessions: sessions, mornings: mornings), today: date
                    )?.step ?? phase.runWalk[0]
                // Every other day, ending with a run yesterday, and no more runs in a week than
                // the step asks for.
                let runsThisWeek = sessions.filter {
                    $0.activity == .run && $0.date >= date.weekStart
                }.count
                if date.days(to: today) % 2 == 1, runsThisWeek < step.sessionsPerWeek {
                    let runShare = step.runMinutes / max(0.5, step.runMinutes + step.walkMinutes)
                    let km = (Double(step.totalMinutes) * runShare / 6.5 * 100).rounded() / 100
                    let after = rng.chance(12) ? 4 : rng.below(3)
                    daySessions.append(
                        Session(
                            date: date, activity: .run, km: max(0.5, km),
                            minutes: step.totalMinutes,
                            painDuring: rng.below(3), painAfter: after, shoe: demoShoe))
                } else if !phase.exercises.isEmpty {
                    daySessions.append(exerciseSession(date, &rng))
                }
            } else {
                switch date.weekday {
                case 0, 2, 4:
                    let base = phase.startingVolume ?? (phase.loadMetric == .km ? 10 : 90)
                    // Growth levels off after twelve weeks, so a long phase stays humane.
                    let target = base * pow108(min(weekInPhase, 12)) * 0.9
                    var share = target / 3
                    if date.weekStart == overCapWeek && date.weekday == 4 { share *= 1.9 }
                    daySessions.append(loadSession(phase.loadMetric, share: share, on: date, &rng))
                case 1, 3:
                    if !phase.exercises.isEmpty { daySessions.append(exerciseSession(date, &rng)) }
                default: break
                }
            }
            if date == redDay, !daySessions.isEmpty {
                daySessions[0].painDuring = 6
                daySessions[0].painAfter = 5
                daySessions[0].lastedOver2h = true
            }
            sessions += daySessions

            var flags: [String] = []
            if date == flagDay { flags = [RedFlag.swellingWarmthRedness] }
            if date == flagDay.adding(days: 2) {
                clearings.append(
                    FlagClearing(
                        date: date, reason: "GP: no infection, may continue",
                        cleared: [FlagReport(flag: RedFlag.swellingWarmthRedness, date: flagDay)]))
            }
            let afterRedDay = date == redDay.adding(days: 1)
            // Morning stiffness eases from 2 to 0 over the weeks and never creeps up, except
            // the morning after the red day: one worse morning, as the rule means it.
            let settled = max(0, 2 - offset / 12)
            if rng.chance(85) || afterRedDay || !flags.isEmpty {
                mornings.append(
                    MorningCheck(date: date, pain: afterRedDay ? 4 : settled, flags: flags))
            }
        }
        let assignment = Assignment(
            planID: plan.id, variantID: variant, startDate: start, startingWeeklyKm: 12,
            phaseHistory: changes)
        return Story(
            assignment: assignment,
            history: History(sessions: sessions, mornings: mornings, clearings: clearings))
    }

    public static let demoShoe = "Demo trainers"

    /// By default a story runs each phase but the last for its planned length and ends halfway
    /// through the last one: about two months for most plans.
    static func plannedDays(_ plan: Plan) -> Int {
        plan.phases.dropLast().reduce(0) { $0 + phaseLength($1) }
            + (plan.phases.last.map { ($0.minDays + ($0.maxDays ?? $0.minDays + 14)) / 2 } ?? 0)
    }

    /// A cautious runner stays in each phase for its planned maximum.
    static func phaseLength(_ phase: Phase) -> Int { max(7, phase.maxDays ?? phase.minDays + 7) }

    /// 1.08 to the power n, without Foundation.
    static func pow108(_ n: Int) -> Double {
        (0..<max(0, n)).reduce(1.0) { value, _ in value * 1.08 }
    }

    static func exerciseSession(_ date: Day, _ rng: inout Generator) -> Session {
        Session(
            date: date, activity: .exercises, minutes: 20 + rng.below(3) * 5,
            painDuring: rng.below(2), painAfter: rng.below(2))
    }

    /// One session carrying `share` of the week's load in the phase's metric.
    static func loadSession(
        _ metric: LoadMetric, share: Double, on date: Day, _ rng: inout Generator
    )
        -> Session
    {
        let during = rng.below(3)
        let after = rng.chance(10) ? 4 : rng.below(3)
        switch metric {
        case .km:
            let km = max(1, (share * 4).rounded() / 4)
            return Session(
                date: date, activity: .run, km: km, minutes: Int(km * 6.5), painDuring: during,
                painAfter: after, shoe: demoShoe)
        case .minutes(let activities):
            let activity = activities.first ?? .walk
            let minutes = max(10, Int(share.rounded()))
            let km: Double? =
                activity == .walk
                ? (Double(minutes) / 12 * 100).rounded() / 100
                : activity == .cycle ? (Double(minutes) / 3 * 100).rounded() / 100 : nil
            return Session(
                date: date, activity: activity, km: km, minutes: minutes, painDuring: during,
                painAfter: after)
        }
    }
}
