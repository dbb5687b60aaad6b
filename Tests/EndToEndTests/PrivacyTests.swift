import Foundation
import Testing

/// A health log stays private and can be removed for good: file modes under a lax umask, the
/// XDG data directory, durability settings, export of every table, deletion down to the bytes,
/// and a database from a newer rehab left alone.
struct PrivacyTests {
    @Test func filesArePrivateUnderUmask022() throws {
        let rehab = try Rehab()
        defer { rehab.cleanUp() }
        let dataDir = rehab.directory.appendingPathComponent("data").path
        let first = try rehab.runLaunched(["start", "itbs", "--date", "2026-02-16"], umask: "022")
        #expect(first.status == 0, "\(first)")
        #expect(try permissions(dataDir) == 0o700)
        #expect(try permissions(rehab.databasePath) == 0o600)

        // -wal and -shm live only while a connection is open: kill writers until one leaves
        // both behind, as a crash would. Up to 600 tries: on a loaded machine a writer may be
        // killed before it opens the database (200 once ran out while two builds ran).
        let wal = rehab.databasePath + "-wal"
        let shm = rehab.databasePath + "-shm"
        var attempt = 0
        while attempt < 600 && !(exists(wal) && exists(shm)) {
            let writer = try rehab.launch(
                CrashSafetyTests.logArguments(note: "p-\(attempt)"), umask: "022")
            usleep(UInt32(10_000 + (attempt % 8) * 5_000))
            kill(writer.process.processIdentifier, SIGKILL)
            writer.process.waitUntilExit()
            attempt += 1
        }
        #expect(exists(wal) && exists(shm), "no kill left -wal and -shm in \(attempt) tries")
        if exists(wal) { #expect(try permissions(wal) == 0o600) }
        if exists(shm) { #expect(try permissions(shm) == 0o600) }

        // An export to a file and a backup are private too.
        let export = rehab.directory.appendingPathComponent("out.json").path
        let exported = try rehab.runLaunched(["export", "--all", "--output", export], umask: "022")
        #expect(exported.status == 0, "\(exported)")
        #expect(try permissions(export) == 0o600)
        let copy = rehab.directory.appendingPathComponent("safe/copy.sqlite").path
        let backup = try rehab.runLaunched(["backup", copy], umask: "022")
        #expect(backup.status == 0, "\(backup)")
        #expect(try permissions(copy) == 0o600)
        #expect(try permissions(rehab.directory.appendingPathComponent("safe").path) == 0o700)
    }

    @Test func xdgDataHomeIsHonouredAndARelativeOneIgnored() throws {
        let rehab = try Rehab()
        defer { rehab.cleanUp() }
        let folder = rehab.directory.appendingPathComponent("cwd")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let xdg = rehab.directory.appendingPathComponent("xdg").path

        let absolute = try rehab.runLaunched(
            ["patients", "add", "Sam"], environment: ["REHAB_DB": "", "XDG_DATA_HOME": xdg],
            umask: "022", in: folder)
        #expect(absolute.status == 0, "\(absolute)")
        #expect(exists(xdg + "/rehab/rehab.sqlite"))
        #expect(try permissions(xdg + "/rehab") == 0o700)
        #expect(try permissions(xdg + "/rehab/rehab.sqlite") == 0o600)

        // The XDG spec says a relative path is invalid and must be ignored: HOME decides.
        let relative = try rehab.runLaunched(
            ["patients", "add", "Alex"],
            environment: ["REHAB_DB": "", "XDG_DATA_HOME": "relative/data"], umask: "022",
            in: folder)
        #expect(relative.status == 0, "\(relative)")
        let home = rehab.directory.path + "/.local/share/rehab"
        #expect(exists(home + "/rehab.sqlite"))
        #expect(try permissions(home) == 0o700)
        #expect(!exists(folder.path + "/relative"), "the relative XDG_DATA_HOME was used")
        // Alex went to HOME's database, not to the XDG one.
        #expect(try sqlite(xdg + "/rehab/rehab.sqlite", "SELECT name FROM patient") == "Sam")
        #expect(try sqlite(home + "/rehab.sqlite", "SELECT name FROM patient") == "Alex")
    }

    /// With synchronous = FULL a WAL commit is synced before rehab says "logged"; with NORMAL
    /// (GRDB's pool default) it would not be until a checkpoint. Seen from outside with strace,
    /// while a second connection keeps the WAL from being checkpointed and reset.
    @Test func everyCommitIsSyncedToDisk() throws {
        let rehab = try Rehab()
        defer { rehab.cleanUp() }
        #expect(try rehab.run(["start", "itbs", "--date", "2026-02-16"]).status == 0)
        let holder = try holdOpen(rehab.databasePath)
        defer {
            // SIGKILL: children of the test runner start with SIGTERM blocked.
            kill(holder.processIdentifier, SIGKILL)
            holder.waitUntilExit()
        }
        // Frames already in the WAL, so rehab's commit appends to it: a fresh WAL's header is
        // synced under NORMAL too, and would hide the difference. (Two flips: a real change
        // that leaves the row as it was.)
        _ = try sqlite(
            rehab.databasePath,
            "UPDATE patient SET archived = 1 - archived; UPDATE patient SET archived = 1 - archived"
        )
        let trace = rehab.directory.appendingPathComponent("strace.txt").path
        let strace = Process()
        strace.executableURL = URL(fileURLWithPath: "/usr/bin/strace")
        strace.arguments =
            ["-f", "-y", "-e", "trace=fsync,fdatasync", "-o", trace, Rehab.binary.path]
            + CrashSafetyTests.logArguments(note: "synced")
        strace.environment = rehab.environment()
        strace.currentDirectoryURL = Rehab.repoRoot
        strace.standardOutput = FileHandle.nullDevice
        strace.standardError = FileHandle.nullDevice
        try strace.run()
        strace.waitUntilExit()
        #expect(strace.terminationStatus == 0, "strace (installed by .ci/run) or rehab failed")
        let calls = (try? String(contentsOfFile: trace, encoding: .utf8)) ?? ""
        let walSyncs = calls.split(separator: "\n").filter {
            $0.contains("sync(") && $0.contains("rehab.sqlite-wal>")
        }
        #expect(!walSyncs.isEmpty, "the commit was not synced:\n\(calls)")
        #expect(try noteCounts(rehab.databasePath)["synced"] == 1)
    }

    /// Foreign keys are on in the process: deleting a patient cascades to every table, which
    /// SQLite only does with `foreign_keys = ON`. Then the bytes are gone from the file too.
    @Test func deletingAPatientRemovesTheirRowsAndBytes() throws {
        let rehab = try Rehab()
        defer { rehab.cleanUp() }
        let secretName = "Zebediah Quuxworth"
        let secretNote = "knie-geheim-0xC0FFEE"
        #expect(try rehab.run(["patients", "add", secretName]).status == 0)
        #expect(try rehab.run(["patients", "add", "Alex"]).status == 0)
        for who in [secretName, "Alex"] {
            let start = try rehab.run(["start", "itbs", "--date", "2026-02-16", "--patient", who])
            #expect(start.status == 0, "\(start)")
        }
        for day in 17...28 {
            let log = try rehab.run(
                CrashSafetyTests.logArguments(note: "\(secretNote) day \(day)")
                    + ["--patient", secretName, "--date", "2026-02-\(day)", "--shoe", "Pegasus"])
            #expect(log.status == 0, "\(log)")
        }
        #expect(try rehab.run(["morning", "2", "--patient", secretName]).status == 0)
        #expect(
            try rehab.run(CrashSafetyTests.logArguments(note: "alex note") + ["--patient", "Alex"])
                .status == 0)

        let before = rehab.databaseBytes()
        let refused = try rehab.run(["patients", "delete", secretName])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("--yes"), "\(refused)")
        #expect(refused.stderr.contains("sessions: 12"), "names what will go: \(refused)")
        #expect(refused.stderr.contains("morning checks: 1"), "\(refused)")
        #expect(refused.stderr.contains("shoes: 1"), "\(refused)")
        #expect(rehab.databaseBytes() == before, "refusal changed the database")
        // A prefix is not enough to delete someone.
        let prefix = try rehab.run(["patients", "delete", "Zeb", "--yes"])
        #expect(prefix.status == 1, "\(prefix)")
        #expect(rehab.databaseBytes() == before)

        let deleted = try rehab.run(["patients", "delete", secretName.uppercased(), "--yes"])
        #expect(deleted.status == 0, "\(deleted)")
        #expect(deleted.stdout.contains("deleted '\(secretName)'"), "\(deleted)")

        let db = rehab.databasePath
        for table in ["assignment", "phase_change", "session", "morning_check", "shoe"] {
            let orphans = try sqlite(
                db, "SELECT count(*) FROM \(table) WHERE patient_id NOT IN (SELECT id FROM patient)"
            )
            #expect(orphans == "0", "\(table) keeps rows of the deleted patient")
        }
        #expect(try sqlite(db, "SELECT count(*) FROM session") == "1")
        #expect(try sqlite(db, "SELECT name FROM patient") == "Alex")
        #expect(try sqlite(db, "PRAGMA freelist_count") == "0", "free pages were not vacuumed")
        for file in [db, db + "-wal"] {
            guard let bytes = FileManager.default.contents(atPath: file) else { continue }
            for secret in [secretName, secretNote, "Pegasus"] {
                #expect(
                    bytes.range(of: Data(secret.utf8)) == nil, "\(secret) is still in \(file)")
            }
        }
        #expect(rehab.databaseBytes()?.range(of: Data("alex note".utf8)) != nil)
    }

    @Test func exportAllWritesEveryTable() throws {
        let rehab = try Rehab()
        defer { rehab.cleanUp() }
        // An import is the one path that sets overrides from the command line.
        let imported = try rehab.run(["import", "Tests/EndToEndTests/Fixtures/every-table.json"])
        #expect(imported.status == 0, "\(imported)")
        let all = try rehab.run(["export", "--all"])
        #expect(all.status == 0, "\(all)")
        let json = try rehab.run(["export", "--format", "json"])
        #expect(all.stdout == json.stdout, "--all is the JSON export")

        let object = try JSONSerialization.jsonObject(with: Data(all.stdout.utf8))
        let patient = value(object, "patients", "0")
        #expect(value(patient, "name") as? String == "Every Table")
        #expect(value(patient, "assignment", "plan_id") as? String == "itbs")
        #expect(
            value(patient, "assignment", "overrides", "thresholds", "pain_safe_max") as? Int == 2)
        #expect((value(patient, "assignment", "phase_history") as? [Any])?.count == 2)
        #expect(value(patient, "sessions", "0", "note") as? String == "first run back")
        #expect(value(patient, "sessions", "0", "flags", "0") as? String == "locking")
        #expect(value(patient, "mornings", "0", "pain") as? Int == 3)
        #expect(value(patient, "clearings", "0", "reason") as? String == "GP: may continue")
        #expect(value(patient, "shoes", "0", "name") as? String == "Pegasus")
        #expect(value(object, "patients", "1", "archived") as? Bool == true)

        // What --all exports imports again into an empty database as the same document.
        let file = rehab.directory.appendingPathComponent("all.json").path
        #expect(try rehab.run(["export", "--all", "--output", file]).status == 0)
        let other = rehab.directory.appendingPathComponent("other.sqlite").path
        let again = try rehab.run(["import", file], environment: ["REHAB_DB": other])
        #expect(again.status == 0, "\(again)")
        let second = try rehab.run(["export", "--all"], environment: ["REHAB_DB": other])
        #expect(second.stdout == all.stdout)
    }

    @Test func newerDatabaseIsRefusedAndLeftUnchanged() throws {
        let rehab = try Rehab()
        defer { rehab.cleanUp() }
        #expect(try rehab.run(["start", "itbs", "--date", "2026-02-16"]).status == 0)
        // What a future rehab would leave: a migration this build does not know.
        let db = rehab.databasePath
        _ = try sqlite(db, "INSERT INTO grdb_migrations (identifier) VALUES ('v999-future')")
        #expect(
            try sqlite(db, "SELECT count(*) FROM grdb_migrations WHERE identifier LIKE 'v999%'")
                == "1")
        let before = rehab.databaseBytes()
        for arguments in [
            ["status"], CrashSafetyTests.logArguments(note: "from the past"),
            ["patients", "add", "Kim"], ["backup", rehab.directory.path + "/copy.sqlite"],
        ] {
            let result = try rehab.run(arguments)
            #expect(result.status == 1, "\(arguments): \(result)")
            #expect(result.stderr.contains("newer version of rehab"), "\(result)")
            #expect(result.stderr.contains("left unchanged"), "\(result)")
            #expect(rehab.databaseBytes() == before, "\(arguments) changed the database")
            // SQLite may leave an empty -wal beside a WAL database it only read.
            let wal = FileManager.default.contents(atPath: db + "-wal")
            #expect(wal == nil || wal?.isEmpty == true, "\(arguments) wrote to the WAL")
        }
        #expect(!exists(rehab.directory.path + "/copy.sqlite"))
    }
}

func permissions(_ path: String) throws -> Int {
    let attributes = try FileManager.default.attributesOfItem(atPath: path)
    return ((attributes[.posixPermissions] as? NSNumber)?.intValue ?? -1) & 0o777
}

func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }

/// A sqlite3 shell with the database open and a read transaction running, so rehab's
/// connection is not the last one and cannot checkpoint the WAL away at exit.
func holdOpen(_ database: String) throws -> Process {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
    process.arguments = ["-batch", database]
    let input = Pipe()
    process.standardInput = input
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    // The shell opens the file lazily: read a table so it really does.
    input.fileHandleForWriting.write(Data("SELECT count(*) FROM patient;\n".utf8))
    // Its output is buffered, so wait for the -shm file its connection creates instead.
    for _ in 0..<500 where !exists(database + "-shm") { usleep(10_000) }
    #expect(exists(database + "-shm"), "sqlite3 did not open the database")
    return process
}
