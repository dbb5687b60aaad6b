import Foundation
import GRDB
import RehabCore
import RehabFiles
import RehabStorage

// Plan assignments, the session and morning-check log, flag clearings and shoes.
extension Store {
    // MARK: - Plan assignment

    public func assignment(patientID: Int64) throws -> Assignment? {
        try read(patient: patientID) { db in
            return try Store.fetchAssignment(db, patientID: patientID)
        }
    }

    /// Stores the assignment and its phase history. A patient has one plan at a time: starting
    /// another needs `replacing`, which drops the old plan's phase history and any plan file it
    /// was started from (in the same transaction, so the catalogue plan is the one followed).
    public func startPlan(patientID: Int64, _ assignment: Assignment, replacing: Bool)
        throws
    {
        try RecordCheck.assignment(assignment)
        try queue.write { db in
            try Store.clearPlan(db, patientID: patientID, replacing: replacing)
            try Store.insertAssignment(db, patientID: patientID, assignment)
        }
    }

    public func addPhaseChange(patientID: Int64, _ change: PhaseChange) throws {
        try RecordCheck.phaseChange(change)
        try queue.write { db in
            try Store.requirePlan(db, patientID: patientID)
            try Store.insertPhaseChange(db, patientID: patientID, change)
        }
    }

    public func setOverrides(patientID: Int64, _ overrides: PlanOverrides) throws {
        let json = try RecordJSON.overrides(overrides)
        try queue.write { db in
            try Store.requirePlan(db, patientID: patientID)
            try db.execute(
                sql: "UPDATE assignment SET overrides = ? WHERE patient_id = ?",
                arguments: [json, patientID])
        }
    }

    // MARK: - Log

    public func history(patientID: Int64) throws -> History {
        try read(patient: patientID) { db in
            return try Store.fetchHistory(db, patientID: patientID, range: nil)
        }
    }

    /// Sessions, morning checks and clearings dated `from` through `through`, both included.
    public func history(patientID: Int64, from: Day, through: Day) throws -> History {
        try read(patient: patientID) { db in
            return try Store.fetchHistory(db, patientID: patientID, range: (from, through))
        }
    }

    /// Stores a new session (its `id` is ignored) and returns the id it got.
    @discardableResult
    public func addSession(patientID: Int64, _ session: Session) throws -> Int64 {
        try RecordCheck.session(session)
        return try write(patient: patientID) { db in
            return try Store.insertSession(db, patientID: patientID, session)
        }
    }

    /// Replaces the stored session with the same id.
    public func updateSession(patientID: Int64, _ session: Session) throws {
        guard let id = session.id else { throw RehabCore.RecordError.unknownSession(nil) }
        try RecordCheck.session(session)
        try write(patient: patientID) { db in
            try db.execute(
                sql: """
                    UPDATE session SET date = ?, activity = ?, km = ?, minutes = ?,
                        pain_during = ?, pain_after = ?, lasted_over_2h = ?, flags = ?, shoe = ?,
                        note = ?, calf_raises = ?, hop_test = ?, start_time = ?
                    WHERE id = ? AND patient_id = ?
                    """,
                arguments: Store.sessionValues(session) + [id, patientID])
            guard db.changesCount == 1 else { throw RehabCore.RecordError.unknownSession(id) }
        }
    }

    public func deleteSession(patientID: Int64, id: Int64) throws {
        try write(patient: patientID) { db in
            try db.execute(
                sql: "DELETE FROM session WHERE id = ? AND patient_id = ?",
                arguments: [id, patientID])
            guard db.changesCount == 1 else { throw RehabCore.RecordError.unknownSession(id) }
        }
    }

    /// One morning check per date: a second one for the same date replaces the first.
    /// Returns true when it replaced one.
    @discardableResult
    public func setMorningCheck(patientID: Int64, _ check: MorningCheck) throws -> Bool {
        try RecordCheck.morning(check)
        return try write(patient: patientID) { db in
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
                arguments: [
                    patientID, check.date.iso, check.pain, try RecordJSON.flags(check.flags),
                ])
            return existed
        }
    }

    /// Removes the morning check of that date, if there is one.
    public func deleteMorningCheck(patientID: Int64, date: Day) throws {
        try write(patient: patientID) { db in
            try db.execute(
                sql: "DELETE FROM morning_check WHERE patient_id = ? AND date = ?",
                arguments: [patientID, date.iso])
        }
    }

    public func addClearing(patientID: Int64, _ clearing: FlagClearing) throws {
        try RecordCheck.clearing(clearing)
        try write(patient: patientID) { db in
            try Store.insertClearing(db, patientID: patientID, clearing)
        }
    }

    // MARK: - Shoes

    public func shoes(patientID: Int64) throws -> [Shoe] {
        try read(patient: patientID) { db in
            return try Store.fetchShoes(db, patientID: patientID)
        }
    }

    public func addShoe(patientID: Int64, _ shoe: Shoe) throws {
        let shoe = try RecordCheck.shoe(shoe)
        try write(patient: patientID) { db in
            try Store.insertShoe(db, patientID: patientID, shoe)
        }
    }

    /// Running km by shoe name as logged; read from the index `session_run_shoe` alone.
    static let runKmByShoeSQL =
        "SELECT shoe, sum(km) AS km FROM session WHERE patient_id = ?"
        + " AND activity = 'run' AND shoe IS NOT NULL GROUP BY shoe"

    /// Kilometres on each shoe: its start km plus every run logged with it (names match
    /// without regard to case, as shoe names are unique that way).
    public func shoeKm(patientID: Int64) throws -> [String: Double] {
        try read(patient: patientID) { db in
            // Names match ignoring case for every letter (SQLite's NOCASE knows only A-Z), as
            // `ShoeWear.km` matches them, so the store and the screens agree on "École".
            var logged: [String: Double] = [:]
            for row in try Row.fetchAll(db, sql: Store.runKmByShoeSQL, arguments: [patientID]) {
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

    /// Makes room for a new plan: refuses (`planAlreadyStarted`) when the patient has one and
    /// `replacing` is not given, else drops the old plan, its phase history and any plan file.
    static func clearPlan(_ db: Database, patientID: Int64, replacing: Bool) throws {
        let name = try patientName(db, id: patientID)
        if try fetchAssignment(db, patientID: patientID) != nil {
            guard replacing else { throw StoreError.planAlreadyStarted(patient: name) }
            try db.execute(
                sql: "DELETE FROM assignment WHERE patient_id = ?", arguments: [patientID])
            try db.execute(
                sql: "DELETE FROM phase_change WHERE patient_id = ?", arguments: [patientID])
        }
        try db.execute(sql: "DELETE FROM plan_file WHERE patient_id = ?", arguments: [patientID])
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
            // The reason before the date: a row wrong in both is refused for its reason.
            let reason: PhaseChangeReason = try StoredColumn.named(
                row["reason"], column: "phase_change.reason")
            return PhaseChange(
                phase: row["phase_id"],
                date: try StoredColumn.day(row["date"], column: "phase_change.date"),
                reason: reason, note: row["note"])
        }
        return Assignment(
            planID: row["plan_id"], variantID: row["variant_id"],
            startDate: try StoredColumn.day(row["start_date"], column: "assignment.start_date"),
            startingWeeklyKm: row["starting_weekly_km"],
            overrides: try RecordJSON.overrides(json: row["overrides"]),
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
                try RecordJSON.overrides(a.overrides),
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
            s.lastedOver2h, try RecordJSON.flags(s.flags), s.shoe, s.note, s.calfRaises, s.hopTest,
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
            arguments: [
                patientID, c.date.iso, c.reason, try RecordJSON.flags(c.cleared.map(\.token)),
            ])
    }

    static func insertShoe(_ db: Database, patientID: Int64, _ s: Shoe) throws {
        // Case is ignored for every letter, not only A-Z as the column's NOCASE does.
        if try fetchShoes(db, patientID: patientID).contains(where: { Naming.same($0.name, s.name) }
        ) {
            throw RehabCore.RecordError.duplicateShoe(s.name)
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

    /// The columns `session(from:_:)` reads (in any order: it finds them by name).
    static let sessionColumns =
        "id, date, activity, km, minutes, pain_during, pain_after, lasted_over_2h, flags, shoe,"
        + " note, calf_raises, hop_test, start_time"

    /// The position of a named column in a statement's rows. A query that lacks it is a
    /// mistake in this module, said plainly rather than read as another column's value.
    static func column(_ name: String, in statement: Statement) throws -> Int {
        guard let index = statement.index(ofColumn: name) else {
            throw StoreError.importFailed(StoragePhrase.notAColumn(name, of: statement.sql))
        }
        return index
    }

    /// Where a session's columns stand in one statement's rows, looked up by name once per
    /// statement: rows are read by column name, without searching the names for every value
    /// (which cost more than the rest of decoding a long history).
    struct SessionColumns {
        let id, date, activity, km, minutes, painDuring, painAfter, lastedOver2h: Int
        let flags, shoe, note, calfRaises, hopTest, startTime: Int

        init(_ statement: Statement) throws {
            func at(_ name: String) throws -> Int { try Store.column(name, in: statement) }
            id = try at("id")
            date = try at("date")
            activity = try at("activity")
            km = try at("km")
            minutes = try at("minutes")
            painDuring = try at("pain_during")
            painAfter = try at("pain_after")
            lastedOver2h = try at("lasted_over_2h")
            flags = try at("flags")
            shoe = try at("shoe")
            note = try at("note")
            calfRaises = try at("calf_raises")
            hopTest = try at("hop_test")
            startTime = try at("start_time")
        }
    }

    /// Where a morning check's `date, pain, flags` stand in one statement's rows.
    struct MorningColumns {
        let date, pain, flags: Int

        init(_ statement: Statement) throws {
            date = try Store.column("date", in: statement)
            pain = try Store.column("pain", in: statement)
            flags = try Store.column("flags", in: statement)
        }
    }

    static func session(from row: Row, _ c: SessionColumns) throws -> Session {
        let activity: Activity = try StoredColumn.named(row[c.activity], column: "session.activity")
        return Session(
            id: row[c.id], date: try StoredColumn.day(row[c.date], column: "session.date"),
            activity: activity, km: row[c.km], minutes: row[c.minutes],
            painDuring: row[c.painDuring], painAfter: row[c.painAfter],
            lastedOver2h: row[c.lastedOver2h], flags: try RecordJSON.flags(json: row[c.flags]),
            shoe: row[c.shoe], note: row[c.note], calfRaises: row[c.calfRaises],
            hopTest: row[c.hopTest], startTime: row[c.startTime])
    }

    static func morning(from row: Row, _ c: MorningColumns) throws -> MorningCheck {
        MorningCheck(
            date: try StoredColumn.day(row[c.date], column: "morning_check.date"),
            pain: row[c.pain],
            flags: try RecordJSON.flags(json: row[c.flags]))
    }

    /// Every session a statement returns, read by column name, decoded straight from a cursor
    /// (no copy of every row on the way).
    static func sessions(_ statement: Statement, _ arguments: StatementArguments) throws
        -> [Session]
    {
        let columns = try SessionColumns(statement)
        return try Array(
            Row.fetchCursor(statement, arguments: arguments).map { try session(from: $0, columns) })
    }

    /// Every morning check a statement returns, read by column name, from a cursor.
    static func mornings(_ statement: Statement, _ arguments: StatementArguments) throws
        -> [MorningCheck]
    {
        let columns = try MorningColumns(statement)
        return try Array(
            Row.fetchCursor(statement, arguments: arguments).map { try morning(from: $0, columns) })
    }

    static func fetchHistory(_ db: Database, patientID: Int64, range: (Day, Day)?) throws
        -> History
    {
        let filter = range == nil ? "" : " AND date BETWEEN ? AND ?"
        var arguments: StatementArguments = [patientID]
        if let (from, through) = range { arguments += [from.iso, through.iso] }
        let sessions = try Store.sessions(
            db.cachedStatement(
                sql: "SELECT \(sessionColumns) FROM session WHERE patient_id = ?\(filter)"
                    + " ORDER BY date, id"),
            arguments)
        let mornings = try Store.mornings(
            db.cachedStatement(
                sql: "SELECT date, pain, flags FROM morning_check WHERE patient_id = ?\(filter)"
                    + " ORDER BY date"),
            arguments)
        let clearings = try Row.fetchAll(
            db,
            sql: "SELECT date, reason, cleared FROM flag_clearing WHERE patient_id = ?\(filter)"
                + " ORDER BY date, id",
            arguments: arguments
        ).map { row in
            FlagClearing(
                date: try StoredColumn.day(row["date"], column: "flag_clearing.date"),
                reason: row["reason"],
                cleared: try RecordJSON.reports(json: row["cleared"]))
        }
        return History(sessions: sessions, mornings: mornings, clearings: clearings)
    }
}
