import Foundation
import PostgresNIO
import RehabCore
import RehabStorage

/// The clinic's `RehabRepository`: the rehab data on a practice's PostgreSQL database, read
/// and written as the login in the URL, so row-level security decides what it sees (a physio
/// their care team's patients, a patient their own record). It passes the same
/// `RepositoryConformance` checks as the SQLite `Store`.
///
/// Every read of a patient's record writes one 'view' row to the access log per patient and
/// store (a CLI command opens one store), an export one 'export' row per patient and export;
/// the database's triggers write a 'change' row for every row written.
///
/// One connection, used by one call at a time (the lock): each call that writes, or reads
/// many tables at one moment, is one transaction; other reads run statement by statement.
public final class ClinicStore: RehabRepository, @unchecked Sendable {
    let connection: ClinicConnection
    /// What the access log says a view was for: the command ("status", "history").
    let purpose: String
    public let role: Role
    /// Guards the connection (a transaction must not interleave with another call's) and
    /// `viewed`. Not reentrant: a closure handed to a call (roster's window, an import's
    /// pieces) must not call the store, as with the SQLite store's GRDB queue.
    private let lock = NSLock()
    /// Patients whose view this store has logged already.
    private var viewed: Set<Int64> = []
    /// The patients the login's last patient list showed: a read of one of them skips the
    /// round trip that asks whether the login may see them (`Transaction.patientName`), four
    /// of `rehab status`'s statements. Row security still filters every row, the first view's
    /// log row checks the care team again (`rehab.log_accesses`), and writes always ask.
    /// Replaced by each list read and forgotten by a delete, so a patient who left the
    /// login's care since is refused again after the next list (the app reads it again
    /// after any outside change).
    private var listed: Set<Int64> = []
    /// The login is in rehab_admin, whose policy shows every patient; others see their own
    /// patients (`rehab.my_patients()`).
    let seesEveryPatient: Bool

    /// Which of the group roles the login is in; daily work is a physio's or a patient's,
    /// the administration only reads the access log (`rehab audit`).
    public enum Role: String, Sendable {
        case physio = "rehab_physio"
        case patient = "rehab_patient"
        case admin = "rehab_admin"
    }

    /// Why a login may not do daily work on this database, or the database is not ready.
    public enum Refusal: Error, Equatable, CustomStringConvertible {
        /// The database or table owner: sees people and no health data, and must not be the
        /// login rehab's daily work runs as.
        case owner(login: String)
        /// A superuser or a role with BYPASSRLS would see every patient's rows.
        case bypassesRowSecurity(login: String)
        /// Not in rehab_physio or rehab_patient (the administration, or no rehab role).
        case noDailyRole(login: String, roles: [String])
        /// `rehab clinic init` has not been run on this database.
        case notSetUp
        case olderSchema(found: Int, needed: Int)
        case newerSchema(found: Int, known: Int)

        /// Worded in `ClinicErrorPhrases.swift`.
        public var description: String { text.en }
    }

    /// Connects as the URL's login and refuses what must not do daily work (the owner, a
    /// superuser, a login without a physio or patient role) and a schema of another version.
    /// `auditOnly`: for reading the access log, which the administration (the practice's
    /// privacy officer) may do as well; it has no grant on any health data.
    public init(
        _ url: ClinicURL, environment: [String: String], purpose: String, auditOnly: Bool = false
    ) throws {
        // Dates and times as ISO text in UTC, whatever the server's defaults. No JIT: rehab's
        // statements read a few hundred rows, and the recursive look-back of the engine's
        // window (`settledSQL`) is estimated dear enough that PostgreSQL compiled it, 60 ms
        // of a 1 ms statement.
        connection = try ClinicConnection(
            url, environment: environment,
            settings: [("DateStyle", "ISO"), ("TimeZone", "UTC"), ("jit", "off")])
        self.purpose = String(purpose.prefix(100))
        let login = connection.login
        let who = try ClinicRow.all(
            connection.query(
                """
                SELECT r.rolsuper OR r.rolbypassrls AS bypasses,
                       pg_catalog.pg_get_userbyid(d.datdba) = session_user AS owns_database,
                       EXISTS (SELECT 1 FROM pg_catalog.pg_tables WHERE schemaname = 'rehab'
                               AND tableowner = session_user) AS owns_tables,
                       ARRAY(SELECT g.rolname::text FROM pg_catalog.pg_roles g
                             WHERE g.rolname IN ('rehab_admin', 'rehab_physio', 'rehab_patient')
                               AND pg_catalog.pg_has_role(session_user, g.oid, 'MEMBER')
                             ORDER BY g.rolname) AS roles,
                       -- From the catalogue: to_regclass() would fail for a login that may not
                       -- use the schema, before the refusal below could say why.
                       EXISTS (SELECT 1 FROM pg_catalog.pg_tables WHERE schemaname = 'rehab'
                               AND tablename = 'meta') AS ready
                FROM pg_catalog.pg_roles r, pg_catalog.pg_database d
                WHERE r.rolname = session_user AND d.datname = current_database()
                """
            ).rows
        ).first
        guard let who else { throw Refusal.noDailyRole(login: login, roles: []) }
        if try who.value("bypasses", Bool.self) {
            throw Refusal.bypassesRowSecurity(login: login)
        }
        if try who.value("owns_database", Bool.self) || who.value("owns_tables", Bool.self) {
            throw Refusal.owner(login: login)
        }
        let roles = try who.value("roles", [String].self)
        seesEveryPatient = roles.contains(Role.admin.rawValue)
        if roles.contains(Role.physio.rawValue) {
            role = .physio
        } else if roles.contains(Role.patient.rawValue) {
            role = .patient
        } else if auditOnly, roles.contains(Role.admin.rawValue) {
            role = .admin
        } else {
            throw Refusal.noDailyRole(login: login, roles: roles)
        }
        guard try who.value("ready", Bool.self) else { throw Refusal.notSetUp }
        let version =
            try connection.rows("SELECT value FROM rehab.meta WHERE key = 'schema_version'")
            .first?.first?.flatMap { Int($0) } ?? 0
        if version < ClinicSchema.version {
            throw Refusal.olderSchema(found: version, needed: ClinicSchema.version)
        }
        if version > ClinicSchema.version {
            throw Refusal.newerSchema(found: version, known: ClinicSchema.version)
        }
    }

    /// The login the server knows this store as.
    public var login: String { connection.login }

    // MARK: - Transactions

    /// One call's statements. Views are logged through it and remembered only once the
    /// transaction has committed.
    final class Transaction {
        let connection: ClinicConnection
        let purpose: String
        let alreadyViewed: Set<Int64>
        var views: Set<Int64> = []
        /// The store's `listed` at the start; `relisted`, what a patient list read here showed.
        let listed: Set<Int64>
        var relisted: Set<Int64>?

        init(
            connection: ClinicConnection, purpose: String, alreadyViewed: Set<Int64>,
            listed: Set<Int64>
        ) {
            self.connection = connection
            self.purpose = purpose
            self.alreadyViewed = alreadyViewed
            self.listed = listed
        }

        func rows(_ query: PostgresQuery) throws -> [ClinicRow] {
            ClinicRow.all(try connection.query(query).rows)
        }

        /// The number of rows the statement changed.
        @discardableResult
        func execute(_ query: PostgresQuery) throws -> Int {
            try connection.query(query).metadata.rows ?? 0
        }

        /// The patient's name, or `unknownPatient` when there is none the login may see.
        @discardableResult
        func patientName(_ id: Int64) throws -> String {
            guard
                let row = try rows("SELECT name FROM rehab.patient WHERE id = \(id)").first
            else { throw StoreError.unknownPatient("#\(id)") }
            return try row.value("name", String.self)
        }

        /// One 'view' row per patient and store, through `rehab.log_accesses`.
        func viewed(_ ids: [Int64]) throws {
            let new = ids.filter { !alreadyViewed.contains($0) && !views.contains($0) }
            guard !new.isEmpty else { return }
            try log(new, action: "view")
            views.formUnion(new)
        }

        /// One access-log row per patient, in one statement and one care check for all of
        /// them (`rehab.log_accesses`, schema version 5).
        func log(_ ids: [Int64], action: String) throws {
            guard !ids.isEmpty else { return }
            try execute("SELECT rehab.log_accesses(\(ids)::bigint[], \(action), \(purpose))")
        }
    }

    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws.
    /// `snapshot`: every statement reads the same moment (REPEATABLE READ), for reads that
    /// gather many tables; writes run at READ COMMITTED and wait for each other's rows.
    /// `readsOnly` (without `snapshot`): no BEGIN and COMMIT, two round trips saved; each
    /// statement commits by itself. The same answers: at READ COMMITTED every statement
    /// reads its own moment inside a transaction too, and the access log's view row, the only
    /// write of a read, is one statement, stored before the rows read are handed out.
    func transaction<T>(
        snapshot: Bool = false, readsOnly: Bool = false, _ body: (Transaction) throws -> T
    ) throws -> T {
        lock.lock()
        defer { lock.unlock() }
        try connection.reconnectIfLost()
        let transaction = Transaction(
            connection: connection, purpose: purpose, alreadyViewed: viewed, listed: listed)
        guard snapshot || !readsOnly else {
            let result = try body(transaction)
            remember(transaction)
            return result
        }
        try connection.rows(snapshot ? "BEGIN ISOLATION LEVEL REPEATABLE READ" : "BEGIN")
        let result: T
        do {
            result = try body(transaction)
        } catch {
            _ = try? connection.rows("ROLLBACK")
            throw error
        }
        do {
            try connection.rows("COMMIT")
        } catch let failure as ClinicConnection.Failure where failure.code == nil {
            // No answer to COMMIT: the server may have stored it before the line broke.
            throw ClinicConnection.Failure(.commitUnanswered(failure.reason))
        }
        remember(transaction)
        return result
    }

    /// What a transaction that landed leaves for the next ones (under `lock`).
    private func remember(_ transaction: Transaction) {
        viewed.formUnion(transaction.views)
        if let relisted = transaction.relisted { listed = relisted }
    }

    /// A read of one patient's record: refused for a patient the login may not see, logged
    /// as a view otherwise.
    func reading<T>(_ patientID: Int64, snapshot: Bool = false, _ body: (Transaction) throws -> T)
        throws -> T
    {
        try transaction(snapshot: snapshot, readsOnly: true) { t in
            if !t.listed.contains(patientID) { try t.patientName(patientID) }
            let result = try body(t)
            try t.viewed([patientID])
            return result
        }
    }

    /// A change to one patient's record (the database logs each row it writes).
    @discardableResult
    func writing<T>(_ patientID: Int64, _ body: (Transaction) throws -> T) throws -> T {
        try transaction { t in
            try t.patientName(patientID)
            return try body(t)
        }
    }

    // MARK: - Patients

    /// Sorted as the SQLite store sorts (NOCASE: only A-Z folded, then bytes), so both list
    /// patients in the same order.
    static let byName =
        "translate(name, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', "
        + "'abcdefghijklmnopqrstuvwxyz') COLLATE \"C\", id"

    public func patients(includeArchived: Bool) throws -> [PatientRecord] {
        try transaction(readsOnly: true) { t in
            try patients(t, includeArchived: includeArchived)
        }
    }

    func patients(_ t: Transaction, includeArchived: Bool) throws -> [PatientRecord] {
        // The login's own patients by the primary key first: the policy alone calls
        // rehab.is_admin() for every patient of the practice (about 20 µs each, 100 ms for
        // 5,000 patients), and only the rows an index condition found reach it. The same rows
        // as the policy gives; an administrator's login sees every patient, as before.
        let mine =
            seesEveryPatient ? "" : "AND id = ANY ((SELECT rehab.my_patients())::bigint[])"
        let patients = try t.rows(
            """
            SELECT id, name, language, archived FROM rehab.patient
            WHERE (\(includeArchived) OR NOT archived) \(unescaped: mine)
            ORDER BY \(unescaped: Self.byName)
            """
        ).map(Self.patient(from:))
        t.relisted = Set(patients.map(\.id))
        return patients
    }

    static func patient(from row: ClinicRow) throws -> PatientRecord {
        PatientRecord(
            id: try row.value("id", Int64.self), name: try row.value("name", String.self),
            language: try row.value("language", String?.self).flatMap(Language.init(rawValue:)),
            archived: try row.value("archived", Bool.self))
    }

    /// Added through `rehab.add_patient`, which puts a physio in the new patient's care team.
    public func addPatient(name: String, language: Language?) throws -> PatientRecord {
        let name = try RecordCheck.name(name, field: "name")
        return try transaction { t in
            let id = try Self.insertPatient(t, name: name, language: language, archived: false)
            return PatientRecord(id: id, name: name, language: language, archived: false)
        }
    }

    static func insertPatient(
        _ t: Transaction, name: String, language: Language?, archived: Bool
    ) throws -> Int64 {
        try refuseDuplicate(t, name: name, except: nil)
        do {
            guard
                let row = try t.rows(
                    "SELECT rehab.add_patient(\(name), \(language?.rawValue), \(archived)) AS id"
                ).first
            else { throw StoreError.unknownPatient(name) }
            return try row.value("id", Int64.self)
        } catch let failure as ClinicConnection.Failure where failure.constraint == "patient_name" {
            // The name of a patient outside the login's sight: names are unique per practice.
            throw StoreError.patientNameTaken(name)
        }
    }

    public func renamePatient(id: Int64, to newName: String) throws {
        let name = try RecordCheck.name(newName, field: "name")
        try writing(id) { t in
            try Self.refuseDuplicate(t, name: name, except: id)
            do {
                try t.execute("UPDATE rehab.patient SET name = \(name) WHERE id = \(id)")
            } catch let failure as ClinicConnection.Failure
                where failure.constraint == "patient_name"
            {
                throw StoreError.patientNameTaken(name)
            }
        }
    }

    public func archivePatient(id: Int64, archived: Bool) throws {
        try writing(id) { t in
            try t.execute("UPDATE rehab.patient SET archived = \(archived) WHERE id = \(id)")
        }
    }

    /// The patient and every row about them (the foreign keys cascade); only a physio in the
    /// care team may (policy patient_removed). The access log keeps its rows.
    public func deletePatient(id: Int64) throws {
        try writing(id) { t in
            t.relisted = t.listed.subtracting([id])
            guard try t.execute("DELETE FROM rehab.patient WHERE id = \(id)") == 1 else {
                throw ClinicConnection.Failure(
                    .mayNotRemovePatient(login: login, patient: id), code: "42501")
            }
        }
    }

    /// One name per person among the patients the login sees, compared as `Naming` compares;
    /// the database's unique index on `rehab.name_key(name)` (schema version 4) stands behind
    /// it for the others, whom the login cannot see (`patientNameTaken`).
    static func refuseDuplicate(_ t: Transaction, name: String, except id: Int64?) throws {
        let key = Naming.key(name)
        for row in try t.rows("SELECT id, name FROM rehab.patient") {
            let other = try row.value("id", Int64.self)
            if other != id, Naming.key(try row.value("name", String.self)) == key {
                throw StoreError.duplicatePatient(name)
            }
        }
    }

    // MARK: - The whole collection

    /// The newest change another connection made that the login may see: the access log's
    /// change rows carry the server process that wrote them (schema version 2).
    public func dataVersion() throws -> Int64 {
        try transaction(readsOnly: true) { t in
            try t.rows(
                """
                SELECT coalesce(max(id), 0) AS version FROM rehab.access_log
                WHERE action = 'change' AND backend IS DISTINCT FROM pg_backend_pid()
                """
            ).first?.value("version", Int64.self) ?? 0
        }
    }
}

/// One row of a clinic query, its columns found by name through one table per result.
/// postgres-nio's own row hashes a name twice a cell (`contains`, then its subscript): for a
/// physio's list of 200 patients, 35,000 rows, that and building each date's `table.column`
/// for a message never shown were most of reading them.
struct ClinicRow {
    /// Where each column of one result stands (the first of two with one name, as postgres-nio
    /// has it), shared by all the rows of the result.
    final class Columns: Sendable {
        let positions: [String: Int]

        init(_ row: PostgresRandomAccessRow) {
            var positions: [String: Int] = [:]
            for index in 0..<row.count where positions[row[index].columnName] == nil {
                positions[row[index].columnName] = index
            }
            self.positions = positions
        }

        /// Where the column named `column` stands; a column the query lacks is a mistake said
        /// plainly.
        func place(of column: String) throws -> Int {
            guard let place = positions[column] else {
                throw StoreError.importFailed(StoragePhrase.notAColumn(column, of: nil))
            }
            return place
        }
    }

    let cells: PostgresRandomAccessRow
    let columns: Columns

    /// Every row of a result.
    static func all(_ rows: some Collection<PostgresRow>) -> [ClinicRow] {
        guard let first = rows.first else { return [] }
        let columns = Columns(first.makeRandomAccess())
        return rows.map { ClinicRow(cells: $0.makeRandomAccess(), columns: columns) }
    }

    /// A column's value by name; a column the query lacks is a mistake said plainly.
    func value<T: PostgresDecodable>(_ column: String, _ type: T.Type) throws -> T {
        try value(at: columns.place(of: column), type)
    }

    /// A column's value by its place, looked up by name once for all the rows of a result
    /// (`Columns.place(of:)`), where a row decoder reads many rows.
    func value<T: PostgresDecodable>(at place: Int, _ type: T.Type) throws -> T {
        do {
            return try cells[place].decode(T.self)
        } catch {
            let column = cells[place].columnName
            throw StoreError.importFailed(StoragePhrase.unreadable(column, as: "\(T.self)"))
        }
    }

    func day(_ column: String, table: String) throws -> Day {
        try day(at: columns.place(of: column), table: table)
    }

    func day(at place: Int, table: String) throws -> Day {
        let column = "\(table).\(cells[place].columnName)"
        return try StoredColumn.day(value(at: place, String.self), column: column)
    }

    func named<Value: RawRepresentable<String>>(_ column: String, table: String) throws -> Value {
        try named(at: columns.place(of: column), table: table)
    }

    func named<Value: RawRepresentable<String>>(at place: Int, table: String) throws -> Value {
        let column = "\(table).\(cells[place].columnName)"
        return try StoredColumn.named(value(at: place, String.self), column: column)
    }
}
