import Foundation
import GRDB
import RehabCore
import RehabFiles
import RehabStorage

// Outcome measures and the physio's clinical notes: schema, reading and writing.

extension Store {
    /// Every measurement of the patient, oldest first.
    public func measurements(patientID: Int64) throws -> [MeasureRecord] {
        try read(patient: patientID) { db in
            return try Store.fetchMeasurements(db, patientID: patientID)
        }
    }

    /// Checks and stores a measurement; returns its id. Nothing is stored when it is refused.
    @discardableResult
    public func addMeasurement(patientID: Int64, _ measurement: MeasureRecord) throws -> Int64 {
        try write(patient: patientID) { db in
            let earlier = try Store.fetchMeasurements(db, patientID: patientID).filter {
                $0.date <= measurement.date
            }
            let checked = try RecordCheck.measurement(measurement, earlier: earlier)
            return try Store.insertMeasurement(db, patientID: patientID, checked)
        }
    }

    public func deleteMeasurement(patientID: Int64, id: Int64) throws {
        try queue.write { db in
            try db.execute(
                sql: "DELETE FROM measurement WHERE id = ? AND patient_id = ?",
                arguments: [id, patientID])
        }
    }

    public func notes(patientID: Int64) throws -> [ClinicalNote] {
        try read(patient: patientID) { db in
            return try Store.fetchNotes(db, patientID: patientID)
        }
    }

    @discardableResult
    public func addNote(patientID: Int64, _ note: ClinicalNote) throws -> Int64 {
        try RecordCheck.note(note)
        return try write(patient: patientID) { db in
            return try Store.insertNote(db, patientID: patientID, note)
        }
    }

    static func fetchMeasurements(_ db: Database, patientID: Int64) throws -> [MeasureRecord] {
        try Row.fetchAll(
            db.cachedStatement(
                sql: "SELECT id, date, instrument, answers FROM measurement WHERE patient_id = ? "
                    + "ORDER BY date, id"),
            arguments: [patientID]
        ).map { row in
            let answers =
                (try? JSONDecoder().decode(
                    [ItemAnswer].self, from: Data((row["answers"] as String).utf8)))
                ?? []
            return MeasureRecord(
                id: row["id"], date: Day(iso: row["date"]) ?? Day(number: 0),
                instrument: row["instrument"], answers: answers)
        }
    }

    static func insertMeasurement(_ db: Database, patientID: Int64, _ m: MeasureRecord) throws
        -> Int64
    {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let answers = String(decoding: try encoder.encode(m.answers), as: UTF8.self)
        try db.execute(
            sql: "INSERT INTO measurement (patient_id, date, instrument, answers) "
                + "VALUES (?, ?, ?, ?)",
            arguments: [patientID, m.date.iso, m.instrument, answers])
        return db.lastInsertedRowID
    }

    static func fetchNotes(_ db: Database, patientID: Int64) throws -> [ClinicalNote] {
        try Row.fetchAll(
            db,
            sql: "SELECT id, date, text FROM clinical_note WHERE patient_id = ? ORDER BY date, id",
            arguments: [patientID]
        ).map { row in
            ClinicalNote(
                id: row["id"], date: Day(iso: row["date"]) ?? Day(number: 0), text: row["text"])
        }
    }

    static func insertNote(_ db: Database, patientID: Int64, _ n: ClinicalNote) throws -> Int64 {
        try db.execute(
            sql: "INSERT INTO clinical_note (patient_id, date, text) VALUES (?, ?, ?)",
            arguments: [patientID, n.date.iso, n.text])
        return db.lastInsertedRowID
    }
}

extension Store {
    /// A piece's measures in date order, each checked again against what is stored by now: a
    /// long history arrives in pieces, and a later PSFS or GPE needs the first one.
    static func insertMeasures(_ db: Database, patientID: Int64, _ p: ArchivedPatient) throws {
        guard !p.measurements.isEmpty else { return }
        var earlier = try fetchMeasurements(db, patientID: patientID)
        for m in p.measurements.sorted(by: { $0.date < $1.date }) {
            let checked: MeasureRecord
            do {
                checked = try RecordCheck.measurement(
                    m, earlier: earlier.filter { $0.date <= m.date })
            } catch let error as MeasureError {
                throw StoreError.importFailed(
                    StoragePhrase.at(
                        StoragePhrase.measurement(StoragePhrase.patient(p.name), nil, m),
                        MeasurePhrase.error(error)))
            }
            _ = try insertMeasurement(db, patientID: patientID, checked)
            earlier.append(checked)
        }
    }
}
