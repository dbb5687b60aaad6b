import Foundation
import GRDB
import RehabCore

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
                    let history = try Store.fetchHistory(db, patientID: p.id, range: nil)
                    var archived = ArchivedPatient(
                        name: p.name, language: p.language, archived: p.archived,
                        assignment: try Store.fetchAssignment(db, patientID: p.id),
                        sessions: history.sessions.map { s in
                            var s = s
                            s.id = nil
                            return s
                        },
                        mornings: history.mornings, clearings: history.clearings,
                        shoes: try Store.fetchShoes(db, patientID: p.id),
                        planFile: try Store.fetchPlanFile(db, patientID: p.id))
                    archived.measurements = try Store.fetchMeasurements(db, patientID: p.id).map {
                        var m = $0
                        m.id = nil
                        return m
                    }
                    archived.notes = try Store.fetchNotes(db, patientID: p.id).map {
                        var n = $0
                        n.id = nil
                        return n
                    }
                    return archived
                })
        }
    }

    /// Adds every patient of the archive in one transaction: all or nothing. A patient whose
    /// name is already stored is refused with `duplicatePatient`; a bad value with
    /// `importFailed` naming the patient, the record and the field.
    public func importAll(_ archive: Archive) throws {
        guard archive.format == "rehab-export" else {
            throw StoreError.importFailed("format: expected rehab-export, found \(archive.format)")
        }
        guard (1...Archive.currentVersion).contains(archive.version) else {
            throw StoreError.importFailed(
                "version: \(archive.version) is not supported (this rehab reads up to "
                    + "\(Archive.currentVersion))")
        }
        var checked: [ArchivedPatient] = []
        for patient in archive.patients { checked.append(try Store.checked(patient)) }
        try queue.write { db in
            for patient in checked {
                try Store.insert(db, patient)
            }
        }
    }

    /// Validates every record before anything is written, so the message can say where.
    static func checked(_ patient: ArchivedPatient) throws -> ArchivedPatient {
        var p = patient
        let who = "patient \"\(patient.name)\""
        func place(_ what: String, _ body: () throws -> Void) throws {
            do {
                try body()
            } catch let error as ValidationError {
                throw StoreError.importFailed("\(what): \(Check.describe(error))")
            }
        }
        try place(who) { p.name = try Check.name(patient.name, field: "name") }
        if let a = patient.assignment {
            try place("\(who), assignment") { try Check.assignment(a) }
        }
        if let f = patient.planFile, f.planID != patient.assignment?.planID {
            // A plan file only says which plan the assignment follows; alone it means nothing.
            throw StoreError.importFailed(
                "\(who), plan_file.plan_id: \(f.planID) is not the assignment's plan "
                    + (patient.assignment?.planID ?? "(none)"))
        }
        for (i, s) in patient.sessions.enumerated() {
            try place("\(who), session \(i + 1) (\(s.date.iso))") { try Check.session(s) }
        }
        var mornings = Set<Day>()
        for (i, m) in patient.mornings.enumerated() {
            try place("\(who), morning \(i + 1) (\(m.date.iso))") { try Check.morning(m) }
            guard mornings.insert(m.date).inserted else {
                throw StoreError.importFailed(
                    "\(who), morning \(i + 1): a second morning check on \(m.date.iso)")
            }
        }
        for (i, c) in patient.clearings.enumerated() {
            try place("\(who), clearing \(i + 1) (\(c.date.iso))") { try Check.clearing(c) }
        }
        var shoes = Set<String>()
        for (i, s) in patient.shoes.enumerated() {
            try place("\(who), shoe \(i + 1)") { p.shoes[i] = try Check.shoe(s) }
            guard shoes.insert(Naming.key(p.shoes[i].name)).inserted else {
                throw StoreError.importFailed("\(who), shoe \(i + 1): \"\(s.name)\" twice")
            }
        }
        try checkMeasuresAndNotes(&p, who: who)
        return p
    }

    static func insert(_ db: Database, _ p: ArchivedPatient) throws {
        try refuseDuplicate(db, name: p.name, except: nil)
        do {
            try db.execute(
                sql: "INSERT INTO patient (name, language, archived) VALUES (?, ?, ?)",
                arguments: [p.name, p.language?.rawValue, p.archived])
            let id = db.lastInsertedRowID
            if let a = p.assignment { try insertAssignment(db, patientID: id, a) }
            for s in p.sessions { _ = try insertSession(db, patientID: id, s) }
            for m in p.mornings {
                try db.execute(
                    sql: "INSERT INTO morning_check (patient_id, date, pain, flags) "
                        + "VALUES (?, ?, ?, ?)",
                    arguments: [id, m.date.iso, m.pain, try json(m.flags)])
            }
            for c in p.clearings { try insertClearing(db, patientID: id, c) }
            for s in p.shoes { try insertShoe(db, patientID: id, s) }
            for m in p.measurements { _ = try insertMeasurement(db, patientID: id, m) }
            for n in p.notes { _ = try insertNote(db, patientID: id, n) }
            if let f = p.planFile {
                try db.execute(
                    sql: "INSERT INTO plan_file (patient_id, plan_id, yaml) VALUES (?, ?, ?)",
                    arguments: [id, f.planID, f.yaml])
            }
        } catch let error as DatabaseError {
            throw StoreError.importFailed("patient \"\(p.name)\": \(describe(error))")
        } catch let error as RecordError {
            throw StoreError.importFailed("patient \"\(p.name)\": \(error)")
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
            // into place.
            let target = try DatabaseQueue(path: temporary)
            do {
                try queue.backup(to: target)
                try target.close()
            } catch {
                try? target.close()
                throw error
            }
        }
    }
}
