import Foundation
import Testing

/// The plan-file checker and the config reader through the binary, in the user's language:
/// a Dutch physio checking a plan file, a Dutch user with a broken config.yaml.
@Suite struct DutchErrorTests {
    @Test func plansCheckSpeaksDutch() throws {
        let rehab = try Rehab()
        defer { rehab.cleanUp() }
        let file = rehab.directory.appendingPathComponent("bad.yaml").path
        try "id: x\nname: y\n".write(toFile: file, atomically: true, encoding: .utf8)
        let result = try rehab.run(["plans", "check", file], environment: ["REHAB_LANG": "nl"])
        #expect(result.status == 1, "\(result)")
        #expect(
            result.stdout == """
                \(file):1:1: verplichte sleutel names ontbreekt
                \(file):1:1: verplichte sleutel region ontbreekt
                \(file):1:1: verplichte sleutel summary ontbreekt
                \(file):1:1: verplichte sleutel sources ontbreekt
                \(file):1:1: verplichte sleutel phases ontbreekt
                \(file):1:5: waarschuwing: id: x komt niet overeen met de bestandsnaam bad.yaml; \
                goed voor een overgedragen planbestand (rehab start --plan-file), maar in een \
                plannenmap moet het x.yaml heten
                \(file):2:1: name: onbekende sleutel; bedoelt u names?

                """)
        #expect(result.stderr == "rehab: 6 fouten in planbestanden\n")
        // The same file in English, chosen by --lang over REHAB_LANG.
        let english = try rehab.run(
            ["plans", "check", file, "--lang", "en"], environment: ["REHAB_LANG": "nl"])
        #expect(english.stdout.contains("\(file):2:1: name: unknown key; did you mean names?"))
        #expect(english.stdout.contains("\(file):1:5: warning: id: x does not match"))
    }

    @Test func startWithABadPlanFileSpeaksDutch() throws {
        let rehab = try Rehab()
        defer { rehab.cleanUp() }
        let file = rehab.directory.appendingPathComponent("tuned.yaml").path
        try "id: x\nnames: y\n".write(toFile: file, atomically: true, encoding: .utf8)
        let result = try rehab.run(
            ["start", "--plan-file", file, "--patient", "Ada"], environment: ["REHAB_LANG": "nl"])
        #expect(result.status == 1, "\(result)")
        #expect(result.stderr.contains("\(file):2:8: names: verwacht een mapping, gevonden: y"))
        #expect(!result.stderr.contains("expected"))
    }

    /// A broken config.yaml stops every command; it says why in the language asked for, even
    /// though the file's own `language` cannot be read.
    @Test func aBrokenConfigSpeaksDutch() throws {
        let rehab = try Rehab()
        defer { rehab.cleanUp() }
        let folder = rehab.directory.appendingPathComponent("xdg/rehab")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("config.yaml").path
        try "language: nl\ntheme: blue\n".write(toFile: file, atomically: true, encoding: .utf8)
        let xdg = rehab.directory.appendingPathComponent("xdg").path
        let result = try rehab.run(
            ["patients", "--lang", "nl"], environment: ["XDG_CONFIG_HOME": xdg])
        #expect(result.status == 1)
        #expect(
            result.stderr == """
                rehab: het configuratiebestand bevat fouten; verbeter ze of zet het bestand opzij:
                  \(file):2:8: theme: onbekend thema blue; toegestaan: light, dark, none

                """)
    }

    /// A broken export is refused in the language asked for: the CSV reader's line and column,
    /// the JSON reader's place in the file, the record checks' field, each in Dutch.
    @Test func aBrokenExportIsRefusedInDutch() throws {
        let rehab = try Rehab()
        defer { rehab.cleanUp() }
        let columns = [
            "record", "patient", "language", "archived", "plan", "variant", "start_date",
            "starting_weekly_km", "overrides", "phase", "date", "reason", "id", "activity", "km",
            "minutes", "pain_during", "pain_after",
        ]
        func row(_ cells: [String: String]) -> String {
            columns.map { cells[$0] ?? "" }.joined(separator: ",")
        }
        let csv = rehab.directory.appendingPathComponent("broken.csv").path
        try [
            columns.joined(separator: ","), row(["record": "patient", "patient": "Sam"]),
            row([
                "record": "session", "patient": "Sam", "date": "2026-03-01", "activity": "run",
                "minutes": "30", "pain_during": "veel", "pain_after": "1",
            ]),
        ].joined(separator: "\n").write(toFile: csv, atomically: true, encoding: .utf8)
        let dutch = try rehab.run(["import", csv], environment: ["REHAB_LANG": "nl"])
        #expect(dutch.status == 1, "\(dutch)")
        #expect(
            dutch.stderr
                == "rehab: \(csv): import mislukt, er is niets opgeslagen: regel 3, kolom "
                + "pain_during: een heel getal verwacht, \"veel\" gevonden\n")
        let english = try rehab.run(
            ["import", csv, "--lang", "en"], environment: ["REHAB_LANG": "nl"])
        #expect(
            english.stderr
                == "rehab: \(csv): import failed, nothing was stored: line 3, column "
                + "pain_during: expected a whole number, found \"veel\"\n")

        let json = rehab.directory.appendingPathComponent("broken.json").path
        try #"{"format":"rehab-export","version":1,"patients":[{"name":"Sam","sessions":[1]}]}"#
            .write(toFile: json, atomically: true, encoding: .utf8)
        let jsonResult = try rehab.run(["import", json], environment: ["REHAB_LANG": "nl"])
        #expect(jsonResult.status == 1, "\(jsonResult)")
        #expect(
            jsonResult.stderr.hasPrefix(
                "rehab: \(json): import mislukt, er is niets opgeslagen: patients[0].sessions[0]"),
            "\(jsonResult)")
        #expect(jsonResult.stderr.contains("verwacht"), "\(jsonResult)")
        #expect(!jsonResult.stderr.contains("expected"), "\(jsonResult)")

        let pain = rehab.directory.appendingPathComponent("pain.csv").path
        try [
            columns.joined(separator: ","), row(["record": "patient", "patient": "Sam"]),
            row([
                "record": "session", "patient": "Sam", "date": "2026-03-01", "activity": "run",
                "minutes": "30", "pain_during": "11", "pain_after": "1",
            ]),
        ].joined(separator: "\n").write(toFile: pain, atomically: true, encoding: .utf8)
        let painResult = try rehab.run(["import", pain], environment: ["REHAB_LANG": "nl"])
        #expect(
            painResult.stderr
                == "rehab: \(pain): import mislukt, er is niets opgeslagen: patiënt \"Sam\", "
                + "sessie 1 (2026-03-01): pain_during \"11\" is niet toegestaan (verwacht een "
                + "heel getal 0-10)\n",
            "\(painResult)")
        #expect(rehab.databaseBytes() == nil)
    }

    /// An error no command words itself (SQLite finding a damaged page) still comes in the
    /// language asked for: --lang, else REHAB_LANG, not only the locale.
    @Test func anUnexpectedErrorTakesTheCommandsLanguage() throws {
        let rehab = try Rehab()
        defer { rehab.cleanUp() }
        try #require(try rehab.run(["patients", "add", "Sam"]).status == 0)
        // Page 4 is the root of the patient table in a new database: opening still works,
        // reading the patients fails with SQLite's own error.
        let handle = try #require(FileHandle(forWritingAtPath: rehab.databasePath))
        try handle.seek(toOffset: 3 * 4096)
        try handle.write(contentsOf: Data(repeating: 0xFF, count: 4096))
        try handle.close()
        let dutch = try rehab.run(["patients"], environment: ["REHAB_LANG": "nl"])
        #expect(dutch.status == 1, "\(dutch)")
        #expect(dutch.stderr.hasPrefix("rehab: fout: "), "\(dutch)")
        let flag = try rehab.run(["patients", "--lang", "nl"])
        #expect(flag.stderr.hasPrefix("rehab: fout: "), "\(flag)")
        let english = try rehab.run(
            ["patients", "--lang", "en"], environment: ["REHAB_LANG": "nl"])
        #expect(english.status == 1, "\(english)")
        #expect(english.stderr.hasPrefix("rehab: error: "), "\(english)")
    }
}
