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
        let verdict = Engine.verdict(
            plan: testPlan, assignment: build, history: history, on: day("2026-03-02"))
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
        #expect(
            Engine.openFlags(history: history, asOf: day("2026-03-02")).map(\.flag) == [
                RedFlag.givingWay
            ])
    }

    @Test func aClearingWithoutAListClearsEverythingUpToItsDate() {
        let history = History(
            sessions: [
                cycle("2026-02-27", flags: [RedFlag.fever]),
                cycle("2026-03-03", flags: [RedFlag.fever]),
            ],
            clearings: [FlagClearing(date: day("2026-03-01"), reason: "older export")])
        #expect(Engine.openFlags(history: history, asOf: day("2026-03-02")).isEmpty)
        #expect(
            Engine.openFlags(history: history, asOf: day("2026-03-03")).map(\.date) == [
                day("2026-03-03")
            ])
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
            cycle("2026-02-27", flags: [RedFlag.fever]),
            cycle("2026-03-01", flags: [RedFlag.fever]),
        ])
        #expect(
            Engine.openReports(history: history, asOf: day("2026-03-02")).map(\.date) == [
                day("2026-02-27"), day("2026-03-01"),
            ])
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
        let inSchedule = Engine.verdict(
            plan: testPlan, assignment: a, history: history, on: day("2026-02-26"))
        #expect(!inSchedule.findings.contains { $0.code == .sessionSpike })

        let longer = History(sessions: history.sessions + [run("2026-02-28", km: 6, minutes: 45)])
        let outside = Engine.verdict(
            plan: testPlan, assignment: a, history: longer, on: day("2026-02-28"))
        #expect(outside.findings.contains { $0.code == .sessionSpike })
    }
}

/// While a run/walk schedule is under way its step sets the cap (per_week × total minutes of
/// running); once the last step is passed the weekly cap takes over, floored at the km of the
/// schedule's last week (DESIGN section 4 v2).
struct ScheduleSetsLoadTests {
    @Test func theStepSetsTheCapThenTheScheduleSLastWeekFloorsIt() {
        let a = assignment(start: "2026-02-16", [("return", "2026-02-16")])
        // Every other day, 30 minutes, each judged by a calm morning: 6 counted runs pass the
        // three steps of 2; the last (02-27) is counted on 02-28.
        let sessions = [
            run("2026-02-17", km: 2, minutes: 30), run("2026-02-19", km: 2, minutes: 30),
            run("2026-02-21", km: 2, minutes: 30), run("2026-02-23", km: 3, minutes: 30),
            run("2026-02-25", km: 3, minutes: 30), run("2026-02-27", km: 3, minutes: 30),
        ]
        let calm = mornings(1, from: "2026-02-09", through: "2026-03-05")
        let during = Engine.status(
            plan: testPlan, assignment: a, history: History(sessions: sessions, mornings: calm),
            today: day("2026-02-25"))
        #expect(during.load.scheduleSetsLoad)
        #expect(during.load.metric == .minutes([.run]))
        #expect(during.load.cap == 90)
        #expect(during.load.thisWeek == 60)
        #expect(!during.verdict.findings.contains { $0.code == .weeklyLoadOverCap })

        // The schedule's last week (02-23 … 03-01) held 9 km through the run that passed the
        // last step: that is the floor. That week was still the schedule's (its cap in minutes),
        // so its 12 km of running are raised by 10 % without a km cap to take the lower of:
        // max(12 × 1.1, 9) = 13.2.
        let more = History(
            sessions: sessions + [run("2026-03-01", km: 3), run("2026-03-03", km: 5)],
            mornings: calm)
        let after = Engine.status(
            plan: testPlan, assignment: a, history: more, today: day("2026-03-03"))
        #expect(after.runWalk?.completed == true)
        #expect(after.runWalk?.completedOn == day("2026-02-27"))
        #expect(!after.load.scheduleSetsLoad)
        #expect(after.load.metric == .km)
        #expect(after.load.lastWeek == 12)
        #expect(after.load.cap.map { ($0 * 100).rounded() / 100 } == 13.2)
        let lastWeek = Engine.status(
            plan: testPlan, assignment: a, history: more, today: day("2026-03-01"))
        #expect(lastWeek.load.scheduleSetsLoad)
        #expect(lastWeek.load.metric == .minutes([.run]))
        #expect(after.load.thisWeek == 5)
    }
}
