import Testing

@testable import RehabCore

struct CapRow: Sendable, CustomTestStringConvertible {
    var total: Double
    var lastCap: Double?
    var floor: Double?
    var pct: Double
    var cap: Double?
    var testDescription: String {
        "total \(total) cap \(lastCap as Any) floor \(floor as Any) pct \(pct)"
    }
}

@Suite struct LoadTests {
    /// DESIGN section 4 v2: max(min(last week's total, last week's cap) × (1 + pct/100), floor).
    @Test(arguments: [
        CapRow(total: 10, lastCap: nil, floor: nil, pct: 10, cap: 11),
        CapRow(total: 0, lastCap: nil, floor: 12, pct: 10, cap: 12),
        CapRow(total: 0, lastCap: nil, floor: nil, pct: 10, cap: nil),
        // A week off with no floor carries its cap on, unraised; with a floor the floor.
        CapRow(total: 0, lastCap: 22, floor: nil, pct: 10, cap: 22),
        CapRow(total: 0, lastCap: 22, floor: 8, pct: 10, cap: 8),
        CapRow(total: 20, lastCap: nil, floor: 30, pct: 10, cap: 30),
        CapRow(total: 20, lastCap: nil, floor: 10, pct: 10, cap: 22),
        CapRow(total: 20, lastCap: nil, floor: nil, pct: 5, cap: 21),
        CapRow(total: 8, lastCap: nil, floor: nil, pct: 25, cap: 10),
        CapRow(total: 120, lastCap: nil, floor: 60, pct: 0, cap: 120),
        // An over-cap week does not raise the next cap: 185 min against 60 → 66, not 203.5.
        CapRow(total: 185, lastCap: 60, floor: nil, pct: 10, cap: 66),
        CapRow(total: 185, lastCap: 60, floor: 60, pct: 10, cap: 66),
        // Under the cap, last week's total decides.
        CapRow(total: 10, lastCap: 20, floor: nil, pct: 10, cap: 11),
        // The floor still wins over a small week.
        CapRow(total: 5, lastCap: 20, floor: 12, pct: 10, cap: 12),
    ])
    func capTable(_ row: CapRow) {
        let cap = Engine.cap(
            lastTotal: row.total, lastCap: row.lastCap, floor: row.floor, increasePct: row.pct)
        if let expected = row.cap {
            #expect(abs((cap ?? -1) - expected) < 1e-9)
        } else {
            #expect(cap == nil)
        }
    }

    /// The cap never exceeds max(min(total, cap) × 1.1, floor), after an empty week the floor
    /// or else last week's cap (never raised), and never falls below the floor.
    @Test func capStaysWithinTheRule() {
        for tenths in 0...400 {
            let total = Double(tenths) / 10
            for lastCap in [nil, 3, 11, 25] as [Double?] {
                for floor in [nil, 0, 5, 12.3, 40] as [Double?] {
                    let cap = Engine.cap(
                        lastTotal: total, lastCap: lastCap, floor: floor, increasePct: 10)
                    let bound =
                        total > 0
                        ? max(min(total, lastCap ?? total) * 1.1, floor ?? 0)
                        : floor ?? lastCap ?? 0
                    if let cap {
                        #expect(cap <= bound + 1e-9)
                        #expect(cap >= (floor ?? 0))
                    } else {
                        #expect(total == 0 && floor == nil && lastCap == nil)
                    }
                }
            }
        }
    }

    /// No starting km (no floor): 15 km in the first week sets 16.5 for the next, which is a
    /// week off; the week after keeps 16.5 instead of having no cap, so a fourth 5 km run (20)
    /// is over it. Before, the week after a week off had no cap at all.
    @Test func aWeekOffKeepsTheCapItHad() throws {
        let a = assignment(start: "2026-03-02", [("build", "2026-03-02")])
        let runs =
            ["2026-03-02", "2026-03-04", "2026-03-06"].map { run($0, km: 5) }
            + ["2026-03-16", "2026-03-17", "2026-03-18", "2026-03-19"].map { run($0, km: 5) }
        let history = History(sessions: runs)
        let status = Engine.status(
            plan: testPlan, assignment: a, history: history, today: day("2026-03-19"))
        #expect(status.load.cap.map { abs($0 - 16.5) < 1e-9 } == true, "\(status.load)")
        #expect(status.load.overCap)
        #expect(status.verdict.findings.map(\.code).contains(.weeklyLoadOverCap))
        #expect(status.verdict.level >= .amber)
        // Its reason names where the cap came from.
        let over = try #require(status.verdict.findings.first { $0.code == .weeklyLoadOverCap })
        #expect(over.flag == weekOffMarker)
        #expect(
            Messages(.en).reason(over).contains(
                "above the cap of 16.5 km (last week's cap, which a week without load does not "
                    + "raise)"))
        #expect(Messages(.nl).reason(over).contains("(de grens van vorige week, die na een week"))
        let quiet = Engine.status(
            plan: testPlan, assignment: a, history: history, today: day("2026-03-15"))
        #expect(quiet.load.cap.map { abs($0 - 16.5) < 1e-9 } == true, "\(quiet.load)")
    }

    @Test func statusShowsTheWeekAgainstTheStartingKm() {
        // Build-up from Monday 03-02; the runner did 12 km a week before the plan.
        let a = assignment(start: "2026-03-02", [("build", "2026-03-02")], weeklyKm: 12)
        let history = History(sessions: [run("2026-03-02", km: 4), run("2026-03-03", km: 5)])
        let status = Engine.status(
            plan: testPlan, assignment: a, history: history, today: day("2026-03-04"))
        #expect(
            status.load
                == LoadStatus(
                    metric: .km, weekStart: day("2026-03-02"), thisWeek: 9, lastWeek: 0, cap: 12,
                    overCap: false))
        #expect(status.phase.number == 2)
        #expect(status.phase.of == 3)
        #expect(status.phase.day == 3)
        #expect(status.phase.startDate == day("2026-03-02"))
        #expect(status.phase.phase.id == "build")
        #expect(status.thresholds == Thresholds())
        #expect(status.morningCheckDue == day("2026-03-04"))  // yesterday had a run
        #expect(status.runWalk == nil)
        // 5 km after a 4 km longest: more than 4.4.
        #expect(status.verdict.findings.map(\.code) == [.sessionSpike])
        #expect(status.openFlags.isEmpty)

        let answered = History(
            sessions: history.sessions, mornings: [morning("2026-03-04", 1)])
        let later = Engine.status(
            plan: testPlan, assignment: a, history: answered, today: day("2026-03-04"))
        #expect(later.morningCheckDue == nil)
    }

    @Test func minutesMetricCountsOnlyItsActivity() {
        // Rest phase measures cycling minutes; a phase starting volume floors the cap.
        var plan = testPlan
        plan.phases[0].startingVolume = 90
        let a = assignment(start: "2026-02-23", [("rest", "2026-02-23")])
        let history = History(sessions: [
            cycle("2026-02-24", minutes: 60), cycle("2026-02-26", minutes: 40),
            walk("2026-02-27", minutes: 200),
            cycle("2026-03-02", minutes: 70), cycle("2026-03-03", minutes: 45),
            run("2026-03-03", km: 3),
        ])
        let status = Engine.status(
            plan: plan, assignment: a, history: history, today: day("2026-03-03"))
        #expect(status.load.metric == .minutes([.cycle]))
        #expect(status.load.lastWeek == 100)
        #expect(status.load.thisWeek == 115)
        // v2: last week's 100 was over its cap (the floor 90): 90 × 1.1, not 100 × 1.1.
        #expect(abs((status.load.cap ?? 0) - 99) < 1e-9)
        #expect(status.load.overCap)
        let finding = status.verdict.findings.first { $0.code == .weeklyLoadOverCap }
        #expect(finding?.unit == "min")
        #expect(finding?.percent == 10)
    }

    @Test func capFromTheFloorNamesNoPercentage() {
        let a = assignment(start: "2026-03-02", [("build", "2026-03-02")], weeklyKm: 10)
        let history = History(sessions: [run("2026-03-02", km: 6), run("2026-03-04", km: 5)])
        let verdict = Engine.verdict(
            plan: testPlan, assignment: a, history: history, on: day("2026-03-04"))
        let finding = verdict.findings.first { $0.code == .weeklyLoadOverCap }
        #expect(finding?.limit == 10)
        #expect(finding?.seen == 11)
        #expect(finding != nil && finding?.percent == nil)
    }
}

struct SpikeRow: Sendable, CustomTestStringConvertible {
    var name: String
    var before: [Session]
    var today: Session
    var limit: Double?
    var unit: String? = "km"
    var testDescription: String { name }
}

@Suite struct SpikeTests {
    // S = 2026-03-31; the window is 03-01 … 03-30. Last week is big so the cap stays quiet.
    static let bigWeek = [cycle("2026-03-24", minutes: 30)]

    @Test(arguments: [
        SpikeRow(
            name: "12 % longer", before: [run("2026-03-20", km: 5)],
            today: run("2026-03-31", km: 5.6), limit: 5.5),
        SpikeRow(
            name: "exactly 10 % longer", before: [run("2026-03-20", km: 5)],
            today: run("2026-03-31", km: 5.5), limit: nil),
        SpikeRow(
            name: "compared with the longest, not the last",
            before: [run("2026-03-10", km: 8), run("2026-03-28", km: 4)],
            today: run("2026-03-31", km: 8.5), limit: nil),
        SpikeRow(
            name: "a run 30 days before counts", before: [run("2026-03-01", km: 4)],
            today: run("2026-03-31", km: 5), limit: 4.4),
        SpikeRow(
            name: "a run 31 days before does not", before: [run("2026-02-28", km: 4)],
            today: run("2026-03-31", km: 5), limit: nil),
        SpikeRow(
            name: "no earlier run, no spike", before: [cycle("2026-03-20", minutes: 90)],
            today: run("2026-03-31", km: 12), limit: nil),
        SpikeRow(
            name: "other activities are not runs",
            before: [
                run("2026-03-20", km: 5),
                Session(
                    date: day("2026-03-21"), activity: .walk,
                    km: 9, minutes: 120, painDuring: 0, painAfter: 0),
            ],
            today: run("2026-03-31", km: 6), limit: 5.5),
        SpikeRow(
            name: "minutes when the run has no km",
            before: [run("2026-03-20", km: nil, minutes: 40)],
            today: run("2026-03-31", km: nil, minutes: 45), limit: 44, unit: "min"),
        SpikeRow(
            name: "km against runs without km", before: [run("2026-03-20", km: nil, minutes: 40)],
            today: run("2026-03-31", km: 5), limit: nil),
    ])
    func spike(_ row: SpikeRow) {
        let a = assignment(start: "2026-02-01", [("build", "2026-02-01")], weeklyKm: 100)
        let history = History(sessions: row.before + [row.today])
        let verdict = Engine.verdict(
            plan: testPlan, assignment: a, history: history, on: day("2026-03-31"))
        let spike = verdict.findings.first { $0.code == .sessionSpike }
        if let limit = row.limit {
            #expect(abs((spike?.limit ?? -1) - limit) < 1e-9)
            #expect(spike?.seen == (row.today.km ?? Double(row.today.minutes)))
            #expect(spike?.unit == row.unit)
            #expect(spike?.date == day("2026-03-31"))
            #expect(spike?.percent == 10)
        } else {
            #expect(spike == nil)
        }
    }
}
