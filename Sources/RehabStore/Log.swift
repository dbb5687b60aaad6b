import Foundation
import GRDB
import RehabCore

// Plan assignments, the session and morning-check log, flag clearings and shoes.
extension Store {
    // MARK: - Plan assignment

    public func assignment(patientID: Int64) throws -> Assignment? {
        try queue.read { db in
            _ = try Store.patientName(db, id: patientID)
            return try Store.fetchAssignment(db, patientID: patientID)
        }
    }

    /// Stores the assignment and its phase history. A patient has one plan at a time: starting
    /// another needs `replacing`, which drops the old plan's phase history and any plan file it
    /// was started from (in the same transaction, so the catalogue plan is the one followed).
    public func startPlan(patientID: Int64, _ assignment: Assignment, replacing: Bool = false)
        throws
    {
        try Check.assignment(assignment)
        try queue.write { db in
            let name = try Store.patientName(db, id: patientID)
            if try Store.fetchAssignment(db, patientID: patientID) != nil {
                guard replacing else { throw StoreError.planAlreadyStarted(patient: name) }
                try db.execute(
                    sql: "DELETE FROM assignment WHERE patient_id = ?", arguments: [patientID])
                try db.execute(
                    sql: "DELETE FROM phase_change WHERE patient_id = ?", arguments: [patientID])
            }
            try db.execute(
                sql: "DELETE FROM plan_file WHERE patient_id = ?", arguments: [patientID])
            try Store.insertAssignment(db, patientID: patientID, assignment)
        }
    }

    public func addPhaseChange(patientID: Int64, _ change: PhaseChange) throws {
        try Check.phaseChange(change)
        try queue.write { db in
            try Store.requirePlan(db, patientID: patientID)
            try Store.insertPhaseChange(db, patientID: patientID, change)
        }
    }

    public func setOverrides(patientID: Int64, _ overrides: PlanOverrides) throws {
        let json = try OverridesDoc.json(overrides)
        try queue.write { db in
            try Store.requirePlan(db, patientID: patientID)
            try db.execute(
                sql: "UPDATE assignment SET overrides = ? WHERE patient_id = ?",
                arguments: [json, patientID])
        }
    }

    // MARK: - Log

    public func history(patientID: Int64) throws -> History {
        try queue.read { db in
            _ = try Store.patientName(db, id: patientID)
            return try Store.fetchHistory(db, patientID: patientID, range: nil)
        }
    }

    /// Sessions, morning checks and clearings dated `from` through `through`, both included.
    public func history(patientID: Int64, from: Day, through: Day) throws -> History {
        try queue.read { db in
            _ = try Store.patientName(db, id: patientID)
            return try Store.fetchHistory(db, patientID: patientID, range: (from, through))
        }
    }

    /// Stores a new session (its `id` is ignored) and returns the id it got.
    @discardableResult
    public func addSession(patientID: Int64, _ session: Session) throws -> Int64 {
        try Check.session(session)
        return try queue.write { db in
            _ = try Store.patientName(db, id: patientID)
            return try Store.insertSession(db, patientID: patientID, session)
        }
    }

    /// Replaces the stored session with the same id.
    public func updateSession(patientID: Int64, _ session: Session) throws {
        guard let id = session.id else { throw RecordError.unknownSession(nil) }
        try Check.session(session)
        try queue.write { db in
            _ = try Store.patientName(db, id: patientID)
            try db.execute(
                sql: """
                    UPDATE session SET date = ?, activity = ?, km = ?, minutes = ?,
                        pain_during = ?, pain_after = ?, lasted_over_2h = ?, flags = ?, shoe = ?,
                        note = ?, calf_raises = ?, hop_test = ?, start_time = ?
                    WHERE id = ? AND patient_id = ?
                    """,
                arguments: Store.sessionValues(session) + [id, patientID])
            guard db.changesCount == 1 else { throw RecordError.unknownSession(id) }
        }
    }

    public func deleteSession(patientID: Int64, id: Int64) throws {
        try queue.write { db in
            _ = try Store.patientName(db, id: patientID)
            try db.execute(
                sql: "DELETE FROM session WHERE id = ? AND patient_id = ?",
                arguments: [id, patientID])
            guard db.changesCount == 1 else { throw RecordError.unknownSession(id) }
        }
    }

    /// One morning check per date: a second one for the same date replaces the first.
    /// Returns true when it replaced one.
    @discardableResult
    public func setMorningCheck(patientID: Int64, _ check: MorningCheck) throws -> Bool {
        try Check.morning(check)
        return try queue.write { db in
            _ = try Store.patientName(db, id: patientID)
            let existed =
                try Bool.fetchOne(
                    db,
                    sql: "SELECT 1 FROM morning_check WHERE patient_id = ? AND date = ?",
                    arguments: [patientID, check.date.iso]) ?? false
            try db.execute(
                sql: """
                    INSERT INTO morning_check (patient_id, date, pain, flags) VALUES (?, ?, ?, ?)
                    ON CONFLICT (patient_id, date)
                    DO UPDATE SET pain = excluded.pain, flags = excluded.flags
                    """,
                arguments: [patientID, check.date.iso, check.pain, try Store.json(check.flags)])
            return existed
        }
    }

    /// Removes the morning check of that date, if there is one.
    public func deleteMorningCheck(patientID: Int64, date: Day) throws {
        try queue.write { db in
            _ = try Store.patientName(db, id: patientID)
            try db.execute(
                sql: "DELETE FROM morning_check WHERE patient_id = ? AND date = ?",
                arguments: [patientID, date.iso])
        }
    }

    public func addClearing(patientID: Int64, _ clearing: FlagClearing) throws {
        try Check.clearing(clearing)
        try queue.write { db in
            _ = try Store.patientName(db, id: patientID)
            try Store.insertClearing(db, patientID: patientID, clearing)
        }
    }

    // MARK: - Shoes

    public func shoes(patientID: Int64) throws -> [Shoe] {
        try queue.read { db in
            _ = try Store.patientName(db, id: patientID)
            return try Store.fetchShoes(db, patientID: patientID)
        }
    }

    public func addShoe(patientID: Int64, _ shoe: Shoe) throws {
        let shoe = try Check.shoe(shoe)
        try queue.write { db in
            _ = try Store.patientName(db, id: patientID)
            try Store.insertShoe(db, patientID: patientID, shoe)
        }
    }

    /// Kilometres on each shoe: its start km plus every run logged with it (names match
    /// without regard to case, as shoe names are unique that way).
    public func shoeKm(patientID: Int64) throws -> [String: Double] {
        try queue.read { db in
            _ = try Store.patientName(db, id: patientID)
            // Names match ignoring case for every letter (SQLite's NOCASE knows only A-Z), as
            // `ShoeWear.km` matches them, so the store and the screens agree on "École".
            var logged: [String: Double] = [:]
            for row in try Row.fetchAll(
                db,
                sql: "SELECT shoe, sum(km) AS km FROM session WHERE patient_id = ?"
                    + " AND activity = 'run' AND shoe IS NOT NULL GROUP BY shoe",
                arguments: [patientID])
            {
                let name: String = row["shoe"]
                logged[name.lowercased(), default: 0] += row["km"] ?? 0
            }
            var result: [String: Double] = [:]
            for shoe in try Store.fetchShoes(db, patientID: patientID) {
                let km = shoe.startKm + (logged[shoe.name.lowercased()] ?? 0)
                result[shoe.name] = (km * 100).rounded() / 100
            }
            return result
        }
    }

    // MARK: - Rows, shared with import and export

    static func json(_ flags: [String]) throws -> String {
        String(decoding: try JSONEncoder().encode(flags), as: UTF8.self)
    }

    static func reports(json: String) throws -> [FlagReport] {
        try flags(json: json).map { token in
            guard let report = FlagReport(token: token) else {
                throw StoreError.importFailed(
                    "flag_clearing.cleared: '\(token)' is not flag@YYYY-MM-DD")
            }
            return report
        }
    }

    static func flags(json: String) throws -> [String] {
        // Nearly every row has none; skip the JSON decoder for them.
        if json == "[]" { return [] }
        if let plain = plainStrings(json) { return plain }
        return try JSONDecoder().decode([String].self, from: Data(json.utf8))
    }

    /// `["a","b"]` as the store writes flag lists, without Foundation's decoder (which costs
    /// more than the rest of a row on a clinic's list); nil for anything else (spaces,
    /// escapes, other values), which the decoder reads.
    static func plainStrings(_ json: String) -> [String]? {
        var utf8 = Substring(json).utf8
        guard utf8.popFirst() == UInt8(ascii: "["), utf8.popLast() == UInt8(ascii: "]") else {
            return nil
        }
        var result: [String] = []
        while !utf8.isEmpty {
            if !result.isEmpty {
                guard utf8.popFirst() == UInt8(ascii: ",") else { return nil }
            }
            guard utf8.popFirst() == UInt8(ascii: "\""),
                let end = utf8.firstIndex(of: UInt8(ascii: "\""))
            else { return nil }
            let text = utf8[..<end]
            // Escapes and control characters are left to the decoder.
            guard !text.contains(where: { $0 == UInt8(ascii: "\\") || $0 < 0x20 }) else {
                return nil
            }
            result.append(String(Substring(text)))
            utf8 = utf8[utf8.index(after: end)...]
        }
        return result
    }

    static func day(_ text: String, column: String) throws -> Day {
        guard let day = Day(iso: text) else {
            throw StoreError.importFailed("\(column): not a date: \(text)")
        }
        return day
    }

    static func requirePlan(_ db: Database, patientID: Int64) throws {
        let name = try patientName(db, id: patientID)
        let has = try Bool.fetchOne(
            db, sql: "SELECT 1 FROM assignment WHERE patient_id = ?", arguments: [patientID])
        guard has ?? false else { throw StoreError.noPlan(patient: name) }
    }

    static func fetchAssignment(_ db: Database, patientID: Int64) throws -> Assignment? {
        guard
            let row = try Row.fetchOne(
                db, sql: "SELECT * FROM assignment WHERE patient_id = ?", arguments: [patientID])
        else { return nil }
        let changes = try Row.fetchAll(
            db,
            sql: "SELECT phase_id, date, reason, note FROM phase_change WHERE patient_id = ?"
                + " ORDER BY date, id",
            arguments: [patientID]
        ).map { row in
            let reasonText: String = row["reason"]
            guard let reason = PhaseChangeReason(rawValue: reasonText) else {
                throw StoreError.importFailed("phase_change.reason: unknown \(reasonText)")
            }
            return PhaseChange(
                phase: row["phase_id"], date: try day(row["date"], column: "phase_change.date"),
                reason: reason, note: row["note"])
        }
        return Assignment(
            planID: row["plan_id"], variantID: row["variant_id"],
            startDate: try day(row["start_date"], column: "assignment.start_date"),
            startingWeeklyKm: row["starting_weekly_km"],
            overrides: try OverridesDoc.overrides(json: row["overrides"]),
            phaseHistory: changes)
    }

    static func insertAssignment(_ db: Database, patientID: Int64, _ a: Assignment) throws {
        try db.execute(
            sql: """
                INSERT INTO assignment
                    (patient_id, plan_id, variant_id, start_date, starting_weekly_km, overrides)
                VALUES (?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                patientID, a.planID, a.variantID, a.startDate.iso, a.startingWeeklyKm,
                try OverridesDoc.json(a.overrides),
            ])
        for change in a.phaseHistory {
            try insertPhaseChange(db, patientID: patientID, change)
        }
    }

    static func insertPhaseChange(_ db: Database, patientID: Int64, _ c: PhaseChange) throws {
        try db.execute(
            sql:
                "INSERT INTO phase_change (patient_id, phase_id, date, reason, note) "
                + "VALUES (?, ?, ?, ?, ?)",
            arguments: [patientID, c.phase, c.date.iso, c.reason.rawValue, c.note])
    }

    static func sessionValues(_ s: Session) throws -> StatementArguments {
        [
            s.date.iso, s.activity.rawValue, s.km, s.minutes, s.painDuring, s.painAfter,
            s.lastedOver2h, try json(s.flags), s.shoe, s.note, s.calfRaises, s.hopTest,
            s.startTime,
        ]
    }

    static func insertSession(_ db: Database, patientID: Int64, _ s: Session) throws -> Int64 {
        try db.execute(
            sql: """
                INSERT INTO session (date, activity, km, minutes, pain_during, pain_after,
                    lasted_over_2h, flags, shoe, note, calf_raises, hop_test, start_time,
                    patient_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: try sessionValues(s) + [patientID])
        return db.lastInsertedRowID
    }

    static func insertClearing(_ db: Database, patientID: Int64, _ c: FlagClearing) throws {
        try db.execute(
            sql:
                "INSERT INTO flag_clearing (patient_id, date, reason, cleared) VALUES (?, ?, ?, ?)",
            arguments: [patientID, c.date.iso, c.reason, try json(c.cleared.map(\.token))])
    }

    static func insertShoe(_ db: Database, patientID: Int64, _ s: Shoe) throws {
        // Case is ignored for every letter, not only A-Z as the column's NOCASE does.
        if try fetchShoes(db, patientID: patientID).contains(where: { Naming.same($0.name, s.name) }
        ) {
            throw RecordError.duplicateShoe(s.name)
        }
        try db.execute(
            sql: "INSERT INTO shoe (patient_id, name, start_km, retire_km) VALUES (?, ?, ?, ?)",
            arguments: [patientID, s.name, s.startKm, s.retireKm])
    }

    static func fetchShoes(_ db: Database, patientID: Int64) throws -> [Shoe] {
        try Row.fetchAll(
            db, sql: "SELECT name, start_km, retire_km FROM shoe WHERE patient_id = ? ORDER BY id",
            arguments: [patientID]
        ).map { Shoe(name: $0["name"], startKm: $0["start_km"], retireKm: $0["retire_km"]) }
    }

    /// The columns `session(from:)` reads, in its order. Rows are read by position: looking
    /// columns up by name cost more than the rest of decoding a long history.
    static let sessionColumns =
        "id, date, activity, km, minutes, pain_during, pain_after, lasted_over_2h, flags, shoe,"
        + " note, calf_raises, hop_test, start_time"

    static func session(from row: Row) throws -> Session {
        let activityText: String = row[2]
        guard let activity = Activity(rawValue: activityText) else {
            throw StoreError.importFailed("session.activity: unknown \(activityText)")
        }
        return Session(
            id: row[0], date: try day(row[1], column: "session.date"),
            activity: activity, km: row[3], minutes: row[4], painDuring: row[5],
            painAfter: row[6], lastedOver2h: row[7], flags: try flags(json: row[8]),
            shoe: row[9], note: row[10], calfRaises: row[11], hopTest: row[12],
            startTime: row[13])
    }

    /// Reads `date, pain, flags`, by position.
    static func morning(from row: Row) throws -> MorningCheck {
        MorningCheck(
            date: try day(row[0], column: "morning_check.date"), pain: row[1],
            flags: try flags(json: row[2]))
    }

    static func fetchHistory(_ db: Database, patientID: Int64, range: (Day, Day)?) throws
        -> History
    {
        let filter = range == nil ? "" : " AND date BETWEEN ? AND ?"
        var arguments: StatementArguments = [patientID]
        if let (from, through) = range { arguments += [from.iso, through.iso] }
        let sessions = try Row.fetchAll(
            db.cachedStatement(
                sql: "SELECT \(sessionColumns) FROM session WHERE patient_id = ?\(filter)"
                    + " ORDER BY date, id"),
            arguments: arguments
        ).map(session(from:))
        let mornings = try Row.fetchAll(
            db.cachedStatement(
                sql: "SELECT date, pain, flags FROM morning_check WHERE patient_id = ?\(filter)"
                    + " ORDER BY date"),
            arguments: arguments
        ).map(morning(from:))
        let clearings = try Row.fetchAll(
            db,
            sql: "SELECT date, reason, cleared FROM flag_clearing WHERE patient_id = ?\(filter)"
                + " ORDER BY date, id",
            arguments: arguments
        ).map { row in
            FlagClearing(
                date: try day(row["date"], column: "flag_clearing.date"), reason: row["reason"],
                cleared: try reports(json: row["cleared"]))
        }
        return History(sessions: sessions, mornings: mornings, clearings: clearings)
    }
}
