// RehabSQLite owns the database: the SQLite file, its schema and migrations, patients, plan
// assignments, the session and morning-check log, shoes, and whole-database export, import and
// backup. It is the only module that touches SQLite; it knows nothing of terminals or plan files.

import Foundation
import GRDB
import RehabCore
import RehabStorage

/// The rehab database. One `Store` per file per process; several processes may share a file
/// (WAL, a busy timeout, and writes in IMMEDIATE transactions).
public final class Store: Sendable {
    /// The number of schema migrations this build knows.
    public static let schemaVersion: Int = Schema.identifiers.count

    /// The file, or nil for an in-memory database.
    public let path: String?
    let queue: DatabaseQueue

    public init(path: String) throws {
        guard !path.isEmpty else { throw StoreError.cannotOpen(path: path, reason: "empty path") }
        try Store.preparePrivateFile(path)
        // Opening a database that is already in WAL mode writes nothing, so it is checked on
        // the connection itself; one in another journal mode (or not a database) is looked at
        // read-only first, since switching it to WAL is a write. A second connection for every
        // command cost more than the command's own reading.
        if !Store.isInWALMode(path) { try Store.refuseIfNewer(path) }
        do {
            queue = try DatabaseQueue(path: path, configuration: Store.configuration(wal: true))
            let unknown = try queue.read(Store.unknownMigrations)
            if !unknown.isEmpty {
                try? queue.close()
                throw StoreError.newerDatabase(path: path, version: unknown.joined(separator: ", "))
            }
            try Schema.migrator.migrate(queue)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.cannotOpen(path: path, reason: Store.describe(error))
        }
        self.path = path
    }

    private init(inMemory queue: DatabaseQueue) {
        self.queue = queue
        path = nil
    }

    public static func inMemory() throws -> Store {
        let queue = try DatabaseQueue(configuration: configuration(wal: false))
        try Schema.migrator.migrate(queue)
        return Store(inMemory: queue)
    }

    /// A copy of this store's records in memory: the app's tests start many apps from the
    /// same records without writing them again for each.
    public func copyInMemory() throws -> Store {
        let copy = try DatabaseQueue(configuration: Store.configuration(wal: false))
        try queue.backup(to: copy)
        return Store(inMemory: copy)
    }

    /// `$XDG_DATA_HOME/rehab/rehab.sqlite` when XDG_DATA_HOME is an absolute path (the XDG spec
    /// says to ignore a relative one), else `$HOME/.local/share/rehab/rehab.sqlite`.
    public static func defaultPath(environment: [String: String]) -> String {
        if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") {
            return join(xdg, "rehab/rehab.sqlite")
        }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return join(home, ".local/share/rehab/rehab.sqlite")
    }

    private static func join(_ directory: String, _ rest: String) -> String {
        directory.hasSuffix("/") ? directory + rest : directory + "/" + rest
    }

    static func configuration(wal: Bool) -> Configuration {
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(5)
        config.prepareDatabase { db in
            // Set here rather than with `journalMode = .wal`, which also sets synchronous =
            // NORMAL: WAL with NORMAL may lose the last commits on power loss; a health log
            // should not.
            if wal {
                let mode = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
                guard mode == "wal" else {
                    throw DatabaseError(message: "could not switch to WAL (got \(mode ?? "nil"))")
                }
            }
            try db.execute(sql: "PRAGMA synchronous = FULL")
            // Deleted rows are overwritten with zeros, so a deleted patient leaves no text behind.
            try db.execute(sql: "PRAGMA secure_delete = ON")
        }
        return config
    }

    // MARK: - Opening

    /// Creates the directory (0700) and the file (0600) before SQLite does: under a 022 umask
    /// SQLite would make them readable by everyone. SQLite gives -wal and -shm the database's mode.
    static func preparePrivateFile(_ path: String) throws {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        let files = FileManager.default
        var isDirectory: ObjCBool = false
        if !files.fileExists(atPath: directory, isDirectory: &isDirectory) {
            do {
                try files.createDirectory(
                    atPath: directory, withIntermediateDirectories: true,
                    attributes: [.posixPermissions: 0o700])
                chmod(directory, 0o700)
            } catch {
                throw StoreError.cannotOpen(path: path, reason: "cannot create \(directory)")
            }
        } else if !isDirectory.boolValue {
            throw StoreError.cannotOpen(path: path, reason: "\(directory) is not a directory")
        }
        var info = stat()
        if stat(path, &info) == 0 {
            // Said plainly, instead of SQLite's "disk I/O error" or "permission denied".
            switch info.st_mode & S_IFMT {
            case S_IFREG: break
            case S_IFDIR:
                throw StoreError.cannotOpen(
                    path: path, reason: "it is a folder, not a database file")
            default:
                throw StoreError.cannotOpen(
                    path: path, reason: "not a regular file (a device, pipe or socket)")
            }
            try makePrivate(path)
            return
        }
        let fd = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
        if fd >= 0 {
            fchmod(fd, 0o600)
            close(fd)
        } else if errno == EEXIST {
            try makePrivate(path)
        } else {
            let reason = String(cString: strerror(errno))
            throw StoreError.cannotOpen(path: path, reason: reason)
        }
    }

    /// An existing database (made by an older rehab, copied in, or under a lax umask) and its
    /// side files are set to 0600 before any health data goes in; when that is not possible
    /// (someone else owns the file) the database is refused rather than written readable.
    static func makePrivate(_ path: String) throws {
        for file in [path, path + "-wal", path + "-shm", path + "-journal"] {
            var info = stat()
            guard stat(file, &info) == 0, info.st_mode & 0o077 != 0 else { continue }
            guard chmod(file, 0o600) == 0 else {
                let mode = String(info.st_mode & 0o777, radix: 8)
                throw StoreError.cannotOpen(
                    path: path,
                    reason: "\(file) can be read by others (mode 0\(mode)) and cannot be made "
                        + "private (\(String(cString: strerror(errno)))); run chmod 600 on it")
            }
        }
    }

    /// Looks at an existing file through a read-only connection, so a database from a newer
    /// rehab is refused before anything could write to it.
    static func refuseIfNewer(_ path: String) throws {
        var info = stat()
        guard stat(path, &info) == 0, info.st_size > 0 else { return }
        var config = configuration(wal: false)
        config.readonly = true
        let unknown: [String]
        do {
            let reader = try DatabaseQueue(path: path, configuration: config)
            unknown = try reader.read(unknownMigrations)
            try reader.close()
        } catch {
            throw StoreError.cannotOpen(path: path, reason: describe(error))
        }
        if !unknown.isEmpty {
            throw StoreError.newerDatabase(path: path, version: unknown.joined(separator: ", "))
        }
    }

    /// Migrations a later rehab applied that this build does not know, sorted.
    static func unknownMigrations(_ db: Database) throws -> [String] {
        let known = Set(Schema.identifiers)
        return try Schema.migrator.appliedIdentifiers(db).filter { !known.contains($0) }.sorted()
    }

    /// Whether the file is an SQLite database in WAL mode: its header's read and write
    /// versions (bytes 18 and 19) are 2. Anything unreadable or shorter says no.
    static func isInWALMode(_ path: String) -> Bool {
        guard let file = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? file.close() }
        guard let header = try? file.read(upToCount: 20), header.count == 20 else { return false }
        return header.starts(with: Array("SQLite format 3\0".utf8)) && header[18] == 2
            && header[19] == 2
    }

    static func describe(_ error: any Error) -> String {
        if let db = error as? DatabaseError {
            return db.message ?? "\(db.resultCode)"
        }
        return "\(error)"
    }

    // MARK: - Patients

    public func patients(includeArchived: Bool) throws -> [PatientRecord] {
        try queue.read { db in
            let sql =
                "SELECT id, name, language, archived FROM patient"
                + (includeArchived ? "" : " WHERE archived = 0")
                + " ORDER BY name COLLATE NOCASE, id"
            return try Row.fetchAll(db, sql: sql).map(Store.patient(from:))
        }
    }

    public func addPatient(name: String, language: Language?) throws -> PatientRecord {
        let name = try RecordCheck.name(name, field: "name")
        return try queue.write { db in
            try Store.refuseDuplicate(db, name: name, except: nil)
            try db.execute(
                sql: "INSERT INTO patient (name, language) VALUES (?, ?)",
                arguments: [name, language?.rawValue])
            return PatientRecord(
                id: db.lastInsertedRowID, name: name, language: language, archived: false)
        }
    }

    public func renamePatient(id: Int64, to newName: String) throws {
        let name = try RecordCheck.name(newName, field: "name")
        try queue.write { db in
            _ = try Store.patientName(db, id: id)
            try Store.refuseDuplicate(db, name: name, except: id)
            try db.execute(sql: "UPDATE patient SET name = ? WHERE id = ?", arguments: [name, id])
        }
    }

    public func archivePatient(id: Int64, archived: Bool) throws {
        try queue.write { db in
            _ = try Store.patientName(db, id: id)
            try db.execute(
                sql: "UPDATE patient SET archived = ? WHERE id = ?", arguments: [archived, id])
        }
    }

    /// Deletes the patient and every row about them, then rewrites the file so their name and
    /// notes are gone from the bytes on disk too (WAL truncated, free pages vacuumed away).
    public func deletePatient(id: Int64) throws {
        try queue.writeWithoutTransaction { db in
            try db.inTransaction {
                _ = try Store.patientName(db, id: id)
                try db.execute(sql: "DELETE FROM patient WHERE id = ?", arguments: [id])
                return .commit
            }
            try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
            try db.execute(sql: "VACUUM")
            try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
        }
    }

    static func patient(from row: Row) -> PatientRecord {
        PatientRecord(
            id: row["id"], name: row["name"],
            language: (row["language"] as String?).flatMap(Language.init(rawValue:)),
            archived: row["archived"])
    }

    /// A read of one patient's records, an unknown patient refused first.
    func read<T>(patient id: Int64, _ body: (Database) throws -> T) throws -> T {
        try queue.read { db in
            _ = try Store.patientName(db, id: id)
            return try body(db)
        }
    }

    /// A write to one patient's records, as `read(patient:_:)`.
    func write<T>(patient id: Int64, _ body: (Database) throws -> T) throws -> T {
        try queue.write { db in
            _ = try Store.patientName(db, id: id)
            return try body(db)
        }
    }

    static func patientName(_ db: Database, id: Int64) throws -> String {
        guard
            // Cached: every per-patient read checks the patient first, a list hundreds of times.
            let name = try String.fetchOne(
                db.cachedStatement(sql: "SELECT name FROM patient WHERE id = ?"),
                arguments: [id])
        else { throw StoreError.unknownPatient("#\(id)") }
        return name
    }

    /// One name per person: compared as `Naming` compares (NFC, every letter case-folded),
    /// since SQLite's NOCASE knows only A-Z and compares bytes.
    static func refuseDuplicate(_ db: Database, name: String, except id: Int64?) throws {
        let key = Naming.key(name)
        let rows = try Row.fetchAll(db, sql: "SELECT id, name FROM patient")
        for row in rows where Naming.key(row["name"]) == key {
            let other: Int64 = row["id"]
            if other != id { throw StoreError.duplicatePatient(name) }
        }
    }
}

extension Store: RehabRepository {
    public var keepsCheckpoints: Bool { true }
    /// One runner's own file: they decide for themselves.
    public var readerDecidesCare: Bool { true }
}
