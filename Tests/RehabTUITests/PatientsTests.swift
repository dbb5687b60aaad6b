import Foundation
import RehabCore
import RehabPlans
import RehabSQLite
import RehabStorage
import TerminalUI
import Testing

@testable import RehabTUI

/// A small practice: Sam, the demo runner; Kim, who reported locking yesterday (a stop); and
/// Alex, who has no plan yet. Nobody is chosen, so the app opens on the Patients screen.
enum Clinic {
    static let kim = PatientRecord(id: 2, name: "Kim", language: .en, archived: false)
    static let alex = PatientRecord(id: 3, name: "Alex", language: nil, archived: false)

    static func caseload() -> Caseload {
        var caseload = Fixture.demo()
        caseload.patients += [kim, alex]
        let start = day("2026-02-16")
        caseload.assignments[kim.id] = Assignment(
            planID: "itbs", variantID: "acute", startDate: start,
            phaseHistory: [PhaseChange(phase: "calm_down", date: start, reason: .start)])
        caseload.histories[kim.id] =
            History(sessions: [
                Session(
                    date: day("2026-03-01"), activity: .walk, km: 2, minutes: 30,
                    painDuring: 4, painAfter: 5, flags: ["locking"])
            ])
        return caseload
    }

    static func app(width: Int = 80, height: Int = 24) -> App<StoreRunner> {
        Fixture.app(caseload(), patient: nil, width: width, height: height)
    }
}

@Suite struct PatientsScreenTests {
    @Test func opensOnThePatientsWithOpenRedFlagsFirst() {
        let app = Clinic.app()
        #expect(app.state.top == .patients(SelectionState(selected: 0)))
        let rows = PatientActions.rows(app.state)
        #expect(rows.map(\.patient.name) == ["Kim", "Sam", "Alex"])
        #expect(rows[0].level == .stop && rows[0].openFlags.count == 1)
        #expect(rows[1].planID == "itbs" && rows[1].phaseNumber != nil)
        #expect(!rows[2].hasPlan && rows[2].level == nil)
        let text = render(app.state).lines().joined(separator: "\n")
        // The light has a shape and the main reason in words as well as a colour, and the
        // detail says since when (issue 16).
        #expect(text.contains("× red flag"))
        #expect(text.contains("no plan"))
    }

    @Test func theRowsAreWhatRehabPatientsComputes() throws {
        let caseload = Clinic.caseload()
        let rows = try! caseload.roster(includeArchived: false, today: Fixture.today)
        let sam = try! #require(rows.first { $0.patient.name == "Sam" })
        let followed = try! #require(try caseload.load(patientID: 1, today: Fixture.today).followed)
        #expect(sam.level == followed.status.verdict.level)
        #expect(sam.phaseDay == followed.status.phase.day)
        #expect(sam.phaseName == followed.status.phase.phase.names)
        #expect(sam.daysSinceLog == 1)
    }

    /// A practice's list is long: `/` finds a patient by what their row shows, as it finds a
    /// row on History, and the status bar says so.
    @Test func slashFindsAPatient() {
        var app = Clinic.app()
        #expect(render(app.state).lines().last?.contains("/ find") == true)
        // Letters typed while finding are text: "a" would add a patient, "d" delete one.
        app.press(.char("/"))
        app.type("ale")
        #expect(render(app.state).lines()[22].hasPrefix(" / ale▏"))
        app.press(.enter)
        #expect(app.state.top == .patients(SelectionState(selected: 2)))
        #expect(app.state.listSearch == nil && app.effects.isEmpty)
        // By plan, from the row below the selection, round again from the top.
        app.press(.char("/"))
        app.type("ITBS")
        app.press(.enter)
        #expect(app.state.top == .patients(SelectionState(selected: 0)))
        app.press(.char("/"))
        app.type("itbs")
        app.press(.enter)
        #expect(app.state.top == .patients(SelectionState(selected: 1)))
        app.press(.char("/"))
        app.type("zoe")
        app.press(.enter)
        #expect(app.state.notice?.text == "Nothing found for 'zoe'.")
        #expect(app.state.top == .patients(SelectionState(selected: 1)))
        // Esc leaves the line and the list as they were.
        app.press(.char("/"), .char("k"), .escape)
        #expect(app.state.listSearch == nil)
        #expect(app.state.top == .patients(SelectionState(selected: 1)))
        #expect(app.effects.isEmpty)
    }

    @Test func enterFollowsAPatientWithAPlan() {
        var app = Clinic.app()
        app.press(.down, .enter)
        #expect(app.effects == [.selectPatient(1)])
        #expect(app.state.patient?.name == "Sam")
        #expect(app.state.screens == [.today(scroll: 0)])
        // p comes back to the list, with Sam selected; Esc returns to Today.
        app.press(.char("p"))
        #expect(app.state.top == .patients(SelectionState(selected: 1)))
        #expect(app.effects.last == .loadRoster(includeArchived: false))
        app.press(.escape)
        #expect(app.state.screens == [.today(scroll: 0)])
    }

    @Test func enterOnAPatientWithoutAPlanStartsTheSetUp() {
        var app = Clinic.app()
        app.press(.down, .down, .enter)
        guard case .picker(let picker) = app.state.top else {
            Issue.record("the injury picker for Alex")
            return
        }
        #expect(picker.setupFor?.patient == Clinic.alex)
        #expect(app.state.patient == nil)
    }

    @Test func deletingNeedsAConfirmationThatStartsOnNo() throws {
        var app = Clinic.app()
        app.press(.char("d"))
        #expect(app.state.confirmation?.kind == .deletePatient(Clinic.kim))
        #expect(app.state.confirmation?.selected == 1)
        // A reflexive Enter keeps Kim.
        app.press(.enter)
        #expect(app.state.confirmation == nil)
        #expect(!app.effects.contains { if case .deletePatient = $0 { true } else { false } })
        #expect(try app.runner.store.patients(includeArchived: true).contains(Clinic.kim))
        // Esc and n keep Kim too.
        app.press(.char("d"), .escape, .char("d"), .char("n"))
        #expect(try app.runner.store.patients(includeArchived: true).contains(Clinic.kim))
        // Yes deletes every trace of Kim in the runner.
        app.press(.char("d"), .tab, .enter)
        #expect(app.effects.last == .deletePatient(2))
        #expect(try !app.runner.store.patients(includeArchived: true).contains(Clinic.kim))
        #expect(throws: StoreError.self) { try app.runner.store.history(patientID: 2) }
        #expect(PatientActions.rows(app.state).map(\.patient.name) == ["Sam", "Alex"])
        #expect(app.state.notice?.text == "Kim is deleted, from the database file too.")
    }

    @Test func deletingTheFollowedPatientLeavesTheirScreens() {
        var app = Clinic.app()
        app.press(.down, .enter, .char("p"))
        #expect(app.state.screens.count == 2)
        app.press(.char("d"), .char("y"))
        #expect(app.state.patient == nil && app.state.followed == nil)
        #expect(app.state.screens.count == 1)
        guard case .patients = app.state.top else {
            Issue.record("only the Patients screen is left")
            return
        }
    }

    @Test func archivingHidesAndTheToggleShowsArchivedPatients() {
        var app = Clinic.app()
        app.press(.down, .down, .char("x"))
        #expect(app.state.confirmation?.kind == .archivePatient(Clinic.alex))
        app.press(.enter)
        #expect(app.effects.last == .archivePatient(3, archived: true))
        #expect(PatientActions.rows(app.state).map(\.patient.name) == ["Kim", "Sam"])
        #expect(!app.state.patients.contains { $0.id == 3 })
        app.press(.char("v"))
        #expect(app.effects.last == .loadRoster(includeArchived: true))
        let rows = PatientActions.rows(app.state)
        #expect(rows.map(\.patient.name) == ["Kim", "Sam", "Alex"])
        #expect(render(app.state).lines().joined().contains("Alex (archived)"))
        // Restoring needs no confirmation: nothing is lost either way.
        app.press(.down, .down, .char("x"))
        #expect(app.state.confirmation == nil)
        #expect(app.effects.last == .archivePatient(3, archived: false))
        app.press(.char("v"))
        #expect(PatientActions.rows(app.state).map(\.patient.name) == ["Kim", "Sam", "Alex"])
    }

    @Test func renamingKeepsTheFormWhenTheNameIsTaken() throws {
        var app = Clinic.app()
        app.press(.down, .char("e"))
        guard case .nameForm(let form) = app.state.top else {
            Issue.record("the name form")
            return
        }
        #expect(form.input.text == "Sam")
        app.press(.backspace, .backspace, .backspace)
        app.type("kim")
        app.press(.enter)
        #expect(app.effects.last == .renamePatient(1, "kim"))
        #expect(app.state.notice?.text == "patient: a patient called 'kim' already exists")
        guard case .nameForm = app.state.top else {
            Issue.record("a taken name keeps the form open")
            return
        }
        app.press(.backspace, .backspace, .backspace)
        app.type("Samira")
        app.press(.enter)
        #expect(
            try app.runner.store.patients(includeArchived: true).first { $0.id == 1 }?.name
                == "Samira")
        #expect(PatientActions.rows(app.state).map(\.patient.name).contains("Samira"))
        guard case .patients = app.state.top else {
            Issue.record("back on the list")
            return
        }
    }

    @Test func anEmptyNameIsRefusedWithTheFieldAndRange() {
        var app = Clinic.app()
        app.press(.char("a"), .char(" "), .enter)
        guard case .nameForm(let form) = app.state.top else {
            Issue.record("the name form stays")
            return
        }
        #expect(
            form.error
                == "Name: ' ' is not allowed; use 1 to 100 characters, without control or invisible characters"
        )
        #expect(!app.effects.contains { if case .addPatient = $0 { true } else { false } })
    }

    /// One name rule in the screens as in the store: the same name in another case or normal
    /// form is taken, an invisible character is refused, a mix of scripts is said.
    @Test func namesFollowTheOneNameRule() throws {
        var app = Clinic.app()
        app.press(.char("a"))
        app.type("SAM")
        app.press(.enter)
        #expect(app.state.notice?.text == "patient: a patient called 'SAM' already exists")
        app = Clinic.app()
        app.press(.char("a"))
        app.type("Kim\u{200B}")
        app.press(.enter)
        guard case .nameForm(let form) = app.state.top else {
            Issue.record("the name form stays")
            return
        }
        #expect(form.error?.contains("U+200B") == true, "\(form.error ?? "")")
        app = Clinic.app()
        app.press(.char("a"))
        app.type("S\u{0430}ra")
        app.press(.enter)
        #expect(app.state.notice?.text.contains("mixes scripts (Latin, Cyrillic)") == true)
        // Renaming says it too.
        app = Clinic.app()
        app.press(.down, .char("e"), .backspace, .backspace, .backspace)
        app.type("K\u{0456}m")
        app.press(.enter)
        #expect(
            try app.runner.store.patients(includeArchived: true).first { $0.id == 1 }?.name
                == "K\u{0456}m")
        #expect(app.state.notice?.text.contains("mixes scripts (Latin, Cyrillic)") == true)
    }

    @Test func everyPatientKeyIsInTheTableAndHelp() {
        var state = Clinic.app(height: 300).state
        let patientsKeys = KeyTable.bindings.filter { $0.contexts.contains(.patients) }
        let commands = Set(patientsKeys.map(\.command))
        for command: Command in [
            .confirm, .add, .rename, .archive, .showArchived, .delete,
            .setUp, .tune,
        ] {
            #expect(commands.contains(command), "\(command)")
        }
        // No key means two things on this screen.
        let keys = patientsKeys.flatMap(\.keys)
        #expect(Set(keys).count == keys.count)
        _ = update(&state, .command(.help))
        let help = render(state).lines().joined(separator: "\n")
        #expect(help.contains("Patients"))
        #expect(help.contains("set up plan") && help.contains("show/hide archived"))
    }
}

/// The physio's whole round: a new patient, their plan set up, tuned and saved.
@Suite struct SetUpTests {
    @Test func addSetUpTuneSaveAsksForTheRightEffects() throws {
        var app = Clinic.app()
        app.press(.char("a"))
        app.type("Robin")
        app.press(.enter)
        #expect(app.effects == [.addPatient("Robin"), .loadCatalog])
        guard case .picker(let picker) = app.state.top else {
            Issue.record("the picker for Robin")
            return
        }
        #expect(picker.setupFor?.patient.name == "Robin")
        app.type("itb")
        app.press(.right, .enter)  // the recurrent variant
        app.press(.char("n"), .char("n"), .char("n"), .char("n"), .char("n"))
        guard case .setup(let form) = app.state.top else {
            Issue.record("start date and weekly km come after the questions")
            return
        }
        #expect(form.date.text == "2026-03-02")
        // A future date and bad kilometres are refused, naming the field and the range.
        app.press(.backspace)
        app.type("3")
        app.press(.enter)
        guard case .setup(let future) = app.state.top else { return }
        #expect(future.error?.message.contains("Start date: '2026-03-03' is not allowed") == true)
        app.press(.backspace)
        app.type("1")
        app.press(.tab)
        app.type("12.55")
        app.press(.enter)
        guard case .setup(let km) = app.state.top else { return }
        #expect(
            km.error?.message
                == "Weekly km before: '12.55' is not allowed; use a number from 0 to 300 with at "
                + "most 1 decimal and a dot as separator")
        app.press(.backspace)
        app.press(.enter)
        let robin = try! #require(
            try app.runner.store.patients(includeArchived: true).first { $0.name == "Robin" })
        #expect(
            app.effects.last { if case .startPlan = $0 { true } else { false } }
                == .startPlan(
                    StartRequest(
                        planID: "itbs", variantID: "recurrent",
                        date: day("2026-03-01"), newPatientName: nil, language: .en,
                        patientID: robin.id, weeklyKm: 12.5)))
        #expect(try app.runner.store.assignment(patientID: robin.id)?.startingWeeklyKm == 12.5)
        // Back on the list, Robin's row shows the plan.
        guard case .patients(let selection) = app.state.top else {
            Issue.record("back on the Patients screen")
            return
        }
        let rows = PatientActions.rows(app.state)
        let index = try! #require(rows.firstIndex { $0.patient.id == robin.id })
        #expect(rows[index].planID == "itbs" && rows[index].variantID == "recurrent")
        #expect(selection.selected == index)
        app.press(.char("t"))
        #expect(app.effects.last == .loadTuning(robin.id))
        guard case .tune = app.state.top else {
            Issue.record("Robin's plan to tune")
            return
        }
        app.press(.enter, .backspace)  // pain allowed up to: 3 → 2
        app.type("2")
        app.press(.enter, .char("s"))
        let saved = PlanOverrides(thresholds: ThresholdOverrides(painSafeMax: 2))
        #expect(app.effects.last == .setOverrides(robin.id, saved))
        #expect(try app.runner.store.assignment(patientID: robin.id)?.overrides == saved)
        #expect(
            app.state.notice?.text == "Saved. The plan differs from the template in 1 place.")
    }

    @Test func escFromTheSetUpGoesBackToThePicker() {
        var app = Clinic.app()
        app.press(.down, .down, .char("s"))
        app.type("itb")
        app.press(.enter, .char("n"), .char("n"), .char("n"), .char("n"))
        guard case .setup = app.state.top else { return }
        app.press(.escape)
        guard case .picker = app.state.top else {
            Issue.record("Esc leads back past the answered questions")
            return
        }
    }

    @Test func settingUpOverAPlanSaysItReplacesIt() {
        var app = Clinic.app()
        app.press(.down, .char("s"))
        app.type("itb")
        app.press(.enter, .char("n"), .char("n"), .char("n"), .char("n"))
        guard case .setup(let form) = app.state.top else { return }
        #expect(form.target.currentPlan == "itbs")
        #expect(render(app.state).lines().joined().contains("Replaces the current plan (itbs)"))
        app.press(.enter)
        let starts = app.effects.compactMap { effect -> StartRequest? in
            if case .startPlan(let request) = effect { request } else { nil }
        }
        #expect(starts.count == 1)
        #expect(starts.first?.replacing == true && starts.first?.patientID == 1)
    }
}

@Suite struct PatientsSnapshots {
    func both(_ name: String, keys: [Key]) {
        for (width, height) in ScreenSnapshots.sizes {
            expectSnapshot(
                frame(Clinic.caseload(), patient: nil, keys: keys, width: width, height: height),
                "\(name)-\(width)x\(height)")
        }
    }

    @Test func patients() { both("patients", keys: [.down]) }

    @Test func deleteConfirmation() { both("patients-delete", keys: [.char("d")]) }

    @Test func setUpForm() {
        both(
            "patients-setup",
            keys: [.down, .down, .char("s")] + chars("itb")
                + [.enter, .char("n"), .char("n"), .char("n"), .char("n")])
    }
}

/// The app against a real database file.
@Suite struct PatientsStoreTests {
    static func runner() throws -> (StoreRunner, String) {
        let dir = FileManager.default.temporaryDirectory
            .appendingPathComponent("rehab-patients-\(UUID().uuidString)")
        let path = dir.appendingPathComponent("rehab.sqlite").path
        let store = try Store(path: path)
        return (
            StoreRunner(
                store: store, planDirectories: [Fixture.root.appendingPathComponent("plans").path]),
            path
        )
    }

    /// Removes a runner's temporary directory (an open SQLite file may be unlinked on Linux).
    static func remove(_ path: String) {
        try? FileManager.default.removeItem(
            at: URL(fileURLWithPath: path).deletingLastPathComponent())
    }

    /// Every byte SQLite keeps for the database: the file and its side files.
    static func bytes(_ path: String) -> Data {
        var data = Data()
        for suffix in ["", "-wal", "-journal"] {
            data += FileManager.default.contents(atPath: path + suffix) ?? Data()
        }
        return data
    }

    @Test func deletingInTheAppLeavesNoTraceInTheFile() throws {
        var (runner, path) = try Self.runner()
        defer { Self.remove(path) }
        let name = "Quirinus Zebedeus"
        let note = "knee-locking-note-7731"
        let keep = try runner.store.addPatient(name: "Sam", language: .en)
        let gone = try runner.store.addPatient(name: name, language: .en)
        for patient in [keep, gone] {
            try runner.store.startPlan(
                patientID: patient.id, StoreRunnerTests.assignment(Fixture.itbs))
            try runner.store.addSession(
                patientID: patient.id,
                Session(
                    date: Fixture.today, activity: .walk, km: 2, minutes: 30, painDuring: 1,
                    painAfter: 1, note: note))
        }
        #expect(Self.bytes(path).range(of: Data(name.utf8)) != nil)
        var app = App(
            state: AppState(
                language: .en, glyphs: .unicode, size: Size(width: 80, height: 24),
                today: Fixture.today, loaded: try runner.load(patientID: nil, today: Fixture.today),
                newPatientName: "runner"),
            runner: runner)
        guard case .patients = app.state.top else {
            Issue.record("two patients: the app opens on the list")
            return
        }
        let rows = PatientActions.rows(app.state).map(\.patient.name)
        #expect(rows == [name, "Sam"])
        app.press(.char("d"), .char("y"))
        #expect(app.effects.last == .deletePatient(gone.id))
        #expect(PatientActions.rows(app.state).map(\.patient.name) == ["Sam"])
        let bytes = Self.bytes(path)
        #expect(!bytes.isEmpty)
        #expect(bytes.range(of: Data(name.utf8)) == nil, "the name is still in the file")
        #expect(bytes.range(of: Data("Zebedeus".utf8)) == nil)
        // Sam and Sam's log stay.
        #expect(bytes.range(of: Data(note.utf8)) != nil)
        #expect(try app.runner.store.history(patientID: keep.id).sessions.count == 1)
        #expect(try app.runner.store.patients(includeArchived: true).map(\.name) == ["Sam"])
    }
}
