import Foundation
import RehabCore
import RehabPlans
import TerminalUI
import Testing

@testable import RehabTUI

/// Sam in build-up (Fixture.buildUpRunner): the plan started 2026-02-09, so by 2026-03-02 the
/// start measures are 21 days due (overdue) and nothing has been answered.
@Suite struct MeasuresTUITests {
    func measured(_ caseload: Caseload) -> Caseload {
        var caseload = caseload
        caseload.measures[Fixture.sam.id] = [
            MeasureRecord(
                date: day("2026-02-09"), instrument: "psfs",
                answers: [
                    ItemAnswer(item: "stairs", score: 4),
                    ItemAnswer(item: "running 5 km", score: 2),
                ]),
            MeasureRecord(
                date: day("2026-02-09"), instrument: "nprs",
                answers: [ItemAnswer(item: "pain", score: 6)]),
            MeasureRecord(
                date: day("2026-02-23"), instrument: "psfs",
                answers: [
                    ItemAnswer(item: "stairs", score: 5),
                    ItemAnswer(item: "running 5 km", score: 3),
                ]),
            MeasureRecord(
                date: day("2026-02-23"), instrument: "nprs",
                answers: [ItemAnswer(item: "pain", score: 5)]),
            MeasureRecord(
                date: day("2026-02-23"), instrument: "gpe",
                answers: [ItemAnswer(item: "effect", score: 1)]),
            MeasureRecord(
                date: day("2026-03-01"), instrument: "psfs",
                answers: [
                    ItemAnswer(item: "stairs", score: 8),
                    ItemAnswer(item: "running 5 km", score: 5),
                ]),
        ]
        return caseload
    }

    @Test func psfsThenNPRSFromToday() {
        var state = Fixture.state(Fixture.buildUp())
        #expect(state.followed?.measuresDue.map(\.instrument) == ["psfs", "nprs"])
        var effects = run(&state, [.char("o")])
        guard case .measure(let form) = state.top else {
            Issue.record("o opens the Measures form")
            return
        }
        #expect(form.instrument.id == "psfs")
        #expect(form.queue == ["nprs"])
        // Saving with nothing named is refused, in the form.
        effects += run(&state, [.enter])
        guard case .measure(let refused) = state.top else {
            Issue.record("the form stays open")
            return
        }
        #expect(refused.error == "nothing filled in yet: give at least one score")
        effects += run(
            &state,
            chars("stairs") + [.tab, .char("4"), .tab] + chars("running 5 km")
                + [.tab, .char("1"), .char("0"), .enter])
        #expect(
            effects == [
                .saveMeasure(
                    patient: 1,
                    MeasureRecord(
                        date: Fixture.today, instrument: "psfs",
                        answers: [
                            ItemAnswer(item: "stairs", score: 4),
                            ItemAnswer(item: "running 5 km", score: 10),
                        ]))
            ])
        // The NPRS opens next; → from nothing starts at 0.
        guard case .measure(let nprs) = state.top else {
            Issue.record("the next due measure opens")
            return
        }
        #expect(nprs.instrument.id == "nprs")
        let more = run(&state, [.right, .right, .right, .enter])
        #expect(
            more == [
                .saveMeasure(
                    patient: 1,
                    MeasureRecord(
                        date: Fixture.today, instrument: "nprs",
                        answers: [ItemAnswer(item: "pain", score: 3)]))
            ])
        #expect(
            state.notice?.text == "NPRS (average pain over the past week) saved for 2026-03-02: 3")
    }

    @Test func laterPSFSScoresTheSameActivities() throws {
        var app = Fixture.app(measured(Fixture.buildUp()))
        // Nothing is due (all answered within 14 days and since the phase change): o opens PSFS.
        #expect(app.state.followed?.measuresDue == [])
        app.press(.char("o"))
        guard case .measure(let form) = app.state.top else {
            Issue.record("o opens the Measures form")
            return
        }
        #expect(form.rows.map(\.name.text) == ["stairs", "running 5 km"])
        #expect(form.rows.allSatisfy { !$0.nameEditable })
        // Typed letters are not names here; an unscored activity is named in the error.
        app.press(.char("9"), .enter)
        guard case .measure(let refused) = app.state.top else {
            Issue.record("the form stays open")
            return
        }
        #expect(refused.error == "psfs: no answer for: running 5 km; every item is required")
        app.press(.tab, .char("6"), .enter)
        #expect(
            try app.runner.store.measurements(patientID: Fixture.sam.id).last?.answers.map(\.score)
                == [9, 6])
        #expect(app.state.followed?.measures.count == 7)
    }

    @Test func gpeStepsWithArrows() {
        var state = Fixture.state(measured(Fixture.buildUp()))
        guard let followed = state.followed else { return }
        state.screens.append(
            .measure(
                MeasureForm(
                    instrument: .gpe, date: Fixture.today, earlier: followed.measures,
                    language: .en)))
        let effects = run(&state, [.right, .right, .left, .right, .right, .right, .enter])
        #expect(
            effects == [
                .saveMeasure(
                    patient: 1,
                    MeasureRecord(
                        date: Fixture.today, instrument: "gpe",
                        answers: [ItemAnswer(item: "effect", score: 3)]))
            ])
    }

    @Test func snapshots() {
        for (width, height) in [(80, 24), (60, 20)] {
            expectSnapshot(
                frame(
                    Fixture.buildUp(),
                    keys: [.char("o")] + chars("stairs") + [.tab, .char("4"), .tab]
                        + chars("running 5 km"),
                    width: width, height: height),
                "measures-form-\(width)x\(height)")
        }
        // Progress, scrolled to the measures under the other charts.
        expectSnapshot(
            frame(
                measured(Fixture.buildUp()),
                keys: [.backTab] + Array(repeating: .char("j"), count: 36), width: 80, height: 24),
            "progress-measures-80x24")
        expectSnapshot(
            frame(
                measured(Fixture.buildUp()),
                keys: [.backTab] + Array(repeating: .char("j"), count: 36), width: 80, height: 24,
                language: .nl, glyphs: .ascii),
            "progress-measures-nl-ascii-80x24")
    }

    /// History lists the measures among the log, newest first; d asks, then deletes one.
    @Test func historyListsAndDeletesMeasures() {
        let caseload = measured(Fixture.buildUp())
        expectSnapshot(
            frame(caseload, keys: [.tab, .tab], width: 80, height: 24), "history-measures-80x24")
        var state = Fixture.state(caseload)
        _ = run(&state, [.tab, .tab])
        guard let followed = state.followed else { return }
        let rows = HistoryActions.entries(followed)
        // Three log entries, six measures and the plan's phase changes.
        #expect(rows.count == 3 + 6 + followed.assignment.phaseHistory.count)
        #expect(rows.first == .measure(followed.measures[5]))
        // The first row is the PSFS of 03-01: delete it.
        var effects = run(&state, [.char("d")])
        #expect(state.confirmation?.kind == .delete(.measure(followed.measures[5])))
        effects += run(&state, [.char("y")])
        #expect(effects == [.deleteMeasure(patient: 1, followed.measures[5].id ?? -1)])
        #expect(state.undos.isEmpty, "deleting a measure is not undone")
    }

    /// The invented 4-item questionnaire file, scheduled every 14 days by the plan: due,
    /// answered in the form, scored (sum) and charted against its MCID of 3.
    @Test func aQuestionnaireFileInTheApp() throws {
        let path = Fixture.root.appendingPathComponent(
            "Tests/RehabPlansTests/Fixtures/questionnaires/knee_function.yaml"
        ).path
        let knee = try QuestionnaireFile.load(path: path)
        var plan = Fixture.itbs
        plan.measures = [ScheduledMeasure(instrument: "knee_function", at: [.start], everyDays: 14)]
        var caseload = Fixture.buildUp()
        caseload.catalog = [plan]
        caseload.questionnaires = [knee]
        caseload.measures[Fixture.sam.id] = [
            MeasureRecord(
                date: day("2026-02-09"), instrument: "knee_function",
                answers: (1...4).map { ItemAnswer(item: "q\($0)", score: [1, 2, 3, 4][$0 - 1]) })
        ]
        var app = Fixture.app(caseload)
        #expect(
            app.state.followed?.measuresDue
                == [
                    MeasureDue(
                        instrument: "knee_function", reason: .every(days: 14),
                        since: day("2026-02-23"), overdue: true)
                ])
        app.press(.char("o"))
        guard case .measure(let form) = app.state.top else {
            Issue.record("o opens the questionnaire")
            return
        }
        #expect(form.rows.map(\.name.text) == ["q1", "q2", "q3", "q4"])
        // A 0-4 scale takes 0-4 only: the 7 is ignored and the answer stays 4.
        app.press(.char("4"), .char("7"), .tab, .char("4"), .tab, .char("3"), .tab, .char("3"))
        expectSnapshot(render(app.state), "measures-questionnaire-80x24")
        app.press(.enter)
        let stored = try app.runner.store.measurements(patientID: Fixture.sam.id).last
        #expect(stored?.answers.map(\.score) == [4, 4, 3, 3])
        #expect(app.state.followed?.measuresDue == [])
        let followed = try #require(app.state.followed)
        let course = try #require(MeasuresChart.courses(followed).first)
        #expect(course.points.map(\.score) == [10, 14])
        #expect(course.change?.meaning == .improved)
        app.press(.backTab)
        for _ in 0..<60 { app.press(.char("j")) }
        expectSnapshot(render(app.state), "progress-questionnaire-80x24")
    }

    /// The same through the real store: saved, refused with the store's own check, deleted.
    @Test func throughTheStore() throws {
        let (store, dir) = try StoreRunnerTests.store()
        defer { try? FileManager.default.removeItem(at: dir) }
        let sam = try store.addPatient(name: "Sam", language: .en)
        try store.startPlan(patientID: sam.id, StoreRunnerTests.assignment(Fixture.itbs))
        var runner = StoreRunner(
            store: store, planDirectories: [Fixture.root.appendingPathComponent("plans").path])
        var state = Fixture.state(Caseload(catalog: []))
        state.patient = sam
        state.followed = try runner.load(patientID: sam.id, today: Fixture.today).followed
        let psfs = MeasureRecord(
            date: Fixture.today, instrument: "psfs", answers: [ItemAnswer(item: "stairs", score: 4)]
        )
        let saved = runner.perform(.saveMeasure(patient: sam.id, psfs), in: state)
        guard case .loaded(let loaded) = saved.last else {
            Issue.record("a save reloads: \(saved)")
            return
        }
        #expect(loaded.followed?.measures.map(\.answers) == [psfs.answers])
        #expect(loaded.followed?.measuresDue.map(\.instrument) == ["nprs"])
        // A second PSFS with another activity: the store refuses it, and says why.
        let other = MeasureRecord(
            date: Fixture.today, instrument: "psfs",
            answers: [ItemAnswer(item: "cycling", score: 4)])
        let refused = runner.perform(.saveMeasure(patient: sam.id, other), in: state)
        #expect(
            refused.contains(
                .failed(
                    "psfs: score the same activities as the first time (stairs), not cycling; "
                        + "only then can the change be compared")))
        let id = try #require(try store.measurements(patientID: sam.id).first?.id)
        _ = runner.perform(.deleteMeasure(patient: sam.id, id), in: state)
        #expect(try store.measurements(patientID: sam.id).isEmpty)
    }
}
