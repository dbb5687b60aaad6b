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
        let judged = from.adding(days: lookBack)
        return try read(patient: patientID) { db in
            var first = from
            if let latest = try String.fetchOne(
                db.cachedStatement(
                    sql: "SELECT max(date) FROM session WHERE patient_id = ? AND date <= ?"),
                arguments: [patientID, judged.iso]
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
                db, [(patientID, first, judged, window.morningSafeMax)])[patientID]
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

    /// For each patient (id, first day read, first day judged, the plan's lowest
    /// `morning.safe_max`), the day from which every worse response before the first day read
    /// that may still be unresolved is read whole, with its session and baseline
    /// (`Engine.lowestMorningSafeMax` gives the reasoning): nine days before the last morning
    /// of a chain down to ever lower scores; a patient for whom nothing older is needed is left
    /// out.
    static func settledFrom(
        _ db: Database, _ starts: [(id: Int64, first: Day, judged: Day, safe: Int)]
    ) throws -> [Int64: Day] {
        guard !starts.isEmpty else { return [:] }
        let quads = starts.map { "[\($0.id),\"\($0.first.iso)\",\"\($0.judged.iso)\",\($0.safe)]" }
        var first: [Int64: Day] = [:]
        for start in starts { first[start.id] = start.first }
        var result: [Int64: Day] = [:]
        for row in try Row.fetchAll(
            db.cachedStatement(sql: settledSQL),
            arguments: ["[" + quads.joined(separator: ",") + "]"])
        {
            let id: Int64 = row["pid"]
            let chain: String? = row["chain"]
            let oldest: String? = row["oldest"]
            let open: Bool = row["open"]
            guard let from = first[id], let end = chain.flatMap(Day.init(iso:)) else { continue }
            if end < from {
                result[id] = end.adding(days: -9)
            } else if open, let oldest = oldest.flatMap(Day.init(iso:)), oldest < from {
                result[id] = oldest.adding(days: -9)
            }
        }
        return result
    }

    /// The chain starts at the first day read with the lowest score within `safe` among the
    /// mornings read up to the first day judged (one past `safe` when none is: `open`), and each
    /// step is the latest older morning with a lower score. Each look-up is a seek per score
    /// in the (patient, pain, date) index (v9), not a walk back through the patient's mornings.
    private static let settledSQL = """
        WITH RECURSIVE w(pid, first, judged, safe) AS MATERIALIZED (
            SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]'),
                json_extract(value, '$[2]'), json_extract(value, '$[3]') FROM json_each(?)),
        score(value) AS (VALUES (0), (1), (2), (3), (4), (5), (6), (7), (8), (9), (10)),
        chain(pid, date, pain, open) AS (
            SELECT pid, first, low, low > safe FROM (
                SELECT pid, first, safe, coalesce((
                    SELECT score.value FROM score WHERE score.value <= w.safe AND EXISTS (
                        SELECT 1 FROM morning_check WHERE patient_id = w.pid
                            AND pain = score.value AND date BETWEEN w.first AND w.judged)
                    ORDER BY score.value LIMIT 1), safe + 1) AS low
                FROM w)
            UNION ALL
            SELECT c.pid, m.date, m.pain, c.open FROM chain AS c
            JOIN morning_check AS m ON m.patient_id = c.pid AND m.date = (
                SELECT max((SELECT max(date) FROM morning_check WHERE patient_id = c.pid
                    AND pain = score.value AND date < c.date))
                FROM score WHERE score.value < c.pain))
        SELECT pid, min(date) AS chain, max(open) AS open,
            CASE WHEN max(open) THEN (SELECT min(date) FROM morning_check WHERE patient_id = pid)
            END AS oldest
        FROM chain GROUP BY pid
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
