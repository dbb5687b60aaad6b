import Foundation
import Testing

/// `rehab week` and `rehab report` on a short runner's-knee history, every number worked out by
/// hand from the rules (DESIGN section 4 v2) and plans/itbs.yaml (calm_down: running allowed
/// within the pain rule, km load; the runner ran 10 km a week before, the floor; cycle 3 a week
/// and two exercises once a day asked).
///
/// | day   | log                                   | verdict                                  |
/// | 03-02 | run 6 km, pain 1/1                    | green (6 of cap 10)                      |
/// | 03-03 | morning 1; run 5 km, pain 2/4         | amber: after 4 > 3, week 11 > cap 10     |
/// | 03-04 | morning 1 (not worse than 1)          | amber: the same two (latest session day) |
/// | 03-09 | run 4 km, pain 0/0                    | green: cap max(min(11, 10) × 1.1, 10) = 11 |
///
/// Adherence, week of 03-02: cycle 0 of 3, routine 0 of 7; Monday 03-09 alone: cycle 3/7 → 0
/// asked, routine 7/7 → 1 asked, 0 done.
struct ReportTests {
    func story() throws -> Rehab {
        var rehab = try Rehab(today: "2026-03-02")
        func ok(_ arguments: [String]) throws {
            let result = try rehab.run(arguments)
            #expect(result.status == 0, "\(arguments): \(result)")
        }
        try ok(["patients", "add", "Sam"])
        try ok(["start", "itbs", "--variant", "acute", "--weekly-km", "10"])
        try ok([
            "log", "--activity", "run", "--km", "6", "--minutes", "36", "--pain-during", "1",
            "--pain-after", "1",
        ])
        rehab.today = "2026-03-03"
        try ok(["morning", "1"])
        try ok([
            "log", "--activity", "run", "--km", "5", "--minutes", "30", "--pain-during", "2",
            "--pain-after", "4",
        ])
        rehab.today = "2026-03-04"
        try ok(["morning", "1"])
        rehab.today = "2026-03-09"
        try ok([
            "log", "--activity", "run", "--km", "4", "--minutes", "25", "--pain-during", "0",
            "--pain-after", "0",
        ])
        return rehab
    }

    @Test func markdownReport() throws {
        let rehab = try story()
        defer { rehab.cleanUp() }
        let result = try rehab.run(["report", "--weeks", "2", "--format", "md"])
        #expect(result.status == 0, "\(result)")
        let md = result.stdout
        for snippet in [
            "# Progress report\n\nSam · Runner's knee (ITB syndrome), "
                + "Acute (first time, recent) · "
                + "2026-03-02 to 2026-03-09\n",
            "- phase 1 of 3 · relative rest · day 8 · Let it settle\n"
                + "- Verdict: green → progress\n",
            "- This week (2026-03-09): 4.0 of 11.0 km\n",
            "- Acute:chronic (EWMA 7/28 days): needs 28 days of data.\n",
            "| week | load | cap | sessions | pain d/a | verdict | sessions done "
                + "| exercises done | kind |\n"
                + "| --- | ---: | ---: | ---: | --- | --- | ---: | ---: | --- |\n"
                + "| 2026-03-02 | 11.0 km ! | 10.0 | 2 | 2/4 | amber | 0/3 | 0/7 | - |\n"
                + "| 2026-03-09 | 4.0 km | 11.0 | 1 | 0/0 | green | - | 0/1 | - |\n",
            "## Verdicts (days that were not green)\n\n- 2026-03-03: amber → hold\n",
            "\n- 2026-03-04: amber → hold\n",
            "## Red flags and clearings\n\nNo red flags in this span.\n",
            "## Phase history\n\n- 2026-03-02: Let it settle (start)\n",
        ] {
            #expect(md.contains(snippet), "missing:\n\(snippet)\nin:\n\(md)")
        }
        // Two reasons on each amber day, and no day listed that was green.
        #expect(
            md.components(separatedBy: "  - This week 11.0 km, above the cap of 10.0 km").count - 1
                == 2)
        #expect(
            md.components(
                separatedBy: "  - Pain after running on 2026-03-03 was 4/10, above the safe 3/10"
            ).count - 1 == 2)
        let verdicts = md.components(separatedBy: "## Verdicts")[1]
            .components(separatedBy: "## Red flags")[0]
            .split(separator: "\n").filter { $0.hasPrefix("- ") }
        #expect(verdicts == ["- 2026-03-03: amber → hold", "- 2026-03-04: amber → hold"])
        #expect(!md.contains("## Changes by the physio"))

        let nl = try rehab.run(["report", "--weeks", "2", "--lang", "nl"])
        #expect(nl.stdout.contains("# Voortgangsverslag\n"))
        #expect(
            nl.stdout.contains(
                "| 2026-03-02 | 11.0 km ! | 10.0 | 2 | 2/4 | oranje | 0/3 | 0/7 | - |"))
    }

    /// The report words this week's load as `rehab status` does: a week over its cap says so
    /// in words beside the numbers (before, the report printed "11.0 of 10.0 km" and nothing more).
    @Test func overTheCapIsSaidInTheReport() throws {
        var rehab = try story()
        defer { rehab.cleanUp() }
        rehab.today = "2026-03-04"
        let en = try rehab.run(["report", "--weeks", "1", "--format", "md"])
        #expect(en.status == 0, "\(en)")
        #expect(en.stdout.contains("- This week (2026-03-02): 11.0 of 10.0 km (over the cap)\n"))
        let status = try rehab.run(["status"])
        #expect(status.stdout.contains("11.0 of 10.0 km (over the cap)"), "\(status)")
        let nl = try rehab.run(["report", "--weeks", "1", "--format", "md", "--lang", "nl"])
        #expect(nl.stdout.contains("11.0 van 10.0 km (boven de grens)"), "\(nl)")
    }

    @Test func htmlReportIsSelfContained() throws {
        let rehab = try story()
        defer { rehab.cleanUp() }
        let file = rehab.directory.appendingPathComponent("report.html").path
        let result = try rehab.run(["report", "--weeks", "3", "--format", "html", "--output", file])
        #expect(result.status == 0, "\(result)")
        let mode = try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let html = try String(contentsOfFile: file, encoding: .utf8)
        func count(_ s: String) -> Int { html.components(separatedBy: s).count - 1 }
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
        #expect(count("<svg") == 2)
        // One bar a week from the plan's first week (03-02, 03-09; the asked-for 02-23 is
        // before the plan started and left out, in the title too); only 03-02 over its cap; a
        // cap line on every week: the floor of 10 km (the runner's weekly km before) applies
        // from the first. Each bar carries its value, so a print reads without hovering.
        #expect(count("<rect class=\"bar") == 2)
        #expect(count("<rect class=\"bar over\"") == 1)
        #expect(count("<line class=\"cap\"") == 2)
        #expect(html.contains("text-anchor=\"middle\">11.0 !</text>"))
        #expect(!html.contains("2026-02-23"))
        #expect(html.contains("2026-03-02 to 2026-03-09"))
        // Pain lines: during and after join 03-02 and 03-03; the lone 03-09 point is a dot.
        #expect(count("<polyline class=\"during\"") == 1)
        #expect(count("<polyline class=\"after\"") == 1)
        #expect(count("<polyline class=\"morning\"") == 1)
        #expect(!html.contains("http://"))
        #expect(!html.contains("https://"))
        #expect(!html.contains("<script"))
        #expect(!html.contains("<link"))
        #expect(!html.contains("src="))
        #expect(html.contains("<td>2026-03-02</td><td>11.0 km !</td><td>10.0</td>"))
        // Issue 16: dates never wrap, the pain chart takes the page's width, has a legend, and
        // its three lines differ in colour and in dash pattern (a black-and-white print).
        #expect(html.contains("td:first-child,th:first-child{text-align:left;white-space:nowrap}"))
        #expect(html.contains("svg.pain,svg.load{width:100%;height:auto}"))
        #expect(count("<line class=\"legend ") == 3)
        #expect(html.contains(">during</text>") && html.contains(">next morning</text>"))
        #expect(count("stroke=\"#1f3f8f\"") >= 2 && count("stroke=\"#d06a00\"") >= 2)

        let bad = try rehab.run(["report", "--format", "pdf"])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("format"))
        #expect(bad.stderr.contains("pdf"))
    }

    @Test func weekChartsInASCIIAt60Columns() throws {
        let rehab = try story()
        defer { rehab.cleanUp() }
        let result = try rehab.run(
            ["week", "--weeks", "2"], environment: ["LC_ALL": "C", "LANG": "C", "COLUMNS": "60"])
        #expect(result.status == 0, "\(result)")
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.allSatisfy { $0.count <= 60 }, "\(result.stdout)")
        #expect(result.stdout.allSatisfy(\.isASCII) || !result.stdout.contains("█"))
        for line in [
            "Pain per day (0-10), last 8 days",
            "0-9, X = 10, . = not logged",
            "during  12.....0",
            "after   14.....0",
            "morning 11......",
            "        2026-03-02",
            "2026-03-02 ----------------- 0/3    ----------------- 0/7",
            "2026-03-09                   -      ----------------- 0/1",
            "Acute:chronic (EWMA 7/28 days): needs 28 days of data.",
        ] {
            #expect(lines.contains(Substring(line)), "missing \(line) in:\n\(result.stdout)")
        }

        let unicode = try rehab.run(["week", "--weeks", "2"])
        #expect(unicode.stdout.contains("during  ▂▃·····▁"))
        #expect(unicode.stdout.contains("█"))

        let json = try rehab.json(["week", "--weeks", "2"])
        let adherence = value(json, "adherence") as? [[String: Any]] ?? []
        #expect(adherence.map { $0["sessions_prescribed"] as? Int } == [3, 0])
        // Runs, not the cycling the phase asks for.
        #expect(adherence.map { $0["sessions_done"] as? Int } == [0, 0])
        #expect(adherence.map { $0["exercises_prescribed"] as? Int } == [7, 1])
        #expect(adherence.map { $0["exercises_done"] as? Int } == [0, 0])
        let pain = value(json, "pain") as? [[String: Any]] ?? []
        #expect(pain.map { $0["date"] as? String } == ["2026-03-02", "2026-03-03", "2026-03-09"])
        #expect(pain.map { $0["after"] as? Int } == [1, 4, 0])
        #expect(pain.map { $0["next_morning"] as? Int } == [1, 1, nil])
        #expect(value(json, "phases", "0", "phase") as? String == "calm_down")
        // Runner's knee is no osteoarthritis plan: its weeks are not classified (seed 004).
        #expect(value(json, "weeks", "0", "classification") is NSNull)
        #expect(value(json, "phases", "0", "through") as? String == "2026-03-09")
        #expect(value(json, "acute_chronic", "days") as? Int == 8)
        #expect(value(json, "acute_chronic", "ratio") is NSNull)
        #expect(value(json, "acute_chronic", "information_only") as? Bool == true)
    }
}
