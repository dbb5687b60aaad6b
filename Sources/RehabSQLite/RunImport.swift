import Foundation
import GRDB
import RehabCore
import RehabFiles
import RehabStorage

// Runs from watch files. The start time (`Session.startTime`, column `session.start_time` from
// migration v2) is how a second import of the same file is recognised.
extension Store {
    /// Stores the runs in one transaction: all or nothing. A run whose start time is already
    /// stored for this patient, or comes twice in the batch, is skipped and counted.
    /// `newShoe`, when given, is added in the same transaction (the runs' shoe, first seen here).
    public func importRuns(patientID: Int64, _ runs: [ImportedRun], newShoe: Shoe?) throws
        -> RunImportResult
    {
        for run in runs { try RecordCheck.session(run.session) }
        let shoe = try newShoe.map(RecordCheck.shoe)
        return try write(patient: patientID) { db in
            if let shoe { try Store.insertShoe(db, patientID: patientID, shoe) }
            let known = Set(
                try String.fetchAll(
                    db,
                    sql: "SELECT start_time FROM session WHERE patient_id = ?"
                        + " AND start_time IS NOT NULL",
                    arguments: [patientID]))
            let new = ImportedRun.newSessions(runs, known: known)
            for session in new.sessions {
                _ = try Store.insertSession(db, patientID: patientID, session)
            }
            return RunImportResult(added: new.sessions.count, duplicates: new.duplicates)
        }
    }

    /// The start times of the patient's imported runs, by session id.
    public func runStartTimes(patientID: Int64) throws -> [Int64: String] {
        try read(patient: patientID) { db in
            let rows = try Row.fetchAll(
                db,
                sql: "SELECT id, start_time FROM session WHERE patient_id = ?"
                    + " AND start_time IS NOT NULL",
                arguments: [patientID])
            var result: [Int64: String] = [:]
            for row in rows { result[row["id"]] = row["start_time"] }
            return result
        }
    }
}
