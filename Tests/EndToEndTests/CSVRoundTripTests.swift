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
