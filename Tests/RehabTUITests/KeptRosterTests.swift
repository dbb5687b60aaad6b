import Foundation
import RehabCore
import RehabSQLite
import RehabStorage
import TerminalUI
import Testing

@testable import RehabTUI

/// After a change made in the app the Patients screen reads and judges only the patients the
/// change touched (`KeptRoster`). Its rows must be the rows a whole read gives, after every
/// kind of change: a kept row that is wrong would show a physio a patient's old verdict.
struct KeptRosterTests {
    /// The rows a runner without kept rows reads from the same store.
    func whole(_ runner: StoreRunner, includeArchived: Bool = false) throws -> [RosterRow] {
        var fresh = runner
        fresh.keptRoster = nil
        return try fresh.roster(includeArchived: includeArchived, today: Fixture.today)
    }

    func state(_ runner: StoreRunner, patient: PatientRecord) -> AppState {
        var reading = runner
        var state = Fixture.state(&reading, patient: patient.id)
        state.screens.append(.patients(SelectionState(selected: 0)))
        return state
    }

    @Test func rowsAfterEachChangeAreTheRowsOfAWholeRead() throws {
        var runner = Clinic.caseload().runner()
        let first = try runner.roster(includeArchived: false, today: Fixture.today)
        #expect(first == (try whole(runner)))
        #expect(runner.keptRoster?.overviews.count == 3)
        let sam = Fixture.sam
        let kim = Clinic.kim
        let alex = Clinic.alex
        let painful = Session(
            date: Fixture.today, activity: .run, km: 5, minutes: 30, painDuring: 7, painAfter: 8)
        let changes: [(String, PatientRecord, Effect)] = [
            ("a painful run", sam, .saveSession(patient: sam.id, painful)),
            (
                "a red morning", kim,
                .saveMorning(
                    patient: kim.id,
                    MorningCheck(
                        date: Fixture.today, pain: 6, flags: ["locking"]))
            ),
            (
                "a note", sam,
                .addNote(
                    patient: sam.id,
                    ClinicalNote(
                        date: Fixture.today, text: "rustig aan"))
            ),
            ("a new name", alex, .renamePatient(alex.id, "Aaron")),
            ("archived", kim, .archivePatient(kim.id, archived: true)),
            ("a new patient", sam, .addPatient("Bo")),
        ]
        var before = first
        for (what, patient, effect) in changes {
            let reported = runner.perform(effect, in: state(runner, patient: patient))
            #expect(!reported.contains { if case .failed = $0 { true } else { false } }, "\(what)")
            let rows = try runner.roster(includeArchived: false, today: Fixture.today)
            #expect(rows == (try whole(runner)), "after \(what)")
            #expect(rows != before, "\(what) shows in the rows")
            before = rows
        }
        // The painful run turned Sam's light; the archived patient left the list; Bo came in.
        let names = before.map(\.patient.name)
        #expect(names.contains("Bo") && names.contains("Aaron") && !names.contains("Kim"))
        #expect(before.first { $0.patient.name == "Sam" }?.level != .green)
    }

    @Test func anotherConnectionsWriteIsReadWhole() throws {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("rehab-kept-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("rehab.sqlite").path
        let app = try Store(path: path)
        let other = try Store(path: path)
        for name in ["Sam", "Kim"] { _ = try app.addPatient(name: name, language: .en) }
        var runner = StoreRunner(store: app, planDirectories: [])
        _ = try runner.roster(includeArchived: false, today: Fixture.today)
        // The CLI in another shell renames Kim: nothing the app did, so nothing it marked.
        let kim = try app.patients().first { $0.name == "Kim" }!
        try other.renamePatient(id: kim.id, to: "Kimberley")
        let rows = try runner.roster(includeArchived: false, today: Fixture.today)
        #expect(rows.map(\.patient.name).contains("Kimberley"))
        #expect(rows == (try whole(runner)))
    }
}
