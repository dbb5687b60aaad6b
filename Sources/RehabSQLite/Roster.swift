import GRDB
import RehabCore
import RehabFiles
import RehabStorage

// The physio's patient list read in bulk: one read transaction and about a dozen statements
// for the whole clinic, instead of three transactions and eight statements per patient. A
// clinic's list is re-read after every change on the Patients screen, so this is what a
// physio waits for.

extension Store {
    /// The patient list (by name, archived ones on request) with each patient's assignment,
    /// plan file and log, in one read transaction, so every row comes from the same moment.
    /// `window` is asked once per patient with a plan, in list order, for the part of the log
    /// the engine will read; nil reads only their last log day.
    public func roster(
        includeArchived: Bool, today: Day, window: (RosterEntry) -> JudgingWindow?
    ) throws -> [(entry: RosterEntry, log: RosterLog)] {
        try queue.read { db in
            let entries = try Store.rosterEntries(db, includeArchived: includeArchived)
            var windows: [Int64: JudgingWindow] = [:]
            var others: [Int64] = []
            for entry in entries {
                if entry.assignment != nil, let w = window(entry) {
                    windows[entry.patient.id] = w
                } else {
                    others.append(entry.patient.id)
                }
            }
            var histories = try Store.windowHistories(db, windows)
            let lastLogs = try Store.lastLogs(db, others, today: today)
            return entries.map { entry in
                let id = entry.patient.id
                if let history = histories.removeValue(forKey: id) {
                    return (entry, .window(history))
                }
                return (entry, .lastLog(lastLogs[id] ?? nil))
            }
        }
    }

    // MARK: - Patients, assignments and plan files

    static func rosterEntries(_ db: Database, includeArchived: Bool) throws -> [RosterEntry] {
        let patients = try Row.fetchAll(
            db,
            sql: "SELECT id, name, language, archived FROM patient"
                + (includeArchived ? "" : " WHERE archived = 0")
                + " ORDER BY name COLLATE NOCASE, id"
        ).map(Store.patient(from:))
        var changes: [Int64: [PhaseChange]] = [:]
        let changeRows = try Row.fetchCursor(
            db,
            sql: "SELECT patient_id, phase_id, date, reason FROM phase_change"
                + " ORDER BY patient_id, date, id")
        while let row = try changeRows.next() {
            let reason: PhaseChangeReason = try StoredColumn.named(
                row["reason"], column: "phase_change.reason")
            changes[row["patient_id"], default: []].append(
                PhaseChange(
                    phase: row["phase_id"],
                    date: try StoredColumn.day(row["date"], column: "phase_change.date"),
                    reason: reason))
        }
        // Nearly every patient has the same few overrides ('{}'): decode each text once.
        var decoded: [String: PlanOverrides] = [:]
        var assignments: [Int64: Assignment] = [:]
        let assignmentRows = try Row.fetchCursor(
            db,
            sql: "SELECT patient_id, plan_id, variant_id, start_date, starting_weekly_km,"
                + " overrides FROM assignment")
        while let row = try assignmentRows.next() {
            let id: Int64 = row["patient_id"]
            let json: String = row["overrides"]
            let overrides = try decoded[json] ?? RecordJSON.overrides(json: json)
            decoded[json] = overrides
            assignments[id] = Assignment(
                planID: row["plan_id"], variantID: row["variant_id"],
                startDate: try StoredColumn.day(row["start_date"], column: "assignment.start_date"),
                startingWeeklyKm: row["starting_weekly_km"], overrides: overrides,
                phaseHistory: changes[id] ?? [])
        }
        var planFiles: [Int64: StoredPlanFile] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT patient_id, plan_id, yaml FROM plan_file") {
            planFiles[row["patient_id"]] = StoredPlanFile(planID: row["plan_id"], yaml: row["yaml"])
        }
        var checkpoints: [Int64: TallyCheckpoint] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT patient_id, checkpoint FROM tally_checkpoint")
        {
            checkpoints[row["patient_id"]] = Store.checkpoint(json: row["checkpoint"])
        }
        return patients.map { patient in
            RosterEntry(
                patient: patient, assignment: assignments[patient.id],
                planFile: planFiles[patient.id], checkpoint: checkpoints[patient.id])
        }
    }

    // MARK: - The engine's windows, all patients at once

    /// As `history(patientID:window:)` for every patient in `windows`, with one
    /// statement per step instead of one per step and patient.
    static func windowHistories(_ db: Database, _ windows: [Int64: JudgingWindow]) throws
        -> [Int64: History]
    {
        guard !windows.isEmpty else { return [:] }
        let ids = windows.keys.sorted()
        // The first day read per patient, widened as in the one-patient read: back to the
        // latest session on or before the first judged day (with its look-back), then to the
        // latest morning check on or before that (the baseline).
        var first: [Int64: Day] = [:]
        let judged = ids.map { id -> (Int64, Day) in
            let w =
                windows[id] ?? JudgingWindow(from: Day(number: 0), lookBack: 0, morningSafeMax: 0)
            first[id] = w.from
            return (id, w.from.adding(days: w.lookBack))
        }
        for row in try Row.fetchAll(
            db,
            sql: "WITH w(pid, upto) AS MATERIALIZED (\(pairs)) SELECT pid,"
                + " (SELECT max(date) FROM session WHERE patient_id = pid AND date <= upto)"
                + " AS latest FROM w",
            arguments: [json(judged)])
        {
            let id: Int64 = row["pid"]
            guard let text: String = row["latest"], let latest = Day(iso: text),
                let w = windows[id], let day = first[id]
            else { continue }
            first[id] = min(day, latest.adding(days: -w.lookBack))
        }
        for row in try Row.fetchAll(
            db,
            sql: "WITH w(pid, upto) AS MATERIALIZED (\(pairs)) SELECT pid,"
                + " (SELECT max(date) FROM morning_check WHERE patient_id = pid AND date <= upto)"
                + " AS baseline FROM w",
            arguments: [json(ids.map { ($0, first[$0] ?? Day(number: 0)) })])
        {
            let id: Int64 = row["pid"]
            guard let text: String = row["baseline"], let baseline = Day(iso: text),
                let day = first[id]
            else { continue }
            first[id] = min(day, baseline)
        }
        let starts = judged.map { id, day in
            (id, first[id] ?? day, day, windows[id]?.morningSafeMax ?? 0)
        }
        for (id, settled) in try settledFrom(db, starts) {
            first[id] = min(first[id] ?? settled, settled)
        }
        let firstDays: StatementArguments = [json(ids.map { ($0, first[$0] ?? Day(number: 0)) })]
        let firstISO = first.mapValues(\.iso)

        // Each table twice: the rows from the first day on, through the (patient, date) index,
        // and the older rows that still count for their red flags, through the flagged rows'
        // own index (v4). The pieces are ordered per patient in Swift: an ORDER BY over the
        // join would sort every row in a temporary b-tree.
        var sessions: [Int64: [Session]] = [:]
        let recentStatement = try db.makeStatement(
            sql: "WITH w(pid, first) AS MATERIALIZED (\(pairs))"
                + " SELECT \(sessionColumns), patient_id FROM w"
                + " JOIN session ON patient_id = pid AND date >= first")
        var columns = try SessionColumns(recentStatement)
        var patient = try column("patient_id", in: recentStatement)
        let recent = try Row.fetchCursor(recentStatement, arguments: firstDays)
        while let row = try recent.next() {
            sessions[row[patient], default: []].append(try session(from: row, columns))
        }
        let flaggedStatement = try db.makeStatement(sql: flaggedSessionsSQL)
        columns = try SessionColumns(flaggedStatement)
        patient = try column("patient_id", in: flaggedStatement)
        let flaggedSessions = try Row.fetchCursor(flaggedStatement)
        while let row = try flaggedSessions.next() {
            let id: Int64 = row[patient]
            guard let from = firstISO[id], (row[columns.date] as String) < from else { continue }
            sessions[id, default: []].append(try session(from: row, columns))
        }
        var mornings: [Int64: [MorningCheck]] = [:]
        let recentMorningStatement = try db.makeStatement(
            sql: "WITH w(pid, first) AS MATERIALIZED (\(pairs))"
                + " SELECT date, pain, flags, patient_id FROM w"
                + " JOIN morning_check ON patient_id = pid AND date >= first")
        var morningColumns = try MorningColumns(recentMorningStatement)
        patient = try column("patient_id", in: recentMorningStatement)
        let recentMornings = try Row.fetchCursor(recentMorningStatement, arguments: firstDays)
        while let row = try recentMornings.next() {
            mornings[row[patient], default: []].append(try morning(from: row, morningColumns))
        }
        let flaggedMorningStatement = try db.makeStatement(sql: flaggedMorningsSQL)
        morningColumns = try MorningColumns(flaggedMorningStatement)
        patient = try column("patient_id", in: flaggedMorningStatement)
        let flaggedMornings = try Row.fetchCursor(flaggedMorningStatement)
        while let row = try flaggedMornings.next() {
            let id: Int64 = row[patient]
            guard let from = firstISO[id], (row[morningColumns.date] as String) < from else {
                continue
            }
            mornings[id, default: []].append(try morning(from: row, morningColumns))
        }
        var clearings: [Int64: [FlagClearing]] = [:]
        let clearingRows = try Row.fetchCursor(
            db,
            sql: "SELECT patient_id, date, reason, cleared FROM flag_clearing"
                + " ORDER BY patient_id, date, id")
        while let row = try clearingRows.next() {
            let id: Int64 = row["patient_id"]
            guard windows[id] != nil else { continue }
            clearings[id, default: []].append(
                FlagClearing(
                    date: try StoredColumn.day(row["date"], column: "flag_clearing.date"),
                    reason: row["reason"], cleared: try RecordJSON.reports(json: row["cleared"])))
        }

        var histories: [Int64: History] = [:]
        for id in ids {
            // Ordered as the one-patient read orders them: by date, then storage order. The
            // index hands most rows over in that order already.
            var own = sessions.removeValue(forKey: id) ?? []
            let before = { (a: Session, b: Session) in (a.date, a.id ?? 0) < (b.date, b.id ?? 0) }
            if zip(own, own.dropFirst()).contains(where: { !before($0, $1) }) {
                own.sort(by: before)
            }
            var checks = mornings.removeValue(forKey: id) ?? []
            if zip(checks, checks.dropFirst()).contains(where: { $0.date >= $1.date }) {
                checks.sort { $0.date < $1.date }
            }
            histories[id] = History(
                sessions: own, mornings: checks, clearings: clearings.removeValue(forKey: id) ?? [])
        }
        return histories
    }

    /// The latest session or morning check on or before `today` of each patient: two index
    /// look-ups a patient, in one statement.
    static func lastLogs(_ db: Database, _ ids: [Int64], today: Day) throws -> [Int64: Day?] {
        guard !ids.isEmpty else { return [:] }
        var result: [Int64: Day?] = [:]
        for row in try Row.fetchAll(
            db,
            sql: "WITH w(pid, upto) AS MATERIALIZED (\(pairs)) SELECT pid,"
                + " (SELECT max(date) FROM session WHERE patient_id = pid AND date <= upto)"
                + " AS session,"
                + " (SELECT max(date) FROM morning_check WHERE patient_id = pid AND date <= upto)"
                + " AS morning FROM w",
            arguments: [json(ids.map { ($0, today) })])
        {
            let days = [row["session"] as String?, row["morning"] as String?].compactMap { $0 }
                .compactMap(Day.init(iso:))
            result[row["pid"]] = days.max()
        }
        return result
    }

    /// Every session and morning check that reported a red flag, through the v4 indexes.
    static let flaggedSessionsSQL =
        "SELECT \(sessionColumns), patient_id FROM session WHERE flags <> '[]'"
    static let flaggedMorningsSQL =
        "SELECT date, pain, flags, patient_id FROM morning_check WHERE flags <> '[]'"

    /// The rows of a JSON array of `[patient id, "YYYY-MM-DD"]` pairs, bound as one argument:
    /// any number of patients without running into SQLite's limit on bound variables.
    private static let pairs =
        "SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(?)"

    private static func json(_ pairs: [(Int64, Day)]) -> String {
        "[" + pairs.map { "[\($0.0),\"\($0.1.iso)\"]" }.joined(separator: ",") + "]"
    }
}
