import Testing

@testable import RehabCore

/// A clearing covers exactly the reports it lists; runs inside a run/walk schedule are judged by
/// the schedule, not by the spike rule.
struct ClearingAndScheduleTests {
    let build = assignment(start: "2026-02-16", [("build", "2026-02-16")])

    @Test func aFlagReportedAfterTheClearingOnTheSameDayStaysOpen() {
        let fever = FlagReport(flag: RedFlag.fever, date: day("2026-03-02"))
        let history = History(
            sessions: [
                cycle("2026-03-02", flags: [RedFlag.fever]),
                cycle("2026-03-02", flags: [RedFlag.locking]),  // logged after the doctor's visit
            ],
            clearings: [FlagClearing(date: day("2026-03-02"), reason: "GP", cleared: [fever])])
        let open = Engine.openFlags(history: history, asOf: day("2026-03-02"))
        #expect(open == [FlagReport(flag: RedFlag.locking, date: day("2026-03-02"))])
        let verdict = Engine.verdict(plan: testPlan, assignment: build, history: history, on: day("2026-03-02"))
        #expect(verdict.level == .stop)
    }

    @Test func aBackDatedFlagStaysOpen() {
        let history = History(
            sessions: [cycle("2026-02-27", flags: [RedFlag.givingWay])],
            clearings: [
                FlagClearing(
                    date: day("2026-03-02"), reason: "GP",
                    cleared: [FlagReport(flag: RedFlag.fever, date: day("2026-03-01"))])
            ])
        #expect(Engine.openFlags(history: history, asOf: day("2026-03-02")).map(\.flag) == [RedFlag.givingWay])
    }

    @Test func aClearingWithoutAListClearsEverythingUpToItsDate() {
        let history = History(
            sessions: [cycle("2026-02-27", flags: [RedFlag.fever]), cycle("2026-03-03", flags: [RedFlag.fever])],
            clearings: [FlagClearing(date: day("2026-03-01"), reason: "older export")])
        #expect(Engine.openFlags(history: history, asOf: day("2026-03-02")).isEmpty)
        #expect(Engine.openFlags(history: history, asOf: day("2026-03-03")).map(\.date) == [day("2026-03-03")])
    }

    @Test func aClearingDoesNotReachBackBeforeItWasMade() {
        let report = FlagReport(flag: RedFlag.fever, date: day("2026-02-27"))
        let history = History(
            sessions: [cycle("2026-02-27", flags: [RedFlag.fever])],
            clearings: [FlagClearing(date: day("2026-03-02"), reason: "GP", cleared: [report])])
        #expect(Engine.openFlags(history: history, asOf: day("2026-03-01")) == [report])
        #expect(Engine.openFlags(history: history, asOf: day("2026-03-02")).isEmpty)
    }

    @Test func openReportsListEveryReportOfAFlag() {
        let history = History(sessions: [
            cycle("2026-02-27", flags: [RedFlag.fever]), cycle("2026-03-01", flags: [RedFlag.fever]),
        ])
        #expect(Engine.openReports(history: history, asOf: day("2026-03-02")).map(\.date) == [day("2026-02-27"), day("2026-03-01")])
        #expect(Engine.openFlags(history: history, asOf: day("2026-03-02")).count == 1)
    }

    @Test func tokensRoundTrip() {
        let report = FlagReport(flag: "calf_swelling_warm_red", date: day("2026-03-02"))
        #expect(report.token == "calf_swelling_warm_red@2026-03-02")
        #expect(FlagReport(token: report.token) == report)
        #expect(FlagReport(token: "fever") == nil)
        #expect(FlagReport(token: "Fever@2026-03-02") == nil)
        #expect(FlagReport(token: "fever@2026-02-30") == nil)
    }

    /// Step 1 → step 2 of a run/walk schedule doubles the running inside the same 30 minutes:
    /// more km, but the schedule governs it. A run longer than any scheduled session is checked.
    @Test func runsWithinTheScheduleAreNoSpike() {
        let a = assignment(start: "2026-02-16", [("return", "2026-02-16")])
        let history = History(sessions: [
            run("2026-02-24", km: 2.5, minutes: 30), run("2026-02-26", km: 3.5, minutes: 30),
        ])
        let inSchedule = Engine.verdict(plan: testPlan, assignment: a, history: history, on: day("2026-02-26"))
        #expect(!inSchedule.findings.contains { $0.code == .sessionSpike })

        let longer = History(sessions: history.sessions + [run("2026-02-28", km: 6, minutes: 45)])
        let outside = Engine.verdict(plan: testPlan, assignment: a, history: longer, on: day("2026-02-28"))
        #expect(outside.findings.contains { $0.code == .sessionSpike })
    }
}

/// While a run/walk schedule is under way its steps set the load; the 10 % cap starts after the
/// last step is passed (DESIGN section 5).
struct ScheduleSetsLoadTests {
    @Test func noCapUntilTheLastStepIsPassed() {
        let a = assignment(start: "2026-02-16", [("return", "2026-02-16")])
        // Week 1: 2 + 2 km; week 2: 3.5 + 3.5 + 3.5 km, all within the pain rules.
        var sessions = [run("2026-02-17", km: 2, minutes: 30), run("2026-02-19", km: 2, minutes: 30)]
        sessions += ["2026-02-23", "2026-02-25", "2026-02-27"].map { run($0, km: 3.5, minutes: 30) }
        let history = History(sessions: sessions)
        let during = Engine.status(plan: testPlan, assignment: a, history: history, today: day("2026-02-27"))
        #expect(during.load.scheduleSetsLoad)
        #expect(during.load.cap == nil)
        #expect(!during.verdict.findings.contains { $0.code == .weeklyLoadOverCap })

        // Passing the last step (6 passed runs at 2 a step) hands the load over to the cap:
        // the week after 14 km may hold at most 14 × 1.1 = 15.4 km.
        let more = History(sessions: sessions + [run("2026-03-01", km: 3.5, minutes: 30), run("2026-03-02", km: 8, minutes: 30), run("2026-03-03", km: 5, minutes: 30)])
        let after = Engine.status(plan: testPlan, assignment: a, history: more, today: day("2026-03-03"))
        #expect(after.runWalk?.completed == true)
        #expect(!after.load.scheduleSetsLoad)
        #expect(after.load.cap.map { ($0 * 100).rounded() / 100 } == 15.4)
        #expect(after.load.thisWeek == 13)
    }
}
