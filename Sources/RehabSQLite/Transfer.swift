import Foundation
import GRDB
import RehabCore
import RehabFiles
import RehabStorage

// Whole-database export, import and backup.
extension Store {
    /// Every patient, archived ones too, with everything stored about them. Session ids are
    /// left out: they only mean something inside this file.
    public func exportAll() throws -> Archive {
        try queue.read { db in
            let patients = try Row.fetchAll(
                db, sql: "SELECT id, name, language, archived FROM patient ORDER BY id"
            ).map(Store.patient(from:))
            return Archive(
                patients: try patients.map { p in
                    ArchivedPatient.exported(
                        p, assignment: try Store.fetchAssignment(db, patientID: p.id),
                        history: try Store.fetchHistory(db, patientID: p.id, range: nil),
                        shoes: try Store.fetchShoes(db, patientID: p.id),
                        planFile: try Store.fetchPlanFile(db, patientID: p.id),
                        measurements: try Store.fetchMeasurements(db, patientID: p.id),
                        notes: try Store.fetchNotes(db, patientID: p.id),
                        discharge: try Store.fetchDischarge(db, patientID: p.id))
                })
        }
    }

    /// Adds every patient of the archive in one transaction: all or nothing. A patient whose
    /// name is already stored is refused with `duplicatePatient`; a bad value with
    /// `importFailed` naming the patient, the record and the field.
    @discardableResult
    public func importAll(_ archive: Archive) throws -> RecordCounts {
        try archive.checkFormat()
        var pieces = archive.pieces.makeIterator()
        return try importPieces({ pieces.next() })
    }

    /// Imports pieces as they are read, in one transaction: all or nothing, and only one
    /// piece in memory at a time. Each piece is validated (and handed to `check`, for the
    /// rules of the commands that make the data) before it is written; the first problem
    /// rolls everything back.
    public func importPieces(
        _ next: () throws -> ArchivePiece?, check: (ArchivePiece) throws -> Void
    ) throws -> RecordCounts {
        try queue.write { db in
            var patientID: Int64 = 0
            return try RecordCheck.importing(next, check: check) { p, isFirst in
                if isFirst { patientID = try Store.insertHeader(db, p) }
                try Store.insertRecords(db, patientID: patientID, p)
            }
        }
    }

    /// The patient row, its assignment and its plan file; returns the patient's id.
    static func insertHeader(_ db: Database, _ p: ArchivedPatient) throws -> Int64 {
        try refuseDuplicate(db, name: p.name, except: nil)
        return try refusingBadRecords(p) {
            try db.execute(
                sql: "INSERT INTO patient (name, language, archived) VALUES (?, ?, ?)",
                arguments: [p.name, p.language?.rawValue, p.archived])
            let id = db.lastInsertedRowID
            if let a = p.assignment { try insertAssignment(db, patientID: id, a) }
            if let f = p.planFile {
                try db.execute(
                    sql: "INSERT INTO plan_file (patient_id, plan_id, yaml) VALUES (?, ?, ?)",
                    arguments: [id, f.planID, f.yaml])
            }
            if let d = p.discharge { try insertDischarge(db, patientID: id, d) }
            return id
        }
    }

    /// A piece's sessions, mornings, clearings and shoes.
    static func insertRecords(_ db: Database, patientID id: Int64, _ p: ArchivedPatient) throws {
        try refusingBadRecords(p) {
            for s in p.sessions { _ = try insertSession(db, patientID: id, s) }
            for m in p.mornings {
                try db.execute(
                    sql: "INSERT INTO morning_check (patient_id, date, pain, flags) "
                        + "VALUES (?, ?, ?, ?)",
                    arguments: [id, m.date.iso, m.pain, try RecordJSON.flags(m.flags)])
            }
            for c in p.clearings { try insertClearing(db, patientID: id, c) }
            for s in p.shoes { try insertShoe(db, patientID: id, s) }
            try insertMeasures(db, patientID: id, p)
            for n in p.notes { _ = try insertNote(db, patientID: id, n) }
        }
    }

    /// The database's and the records' own refusals, named with the patient.
    private static func refusingBadRecords<T>(_ p: ArchivedPatient, _ body: () throws -> T)
        throws -> T
    {
        do {
            return try body()
        } catch let error as DatabaseError {
            throw StoreError.importFailed(
                StoragePhrase.at(
                    StoragePhrase.patient(p.name), StoragePhrase.database(describe(error))))
        } catch let error as RehabCore.RecordError {
            throw StoreError.importFailed(
                StoragePhrase.at(StoragePhrase.patient(p.name), StoragePhrase.record(error)))
        }
    }

    /// Copies the database through SQLite's backup API (never a raw file copy, which could
    /// catch a half-written page). The copy is private (0600) and safe while others write.
    public func backup(to destination: String, force: Bool = false) throws(OutputFileError) {
        // A backup's folder is made for it, private like the database's own.
        let folder = OutputFile.folder(of: destination)
        if !FileManager.default.fileExists(atPath: folder) {
            try? FileManager.default.createDirectory(
                atPath: folder, withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o700])
        }
        try OutputFile.write(to: destination, database: path, force: force) { temporary in
            // SQLite writes the copy into the temporary file; only a complete copy is moved
            // into place. Its failures are told in SQLite's words.
            do {
                let target = try DatabaseQueue(path: temporary)
                do {
                    try queue.backup(to: target)
                    try target.close()
                } catch {
                    try? target.close()
                    throw error
                }
            } catch {
                throw OutputFileError(
                    path: temporary,
                    reason: OutputFile.reason(Store.describe(error), folder: folder))
            }
        }
    }
}
