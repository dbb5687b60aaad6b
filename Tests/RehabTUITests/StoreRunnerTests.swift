import Foundation
import RehabCore
import RehabFiles
import RehabPlans
import RehabSQLite
import RehabStorage
import TerminalUI
import Testing

@testable import RehabTUI

/// The app against a real database: the plan it follows is the one the store says.
@Suite struct StoreRunnerTests {
    /// A fresh database in its own temporary directory (removed when the test ends; an open
    /// SQLite file may be unlinked on Linux).
    static func store() throws -> (Store, URL) {
        let dir = FileManager.default.temporaryDirectory
            .appendingPathComponent("rehab-runner-\(UUID().uuidString)")
        return (try Store(path: dir.appendingPathComponent("rehab.sqlite").path), dir)
    }

    static func assignment(_ plan: Plan) -> Assignment {
        Assignment(
            planID: plan.id, variantID: "acute", startDate: Fixture.today,
            phaseHistory: [PhaseChange(phase: "calm_down", date: Fixture.today, reason: .start)])
    }

    /// The physio's tuned ITB plan as a file: pain above 2 is already too much.
    static func tunedFile() -> StoredPlanFile {
        var tuned = Fixture.itbs.resolved(variant: "acute")
        tuned.thresholds.painSafeMax = 2
        return StoredPlanFile(planID: tuned.id, yaml: PlanWriter.yaml(tuned))
    }

    @Test func aPatientStartedFromAPlanFileFollowsThatFileNotTheCatalogue() throws {
        let (store, dir) = try Self.store()
        defer { try? FileManager.default.removeItem(at: dir) }
        let sam = try store.addPatient(name: "Sam", language: .en)
        try store.startPlan(
            patientID: sam.id, Self.assignment(Fixture.itbs), planFile: Self.tunedFile())
        var runner = StoreRunner(
            store: store, planDirectories: [Fixture.root.appendingPathComponent("plans").path])
        let loaded = try runner.load(patientID: sam.id, today: Fixture.today)
        let followed = try #require(loaded.followed)
        #expect(followed.template.thresholds.painSafeMax == 2)
        #expect(followed.plan.thresholds(in: followed.plan.phases[0]).painSafeMax == 2)
    }

    @Test func startingACataloguePlanOverAFilePlanForgetsTheFile() throws {
        let (store, dir) = try Self.store()
        defer { try? FileManager.default.removeItem(at: dir) }
        let sam = try store.addPatient(name: "Sam", language: .en)
        try store.startPlan(
            patientID: sam.id, Self.assignment(Fixture.itbs), planFile: Self.tunedFile())
        try store.startPlan(patientID: sam.id, Self.assignment(Fixture.itbs), replacing: true)
        #expect(try store.planFile(patientID: sam.id) == nil)
        var runner = StoreRunner(
            store: store, planDirectories: [Fixture.root.appendingPathComponent("plans").path])
        let followed = try #require(
            try runner.load(patientID: sam.id, today: Fixture.today)
                .followed)
        #expect(followed.template == Fixture.itbs)
    }
}

/// A long log opens at once: the first frame is drawn from what the engine reads for today,
/// then the whole log is read before any key is taken.
@Suite struct FirstFrameTests {
    /// Two years in the ITB plan's first phase, a cycle ride a day (1.4 million sessions in
    /// the benchmark; 730 here).
    static func longLog() throws -> (Store, URL, PatientRecord) {
        let (store, dir) = try StoreRunnerTests.store()
        let start = Fixture.today.adding(days: -730)
        let sessions = (0..<730).map { i in
            Session(
                date: start.adding(days: i), activity: .cycle, minutes: 30, painDuring: 1,
                painAfter: 1)
        }
        try store.importAll(
            Archive(patients: [
                ArchivedPatient(
                    name: "Lang", language: .en,
                    assignment: Assignment(
                        planID: Fixture.itbs.id, variantID: "acute", startDate: start,
                        phaseHistory: [PhaseChange(phase: "calm_down", date: start, reason: .start)]
                    ),
                    sessions: sessions, mornings: [])
            ]))
        return (store, dir, try #require(try store.patients().first))
    }

    /// A short log's first frame comes from the window too, and the rest is read right after
    /// without a notice, which would only flicker.
    @Test func aShortLogIsReadWholeRightAfterWithoutANotice() throws {
        let (store, dir) = try StoreRunnerTests.store()
        defer { try? FileManager.default.removeItem(at: dir) }
        let sam = try store.addPatient(name: "Sam", language: .en)
        try store.startPlan(patientID: sam.id, StoreRunnerTests.assignment(Fixture.itbs))
        try store.addSession(
            patientID: sam.id,
            Session(date: Fixture.today, activity: .cycle, minutes: 20, painDuring: 1, painAfter: 1)
        )
        var runner = StoreRunner(
            store: store, planDirectories: [Fixture.root.appendingPathComponent("plans").path])
        let loaded = try runner.load(patientID: sam.id, today: Fixture.today, window: true)
        #expect(loaded.followed?.partial == .quietly)
        var app = App(
            state: AppState(
                language: .en, glyphs: .unicode, size: Size(width: 80, height: 24),
                today: Fixture.today, loaded: loaded, newPatientName: "Alex"),
            runner: runner)
        var backend = MemoryBackend(width: 80, height: 24)
        app.run(on: &backend, stopWhenIdle: true)
        #expect(!backend.frames.contains { $0.lines().contains { $0.contains("Reading") } })
        #expect(app.state.followed?.partial == nil)
        #expect(app.state.followed?.history == (try store.history(patientID: sam.id)))
    }

    /// Two years of runs in one pair of shoes, the current phase three weeks old: the first
    /// frame reads only the last weeks, yet warns about the shoe as the whole log does.
    @Test func theFirstFrameWarnsAboutShoesFromEveryRunEver() throws {
        let (store, dir) = try StoreRunnerTests.store()
        defer { try? FileManager.default.removeItem(at: dir) }
        let start = Fixture.today.adding(days: -730)
        let runs = (0..<730).map { i in
            Session(
                date: start.adding(days: i), activity: .run, km: 1, minutes: 8, painDuring: 1,
                painAfter: 1, shoe: "Pegasus")
        }
        try store.importAll(
            Archive(patients: [
                ArchivedPatient(
                    name: "Lang", language: .en,
                    assignment: Assignment(
                        planID: Fixture.itbs.id, variantID: "acute", startDate: start,
                        phaseHistory: [
                            PhaseChange(phase: "calm_down", date: start, reason: .start),
                            PhaseChange(
                                phase: "build_up", date: Fixture.today.adding(days: -21),
                                reason: .advance),
                        ]),
                    sessions: runs, mornings: [], shoes: [Shoe(name: "Pegasus")])
            ]))
        let patient = try #require(try store.patients().first)
        var runner = StoreRunner(
            store: store, planDirectories: [Fixture.root.appendingPathComponent("plans").path])
        let whole = try #require(
            try runner.load(patientID: patient.id, today: Fixture.today).followed)
        let first = try #require(
            try runner.load(patientID: patient.id, today: Fixture.today, window: true).followed)
        #expect(first.partial == .quietly)
        #expect(first.history.sessions.count < 200)
        #expect(first.status == whole.status)
        #expect(whole.shoeWarnings.map(\.state) == [.retire])
        #expect(first.shoeWarnings == whole.shoeWarnings)
    }

    @Test func theFirstFrameReadsTodaysWindowThenTheWholeLog() throws {
        let (store, dir, patient) = try Self.longLog()
        defer { try? FileManager.default.removeItem(at: dir) }
        var runner = StoreRunner(
            store: store, planDirectories: [Fixture.root.appendingPathComponent("plans").path])
        let whole = try #require(
            try runner.load(patientID: patient.id, today: Fixture.today).followed)
        #expect(whole.partial == nil)
        let loaded = try runner.load(patientID: patient.id, today: Fixture.today, window: true)
        let first = try #require(loaded.followed)
        #expect(first.partial == .sayingSo)
        #expect(first.history.sessions.count < 200)
        #expect(first.status == whole.status)

        var app = App(
            state: AppState(
                language: .en, glyphs: .unicode, size: Size(width: 80, height: 24),
                today: Fixture.today, loaded: loaded, newPatientName: "Alex"),
            runner: runner)
        var backend = MemoryBackend(width: 80, height: 24)
        app.run(on: &backend, stopWhenIdle: true)
        #expect(
            backend.frames.first?.lines().contains { $0.contains("Reading the whole log") } == true)
        #expect(app.effects.first == .reload)
        let after = try #require(app.state.followed)
        #expect(after.partial == nil)
        #expect(after.history == whole.history)
        #expect(
            backend.lastFrame?.lines().contains { $0.contains("Reading the whole log") } == false)
    }
}

/// An effect names the patient it is for: a session saved while Sam is shown lands in Sam's
/// log even when the app shows Kim by the time the runner gets to it (effects run on a worker
/// while the app says "saving…").
@Suite struct EffectPatientTests {
    @Test func aSessionSavedForSamLandsInSamsLogWhenKimIsShownByThen() throws {
        var runner = Clinic.caseload().runner()
        var state = Fixture.state(&runner, patient: Fixture.sam.id)
        let effects = run(
            &state,
            [.char("n"), .tab, .tab] + chars("4.5") + [.tab] + chars("45")
                + [.tab, .char("2"), .tab, .char("3"), .enter])
        let save = try #require(effects.first)
        guard case .saveSession(Fixture.sam.id, let session) = save else {
            Issue.record("a save for Sam: \(effects)")
            return
        }
        // The physio switches to Kim before the save has run.
        for action in runner.perform(.selectPatient(Clinic.kim.id), in: state) {
            _ = update(&state, action)
        }
        #expect(state.patient?.id == Clinic.kim.id)
        let sam = try runner.store.history(patientID: Fixture.sam.id).sessions.count
        let kim = try runner.store.history(patientID: Clinic.kim.id).sessions

        let results = runner.perform(save, in: state)
        #expect(!results.contains { if case .failed = $0 { true } else { false } }, "\(results)")
        let samAfter = try runner.store.history(patientID: Fixture.sam.id).sessions
        #expect(samAfter.count == sam + 1)
        #expect(
            samAfter.contains {
                var stored = $0
                stored.id = nil
                return stored == session
            })
        #expect(try runner.store.history(patientID: Clinic.kim.id).sessions == kim)
        // The screen stays on Kim, read again from the store.
        for action in results { _ = update(&state, action) }
        #expect(state.patient?.id == Clinic.kim.id)
        #expect(state.followed?.history.sessions == kim)
    }
}
