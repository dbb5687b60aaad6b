import Foundation
import RehabCore
import Testing

@testable import RehabFiles
@testable import RehabSQLite

@Suite struct MeasureStoreTests {
    func psfs(_ iso: String, _ pairs: [(String, Int)]) -> MeasureRecord {
        MeasureRecord(
            date: day(iso), instrument: "psfs",
            answers: pairs.map { ItemAnswer(item: $0.0, score: $0.1) })
    }

    @Test func measurementsAndNotesRoundTrip() throws {
        let store = try Store.inMemory()
        let sam = try store.addPatient(name: "Sam")
        try store.addMeasurement(
            patientID: sam.id, psfs("2026-03-02", [("stairs", 4), ("running 5 km", 2)]))
        try store.addMeasurement(
            patientID: sam.id,
            MeasureRecord(
                date: day("2026-03-02"), instrument: "nprs",
                answers: [ItemAnswer(item: "pain", score: 6)]))
        // Later, other case and order: stored as the baseline names them.
        try store.addMeasurement(
            patientID: sam.id, psfs("2026-03-16", [("Running 5 KM", 4), ("stairs", 7)]))
        let stored = try store.measurements(patientID: sam.id)
        #expect(stored.map(\.instrument) == ["psfs", "nprs", "psfs"])
        #expect(
            stored[2].answers == [
                ItemAnswer(item: "stairs", score: 7), ItemAnswer(item: "running 5 km", score: 4),
            ])
        try store.addNote(
            patientID: sam.id,
            ClinicalNote(date: day("2026-03-16"), text: "Hip abductors stronger; keep going."))
        #expect(
            try store.notes(patientID: sam.id).map(\.text) == [
                "Hip abductors stronger; keep going."
            ])
    }

    @Test func badMeasuresStoreNothing() throws {
        let store = try Store.inMemory()
        let sam = try store.addPatient(name: "Sam")
        try store.addMeasurement(patientID: sam.id, psfs("2026-03-02", [("stairs", 4)]))
        #expect(
            throws: MeasureError.notTheBaselineActivities(expected: ["stairs"], given: ["cycling"])
        ) {
            try store.addMeasurement(patientID: sam.id, psfs("2026-03-16", [("cycling", 4)]))
        }
        #expect(
            throws: MeasureError.scoreOutOfRange(
                instrument: "nprs", item: "pain", value: "11", allowed: 0...10)
        ) {
            try store.addMeasurement(
                patientID: sam.id,
                MeasureRecord(
                    date: day("2026-03-16"), instrument: "nprs",
                    answers: [ItemAnswer(item: "pain", score: 11)]))
        }
        #expect(throws: ValidationError.self) {
            try store.addNote(patientID: sam.id, ClinicalNote(date: day("2026-03-16"), text: "  "))
        }
        #expect(try store.measurements(patientID: sam.id).count == 1)
        #expect(try store.notes(patientID: sam.id).isEmpty)
    }

    /// The table's own CHECKs refuse what a hand-run sqlite3 might write.
    @Test func theSchemaRefusesBadRows() throws {
        let store = try Store.inMemory()
        let sam = try store.addPatient(name: "Sam")
        for answers in ["[]", "{}", "not json"] {
            #expect(throws: (any Error).self) {
                try store.queue.write { db in
                    try db.execute(
                        sql:
                            "INSERT INTO measurement (patient_id, date, instrument, answers) VALUES (?, '2026-03-02', 'nprs', ?)",
                        arguments: [sam.id, answers])
                }
            }
        }
        #expect(throws: (any Error).self) {
            try store.queue.write { db in
                try db.execute(
                    sql:
                        "INSERT INTO measurement (patient_id, date, instrument, answers) VALUES (?, '2026-02-30', 'NPRS!', '[1]')",
                    arguments: [sam.id])
            }
        }
    }

    @Test func exportAndImportCarryThem() throws {
        let store = try Store.inMemory()
        let sam = try store.addPatient(name: "Sam")
        try store.addMeasurement(
            patientID: sam.id, psfs("2026-03-02", [("stairs, \"steep\"", 4), ("=run", 2)]))
        try store.addMeasurement(
            patientID: sam.id,
            MeasureRecord(
                date: day("2026-03-16"), instrument: "gpe",
                answers: [ItemAnswer(item: "effect", score: 2)]))
        try store.addNote(
            patientID: sam.id,
            ClinicalNote(date: day("2026-03-16"), text: "Line one,\nline \"two\""))
        let archive = try store.exportAll()
        for text in [try ArchiveCodec.json(archive), ArchiveCodec.csv(archive)] {
            let back =
                text.hasPrefix("{")
                ? try ArchiveCodec.archive(json: text) : try ArchiveCodec.archive(csv: text)
            let other = try Store.inMemory()
            try other.importAll(back)
            let id = try #require(try other.patients().first?.id)
            #expect(
                try other.measurements(patientID: id).map { $0.answers }
                    == archive.patients[0].measurements.map(\.answers))
            #expect(try other.notes(patientID: id).map(\.text) == ["Line one,\nline \"two\""])
        }
    }

    @Test func aBadMeasureInAnArchiveImportsNothing() throws {
        var patient = ArchivedPatient(name: "Kim")
        patient.measurements = [
            MeasureRecord(
                date: day("2026-03-02"), instrument: "gpe",
                answers: [ItemAnswer(item: "effect", score: 2)])
        ]
        let store = try Store.inMemory()
        expectImportRefused(
            "patient \"Kim\", measurement 1 (gpe, 2026-03-02): gpe: rates the change since the start and is asked from the second time on; measure psfs or nprs first, and rate the change on a later day"
        ) { try store.importAll(Archive(patients: [patient])) }
        #expect(try store.patients().isEmpty)
    }

    /// A CSV import read in pieces of 2 records: the GPE and the later PSFS arrive in pieces
    /// after the first PSFS and are checked against what is stored by then.
    @Test func aStreamedImportChecksMeasuresAcrossPieces() throws {
        let store = try Store.inMemory()
        let sam = try store.addPatient(name: "Sam")
        try store.addMeasurement(patientID: sam.id, psfs("2026-03-02", [("stairs", 4)]))
        try store.addMeasurement(
            patientID: sam.id,
            MeasureRecord(
                date: day("2026-03-16"), instrument: "gpe",
                answers: [ItemAnswer(item: "effect", score: 2)]))
        try store.addMeasurement(patientID: sam.id, psfs("2026-03-16", [("stairs", 7)]))
        let csv = ArchiveCodec.csv(try store.exportAll())
        let other = try Store.inMemory()
        var reader = try CSVArchiveReader(bytes: Array(csv.utf8), limit: 2)
        _ = try other.importPieces { try reader.next() }
        let id = try #require(try other.patients().first?.id)
        #expect(try other.measurements(patientID: id).map(\.instrument) == ["psfs", "gpe", "psfs"])
        // A later PSFS with other activities, in its own piece, is still refused.
        let bad = csv.replacingOccurrences(
            of: #"[{""item"":""stairs"",""score"":7}]"#,
            with: #"[{""item"":""cycling"",""score"":7}]"#)
        #expect(bad != csv)
        var badReader = try CSVArchiveReader(bytes: Array(bad.utf8), limit: 2)
        let fresh = try Store.inMemory()
        #expect(throws: StoreError.self) { _ = try fresh.importPieces { try badReader.next() } }
        #expect(try fresh.patients().isEmpty)
    }
}
