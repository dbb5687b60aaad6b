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
    }

    /// About `weeks` weeks of history ending yesterday, walking through the plan's phases:
    /// settling pain in relative rest, a build-up with one amber and one red day and a week over
    /// the cap, a red flag cleared by a doctor, then run/walk steps. The morning check of today
    /// is left open, as a runner opening rehab before breakfast would find it.
    public static func story(plan: Plan, variant: String?, today: Day, weeks: Int = 8, seed: UInt64 = 7)
        -> Story
    {
        var rng = Generator(seed: seed)
        let totalDays = max(14, weeks * 7)
        let start = today.adding(days: -totalDays)
        // Phase lengths: each phase gets its minimum (at least a week), the last takes the rest.
        var changes: [PhaseChange] = []
        var day = start
        for (i, phase) in plan.phases.enumerated() {
            guard day < today else { break }
            changes.append(PhaseChange(phase: phase.id, date: day, reason: i == 0 ? .start : .advance))
            let length = max(phase.minDays, 7) + 7
            day = day.adding(days: length)
        }
        var sessions: [Session] = []
        var mornings: [MorningCheck] = []
        var clearings: [FlagClearing] = []
        var runKm = 3.0
        var morningPain = 3
        var stepIndex = 0
        var stepPasses = 0
        let redDay = start.adding(days: totalDays * 3 / 7)
        let flagDay = start.adding(days: totalDays * 4 / 7)
        let spikeWeek = start.adding(days: totalDays / 2).weekStart

        for offset in 0..<totalDays {
            let date = start.adding(days: offset)
            guard let change = changes.last(where: { $0.date <= date }),
                let phase = plan.phases.first(where: { $0.id == change.phase })
            else { continue }
            let phaseDay = change.date.days(to: date)
            var pain = max(0, 3 - phaseDay / 4)  // settles over the first two weeks of a phase
            var lasted = false
            var flags: [String] = []
            if date == redDay {
                pain = 6
                lasted = true
            }
            switch phase.kind {
            case .relativeRest, .maintenance:
                let activity = phase.allowed.first(where: { $0 != .run }) ?? .walk
                if offset % 7 != 6 {
                    let walkDay = offset % 2 == 0 && phase.allowed.contains(.walk)
                    sessions.append(Session(
                        date: date, activity: walkDay ? .walk : activity,
                        km: walkDay ? (Double(20 + phaseDay * 2) / 12 * 100).rounded() / 100 : nil,
                        minutes: min(60, 20 + phaseDay * 2), painDuring: min(pain, 3),
                        painAfter: min(pain, 3), note: ""))
                }
            case .loadBuildUp:
                switch date.weekday {
                case 0, 2, 4:
                    sessions.append(Session(
                        date: date, activity: .exercises, minutes: 25, painDuring: min(pain, 2),
                        painAfter: min(pain, 2)))
                case 1, 5:
                    var km = (runKm * 4).rounded() / 4
                    if date.weekStart == spikeWeek && date.weekday == 5 { km += 3 }
                    sessions.append(Session(
                        date: date, activity: .run, km: km, minutes: Int(km * 6.5),
                        painDuring: pain > 3 ? pain : 1 + rng.below(2),
                        painAfter: pain > 3 ? pain - 1 : 1 + rng.below(3), lastedOver2h: lasted,
                        shoe: "Demo trainers"))
                    if date.weekday == 5 { runKm *= 1.08 }
                case 6:
                    sessions.append(Session(
                        date: date, activity: .cycle, minutes: 45, painDuring: 1, painAfter: 1))
                default: break
                }
            case .returnToRunning:
                if phaseDay % 2 == 0, !phase.runWalk.isEmpty {
                    let step = phase.runWalk[min(stepIndex, phase.runWalk.count - 1)]
                    let minutes = step.totalMinutes
                    let km = (Double(minutes) / 7 * 100).rounded() / 100
                    let after = rng.chance(15) ? 4 : 1 + rng.below(3)
                    sessions.append(Session(
                        date: date, activity: .run, km: km, minutes: minutes,
                        painDuring: 1 + rng.below(2), painAfter: after, shoe: "Demo trainers"))
                    if after <= 3 {
                        stepPasses += 1
                        if stepPasses >= step.sessionsToPass && stepIndex < phase.runWalk.count - 1 {
                            stepIndex += 1
                            stepPasses = 0
                        }
                    }
                } else if phaseDay % 2 == 1 {
                    sessions.append(Session(
                        date: date, activity: .exercises, minutes: 20, painDuring: 1, painAfter: 1))
                }
            }
            if date == flagDay { flags = [RedFlag.swellingWarmthRedness] }
            if date == flagDay.adding(days: 2) {
                clearings.append(FlagClearing(date: date, reason: "GP: no infection, may continue"))
            }
            // Morning checks on most days; worse the morning after the red day.
            if rng.chance(85) || date == redDay.adding(days: 1) || !flags.isEmpty {
                morningPain = date == redDay.adding(days: 1) ? 5 : max(0, min(3, pain) - rng.below(2))
                mornings.append(MorningCheck(date: date, pain: morningPain, flags: flags))
            }
        }
        let assignment = Assignment(
            planID: plan.id, variantID: variant, startDate: start, startingWeeklyKm: 10,
            phaseHistory: changes)
        return Story(
            assignment: assignment,
            history: History(sessions: sessions, mornings: mornings, clearings: clearings))
    }
}
