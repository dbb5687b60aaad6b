import Foundation
import Testing

/// Every file a user names is written atomically beside its target, never over the database or
/// its side files, never over an existing file or through a link without --force; a refusal
/// leaves the database and any earlier file byte for byte as they were.
struct OutputFileTests {
    struct Case: CustomTestStringConvertible, Sendable {
        /// `$DB` is the database path, `$DIR` the test's folder.
        let arguments: [String]
        let mentions: [String]
        var testDescription: String { arguments.joined(separator: " ") }
    }

    static let cases: [Case] = [
        Case(
            arguments: ["export", "--format", "json", "--output", "$DB"],
            mentions: ["output", "is the database"]),
        Case(
            arguments: ["export", "--format", "csv", "--output", "$DB", "--force"],
            mentions: ["output", "is the database"]),
        Case(
            arguments: ["export", "--all", "--output", "$DB-wal", "--force"],
            mentions: ["-wal", "is the database"]),
        Case(
            arguments: ["export", "--all", "--output", "$DB-shm"],
            mentions: ["-shm", "is the database"]),
        Case(
            arguments: ["export", "--all", "--output", "$DB-journal"],
            mentions: ["-journal", "is the database"]),
        Case(
            arguments: [
                "export", "--all", "--output", "$DIR/data/../data/./rehab.sqlite", "--force",
            ], mentions: ["is the database"]),
        Case(
            arguments: ["export", "--all", "--output", "$DIR/dblink", "--force"],
            mentions: ["dblink", "is the database"]),
        Case(arguments: ["report", "--output", "$DB"], mentions: ["output", "is the database"]),
        Case(
            arguments: ["report", "--format", "html", "--output", "$DB", "--force"],
            mentions: ["is the database"]),
        Case(
            arguments: ["plans", "export", "--output", "$DB"],
            mentions: ["output", "is the database"]),
        Case(
            arguments: ["plans", "export", "--output", "$DB-wal", "--force"],
            mentions: ["is the database"]),
        Case(arguments: ["backup", "$DB", "--force"], mentions: ["file", "is the database"]),
        Case(
            arguments: ["backup", "$DIR/dblink", "--replace"],
            mentions: ["file", "is the database"]),
        Case(
            arguments: ["export", "--all", "--output", "$DIR/earlier.json"],
            mentions: ["earlier.json", "already exists", "--force"]),
        Case(
            arguments: ["report", "--output", "$DIR/earlier.json"],
            mentions: ["earlier.json", "already exists", "--force"]),
        Case(
            arguments: ["plans", "export", "--output", "$DIR/earlier.json"],
            mentions: ["earlier.json", "already exists"]),
        Case(
            arguments: ["backup", "$DIR/earlier.json"],
            mentions: ["earlier.json", "already exists", "--force"]),
        Case(
            arguments: ["export", "--all", "--output", "$DIR/link-to-earlier"],
            mentions: ["link-to-earlier", "symbolic link"]),
        Case(
            arguments: ["report", "--output", "$DIR/link-to-earlier"], mentions: ["symbolic link"]),
        Case(arguments: ["backup", "$DIR/link-to-earlier"], mentions: ["symbolic link"]),
        Case(
            arguments: ["export", "--all", "--output", "/dev/null", "--force"],
            mentions: ["/dev/null", "not a regular file"]),
        Case(
            arguments: ["export", "--all", "--output", "$DIR/zero", "--force"],
            mentions: ["zero", "not a regular file"]),
        Case(
            arguments: ["report", "--output", "$DIR", "--force"], mentions: ["not a regular file"]),
        Case(
            arguments: ["export", "--all", "--output", "$DIR/missing/out.json"],
            mentions: ["missing", "does not exist"]),
        // Reading: a device named like an export would be read forever.
        Case(
            arguments: ["import", "$DIR/zero.json"], mentions: ["zero.json", "not a regular file"]),
    ]

    static func prepared() throws -> Rehab {
        let rehab = try Rehab()
        try rehab.run(["patients", "add", "Sam"])
        try rehab.run(["start", "itbs", "--date", "2026-02-16"])
        try rehab.run([
            "log", "--activity", "walk", "--minutes", "30", "--pain-during", "1", "--pain-after",
            "1",
        ])
        let dir = rehab.directory.path
        try Data("earlier export\n".utf8).write(to: URL(fileURLWithPath: dir + "/earlier.json"))
        try FileManager.default.createSymbolicLink(
            atPath: dir + "/dblink", withDestinationPath: rehab.databasePath)
        try FileManager.default.createSymbolicLink(
            atPath: dir + "/link-to-earlier", withDestinationPath: dir + "/earlier.json")
        try FileManager.default.createSymbolicLink(
            atPath: dir + "/zero", withDestinationPath: "/dev/zero")
        try FileManager.default.createSymbolicLink(
            atPath: dir + "/zero.json", withDestinationPath: "/dev/zero")
        return rehab
    }

    @Test(arguments: cases)
    func refusedAndNothingChanges(_ badCase: Case) throws {
        let rehab = try Self.prepared()
        defer { rehab.cleanUp() }
        let dir = rehab.directory.path
        let arguments = badCase.arguments.map {
            $0.replacingOccurrences(of: "$DB", with: rehab.databasePath)
                .replacingOccurrences(of: "$DIR", with: dir)
        }
        let before = rehab.databaseBytes()
        let listing = try FileManager.default.contentsOfDirectory(atPath: dir).sorted()

        let result = try rehab.run(arguments)

        #expect(result.status == 1, "\(result)")
        for fragment in badCase.mentions {
            #expect(
                result.stderr.lowercased().contains(fragment.lowercased()),
                "should mention '\(fragment)': \(result)")
        }
        #expect(rehab.databaseBytes() == before, "the database changed")
        #expect(
            FileManager.default.contents(atPath: dir + "/earlier.json")
                == Data("earlier export\n".utf8))
        // No temporary file is left behind, and nothing new appears.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == listing)
        let status = try rehab.run(["status"])
        #expect(status.status == 0, "the database no longer opens: \(status)")
    }

    @Test func forceReplacesAFileAndALinkButNeverItsTarget() throws {
        let rehab = try Self.prepared()
        defer { rehab.cleanUp() }
        let dir = rehab.directory.path
        let replaced = try rehab.run([
            "export", "--all", "--output", dir + "/earlier.json", "--force",
        ])
        #expect(replaced.status == 0, "\(replaced)")
        let text = String(
            decoding: FileManager.default.contents(atPath: dir + "/earlier.json") ?? Data(),
            as: UTF8.self)
        #expect(text.contains("\"Sam\""))
        #expect(try permissions(dir + "/earlier.json") == 0o600)

        try Data("kept\n".utf8).write(to: URL(fileURLWithPath: dir + "/target.txt"))
        try FileManager.default.createSymbolicLink(
            atPath: dir + "/link", withDestinationPath: dir + "/target.txt")
        let throughLink = try rehab.run(["report", "--output", dir + "/link", "--force"])
        #expect(throughLink.status == 0, "\(throughLink)")
        #expect(FileManager.default.contents(atPath: dir + "/target.txt") == Data("kept\n".utf8))
        let attributes = try FileManager.default.attributesOfItem(atPath: dir + "/link")
        #expect(attributes[.type] as? FileAttributeType == .typeRegular)

        let backup = try rehab.run(["backup", dir + "/earlier.json", "--force"])
        #expect(backup.status == 0, "\(backup)")
        let header = FileManager.default.contents(atPath: dir + "/earlier.json")?.prefix(15)
        #expect(header == Data("SQLite format 3".utf8))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir).filter {
            $0.hasSuffix(".tmp") || $0.contains("-journal")
        }
        #expect(leftovers.isEmpty, "\(leftovers)")
    }
}

/// A full disk: a tmpfs of 64 KiB filled to the brim (root in a container may mount one;
/// elsewhere the test is skipped and says so).
struct FullDiskTests {
    static func mountFull(_ folder: String) -> Bool {
        let mount = Process()
        mount.executableURL = URL(fileURLWithPath: "/bin/mount")
        mount.arguments = ["-t", "tmpfs", "-o", "size=64k", "tmpfs", folder]
        mount.standardError = FileHandle.nullDevice
        guard (try? mount.run()) != nil else { return false }
        mount.waitUntilExit()
        guard mount.terminationStatus == 0 else { return false }
        // Fill it: writes stop at ENOSPC.
        let fd = open(folder + "/filler", O_WRONLY | O_CREAT, 0o600)
        let block = [UInt8](repeating: 0, count: 4096)
        while write(fd, block, block.count) > 0 {}
        close(fd)
        return true
    }

    static func unmount(_ folder: String) {
        let umount = Process()
        umount.executableURL = URL(fileURLWithPath: "/bin/umount")
        umount.arguments = [folder]
        try? umount.run()
        umount.waitUntilExit()
    }

    @Test func aFullDiskLeavesNoPartialFileAndTheEarlierOneIntact() throws {
        let rehab = try Rehab()
        defer { rehab.cleanUp() }
        try rehab.run(["patients", "add", "Sam"])
        try rehab.run(["start", "itbs", "--date", "2026-02-16"])
        for day in 20...26 {
            try rehab.run([
                "log", "--activity", "walk", "--minutes", "30", "--pain-during", "1",
                "--pain-after", "1", "--date", "2026-02-\(day)",
                "--note", String(repeating: "n", count: 1500),
            ])
        }
        let full = rehab.directory.appendingPathComponent("full").path
        try FileManager.default.createDirectory(atPath: full, withIntermediateDirectories: true)
        // The earlier export goes in before the disk fills up.
        let mounted = FullDiskTests.mountFull(full)
        guard mounted else {
            print("FullDiskTests: skipped, cannot mount a tmpfs here (needs root in a container)")
            return
        }
        defer { FullDiskTests.unmount(full) }
        unlink(full + "/filler")
        try Data("earlier\n".utf8).write(to: URL(fileURLWithPath: full + "/out.json"))
        let fd = open(full + "/filler", O_WRONLY | O_CREAT, 0o600)
        let block = [UInt8](repeating: 0, count: 1024)
        while write(fd, block, block.count) > 0 {}
        close(fd)
        let before = rehab.databaseBytes()
        let listing = try FileManager.default.contentsOfDirectory(atPath: full).sorted()

        for arguments in [
            ["export", "--all", "--output", full + "/out.json", "--force"],
            ["export", "--format", "csv", "--output", full + "/new.csv"],
            ["report", "--output", full + "/out.json", "--force"],
            ["backup", full + "/copy.sqlite"],
            ["plans", "export", "--output", full + "/plan.yaml"],
        ] {
            let result = try rehab.run(arguments)
            #expect(result.status == 1, "\(arguments): \(result)")
            #expect(result.stderr.contains("the disk is full"), "\(arguments): \(result)")
            #expect(
                FileManager.default.contents(atPath: full + "/out.json") == Data("earlier\n".utf8))
            #expect(try FileManager.default.contentsOfDirectory(atPath: full).sorted() == listing)
        }
        #expect(rehab.databaseBytes() == before)
    }
}

/// A database someone left readable (copied in, made by an older rehab, a lax umask) is made
/// private before health data goes into it.
struct ExistingDatabaseTests {
    @Test func aReadableDatabaseAndItsSideFilesBecome0600() throws {
        let rehab = try Rehab()
        defer { rehab.cleanUp() }
        try rehab.run(["patients", "add", "Sam"])
        try rehab.run(["start", "itbs", "--date", "2026-02-16"])
        let db = rehab.databasePath
        chmod(db, 0o644)
        for side in ["-wal", "-shm"] {
            _ = FileManager.default.createFile(atPath: db + side, contents: nil)
            chmod(db + side, 0o644)
        }
        #expect(try permissions(db) == 0o644)
        let logged = try rehab.run([
            "log", "--activity", "walk", "--minutes", "30", "--pain-during", "1", "--pain-after",
            "1",
        ])
        #expect(logged.status == 0, "\(logged)")
        #expect(try permissions(db) == 0o600)
        for side in ["-wal", "-shm"] where exists(db + side) {
            #expect(try permissions(db + side) == 0o600, "\(side)")
        }
    }
}
