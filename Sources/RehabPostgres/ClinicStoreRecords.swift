import Foundation
import PostgresNIO
import RehabCore
import RehabFiles
import RehabStorage

// The plan assignment, the log, shoes, runs, measures and notes of one patient: the SQLite
// store's statements in PostgreSQL's words (dates as ISO text, numbers as float8, lists as
// jsonb), with the same checks before any row is written.
extension ClinicStore {
    // MARK: - Plan

    public func assignment(patientID: Int64) throws -> Assignment? {
        try reading(patientID) { t in try Self.fetchAssignment(t, patientID: patientID) }
    }

    public func startPlan(patientID: Int64, _ assignment: Assignment, replacing: Bool) throws {
        try RecordCheck.assignment(assignment)
        try writing(patientID) { t in
            try Self.clearPlan(t, patientID: patientID, replacing: replacing)
            try Self.insertAssignment(t, patientID: patientID, assignment)
        }
    }

    public func startPlan(
        patientID: Int64, _ assignment: Assignment, planFile: StoredPlanFile, replacing: Bool
    ) throws {
        try RecordCheck.assignment(assignment)
        try RecordCheck.planFile(planFile, for: assignment)
        try writing(patientID) { t in
            try Self.clearPlan(t, patientID: patientID, replacing: replacing)
            try Self.insertPlanFile(t, patientID: patientID, planFile)
            try Self.insertAssignment(t, patientID: patientID, assignment)
        }
    }

    public func planFile(patientID: Int64) throws -> StoredPlanFile? {
        try reading(patientID) { t in try Self.fetchPlanFile(t, patientID: patientID) }
    }

    public func addPhaseChange(patientID: Int64, _ change: PhaseChange) throws {
        try RecordCheck.phaseChange(change)
        try writing(patientID) { t in
            try Self.requirePlan(t, patientID: patientID)
            try Self.insertPhaseChange(t, patientID: patientID, change)
        }
    }

    public func setOverrides(patientID: Int64, _ overrides: PlanOverrides) throws {
        let json = try RecordJSON.overrides(overrides)
        try writing(patientID) { t in
            try Self.requirePlan(t, patientID: patientID)
            try t.execute(
                """
                UPDATE rehab.assignment SET overrides = \(json)::jsonb
                WHERE patient_id = \(patientID)
                """)
        }
    }

    static func clearPlan(_ t: Transaction, patientID: Int64, replacing: Bool) throws {
        let name = try t.patientName(patientID)
        if try fetchAssignment(t, patientID: patientID) != nil {
            guard replacing else { throw StoreError.planAlreadyStarted(patient: name) }
            try t.execute("DELETE FROM rehab.assignment WHERE patient_id = \(patientID)")
            try t.execute("DELETE FROM rehab.phase_change WHERE patient_id = \(patientID)")
        }
        try t.execute("DELETE FROM rehab.plan_file WHERE patient_id = \(patientID)")
    }

    static func requirePlan(_ t: Transaction, patientID: Int64) throws {
        let name = try t.patientName(patientID)
        guard
            !(try t.rows("SELECT 1 AS one FROM rehab.assignment WHERE patient_id = \(patientID)")
                .isEmpty)
        else { throw StoreError.noPlan(patient: name) }
    }

    static func fetchAssignment(_ t: Transaction, patientID: Int64) throws -> Assignment? {
        guard
            let row = try t.rows(
                """
                SELECT plan_id, variant_id, start_date::text AS start_date,
                    starting_weekly_km::float8 AS starting_weekly_km, overrides::text AS overrides
                FROM rehab.assignment WHERE patient_id = \(patientID)
                """
            ).first
        else { return nil }
        let changes = try t.rows(
            """
            SELECT phase_id, date::text AS date, reason, note FROM rehab.phase_change
            WHERE patient_id = \(patientID) ORDER BY date, id
            """
        ).map(phaseChange(from:))
        return try assignment(from: row, history: changes)
    }

    static func assignment(from row: ClinicRow, history: [PhaseChange]) throws
        -> Assignment
    {
        Assignment(
            planID: try row.value("plan_id", String.self),
            variantID: try row.value("variant_id", String?.self),
            startDate: try row.day("start_date", table: "assignment"),
            startingWeeklyKm: try row.value("starting_weekly_km", Double?.self),
            overrides: try RecordJSON.overrides(json: row.value("overrides", String.self)),
            phaseHistory: history)
    }

    static func phaseChange(from row: ClinicRow) throws -> PhaseChange {
        let reason: PhaseChangeReason = try row.named("reason", table: "phase_change")
        return PhaseChange(
            phase: try row.value("phase_id", String.self),
            date: try row.day("date", table: "phase_change"), reason: reason,
            note: try row.value("note", String?.self))
    }

    static func insertAssignment(_ t: Transaction, patientID: Int64, _ a: Assignment) throws {
        let overrides = try RecordJSON.overrides(a.overrides)
        try t.execute(
            """
            INSERT INTO rehab.assignment
                (patient_id, plan_id, variant_id, start_date, starting_weekly_km, overrides)
            VALUES (\(patientID), \(a.planID), \(a.variantID), \(a.startDate.iso)::date,
                \(a.startingWeeklyKm)::numeric, \(overrides)::jsonb)
            """)
        for change in a.phaseHistory {
            try insertPhaseChange(t, patientID: patientID, change)
        }
    }

    static func insertPhaseChange(_ t: Transaction, patientID: Int64, _ c: PhaseChange) throws {
        try t.execute(
            """
            INSERT INTO rehab.phase_change (patient_id, phase_id, date, reason, note)
            VALUES (\(patientID), \(c.phase), \(c.date.iso)::date, \(c.reason.rawValue), \(c.note))
            """)
    }

    static func fetchPlanFile(_ t: Transaction, patientID: Int64) throws -> StoredPlanFile? {
        try t.rows("SELECT plan_id, yaml FROM rehab.plan_file WHERE patient_id = \(patientID)")
            .first.map {
                StoredPlanFile(
                    planID: try $0.value("plan_id", String.self),
                    yaml: try $0.value("yaml", String.self))
            }
    }

    static func insertPlanFile(_ t: Transaction, patientID: Int64, _ f: StoredPlanFile) throws {
        try t.execute(
            """
            INSERT INTO rehab.plan_file (patient_id, plan_id, yaml)
            VALUES (\(patientID), \(f.planID), \(f.yaml))
            """)
    }

    // MARK: - Log

    /// The columns `session(from:_:)` reads, by name (`SessionPlaces`).
    static let sessionColumns = """
        id, date::text AS date, activity, km::float8 AS km, minutes, pain_during, pain_after,
        lasted_over_2h, flags::text AS flags, shoe, note, calf_raises, hop_test,
        to_char(start_time AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS start_time
        """

    /// Where `sessionColumns` stand in a result: looked up by name once, for all its rows.
    struct SessionPlaces {
        let id, date, activity, km, minutes, painDuring, painAfter, lastedOver2h, flags: Int
        let shoe, note, calfRaises, hopTest, startTime: Int

        init(_ columns: ClinicRow.Columns) throws {
            id = try columns.place(of: "id")
            date = try columns.place(of: "date")
            activity = try columns.place(of: "activity")
            km = try columns.place(of: "km")
            minutes = try columns.place(of: "minutes")
            painDuring = try columns.place(of: "pain_during")
            painAfter = try columns.place(of: "pain_after")
            lastedOver2h = try columns.place(of: "lasted_over_2h")
            flags = try columns.place(of: "flags")
            shoe = try columns.place(of: "shoe")
            note = try columns.place(of: "note")
            calfRaises = try columns.place(of: "calf_raises")
            hopTest = try columns.place(of: "hop_test")
            startTime = try columns.place(of: "start_time")
        }
    }

    /// Where a morning check's columns stand in a result.
    struct MorningPlaces {
        let date, pain, flags: Int

        init(_ columns: ClinicRow.Columns) throws {
            date = try columns.place(of: "date")
            pain = try columns.place(of: "pain")
            flags = try columns.place(of: "flags")
        }
    }

    static func session(from row: ClinicRow, _ p: SessionPlaces) throws -> Session {
        Session(
            id: try row.value(at: p.id, Int64.self),
            date: try row.day(at: p.date, table: "session"),
            activity: try row.named(at: p.activity, table: "session"),
            km: try row.value(at: p.km, Double?.self),
            minutes: try row.value(at: p.minutes, Int.self),
            painDuring: try row.value(at: p.painDuring, Int.self),
            painAfter: try row.value(at: p.painAfter, Int.self),
            lastedOver2h: try row.value(at: p.lastedOver2h, Bool.self),
            flags: try RecordJSON.flags(json: row.value(at: p.flags, String.self)),
            shoe: try row.value(at: p.shoe, String?.self),
            note: try row.value(at: p.note, String.self),
            calfRaises: try row.value(at: p.calfRaises, Int?.self),
            hopTest: try row.value(at: p.hopTest, Int?.self),
            startTime: try row.value(at: p.startTime, String?.self))
    }

    static func morning(from row: ClinicRow, _ p: MorningPlaces) throws -> MorningCheck {
        MorningCheck(
            date: try row.day(at: p.date, table: "morning_check"),
            pain: try row.value(at: p.pain, Int.self),
            flags: try RecordJSON.flags(json: row.value(at: p.flags, String.self)))
    }

    /// Every row of a result as a session, its columns looked up once.
    static func sessions(_ rows: [ClinicRow]) throws -> [Session] {
        guard let first = rows.first else { return [] }
        let places = try SessionPlaces(first.columns)
        return try rows.map { try session(from: $0, places) }
    }

    /// Every row of a result as a morning check, its columns looked up once.
    static func mornings(_ rows: [ClinicRow]) throws -> [MorningCheck] {
        guard let first = rows.first else { return [] }
        let places = try MorningPlaces(first.columns)
        return try rows.map { try morning(from: $0, places) }
    }

    static func clearing(from row: ClinicRow) throws -> FlagClearing {
        FlagClearing(
            date: try row.day("date", table: "flag_clearing"),
            reason: try row.value("reason", String.self),
            cleared: try RecordJSON.reports(json: row.value("cleared", String.self)))
    }

    public func history(patientID: Int64) throws -> History {
        try reading(patientID, snapshot: true) { t in
            try Self.fetchHistory(t, patientID: patientID, from: nil, through: nil)
        }
    }

    public func history(patientID: Int64, from: Day, through: Day) throws -> History {
        try reading(patientID, snapshot: true) { t in
            try Self.fetchHistory(t, patientID: patientID, from: from, through: through)
        }
    }

    /// NULL bounds read everything.
    static func fetchHistory(_ t: Transaction, patientID: Int64, from: Day?, through: Day?)
        throws -> History
    {
        // Open ends as dates no log reaches.
        let first = from?.iso ?? "0001-01-01"
        let last = through?.iso ?? "9999-12-31"
        let sessions = try Self.sessions(
            t.rows(
                """
                SELECT \(unescaped: sessionColumns) FROM rehab.session
                WHERE patient_id = \(patientID)
                    AND date BETWEEN \(first)::date AND \(last)::date ORDER BY date, id
                """))
        let mornings = try Self.mornings(
            t.rows(
                """
                SELECT date::text AS date, pain, flags::text AS flags FROM rehab.morning_check
                WHERE patient_id = \(patientID)
                    AND date BETWEEN \(first)::date AND \(last)::date
                ORDER BY date
                """))
        let clearings = try t.rows(
            """
            SELECT date::text AS date, reason, cleared::text AS cleared FROM rehab.flag_clearing
            WHERE patient_id = \(patientID) AND date BETWEEN \(first)::date AND \(last)::date
            ORDER BY date, id
            """
        ).map(clearing(from:))
        return History(sessions: sessions, mornings: mornings, clearings: clearings)
    }

    /// As the SQLite store reads it (`Store.history(patientID:window:)`): from the first day
    /// the engine reads on (back to where older worse responses are surely resolved,
    /// `settledSQL`), and of the older rows only those with a red flag.
    /// One statement, so one moment without a transaction and one round trip: the first day
    /// is worked out in its `WITH` clause, and the three tables' rows come back together,
    /// each marked with its `kind` and read by column name as the other reads read them.
    public func history(patientID: Int64, window: JudgingWindow) throws -> History {
        let (from, lookBack) = (window.from, window.lookBack)
        return try reading(patientID) { t in
            let rows = try t.rows(
                """
                WITH RECURSIVE latest AS (
                    SELECT date FROM rehab.session WHERE patient_id = \(patientID)
                        AND date <= \(from.adding(days: lookBack).iso)::date
                    ORDER BY date DESC LIMIT 1),
                first AS (
                    SELECT LEAST(\(from.iso)::date,
                        COALESCE((SELECT date - \(lookBack)::int FROM latest), \(from.iso)::date))
                        AS day),
                baseline AS (
                    SELECT date FROM rehab.morning_check WHERE patient_id = \(patientID)
                        AND date <= (SELECT day FROM first) ORDER BY date DESC LIMIT 1),
                widened AS (
                    SELECT LEAST((SELECT day FROM first),
                        COALESCE((SELECT date FROM baseline), (SELECT day FROM first))) AS day),
                w AS (
                    SELECT \(patientID)::bigint AS pid, (SELECT day FROM widened) AS first,
                        \(from.adding(days: lookBack).iso)::date AS judged,
                        \(window.morningSafeMax)::int AS safe),
                \(unescaped: Self.settledSQL),
                since AS (
                    SELECT LEAST((SELECT day FROM widened), (SELECT day FROM settled)) AS day)
                SELECT 'session' AS kind, \(unescaped: Self.sessionColumns),
                    NULL::integer AS pain, NULL::text AS reason, NULL::text AS cleared
                FROM rehab.session AS session
                WHERE patient_id = \(patientID) AND date >= (SELECT day FROM since)
                UNION ALL
                SELECT 'session', \(unescaped: Self.sessionColumns), NULL, NULL, NULL
                FROM rehab.session AS session
                WHERE patient_id = \(patientID) AND date < (SELECT day FROM since)
                    AND flags <> '[]'
                UNION ALL
                SELECT 'morning', \(unescaped: Self.noSession("flags::text")), pain, NULL, NULL
                FROM rehab.morning_check
                WHERE patient_id = \(patientID) AND date >= (SELECT day FROM since)
                UNION ALL
                SELECT 'morning', \(unescaped: Self.noSession("flags::text")), pain, NULL, NULL
                FROM rehab.morning_check
                WHERE patient_id = \(patientID) AND date < (SELECT day FROM since)
                    AND flags <> '[]'
                UNION ALL
                SELECT 'clearing', \(unescaped: Self.noSession("NULL")), NULL, reason,
                    cleared::text
                FROM rehab.flag_clearing WHERE patient_id = \(patientID)
                ORDER BY kind, date, id
                """)
            // Older rows only for their red flags ('[]' is how none is stored): two index
            // ranges each, as the roster reads them (see `windows`).
            var history = History()
            guard let columns = rows.first?.columns else { return history }
            let kind = try columns.place(of: "kind")
            let (session, morning) = try (SessionPlaces(columns), MorningPlaces(columns))
            for row in rows {
                switch try row.value(at: kind, String.self) {
                case "session": history.sessions.append(try Self.session(from: row, session))
                case "morning": history.mornings.append(try Self.morning(from: row, morning))
                default: history.clearings.append(try Self.clearing(from: row))
                }
            }
            return history
        }
    }

    /// `sessionColumns`' places for a row of another table: its date, the given flags, and
    /// NULL for the rest.
    static func noSession(_ flags: String) -> String {
        "NULL, date::text, NULL, NULL, NULL, NULL, NULL, NULL, \(flags), NULL, NULL, NULL, "
            + "NULL, NULL"
    }

    @discardableResult
    public func addSession(patientID: Int64, _ session: Session) throws -> Int64 {
        try RecordCheck.session(session)
        return try writing(patientID) { t in
            try Self.insertSession(t, patientID: patientID, session)
        }
    }

    public func updateSession(patientID: Int64, _ session: Session) throws {
        guard let id = session.id else { throw RecordError.unknownSession(nil) }
        try RecordCheck.session(session)
        let s = session
        let flags = try RecordJSON.flags(s.flags)
        try writing(patientID) { t in
            let changed = try t.execute(
                """
                UPDATE rehab.session SET date = \(s.date.iso)::date, activity = \(s.activity.rawValue),
                    km = \(s.km)::numeric, minutes = \(s.minutes), pain_during = \(s.painDuring),
                    pain_after = \(s.painAfter), lasted_over_2h = \(s.lastedOver2h),
                    flags = \(flags)::jsonb, shoe = \(s.shoe), note = \(s.note),
                    calf_raises = \(s.calfRaises), hop_test = \(s.hopTest),
                    start_time = \(s.startTime)::timestamptz
                WHERE id = \(id) AND patient_id = \(patientID)
                """)
            guard changed == 1 else { throw RecordError.unknownSession(id) }
        }
    }

    public func deleteSession(patientID: Int64, id: Int64) throws {
        try writing(patientID) { t in
            let deleted = try t.execute(
                """
                DELETE FROM rehab.session WHERE id = \(id) AND patient_id = \(patientID)
                """)
            guard deleted == 1 else { throw RecordError.unknownSession(id) }
        }
    }

    static func insertSession(_ t: Transaction, patientID: Int64, _ s: Session) throws -> Int64 {
        let flags = try RecordJSON.flags(s.flags)
        return try t.rows(
            """
            INSERT INTO rehab.session (patient_id, date, activity, km, minutes, pain_during,
                pain_after, lasted_over_2h, flags, shoe, note, calf_raises, hop_test,
                start_time)
            VALUES (\(patientID), \(s.date.iso)::date, \(s.activity.rawValue),
                \(s.km)::numeric, \(s.minutes), \(s.painDuring), \(s.painAfter),
                \(s.lastedOver2h), \(flags)::jsonb, \(s.shoe), \(s.note), \(s.calfRaises),
                \(s.hopTest), \(s.startTime)::timestamptz)
            RETURNING id
            """
        ).returnedID()
    }

    @discardableResult
    public func setMorningCheck(patientID: Int64, _ check: MorningCheck) throws -> Bool {
        try RecordCheck.morning(check)
        let flags = try RecordJSON.flags(check.flags)
        return try writing(patientID) { t in
            let existed = try !t.rows(
                """
                SELECT 1 AS one FROM rehab.morning_check
                WHERE patient_id = \(patientID) AND date = \(check.date.iso)::date
                """
            ).isEmpty
            try t.execute(
                """
                INSERT INTO rehab.morning_check (patient_id, date, pain, flags)
                VALUES (\(patientID), \(check.date.iso)::date, \(check.pain), \(flags)::jsonb)
                ON CONFLICT (patient_id, date)
                DO UPDATE SET pain = excluded.pain, flags = excluded.flags
                """)
            return existed
        }
    }

    public func deleteMorningCheck(patientID: Int64, date: Day) throws {
        try writing(patientID) { t in
            try t.execute(
                """
                DELETE FROM rehab.morning_check
                WHERE patient_id = \(patientID) AND date = \(date.iso)::date
                """)
        }
    }

    public func addClearing(patientID: Int64, _ clearing: FlagClearing) throws {
        try RecordCheck.clearing(clearing)
        try writing(patientID) { t in
            try Self.insertClearing(t, patientID: patientID, clearing)
        }
    }

    static func insertClearing(_ t: Transaction, patientID: Int64, _ c: FlagClearing) throws {
        let cleared = try RecordJSON.flags(c.cleared.map(\.token))
        try t.execute(
            """
            INSERT INTO rehab.flag_clearing (patient_id, date, reason, cleared)
            VALUES (\(patientID), \(c.date.iso)::date, \(c.reason), \(cleared)::jsonb)
            """)
    }

    static func insertMorning(_ t: Transaction, patientID: Int64, _ m: MorningCheck) throws {
        let flags = try RecordJSON.flags(m.flags)
        try t.execute(
            """
            INSERT INTO rehab.morning_check (patient_id, date, pain, flags)
            VALUES (\(patientID), \(m.date.iso)::date, \(m.pain), \(flags)::jsonb)
            """)
    }

    // MARK: - Shoes and imported runs

    public func shoes(patientID: Int64) throws -> [Shoe] {
        try reading(patientID) { t in try Self.fetchShoes(t, patientID: patientID) }
    }

    static func fetchShoes(_ t: Transaction, patientID: Int64) throws -> [Shoe] {
        try t.rows(
            """
            SELECT name, start_km, retire_km FROM rehab.shoe WHERE patient_id = \(patientID)
            ORDER BY id
            """
        ).map {
            Shoe(
                name: try $0.value("name", String.self),
                startKm: try $0.value("start_km", Double.self),
                retireKm: try $0.value("retire_km", Double.self))
        }
    }

    public func addShoe(patientID: Int64, _ shoe: Shoe) throws {
        let shoe = try RecordCheck.shoe(shoe)
        try writing(patientID) { t in try Self.insertShoe(t, patientID: patientID, shoe) }
    }

    static func insertShoe(_ t: Transaction, patientID: Int64, _ s: Shoe) throws {
        // Case ignored for every letter, as `Naming` compares (the index folds with lower()).
        if try fetchShoes(t, patientID: patientID).contains(where: { Naming.same($0.name, s.name) })
        {
            throw RecordError.duplicateShoe(s.name)
        }
        try t.execute(
            """
            INSERT INTO rehab.shoe (patient_id, name, start_km, retire_km)
            VALUES (\(patientID), \(s.name), \(s.startKm), \(s.retireKm))
            """)
    }

    public func shoeKm(patientID: Int64) throws -> [String: Double] {
        // One statement, so one moment and one round trip: the shoes (with their start km)
        // and the km run per shoe name as logged, summed here by name ignoring case as
        // `Naming` compares (the server's lower() may fold fewer letters).
        try reading(patientID) { t in
            var shoes: [(name: String, startKm: Double)] = []
            var logged: [String: Double] = [:]
            for row in try t.rows(
                """
                SELECT true AS shoe_row, id, name, start_km::float8 AS km FROM rehab.shoe
                WHERE patient_id = \(patientID)
                UNION ALL
                SELECT false, NULL, shoe, sum(km)::float8 FROM rehab.session
                WHERE patient_id = \(patientID) AND activity = 'run' AND shoe IS NOT NULL
                GROUP BY shoe
                """)
            {
                let name = try row.value("name", String.self)
                let km = try row.value("km", Double?.self) ?? 0
                if try row.value("shoe_row", Bool.self) {
                    shoes.append((name, km))
                } else {
                    logged[name.lowercased(), default: 0] += km
                }
            }
            var result: [String: Double] = [:]
            for shoe in shoes {
                let km = shoe.startKm + (logged[shoe.name.lowercased()] ?? 0)
                result[shoe.name] = (km * 100).rounded() / 100
            }
            return result
        }
    }

    public func importRuns(patientID: Int64, _ runs: [ImportedRun], newShoe: Shoe?) throws
        -> RunImportResult
    {
        for run in runs { try RecordCheck.session(run.session) }
        let shoe = try newShoe.map(RecordCheck.shoe)
        return try writing(patientID) { t in
            if let shoe { try Self.insertShoe(t, patientID: patientID, shoe) }
            let known = Set(try Self.startTimes(t, patientID: patientID).values)
            let new = ImportedRun.newSessions(runs, known: known)
            for session in new.sessions {
                _ = try Self.insertSession(t, patientID: patientID, session)
            }
            return RunImportResult(added: new.sessions.count, duplicates: new.duplicates)
        }
    }

    public func runStartTimes(patientID: Int64) throws -> [Int64: String] {
        try reading(patientID) { t in try Self.startTimes(t, patientID: patientID) }
    }

    static func startTimes(_ t: Transaction, patientID: Int64) throws -> [Int64: String] {
        var result: [Int64: String] = [:]
        for row in try t.rows(
            """
            SELECT id, to_char(start_time AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
                AS start_time
            FROM rehab.session WHERE patient_id = \(patientID) AND start_time IS NOT NULL
            """)
        {
            result[try row.value("id", Int64.self)] = try row.value("start_time", String.self)
        }
        return result
    }

    // MARK: - Outcome measures and clinical notes

    public func measurements(patientID: Int64) throws -> [MeasureRecord] {
        try reading(patientID) { t in try Self.fetchMeasurements(t, patientID: patientID) }
    }

    /// Checked against its scale and the patient's earlier answers as read in the same
    /// transaction; nothing stored if refused.
    @discardableResult
    public func addMeasurement(patientID: Int64, _ measurement: MeasureRecord) throws -> Int64 {
        try writing(patientID) { t in
            let earlier = try Self.fetchMeasurements(t, patientID: patientID).filter {
                $0.date <= measurement.date
            }
            let checked = try RecordCheck.measurement(measurement, earlier: earlier)
            return try Self.insertMeasurement(t, patientID: patientID, checked)
        }
    }

    public func deleteMeasurement(patientID: Int64, id: Int64) throws {
        try writing(patientID) { t in
            try t.execute(
                """
                DELETE FROM rehab.measurement WHERE id = \(id) AND patient_id = \(patientID)
                """)
        }
    }

    public func notes(patientID: Int64) throws -> [ClinicalNote] {
        try reading(patientID) { t in try Self.fetchNotes(t, patientID: patientID) }
    }

    @discardableResult
    public func addNote(patientID: Int64, _ note: ClinicalNote) throws -> Int64 {
        try RecordCheck.note(note)
        return try writing(patientID) { t in
            try Self.insertNote(t, patientID: patientID, note)
        }
    }

    static func fetchMeasurements(_ t: Transaction, patientID: Int64) throws -> [MeasureRecord] {
        try t.rows(
            """
            SELECT id, date::text AS date, instrument, answers::text AS answers
            FROM rehab.measurement WHERE patient_id = \(patientID) ORDER BY date, id
            """
        ).map(measurement(from:))
    }

    static func measurement(from row: ClinicRow) throws -> MeasureRecord {
        MeasureRecord(
            id: try row.value("id", Int64.self), date: try row.day("date", table: "measurement"),
            instrument: try row.value("instrument", String.self),
            answers: try RecordJSON.answers(json: row.value("answers", String.self)))
    }

    static func insertMeasurement(_ t: Transaction, patientID: Int64, _ m: MeasureRecord) throws
        -> Int64
    {
        let answers = RecordJSON.answers(m.answers)
        return try t.rows(
            """
            INSERT INTO rehab.measurement (patient_id, date, instrument, answers)
            VALUES (\(patientID), \(m.date.iso)::date, \(m.instrument), \(answers)::jsonb)
            RETURNING id
            """
        ).returnedID()
    }

    static func fetchNotes(_ t: Transaction, patientID: Int64) throws -> [ClinicalNote] {
        try t.rows(
            """
            SELECT id, date::text AS date, text FROM rehab.clinical_note
            WHERE patient_id = \(patientID) ORDER BY date, id
            """
        ).map { row in
            ClinicalNote(
                id: try row.value("id", Int64.self),
                date: try row.day("date", table: "clinical_note"),
                text: try row.value("text", String.self))
        }
    }

    static func insertNote(_ t: Transaction, patientID: Int64, _ n: ClinicalNote) throws -> Int64 {
        try t.rows(
            """
            INSERT INTO rehab.clinical_note (patient_id, date, text)
            VALUES (\(patientID), \(n.date.iso)::date, \(n.text)) RETURNING id
            """
        ).returnedID()
    }
}

extension Array where Element == ClinicRow {
    /// The id an INSERT … RETURNING id gave; a statement that returned none is a mistake
    /// said plainly, not a made-up id.
    func returnedID() throws -> Int64 {
        guard let row = first else {
            throw StoreError.importFailed(StoragePhrase.noIDReturned())
        }
        return try row.value("id", Int64.self)
    }
}
