import Foundation
import Testing

/// A CSV export read back into an empty database gives exactly the same JSON export: nothing is
/// lost or changed on the way through a spreadsheet-shaped file.
@Suite struct CSVRoundTripTests {
    @Test func csvExportImportsToTheSameJSON() throws {
        let original = try Rehab()
        defer { original.cleanUp() }
        #expect(try original.run(["demo"]).status == 0)
        // Add what the demo lacks: shoes, a note a spreadsheet could take for a formula, a
        // Dutch patient with a flag that was cleared.
        #expect(
            try original.run(["shoes", "add", "Pegasus, blue", "--start-km", "120.5"]).status == 0)
        let demo = try original.run(["patients", "--json"])
        let names =
            (try JSONSerialization.jsonObject(with: Data(demo.stdout.utf8)) as? [[String: Any]])?
            .compactMap { $0["name"] as? String } ?? []
        #expect(names.count == 1)
        let sam = names.first ?? ""
        #expect(
            try original.run([
                "log", "--activity", "run", "--km", "3.25", "--minutes", "20", "--pain-during", "1",
                "--pain-after", "2", "--shoe", "Pegasus, blue", "--note",
                "=1+1 \"quoted\"; ünïcode",
                "--patient", sam,
            ]).status == 0)
        #expect(try original.run(["patients", "add", "Noor"]).status == 0)
        #expect(
            try original.run(
                [
                    "start", "achilles_tendinopathy", "--patient", "Noor", "--date", "2026-02-20",
                    "--weekly-km", "12.5",
                ]
            ).status == 0)
        #expect(
            try original.run(
                ["morning", "3", "--flag", "fever", "--patient", "Noor", "--date", "2026-02-25"]
            ).status == 0)
        #expect(
            try original.run(["clear-flags", "--reason", "GP, no fever now", "--patient", "Noor"])
                .status == 0)

        let json = try original.run(["export", "--format", "json"])
        #expect(json.status == 0)
        let csvFile = original.directory.appendingPathComponent("all.csv").path
        let csv = try original.run(["export", "--format", "csv", "--output", csvFile])
        #expect(csv.status == 0, "\(csv)")
        let text = try String(contentsOfFile: csvFile, encoding: .utf8)
        // What a spreadsheet needs: a header row, ISO dates, dot decimals, a defused formula.
        #expect(text.hasPrefix("record,patient,"))
        #expect(text.contains(",2026-02-20,"))
        #expect(text.contains(",3.25,"))
        #expect(!text.contains(",=1+1"))

        let copy = try Rehab()
        defer { copy.cleanUp() }
        let imported = try copy.run(["import", csvFile])
        #expect(imported.status == 0, "\(imported)")
        let again = try copy.run(["export", "--format", "json"])
        #expect(again.status == 0)
        #expect(again.stdout == json.stdout)
    }
}

/// `rehab import` reads a file by its ending, so an export takes its format from the ending of
/// the file it writes when none is given, and refuses a format that contradicts it: a backup
/// named all.csv that holds JSON could not be read back.
@Suite struct ExportEndingTests {
    @Test func theOutputsEndingPicksTheFormatAndAContradictionIsRefused() throws {
        let rehab = try Rehab()
        defer { rehab.cleanUp() }
        #expect(try rehab.run(["demo"]).status == 0)
        let csv = rehab.directory.appendingPathComponent("all.csv").path
        #expect(try rehab.run(["export", "--all", "--output", csv]).status == 0)
        let text = try String(contentsOfFile: csv, encoding: .utf8)
        #expect(text.hasPrefix("record,patient,"))
        let json = rehab.directory.appendingPathComponent("plain.json").path
        #expect(try rehab.run(["export", "--output", json]).status == 0)
        #expect(try String(contentsOfFile: json, encoding: .utf8).hasPrefix("{"))

        let wrong = rehab.directory.appendingPathComponent("wrong.csv").path
        let refused = try rehab.run(["export", "--all", "--format", "json", "--output", wrong])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("--format json does not match"))
        #expect(refused.stderr.contains("choose --format csv or a name ending in .json"))
        #expect(!FileManager.default.fileExists(atPath: wrong))
        let dutch = try rehab.run(
            ["export", "--format", "csv", "--output", json, "--force"],
            environment: ["REHAB_LANG": "nl"])
        #expect(dutch.status == 1)
        #expect(dutch.stderr.contains("past niet bij"))
        #expect(try String(contentsOfFile: json, encoding: .utf8).hasPrefix("{"), "left as it was")
        let upper = try rehab.run(["export", "--format", "CSV"])
        #expect(upper.status == 0, "\(upper)")
        #expect(upper.stdout.hasPrefix("record,patient,"))

        // What it wrote reads back into a new database.
        let copy = rehab.directory.appendingPathComponent("copy.sqlite").path
        let imported = try rehab.run(["import", csv, "--db", copy])
        #expect(imported.status == 0, "\(imported)")
        #expect(imported.stdout.contains("imported: 1 patient"))
    }
}
