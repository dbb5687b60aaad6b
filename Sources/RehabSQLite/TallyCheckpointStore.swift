import Foundation
import GRDB
import RehabCore

// The SQLite home of `TallyCheckpoint`: one row per patient (schema v8), dropped by triggers
// when a record it counted changes. A cache, so it is never read back unchecked: the engine
// reads one only for the plan, assignment and phase it was made for.

extension Store {
    public func tallyCheckpoint(patientID: Int64) throws -> TallyCheckpoint? {
        try queue.read { db in try Store.fetchCheckpoint(db, patientID: patientID) }
    }

    public func setTallyCheckpoint(patientID: Int64, _ checkpoint: TallyCheckpoint) throws {
        let json = String(decoding: try JSONEncoder().encode(checkpoint), as: UTF8.self)
        try write(patient: patientID) { db in
            try db.execute(
                sql: "INSERT OR REPLACE INTO tally_checkpoint (patient_id, guard_date, checkpoint)"
                    + " VALUES (?, ?, ?)",
                arguments: [patientID, checkpoint.guardDay.iso, json])
        }
    }

    static func fetchCheckpoint(_ db: Database, patientID: Int64) throws -> TallyCheckpoint? {
        try String.fetchOne(
            db.cachedStatement(sql: "SELECT checkpoint FROM tally_checkpoint WHERE patient_id = ?"),
            arguments: [patientID]
        ).flatMap(checkpoint(json:))
    }

    /// Nil for one this build cannot read: it is only a cache, made again from the records.
    static func checkpoint(json: String) -> TallyCheckpoint? {
        try? JSONDecoder().decode(TallyCheckpoint.self, from: Data(json.utf8))
    }
}
