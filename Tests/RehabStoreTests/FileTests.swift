import Foundation
import GRDB
import RehabCore
import Testing

@testable import RehabFiles
@testable import RehabSQLite

/// Tests on a real file: modes, pragmas, refusal of newer databases, deletion that leaves no
/// trace, two writers, backup. Serialized because one of them changes the process umask.
@Suite(.serialized) struct FileTests {
    @Test func privateDirectoryAndFilesUnderUmask022() throws {
        let root = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let old = umask(0o022)
        defer { umask(old) }
        let path = root.appendingPathComponent("data/rehab/rehab.sqlite").path
        let store = try Store(path: path)
        _ = try store.addPatient(name: "Sam")
        #expect(mode(root.appendingPathComponent("data/rehab").path) == 0o700)
        #expect(mode(path) == 0o600)
        // The side files exist while the store is open; they must be private too.
        #expect(mode(path + "-wal") == 0o600)
        #expect(mode(path + "-shm") == 0o600)
        #expect(store.path == path)
    }

    @Test func writerPragmas() throws {
        let root = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let store = try Store(path: root.appendingPathComponent("rehab.sqlite").path)
        let (synchronous, foreignKeys, journal, timeout) = try store.queue.read { db in
            (
                try Int.fetchOne(db, sql: "PRAGMA synchronous"),
                try Int.fetchOne(db, sql: "PRAGMA foreign_keys"),
                try String.fetchOne(db, sql: "PRAGMA journal_mode"),
                try Int.fetchOne(db, sql: "PRAGMA busy_timeout")
            )
        }
        #expect(synchronous == 2)
        #expect(foreignKeys == 1)
        #expect(journal == "wal")
        #expect(timeout == 5000)
    }

    @Test func newerDatabaseIsRefusedAndUntouched() throws {
        let root = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let path = root.appendingPathComponent("rehab.sqlite").path
        do {
            let store = try Store(path: path)
            _ = try store.addPatient(name: "Sam")
        }
        // A later rehab adds a migration this build has never heard of.
        do {
            let queue = try DatabaseQueue(path: path)
            var newer = DatabaseMigrator()
            newer.registerMigration("v1") { _ in }
            newer.registerMigration("v2-goals") { db in
                try db.execute(sql: "CREATE TABLE goal (id INTEGER PRIMARY KEY)")
            }
            try newer.migrate(queue)
            try queue.close()
        }
        let before = bytes(path)
        #expect(!before.isEmpty)
        #expect(Store.isInWALMode(path))
        #expect(throws: StoreError.newerDatabase(path: path, version: "v2-goals")) {
            _ = try Store(path: path)
        }
        #expect(bytes(path) == before)
    }

    /// A database in another journal mode is looked at read-only before the real connection
    /// would switch it to WAL: refused as newer, with not a byte changed and no WAL made.
    @Test func newerDatabaseOutsideWALModeIsRefusedAndUntouched() throws {
        let root = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let path = root.appendingPathComponent("rehab.sqlite").path
        do {
            let queue = try DatabaseQueue(path: path)
            var newer = DatabaseMigrator()
            newer.registerMigration("v1") { _ in }
            newer.registerMigration("v3-later") { db in
                try db.execute(sql: "CREATE TABLE later (id INTEGER PRIMARY KEY)")
            }
            try newer.migrate(queue)
            try queue.close()
        }
        let before = bytes(path)
        #expect(!Store.isInWALMode(path))
        #expect(throws: StoreError.newerDatabase(path: path, version: "v3-later")) {
            _ = try Store(path: path)
        }
        #expect(bytes(path) == before)
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
    }

    @Test func notADatabaseIsRefused() throws {
        let root = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let path = root.appendingPathComponent("notes.txt").path
        try Data("just some notes, not SQLite at all\n".utf8).write(to: URL(fileURLWithPath: path))
        let before = bytes(path)
        let error = #expect(throws: StoreError.self) { _ = try Store(path: path) }
        if case .cannotOpen(let p, _) = error {
            #expect(p == path)
        } else {
            Issue.record("expected cannotOpen, got \(String(describing: error))")
        }
        #expect(bytes(path) == before)
    }

    @Test func deletedPatientLeavesNoTraceInTheFile() throws {
        let root = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let path = root.appendingPathComponent("rehab.sqlite").path
        let store = try Store(path: path)
        let keep = try store.addPatient(name: "Keep Me")
        let secretName = "Quokkaline Zeldenrust"
        let secretNote = "spreekuur-marker-7731 knie"
        let gone = try store.addPatient(name: secretName)
        for n in 0..<40 {
            try store.addSession(
                patientID: gone.id,
                Session(
                    date: day("2026-01-01").adding(days: n), activity: .run, km: 5,
                    minutes: 30, painDuring: 1, painAfter: 1, note: "\(secretNote) \(n)"))
        }
        try store.addClearing(
            patientID: gone.id, FlagClearing(date: day("2026-02-01"), reason: secretNote))
        try store.addSession(
            patientID: keep.id,
            Session(
                date: day("2026-01-01"), activity: .walk, minutes: 20, painDuring: 0,
                painAfter: 0, note: "kept note"))
        // Guard: the secrets are on disk before the delete (main file or WAL).
        let written = bytes(path) + bytes(path + "-wal")
        #expect(contains(written, secretNote))

        try store.deletePatient(id: gone.id)
        let after = bytes(path) + bytes(path + "-wal")
        #expect(!contains(after, secretName))
        #expect(!contains(after, secretNote))
        #expect(!contains(after, "spreekuur"))
        #expect(try store.history(patientID: keep.id).sessions.map(\.note) == ["kept note"])
    }

    @Test func twoStoresOnOneFileBothWrite() throws {
        let root = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let path = root.appendingPathComponent("rehab.sqlite").path
        let first = try Store(path: path)
        let second = try Store(path: path)
        let p = try first.addPatient(name: "Sam")
        // Interleaved one by one, then truly at the same time from two threads.
        for n in 0..<10 {
            let store = n % 2 == 0 ? first : second
            try store.addSession(
                patientID: p.id,
                Session(
                    date: day("2026-03-01"), activity: .walk, minutes: n + 1, painDuring: 0,
                    painAfter: 0))
            try store.setMorningCheck(
                patientID: p.id, MorningCheck(date: day("2026-03-01").adding(days: n), pain: 1))
        }
        let stores = [first, second]
        let failures = Failures()
        DispatchQueue.concurrentPerform(iterations: 2) { i in
            for n in 0..<50 {
                do {
                    try stores[i].addSession(
                        patientID: p.id,
                        Session(
                            date: day("2026-03-02"), activity: .cycle, minutes: 100 + n,
                            painDuring: 0, painAfter: 0, note: "thread \(i)"))
                } catch {
                    failures.add("\(error)")
                }
            }
        }
        #expect(failures.all.isEmpty)
        #expect(try first.history(patientID: p.id).sessions.count == 110)
        #expect(try second.history(patientID: p.id).mornings.count == 10)
        // A delete (checkpoint + VACUUM) while the other store is open still works.
        let ann = try second.addPatient(name: "Ann")
        try first.deletePatient(id: ann.id)
        #expect(try second.patients().map(\.name) == ["Sam"])
    }

    @Test func backupIsAnOpenablePrivateCopy() throws {
        let root = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let old = umask(0o022)
        defer { umask(old) }
        let path = root.appendingPathComponent("rehab.sqlite").path
        let store = try Store(path: path)
        try store.importAll(Archive(patients: [trickyPatient, plainPatient]))
        let copyPath = root.appendingPathComponent("backups/copy.sqlite").path
        try store.backup(to: copyPath)
        #expect(mode(copyPath) == 0o600)
        let copy = try Store(path: copyPath)
        #expect(try copy.exportAll() == store.exportAll())
        #expect(try copy.patients(includeArchived: true).count == 2)
        #expect(throws: OutputFileError(path: path, reason: .isDatabase)) {
            try store.backup(to: path, force: true)
        }
    }
}

/// Errors collected from several threads.
final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [String] = []

    func add(_ item: String) { lock.withLock { items.append(item) } }
    var all: [String] { lock.withLock { items } }
}
