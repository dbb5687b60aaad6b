import Foundation
import PostgresNIO
import RehabCore
import RehabFiles
import RehabStorage

// The patient list, export and import on the clinic database: what the login sees, read at
// one moment; imports in one transaction, checked as the SQLite store checks them.
extension ClinicStore {
    /// Every patient the login sees with their assignment, plan file and log, in one
    /// REPEATABLE READ transaction and about ten statements however many patients there are
    /// (each patient's rows exactly as the one-patient calls read them); each patient's record
    /// is logged as viewed.
    public func roster(
        includeArchived: Bool, today: Day, window: (RosterEntry) -> JudgingWindow?
    ) throws -> [(entry: RosterEntry, log: RosterLog)] {
        try transaction(snapshot: true) { t in
            let patients = try patients(t, includeArchived: includeArchived)
            let plans = try Self.plans(t, patients.map(\.id))
            var windows: [Int64: JudgingWindow] = [:]
            var others: [Int64] = []
            let entries = patients.map { patient in
                let entry = RosterEntry(
                    patient: patient, assignment: plans.assignments[patient.id],
                    planFile: plans.files[patient.id])
                if entry.assignment != nil, let w = window(entry) {
                    windows[patient.id] = w
                } else {
                    others.append(patient.id)
                }
                return entry
            }
            var histories = try Self.windows(t, windows)
            let lastLogs = try Self.lastLogs(t, others, today: today)
            try t.viewed(patients.map(\.id))
            return entries.map { entry in
                if let history = histories.removeValue(forKey: entry.patient.id) {
                    return (entry, .window(history))
                }
                return (entry, .lastLog(lastLogs[entry.patient.id] ?? nil))
            }
        }
    }

    /// The assignments (with their phase history) and plan files of these patients, by the
    /// patient_id indexes rather than every row the policy lets through.
    static func plans(_ t: Transaction, _ ids: [Int64]) throws
        -> (assignments: [Int64: Assignment], files: [Int64: StoredPlanFile])
    {
        var changes: [Int64: [PhaseChange]] = [:]
        for row in try t.rows(
            """
            SELECT patient_id, phase_id, date::text AS date, reason, note FROM rehab.phase_change
            WHERE patient_id = ANY (\(ids)::bigint[]) ORDER BY patient_id, date, id
            """)
        {
            changes[try row.value("patient_id", Int64.self), default: []].append(
                try phaseChange(from: row))
        }
        var assignments: [Int64: Assignment] = [:]
        for row in try t.rows(
            """
            SELECT patient_id, plan_id, variant_id, start_date::text AS start_date,
                starting_weekly_km::float8 AS starting_weekly_km, overrides::text AS overrides
            FROM rehab.assignment WHERE patient_id = ANY (\(ids)::bigint[])
            """)
        {
            let id = try row.value("patient_id", Int64.self)
            assignments[id] = try assignment(from: row, history: changes[id] ?? [])
        }
        var files: [Int64: StoredPlanFile] = [:]
        for row in try t.rows(
            """
            SELECT patient_id, plan_id, yaml FROM rehab.plan_file
            WHERE patient_id = ANY (\(ids)::bigint[])
            """)
        {
            files[try row.value("patient_id", Int64.self)] = StoredPlanFile(
                planID: try row.value("plan_id", String.self),
                yaml: try row.value("yaml", String.self))
        }
        return (assignments, files)
    }

    /// As `history(patientID:window:)` for every patient in `windows`, with one
    /// statement per step instead of one per step and patient (the newest rows by the index,
    /// as there).
    static func windows(_ t: Transaction, _ windows: [Int64: JudgingWindow]) throws
        -> [Int64: History]
    {
        guard !windows.isEmpty else { return [:] }
        let ids = windows.keys.sorted()
        var first: [Int64: Day] = [:]
        for id in ids { first[id] = windows[id]?.from }
        let judged = ids.map { id in
            windows[id].map { $0.from.adding(days: $0.lookBack).iso } ?? "0001-01-01"
        }
        for (id, latest) in try latestDates(t, in: "session", ids, upto: judged) {
            guard let w = windows[id], let day = first[id] else { continue }
            first[id] = min(day, latest.adding(days: -w.lookBack))
        }
        var firstISO = ids.map { first[$0]?.iso ?? "0001-01-01" }
        for (id, baseline) in try latestDates(t, in: "morning_check", ids, upto: firstISO) {
            guard let day = first[id] else { continue }
            first[id] = min(day, baseline)
        }
        firstISO = ids.map { first[$0]?.iso ?? "0001-01-01" }
        let safe = ids.map { windows[$0]?.morningSafeMax ?? 0 }
        for row in try t.rows(
            """
            WITH RECURSIVE w AS (
                SELECT * FROM unnest(
                    \(ids)::bigint[], \(firstISO)::date[], \(judged)::date[], \(safe)::int[])
                    AS w(pid, first, judged, safe)),
            \(unescaped: settledSQL)
            SELECT pid, day::text AS day FROM settled
            """)
        {
            let id = try row.value("pid", Int64.self)
            guard let day = try row.value("day", String?.self).flatMap(Day.init(iso:)) else {
                continue
            }
            first[id] = min(first[id] ?? day, day)
        }
        firstISO = ids.map { first[$0]?.iso ?? "0001-01-01" }
        let sessions = try fromFirstDay(
            t, "session", columns: sessionColumns, ids, first: firstISO,
            places: SessionPlaces.init, session(from:_:),
            inOrder: { ($0.date, $0.id ?? 0) < ($1.date, $1.id ?? 0) })
        let mornings = try fromFirstDay(
            t, "morning_check", columns: "date::text AS date, pain, flags::text AS flags", ids,
            first: firstISO, places: MorningPlaces.init, morning(from:_:),
            inOrder: { $0.date < $1.date })
        var clearings: [Int64: [FlagClearing]] = [:]
        for row in try t.rows(
            """
            SELECT patient_id, date::text AS date, reason, cleared::text AS cleared
            FROM rehab.flag_clearing WHERE patient_id = ANY (\(ids)::bigint[])
            ORDER BY patient_id, date, id
            """)
        {
            clearings[try row.value("patient_id", Int64.self), default: []].append(
                try clearing(from: row))
        }
        var histories: [Int64: History] = [:]
        for id in ids {
            histories[id] = History(
                sessions: sessions[id] ?? [], mornings: mornings[id] ?? [],
                clearings: clearings[id] ?? [])
        }
        return histories
    }

    /// The common table expressions `chain` and `settled(pid, day)`: for each patient of a
    /// relation `w(pid, first, judged, safe)` (first day read, first day judged, the plan's
    /// lowest `morning.safe_max`), the day from which every worse response before `first` that
    /// may still be unresolved is read whole, with its session and baseline, or NULL when
    /// nothing older is needed. As the SQLite store works it out (`Store.settledFrom`, and
    /// `Engine.lowestMorningSafeMax` for the reasoning): the chain starts at `first` with the
    /// lowest score within `safe` among the mornings up to `judged` (one past `safe` when none
    /// is: `open`), each step is the latest older morning with a lower score (one seek per
    /// score in the (patient, pain, date) index of version 6), and the day is nine days
    /// before its last morning; for an open chain with no step, nine days before the first
    /// older morning.
    static let settledSQL = """
        chain AS (
            SELECT w.pid, w.first AS date, low.pain, low.pain > w.safe AS open FROM w
            CROSS JOIN LATERAL (
                SELECT COALESCE((
                    SELECT s FROM generate_series(0, w.safe) AS s
                    WHERE EXISTS (SELECT 1 FROM rehab.morning_check WHERE patient_id = w.pid
                        AND pain = s AND date BETWEEN w.first AND w.judged)
                    ORDER BY s LIMIT 1), w.safe + 1) AS pain) AS low
            UNION ALL
            SELECT c.pid, m.date, m.pain, c.open FROM chain AS c CROSS JOIN LATERAL (
                SELECT x.date, x.pain FROM generate_series(0, c.pain - 1) AS s
                CROSS JOIN LATERAL (
                    SELECT date, pain FROM rehab.morning_check WHERE patient_id = c.pid
                        AND pain = s AND date < c.date ORDER BY date DESC LIMIT 1) AS x
                ORDER BY x.date DESC LIMIT 1) AS m),
        ends AS (
            SELECT pid, min(date) AS date, bool_or(open) AS open FROM chain GROUP BY pid),
        settled AS (
            SELECT w.pid, CASE
                WHEN e.date < w.first THEN e.date - 9
                WHEN e.open THEN (SELECT min(date) FROM rehab.morning_check
                    WHERE patient_id = w.pid AND date < w.first) - 9
                END AS day
            FROM w JOIN ends AS e ON e.pid = w.pid)
        """

    /// Each patient's rows of `table` (session or morning_check) from its day in `first` on,
    /// and the older rows only for their red flags: two index ranges (the older ones through
    /// the partial index on flagged rows), not one OR that reads every row of each patient.
    /// Sorted here (`inOrder`), each patient's few rows: the server's sort of every patient's
    /// rows together took as long as reading them (49 against 24 ms for 200 patients).
    static func fromFirstDay<Record, Places>(
        _ t: Transaction, _ table: String, columns: String, _ ids: [Int64], first: [String],
        places: (ClinicRow.Columns) throws -> Places,
        _ record: (ClinicRow, Places) throws -> Record, inOrder: (Record, Record) -> Bool
    ) throws -> [Int64: [Record]] {
        var records: [Int64: [Record]] = [:]
        let rows = try t.rows(
            """
            SELECT \(unescaped: columns), patient_id FROM (
                SELECT r.* FROM unnest(\(ids)::bigint[], \(first)::date[]) AS w(pid, first)
                JOIN rehab.\(unescaped: table) r ON r.patient_id = w.pid AND r.date >= w.first
                UNION ALL
                SELECT r.* FROM unnest(\(ids)::bigint[], \(first)::date[]) AS w(pid, first)
                JOIN rehab.\(unescaped: table) r ON r.patient_id = w.pid AND r.date < w.first
                    AND r.flags <> '[]'
            ) AS r
            """)
        guard let columns = rows.first?.columns else { return [:] }
        // Each column looked up by name once, not in every row.
        let (patient, recordPlaces) = try (columns.place(of: "patient_id"), places(columns))
        for row in rows {
            records[try row.value(at: patient, Int64.self), default: []].append(
                try record(row, recordPlaces))
        }
        for id in records.keys { records[id]?.sort(by: inOrder) }
        return records
    }

    /// Each patient's latest date in `table` (session or morning_check) on or before its day
    /// in `upto` (ISO dates, in the order of `ids`), in one statement by the index; a patient
    /// with none is left out.
    static func latestDates(_ t: Transaction, in table: String, _ ids: [Int64], upto: [String])
        throws -> [(id: Int64, date: Day)]
    {
        try t.rows(
            """
            SELECT w.pid, (SELECT r.date FROM rehab.\(unescaped: table) r
                           WHERE r.patient_id = w.pid AND r.date <= w.upto
                           ORDER BY r.date DESC LIMIT 1)::text AS latest
            FROM unnest(\(ids)::bigint[], \(upto)::date[]) AS w(pid, upto)
            """
        ).compactMap { row in
            guard let day = try row.value("latest", String?.self).flatMap(Day.init(iso:)) else {
                return nil
            }
            return (try row.value("pid", Int64.self), day)
        }
    }

    /// The latest session or morning check on or before `today` of each patient, in one
    /// statement.
    static func lastLogs(_ t: Transaction, _ ids: [Int64], today: Day) throws -> [Int64: Day?] {
        guard !ids.isEmpty else { return [:] }
        var result: [Int64: Day?] = [:]
        for row in try t.rows(
            """
            SELECT w.pid, greatest(
                (SELECT date FROM rehab.session
                 WHERE patient_id = w.pid AND date <= \(today.iso)::date
                 ORDER BY date DESC LIMIT 1),
                (SELECT date FROM rehab.morning_check
                 WHERE patient_id = w.pid AND date <= \(today.iso)::date
                 ORDER BY date DESC LIMIT 1))::text AS last
            FROM unnest(\(ids)::bigint[]) AS w(pid)
            """)
        {
            result[try row.value("pid", Int64.self)] =
                try row.value("last", String?.self).flatMap(Day.init(iso:))
        }
        return result
    }

    /// Every patient the login sees, archived ones too, by id, ids left out; one 'export' row
    /// in the access log per patient.
    public func exportAll() throws -> Archive {
        try transaction(snapshot: true) { t in
            let patients = try t.rows(
                "SELECT id, name, language, archived FROM rehab.patient ORDER BY id"
            ).map(Self.patient(from:))
            let archive = Archive(
                patients: try patients.map { p in
                    ArchivedPatient.exported(
                        p, assignment: try Self.fetchAssignment(t, patientID: p.id),
                        history: try Self.fetchHistory(t, patientID: p.id, from: nil, through: nil),
                        shoes: try Self.fetchShoes(t, patientID: p.id),
                        planFile: try Self.fetchPlanFile(t, patientID: p.id),
                        measurements: try Self.fetchMeasurements(t, patientID: p.id),
                        notes: try Self.fetchNotes(t, patientID: p.id),
                        discharge: try Self.fetchDischarge(t, patientID: p.id))
                })
            try t.log(patients.map(\.id), action: "export")
            return archive
        }
    }

    @discardableResult
    public func importAll(_ archive: Archive) throws -> RecordCounts {
        try archive.checkFormat()
        var pieces = archive.pieces.makeIterator()
        return try importPieces({ pieces.next() }, check: { _ in })
    }

    /// All pieces in one transaction, each checked before it is written; the new patients go
    /// in through `rehab.add_patient`, so a physio importing is in each one's care team. A
    /// patient login may add no patient: its import goes into its own record (`moveIn`).
    public func importPieces(
        _ next: () throws -> ArchivePiece?, check: (ArchivePiece) throws -> Void
    ) throws -> RecordCounts {
        if role == .patient { return try moveIn(next, check: check).counts }
        return try transaction { t in
            var patientID: Int64 = 0
            return try RecordCheck.importing(next, check: check) { p, isFirst in
                try Self.namingRefusals(p) {
                    if isFirst {
                        patientID = try Self.insertPatient(
                            t, name: p.name, language: p.language, archived: p.archived)
                        if let a = p.assignment {
                            if let f = p.planFile {
                                try Self.insertPlanFile(t, patientID: patientID, f)
                            }
                            try Self.insertAssignment(t, patientID: patientID, a)
                        }
                        if let d = p.discharge {
                            try Self.insertDischarge(t, patientID: patientID, d)
                        }
                    }
                    try Self.insertRecords(t, patientID: patientID, p)
                }
            }
        }
    }

    /// A piece's sessions, mornings, clearings, shoes, measures and notes.
    static func insertRecords(_ t: Transaction, patientID id: Int64, _ p: ArchivedPatient) throws {
        try insertSessions(t, patientID: id, p.sessions)
        try insertMornings(t, patientID: id, p.mornings)
        for c in p.clearings { try insertClearing(t, patientID: id, c) }
        for s in p.shoes { try insertShoe(t, patientID: id, s) }
        if !p.measurements.isEmpty {
            // Each checked again against what is stored by now: a later piece's PSFS or GPE
            // needs the first one.
            var earlier = try fetchMeasurements(t, patientID: id)
            for m in p.measurements.sorted(by: { $0.date < $1.date }) {
                let checked = try RecordCheck.importedMeasurement(
                    m, of: p.name, earlier: earlier)
                _ = try insertMeasurement(t, patientID: id, checked)
                earlier.append(checked)
            }
        }
        for n in p.notes { _ = try insertNote(t, patientID: id, n) }
    }

    /// An import's sessions in one statement, stored in the order given (a round trip per
    /// row made two years of one patient take seconds).
    static func insertSessions(_ t: Transaction, patientID: Int64, _ sessions: [Session]) throws {
        guard !sessions.isEmpty else { return }
        let rows = try RecordJSON.sessions(sessions)
        try t.execute(
            """
            INSERT INTO rehab.session (patient_id, date, activity, km, minutes, pain_during,
                pain_after, lasted_over_2h, flags, shoe, note, calf_raises, hop_test, start_time)
            SELECT \(patientID), (r->>'date')::date, r->>'activity', (r->>'km')::numeric,
                (r->>'minutes')::integer, (r->>'pain_during')::integer,
                (r->>'pain_after')::integer, (r->>'lasted_over_2h')::boolean, r->'flags',
                r->>'shoe', r->>'note', (r->>'calf_raises')::integer,
                (r->>'hop_test')::integer, (r->>'start_time')::timestamptz
            FROM jsonb_array_elements(\(rows)::jsonb) WITH ORDINALITY AS a(r, n) ORDER BY n
            """)
    }

    static func insertMornings(_ t: Transaction, patientID: Int64, _ mornings: [MorningCheck])
        throws
    {
        guard !mornings.isEmpty else { return }
        let rows = try RecordJSON.mornings(mornings)
        try t.execute(
            """
            INSERT INTO rehab.morning_check (patient_id, date, pain, flags)
            SELECT \(patientID), (r->>'date')::date, (r->>'pain')::integer, r->'flags'
            FROM jsonb_array_elements(\(rows)::jsonb) WITH ORDINALITY AS a(r, n) ORDER BY n
            """)
    }

    /// The database's and the records' own refusals, named with the patient.
    static func namingRefusals(_ p: ArchivedPatient, _ body: () throws -> Void) throws {
        do {
            try body()
        } catch let failure as ClinicConnection.Failure where failure.code?.hasPrefix("23") == true
        {
            // An integrity rule of the schema (a CHECK, a unique value).
            throw StoreError.importFailed(
                StoragePhrase.at(
                    StoragePhrase.patient(p.name), StoragePhrase.database(failure.description)))
        } catch let error as RecordError {
            throw StoreError.importFailed(
                StoragePhrase.at(StoragePhrase.patient(p.name), StoragePhrase.record(error)))
        }
    }
}
