import Testing

@testable import RehabCore

@Suite struct ReadinessTests {
    /// Rest from Monday 03-02: min 3 days, 2 green days, a 30-minute walk with pain ≤ 2.
    let resting = assignment(start: "2026-03-02", [("rest", "2026-03-02")])
    let walked = walk("2026-03-05", minutes: 30, during: 2)
    let quietMornings = [morning("2026-03-05", 1), morning("2026-03-06", 1)]

    func readiness(_ history: History, today: String, _ a: Assignment? = nil) -> Readiness {
        Engine.readiness(
            plan: testPlan, assignment: a ?? resting, history: history, today: day(today))
    }

    @Test func readyWhenEveryCriterionHolds() {
        let r = readiness(History(sessions: [walked], mornings: quietMornings), today: "2026-03-06")
        #expect(r.ready)
        #expect(r.next?.id == "build")
        #expect(r.unmet.isEmpty)
        #expect(
            r.criteria == [
                CriterionStatus(criterion: .minDays, required: 3, current: 4, met: true),
                CriterionStatus(criterion: .greenDays, required: 2, current: 2, met: true),
                CriterionStatus(
                    criterion: .painFreeWalkMinutes, required: 30, current: 30, met: true),
            ])
    }

    @Test func minDaysCountsCompletedDays() {
        let history = History(
            sessions: [walk("2026-03-03", minutes: 30)],
            mornings: [morning("2026-03-03", 0), morning("2026-03-04", 0)])
        let r = readiness(history, today: "2026-03-04")
        #expect(
            r.criteria.first
                == CriterionStatus(criterion: .minDays, required: 3, current: 2, met: false))
        #expect(r.unmet == [.minDays])
        #expect(!r.ready)
        #expect(readiness(history, today: "2026-03-05").ready)  // 03-05 has no log: streak stands
    }

    @Test func aWalkWithPainThreeIsNotPainFree() {
        let history = History(
            sessions: [walk("2026-03-05", minutes: 45, during: 3)], mornings: quietMornings)
        let r = readiness(history, today: "2026-03-06")
        #expect(r.unmet == [.painFreeWalkMinutes])
        #expect(r.criteria.last?.current == 0)
        #expect(!r.ready)
    }

    @Test func aRedLatestDayBreaksTheStreak() {
        let history = History(
            sessions: [walked], mornings: [morning("2026-03-05", 1), morning("2026-03-06", 3)])
        let r = readiness(history, today: "2026-03-06")
        #expect(r.unmet == [.greenDays])
        #expect(r.criteria[1].current == 0)
    }

    @Test func anOpenFlagBlocksAClearedOneDoesNot() {
        let cleared = History(
            sessions: [walked],
            mornings: [morning("2026-03-03", 2, flags: [RedFlag.fever])] + quietMornings,
            clearings: [FlagClearing(date: day("2026-03-04"), reason: "GP: fine")])
        #expect(readiness(cleared, today: "2026-03-06").ready)

        let open = History(
            sessions: [walked],
            mornings: [morning("2026-03-05", 1), morning("2026-03-06", 1, flags: [RedFlag.fever])])
        let r = readiness(open, today: "2026-03-06")
        #expect(!r.ready)
        #expect(r.unmet == [.greenDays])
    }

    @Test func buildUpNeedsWeeklyLoadAndCalfRaises() {
        // Build-up from 02-23: 15.5 km in the week of 02-23, 25 calf raises on 03-02, then three
        // quiet mornings.
        let a = assignment(start: "2026-02-16", [("rest", "2026-02-16"), ("build", "2026-02-23")])
        var sessions = [
            run("2026-02-24", km: 5), run("2026-02-26", km: 5), run("2026-02-28", km: 5.5),
        ]
        let mornings = [
            morning("2026-03-08", 0), morning("2026-03-09", 0), morning("2026-03-10", 0),
        ]
        let strength = Session(
            date: day("2026-03-02"), activity: .strength, minutes: 20, painDuring: 0, painAfter: 0,
            calfRaises: 24)
        var r = readiness(
            History(sessions: sessions + [strength], mornings: mornings), today: "2026-03-10", a)
        #expect(r.unmet == [.calfRaises])
        #expect(r.criteria.first { $0.criterion == .weeklyLoad }?.current == 15.5)

        var enough = strength
        enough.calfRaises = 25
        sessions.append(enough)
        r = readiness(History(sessions: sessions, mornings: mornings), today: "2026-03-10", a)
        #expect(r.ready)
        #expect(r.next?.id == "return")
        #expect(r.criteria.map(\.criterion) == [.minDays, .greenDays, .weeklyLoad, .calfRaises])
        #expect(r.criteria[0].current == 15)
        #expect(r.criteria[1].current == 3)
    }

    @Test func theLastPhaseIsNeverReady() {
        let a = assignment(start: "2026-03-02", [("return", "2026-03-02")])
        let history = History(sessions: (2...9).map { run("2026-03-0\($0)", km: 3) })
        let r = readiness(history, today: "2026-03-09", a)
        #expect(r.next == nil)
        #expect(!r.ready)
        #expect(
            r.criteria == [
                CriterionStatus(criterion: .runWalkCompleted, required: 1, current: 1, met: true)
            ])
    }
}

@Suite struct SuggestionTests {
    let building = assignment(
        start: "2026-02-16", [("rest", "2026-02-16"), ("build", "2026-02-23")])

    func suggestions(_ history: History, today: String, _ a: Assignment? = nil) -> [Suggestion] {
        Engine.status(
            plan: testPlan, assignment: a ?? building, history: history, today: day(today)
        )
        .suggestions
    }

    @Test func twoRedDaysInAWeekSuggestSteppingBack() {
        let history = History(sessions: [
            cycle("2026-03-02", during: 6), cycle("2026-03-03", during: 1),
            cycle("2026-03-04", lasted: true),
        ])
        #expect(
            suggestions(history, today: "2026-03-04") == [
                Suggestion(
                    code: .stepBack, phase: "rest", dates: [day("2026-03-02"), day("2026-03-04")])
            ])
    }

    @Test func aWorseMorningCountsAsRed() {
        let history = History(
            sessions: [cycle("2026-03-02", during: 1), cycle("2026-03-04", after: 7)],
            mornings: [morning("2026-03-02", 1), morning("2026-03-03", 3)])
        #expect(
            suggestions(history, today: "2026-03-04").map(\.dates) == [
                [day("2026-03-02"), day("2026-03-04")]
            ])
    }

    @Test func oneRedDayOrOldRedDaysDoNot() {
        let one = History(sessions: [
            cycle("2026-03-03", during: 4), cycle("2026-03-04", during: 6),
        ])
        #expect(suggestions(one, today: "2026-03-04").isEmpty)
        // 02-25 is outside 02-26 … 03-04.
        let old = History(sessions: [
            cycle("2026-02-25", during: 8), cycle("2026-03-04", during: 6),
        ])
        #expect(suggestions(old, today: "2026-03-04").isEmpty)
        #expect(suggestions(old, today: "2026-03-03").isEmpty)
    }

    @Test func redDaysBeforeThePhaseDoNotCount() {
        let a = assignment(start: "2026-02-16", [("rest", "2026-02-16"), ("build", "2026-03-02")])
        let history = History(sessions: [
            cycle("2026-02-28", during: 8), cycle("2026-03-03", during: 6),
        ])
        #expect(suggestions(history, today: "2026-03-04", a).isEmpty)
    }

    @Test func noStepBackFromRestOrTheFirstPhase() {
        let a = assignment(start: "2026-03-02", [("rest", "2026-03-02")])
        let history = History(sessions: [
            cycle("2026-03-02", during: 8), cycle("2026-03-03", during: 6),
        ])
        #expect(suggestions(history, today: "2026-03-04", a).isEmpty)
    }

    @Test func fromReturnBackToBuild() {
        let a = assignment(
            start: "2026-02-01", [("build", "2026-02-01"), ("return", "2026-03-01")])
        let history = History(sessions: [
            run("2026-03-02", km: 2, during: 6), run("2026-03-04", km: 2, after: 6),
        ])
        #expect(suggestions(history, today: "2026-03-05", a).map(\.phase) == ["build"])
    }

    @Test func pastMaxDaysContactThePhysio() {
        let a = assignment(start: "2026-02-16", [("rest", "2026-02-16")])
        // Day 14: not yet.
        let history = History(sessions: [cycle("2026-03-01")])
        #expect(suggestions(history, today: "2026-03-01", a).isEmpty)
        // Day 15.
        let overdue = Engine.status(
            plan: testPlan, assignment: a, history: history, today: day("2026-03-02"))
        #expect(overdue.suggestions == [Suggestion(code: .contactPhysio, phase: "rest")])
        #expect(overdue.verdict.findings.map(\.code) == [.phaseOverdue])
        #expect(overdue.phase.day == 15)
    }

    @Test func pastMaxDaysButReady() {
        // Day 15 with the criteria met: ready to advance, no overdue finding, physio still named.
        let a = assignment(start: "2026-02-16", [("rest", "2026-02-16")])
        let history = History(
            sessions: [walk("2026-02-28", minutes: 30)],
            mornings: [morning("2026-03-01", 1), morning("2026-03-02", 1)])
        let status = Engine.status(
            plan: testPlan, assignment: a, history: history, today: day("2026-03-02"))
        #expect(
            status.suggestions == [
                Suggestion(code: .advance, phase: "build"),
                Suggestion(code: .contactPhysio, phase: "rest"),
            ])
        #expect(status.verdict.level == .green)
    }
}

@Suite struct RunWalkTests {
    /// Steps of 2 passes each; the return phase starts 03-02.
    @Test func progressionThroughTheSchedule() {
        let a = assignment(
            start: "2026-02-01", [("build", "2026-02-01"), ("return", "2026-03-02")])
        let sessions = [
            run("2026-03-02", km: 3),  // step 0: 1 pass
            run("2026-03-03", km: 3),  // step 0 passed → step 1
            run("2026-03-04", km: 3, during: 3),  // step 1: 1 pass (3 is still safe)
            run("2026-03-05", km: 3, during: 6),  // too much: back to step 0, count reset
            run("2026-03-06", km: 3, after: 4),  // amber: neither counts nor goes back
            cycle("2026-03-06", during: 9),  // not a run
            run("2026-03-07", km: 3),  // step 0: 1
            run("2026-03-08", km: 3),  // → step 1
            run("2026-03-09", km: 3),
            run("2026-03-10", km: 3),  // → step 2
            run("2026-03-11", km: 3),  // step 2: 1
            run("2026-03-12", km: 3),  // last step passed: completed
            run("2026-03-13", km: 3, lasted: true),  // back to the last step
        ]
        let history = History(sessions: sessions)
        let expected: [(String, Int, Int, Bool)] = [
            ("2026-03-01", 0, 0, false), ("2026-03-02", 0, 1, false), ("2026-03-03", 1, 0, false),
            ("2026-03-04", 1, 1, false), ("2026-03-05", 0, 0, false), ("2026-03-06", 0, 0, false),
            ("2026-03-07", 0, 1, false), ("2026-03-08", 1, 0, false), ("2026-03-10", 2, 0, false),
            ("2026-03-11", 2, 1, false), ("2026-03-12", 2, 2, true), ("2026-03-13", 2, 0, false),
        ]
        for (today, index, passed, completed) in expected {
            let position = Engine.runWalkPosition(
                plan: testPlan, assignment: a, history: history, today: day(today))
            #expect(position?.index == index, "\(today)")
            #expect(position?.passedAtStep == passed, "\(today)")
            #expect(position?.completed == completed, "\(today)")
            #expect(position?.step == returnPhase.runWalk[index])
        }
        let status = Engine.status(
            plan: testPlan, assignment: a, history: history, today: day("2026-03-12"))
        #expect(status.runWalk?.completed == true)
        #expect(status.readiness.criteria.first?.met == true)
        #expect(status.readiness.next == nil)
    }

    @Test func noScheduleNoPosition() {
        let a = assignment(start: "2026-03-02", [("build", "2026-03-02")])
        #expect(
            Engine.runWalkPosition(
                plan: testPlan, assignment: a, history: History(), today: day("2026-03-04")) == nil)
    }

    @Test func phaseAtPicksTheChangeInForce() {
        let a = assignment(start: "2026-02-16", [("rest", "2026-02-16"), ("build", "2026-02-23")])
        #expect(Engine.phaseAt(day("2026-02-15"), assignment: a) == nil)
        #expect(Engine.phaseAt(day("2026-02-16"), assignment: a)?.phase == "rest")
        #expect(Engine.phaseAt(day("2026-02-22"), assignment: a)?.phase == "rest")
        #expect(Engine.phaseAt(day("2026-02-23"), assignment: a)?.phase == "build")
        #expect(Engine.phaseAt(day("2030-01-01"), assignment: a)?.phase == "build")
    }
}
