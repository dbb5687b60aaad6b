import Foundation
import Testing

/// Every bad value is refused at the entry point: exit 1 (2 for usage), a message naming the
/// field, and the database byte for byte as it was.
struct BadInputTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let arguments: [String]
        let status: Int32
        /// Lowercased fragments the message must contain (the field, the value or the range).
        let mentions: [String]
        var environment: [String: String] = [:]
        var testDescription: String { arguments.joined(separator: " ") }
    }

    static let longNote = String(repeating: "x", count: 2001)
    static let log = [
        "log", "--activity", "run", "--km", "5", "--minutes", "30", "--pain-during", "2",
        "--pain-after", "2",
    ]

    static func logWith(_ replacements: [String: String], extra: [String] = []) -> [String] {
        var args = log
        for (option, value) in replacements {
            if let i = args.firstIndex(of: option) {
                args[i + 1] = value
            } else {
                args += [option, value]
            }
        }
        return args + extra
    }

    static let cases: [Case] = [
        Case(
            arguments: logWith(["--pain-during": "11"]), status: 1,
            mentions: ["pain-during", "11", "0", "10"]),
        Case(
            arguments: logWith(["--pain-during": "-1"]).map {
                $0 == "--pain-during" ? "--pain-during=-1" : $0
            }.filter { $0 != "-1" }, status: 1, mentions: ["pain-during", "-1"]),
        Case(
            arguments: logWith(["--pain-after": "abc"]), status: 1, mentions: ["pain-after", "abc"]),
        Case(
            arguments: logWith(["--pain-after": "2.5"]), status: 1, mentions: ["pain-after", "2.5"]),
        Case(arguments: logWith(["--km": "301"]), status: 1, mentions: ["km", "301", "300"]),
        Case(arguments: logWith(["--km": "5.123"]), status: 1, mentions: ["km", "5.123", "2"]),
        Case(arguments: logWith(["--km": "5,5"]), status: 1, mentions: ["km", "5,5"]),
        Case(arguments: logWith(["--km": "nan"]), status: 1, mentions: ["km", "nan"]),
        Case(
            arguments: logWith(["--minutes": "0"]), status: 1, mentions: ["minutes", "0", "1440"]),
        Case(arguments: logWith(["--minutes": "1441"]), status: 1, mentions: ["minutes", "1441"]),
        Case(
            arguments: logWith(["--minutes": "thirty"]), status: 1, mentions: ["minutes", "thirty"]),
        Case(
            arguments: logWith(["--activity": "jog"]), status: 1,
            mentions: ["activity", "jog", "run"]),
        Case(
            arguments: logWith(["--date": "2026-02-30"]), status: 1,
            mentions: ["date", "2026-02-30"]),
        Case(
            arguments: logWith(["--date": "03/01/2026"]), status: 1,
            mentions: ["date", "03/01/2026"]),
        Case(
            arguments: logWith(["--date": "2026-03-03"]), status: 1,
            mentions: ["date", "2026-03-03", "2026-03-02"]),
        Case(
            arguments: logWith(["--date": "2026-01-05"]), status: 1,
            mentions: ["date", "2026-01-05", "2026-02-16"]),
        Case(
            arguments: logWith(["--flag": "hurts_a_bit"]), status: 1,
            mentions: ["flag", "hurts_a_bit", "fever"]),
        Case(arguments: logWith(["--note": longNote]), status: 1, mentions: ["note", "2000"]),
        Case(arguments: logWith(["--shoe": "   "]), status: 1, mentions: ["shoe"]),
        Case(
            arguments: logWith(["--calf-raises": "0"]), status: 1, mentions: ["calf-raises", "0"]),
        Case(
            arguments: ["log", "--activity", "run", "--minutes", "30", "--pain-during", "2"],
            status: 2, mentions: ["pain-after"]),
        Case(arguments: ["morning", "11"], status: 1, mentions: ["pain", "11", "10"]),
        Case(arguments: ["morning", "mild"], status: 1, mentions: ["pain", "mild"]),
        Case(
            arguments: ["morning", "2", "--date", "2027-01-01"], status: 1,
            mentions: ["date", "2027-01-01"]),
        Case(
            arguments: ["morning", "2", "--flag", "Fever!"], status: 1,
            mentions: ["flag", "fever!"]),
        Case(arguments: ["start", "tennis_elbow"], status: 1, mentions: ["tennis_elbow", "itbs"]),
        Case(
            arguments: ["start", "itbs", "--variant", "chronic"], status: 1,
            mentions: ["variant", "chronic", "acute"]),
        Case(arguments: ["start", "itbs"], status: 1, mentions: ["already", "--replace"]),
        Case(
            arguments: ["start", "itbs", "--weekly-km", "lots", "--replace"], status: 1,
            mentions: ["weekly-km", "lots"]),
        Case(
            arguments: ["start", "itbs", "--date", "2026-04-01", "--replace"], status: 1,
            mentions: ["date", "2026-04-01"]),
        Case(
            arguments: ["start", "--plan-file", "nowhere/itbs_ann.yaml", "--replace"], status: 1,
            mentions: ["nowhere/itbs_ann.yaml:1:1", "cannot read"]),
        Case(
            arguments: ["start", "--plan-file", "plans", "--replace"], status: 1,
            mentions: ["plans:1:1", "not a regular file"]),
        Case(
            arguments: ["status", "--patient", "Nobody"], status: 1,
            mentions: ["patient", "nobody", "sam"]),
        Case(
            arguments: ["status", "--date", "2026-13-01"], status: 1,
            mentions: ["date", "2026-13-01"]),
        Case(
            arguments: ["status"], status: 1, mentions: ["rehab_today", "yesterday"],
            environment: ["REHAB_TODAY": "yesterday"]),
        Case(arguments: ["status", "--lang", "fr"], status: 1, mentions: ["lang", "fr"]),
        Case(arguments: ["patients", "add", ""], status: 1, mentions: ["name"]),
        Case(
            arguments: ["patients", "add", "sam"], status: 1, mentions: ["sam", "already exists"]),
        Case(arguments: ["week", "--weeks", "0"], status: 1, mentions: ["weeks", "0", "520"]),
        Case(arguments: ["week", "--weeks", "521"], status: 1, mentions: ["weeks", "521"]),
        Case(
            arguments: ["export", "--format", "xml"], status: 1, mentions: ["format", "xml", "csv"]),
        Case(
            arguments: ["import", "does-not-exist.json"], status: 1,
            mentions: ["does-not-exist.json"]),
        Case(
            arguments: ["import", "Tests/EndToEndTests/Fixtures/run.fit"], status: 1,
            mentions: [".fit"]),
        Case(
            arguments: ["import", "Tests/EndToEndTests/Fixtures/malformed.json"], status: 1,
            mentions: ["malformed.json", "nothing was stored"]),
        Case(
            arguments: ["import", "Tests/EndToEndTests/Fixtures/partial.json"], status: 1,
            mentions: ["partial.json", "nothing was stored"]),
        Case(
            arguments: ["import", "Tests/EndToEndTests/Fixtures/future.json"], status: 1,
            mentions: ["future.json", "2027-01-01", "session date"]),
        Case(
            arguments: ["import", "Tests/EndToEndTests/Fixtures/malformed.csv"], status: 1,
            mentions: ["malformed.csv", "nothing was stored"]),
        Case(arguments: ["advance", "--to", "nowhere"], status: 1, mentions: ["to", "nowhere"]),
        Case(arguments: ["advance"], status: 1, mentions: ["not ready", "--force"]),
        Case(arguments: ["clear-flags", "--reason", "  "], status: 1, mentions: ["reason"]),
        Case(
            arguments: ["clear-flags", "--reason", "GP"], status: 1, mentions: ["no open red flags"]
        ),
        Case(arguments: ["plans", "show", "nope"], status: 1, mentions: ["nope"]),
        Case(
            arguments: ["plans", "check", "Tests/EndToEndTests/Fixtures/bad-plan.yaml"], status: 1,
            mentions: ["bad-plan.yaml:"]),
        Case(arguments: ["log", "--activity"], status: 2, mentions: ["activity"]),
        // Deleting, copying and exporting everything.
        Case(
            arguments: ["patients", "delete", "Sam"], status: 1,
            mentions: ["--yes", "sam", "sessions: 1"]),
        Case(
            arguments: ["patients", "delete", "Nobody", "--yes"], status: 1,
            mentions: ["patient", "nobody", "sam"]),
        Case(
            arguments: ["patients", "delete", "Sa", "--yes"], status: 1,
            mentions: ["patient", "sa"]),
        Case(arguments: ["patients", "delete"], status: 2, mentions: ["name"]),
        Case(arguments: ["export"], status: 2, mentions: ["format", "--all"]),
        Case(
            arguments: ["export", "--all", "--format", "xml"], status: 1,
            mentions: ["format", "xml", "json"]),
        Case(arguments: ["backup"], status: 2, mentions: ["file"]),
        Case(
            arguments: ["backup", "Tests/EndToEndTests/Fixtures/malformed.json"], status: 1,
            mentions: ["file", "already exists", "--force"]),
        Case(
            arguments: ["backup", "/proc/no-such-dir/copy.sqlite"], status: 1,
            mentions: ["/proc/no-such-dir/copy.sqlite"]),
        // Imports: empty, wrong version, duplicate, too long, wrong type, not UTF-8, half good.
        Case(
            arguments: ["import", "Tests/EndToEndTests/Fixtures/empty.json"], status: 1,
            mentions: ["empty.json", "nothing was stored"]),
        Case(
            arguments: ["import", "Tests/EndToEndTests/Fixtures/empty.csv"], status: 1,
            mentions: ["empty.csv", "nothing was stored"]),
        Case(
            arguments: ["import", "Tests/EndToEndTests/Fixtures/wrong-version.json"], status: 1,
            mentions: ["version", "99", "nothing was stored"]),
        Case(
            arguments: ["import", "Tests/EndToEndTests/Fixtures/duplicate-patient.json"], status: 1,
            mentions: ["sam", "already exists", "nothing was stored"]),
        Case(
            arguments: ["import", "Tests/EndToEndTests/Fixtures/huge-note.json"], status: 1,
            mentions: ["lou", "note", "2000", "nothing was stored"]),
        Case(
            arguments: ["import", "Tests/EndToEndTests/Fixtures/wrong-types.json"], status: 1,
            mentions: ["pain_during", "nothing was stored"]),
        Case(
            arguments: ["import", "Tests/EndToEndTests/Fixtures/not-utf8.csv"], status: 1,
            mentions: ["not-utf8.csv", "utf-8"]),
        Case(
            arguments: ["import", "Tests/EndToEndTests/Fixtures/partial.csv"], status: 1,
            mentions: ["kim", "session 2", "pain_after", "12", "nothing was stored"]),
        // Data safety (issue 15): impossible runs, hostile text and names, odd database paths.
        Case(
            arguments: logWith(["--km": "250", "--minutes": "10"]), status: 1,
            mentions: ["km", "250", "10 min", "not plausible", "5.0 km"]),
        Case(
            arguments: logWith(["--activity": "walk", "--km": "20", "--minutes": "30"]), status: 1,
            mentions: ["km", "20", "not plausible"]),
        Case(
            arguments: logWith(["--note": "a\u{1B}]52;c;ZWNobw==\u{07}b"]), status: 1,
            mentions: ["note", "u+001b", "control"]),
        Case(
            arguments: logWith(["--note": "clear\u{1B}[2J"]), status: 1,
            mentions: ["note", "u+001b"]),
        Case(
            arguments: ["clear-flags", "--reason", "GP\u{1B}]0;title\u{07}"], status: 1,
            mentions: ["reason", "u+001b"]),
        Case(
            arguments: ["patients", "add", "Sam\u{200B}"], status: 1,
            mentions: ["name", "u+200b", "invisible"]),
        Case(
            arguments: ["patients", "add", "Sam\u{202E}"], status: 1, mentions: ["name", "u+202e"]),
        Case(
            arguments: ["patients", "add", "SAM"], status: 1, mentions: ["sam", "already exists"]),
        Case(
            arguments: ["patients", "add", String(repeating: "😀", count: 101)], status: 1,
            mentions: ["name", "100"]),
        Case(
            arguments: ["patients", "add", String(repeating: "👩‍👩‍👧", count: 30)], status: 1,
            mentions: ["name", "100"]),
        Case(
            arguments: ["plans", "check", "Tests/EndToEndTests/Fixtures/escape.yaml"], status: 1,
            mentions: ["escape.yaml:2:", "u+001b", "escape.yaml:3:", "u+202e"]),
        Case(
            arguments: ["status", "--db", "Tests/EndToEndTests/Fixtures"], status: 1,
            mentions: ["fixtures", "folder, not a database"]),
        Case(
            arguments: ["status", "--db", "/dev/zero"], status: 1,
            mentions: ["/dev/zero", "not a regular file"]),
        Case(
            arguments: ["status", "--patient", "Nobody\u{1B}[2J"], status: 1,
            mentions: ["nobody^[[2j"]),
        Case(
            arguments: ["status"], status: 1,
            mentions: ["rehab_today", "2026-01-01", "before the plan started", "2026-02-16"],
            environment: ["REHAB_TODAY": "2026-01-01"]),
        Case(
            arguments: ["status", "--date", "2026-02-01"], status: 1,
            mentions: ["date", "2026-02-01", "2026-02-16"]),
        Case(
            arguments: ["status"], status: 1,
            mentions: ["rehab_today", "9999-12-31", "2100-12-31"],
            environment: ["REHAB_TODAY": "9999-12-31"]),
    ]

    @Test(arguments: cases)
    func refusedWithoutChange(_ badCase: Case) throws {
        let rehab = try Rehab()
        defer { rehab.cleanUp() }
        try rehab.run(["patients", "add", "Sam"])
        let started = try rehab.run(["start", "itbs", "--date", "2026-02-16"])
        #expect(started.status == 0, "\(started)")
        try rehab.run([
            "log", "--activity", "walk", "--minutes", "30", "--pain-during", "1", "--pain-after",
            "1", "--date", "2026-02-20",
        ])
        let before = rehab.databaseBytes()
        #expect(before != nil)

        let result = try rehab.run(badCase.arguments, environment: badCase.environment)

        #expect(result.status == badCase.status, "\(result)")
        let message = result.stderr.lowercased()
        for fragment in badCase.mentions {
            #expect(
                message.contains(fragment.lowercased())
                    || result.stdout.lowercased().contains(fragment.lowercased()),
                "message should mention '\(fragment)': \(result)")
        }
        #expect(rehab.databaseBytes() == before, "the database changed")
        // No escape sequence or bidi control reaches the terminal, whatever was typed.
        for text in [result.stdout, result.stderr] {
            #expect(
                !text.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\u{202E}" },
                "raw control character in \(result)")
        }
    }

    @Test func dutchMessagesNameTheField() throws {
        var rehab = try Rehab()
        rehab.language = "nl"
        defer { rehab.cleanUp() }
        try rehab.run(["start", "itbs", "--date", "2026-02-16"])
        let result = try rehab.run(Self.logWith(["--pain-after": "12"]))
        #expect(result.status == 1)
        #expect(result.stderr.contains("pain-after"))
        #expect(result.stderr.contains("12"))
        #expect(result.stderr.contains("0 tot en met 10"), "\(result)")
    }

    @Test func ambiguousPatientIsRefused() throws {
        let rehab = try Rehab()
        defer { rehab.cleanUp() }
        try rehab.run(["patients", "add", "Sam"])
        try rehab.run(["patients", "add", "Sara"])
        let result = try rehab.run(["status", "--patient", "sa"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("Sam") && result.stderr.contains("Sara"), "\(result)")
        let none = try rehab.run(["status"])
        #expect(none.status == 1)
        #expect(none.stderr.contains("--patient"), "\(none)")
    }
}
