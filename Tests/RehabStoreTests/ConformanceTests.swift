import Foundation
import RehabCore
import RehabFiles
import RehabSQLite
import RehabStorage
import RehabStoreConformance
import Testing

// The storage protocol's conformance suite on the SQLite store, in memory and on a file (WAL,
// the way `rehab` opens it). The PostgreSQL store runs the same checks in its own target.

@Suite struct SQLiteConformanceTests {
    @Test(arguments: RepositoryConformance.checks)
    func inMemory(_ check: ConformanceCheck) throws {
        try check.run { try Store.inMemory() }
    }

    @Test(arguments: RepositoryConformance.checks)
    func onFile(_ check: ConformanceCheck) throws {
        let folder = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try check.run {
            try Store(path: folder.appendingPathComponent("\(UUID().uuidString).sqlite").path)
        }
    }

    @Test func everyCheckHasItsOwnName() {
        let names = RepositoryConformance.checks.map(\.name)
        #expect(Set(names).count == names.count)
        #expect(names.count >= 20)
    }
}

/// The suite is only worth running if it catches a store that breaks the protocol: two
/// deliberate faults, each caught by the checks that state that behaviour, and no others.
@Suite struct ConformanceSuiteCatchesFaultsTests {
    func failing(_ fault: FaultyRepository.Fault) -> [String] {
        RepositoryConformance.checks.compactMap { check in
            do {
                try check.run { FaultyRepository(try Store.inMemory(), fault: fault) }
                return nil
            } catch let failure as ConformanceFailure {
                #expect(failure.check == check.name)
                return check.name
            } catch {
                return "\(check.name): \(error)"
            }
        }
    }

    @Test func patientsInReverseOrder() {
        #expect(
            failing(.patientsReversed) == [
                "patients listed by name, case ignored, then id",
                "a name is stored once, case ignored",
                "rename, archive and delete",
                "export and import round trip",
            ])
    }

    @Test func morningCheckNeverSaysItReplaced() {
        #expect(failing(.morningNeverReplaces) == ["one morning check per date"])
    }

    @Test func aFailureNamesTheCheckAndWhatDiffered() throws {
        let check = try #require(
            RepositoryConformance.checks.first { $0.name == "one morning check per date" })
        let failure = #expect(throws: ConformanceFailure.self) {
            try check.run { FaultyRepository(try Store.inMemory(), fault: .morningNeverReplaces) }
        }
        #expect(
            failure?.description
                == "one morning check per date: the same date again: expected true, found false")
    }
}
