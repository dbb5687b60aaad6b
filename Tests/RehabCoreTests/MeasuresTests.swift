import Testing

@testable import RehabCore

/// Scores and MCID decisions worked out by hand from the rules in Measures.swift.
@Suite struct MeasuresTests {
    func answers(_ pairs: [(String, Int)]) -> [ItemAnswer] {
        pairs.map { ItemAnswer(item: $0.0, score: $0.1) }
    }

    // MARK: scoring

    @Test func psfsIsTheMeanOfTheActivities() {
        #expect(Instrument.psfs.score(answers([("stairs", 4), ("running 5 km", 2)])) == 3.0)
        // (4 + 2 + 3) / 3 = 3; (5 + 4 + 4) / 3 = 4.333…
        #expect(
            Instrument.psfs.score(answers([("stairs", 4), ("running", 2), ("squat", 3)])) == 3.0)
        let later = Instrument.psfs.score(answers([("stairs", 5), ("running", 4), ("squat", 4)]))
        #expect(abs((later ?? 0) - 13.0 / 3.0) < 1e-12)
        #expect(Instrument.psfs.score([]) == nil)
    }

    @Test func nprsAndGPEAreTheirOneAnswer() {
        #expect(Instrument.nprs.score(answers([("pain", 6)])) == 6)
        #expect(Instrument.gpe.score(answers([("effect", -2)])) == -2)
    }

    @Test func aQuestionnaireSumsItsItems() {
        let q = Instrument(
            id: "knee_function", names: LocalizedText(nl: "K", en: "K"), source: "invented",
            scale: 0...4, method: .sum, scoreRange: 0...16, higherIsBetter: true, mcid: 3,
            items: .fixed(
                ["q1", "q2", "q3", "q4"].map {
                    InstrumentItem(id: $0, text: .init(nl: $0, en: EnglishText(verbatim: $0)))
                }
            ))
        #expect(q.score(answers([("q1", 1), ("q2", 2), ("q3", 3), ("q4", 4)])) == 10)
        // 10 → 13 reaches the MCID of 3; 10 → 12 does not; 10 → 7 is a worsening.
        #expect(MeasureChange.judge(first: 10, latest: 13, instrument: q).meaning == .improved)
        #expect(
            MeasureChange.judge(first: 10, latest: 12, instrument: q).meaning == .noImportantChange)
        #expect(MeasureChange.judge(first: 10, latest: 7, instrument: q).meaning == .worse)
    }

    // MARK: MCID decisions

    /// PSFS: MCID 2 points on the mean, in either direction.
    @Test(arguments: [
        (3.0, 6.0, ChangeMeaning.improved),  // +3
        (3.0, 5.0, .improved),  // exactly the MCID
        (3.0, 13.0 / 3.0, .noImportantChange),  // +1.33: Horn's 1.3 but not our 2
        (3.0, 1.0, .worse),  // -2
        (3.0, 1.5, .noImportantChange),  // -1.5
    ])
    func psfsChange(first: Double, latest: Double, meaning: ChangeMeaning) {
        let change = MeasureChange.judge(first: first, latest: latest, instrument: .psfs)
        #expect(change.meaning == meaning)
        #expect(change.delta == latest - first)
    }

    /// NPRS (lower is better): an improvement needs 2 points and 30 %, a worsening either.
    @Test(arguments: [
        (6.0, 4.0, ChangeMeaning.improved),  // -2 points, 33 %
        (5.0, 3.0, .improved),  // -2, 40 %
        (10.0, 8.0, .noImportantChange),  // -2 points but only 20 %: not both
        (7.0, 5.0, .noImportantChange),  // -2 points, 28.6 %
        (3.0, 2.0, .noImportantChange),  // 33 % but only 1 point
        (4.0, 5.0, .noImportantChange),  // +1, 25 %: neither
        (3.0, 4.0, .worse),  // +1 but 33 %: either is enough
        (8.0, 10.0, .worse),  // +2 points, 25 %
        (0.0, 1.0, .worse),  // from nothing: any rise is an unbounded percentage
        (0.0, 0.0, .noImportantChange),
    ])
    func nprsChange(first: Double, latest: Double, meaning: ChangeMeaning) {
        #expect(
            MeasureChange.judge(first: first, latest: latest, instrument: .nprs).meaning == meaning)
    }

    @Test func nprsPercentAndImprovementSign() {
        let change = MeasureChange.judge(first: 6, latest: 4, instrument: .nprs)
        #expect(change.delta == -2)
        #expect(change.improvement == 2)
        #expect(abs((change.percent ?? 0) - 100.0 / 3.0) < 1e-9)
    }

    @Test(arguments: [
        (GPEStep.muchWorse, -3, ChangeMeaning.worse),
        (.worse, -2, .worse),
        (.slightlyWorse, -1, .worse),
        (.unchanged, 0, .noImportantChange),
        (.slightlyBetter, 1, .noImportantChange),
        (.better, 2, .improved),
        (.muchBetter, 3, .improved),
    ])
    func gpeSteps(step: GPEStep, score: Int, meaning: ChangeMeaning) {
        #expect(step.score == score)
        #expect(GPEStep(score: score) == step)
        #expect(MeasureChange.judgeGPE(step) == meaning)
    }

    // MARK: course

    @Test func psfsCourseComparesEachActivity() {
        let ms = [
            MeasureRecord(
                date: day("2026-03-02"), instrument: "psfs",
                answers: answers([("stairs", 4), ("running 5 km", 2)])),
            MeasureRecord(
                date: day("2026-03-02"), instrument: "nprs", answers: answers([("pain", 6)])),
            MeasureRecord(
                date: day("2026-03-16"), instrument: "psfs",
                answers: answers([("stairs", 7), ("running 5 km", 4)])),
        ]
        let course = MeasureCourse.of(.psfs, in: ms)
        #expect(course?.points.map(\.score) == [3.0, 5.5])
        #expect(course?.change?.meaning == .improved)
        #expect(course?.perItem.map(\.item) == ["stairs", "running 5 km"])
        #expect(course?.perItem.map(\.first) == [4, 2])
        #expect(course?.perItem.map(\.latest) == [7, 4])
        // One NPRS: a course without a change yet.
        let nprs = MeasureCourse.of(.nprs, in: ms)
        #expect(nprs?.points.count == 1)
        #expect(nprs?.change == nil)
        #expect(MeasureCourse.of(.gpe, in: ms) == nil)
    }

    // MARK: input

    @Test func parsesActivityAnswers() throws {
        let parsed = try MeasureInput.answers(["stairs=4", "running 5 km=2", "a=b=3"], for: .psfs)
        #expect(parsed == answers([("stairs", 4), ("running 5 km", 2), ("a=b", 3)]))
        #expect(try MeasureInput.answers(["5"], for: .nprs) == answers([("pain", 5)]))
        #expect(try MeasureInput.answers(["much_better"], for: .gpe) == answers([("effect", 3)]))
        #expect(
            try MeasureInput.answers(["slightly_worse"], for: .gpe) == answers([("effect", -1)]))
        // The Dutch steps, with underscores or spaces.
        #expect(try MeasureInput.answers(["veel_beter"], for: .gpe) == answers([("effect", 3)]))
        #expect(
            try MeasureInput.answers(["iets slechter"], for: .gpe) == answers([("effect", -1)]))
    }

    @Test func refusesBadAnswers() {
        #expect(throws: MeasureError.notAnAnswer("stairs")) {
            try MeasureInput.answers(["stairs"], for: .psfs)
        }
        #expect(
            throws: MeasureError.scoreOutOfRange(
                instrument: "psfs", item: "stairs", value: "11", allowed: 0...10)
        ) { try MeasureInput.answers(["stairs=11"], for: .psfs) }
        #expect(
            throws: MeasureError.scoreOutOfRange(
                instrument: "nprs", item: "pain", value: "-1", allowed: 0...10)
        ) { try MeasureInput.answers(["-1"], for: .nprs) }
        #expect(
            throws: MeasureError.unknownStep("great", allowed: GPEStep.allCases.map(\.rawValue))
        ) {
            try MeasureInput.answers(["great"], for: .gpe)
        }
        #expect(throws: MeasureError.noAnswers(instrument: "psfs")) {
            try MeasureInput.answers([], for: .psfs)
        }
    }

    @Test func laterPSFSMustScoreTheSameActivities() throws {
        let baseline = MeasureRecord(
            date: day("2026-03-02"), instrument: "psfs",
            answers: answers([("stairs", 4), ("running 5 km", 2)]))
        // Same activities, other order and case: stored in the baseline's spelling and order.
        let checked = try MeasureInput.check(
            answers([("Running 5 KM", 5), ("stairs", 6)]), for: .psfs, earlier: [baseline],
            on: day("2026-03-16"))
        #expect(checked == answers([("stairs", 6), ("running 5 km", 5)]))
        #expect(
            throws: MeasureError.notTheBaselineActivities(
                expected: ["stairs", "running 5 km"], given: ["stairs", "cycling"])
        ) {
            try MeasureInput.check(
                answers([("stairs", 6), ("cycling", 5)]), for: .psfs, earlier: [baseline],
                on: day("2026-03-16"))
        }
    }

    @Test func firstPSFSNamesOneToFiveActivities() {
        let six = (1...6).map { ItemAnswer(item: "a\($0)", score: 5) }
        #expect(throws: MeasureError.tooManyItems(instrument: "psfs", count: 6, allowed: 1...5)) {
            try MeasureInput.check(six, for: .psfs, earlier: [], on: day("2026-03-16"))
        }
        #expect(throws: MeasureError.duplicateItem(instrument: "psfs", item: "Stairs")) {
            try MeasureInput.check(
                answers([("stairs", 1), ("Stairs", 2)]), for: .psfs, earlier: [],
                on: day("2026-03-16"))
        }
    }

    @Test func gpeNeedsAnEarlierMeasurement() throws {
        #expect(throws: MeasureError.needsBaseline(instrument: "gpe")) {
            try MeasureInput.check(
                answers([("effect", 2)]), for: .gpe, earlier: [], on: day("2026-03-16"))
        }
        let nprs = MeasureRecord(
            date: day("2026-03-02"), instrument: "nprs", answers: answers([("pain", 6)]))
        #expect(
            try MeasureInput.check(
                answers([("effect", 2)]), for: .gpe, earlier: [nprs], on: day("2026-03-16")
            ).count == 1)
        #expect(throws: MeasureError.unknownItem(instrument: "nprs", item: "x", known: ["pain"])) {
            try MeasureInput.check(
                answers([("x", 3)]), for: .nprs, earlier: [], on: day("2026-03-16"))
        }
    }
}

/// When measures are due under the default schedule, worked out by hand. The plan starts on
/// Monday 2026-03-02.
@Suite struct MeasureScheduleTests {
    let start = day("2026-03-02")

    func assignment(_ changes: [(String, String)] = []) -> Assignment {
        Assignment(
            planID: "p", variantID: nil, startDate: start,
            phaseHistory: [PhaseChange(phase: "rest", date: start, reason: .start)]
                + changes.map { PhaseChange(phase: $0.0, date: day($0.1), reason: .advance) })
    }

    func measured(_ id: String, _ iso: String) -> MeasureRecord {
        MeasureRecord(date: day(iso), instrument: id, answers: [ItemAnswer(item: "pain", score: 3)])
    }

    func due(
        _ today: String, _ ms: [MeasureRecord], changes: [(String, String)] = [],
        discharging: Bool = false
    ) -> [String] {
        MeasureSchedule.due(
            schedule: ScheduledMeasure.defaultSchedule, assignment: assignment(changes),
            measurements: ms, today: day(today), discharging: discharging
        ).map {
            "\($0.instrument) \($0.reason.code) \($0.since.iso)\($0.overdue ? " overdue" : "")"
        }
    }

    /// A phase's own schedule: VISA-A (a practice's questionnaire) at the start of the load
    /// phase (03-16) and every 7 days in it, counted from that day, and PSFS again at its
    /// start (the plan asks it only at the plan's start); nothing of it before the phase or
    /// after it.
    @Test func aPhaseAddsItsOwnMeasuresWhileItIsInForce() {
        let text = LocalizedText(nl: "x", en: "x")
        var load = Phase(id: "load", kind: .loadBuildUp, names: text, minDays: 7)
        load.measures = [
            ScheduledMeasure(instrument: "visa_a", at: [.start], everyDays: 7),
            ScheduledMeasure(instrument: "psfs", at: [.start]),
        ]
        var plan = Plan(
            id: "p", names: text, region: .knee, summary: text,
            phases: [
                Phase(id: "rest", kind: .relativeRest, names: text, minDays: 7), load,
                Phase(id: "run", kind: .returnToRunning, names: text, minDays: 7),
            ])
        plan.measures = [ScheduledMeasure(instrument: "psfs", at: [.start])]
        func due(_ today: String, _ changes: [(String, String)], _ ms: [MeasureRecord] = [])
            -> [String]
        {
            MeasureSchedule.due(
                plan: plan, assignment: assignment(changes), measurements: ms, today: day(today),
                discharging: false
            ).map { "\($0.instrument) \($0.reason.code) \($0.since.iso)" }
        }
        let psfs = measured("psfs", "2026-03-02")
        #expect(due("2026-03-10", [], [psfs]) == [])
        #expect(
            due("2026-03-16", [("load", "2026-03-16")], [psfs])
                == ["visa_a start 2026-03-16", "psfs start 2026-03-16"])
        let answered = [psfs, measured("visa_a", "2026-03-16"), measured("psfs", "2026-03-16")]
        #expect(due("2026-03-22", [("load", "2026-03-16")], answered) == [])
        #expect(
            due("2026-03-23", [("load", "2026-03-16")], answered)
                == ["visa_a every_days 2026-03-23"])
        #expect(due("2026-03-30", [("load", "2026-03-16"), ("run", "2026-03-25")], answered) == [])
    }

    @Test func atTheStartPSFSAndNPRSButNotGPE() {
        #expect(due("2026-03-02", []) == ["psfs start 2026-03-02", "nprs start 2026-03-02"])
        #expect(due("2026-03-01", []) == [])
    }

    @Test func everyFourteenDays() {
        let baseline = [measured("psfs", "2026-03-02"), measured("nprs", "2026-03-02")]
        #expect(due("2026-03-15", baseline) == [])
        #expect(
            due("2026-03-16", baseline) == [
                "psfs every_days 2026-03-16", "nprs every_days 2026-03-16",
                "gpe every_days 2026-03-16",
            ])
        #expect(
            due("2026-03-23", baseline) == [
                "psfs every_days 2026-03-16 overdue", "nprs every_days 2026-03-16 overdue",
                "gpe every_days 2026-03-16 overdue",
            ])
        let answered =
            baseline + [
                measured("psfs", "2026-03-17"), measured("nprs", "2026-03-17"),
                measured("gpe", "2026-03-17"),
            ]
        #expect(due("2026-03-30", answered) == [])
        #expect(due("2026-03-31", answered).count == 3)
    }

    /// A baseline taken late (weeks after the start): GPE is not due on the baseline's own
    /// day (it would be refused) and its fortnight counts from the baseline, not the start.
    @Test func gpeAfterALateBaseline() {
        let late = [measured("psfs", "2026-03-20"), measured("nprs", "2026-03-20")]
        #expect(due("2026-03-20", late) == [])
        #expect(due("2026-03-21", late) == [])
        #expect(due("2026-04-03", late).contains("gpe every_days 2026-04-03"))
    }

    @Test func atAPhaseChange() {
        let baseline = [measured("psfs", "2026-03-02"), measured("nprs", "2026-03-02")]
        let changes = [("build", "2026-03-10")]
        #expect(
            due("2026-03-10", baseline, changes: changes) == [
                "psfs phase_change 2026-03-10", "nprs phase_change 2026-03-10",
                "gpe phase_change 2026-03-10",
            ])
        let answered = baseline + [measured("psfs", "2026-03-11")]
        #expect(
            due("2026-03-11", answered, changes: changes) == [
                "nprs phase_change 2026-03-10", "gpe phase_change 2026-03-10",
            ])
    }

    @Test func atDischarge() {
        let ms = [
            measured("psfs", "2026-03-02"), measured("nprs", "2026-03-02"),
            measured("psfs", "2026-04-15"), measured("nprs", "2026-04-01"),
            measured("gpe", "2026-04-15"),
        ]
        // psfs and gpe answered within the week: not due; nprs fell due every 14 days first.
        #expect(due("2026-04-20", ms, discharging: true) == ["nprs every_days 2026-04-15"])
        #expect(due("2026-04-20", ms) == ["nprs every_days 2026-04-15"])
        // A week later the psfs of 04-15 is too old to be the discharge measure.
        #expect(
            due("2026-04-23", ms + [measured("nprs", "2026-04-22")], discharging: true) == [
                "psfs discharge 2026-04-23", "gpe discharge 2026-04-23",
            ])
    }
}

@Suite struct GPEBaselineDayTests {
    /// "From the second time on": a GPE on the day of the first measurement is refused.
    @Test func notOnTheBaselineDay() {
        let nprs = MeasureRecord(
            date: day("2026-03-02"), instrument: "nprs",
            answers: [ItemAnswer(item: "pain", score: 6)])
        #expect(throws: MeasureError.needsBaseline(instrument: "gpe")) {
            try MeasureInput.check(
                [ItemAnswer(item: "effect", score: 2)], for: .gpe, earlier: [nprs],
                on: day("2026-03-02"))
        }
    }
}
