import GRDB
import RehabCore
import RehabFiles
import RehabStorage

// The discharge record: when and by whom a patient was discharged (`rehab discharge`, the
// app's discharge step), so the Patients list can say so.

extension Store {
    public func discharge(patientID: Int64) throws -> Discharge? {
        try read(patient: patientID) { db in
            return try Store.fetchDischarge(db, patientID: patientID)
        }
    }

    public func setDischarge(patientID: Int64, _ discharge: Discharge) throws {
        try write(patient: patientID) { db in
            try Store.insertDischarge(db, patientID: patientID, discharge)
        }
    }

    static func fetchDischarge(_ db: Database, patientID: Int64) throws -> Discharge? {
        try Row.fetchOne(
            db.cachedStatement(
                sql: "SELECT date, by_whom, early FROM discharge WHERE patient_id = ?"),
            arguments: [patientID]
        ).map { row in
            Discharge(
                date: Day(iso: row["date"]) ?? Day(number: 0), by: row["by_whom"],
                early: row["early"] as Bool)
        }
    }

    /// Replaces an earlier discharge; `by` is checked like a name (also on import).
    static func insertDischarge(_ db: Database, patientID: Int64, _ discharge: Discharge) throws {
        let by = try Validate.name(discharge.by, field: "discharged by")
        try db.execute(
            sql: "INSERT OR REPLACE INTO discharge (patient_id, date, by_whom, early) "
                + "VALUES (?, ?, ?, ?)",
            arguments: [patientID, discharge.date.iso, by, discharge.early])
    }
}

extension Store {
    /// What was recorded since the last clinical note, counted in the database (one read) rather
    /// than by reading the whole log: without a note that is everything, years for a clinic's
    /// patients. The same answer as `ReviewChanges(notes:history:measures:)` (RosterTests).
    public func reviewChanges(patientID: Int64) throws -> ReviewChanges {
        try read(patient: patientID) { db in
            return try Store.fetchReviewChanges(db, patientID: patientID)
        }
    }

    /// What the review of each listed patient reads, in one read transaction instead of three
    /// per patient: the same answers as `reviewChanges`, `measurements` and `discharge`.
    public func reviewRecords(patientIDs: [Int64]) throws -> [Int64: ReviewRecords] {
        try queue.read { db in
            var records: [Int64: ReviewRecords] = [:]
            for id in patientIDs where records[id] == nil {
                _ = try Store.patientName(db, id: id)
                records[id] = ReviewRecords(
                    changes: try Store.fetchReviewChanges(db, patientID: id),
                    measures: try Store.fetchMeasurements(db, patientID: id),
                    discharge: try Store.fetchDischarge(db, patientID: id))
            }
            return records
        }
    }

    static func fetchReviewChanges(_ db: Database, patientID: Int64) throws -> ReviewChanges {
        let last = try String.fetchOne(
            db.cachedStatement(sql: "SELECT max(date) FROM clinical_note WHERE patient_id = ?"),
            arguments: [patientID]
        ).flatMap { Day(iso: $0) }
        // ISO dates compare as text; every stored date is at or after this one.
        let from = last?.iso ?? "0000-01-01"
        func count(_ table: String) throws -> Int {
            try Int.fetchOne(
                db.cachedStatement(
                    sql: "SELECT count(*) FROM \(table) WHERE patient_id = ? AND date >= ?"),
                arguments: [patientID, from]) ?? 0
        }
        var flags: [FlagReport] = []
        let rows = try Row.fetchAll(
            db.cachedStatement(
                sql: "SELECT date, flags FROM session WHERE patient_id = ? AND date >= ? "
                    + "AND flags <> '[]' UNION ALL SELECT date, flags FROM morning_check "
                    + "WHERE patient_id = ? AND date >= ? AND flags <> '[]'"),
            arguments: [patientID, from, patientID, from])
        for row in rows {
            guard let day = Day(iso: row["date"]) else { continue }
            flags += try RecordJSON.flags(json: row["flags"]).map {
                FlagReport(flag: $0, date: day)
            }
        }
        return ReviewChanges(
            lastReview: last, sessions: try count("session"),
            mornings: try count("morning_check"), measures: try count("measurement"),
            redFlags: flags)
    }
}
