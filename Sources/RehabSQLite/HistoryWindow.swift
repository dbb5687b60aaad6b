import GRDB
import RehabCore
import RehabFiles
import RehabStorage

// Loading only the history the engine reads: judging today after ten years of logging should
// cost the same as after ten weeks.
extension Store {
    /// Everything from `from` on, and of the older log only what the engine can still read
    /// when it judges days from `from + lookBack` on (see `Engine.firstDayRead`): the latest
    /// session on or before that first judged day with `lookBack` days before it, the latest
    /// morning check before those (a baseline for "worse next morning"), every session and
    /// morning check that reported a red flag, and every clearing. For those days the
    /// engine's answers equal its answers over the whole history.
    public func history(patientID: Int64, judgingFrom from: Day, lookBack: Int) throws -> History {
        try history(patientID: patientID, judgingFrom: from, lookBack: lookBack, upTo: nil)
    }

    /// The same without the rows dated after `through` (a checkpoint built step by step).
    public func history(patientID: Int64, judgingFrom from: Day, lookBack: Int, through: Day)
        throws -> History
    {
        try history(patientID: patientID, judgingFrom: from, lookBack: lookBack, upTo: through)
    }

    private func history(patientID: Int64, judgingFrom from: Day, lookBack: Int, upTo: Day?)
        throws -> History
    {
        try read(patient: patientID) { db in
            var first = from
            if let latest = try String.fetchOne(
                db.cachedStatement(
                    sql: "SELECT max(date) FROM session WHERE patient_id = ? AND date <= ?"),
                arguments: [patientID, from.adding(days: lookBack).iso]
            ).flatMap(Day.init(iso:)) {
                first = min(first, latest.adding(days: -lookBack))
            }
            if let baseline = try String.fetchOne(
                db.cachedStatement(
                    sql: "SELECT max(date) FROM morning_check WHERE patient_id = ? AND date <= ?"),
                arguments: [patientID, first.iso]
            ).flatMap(Day.init(iso:)) {
                first = min(first, baseline)
            }
            // '9999-12-31' sorts after every stored date: no upper bound.
            let last = upTo?.iso ?? "9999-12-31"
            let arguments: StatementArguments = [patientID, first.iso, last, patientID, first.iso]
            // Older rows are fetched only for their red flags ('[]' is how none is stored).
            // Two ranges joined, not one OR: with the OR SQLite walks every row of the patient
            // (1.4 million in a long import); this way each half uses its own index.
            let sessions = try Store.sessions(
                db.cachedStatement(
                    sql: Store.windowed("session", Store.sessionColumns, "date, id")),
                arguments)
            let mornings = try Store.mornings(
                db.cachedStatement(
                    sql: Store.windowed("morning_check", "date, pain, flags", "date")),
                arguments)
            let clearings = try Row.fetchAll(
                db.cachedStatement(
                    sql: "SELECT date, reason, cleared FROM flag_clearing WHERE patient_id = ?"
                        + " ORDER BY date, id"),
                arguments: [patientID]
            ).map { row in
                FlagClearing(
                    date: try StoredColumn.day(row["date"], column: "flag_clearing.date"),
                    reason: row["reason"], cleared: try RecordJSON.reports(json: row["cleared"]))
            }
            return History(sessions: sessions, mornings: mornings, clearings: clearings)
        }
    }

    /// The rows from a date on, and the older ones that reported a red flag (the partial
    /// `*_flagged` indexes), in order. Arguments: patient, date, last date, patient, date.
    static func windowed(_ table: String, _ columns: String, _ order: String) -> String {
        "SELECT * FROM (SELECT \(columns) FROM \(table) WHERE patient_id = ? AND date >= ?"
            + " AND date <= ?"
            + " UNION ALL SELECT \(columns) FROM \(table)"
            + " WHERE patient_id = ? AND date < ? AND flags <> '[]') ORDER BY \(order)"
    }
}
