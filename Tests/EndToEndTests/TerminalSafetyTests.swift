import Foundation
import Testing

/// Text a user supplied never reaches the terminal raw. The database here is written behind
/// rehab's back (an older version, another tool) with escape sequences and a bidi override in
/// a name, a note and a clearing reason; every command that shows them shows them visibly.
struct TerminalSafetyTests {
    static let name = "S\u{1B}[2Jam"
    static let note = "n\u{1B}]52;c;ZWNobw==\u{07} \u{202E}evil"
    static let reason = "GP\u{1B}]0;pwned\u{07}"

    static func hostile() throws -> Rehab {
        let rehab = try Rehab()
        try rehab.run(["patients", "add", "Sam"])
        try rehab.run(["start", "itbs", "--date", "2026-02-16"])
        try rehab.run([
            "log", "--activity", "walk", "--minutes", "30", "--pain-during", "1", "--pain-after",
            "1", "--flag", "fever",
        ])
        try rehab.run(["clear-flags", "--reason", "GP"])
        func quoted(_ text: String) -> String {
            "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
        }
        _ = try sqlite(
            rehab.databasePath,
            """
            UPDATE patient SET name = \(quoted(name));
            UPDATE session SET note = \(quoted(note));
            UPDATE flag_clearing SET reason = \(quoted(reason));
            """)
        return rehab
    }

    static func raw(_ text: String) -> Bool {
        text.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\u{07}" || $0 == "\u{202E}" }
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3")))
    func everyHumanPathShowsControlsVisibly() throws {
        let rehab = try Self.hostile()
        defer { rehab.cleanUp() }
        #expect(
            try sqlite(
                rehab.databasePath,
                "SELECT count(*) FROM session WHERE note LIKE '%' || char(27) || '%'") == "1")
        for arguments in [
            ["status"], ["patients"], ["week"], ["report"], ["report", "--format", "html"],
            ["status", "--patient", "Nobody\u{1B}[2J"], ["plans", "show", "itbs\u{1B}[2J"],
            ["patients", "add", "Kim\u{1B}"],
        ] {
            let result = try rehab.run(arguments)
            #expect(!Self.raw(result.stdout) && !Self.raw(result.stderr), "\(arguments): \(result)")
        }
        let status = try rehab.run(["status"])
        #expect(status.stdout.contains("S^[[2Jam"), "\(status)")
        let report = try rehab.run(["report"])
        // The Markdown escape of "[" comes first, then the ESC is shown.
        #expect(report.stdout.contains("S^[\\[2Jam"), "\(report)")
    }

    /// JSON keeps the data: the same characters as \u escapes, which decode to the original.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3")))
    func jsonEscapesLosslessly() throws {
        let rehab = try Self.hostile()
        defer { rehab.cleanUp() }
        for arguments in [["export", "--all"], ["status", "--json"], ["patients", "--json"]] {
            let result = try rehab.run(arguments)
            #expect(result.status == 0, "\(arguments): \(result)")
            #expect(!Self.raw(result.stdout), "\(arguments)")
            #expect((try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8))) != nil)
        }
        let export = try rehab.run(["export", "--all"])
        let object = try JSONSerialization.jsonObject(with: Data(export.stdout.utf8))
        #expect(value(object, "patients", "0", "name") as? String == Self.name)
        #expect(value(object, "patients", "0", "sessions", "0", "note") as? String == Self.note)
    }

    /// CSV to a pipe or a file is the data byte for byte (an export must import again); the
    /// same CSV to a terminal shows the controls.
    @Test(
        .enabled(
            if: FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3")
                && FileManager.default.isExecutableFile(atPath: "/usr/bin/script")))
    func csvIsRawToAPipeAndVisibleOnATerminal() throws {
        let rehab = try Self.hostile()
        defer { rehab.cleanUp() }
        let piped = try rehab.run(["export", "--format", "csv"])
        #expect(piped.stdout.contains(Self.note))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = [
            "-q", "-e", "-c", Rehab.binary.path + " export --format csv", "/dev/null",
        ]
        process.currentDirectoryURL = Rehab.repoRoot
        process.environment = [
            "PATH": "/usr/bin:/bin", "HOME": rehab.directory.path, "REHAB_DB": rehab.databasePath,
            "REHAB_TODAY": rehab.today, "LC_ALL": "en_US.UTF-8", "TERM": "dumb",
        ]
        let out = Pipe()
        process.standardOutput = out
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(text)")
        #expect(!Self.raw(text), "\(text)")
        #expect(text.contains("n^[]52;c;ZWNobw==^G <U+202E>evil"), "\(text)")
    }

    /// The Markdown report escapes HTML and link syntax in names and notes.
    @Test func markdownReportEscapesHTMLAndLinks() throws {
        let rehab = try Rehab()
        defer { rehab.cleanUp() }
        let name = "<img src=x onerror=alert(1)> [click](javascript:alert(2))"
        let added = try rehab.run(["patients", "add", name])
        #expect(added.status == 0, "\(added)")
        try rehab.run(["start", "itbs", "--date", "2026-02-16"])
        let report = try rehab.run(["report"])
        #expect(report.status == 0, "\(report)")
        #expect(!report.stdout.contains("<img"))
        #expect(!report.stdout.contains("[click]("))
        #expect(
            report.stdout.contains(
                "&lt;img src=x onerror=alert(1)&gt; \\[click\\](javascript:alert(2))"),
            "\(report.stdout)")
        let html = try rehab.run(["report", "--format", "html"])
        #expect(!html.stdout.contains("<img src=x"))
    }
}
