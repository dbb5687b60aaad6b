import Foundation
import PostgresNIO
import RehabCore
import RehabFiles
import RehabStorage

// The physio's review on a clinic database: what changed since the last clinical note, and
// the discharge record; the same answers as the SQLite store (the conformance checks).
extension ClinicStore {
    public func reviewChanges(patientID: Int64) throws -> ReviewChanges {
        try reading(patientID, snapshot: true) { t in
            let last = try t.rows(
                """
                SELECT max(date)::text AS last FROM rehab.clinical_note
                WHERE patient_id = \(patientID)
                """
            ).first.flatMap { try $0.value("last", String?.self) }.flatMap(Day.init(iso:))
            // Without a note, everything is new.
            let from = last?.iso ?? "0001-01-01"
            func count(_ table: String) throws -> Int {
                let row = try t.rows(
                    PostgresQuery(
                        unsafeSQL: """
                            SELECT count(*)::bigint AS n FROM rehab.\(table)
                            WHERE patient_id = $1 AND date >= $2::date
                            """, binds: binds(patientID, from))
                ).first
                return Int(try row?.value("n", Int64.self) ?? 0)
            }
            var flags: [FlagReport] = []
            let rows = try t.rows(
                """
                SELECT date::text AS date, flags::text AS flags FROM rehab.session
                WHERE patient_id = \(patientID) AND date >= \(from)::date AND flags <> '[]'
                UNION ALL
                SELECT date::text, flags::text FROM rehab.morning_check
                WHERE patient_id = \(patientID) AND date >= \(from)::date AND flags <> '[]'
                """)
            for row in rows {
                let day = try row.day("date", table: "session")
                flags += try RecordJSON.flags(json: row.value("flags", String.self)).map {
                    FlagReport(flag: $0, date: day)
                }
            }
            return ReviewChanges(
                lastReview: last, sessions: try count("session"),
                mornings: try count("morning_check"), measures: try count("measurement"),
                redFlags: flags)
        }
    }

    /// Every patient's review in one REPEATABLE READ transaction and seven statements, instead
    /// of three transactions and about sixteen round trips a patient: the same answers as
    /// `reviewChanges`, `measurements` and `discharge` (the conformance checks).
    public func reviewRecords(patientIDs: [Int64]) throws -> [Int64: ReviewRecords] {
        let ids = Array(Set(patientIDs)).sorted()
        guard !ids.isEmpty else { return [:] }
        return try transaction(snapshot: true) { t in
            var seen: Set<Int64> = []
            for row in try t.rows(
                "SELECT id FROM rehab.patient WHERE id = ANY (\(ids)::bigint[])")
            {
                seen.insert(try row.value("id", Int64.self))
            }
            if let unknown = ids.first(where: { !seen.contains($0) }) {
                throw StoreError.unknownPatient("#\(unknown)")
            }
            var last: [Int64: Day] = [:]
            for row in try t.rows(
                """
                SELECT patient_id, max(date)::text AS last FROM rehab.clinical_note
                WHERE patient_id = ANY (\(ids)::bigint[]) GROUP BY patient_id
                """)
            {
                last[try row.value("patient_id", Int64.self)] = try row.day(
                    "last", table: "clinical_note")
            }
            // Without a note, everything is new.
            let since = ids.map { last[$0]?.iso ?? "0001-01-01" }
            var counts: [Int64: (sessions: Int, mornings: Int, measures: Int)] = [:]
            for row in try t.rows(
                """
                SELECT w.pid,
                    (SELECT count(*) FROM rehab.session
                     WHERE patient_id = w.pid AND date >= w.since) AS sessions,
                    (SELECT count(*) FROM rehab.morning_check
                     WHERE patient_id = w.pid AND date >= w.since) AS mornings,
                    (SELECT count(*) FROM rehab.measurement
                     WHERE patient_id = w.pid AND date >= w.since) AS measures
                FROM unnest(\(ids)::bigint[], \(since)::date[]) AS w(pid, since)
                """)
            {
                counts[try row.value("pid", Int64.self)] = (
                    Int(try row.value("sessions", Int64.self)),
                    Int(try row.value("mornings", Int64.self)),
                    Int(try row.value("measures", Int64.self))
                )
            }
            var flags: [Int64: [FlagReport]] = [:]
            for row in try t.rows(
                """
                SELECT w.pid, s.date::text AS date, s.flags::text AS flags
                FROM unnest(\(ids)::bigint[], \(since)::date[]) AS w(pid, since)
                JOIN rehab.session s ON s.patient_id = w.pid AND s.date >= w.since
                    AND s.flags <> '[]'
                UNION ALL
                SELECT w.pid, m.date::text, m.flags::text
                FROM unnest(\(ids)::bigint[], \(since)::date[]) AS w(pid, since)
                JOIN rehab.morning_check m ON m.patient_id = w.pid AND m.date >= w.since
                    AND m.flags <> '[]'
                """)
            {
                let day = try row.day("date", table: "session")
                flags[try row.value("pid", Int64.self), default: []] += try RecordJSON.flags(
                    json: row.value("flags", String.self)
                ).map { FlagReport(flag: $0, date: day) }
            }
            var measures: [Int64: [MeasureRecord]] = [:]
            for row in try t.rows(
                """
                SELECT patient_id, id, date::text AS date, instrument, answers::text AS answers
                FROM rehab.measurement WHERE patient_id = ANY (\(ids)::bigint[])
                ORDER BY patient_id, date, id
                """)
            {
                measures[try row.value("patient_id", Int64.self), default: []].append(
                    try Self.measurement(from: row))
            }
            var discharges: [Int64: Discharge] = [:]
            for row in try t.rows(
                """
                SELECT patient_id, date::text AS date, by_whom, early FROM rehab.discharge
                WHERE patient_id = ANY (\(ids)::bigint[])
                """)
            {
                let id = try row.value("patient_id", Int64.self)
                discharges[id] = try Self.discharge(from: row)
            }
            try t.viewed(ids)
            var records: [Int64: ReviewRecords] = [:]
            for id in ids {
                let count = counts[id] ?? (0, 0, 0)
                records[id] = ReviewRecords(
                    changes: ReviewChanges(
                        lastReview: last[id], sessions: count.sessions, mornings: count.mornings,
                        measures: count.measures, redFlags: flags[id] ?? []),
                    measures: measures[id] ?? [], discharge: discharges[id])
            }
            return records
        }
    }

    public func discharge(patientID: Int64) throws -> Discharge? {
        try reading(patientID) { t in try Self.fetchDischarge(t, patientID: patientID) }
    }

    public func setDischarge(patientID: Int64, _ discharge: Discharge) throws {
        try writing(patientID) { t in try Self.insertDischarge(t, patientID: patientID, discharge) }
    }

    // The clinic keeps no tally checkpoints: its status reads a phase from its start. A
    // patient's phases there move on under a physio's eye, so the million-session phase the
    // checkpoint is for does not arise; a table with its own row-level policies can come later.
    public func tallyCheckpoint(patientID: Int64) throws -> TallyCheckpoint? { nil }

    public func setTallyCheckpoint(patientID: Int64, _ checkpoint: TallyCheckpoint) throws {}

    public var keepsCheckpoints: Bool { false }

    /// The physio decides; a patient's own login reads (schema version 7).
    public var readerDecidesCare: Bool { role != .patient }

    /// Never asked (no checkpoints are built here); answered correctly all the same.
    public func history(patientID: Int64, window: JudgingWindow, through: Day) throws -> History {
        var history = try history(patientID: patientID, window: window)
        history.sessions.removeAll { $0.date > through }
        history.mornings.removeAll { $0.date > through }
        history.clearings.removeAll { $0.date > through }
        return history
    }

    static func fetchDischarge(_ t: Transaction, patientID: Int64) throws -> Discharge? {
        try t.rows(
            """
            SELECT date::text AS date, by_whom, early FROM rehab.discharge
            WHERE patient_id = \(patientID)
            """
        ).first.map(discharge(from:))
    }

    static func discharge(from row: ClinicRow) throws -> Discharge {
        Discharge(
            date: try row.day("date", table: "discharge"),
            by: try row.value("by_whom", String.self), early: try row.value("early", Bool.self))
    }

    /// Replaces an earlier discharge; `by` is checked like a name (also on import).
    static func insertDischarge(_ t: Transaction, patientID: Int64, _ discharge: Discharge)
        throws
    {
        let by = try Validate.name(discharge.by, field: "discharged by")
        try t.execute(
            """
            INSERT INTO rehab.discharge (patient_id, date, by_whom, early)
            VALUES (\(patientID), \(discharge.date.iso)::date, \(by), \(discharge.early))
            ON CONFLICT (patient_id) DO UPDATE
            SET date = EXCLUDED.date, by_whom = EXCLUDED.by_whom, early = EXCLUDED.early
            """)
    }

    private func binds(_ id: Int64, _ from: String) -> PostgresBindings {
        var bindings = PostgresBindings()
        bindings.append(id)
        bindings.append(from)
        return bindings
    }
}
