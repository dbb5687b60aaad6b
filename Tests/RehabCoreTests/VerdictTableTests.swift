import Testing

@testable import RehabCore

/// One row per row of the DESIGN verdict table, with boundaries; expectations worked out by hand.
struct VerdictRow: Sendable, CustomTestStringConvertible {
    enum Setup: Sendable {
        /// Rest from 02-16, build-up from 02-23 (day 10 on 03-04; max 28).
        case building
        /// Rest from 02-16 (max 14 days).
        case resting
        /// Build-up from 03-02, plan started 03-02.
        case fresh
    }

    var name: String
    var setup: Setup = .building
    var safeMax: Int? = nil
    var sessions: [Session] = []
    var mornings: [MorningCheck] = []
    var clearings: [FlagClearing] = []
    var today = "2026-03-04"
    var level: Level
    var action: Action
    var codes: Set<ReasonCode>

    var testDescription: String { name }
}

let verdictRows: [VerdictRow] = [
    // Pain during and after, on the latest session day.
    VerdictRow(
        name: "3/3 is green", sessions: [cycle("2026-03-04", during: 3, after: 3)],
        level: .green, action: .progress, codes: []),
    VerdictRow(
        name: "during 4 is amber", sessions: [cycle("2026-03-04", during: 4)],
        level: .amber, action: .hold, codes: [.painDuringAboveSafe]),
    VerdictRow(
        name: "after 4 is amber", sessions: [cycle("2026-03-04", after: 4)],
        level: .amber, action: .hold, codes: [.painAfterAboveSafe]),
    VerdictRow(
        name: "5/5 is still amber", sessions: [cycle("2026-03-04", during: 5, after: 5)],
        level: .amber, action: .hold, codes: [.painDuringAboveSafe, .painAfterAboveSafe]),
    VerdictRow(
        name: "during 6 is red", sessions: [cycle("2026-03-04", during: 6, after: 2)],
        level: .red, action: .reduce, codes: [.painAboveLimit]),
    VerdictRow(
        name: "6 during and 4 after", sessions: [cycle("2026-03-04", during: 6, after: 4)],
        level: .red, action: .reduce, codes: [.painAboveLimit, .painAfterAboveSafe]),
    VerdictRow(
        name: "the worst session of the day counts",
        sessions: [cycle("2026-03-04", during: 1), cycle("2026-03-04", during: 4)],
        level: .amber, action: .hold, codes: [.painDuringAboveSafe]),
    VerdictRow(
        name: "only the latest session day counts",
        sessions: [cycle("2026-03-03", during: 7), cycle("2026-03-04", during: 1)],
        level: .green, action: .progress, codes: []),
    VerdictRow(
        name: "safe_max 5 makes 5 green", safeMax: 5,
        sessions: [cycle("2026-03-04", during: 5, after: 5)],
        level: .green, action: .progress, codes: []),
    VerdictRow(
        name: "pain lasted over 2 h", sessions: [cycle("2026-03-04", lasted: true)],
        level: .red, action: .reduce, codes: [.painLasted]),
    // Next-morning response.
    // v2: one point above the baseline (the session day's own morning, 2) is amber, not red.
    VerdictRow(
        name: "worse next morning",
        sessions: [cycle("2026-03-03", during: 2, after: 2)],
        mornings: [morning("2026-03-03", 2), morning("2026-03-04", 3)],
        level: .amber, action: .hold, codes: [.worseNextMorning]),
    VerdictRow(
        name: "same next morning is fine",
        sessions: [cycle("2026-03-03", during: 2, after: 2)],
        mornings: [morning("2026-03-02", 2), morning("2026-03-04", 2)],
        level: .green, action: .progress, codes: []),
    // v2: without a baseline only the absolute levels apply; 5 is above the safe 3.
    VerdictRow(
        name: "no baseline, only the absolute morning levels",
        sessions: [cycle("2026-03-03")], mornings: [morning("2026-03-04", 5)],
        level: .amber, action: .hold, codes: [.morningAboveSafe]),
    VerdictRow(
        name: "the next morning is not seen before it comes",
        sessions: [cycle("2026-03-03")],
        mornings: [morning("2026-03-03", 1), morning("2026-03-04", 6)], today: "2026-03-03",
        level: .green, action: .progress, codes: []),
    // Red flags.
    VerdictRow(
        name: "flag on a session",
        sessions: [cycle("2026-03-04", flags: [RedFlag.givingWay])],
        level: .stop, action: .seeDoctor, codes: [.redFlag]),
    VerdictRow(
        name: "pop on a morning check",
        sessions: [cycle("2026-03-04")],
        mornings: [morning("2026-03-03", 0, flags: [RedFlag.popLossOfFunction])],
        level: .stop, action: .emergency, codes: [.redFlag]),
    VerdictRow(
        name: "a flag cleared the same day",
        sessions: [cycle("2026-03-03", flags: [RedFlag.fever]), cycle("2026-03-04")],
        clearings: [FlagClearing(date: day("2026-03-03"), reason: "seen by GP")],
        level: .green, action: .progress, codes: []),
    VerdictRow(
        name: "a flag reported after the clearing",
        sessions: [
            cycle("2026-03-02", flags: [RedFlag.fever]),
            cycle("2026-03-04", flags: [RedFlag.locking]),
        ],
        clearings: [FlagClearing(date: day("2026-03-03"), reason: "seen by GP")],
        level: .stop, action: .seeDoctor, codes: [.redFlag]),
    VerdictRow(
        name: "a clearing after the day does not count yet",
        sessions: [cycle("2026-03-03", flags: [RedFlag.fever]), cycle("2026-03-04")],
        clearings: [FlagClearing(date: day("2026-03-05"), reason: "seen by GP")],
        level: .stop, action: .seeDoctor, codes: [.redFlag]),
    // Weekly load: last week 5+5 = 10 km, cap 11.
    VerdictRow(
        name: "this week over the cap",
        sessions: [
            run("2026-02-24", km: 5), run("2026-02-27", km: 5),
            run("2026-03-02", km: 6), run("2026-03-04", km: 5.5),
        ],
        level: .amber, action: .hold, codes: [.weeklyLoadOverCap]),
    VerdictRow(
        name: "exactly at the cap",
        sessions: [
            run("2026-02-24", km: 5), run("2026-02-27", km: 5),
            run("2026-03-02", km: 5.5), run("2026-03-04", km: 5.5),
        ],
        level: .green, action: .progress, codes: []),
    // Spike: longest of the last 30 days 5 km (week before 15 km, cap 16.5).
    VerdictRow(
        name: "a run 12 % longer",
        sessions: [
            run("2026-02-24", km: 5), run("2026-02-26", km: 5), run("2026-03-01", km: 5),
            run("2026-03-04", km: 5.6),
        ],
        level: .amber, action: .hold, codes: [.sessionSpike]),
    VerdictRow(
        name: "a run exactly 10 % longer",
        sessions: [
            run("2026-02-24", km: 5), run("2026-02-26", km: 5), run("2026-03-01", km: 5),
            run("2026-03-04", km: 5.5),
        ],
        level: .green, action: .progress, codes: []),
    // Phase past max days (rest from 02-16: day 17 of 14, no walk logged).
    VerdictRow(
        name: "phase overdue", setup: .resting, sessions: [cycle("2026-03-04", during: 1)],
        level: .amber, action: .hold, codes: [.phaseOverdue]),
    // Nothing logged in 03-02 … 03-04.
    VerdictRow(
        name: "no recent log", sessions: [cycle("2026-03-01")],
        level: .amber, action: .hold, codes: [.noRecentLog]),
    VerdictRow(
        name: "a morning check is a log", sessions: [cycle("2026-03-01")],
        mornings: [morning("2026-03-02", 0)],
        level: .green, action: .progress, codes: []),
    VerdictRow(
        name: "no recent log, but the plan is 2 days old", setup: .fresh,
        level: .green, action: .start, codes: [.nothingLoggedYet]),
    // Relative rest, day 12: window 02-18 … 02-27. v2: the median of the last three (3, 4, 3)
    // is 3, within safe_max: no alarm while mornings stay within it (v1 alarmed on the mean).
    VerdictRow(
        name: "mornings within safe_max are no stalled recovery", setup: .resting,
        mornings: [
            morning("2026-02-18", 3), morning("2026-02-19", 3), morning("2026-02-25", 3),
            morning("2026-02-26", 4), morning("2026-02-27", 3),
        ],
        today: "2026-02-27", level: .green, action: .progress, codes: []),
    // The same with 4, 5, 4: the last three's median 4 is above safe_max and not 1 below 3.
    VerdictRow(
        name: "no improvement", setup: .resting,
        mornings: [
            morning("2026-02-18", 3), morning("2026-02-19", 3), morning("2026-02-25", 4),
            morning("2026-02-26", 5), morning("2026-02-27", 4),
        ],
        today: "2026-02-27", level: .amber, action: .hold,
        codes: [.noImprovement, .morningAboveSafe]),
    VerdictRow(
        name: "pain coming down", setup: .resting,
        mornings: [
            morning("2026-02-18", 3), morning("2026-02-19", 3), morning("2026-02-25", 2),
            morning("2026-02-26", 2), morning("2026-02-27", 3),
        ],
        today: "2026-02-27", level: .green, action: .progress, codes: []),
    VerdictRow(
        name: "pain-free all along is no stalled recovery", setup: .resting,
        mornings: [
            morning("2026-02-18", 0), morning("2026-02-19", 0), morning("2026-02-25", 0),
            morning("2026-02-26", 0), morning("2026-02-27", 0),
        ],
        today: "2026-02-27", level: .green, action: .progress, codes: []),
    VerdictRow(
        name: "no improvement is checked in relative rest only",
        mornings: [
            morning("2026-02-23", 3), morning("2026-02-24", 3), morning("2026-03-02", 3),
            morning("2026-03-03", 4), morning("2026-03-04", 3),
        ],
        level: .green, action: .progress, codes: []),
    // Several at once: the worst decides, all are listed.
    VerdictRow(
        name: "flag, red and amber together",
        sessions: [
            cycle("2026-03-04", during: 7, after: 4, flags: [RedFlag.swellingWarmthRedness])
        ],
        level: .stop, action: .seeDoctor, codes: [.redFlag, .painAboveLimit, .painAfterAboveSafe]),
]

@Suite struct VerdictTableTests {
    func evaluate(_ row: VerdictRow) -> Verdict {
        let a: Assignment
        switch row.setup {
        case .building:
            a = assignment(start: "2026-02-16", [("rest", "2026-02-16"), ("build", "2026-02-23")])
        case .resting: a = assignment(start: "2026-02-16", [("rest", "2026-02-16")])
        case .fresh: a = assignment(start: "2026-03-02", [("build", "2026-03-02")])
        }
        let plan = testPlan.resolved(
            variant: nil,
            overrides: PlanOverrides(thresholds: ThresholdOverrides(painSafeMax: row.safeMax)))
        let history = History(
            sessions: row.sessions, mornings: row.mornings, clearings: row.clearings)
        return Engine.verdict(plan: plan, assignment: a, history: history, on: day(row.today))
    }

    func named(_ name: String) -> VerdictRow {
        verdictRows.first { $0.name == name } ?? verdictRows[0]
    }

    @Test(arguments: verdictRows)
    func row(_ row: VerdictRow) {
        let verdict = evaluate(row)
        #expect(verdict.level == row.level)
        #expect(verdict.action == row.action)
        #expect(Set(verdict.findings.map(\.code)) == row.codes)
        #expect(verdict.findings.map(\.level) == verdict.findings.map(\.level).sorted(by: >))
    }

    @Test func findingsCarryTheirNumbers() {
        let both = evaluate(named("6 during and 4 after"))  // during 6, after 4
        let above = both.findings.first { $0.code == .painAboveLimit }
        #expect(above?.seen == 6)
        #expect(above?.limit == 5)
        let after = both.findings.first { $0.code == .painAfterAboveSafe }
        #expect(after?.seen == 4)
        #expect(after?.limit == 3)

        let worse = evaluate(named("worse next morning")).findings[0]
        #expect(worse.date == day("2026-03-04"))
        #expect(worse.seen == 3)
        #expect(worse.limit == 2)

        let cap = evaluate(named("this week over the cap")).findings[0]
        #expect(cap.code == .weeklyLoadOverCap)
        #expect(cap.seen == 11.5)
        #expect(abs((cap.limit ?? 0) - 11) < 1e-9)
        #expect(cap.percent == 10)
        #expect(cap.date == day("2026-03-02"))
        #expect(cap.unit == "km")

        let overdue = evaluate(named("phase overdue")).findings[0]
        #expect(overdue.seen == 17)
        #expect(overdue.limit == 14)

        let stuck = evaluate(named("no improvement")).findings.first { $0.code == .noImprovement }
        #expect(stuck?.date == day("2026-02-18"))
        #expect(stuck?.limit == 3)  // the median of 3, 3, 4
        #expect(stuck?.seen == 4)  // the median of 4, 5, 4
    }

    @Test func oneFindingPerOpenFlag() {
        let a = assignment(start: "2026-02-16", [("build", "2026-02-16")])
        let history = History(
            sessions: [
                cycle("2026-03-02", flags: [RedFlag.fever]),
                cycle("2026-03-03", flags: [RedFlag.fever, RedFlag.locking]),
            ],
            mornings: [morning("2026-03-04", 0, flags: ["numb_foot"])])
        let verdict = Engine.verdict(
            plan: testPlan, assignment: a, history: history, on: day("2026-03-04"))
        let flags = verdict.findings.filter { $0.code == .redFlag }.map {
            "\($0.flag ?? "")@\($0.date?.iso ?? "")"
        }
        #expect(flags == ["fever@2026-03-02", "locking@2026-03-03", "numb_foot@2026-03-04"])
        // v2: numb_foot is an emergency flag of the plan, and the most urgent flag decides.
        #expect(verdict.action == .emergency)
        #expect(
            Engine.openFlags(history: history, asOf: day("2026-03-02")).map(\.flag) == ["fever"])
    }

    /// Raising one pain score never lowers the level (all 0-10 pairs, with a next morning).
    @Test func verdictIsMonotoneInPain() {
        let a = assignment(start: "2026-02-16", [("rest", "2026-02-16"), ("build", "2026-02-23")])
        func level(_ during: Int, _ after: Int, _ nextMorning: Int) -> Level {
            let history = History(
                sessions: [cycle("2026-03-03", during: during, after: after)],
                mornings: [morning("2026-03-02", 2), morning("2026-03-04", nextMorning)])
            return Engine.verdict(
                plan: testPlan, assignment: a, history: history, on: day("2026-03-04")
            ).level
        }
        var checked = 0
        for during in 0...10 {
            for after in 0...10 {
                for next in [0, 2, 3] {
                    let base = level(during, after, next)
                    if during < 10 { #expect(level(during + 1, after, next) >= base) }
                    if after < 10 { #expect(level(during, after + 1, next) >= base) }
                    if next < 3 { #expect(level(during, after, next + 1) >= base) }
                    checked += 1
                }
            }
        }
        #expect(checked == 363)
        #expect(level(0, 0, 0) == .green)
        #expect(level(10, 10, 3) == .red)
    }
}
