import Foundation
import RehabCore
import RehabFiles
import RehabPlans
import TerminalUI
import Testing

@testable import RehabTUI

/// Importing run files in the app: the path, the pain scores asked run by run (never a
/// default), one import, duplicates counted, problems named per file.
@Suite struct ImportTests {
    static let runs = Fixture.root.appendingPathComponent("Tests/EndToEndTests/Fixtures/runs").path
    static let utc = TimeZone(identifier: "UTC") ?? .current

    static func caseload(_ base: Caseload = Fixture.demo()) -> Caseload {
        var caseload = base
        caseload.timeZone = utc
        return caseload
    }

    static func form(_ state: AppState) -> ImportForm? {
        if case .importRuns(let form) = state.top { form } else { nil }
    }

    /// i on Today, the path, Enter.
    static func opened(_ path: String, _ caseload: Caseload = caseload()) -> App<StoreRunner> {
        var app = Fixture.app(caseload)
        app.press(.char("i"))
        app.type(path)
        app.press(.enter)
        return app
    }

    @Test func iOnTodayOpensThePathAndEnterAsksTheRunnerToReadIt() {
        var state = Fixture.state(Self.caseload())
        _ = run(&state, [.char("i")])
        #expect(Self.form(state)?.stage == .path)
        // Letters type into the path, including ones that are keys elsewhere.
        let effects = run(&state, chars("~/runs/mq") + [.backspace, .enter])
        #expect(effects == [.readRunFiles(patient: 1, "~/runs/m")])
        // On History too.
        var history = Fixture.state(Self.caseload())
        _ = run(&history, [.tab, .tab, .char("i")])
        #expect(Self.form(history)?.stage == .path)
    }

    @Test func anEmptyPathIsRefusedWithoutReadingAnything() {
        var state = Fixture.state(Self.caseload())
        let effects = run(&state, [.char("i"), .char(" "), .enter])
        #expect(effects.isEmpty)
        #expect(Self.form(state)?.errors == [UIPhrase.importPathRequired()])
    }

    @Test func eachRunIsAskedItsPainScoresThenAllAreImportedAtOnce() throws {
        var app = Self.opened("\(Self.runs)/ok")
        let asked = try #require(Self.form(app.state))
        #expect(asked.stage == .runs)
        // morning-run.gpx starts at the same second as morning-run-again.gpx: asked once.
        #expect(
            asked.runs.map { ($0.found.run.file as NSString).lastPathComponent } == [
                "morning-run-again.gpx", "race.tcx", "treadmill.tcx",
            ])
        #expect(asked.alreadyThere == 1)
        #expect(asked.fitSkipped == 1)
        // No score is made up: every run starts without one.
        #expect(asked.runs.allSatisfy { $0.painDuring == nil && $0.painAfter == nil })

        // Enter without scores stays on the run and says which field is missing.
        app.press(.enter)
        let refused = try #require(Self.form(app.state))
        #expect(refused.current == 0)
        #expect(refused.error?.message == "Pain during: choose 0-10")
        #expect(!app.effects.contains { if case .importRuns = $0 { true } else { false } })

        app.press(.char("2"), .tab, .char("1"), .enter)  // the first shoe, as the log form
        #expect(Self.form(app.state)?.current == 1)
        app.press(.char("3"), .tab, .char("3"), .tab, .left, .enter)  // no shoe
        app.press(.char("1"), .char("0"), .tab, .char("0"), .enter)  // 10 and 0, first shoe

        guard
            case .importRuns(_, let runs)? = app.effects.last(where: {
                if case .importRuns = $0 { true } else { false }
            })
        else {
            Issue.record("no import asked for: \(app.effects)")
            return
        }
        let sessions = runs.map(\.session)
        #expect(sessions.map(\.date.iso) == ["2026-02-28", "2026-02-28", "2026-03-01"])
        #expect(sessions.map(\.painDuring) == [2, 3, 10])
        #expect(sessions.map(\.painAfter) == [1, 3, 0])
        #expect(sessions.map(\.shoe) == ["Demo trainers", nil, "Demo trainers"])
        #expect(sessions.map(\.km) == [5.0, 4.21, 6.0])
        #expect(sessions.map(\.minutes) == [30, 26, 30])
        #expect(sessions.map(\.note) == ["morning-run-again.gpx", "race.tcx", "treadmill.tcx"])
        #expect(
            runs.map(\.startTime) == [
                "2026-02-28T07:00:00Z", "2026-02-28T23:30:00Z", "2026-03-01T17:00:00Z",
            ])

        // The runner stored them; the screen closes with the counts.
        #expect(app.state.top == .today(scroll: 0))
        #expect(app.state.notice?.text == "3 imported, 1 already there")
        let notes = app.state.followed?.history.sessions.map(\.note) ?? []
        #expect(notes.filter { $0.hasSuffix(".gpx") || $0.hasSuffix(".tcx") }.count == 3)

        // The same folder again: nothing new to ask about.
        app.press(.char("i"))
        app.type("\(Self.runs)/ok")
        app.press(.enter)
        let again = try #require(Self.form(app.state))
        #expect(again.stage == .path)
        #expect(
            again.errors.map { $0.text(.en) } == [
                "No new runs to import: 4 already there (same start time)",
                "skipped 1 .fit file: .fit is not supported; export them as .gpx or .tcx",
            ])
    }

    @Test func tabWalksIntoTheNextRunAndTheLastEnterFindsASkippedRun() throws {
        var app = Self.opened("\(Self.runs)/ok")
        // Run 1 left empty by tabbing past it (two scores and the shoe).
        app.press(.tab, .tab, .tab)
        #expect(Self.form(app.state)?.current == 1)
        app.press(.char("1"), .tab, .char("1"), .enter, .char("1"), .tab, .char("1"), .enter)
        let form = try #require(Self.form(app.state))
        #expect(form.current == 0)
        #expect(form.focus == .painDuring)
        #expect(form.error != nil)
        #expect(!app.effects.contains { if case .importRuns = $0 { true } else { false } })
        // Shift-Tab from the first field goes back into the previous run's last field.
        app.press(.down, .down, .down)
        #expect(Self.form(app.state)?.current == 1)
        app.press(.backTab)
        #expect(Self.form(app.state)?.current == 0)
        #expect(Self.form(app.state)?.focus == .shoe)
    }

    @Test func escGoesBackToThePathThenOut() {
        var app = Self.opened("\(Self.runs)/ok")
        app.press(.char("4"), .escape)
        #expect(Self.form(app.state)?.stage == .path)
        #expect(Self.form(app.state)?.path.text == "\(Self.runs)/ok")
        app.press(.escape)
        #expect(app.state.top == .today(scroll: 0))
        #expect(!app.effects.contains { if case .importRuns = $0 { true } else { false } })
    }

    @Test func unreadableFilesAreNamedWithTheirReasonAndNothingIsAsked() throws {
        let app = Self.opened("\(Self.runs)/bad")
        let form = try #require(Self.form(app.state))
        #expect(form.stage == .path)
        let lines = form.errors.map { $0.text(.en) }
        #expect(lines.count == 3)
        #expect(lines.first == "2 files could not be read; nothing was imported:")
        #expect(
            lines.dropFirst().first
                == "\(Self.runs)/bad/broken.gpx: the file ends at line:column 7:14 while "
                + "<trkseg> is still open (a cut-off export?)")
        #expect(lines.last?.hasPrefix("\(Self.runs)/bad/no-track.gpx: no track points") == true)
        #expect(
            form.errors.map { $0.text(.nl) }.first
                == "2 bestanden niet te lezen; er is niets geïmporteerd:")
    }

    @Test func fitFilesOtherFilesAndMissingPathsAreRefusedClearly() throws {
        let fit = "\(Self.runs)/ok/watch.fit"
        #expect(Self.form(Self.opened(fit).state)?.errors == [Phrase.fitNotSupported(fit)])
        let plan = Fixture.root.appendingPathComponent("plans/itbs.yaml").path
        #expect(Self.form(Self.opened(plan).state)?.errors == [Phrase.notARunFile(plan)])
        let missing = "\(Self.runs)/nowhere"
        let errors = Self.form(Self.opened(missing).state)?.errors ?? []
        #expect(errors.map { $0.text(.en) } == ["\(missing): no such file or folder"])
    }

    @Test func runsAfterTodayAreListedAndRunsBeforeThePlanAreLeftOut() throws {
        var early = Fixture.app(Self.caseload())
        early.state.today = Day(iso: "2026-02-28")!
        early.press(.char("i"))
        early.type("\(Self.runs)/ok")
        early.press(.enter)
        // The run from the future is listed beside the others, which go ahead.
        let future = try #require(Self.form(early.state))
        #expect(future.stage == .runs)
        #expect(future.errors.isEmpty)
        #expect(
            future.refused.map { $0.text(.en) } == [
                "1 file refused; the other runs go ahead:",
                "\(Self.runs)/ok/treadmill.tcx: the run is on 2026-03-01, after today (2026-02-28); "
                    + "is the watch's clock right?",
            ])
        #expect(!future.runs.contains { $0.found.run.file.hasSuffix("treadmill.tcx") })
        let shown = render(early.state).lines()
        #expect(shown.contains { $0.contains("1 file refused") }, "\(shown)")

        var late = Self.caseload(Fixture.buildUp())
        late.assignments[Fixture.sam.id]?.startDate = Day(iso: "2026-03-01")!
        let form = try #require(Self.form(Self.opened("\(Self.runs)/ok", late).state))
        #expect(form.runs.count == 1)
        #expect(form.beforeStart == 3)
        let lines = render(Self.opened("\(Self.runs)/ok", late).state).lines()
        #expect(lines.contains { $0.contains("Not asked: 3 from before the plan started") })
    }

    /// With nothing new in a folder, the .fit files it left out are still said, as
    /// `rehab import` says them.
    @Test func nothingNewStillSaysTheFitFilesLeftOut() throws {
        var late = Self.caseload(Fixture.buildUp())
        late.assignments[Fixture.sam.id]?.startDate = Day(iso: "2026-03-05")!
        let form = try #require(Self.form(Self.opened("\(Self.runs)/ok", late).state))
        #expect(form.stage == .path)
        #expect(
            form.errors.map { $0.text(.en) } == [
                "No new runs to import: 4 from before the plan started",
                "skipped 1 .fit file: .fit is not supported; export them as .gpx or .tcx",
            ])
    }

    /// A TCX lap of inf seconds used to kill the app (a trapping conversion); now the file is
    /// listed with its reason beside the good runs.
    @Test func aHostileFileInAFolderIsListedAndTheAppGoesOn() throws {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("rehab-tui-hostile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.copyItem(
            atPath: "\(Self.runs)/ok/treadmill.tcx",
            toPath: folder.appendingPathComponent("good.tcx").path)
        let hostile = """
            <TrainingCenterDatabase><Activities><Activity Sport="Running">
            <Id>2026-03-01T10:00:00Z</Id><Lap StartTime="2026-03-01T10:00:00Z">
            <TotalTimeSeconds>inf</TotalTimeSeconds></Lap></Activity></Activities>
            </TrainingCenterDatabase>
            """
        try Data(hostile.utf8).write(to: folder.appendingPathComponent("inf.tcx"))
        let app = Self.opened(folder.path)
        let form = try #require(Self.form(app.state))
        #expect(form.stage == .runs)
        #expect(form.runs.count == 1)
        #expect(form.refused.first?.text(.en) == "1 file refused; the other runs go ahead:")
        #expect(
            form.refused.last?.text(.en)
                == "\(folder.path)/inf.tcx: lap 1: TotalTimeSeconds inf is not a duration")
    }

    @Test func theHomeFolderIsExpanded() {
        #expect(RunFinder.expand("~/runs/a.gpx", home: "/home/sam") == "/home/sam/runs/a.gpx")
        #expect(RunFinder.expand("~", home: "/home/sam") == "/home/sam")
        #expect(RunFinder.expand("~/x", home: "/home/sam/") == "/home/sam/x")
        #expect(RunFinder.expand("runs/~x", home: "/home/sam") == "runs/~x")
        let found = RunFinder.read("~/ok", known: [], home: Self.runs, timeZone: Self.utc)
        #expect(found.path == "\(Self.runs)/ok")
        #expect(found.refusal == nil)
        #expect(found.runs.count == 4)
        #expect(found.runs.first?.time == "07:00")
    }

    /// Against a real database: one transaction, and the store's own duplicate count when the
    /// same runs come again.
    @Test func theStoreRunnerImportsOnceAndCountsDuplicates() throws {
        let (store, dir) = try StoreRunnerTests.store()
        defer { try? FileManager.default.removeItem(at: dir) }
        let sam = try store.addPatient(name: "Sam", language: .en)
        let start = Day(iso: "2026-02-09")!
        try store.startPlan(
            patientID: sam.id,
            Assignment(
                planID: "itbs", variantID: "acute", startDate: start,
                phaseHistory: [PhaseChange(phase: "calm_down", date: start, reason: .start)]))
        var runner = StoreRunner(
            store: store, planDirectories: [Fixture.root.appendingPathComponent("plans").path])
        let state = AppState(
            language: .en, glyphs: .unicode, size: Size(width: 80, height: 24),
            today: Fixture.today, loaded: try runner.load(patientID: sam.id, today: Fixture.today),
            newPatientName: "Sam")
        var app = App(state: state, runner: runner)
        app.press(.char("i"))
        app.type("\(Self.runs)/ok/treadmill.tcx")
        app.press(.enter, .char("2"), .tab, .char("2"), .enter)
        #expect(app.state.notice?.text == "1 imported, 0 already there")
        let stored = try store.history(patientID: sam.id).sessions
        #expect(stored.count == 1)
        #expect(stored.first?.painDuring == 2)
        #expect(stored.first?.km == 6.0)
        #expect(try store.runStartTimes(patientID: sam.id).count == 1)

        // The file again: the store's start times keep it from being asked about.
        app.press(.char("i"))
        app.type("\(Self.runs)/ok/treadmill.tcx")
        app.press(.enter)
        #expect(
            Self.form(app.state)?.errors.first?.text(.en).hasSuffix(
                "1 already there (same start time)") == true)

        // Had it been asked (another process imported it meanwhile), the store skips it.
        let run = try RunFile.read(path: "\(Self.runs)/ok/treadmill.tcx")
        let again = run.imported(painDuring: 1, painAfter: 1, shoe: nil, on: Fixture.today)
        let results = runner.perform(.importRuns(patient: sam.id, [again]), in: app.state)
        #expect(results.first == .runsImported(added: 0, duplicates: 1))
        #expect(try store.history(patientID: sam.id).sessions.count == 1)
    }
}

@Suite struct ImportSnapshots {
    func both(_ name: String, keys: [Key]) {
        for (width, height) in ScreenSnapshots.sizes {
            expectSnapshot(
                frame(ImportTests.caseload(), keys: keys, width: width, height: height),
                "\(name)-\(width)x\(height)")
        }
    }

    /// Paths in a snapshot would name this machine's folders: the folder is given relative to
    /// the package root, where `swift test` runs.
    static let runs = "Tests/EndToEndTests/Fixtures/runs"

    @Test func thePathWithTheFilesThatFailed() {
        both("import-path-error", keys: [.char("i")] + chars("\(Self.runs)/bad") + [.enter])
    }

    @Test func theSecondRunWithTheFirstAnswered() {
        both(
            "import-run",
            keys: [.char("i")] + chars("\(Self.runs)/ok") + [
                .enter, .char("2"), .tab, .char("1"), .enter, .char("4"),
            ])
    }
}
