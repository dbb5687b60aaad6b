import Foundation
import RehabCore
import Testing

@testable import RehabFiles
@testable import RehabSQLite

/// A clearing keeps the list of reports it covers, in the database and through every export.
struct ClearingStoreTests {
    let cleared = [
        FlagReport(flag: RedFlag.fever, date: day("2026-02-27")),
        FlagReport(flag: "numb_foot", date: day("2026-03-01")),
    ]

    @Test func theClearedListIsStored() throws {
        let store = try Store.inMemory()
        let patient = try store.addPatient(name: "Bo")
        try store.addClearing(
            patientID: patient.id,
            FlagClearing(date: day("2026-03-02"), reason: "GP", cleared: cleared))
        try store.addClearing(
            patientID: patient.id, FlagClearing(date: day("2026-03-03"), reason: "no list"))
        let clearings = try store.history(patientID: patient.id).clearings
        #expect(clearings.map(\.cleared) == [cleared, []])
    }

    @Test func theClearedListSurvivesJSONAndCSV() throws {
        let patient = ArchivedPatient(
            name: "Bo", language: .en, archived: false, assignment: nil, sessions: [], mornings: [],
            clearings: [
                FlagClearing(date: day("2026-03-02"), reason: "GP; may run", cleared: cleared)
            ], shoes: [])
        let archive = Archive(version: Archive.currentVersion, patients: [patient])
        #expect(try ArchiveCodec.archive(json: try ArchiveCodec.json(archive)) == archive)
        #expect(try ArchiveCodec.archive(csv: ArchiveCodec.csv(archive)) == archive)
    }

    @Test func aMalformedClearedItemIsRefused() throws {
        let store = try Store.inMemory()
        let patient = try store.addPatient(name: "Bo")
        #expect(throws: (any Error).self) {
            try store.addClearing(
                patientID: patient.id,
                FlagClearing(
                    date: day("2026-03-02"), reason: "GP",
                    cleared: [FlagReport(flag: "Not OK", date: day("2026-03-01"))]))
        }
    }
}
