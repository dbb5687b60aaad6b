import GRDB
import RehabCore
import RehabFiles
import RehabStorage

// Loading only the history the engine reads: judging today after ten years of logging should
// cost the same as after ten weeks.
extension Store {
    /// Everything from `window.from` on, and of the older log only what the engine can still
    /// read when it judges days from `from + lookBack` on (see `Engine.firstDayRead`): the
    /// latest session on or before that first judged day with `lookBack` days before it, the
    /// latest morning check before those (a baseline for "worse next morning"), everything
    /// back to where every older worse response is surely resolved (`settledFrom`), every
    /// session and morning check that reported a red flag, and every clearing. For those days
    /// the engine's answers equal its answers over the whole history.
    public func history(patientID: Int64, window: JudgingWindow) throws -> History {
        try history(patientID: patientID, window: window, upTo: nil)
    }

    /// The same without the rows dated after `through` (a checkpoint built step by step).
    public func history(patientID: Int64, window: JudgingWindow, through: Day) throws -> History {
        try history(patientID: patientID, window: window, upTo: through)
    }

    private func history(patientID: Int64, window: JudgingWindow, upTo: Day?) throws -> History {
        let (from, lookBack) = (window.from, window.lookBack)
        return try read(patient: patientID) { db in
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
            if let settled = try Store.settledFrom(
                db, [(patientID, first, window.morningSafeMax)])[patientID]
            {
                first = min(first, settled)
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

    /// For each patient (id, first day read, the plan's lowest `morning.safe_max`), the day
    /// from which every worse response before the first day read that may still be unresolved
    /// is read whole, with its session and baseline (`Engine.lowestMorningSafeMax` gives the
    /// reasoning): nine days before the last morning of the chain that starts at the latest
    /// older morning within `safe_max` and steps to ever lower scores; without such a morning,
    /// nine days before the first older one. A patient with no older morning is left out.
    static func settledFrom(_ db: Database, _ starts: [(id: Int64, first: Day, safe: Int)])
        throws -> [Int64: Day]
    {
        guard !starts.isEmpty else { return [:] }
        let triples =
            "[" + starts.map { "[\($0.id),\"\($0.first.iso)\",\($0.safe)]" }.joined(separator: ",")
            + "]"
        var result: [Int64: Day] = [:]
        for row in try Row.fetchAll(
            db.cachedStatement(sql: settledSQL), arguments: [triples])
        {
            let chain: String? = row["chain"]
            let oldest: String? = row["oldest"]
            guard let day = (chain ?? oldest).flatMap(Day.init(iso:)) else { continue }
            result[row["pid"]] = day.adding(days: -9)
        }
        return result
    }

    /// Each step finds the latest morning before the last with a lower score, by the
    /// (patient, date) index from the newest down.
    private static let settledSQL = """
        WITH RECURSIVE w(pid, first, safe) AS MATERIALIZED (
            SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]'),
                json_extract(value, '$[2]') FROM json_each(?)),
        chain(pid, date, pain) AS (
            SELECT w.pid, m.date, m.pain FROM w JOIN morning_check AS m ON m.id = (
                SELECT id FROM morning_check WHERE patient_id = w.pid AND date < w.first
                    AND pain <= w.safe ORDER BY date DESC LIMIT 1)
            UNION ALL
            SELECT c.pid, m.date, m.pain FROM chain AS c JOIN morning_check AS m ON m.id = (
                SELECT id FROM morning_check WHERE patient_id = c.pid AND date < c.date
                    AND pain < c.pain ORDER BY date DESC LIMIT 1))
        SELECT pid, (SELECT min(date) FROM chain WHERE chain.pid = w.pid) AS chain,
            (SELECT min(date) FROM morning_check WHERE patient_id = w.pid AND date < w.first)
                AS oldest
        FROM w
        """

    /// The rows from a date on, and the older ones that reported a red flag (the partial
    /// `*_flagged` indexes), in order. Arguments: patient, date, last date, patient, date.
    static func windowed(_ table: String, _ columns: String, _ order: String) -> String {
        "SELECT * FROM (SELECT \(columns) FROM \(table) WHERE patient_id = ? AND date >= ?"
            + " AND date <= ?"
            + " UNION ALL SELECT \(columns) FROM \(table)"
            + " WHERE patient_id = ? AND date < ? AND flags <> '[]') ORDER BY \(order)"
    }
}
