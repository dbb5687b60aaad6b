import Testing

@testable import RehabCore

// The four properties of DESIGN section 4 version 2, each over 1,000 generated histories. The
// generator is the demo's fixed-seed SplitMix64, so a failure names its seed and replays exactly.

/// The demo's seeded SplitMix64 generator.
typealias SplitMix = DemoHistory.Generator

/// One generated case: a setup of the scenario table, about six weeks of records ending on D.
struct GeneratedCase {
    var setup: Scenario.Setup
    var sessions: [Session]
    var mornings: [MorningCheck]
    var today: Day

    var scenario: Scenario {
        Scenario(
            name: "generated", setup: setup, sessions: sessions, mornings: mornings,
            today: today.iso, level: .green, action: .progress, codes: [])
    }

    func verdict(on day: Day? = nil) -> Verdict {
        let s = scenario
        return Engine.verdict(
            plan: s.plan, assignment: s.assignment, history: s.history, on: day ?? today)
    }

    /// The engine's status as of `today`.
    func status() -> Status {
        let s = scenario
        return Engine.status(
            plan: s.plan, assignment: s.assignment, history: s.history, today: today)
    }

    /// The engine's reading of the whole generated history.
    var evaluation: Evaluation {
        let s = scenario
        return Evaluation(plan: s.plan, assignment: s.assignment, history: s.history)
    }

    static func make(seed: UInt64, setups: [Scenario.Setup]) -> GeneratedCase {
        var rng = SplitMix(seed: seed)
        let setup = setups[rng.below(setups.count)]
        let today = day("2026-03-04").adding(days: rng.below(28))
        let plan = Scenario(name: "", setup: setup, level: .green, action: .progress, codes: [])
            .plan
        var sessions: [Session] = []
        var mornings: [MorningCheck] = []
        var d = today.adding(days: -42)
        while d <= today {
            if rng.chance(65) {
                // Mostly low mornings, now and then a bad one.
                let pain = rng.chance(80) ? rng.below(4) : 3 + rng.below(6)
                mornings.append(
                    MorningCheck(date: d, pain: pain, flags: rng.chance(1) ? ["fever"] : []))
            }
            for _ in 0..<(rng.chance(55) ? 1 + rng.below(2) : 0) {
                let allowed = plan.phases.flatMap(\.allowed)
                let activity =
                    rng.chance(10)
                    ? Activity.allCases[rng.below(Activity.allCases.count)]
                    : allowed[rng.below(allowed.count)]
                let minutes = 10 + rng.below(80)
                sessions.append(
                    Session(
                        date: d, activity: activity,
                        km: activity == .run ? Double(2 + rng.below(10)) : nil, minutes: minutes,
                        painDuring: rng.chance(75) ? rng.below(4) : rng.below(9),
                        painAfter: rng.chance(75) ? rng.below(4) : rng.below(9),
                        lastedOver2h: rng.chance(4)))
            }
            d = d.adding(days: 1)
        }
        return GeneratedCase(setup: setup, sessions: sessions, mornings: mornings, today: today)
    }
}

/// Setups without a run/walk schedule, for the cap's property: a schedule sets its own cap, in
/// the step's minutes instead of km.
let plainSetups: [Scenario.Setup] = [.rest, .longRest, .load, .full, .osteoarthritis]
let allSetups = plainSetups + [.schedule]

@Suite struct PropertyTests {
    static let count = 1000

    /// A higher pain score on any session, or a higher latest morning, never improves the
    /// verdict. (An earlier morning is also a baseline for the sessions after it, and DESIGN's
    /// median baseline rises with it; the judged day's own scores are what this property binds.)
    @Test func higherScoresNeverImproveAVerdict() {
        var checked = 0
        for seed in 0..<UInt64(Self.count) {
            var c = GeneratedCase.make(seed: seed, setups: allSetups)
            let before = c.verdict().level
            var rng = SplitMix(seed: seed ^ 0xABCD)
            let past = c.sessions.indices.filter { c.sessions[$0].date <= c.today }
            if !past.isEmpty, rng.chance(60) {
                let i = past[rng.below(past.count)]
                c.sessions[i].painDuring = min(10, c.sessions[i].painDuring + 1 + rng.below(3))
                c.sessions[i].painAfter = min(10, c.sessions[i].painAfter + rng.below(3))
            } else if let i = c.mornings.lastIndex(where: { $0.date <= c.today }) {
                c.mornings[i].pain = min(10, c.mornings[i].pain + 1 + rng.below(3))
            }
            let after = c.verdict().level
            #expect(after >= before, "seed \(seed)")
            checked += 1
        }
        #expect(checked == Self.count)
    }

    /// Adding a low-pain session never removes a finding about an earlier day's response.
    @Test func aLowPainSessionNeverHidesAWorseMorning() {
        var withFindings = 0
        // Seeds past the usual count that once failed (a session on the day between two let
        // the later baseline decide how long a worse morning held), kept as regressions.
        for seed in Array(0..<UInt64(Self.count)) + [7_123, 9_483, 11_169] {
            var c = GeneratedCase.make(seed: seed, setups: allSetups)
            func responseDays(_ v: Verdict) -> Set<Day> {
                Set(v.findings.filter { $0.code == .worseNextMorning }.compactMap(\.date))
            }
            let before = responseDays(c.verdict())
            if !before.isEmpty { withFindings += 1 }
            var rng = SplitMix(seed: seed ^ 0x1234)
            let when = c.today.adding(days: -rng.below(10))
            c.sessions.append(
                Session(
                    date: when, activity: [.walk, .cycle, .swim][rng.below(3)], minutes: 20,
                    painDuring: rng.below(4), painAfter: rng.below(4)))
            let after = responseDays(c.verdict())
            #expect(before.isSubset(of: after), "seed \(seed)")
        }
        // The generator must actually produce worse mornings for this to mean anything.
        #expect(withFindings > Self.count / 5)
    }

    /// The verdict for a past date depends on later records only through the response mornings
    /// that judge it: as of the day itself it does not change at all, and its revision changes
    /// only with the mornings of the next two days.
    @Test func aPastVerdictIgnoresLaterRecords() {
        for seed in 0..<UInt64(Self.count) {
            let c = GeneratedCase.make(seed: seed, setups: allSetups)
            var rng = SplitMix(seed: seed ^ 0x5678)
            let past = c.today.adding(days: -(3 + rng.below(20)))
            let trimmed = GeneratedCase(
                setup: c.setup, sessions: c.sessions.filter { $0.date <= past },
                mornings: c.mornings.filter { $0.date <= past }, today: c.today)
            #expect(c.verdict(on: past) == trimmed.verdict(on: past), "seed \(seed)")

            let s = c.scenario
            let keepResponse = GeneratedCase(
                setup: c.setup, sessions: c.sessions.filter { $0.date <= past },
                mornings: c.mornings.filter { $0.date <= past.adding(days: 2) }, today: c.today)
            func revised(_ g: GeneratedCase) -> DayVerdict {
                Engine.dayVerdicts(
                    plan: s.plan, assignment: s.assignment,
                    history: History(sessions: g.sessions, mornings: g.mornings), on: [past],
                    asOf: c.today)[0]
            }
            #expect(revised(c) == revised(keepResponse), "seed \(seed)")
        }
    }

    /// The cap never exceeds (1 + pct/100) × the lower of last week's total and cap, or the
    /// floor (in the same metric; outside run/walk schedules, which set their own cap).
    @Test func theCapNeverRatchets() {
        var capped = 0
        for seed in 0..<UInt64(Self.count) {
            let c = GeneratedCase.make(seed: seed, setups: plainSetups)
            let s = c.scenario
            let history = History(sessions: c.sessions, mornings: c.mornings)
            func status(_ d: Day) -> Status {
                Engine.status(plan: s.plan, assignment: s.assignment, history: history, today: d)
            }
            let now = status(c.today)
            guard let cap = now.load.cap, !now.load.scheduleSetsLoad else { continue }
            let lastSunday = c.today.weekStart.adding(days: -1)
            let last = status(lastSunday)
            let lastCap =
                lastSunday >= s.assignment.startDate && last.load.metric == now.load.metric
                ? last.load.cap : nil
            let phase = now.phase.phase
            var floor = phase.startingVolume ?? 0
            if case .minutes = phase.loadMetric, s.plan.id.contains("osteoarthritis") {
                floor = max(floor, 150)
            }
            let pct = s.plan.thresholds(in: phase).weeklyIncreasePct
            // After an empty week: the floor, else last week's cap carried on (never raised).
            let bound =
                now.load.lastWeek > 0 || floor > 0
                ? max(min(now.load.lastWeek, lastCap ?? now.load.lastWeek) * (1 + pct / 100), floor)
                : lastCap ?? 0
            #expect(cap <= bound + 1e-9, "seed \(seed)")
            capped += 1
        }
        #expect(capped > Self.count / 2)
    }
}

/// A run without pain, for the load properties.
private func painlessRun(_ date: Day, km: Int, minutes: Int) -> Session {
    Session(
        date: date, activity: .run, km: Double(km), minutes: minutes, painDuring: 0,
        painAfter: 0)
}

/// The floors under every verdict (DESIGN section 4's table): whatever else a generated history
/// holds, a red flag not cleared stops, pain or a morning above its limit is at least red, and a
/// week over its cap or a run over the spike is always said.
@Suite struct SafetyFloorProperties {
    /// A red flag of the plan, reported on a morning or with a session in the last 40 days
    /// and not cleared, makes the day's verdict `stop`.
    @Test func anOpenRedFlagAlwaysStops() {
        var checked = 0
        for seed in 0..<UInt64(PropertyTests.count) {
            var c = GeneratedCase.make(seed: seed, setups: allSetups)
            let flags = c.scenario.plan.redFlags
            guard !flags.isEmpty else { continue }
            // The generator's own flags are dropped, so the one added is the only one.
            c.mornings = c.mornings.map { MorningCheck(date: $0.date, pain: $0.pain) }
            var rng = SplitMix(seed: seed ^ 0x9999)
            let flag = flags[rng.below(flags.count)].id
            let when = c.today.adding(days: -rng.below(40))
            if rng.chance(50) {
                c.mornings.removeAll { $0.date == when }
                c.mornings.append(MorningCheck(date: when, pain: rng.below(3), flags: [flag]))
                c.mornings.sort { $0.date < $1.date }
            } else {
                c.sessions.append(
                    Session(
                        date: when, activity: .walk, minutes: 10, painDuring: 0, painAfter: 0,
                        flags: [flag]))
            }
            #expect(c.verdict().level == .stop, "seed \(seed)")
            checked += 1
        }
        #expect(checked > PropertyTests.count / 2)
    }

    /// A session today with pain during or after above its activity's `limit` makes today at
    /// least red, and so does a morning today above `morning.limit`.
    @Test func painOrAMorningAboveItsLimitIsAtLeastRed() {
        for seed in 0..<UInt64(PropertyTests.count) {
            let c = GeneratedCase.make(seed: seed, setups: allSetups)
            var rng = SplitMix(seed: seed ^ 0x4242)
            let thresholds = c.evaluation.thresholds(on: c.today)
            let allowed = c.scenario.plan.phases.flatMap(\.allowed)
            let activity = allowed[rng.below(allowed.count)]
            let limit = thresholds.pain(for: activity).limit
            guard limit < 10, thresholds.morningLimit < 10 else { continue }
            let pain = min(10, limit + 1 + rng.below(3))
            let during = rng.chance(50)
            var hurt = c
            hurt.sessions.append(
                Session(
                    date: c.today, activity: activity, km: activity == .run ? 3 : nil,
                    minutes: 20, painDuring: during ? pain : 0, painAfter: during ? 0 : pain))
            #expect(hurt.verdict().level >= .red, "seed \(seed) \(activity) \(pain)")
            var stiff = c
            let morning = min(10, thresholds.morningLimit + 1 + rng.below(3))
            stiff.mornings.removeAll { $0.date == c.today }
            stiff.mornings.append(MorningCheck(date: c.today, pain: morning))
            #expect(stiff.verdict().level >= .red, "seed \(seed) morning \(morning)")
        }
    }

    /// A week over its cap always carries `weekly_load_over_cap` (outside osteoarthritis plans,
    /// where only an overloading week counts, and under a stop, which gives no load advice).
    /// Half the histories get one to four heavier runs in the last days to go over it.
    @Test func aWeekOverItsCapIsAlwaysSaid() {
        var over = 0
        for seed in 0..<UInt64(PropertyTests.count) {
            var c = GeneratedCase.make(seed: seed, setups: allSetups)
            var rng = SplitMix(seed: seed ^ 0x3131)
            if rng.chance(50) {
                for back in 0..<(1 + rng.below(4)) {
                    c.sessions.append(
                        painlessRun(
                            c.today.adding(days: -back), km: 5 + rng.below(20),
                            minutes: 30 + rng.below(90)))
                }
            }
            let status = c.status()
            guard let cap = status.load.cap, status.load.thisWeek > cap + 1e-9,
                c.setup != .osteoarthritis, status.verdict.level != .stop
            else { continue }
            over += 1
            #expect(
                status.verdict.findings.contains { $0.code == .weeklyLoadOverCap },
                "seed \(seed)")
        }
        #expect(over > PropertyTests.count / 10)
    }

    /// On the latest session day, runs that add up to more than `session_spike_pct` over the
    /// longest day of runs in the 30 days before it always carry `session_spike`, worked out
    /// here from the records alone (outside run/walk schedules, which judge against the step
    /// instead, and under a stop). The generated runs all have km; how km and minutes mix when
    /// some have none is in LoadTests' table.
    @Test func aRunLongerThanTheLongestByTheSpikeIsAlwaysSaid() {
        var spikes = 0
        for seed in 0..<UInt64(PropertyTests.count) {
            var c = GeneratedCase.make(seed: seed, setups: plainSetups)
            var rng = SplitMix(seed: seed ^ 0x5151)
            if rng.chance(60) {
                c.sessions.append(
                    painlessRun(c.today, km: 3 + rng.below(15), minutes: 30 + rng.below(60)))
            }
            let status = c.status()
            guard status.verdict.level != .stop, !status.load.scheduleSetsLoad,
                let latest = c.sessions.map(\.date).filter({ $0 <= c.today }).max()
            else { continue }
            let runs = c.sessions.filter { $0.activity == .run && $0.date == latest }
            let before = c.sessions.filter {
                $0.activity == .run && $0.date < latest && $0.date >= latest.adding(days: -30)
            }
            guard !runs.isEmpty, !before.isEmpty else { continue }
            func amount(_ sessions: [Session]) -> Double {
                sessions.reduce(0) { $0 + ($1.km ?? .nan) }
            }
            let longest = Dictionary(grouping: before, by: \.date).values.map(amount).max() ?? 0
            let pct = c.evaluation.thresholds(on: latest).sessionSpikePct
            guard amount(runs) > longest * (1 + pct / 100) + 1e-9 else { continue }
            spikes += 1
            #expect(
                status.verdict.findings.contains { $0.code == .sessionSpike }, "seed \(seed)")
        }
        #expect(spikes > PropertyTests.count / 10)
    }
}

/// DESIGN section 4's 24-hour rule worked out again from the records alone, as the text has it,
/// and held to the engine's first-day verdict of every morning: the baseline (the median of the
/// mornings in the 7 days before the session day, at least 2, else that day's own morning), the
/// response (the next morning, else the one after when the next day has no check), red at 2
/// above or over `morning.limit`, amber at 1 above, and in osteoarthritis plans amber for a
/// first worse response in 7 days and red for a second.
@Suite struct TwentyFourHourRuleProperties {
    @Test func everyMorningIsJudgedAsTheTextReads() {
        var worse = 0
        for seed in 0..<UInt64(PropertyTests.count) {
            let c = GeneratedCase.make(seed: seed, setups: allSetups)
            let evaluation = c.evaluation
            let reading = TwentyFourHourReading(
                mornings: c.mornings, sessionDays: Set(c.sessions.map(\.date)),
                limit: { evaluation.thresholds(on: $0).morningLimit },
                movementIsMedicine: evaluation.movementIsMedicine(on:))
            for check in c.mornings where check.date <= c.today {
                let expected = reading.level(on: check.date)
                if expected != nil { worse += 1 }
                #expect(
                    evaluation.responseOn(morning: check.date)?.level == expected,
                    "seed \(seed) \(check.date)")
            }
        }
        #expect(worse > PropertyTests.count)
    }
}

/// The 24-hour rule as DESIGN section 4 words it, written apart from the engine.
private struct TwentyFourHourReading {
    let scores: [Day: Int]
    let sessionDays: Set<Day>
    let limit: (Day) -> Int
    let movementIsMedicine: (Day) -> Bool

    init(
        mornings: [MorningCheck], sessionDays: Set<Day>, limit: @escaping (Day) -> Int,
        movementIsMedicine: @escaping (Day) -> Bool
    ) {
        scores = Dictionary(mornings.map { ($0.date, $0.pain) }, uniquingKeysWith: max)
        self.sessionDays = sessionDays
        self.limit = limit
        self.movementIsMedicine = movementIsMedicine
    }

    func baseline(_ sessionDay: Day) -> Double? {
        let week = (1...7).compactMap { scores[sessionDay.adding(days: -$0)] }.sorted()
        guard week.count >= 2 else { return scores[sessionDay].map(Double.init) }
        let middle = week.count / 2
        return week.count % 2 == 1
            ? Double(week[middle]) : Double(week[middle - 1] + week[middle]) / 2
    }

    /// The session days `morning` answers for.
    func judged(by morning: Day) -> [Day] {
        guard scores[morning] != nil else { return [] }
        return [1, 2].map { morning.adding(days: -$0) }.filter { day in
            sessionDays.contains(day)
                && (scores[day.adding(days: 1)] != nil ? day.adding(days: 1) : day.adding(days: 2))
                    == morning
        }
    }

    /// The level before the osteoarthritis rule, and whether the morning was over the limit.
    func plainLevel(_ sessionDay: Day, _ morning: Day) -> (level: Level, overLimit: Bool)? {
        guard let score = scores[morning] else { return nil }
        let overLimit = score > limit(sessionDay)
        if overLimit { return (.red, true) }
        guard let base = baseline(sessionDay) else { return nil }
        let rise = Double(score) - base
        return rise >= 2 ? (.red, false) : rise >= 1 ? (.amber, false) : nil
    }

    func level(on morning: Day) -> Level? {
        judged(by: morning).compactMap { sessionDay -> Level? in
            guard let (level, overLimit) = plainLevel(sessionDay, morning) else { return nil }
            guard !overLimit, movementIsMedicine(sessionDay) else { return level }
            let earlier = (1...7).contains { back in
                let day = morning.adding(days: -back)
                return judged(by: day).contains { plainLevel($0, day) != nil }
            }
            return earlier ? .red : .amber
        }.max()
    }
}

@Suite struct ResponseLookBackProperties {
    /// The response findings of every day of 1,000 generated histories, looked for back only
    /// while one could still be unresolved (`responseFindings`), are exactly those of every
    /// earlier morning checked one by one (DESIGN section 4: in force until resolved).
    @Test func stoppingEarlyMissesNoUnresolvedResponse() {
        var persisting = 0
        for seed in 0..<UInt64(PropertyTests.count) {
            let c = GeneratedCase.make(seed: seed, setups: allSetups)
            let evaluation = c.evaluation
            var day = c.today.adding(days: -42)
            while day <= c.today {
                var expected: [Finding] = []
                if let new = evaluation.responseOn(morning: day) {
                    expected.append(evaluation.finding(new))
                }
                for check in c.mornings.reversed() where check.date < day {
                    if let old = evaluation.responseOn(morning: check.date),
                        !evaluation.isResolved(old, asOf: day)
                    {
                        expected.append(evaluation.finding(old, heldOn: day))
                    }
                }
                persisting += expected.filter(\.persisting).count
                #expect(evaluation.responseFindings(asOf: day) == expected, "seed \(seed) \(day)")
                day = day.adding(days: 1)
            }
        }
        // The generated mornings leave many responses unresolved for days: the property is
        // not checked on empty lists only.
        #expect(persisting > 1000)
    }
}
