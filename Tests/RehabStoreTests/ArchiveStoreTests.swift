import Foundation
import RehabCore
import Testing

@testable import RehabFiles
@testable import RehabSQLite

/// Archives through the SQLite store: exported and imported again, refused whole, and a CSV
/// read a piece at a time. The formats on their own are tested in RehabFilesTests.
@Suite struct ArchiveStoreTests {
    let archive = Archive(patients: [trickyPatient, plainPatient])

    @Test func exportImportThroughAStore() throws {
        let source = try Store.inMemory()
        try source.importAll(archive)
        let exported = try source.exportAll()
        // Ids are storage details and are not exported; everything else comes back.
        var expected = archive
        for p in expected.patients.indices {
            for s in expected.patients[p].sessions.indices {
                expected.patients[p].sessions[s].id = nil
            }
        }
        #expect(exported == expected)

        let target = try Store.inMemory()
        try target.importAll(try ArchiveCodec.archive(csv: ArchiveCodec.csv(exported)))
        #expect(try target.exportAll() == exported)
        let zoe = try #require(try target.patients().first)
        #expect(try target.shoeKm(patientID: zoe.id) == ["Gel-Kayano, 30": 127.75])
    }

    @Test func badStartTimesAndStrayPlanFilesAreRefusedByName() throws {
        for stamp in ["2026-01-20 06:59:00", "2026-01-20T24:00:00Z", "2026-02-30T06:00:00Z"] {
            var p = plainPatient
            p.sessions[0].startTime = stamp
            expectImportRefused(
                "patient \"-Sam\", session 1 (2026-02-01): start_time \"\(stamp)\" is not "
                    + "allowed (expected a UTC time YYYY-MM-DDThh:mm:ssZ)"
            ) { try Store.inMemory().importAll(Archive(patients: [p])) }
        }
        var stray = plainPatient
        stray.planFile = StoredPlanFile(planID: "itbs", yaml: "id: itbs\n")
        expectImportRefused(
            "patient \"-Sam\", plan_file.plan_id: itbs is not the assignment's plan (none)"
        ) { try Store.inMemory().importAll(Archive(patients: [stray])) }
    }

    @Test func restoredRunsAreStillRecognisedAsImported() throws {
        let source = try Store.inMemory()
        try source.importAll(archive)
        let target = try Store.inMemory()
        try target.importAll(try ArchiveCodec.archive(json: ArchiveCodec.json(source.exportAll())))
        let zoe = try #require(try target.patients().first)
        #expect(
            try target.runStartTimes(patientID: zoe.id).values.sorted()
                == ["2026-01-20T06:59:60Z"])
        #expect(try target.planFile(patientID: zoe.id) == trickyPatient.planFile)
    }

    @Test func importIsAllOrNothing() throws {
        let store = try Store.inMemory()
        var bad = plainPatient
        bad.name = "Bo"
        bad.sessions[0].painDuring = 11
        let error = #expect(throws: StoreError.self) {
            try store.importAll(Archive(patients: [trickyPatient, bad]))
        }
        guard case .importFailed(let refusal) = error else {
            Issue.record("expected importFailed")
            return
        }
        let message = refusal.en
        #expect(message.contains("patient \"Bo\", session 1 (2026-02-01)"))
        #expect(message.contains("pain_during"))
        #expect(try store.patients(includeArchived: true).isEmpty)

        // A failure only SQLite can see (a foreign key is fine, so use two patients with the
        // same name) also rolls back the first patient.
        var twin = plainPatient
        twin.name = "sam"
        var first = plainPatient
        first.name = "Sam"
        #expect(throws: StoreError.duplicatePatient("sam")) {
            try store.importAll(Archive(patients: [first, twin]))
        }
        #expect(try store.patients(includeArchived: true).isEmpty)
    }

    @Test func importRefusesExistingPatients() throws {
        let store = try Store.inMemory()
        _ = try store.addPatient(name: "-SAM")
        #expect(throws: StoreError.duplicatePatient("-Sam")) {
            try store.importAll(Archive(patients: [trickyPatient, plainPatient]))
        }
        #expect(try store.patients().map(\.name) == ["-SAM"])
    }

    @Test func importRefusesTwoMorningsOnOneDate() throws {
        let store = try Store.inMemory()
        var p = plainPatient
        p.mornings = [
            MorningCheck(date: day("2026-02-02"), pain: 1),
            MorningCheck(date: day("2026-02-02"), pain: 2),
        ]
        expectImportRefused(
            "patient \"-Sam\", morning 2: a second morning check on 2026-02-02"
        ) { try store.importAll(Archive(patients: [p])) }
    }

    /// The fifth session of a patient is refused as "session 5" though it is in the third piece,
    /// and nothing of the patient is stored.
    @Test func aLaterPieceIsNumberedWithinThePatient() throws {
        var long = plainPatient
        long.sessions = (1...5).map { i in
            var s = plainPatient.sessions[0]
            s.date = Day(iso: "2026-02-0\(i)")!
            s.painAfter = i == 5 ? 12 : 1
            return s
        }
        var read = try csvPieces(
            ArchiveCodec.csv(Archive(patients: [long])), blockSize: 4096, limit: 2
        ).makeIterator()
        let store = try Store.inMemory()
        let error = #expect(throws: StoreError.self) {
            try store.importPieces({ read.next() })
        }
        guard case .importFailed(let refusal) = error else {
            Issue.record("expected importFailed")
            return
        }
        let message = refusal.en
        #expect(message.hasPrefix("patient \"-Sam\", session 5 (2026-02-05)"), "\(message)")
        #expect(try store.patients(includeArchived: true).isEmpty)
    }
}

/// A CSV export read the way `rehab import` reads it, `limit` records a piece.
func csvPieces(_ text: String, blockSize: Int, limit: Int) throws -> [ArchivePiece] {
    let bytes = Array(text.utf8)
    let blocks = stride(from: 0, to: bytes.count, by: blockSize).map {
        Array(bytes[$0..<min($0 + blockSize, bytes.count)])
    }
    var reader = try CSVArchiveReader(blocks: blocks, limit: limit)
    var all: [ArchivePiece] = []
    while let piece = try reader.next() { all.append(piece) }
    return all
}
