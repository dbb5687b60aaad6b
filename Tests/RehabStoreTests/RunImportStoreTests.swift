import Foundation
import RehabCore
import Testing

@testable import RehabSQLite
@testable import RehabStorage

/// Runs read from watch files stored with their start times: a known start is skipped, a bad
/// run stores nothing. Reading the files is tested in RehabFilesTests.
@Suite struct RunImportStoreTests {
    @Test func importSkipsKnownStartTimesAndStoresTheRest() throws {
        let store = try Store.inMemory()
        let patient = try store.addPatient(name: "Sam")
        func run(_ start: String, km: Double) -> ImportedRun {
            ImportedRun(
                session: Session(
                    date: day("2026-03-01"), activity: .run, km: km, minutes: 30, painDuring: 1,
                    painAfter: 2, shoe: "Pegasus"),
                startTime: start)
        }
        let first = try store.importRuns(
            patientID: patient.id,
            [run("2026-03-01T06:00:00Z", km: 5), run("2026-03-01T06:00:00Z", km: 5)],
            newShoe: Shoe(name: "Pegasus"))
        #expect(first == RunImportResult(added: 1, duplicates: 1))
        let second = try store.importRuns(
            patientID: patient.id,
            [run("2026-03-01T06:00:00Z", km: 5), run("2026-03-01T17:00:00Z", km: 6)])
        #expect(second == RunImportResult(added: 1, duplicates: 1))
        #expect(try store.history(patientID: patient.id).sessions.map(\.km) == [5, 6])
        #expect(try store.shoeKm(patientID: patient.id) == ["Pegasus": 11])
        #expect(
            Set(try store.runStartTimes(patientID: patient.id).values)
                == ["2026-03-01T06:00:00Z", "2026-03-01T17:00:00Z"])
    }

    @Test func aBadRunStoresNothing() throws {
        let store = try Store.inMemory()
        let patient = try store.addPatient(name: "Sam")
        let good = ImportedRun(
            session: Session(
                date: day("2026-03-01"), activity: .run, km: 5, minutes: 30, painDuring: 1,
                painAfter: 1),
            startTime: "2026-03-01T06:00:00Z")
        var bad = good
        bad.startTime = "yesterday"
        #expect(throws: (any Error).self) {
            try store.importRuns(patientID: patient.id, [good, bad], newShoe: Shoe(name: "A"))
        }
        #expect(try store.history(patientID: patient.id).sessions.isEmpty)
        #expect(try store.shoes(patientID: patient.id).isEmpty)
    }
}
