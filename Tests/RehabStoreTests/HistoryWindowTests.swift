import RehabCore
import Testing

@testable import RehabApp
@testable import RehabFiles
@testable import RehabSQLite
@testable import RehabStorage

// The engine's window (Store.history(patientID:window:)) must give the same status as the
// whole history, on a long demo history with old red flags.

private let rest = Phase(
    id: "rest", kind: .relativeRest, names: LocalizedText(nl: "Rust", en: "Rest"),
    minDays: 7, maxDays: 14, allowed: [.cycle, .walk], loadMetric: .minutes([.cycle]),
    exit: ExitCriteria(greenDays: 3, painFreeWalkMinutes: 30))
private let build = Phase(
    id: "build", kind: .loadBuildUp, names: LocalizedText(nl: "Opbouw", en: "Build-up"),
    minDays: 7, maxDays: 21, allowed: [.run, .cycle], loadMetric: .km, startingVolume: 8,
    exit: ExitCriteria(greenDays: 3, weeklyLoad: 12))
private let back = Phase(
    id: "back", kind: .returnToRunning, names: LocalizedText(nl: "Terug", en: "Return"),
    minDays: 0, maxDays: 42,
    runWalk: [
        RunWalkStep(runMinutes: 1, walkMinutes: 1, totalMinutes: 30, sessionsToPass: 2),
        RunWalkStep(runMinutes: 4, walkMinutes: 1, totalMinutes: 30, sessionsToPass: 2),
    ],
    exit: ExitCriteria(runWalkCompleted: true))
private let plan = Plan(
    id: "window_knee", names: LocalizedText(nl: "Knie", en: "Knee"), region: .knee,
    summary: LocalizedText(nl: "Voor tests.", en: "For tests."), phases: [rest, build, back])

private struct Fixture {
    let store: Store
    let id: Int64
    let assignment: Assignment
    let today: Day
}

/// Three years of a runner's life with a flag reported long ago and never cleared.
private func fixture() throws -> Fixture {
    let today = day("2026-03-02")
    let injury = DemoHistory.Injury(plan: plan, variant: nil)
    var story = DemoHistory.career(
        current: injury, injuries: [injury], years: 3, today: today, seed: 11)
    story.history.sessions.append(
        Session(
            date: day("2023-09-05"), activity: .walk, minutes: 20, painDuring: 1, painAfter: 1,
            flags: [RedFlag.locking]))
    story.history.mornings.removeAll { $0.date == day("2023-10-10") }
    story.history.mornings.append(
        MorningCheck(date: day("2023-10-10"), pain: 3, flags: [RedFlag.givingWay]))
    let store = try Store.inMemory()
    try store.importAll(
        Archive(patients: [
            ArchivedPatient(
                name: "Runner", assignment: story.assignment, sessions: story.history.sessions,
                mornings: story.history.mornings, clearings: story.history.clearings,
                shoes: story.shoes)
        ]))
    let id = try #require(try store.patients().first?.id)
    return Fixture(store: store, id: id, assignment: story.assignment, today: today)
}

@Test func windowGivesTheSameStatusAsTheWholeHistory() throws {
    let f = try fixture()
    let whole = try f.store.history(patientID: f.id)
    // Today, the days around the current phase's start, and days spread over the years.
    var days = (0..<60).map { f.today.adding(days: -$0) }
    days += stride(from: 61, to: 1000, by: 23).map { f.today.adding(days: -$0) }
    for judged in days {
        let window = try f.store.history(
            patientID: f.id,
            window: JudgingWindow(plan: plan, assignment: f.assignment, judging: judged))
        let expected = Engine.status(
            plan: plan, assignment: f.assignment, history: whole, today: judged)
        let seen = Engine.status(
            plan: plan, assignment: f.assignment, history: window, today: judged)
        #expect(seen == expected, "status on \(judged.iso)")
    }
}

@Test func windowIsSmallAndKeepsOldFlags() throws {
    let f = try fixture()
    let whole = try f.store.history(patientID: f.id)
    let window = try f.store.history(
        patientID: f.id,
        window: JudgingWindow(plan: plan, assignment: f.assignment, judging: f.today))
    #expect(whole.sessions.count > 600)
    #expect(window.sessions.count * 5 < whole.sessions.count)
    // The flags reported in 2023 are still open and still read.
    #expect(window.sessions.contains { $0.flags == [RedFlag.locking] })
    #expect(window.mornings.contains { $0.flags == [RedFlag.givingWay] })
    let status = Engine.status(
        plan: plan, assignment: f.assignment, history: window, today: f.today)
    #expect(Set(status.openFlags.map(\.flag)) == [RedFlag.locking, RedFlag.givingWay])
    #expect(window.clearings == whole.clearings)
}

@Test func windowReachesBackToTheLatestSessionAndMorning() throws {
    // The physio moved the runner on in February 2026, but nothing was logged after February
    // 2025: the latest session (with the 30 days before it) and the morning before that are
    // still read.
    let store = try Store.inMemory()
    let assignment = Assignment(
        planID: plan.id, variantID: nil, startDate: day("2025-01-06"),
        phaseHistory: [
            PhaseChange(phase: "build", date: day("2025-01-06"), reason: .start),
            PhaseChange(phase: "back", date: day("2026-02-20"), reason: .forced),
        ])
    let sessions = [
        Session(
            date: day("2025-01-20"), activity: .run, km: 5, minutes: 30, painDuring: 1,
            painAfter: 1),
        Session(
            date: day("2025-02-10"), activity: .run, km: 8, minutes: 50, painDuring: 4,
            painAfter: 2),
    ]
    let mornings = [
        MorningCheck(date: day("2025-01-08"), pain: 1),
        MorningCheck(date: day("2025-02-11"), pain: 3),
    ]
    try store.importAll(
        Archive(patients: [
            ArchivedPatient(
                name: "Quiet", assignment: assignment, sessions: sessions, mornings: mornings)
        ]))
    let id = try #require(try store.patients().first?.id)
    let judged = day("2026-03-02")
    let from = Engine.firstDayRead(plan: plan, assignment: assignment, judging: judged)
    // v2: the cap chains back through up to 12 last weeks' caps (the phase before measures load
    // the same way), so the window starts 13 weeks before the current phase's week (2025-11-17),
    // less the look-back of 30 + 14 days.
    #expect(Engine.lookBackDays(plan: plan) == 44)
    #expect(from == day("2025-10-04"))
    let window = try store.history(
        patientID: id, window: JudgingWindow(from: from, lookBack: 44, morningSafeMax: 3))
    #expect(window.sessions.map(\.date) == [day("2025-01-20"), day("2025-02-10")])
    #expect(window.mornings.map(\.date) == [day("2025-01-08"), day("2025-02-11")])
    let status = Engine.status(plan: plan, assignment: assignment, history: window, today: judged)
    // On the last session day, 2025-02-10: pain 4 during, 8 km after a longest 5 km in the 30
    // days before; nothing logged lately. v2: the next morning (3) has no baseline (no two
    // mornings in the week before, none on the day) and is within the morning limit.
    #expect(
        Set(status.verdict.findings.map(\.code))
            == [.painDuringAboveSafe, .sessionSpike, .noRecentLog])
    let whole = try store.history(patientID: id)
    #expect(
        status == Engine.status(plan: plan, assignment: assignment, history: whole, today: judged))
}

@Test func windowKeepsAResponseThatWasNeverResolved() throws {
    // A worse morning after a walk in rest, half a year before the judged day, and every
    // morning since a point above its baseline (0): still in force, however old (DESIGN
    // section 4). The window has to reach back to it, and only that far.
    let store = try Store.inMemory()
    let assignment = Assignment(
        planID: plan.id, variantID: nil, startDate: day("2025-06-02"),
        phaseHistory: [
            PhaseChange(phase: "rest", date: day("2025-06-02"), reason: .start),
            PhaseChange(phase: "build", date: day("2026-01-05"), reason: .advance),
        ])
    var sessions = [
        Session(date: day("2025-04-01"), activity: .walk, minutes: 20, painDuring: 0, painAfter: 0),
        Session(date: day("2025-09-01"), activity: .walk, minutes: 30, painDuring: 1, painAfter: 1),
    ]
    var mornings = stride(from: 0, to: 150, by: 1).map {
        MorningCheck(date: day("2025-04-02").adding(days: $0), pain: 0)
    }
    mornings.append(MorningCheck(date: day("2025-09-02"), pain: 2))
    var date = day("2025-09-03")
    while date <= day("2026-03-02") {
        mornings.append(MorningCheck(date: date, pain: 1))
        if date >= day("2025-10-01"), date.number % 3 == 0 {
            sessions.append(
                Session(date: date, activity: .run, km: 4, minutes: 25, painDuring: 1, painAfter: 1)
            )
        }
        date = date.adding(days: 1)
    }
    try store.importAll(
        Archive(patients: [
            ArchivedPatient(
                name: "Steady", assignment: assignment, sessions: sessions, mornings: mornings)
        ]))
    let id = try #require(try store.patients().first?.id)
    let judged = day("2026-03-02")
    let window = try store.history(
        patientID: id, window: JudgingWindow(plan: plan, assignment: assignment, judging: judged))
    // The last morning at 0, 2025-08-29, less nine days.
    #expect(window.mornings.first?.date == day("2025-08-20"))
    #expect(window.sessions.first?.date == day("2025-09-01"))
    let status = Engine.status(plan: plan, assignment: assignment, history: window, today: judged)
    let held = status.verdict.findings.filter { $0.code == .worseNextMorning }
    #expect(held.map(\.date) == [day("2025-09-02")])
    #expect(held.first?.persisting == true)
    #expect(status.verdict.level == .amber)
    let whole = try store.history(patientID: id)
    #expect(
        status == Engine.status(plan: plan, assignment: assignment, history: whole, today: judged))
}

/// `FollowedPlan.load`, which the CLI's commands and the app both use: the template asked by
/// where it comes from, the plan resolved, and the log whole or windowed.
@Suite struct FollowedPlanTests {
    @Test func aPatientWithoutAPlanFollowsNothing() throws {
        let store = try Store.inMemory()
        let patient = try store.addPatient(name: "Nog niets")
        var asked: [PlanSource] = []
        let followed = try FollowedPlan.load(patient, from: store) { source in
            asked.append(source)
            return plan
        }
        #expect(followed == nil)
        #expect(asked.isEmpty)
    }

    @Test func theWholeLogOrOnlyTheJudgingWindow() throws {
        let f = try fixture()
        let patient = try #require(try f.store.patients().first)
        var asked: [PlanSource] = []
        let whole = try #require(
            try FollowedPlan.load(patient, from: f.store) { source in
                asked.append(source)
                return plan
            })
        #expect(asked == [.catalogue("window_knee")])
        #expect(whole.assignment == f.assignment)
        #expect(whole.plan == plan.resolved(variant: nil, overrides: f.assignment.overrides))
        #expect(whole.history == (try f.store.history(patientID: f.id)))
        let windowed = try #require(
            try FollowedPlan.load(patient, from: f.store, judging: f.today) { _ in plan })
        #expect(windowed.history.sessions.count < whole.history.sessions.count)
        #expect(
            windowed.history
                == (try f.store.history(
                    patientID: f.id,
                    window: JudgingWindow(
                        plan: windowed.plan, assignment: f.assignment, judging: f.today))))
        // The same status either way: the window holds all the engine reads for today.
        #expect(windowed.status(on: f.today) == whole.status(on: f.today))
    }

    @Test func aStoredPlanFileIsTheTemplate() throws {
        let store = try Store.inMemory()
        let patient = try store.addPatient(name: "Met bestand")
        let file = StoredPlanFile(planID: "window_knee", yaml: "id: window_knee\n")
        try store.startPlan(
            patientID: patient.id,
            Assignment(
                planID: "window_knee", variantID: nil, startDate: day("2026-03-02"),
                phaseHistory: [PhaseChange(phase: "rest", date: day("2026-03-02"), reason: .start)]),
            planFile: file)
        var asked: [PlanSource] = []
        _ = try FollowedPlan.load(patient, from: store) { source in
            asked.append(source)
            return plan
        }
        #expect(asked == [.file(file)])
    }
}
