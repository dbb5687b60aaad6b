import Foundation
import RehabCore
import RehabPlans
import RehabStorage
import TerminalUI
import Testing

@testable import RehabTUI

/// A physio's tuned plan handed over as a file and started in the app (Patients, `f`): the
/// patient then follows the file's plan, as after `rehab start --plan-file`.
@Suite struct PlanFileStartTests {
    /// The ITB plan with pain above 2 already too much, written where a runner would keep it.
    static func handedOverFile() throws -> (path: String, directory: URL) {
        var tuned = Fixture.itbs.resolved(variant: "acute")
        tuned.thresholds.painSafeMax = 2
        let dir = FileManager.default.temporaryDirectory
            .appendingPathComponent("rehab-planfile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("itbs_alex.yaml").path
        try PlanWriter.yaml(tuned).write(toFile: path, atomically: true, encoding: .utf8)
        return (path, dir)
    }

    @Test func alexStartsTheTunedPlanFromItsFile() throws {
        let (path, dir) = try Self.handedOverFile()
        defer { try? FileManager.default.removeItem(at: dir) }
        var app = Clinic.app()
        // Alex (no plan) is the third row.
        app.press(.down, .down, .char("f"))
        guard case .nameForm(let form) = app.state.top, case .planFile = form.purpose else {
            Issue.record("f opens the plan-file path")
            return
        }
        #expect(KeyTable.hints(for: app.state).allSatisfy { $0.key != "0-9" })
        app.press(.enter)
        guard case .nameForm(let empty) = app.state.top else {
            Issue.record("an empty path asks again")
            return
        }
        #expect(empty.error?.contains("path of a plan file") == true)
        app.type(path)
        app.press(.enter)
        // The file's red-flag questions come first, as for a catalogue plan (issue 16).
        guard case .questions(let questions) = app.state.top else {
            Issue.record("the file's red-flag questions come first: \(app.state.top)")
            return
        }
        #expect(questions.questions.map(\.id) == Fixture.itbs.redFlags.map(\.id))
        app.press(.char("n"), .char("n"), .char("n"), .char("n"), .char("n"))
        guard case .setup(let setup) = app.state.top else {
            Issue.record("the file was read: the start date and volume come next")
            return
        }
        #expect(setup.handedOver?.plan.thresholds.painSafeMax == 2)
        let screen = render(app.state).lines().joined(separator: "\n")
        #expect(screen.contains("From \(path)"))
        app.press(.enter)
        let starts = app.effects.compactMap { if case .startPlan(let r) = $0 { r } else { nil } }
        guard let request = starts.last else {
            Issue.record("Enter starts the plan: \(app.effects)")
            return
        }
        #expect(request.patientID == Clinic.alex.id && request.planFile != nil)
        let followed = try #require(app.state.followed)
        #expect(followed.patient.name == "Alex")
        #expect(followed.plan.thresholds(in: followed.plan.phases[0]).painSafeMax == 2)
    }

    @Test func aBadPathIsSaidWithItsPlaceAndNothingStarts() throws {
        var app = Clinic.app()
        app.press(.down, .down, .char("f"))
        app.type("/nowhere/itbs_alex.yaml")
        app.press(.enter)
        #expect(app.state.notice?.isError == true)
        #expect(app.state.notice?.text.contains("/nowhere/itbs_alex.yaml:1:1") == true)
        guard case .nameForm = app.state.top else {
            Issue.record("the path stays to be corrected")
            return
        }
        #expect(!app.effects.contains { if case .startPlan = $0 { true } else { false } })
    }

    /// The plan-file screen says a bad file's problems in the user's language.
    @Test func aBadFileIsSaidInDutch() throws {
        let dir = FileManager.default.temporaryDirectory
            .appendingPathComponent("rehab-planfile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("bad.yaml").path
        try "id: x\nname: y\n".write(toFile: path, atomically: true, encoding: .utf8)
        let alex = PatientRecord(id: 3, name: "Alex", language: nil, archived: false)
        let target = SetupTarget(patient: alex, currentPlan: nil)
        guard case .failed(let nl) = StoreRunner.readPlanFile(path, for: target, .nl),
            case .failed(let en) = StoreRunner.readPlanFile(path, for: target, .en)
        else {
            Issue.record("a bad file is refused")
            return
        }
        #expect(nl.contains("\(path):2:1: name: onbekende sleutel; bedoelt u names?"), "\(nl)")
        #expect(en.contains("\(path):2:1: name: unknown key; did you mean names?"), "\(en)")
    }

    @Test func theStoreKeepsTheFileWithThePatient() throws {
        let (path, dir) = try Self.handedOverFile()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (store, storeDir) = try StoreRunnerTests.store()
        defer { try? FileManager.default.removeItem(at: storeDir) }
        let alex = try store.addPatient(name: "Alex", language: .en)
        var runner = StoreRunner(
            store: store, planDirectories: [Fixture.root.appendingPathComponent("plans").path])
        var state = Fixture.state(Caseload(catalog: [Fixture.itbs]), patient: nil)
        let target = SetupTarget(patient: alex, currentPlan: nil)
        guard case .planFileRead(let plan, _) = StoreRunner.readPlanFile(path, for: target, .en)
        else {
            Issue.record("the file reads")
            return
        }
        state.patient = alex
        let request = StartRequest(
            planID: plan.plan.id, variantID: nil, date: Fixture.today, newPatientName: nil,
            language: .en, patientID: alex.id, planFile: plan.file)
        _ = runner.perform(.startPlan(request), in: state)
        #expect(try store.planFile(patientID: alex.id) == plan.file)
        let followed = try #require(
            try runner.load(patientID: alex.id, today: Fixture.today)
                .followed)
        #expect(followed.template.thresholds.painSafeMax == 2)
    }
}

extension PlanFileStartTests {
    @Test func aYesToTheFilesRedFlagStopsBeforeAnyStart() throws {
        let (path, dir) = try Self.handedOverFile()
        defer { try? FileManager.default.removeItem(at: dir) }
        var app = Clinic.app()
        app.press(.down, .down, .char("f"))
        app.type(path)
        app.press(.enter)
        app.press(.char("n"), .char("y"))  // the second question: swelling, warmth, redness
        guard case .stop(let stop) = app.state.top else {
            Issue.record("a yes goes to the stop screen: \(app.state.top)")
            return
        }
        #expect(stop.screening == [Fixture.itbs.redFlags[1].id])
        #expect(!app.effects.contains { if case .startPlan = $0 { true } else { false } })
    }
}
