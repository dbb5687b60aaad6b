// Long demo histories for benchmarks and for trying rehab at scale: years of a runner's life,
// with training blocks between injuries and the same injury coming back. Pure and seeded, like
// the short story it is built from.

extension DemoHistory {
    /// An injury plan as the runner follows it: the plan resolved for its variant.
    public struct Injury: Sendable {
        public var plan: Plan
        public var variant: String?

        public init(plan: Plan, variant: String?) {
            self.plan = plan
            self.variant = variant
        }
    }

    /// About `years` years of history ending yesterday. Training blocks (three or four runs a
    /// week building up to the runner's usual volume, every fourth week easier, now and then a
    /// holiday week, a long run that jumps, a sore day) alternate with injury episodes from
    /// `injuries`, each told as `story` tells it (phases, a red day, a red flag that a doctor
    /// clears, a week over the cap). The last episode is `current`, still going on today; it
    /// is the assignment. Earlier episodes of the same plan count as recurrences: the
    /// assignment's phase history starts with the first and goes back to the first phase at
    /// each one. Other plans leave only their log (a patient has one plan at a time). Shoes are
    /// replaced before 600 km (a cautious runner).
    public static func career(
        current: Injury, injuries: [Injury], years: Int, today: Day, seed: UInt64
    ) -> Story {
        var rng = Generator(seed: seed)
        let start = today.adding(days: -(max(1, years) * 365 + max(1, years) / 4))
        let currentStart = max(start, today.adding(days: -plannedDays(current.plan)))
        let pool = injuries.isEmpty ? [current] : injuries

        // The timeline: a training block, an episode, a block, ..., the current episode.
        var episodes: [(injury: Injury, start: Day, days: Int)] = []
        var cursor = start
        var previous: String?
        while true {
            let block = 7 * (10 + rng.below(30))
            // A recurrence of the current injury about one time in three.
            var injury = rng.chance(35) ? current : pool[rng.below(pool.count)]
            if injury.plan.id == previous { injury = pool[rng.below(pool.count)] }
            let days = plannedDays(injury.plan)
            guard cursor.adding(days: block + days + 28) <= currentStart else { break }
            cursor = cursor.adding(days: block)
            episodes.append((injury, cursor, days))
            cursor = cursor.adding(days: days)
            previous = injury.plan.id
        }
        episodes.append((current, currentStart, currentStart.days(to: today)))

        var sessions: [Session] = []
        var mornings: [MorningCheck] = []
        var clearings: [FlagClearing] = []
        var changes: [PhaseChange] = []
        var level = Double(12 + rng.below(10))
        let ceiling = Double(25 + rng.below(30))
        var blockStart = start
        for (i, episode) in episodes.enumerated() {
            let training = trainingBlock(
                from: blockStart, until: episode.start, level: &level, ceiling: ceiling, &rng)
            sessions += training.sessions
            mornings += training.mornings
            let last = i == episodes.count - 1
            let told = story(
                plan: episode.injury.plan, variant: episode.injury.variant,
                today: episode.start.adding(days: episode.days),
                weeks: last && episode.days < plannedDays(current.plan) ? episode.days / 7 : nil,
                seed: rng.next())
            sessions += told.history.sessions
            mornings += told.history.mornings
            clearings += told.history.clearings
            if episode.injury.plan.id == current.plan.id {
                var story = told.assignment.phaseHistory
                if !changes.isEmpty, !story.isEmpty { story[0].reason = .stepBack }
                changes += story
            }
            // After an injury the runner starts again well below their usual volume.
            level = max(8, level * 0.5)
            blockStart = episode.start.adding(days: episode.days)
        }
        let shod = shoe(runs: sessions, &rng)
        let assignment = Assignment(
            planID: current.plan.id, variantID: current.variant,
            startDate: changes.first?.date ?? currentStart, startingWeeklyKm: 12,
            phaseHistory: changes)
        return Story(
            assignment: assignment,
            history: History(sessions: shod.sessions, mornings: mornings, clearings: clearings),
            shoes: shod.shoes)
    }

    /// Healthy running from `from` up to (not including) `until`. `level` is the weekly km the
    /// runner is at; it grows 6 % a week up to `ceiling` and is left where the block ends.
    static func trainingBlock(
        from: Day, until: Day, level: inout Double, ceiling: Double, _ rng: inout Generator
    ) -> (sessions: [Session], mornings: [MorningCheck]) {
        var sessions: [Session] = []
        var mornings: [MorningCheck] = []
        var weekTarget = level
        var weekNumber = 0
        var holiday = false
        var strengthWeek = true
        var date = from
        while date < until {
            if date == from || date.weekday == 0 {
                if date != from {
                    weekNumber += 1
                    level = min(ceiling, level * 1.06)
                }
                holiday = rng.chance(6)
                strengthWeek = rng.chance(70)
                // Every fourth week is an easier one.
                weekTarget = weekNumber % 4 == 3 ? level * 0.65 : level
            }
            if !holiday, let share = runShare(date.weekday, weekly: weekTarget) {
                var km = weekTarget * share
                // Now and then a long run grows a lot at once: a spike the engine should see.
                if date.weekday == 6 && rng.chance(4) { km *= 1.35 }
                km = max(2, (km * 10).rounded() / 10)
                let pace = 5.4 + Double(rng.below(9)) / 10
                var during = rng.below(2)
                var after = rng.chance(6) ? 4 : rng.below(2)
                if rng.chance(1) {
                    during = 6
                    after = 5
                }
                sessions.append(
                    Session(
                        date: date, activity: .run, km: km, minutes: max(1, Int(km * pace)),
                        painDuring: during, painAfter: after))
            } else if date.weekday == 2 && strengthWeek {
                sessions.append(
                    Session(
                        date: date, activity: .strength, minutes: 30 + 5 * rng.below(4),
                        painDuring: 0, painAfter: rng.below(2)))
            } else if date.weekday == 4 && (holiday || rng.chance(30)) {
                let minutes = 40 + 10 * rng.below(4)
                sessions.append(
                    Session(
                        date: date, activity: holiday ? .walk : .cycle,
                        km: (Double(minutes) / (holiday ? 12 : 3) * 10).rounded() / 10,
                        minutes: minutes, painDuring: 0, painAfter: 0))
            }
            // A healthy runner fills in the morning check about every other day; a sore day
            // makes the next morning a little stiffer, and they do log that one.
            let yesterdaySore =
                sessions.last.map {
                    $0.date == date.adding(days: -1) && max($0.painDuring, $0.painAfter) >= 4
                } ?? false
            if yesterdaySore || rng.chance(55) {
                mornings.append(MorningCheck(date: date, pain: yesterdaySore ? 2 : rng.below(2)))
            }
            date = date.adding(days: 1)
        }
        return (sessions, mornings)
    }

    /// The share of the week's km run on a weekday: Tuesday, Thursday and a long Sunday run,
    /// plus a short Saturday run once the week is over 30 km.
    static func runShare(_ weekday: Int, weekly: Double) -> Double? {
        let four = weekly > 30
        switch weekday {
        case 1: return four ? 0.2 : 0.27
        case 3: return four ? 0.25 : 0.3
        case 5: return four ? 0.15 : nil
        case 6: return four ? 0.4 : 0.43
        default: return nil
        }
    }

    /// Gives every run a pair of shoes, a new pair before 600 km; the last pair is current.
    static func shoe(runs sessions: [Session], _ rng: inout Generator)
        -> (sessions: [Session], shoes: [Shoe])
    {
        var sorted = History(sessions: sessions).sessions
        var shoes = [Shoe(name: "Trainers 1")]
        var worn = 0.0
        var retireAt = Double(450 + rng.below(120))
        for i in sorted.indices where sorted[i].activity == .run {
            if worn >= retireAt {
                shoes.append(Shoe(name: "Trainers \(shoes.count + 1)"))
                worn = 0
                retireAt = Double(450 + rng.below(120))
            }
            sorted[i].shoe = shoes[shoes.count - 1].name
            worn += sorted[i].km ?? 0
        }
        return (sorted, shoes)
    }
}

extension DemoHistory {
    static let firstNames = [
        "Anouk", "Bram", "Charlotte", "Daan", "Eva", "Finn", "Greta", "Hugo", "Iris", "Jesse",
        "Kim", "Lars", "Maud", "Noah", "Olivia", "Pim", "Quinten", "Roos", "Sanne", "Thijs",
        "Uma", "Vera", "Wouter", "Xander", "Yara", "Zoë", "Amira", "Bas", "Chloé", "Dirk",
        "Elif", "Fleur", "Gijs", "Hanna", "Ivo", "Julia", "Koen", "Lotte", "Milan", "Nina",
    ]
    static let surnames = [
        "de Vries", "Jansen", "van Dijk", "Bakker", "Visser", "Smit", "Meijer", "de Boer",
        "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker",
        "Brouwer", "de Wit", "Dijkstra", "Smits", "de Graaf", "van der Meer", "Kok", "Jacobs",
        "de Haan", "Vermeulen", "van den Berg", "van der Heijden", "Schouten", "Willems",
        "Yilmaz", "El Amrani", "Hoekstra", "Koster", "Prins", "Huisman", "Kuipers", "Post",
        "Kramer", "Sarmo",
    ]

    /// `count` different patient names for a demo clinic, the same for the same seed.
    public static func clinicNames(count: Int, seed: UInt64) -> [String] {
        var rng = Generator(seed: seed ^ 0xC11C)
        var taken = Set<String>()
        var names: [String] = []
        while names.count < count {
            var name =
                firstNames[rng.below(firstNames.count)] + " " + surnames[rng.below(surnames.count)]
            // Past about half the combinations, a number keeps names apart without looping long.
            let half = firstNames.count * surnames.count / 2
            if taken.contains(name.lowercased()), taken.count > half {
                name += " \(names.count + 1)"
            }
            if taken.insert(name.lowercased()).inserted { names.append(name) }
        }
        return names
    }
}
