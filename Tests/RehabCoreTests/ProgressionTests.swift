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

    /// Every exit criterion held on the last logged day, but nothing was logged for three days:
    /// today is amber (no_recent_log → hold), so the status offers no move on and says why.
    @Test func noMoveOnBesideHold() {
        let history = History(sessions: [walked], mornings: quietMornings)
        let quiet = Engine.status(
            plan: testPlan, assignment: resting, history: history, today: day("2026-03-09"))
        #expect(quiet.verdict.level == .amber)
        #expect(quiet.verdict.findings.map(\.code) == [.noRecentLog])
        #expect(!quiet.readiness.ready)
        #expect(quiet.readiness.unmet == [.greenToday])
        #expect(
            quiet.readiness.criteria.last
                == CriterionStatus(criterion: .greenToday, required: 1, current: 0, met: false))
        #expect(!quiet.suggestions.contains { $0.code == .advance })
        #expect(
            Messages(.en).criterion(quiet.readiness.criteria[3], unit: "")
                == "A green verdict today: no")
        // The rule behind `advance` refuses too, naming it.
        let build = testPlan.phases[1]
        #expect(throws: PhaseMoveRefusal.notReady(build, unmet: [quiet.readiness.criteria[3]])) {
            try Engine.phaseChange(.advance, plan: testPlan, status: quiet, on: day("2026-03-09"))
        }
        // The same history judged on a green day: ready, and the criterion is not listed.
        let green = Engine.status(
            plan: testPlan, assignment: resting, history: history, today: day("2026-03-06"))
        #expect(green.verdict.level == .green)
        #expect(green.readiness.ready)
        #expect(!green.readiness.criteria.contains { $0.criterion == .greenToday })
        #expect(green.suggestions.contains { $0.code == .advance })
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
        // v2: the walk's next morning (1 → 3) is worse, so it is not a pain-free walk either.
        #expect(r.unmet == [.greenDays, .painFreeWalkMinutes])
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
        // Every other day, each judged by a calm next morning: 2 steps of 2 passes and the last.
        let history = History(
            sessions: [2, 4, 6, 8, 10, 12].map {
                run("2026-03-" + ($0 < 10 ? "0" : "") + "\($0)", km: 3)
            },
            mornings: mornings(1, from: "2026-02-24", through: "2026-03-13"))
        let r = readiness(history, today: "2026-03-13", a)
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
            // v2: a red response counts on the morning it is first seen (03-03).
            suggestions(history, today: "2026-03-04").map(\.dates) == [
                [day("2026-03-03"), day("2026-03-04")]
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
    /// Steps of 2 passes each; the return phase starts 03-02; a calm morning (1) every day
    /// except a worse one on 03-12. Each row worked out by hand from DESIGN section 4 v2.
    @Test func progressionThroughTheSchedule() {
        let a = assignment(
            start: "2026-02-01", [("build", "2026-02-01"), ("return", "2026-03-02")])
        let sessions = [
            run("2026-03-02", km: 3),  // counted on 03-03's morning: step 0, 1 pass
            run("2026-03-04", km: 3),  // counted 03-05: step 0 passed → step 1
            run("2026-03-06", km: 3),  // counted 03-07: step 1, 1 pass
            run("2026-03-08", km: 2, minutes: 20),  // under 90 % of 30 min: not counted
            run("2026-03-09", km: 3),  // the day after a run: not counted
            run("2026-03-11", km: 3),  // 03-12 is 4 (baseline 1): a red day → back to step 0
            run("2026-03-13", km: 3),  // counted 03-14: step 0, 1 pass
            run("2026-03-23", km: 3),  // over 7 days since the last counted run: count again
            run("2026-03-25", km: 3),  // counted 03-26: step 0 passed → step 1
        ]
        let calm = mornings(1, from: "2026-02-23", through: "2026-03-31").map {
            $0.date == day("2026-03-12") ? morning("2026-03-12", 4) : $0
        }
        let history = History(sessions: sessions, mornings: calm)
        let expected: [(String, Int, Int)] = [
            ("2026-03-02", 0, 0), ("2026-03-03", 0, 1), ("2026-03-05", 1, 0),
            ("2026-03-07", 1, 1), ("2026-03-09", 1, 1), ("2026-03-10", 1, 1),
            ("2026-03-12", 0, 0), ("2026-03-14", 0, 1), ("2026-03-22", 0, 0),
            ("2026-03-24", 0, 1), ("2026-03-26", 1, 0),
        ]
        for (today, index, passed) in expected {
            let position = Engine.runWalkPosition(
                plan: testPlan, assignment: a, history: history, today: day(today))
            #expect(position?.index == index, "\(today)")
            #expect(position?.passedAtStep == passed, "\(today)")
            #expect(position?.completed == false, "\(today)")
            #expect(position?.step == returnPhase.runWalk[index])
        }
    }

    /// Issue: two runs a day, or 5-minute jogs, completed a 30-minute schedule in days.
    @Test func twoRunsADayAndShortJogsDoNotPassSteps() {
        let a = assignment(start: "2026-03-02", [("return", "2026-03-02")])
        let calm = mornings(1, from: "2026-02-23", through: "2026-03-20")
        var doubled: [Session] = []
        for d in ["2026-03-02", "2026-03-03", "2026-03-04", "2026-03-05"] {
            doubled += [run(d, km: 3), run(d, km: 3)]
        }
        let twice = Engine.runWalkPosition(
            plan: testPlan, assignment: a, history: History(sessions: doubled, mornings: calm),
            today: day("2026-03-06"))
        // Only 03-02 counts: every later day had a run the day before.
        #expect(twice?.index == 0)
        #expect(twice?.passedAtStep == 1)

        let jogs = ["2026-03-02", "2026-03-04", "2026-03-06", "2026-03-08", "2026-03-10"].map {
            run($0, km: 1, minutes: 5)
        }
        let short = Engine.runWalkPosition(
            plan: testPlan, assignment: a, history: History(sessions: jogs, mornings: calm),
            today: day("2026-03-11"))
        #expect(short?.index == 0)
        #expect(short?.passedAtStep == 0)
    }

    /// Issue: a worse morning after a run did not step the schedule back; a run without its
    /// morning check does not count.
    @Test func aWorseMorningStepsBackAndAnUnansweredOneDoesNotCount() {
        let a = assignment(start: "2026-03-02", [("return", "2026-03-02")])
        let sessions = [
            run("2026-03-02", km: 3), run("2026-03-04", km: 3), run("2026-03-06", km: 3),
        ]
        let worse =
            mornings(1, from: "2026-02-23", through: "2026-03-06") + [
                morning("2026-03-07", 3)
            ]
        let after = Engine.runWalkPosition(
            plan: testPlan, assignment: a, history: History(sessions: sessions, mornings: worse),
            today: day("2026-03-07"))
        #expect(after?.index == 0)
        #expect(after?.passedAtStep == 0)

        let unanswered = Engine.runWalkPosition(
            plan: testPlan, assignment: a, history: History(sessions: sessions),
            today: day("2026-03-08"))
        #expect(unanswered?.passedAtStep == 0)
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
