import Foundation
import RehabCore
import TerminalUI
import Testing

@testable import RehabPlans
@testable import RehabTUI

/// The Tune screen of the demo runner's plan (ITB, acute), opened from the Plan tab with t.
@Suite struct TuneTests {
    static func app(width: Int = 80, height: Int = 24) -> App<StoreRunner> {
        var app = Fixture.app(Fixture.demo(), width: width, height: height)
        app.press(.tab, .char("t"))
        return app
    }

    static func tune<R: EffectRunner>(_ app: App<R>) -> TuneState? {
        if case .tune(let tune) = app.state.top { tune } else { nil }
    }

    /// Moves the selection to a row.
    static func select<R: EffectRunner>(_ row: TuneRow, in app: inout App<R>) {
        for _ in 0..<200 {
            guard let tune = tune(app) else { return }
            let rows = Tuning.rows(Tuning.tuned(tune))
            if rows[tune.row] == row { return }
            let target = rows.firstIndex(of: row) ?? 0
            app.press(target > tune.row ? .down : .up)
        }
    }

    @Test func rowsCoverThresholdsDaysExercisesAndSteps() throws {
        let app = Self.app()
        let tune = try #require(Self.tune(app))
        let plan = Tuning.tuned(tune)
        let rows = Tuning.rows(plan)
        #expect(rows.filter { if case .threshold = $0 { true } else { false } }.count == 12)
        #expect(
            rows.filter { if case .days = $0 { true } else { false } }.count
                == plan.phases.count)
        let exercises = plan.phases.map(\.exercises.count).reduce(0, +)
        #expect(rows.filter { if case .exercise = $0 { true } else { false } }.count == exercises)
        let steps = plan.phases.map(\.runWalk.count).reduce(0, +)
        #expect(steps > 0)
        #expect(rows.filter { if case .step = $0 { true } else { false } }.count == steps)
        #expect(tune.row == 1 && rows[1] == .threshold(.painSafeMax))
    }

    @Test func aValueIsEditedInPlaceAndMarkedWithWhatItWas() throws {
        var app = Self.app()
        app.press(.enter)
        #expect(Self.tune(app)?.editing?.text == "3")
        app.press(.backspace)
        app.type("2")
        app.press(.enter)
        let tune = try #require(Self.tune(app))
        #expect(tune.editing == nil && tune.error == nil)
        #expect(tune.overrides.thresholds.painSafeMax == 2)
        #expect(tune.isDirty)
        #expect(render(app.state).lines().joined().contains("2 (was 3)"))
        // Nothing is stored until s.
        #expect(try app.runner.store.assignment(patientID: 1)?.overrides == PlanOverrides())
        #expect(!app.effects.contains { if case .setOverrides = $0 { true } else { false } })
    }

    @Test func escDropsTheValueBeingTyped() throws {
        var app = Self.app()
        app.press(.enter, .backspace)
        app.type("9")
        app.press(.escape)
        let tune = try #require(Self.tune(app))
        #expect(tune.editing == nil && !tune.isDirty)
    }

    @Test func anOutOfRangeValueNamesFieldValueAndRangeAndChangesNothing() throws {
        var app = Self.app()
        app.press(.enter, .backspace)
        app.type("11")
        app.press(.enter)
        var tune = try #require(Self.tune(app))
        #expect(tune.error == "pain.safe_max: '11' is not allowed; use a whole number from 0 to 10")
        #expect(tune.editing?.text == "11")
        #expect(!tune.isDirty)
        // A phase's days name the phase; decimals where whole numbers belong are refused too.
        app.press(.escape)
        Self.select(.days(phase: 0), in: &app)
        app.press(.enter, .backspace, .backspace)
        app.type("400")
        app.press(.enter)
        tune = try #require(Self.tune(app))
        #expect(
            tune.error
                == "calm_down.min_days: '400' is not allowed; use a whole number from 0 to 365")
        app.press(.escape)
        #expect(Self.tune(app)?.isDirty == false)
        #expect(app.effects.allSatisfy { if case .setOverrides = $0 { false } else { true } })
    }

    @Test func aValueThatBreaksThePlanIsRefusedLikeAPlanFile() throws {
        var app = Self.app()
        // safe_max above the limit (5) passes its own range but not the plan-file rules.
        app.press(.enter, .backspace)
        app.type("7")
        app.press(.enter)
        var tune = try #require(Self.tune(app))
        #expect(tune.error?.hasPrefix("Not taken; the plan would not be valid:") == true)
        #expect(tune.error?.contains("safe_max") == true)
        #expect(!tune.isDirty)
        // max_days below min_days.
        app.press(.escape)
        Self.select(.days(phase: 0), in: &app)
        app.press(.right, .enter, .backspace, .backspace)
        app.type("3")
        app.press(.enter)
        tune = try #require(Self.tune(app))
        #expect(tune.error?.contains("max_days") == true)
        #expect(!tune.isDirty)
    }

    @Test func exercisesAreAddedChangedToggledAndRemoved() throws {
        var app = Self.app()
        var tune = try #require(Self.tune(app))
        let plan = Tuning.tuned(tune)
        let phase = try #require(plan.phases.firstIndex { !$0.exercises.isEmpty })
        let first = plan.phases[phase].exercises[0]
        let missing = plan.exercises.map(\.id).filter { id in
            !plan.phases[phase].exercises.contains { $0.exercise == id }
        }
        // Change the sets of the first exercise.
        Self.select(.exercise(phase: phase, id: first.exercise), in: &app)
        app.press(.enter, .backspace, .backspace)
        app.type("5")
        app.press(.enter)
        tune = try #require(Self.tune(app))
        let phaseID = plan.phases[phase].id
        #expect(tune.overrides.exercises[phaseID]?.first?.sets == 5)
        // Space on the frequency switches weekly and daily.
        app.press(.right, .right, .char(" "))
        tune = try #require(Self.tune(app))
        let toggled = try #require(tune.overrides.exercises[phaseID]?.first)
        #expect((toggled.perDay == nil) != (first.perDay == nil))
        // Remove it: x.
        app.press(.char("x"))
        tune = try #require(Self.tune(app))
        #expect(
            tune.overrides.exercises[phaseID]?.contains { $0.exercise == first.exercise }
                == false)
        // Add one from the library.
        guard !missing.isEmpty else { return }
        Self.select(.addExercise(phase: phase), in: &app)
        app.press(.enter)
        let options = try #require(Self.tune(app)?.adding?.options)
        // The removed exercise can come back; the others of the library are offered too.
        #expect(options.contains(missing[0]) && options.contains(first.exercise))
        app.press(.enter)
        tune = try #require(Self.tune(app))
        #expect(tune.adding == nil)
        let added = tune.overrides.exercises[phaseID]?.first { $0.exercise == options[0] }
        // The plan's build-up phase gives the side-lying leg raise 3 × 15, 3× a week.
        #expect(options[0] == "side_lying_hip_abduction")
        #expect(added == Prescription(exercise: options[0], sets: 3, reps: 15, perWeek: 3))
        let lines = Tuning.differences(tune).map(\.field)
        #expect(lines.contains("\(phaseID).exercises.\(first.exercise)"))
    }

    @Test func stepsAreChangedAddedAndNeverAllRemoved() throws {
        var app = Self.app()
        var tune = try #require(Self.tune(app))
        let plan = Tuning.tuned(tune)
        let phase = try #require(plan.phases.firstIndex { !$0.runWalk.isEmpty })
        let phaseID = plan.phases[phase].id
        let count = plan.phases[phase].runWalk.count
        Self.select(.step(phase: phase, index: 0), in: &app)
        app.press(.right, .enter, .backspace, .backspace, .backspace)
        app.type("0.5")
        app.press(.enter)
        tune = try #require(Self.tune(app))
        #expect(tune.overrides.runWalk[phaseID]?.first?.walkMinutes == 0.5)
        // Walk allows one decimal at most and 10 minutes.
        app.press(.enter, .backspace, .backspace, .backspace)
        app.type("0.25")
        app.press(.enter)
        #expect(
            Self.tune(app)?.error
                == "\(phaseID).run_walk[1].walk: '0.25' is not allowed; use a number from 0 to 10 with at most 1 decimal and a dot as separator"
        )
        app.press(.escape)
        Self.select(.addStep(phase: phase), in: &app)
        app.press(.enter)
        tune = try #require(Self.tune(app))
        #expect(tune.overrides.runWalk[phaseID]?.count == count + 1)
        // Remove steps down to one; the last one stays.
        for _ in 0..<(count + 2) {
            Self.select(.step(phase: phase, index: 0), in: &app)
            app.press(.char("x"))
        }
        tune = try #require(Self.tune(app))
        #expect(tune.overrides.runWalk[phaseID]?.count == 1)
        #expect(tune.error == "step: the last step cannot go; a schedule needs at least one step")
    }

    @Test func saveStoresTheOverridesAndResetNeedsAConfirmation() throws {
        var app = Self.app()
        app.press(.enter, .backspace)
        app.type("2")
        app.press(.enter, .char("s"))
        let saved = PlanOverrides(thresholds: ThresholdOverrides(painSafeMax: 2))
        #expect(app.effects.last == .setOverrides(1, saved))
        #expect(try app.runner.store.assignment(patientID: 1)?.overrides == saved)
        // The followed plan now uses the tuned threshold.
        #expect(app.state.followed?.status.thresholds.painSafeMax == 2)
        #expect(Self.tune(app)?.isDirty == false)
        app.press(.char("R"))
        #expect(app.state.confirmation?.kind == .resetTuning)
        #expect(app.state.confirmation?.selected == 1)
        app.press(.enter)
        #expect(try app.runner.store.assignment(patientID: 1)?.overrides == saved)
        app.press(.char("R"), .char("y"))
        #expect(app.effects.last == .setOverrides(1, PlanOverrides()))
        #expect(try app.runner.store.assignment(patientID: 1)?.overrides == PlanOverrides())
        #expect(Self.tune(app)?.overrides == PlanOverrides())
        #expect(
            app.state.notice?.text == "Every change is gone; the plan follows the template again.")
    }

    @Test func leavingWithUnsavedChangesAsksFirst() throws {
        var app = Self.app()
        app.press(.escape)
        #expect(app.state.top == .plan(scroll: 0))
        app.press(.char("t"), .enter, .backspace)
        app.type("2")
        app.press(.enter, .escape)
        #expect(app.state.confirmation?.kind == .discardTuning)
        app.press(.enter)  // starts on no: stay
        #expect(Self.tune(app)?.isDirty == true)
        app.press(.escape, .char("y"))
        #expect(app.state.top == .plan(scroll: 0))
        #expect(try app.runner.store.assignment(patientID: 1)?.overrides == PlanOverrides())
    }

    @Test func theDifferencesAreWhatPlanDiffGivesTheCommands() throws {
        var app = Self.app()
        app.press(.enter, .backspace)
        app.type("2")
        app.press(.enter, .char("d"))
        let tune = try #require(Self.tune(app))
        #expect(tune.differences == 0)
        let lines = Tuning.differences(tune)
        #expect(lines == [PlanDiff.Line(field: "pain.safe_max", template: "3", tuned: "2")])
        let text = render(app.state).lines().joined(separator: "\n")
        #expect(text.contains("pain.safe_max  3 → 2"))
        #expect(text.contains("Not saved yet"))
        app.press(.escape)
        #expect(Self.tune(app)?.differences == nil)
    }
}

@Suite struct TuneSnapshots {
    func both(_ name: String, keys: [Key]) {
        for (width, height) in ScreenSnapshots.sizes {
            expectSnapshot(
                frame(
                    Fixture.demo(), keys: [.tab, .char("t")] + keys, width: width,
                    height: height),
                "\(name)-\(width)x\(height)")
        }
    }

    /// One change made (safe max 2), the selection on the phase days.
    static let changed: [Key] = [.enter, .backspace, .char("2"), .enter]

    @Test func tune() {
        both("tune", keys: Self.changed + [.down, .down, .down, .down, .down, .down])
    }

    @Test func validationError() {
        both(
            "tune-error", keys: [.down, .down, .enter, .backspace, .char("9"), .char("9"), .enter])
    }

    /// The last phase's run/walk steps, scrolled to the end: five values fit at 60 columns.
    @Test func steps() { both("tune-steps", keys: [.end, .up, .up]) }

    @Test func differences() { both("tune-differences", keys: Self.changed + [.char("d")]) }
}

/// Tuning through the app against a real database, read back by the CLI.
@Suite struct TuneStoreTests {
    static let binary: URL = {
        var dir = Bundle.main.bundleURL
        if dir.pathExtension == "xctest" { dir.deleteLastPathComponent() }
        return dir.appendingPathComponent("rehab")
    }()

    @Test func savedOverridesAreWhatRehabTuneShowReports() throws {
        let (runner, path) = try PatientsStoreTests.runner()
        defer { PatientsStoreTests.remove(path) }
        let sam = try runner.store.addPatient(name: "Sam", language: .en)
        try runner.store.startPlan(patientID: sam.id, StoreRunnerTests.assignment(Fixture.itbs))
        var mutable = runner
        var app = App(
            state: AppState(
                language: .en, glyphs: .unicode, size: Size(width: 80, height: 24),
                today: Fixture.today,
                loaded: try mutable.load(patientID: sam.id, today: Fixture.today),
                newPatientName: "runner"),
            runner: mutable)
        app.press(.tab, .char("t"))
        app.press(.enter, .backspace)
        app.type("2")
        app.press(.enter)
        TuneTests.select(.days(phase: 0), in: &app)
        app.press(.right, .enter, .backspace, .backspace)
        app.type("30")
        app.press(.enter, .char("s"))
        let stored = try #require(try app.runner.store.assignment(patientID: sam.id)).overrides
        #expect(stored.thresholds.painSafeMax == 2)
        #expect(stored.phaseDays["calm_down"]?.maxDays == 30)

        try #require(
            FileManager.default.isExecutableFile(atPath: Self.binary.path),
            "build the rehab binary first (swift build --build-tests)")
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = ["tune", "--show", "--json", "--db", path, "--patient", "Sam"]
        process.currentDirectoryURL = Fixture.root
        process.environment = [
            "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "REHAB_TODAY": "2026-03-02",
            "HOME": FileManager.default.temporaryDirectory.path,
            "SWIFT_BACKTRACE": "interactive=no",
        ]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let shown = try JSONDecoder().decode([[String: String]].self, from: data)
        let expected = Tuning.differences(try #require(TuneTests.tune(app))).map {
            ["field": $0.field, "template": $0.template, "tuned": $0.tuned]
        }
        #expect(shown == expected)
        #expect(
            shown.map { $0["field"] ?? "" }.sorted() == ["calm_down.max_days", "pain.safe_max"])
    }
}
