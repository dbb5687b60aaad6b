import Foundation
import Testing

/// `rehab import` refuses what the commands that create the data would refuse: each case is a
/// small archive with one hostile part, refused with exit 1, a message naming the patient, the
/// record and the field, and the database byte for byte as it was.
struct HostileImportTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let label: String
        /// The file's text; `.json` unless `csv`.
        let text: String
        let mentions: [String]
        var csv = false
        var testDescription: String { label }
    }

    static let phaseHistory = #"[{"date": "2026-02-16", "phase": "calm_down", "reason": "start"}]"#

    static func assignment(
        plan: String = "itbs", variant: String = "acute", overrides: String = "{}",
        history: String = phaseHistory
    ) -> String {
        #"{"plan_id": "\#(plan)", "variant_id": "\#(variant)", "start_date": "2026-02-16", "overrides": \#(overrides), "phase_history": \#(history)}"#
    }

    static func session(
        date: String = "2026-02-20", activity: String = "walk", km: String = "null",
        minutes: String = "30", flags: String = "[]", note: String = "\"\"", extra: String = ""
    ) -> String {
        #"{"date": "\#(date)", "activity": "\#(activity)", "km": \#(km), "minutes": \#(minutes), "pain_during": 1, "pain_after": 1, "lasted_over_2h": false, "flags": \#(flags), "note": \#(note)\#(extra)}"#
    }

    static func archive(
        name: String = "\"Lou\"", assignment: String? = assignment(),
        sessions: [String] = [session()],
        mornings: String = "[]", clearings: String = "[]", planFile: String? = nil
    ) -> String {
        var patient =
            #"{"name": \#(name), "archived": false, "sessions": [\#(sessions.joined(separator: ","))], "mornings": \#(mornings), "clearings": \#(clearings), "shoes": []"#
        if let assignment { patient += #", "assignment": \#(assignment)"# }
        if let planFile { patient += #", "plan_file": \#(planFile)"# }
        return #"{"format": "rehab-export", "version": 1, "patients": [\#(patient)}]}"#
    }

    static let laughs = (1...9).map { i in
        "l\(i): &l\(i) [*l\(i - 1), *l\(i - 1), *l\(i - 1), *l\(i - 1), *l\(i - 1), *l\(i - 1), *l\(i - 1), *l\(i - 1), *l\(i - 1)]"
    }
    .joined(separator: "\n")

    static func jsonString(_ text: String) -> String {
        let data = try? JSONSerialization.data(withJSONObject: [text], options: [])
        let array = String(decoding: data ?? Data(), as: UTF8.self)
        return String(array.dropFirst().dropLast())
    }

    static let itbs =
        (try? String(contentsOfFile: Rehab.repoRoot.path + "/plans/itbs.yaml", encoding: .utf8))
        ?? ""

    static let csvHeader =
        "record,patient,language,archived,plan,variant,start_date,starting_weekly_km,overrides,phase,date,reason,id,activity,km,minutes,pain_during,pain_after,lasted_over_2h,flags,shoe,note,calf_raises,hop_test,pain,start_km,retire_km"
    static func csv(session: String) -> String {
        [
            csvHeader,
            "patient,Kim,,false,,,,,,,,,,,,,,,,,,,,,,,",
            "assignment,Kim,,,itbs,acute,2026-02-16,,,,,,,,,,,,,,,,,,,,",
            "phase_change,Kim,,,,,,,,calm_down,2026-02-16,start,,,,,,,,,,,,,,,",
            session,
        ].joined(separator: "\r\n") + "\r\n"
    }

    static let cases: [Case] = [
        // Thresholds: the ranges of `rehab tune`, and safe_max <= limit.
        Case(
            label: "pain_safe_max 99",
            text: archive(
                assignment: assignment(
                    overrides: #"{"thresholds": {"pain_safe_max": 99, "pain_limit": 99}}"#)),
            mentions: ["lou", "overrides", "pain.safe_max", "99", "0-10"]),
        Case(
            label: "safe_max above limit",
            text: archive(
                assignment: assignment(
                    overrides: #"{"thresholds": {"pain_safe_max": 6, "pain_limit": 4}}"#)),
            mentions: ["lou", "pain.safe_max", "6", "limit 4"]),
        Case(
            label: "negative min_days",
            text: archive(
                assignment: assignment(
                    overrides: #"{"phase_days": {"calm_down": {"min_days": -3}}}"#)),
            mentions: ["lou", "calm_down.min_days", "-3", "0-365"]),
        Case(
            label: "days for an unknown phase",
            text: archive(
                assignment: assignment(overrides: #"{"phase_days": {"nowhere": {"min_days": 3}}}"#)),
            mentions: ["lou", "overrides", "nowhere", "calm_down"]),
        Case(
            label: "weekly increase 500 %",
            text: archive(
                assignment: assignment(overrides: #"{"thresholds": {"weekly_increase_pct": 500}}"#)),
            mentions: ["weekly_increase_pct", "500", "0-100"]),
        // References: plan, variant, phase, flags.
        Case(
            label: "unknown plan", text: archive(assignment: assignment(plan: "tennis_elbow")),
            mentions: ["lou", "assignment.plan", "tennis_elbow", "itbs"]),
        Case(
            label: "unknown variant", text: archive(assignment: assignment(variant: "chronic")),
            mentions: ["lou", "assignment.variant", "chronic", "acute"]),
        Case(
            label: "unknown phase",
            text: archive(
                assignment: assignment(
                    history: #"[{"date": "2026-02-16", "phase": "warp_speed", "reason": "start"}]"#)
            ), mentions: ["lou", "phase_history[0].phase", "warp_speed", "calm_down"]),
        Case(
            label: "phase changes out of order",
            text: archive(
                assignment: assignment(
                    history:
                        #"[{"date": "2026-02-16", "phase": "calm_down", "reason": "start"}, {"date": "2026-02-10", "phase": "build_up", "reason": "advance"}]"#
                )), mentions: ["phase_history[1].date", "2026-02-10"]),
        Case(
            label: "unknown flag on a session",
            text: archive(sessions: [session(flags: #"["made_up_flag"]"#)]),
            mentions: ["lou", "session 1", "flags", "made_up_flag", "fever"]),
        Case(
            label: "unknown flag on a morning",
            text: archive(
                mornings: #"[{"date": "2026-02-21", "pain": 2, "flags": ["made_up_flag"]}]"#),
            mentions: ["lou", "morning 1", "made_up_flag"]),
        Case(
            label: "unknown flag cleared",
            text: archive(
                clearings:
                    #"[{"date": "2026-02-21", "reason": "GP", "cleared": [{"flag": "made_up_flag", "date": "2026-02-20"}]}]"#
            ), mentions: ["clearing 1", "made_up_flag"]),
        Case(
            label: "sessions without a plan", text: archive(assignment: nil),
            mentions: ["lou", "session 1", "no plan"]),
        // Plan files: checked like `plans check`, aliases and size refused.
        Case(
            label: "broken plan file",
            text: archive(planFile: #"{"plan_id": "itbs", "yaml": "id: itbs\nnames: [unclosed"}"#),
            mentions: ["lou", "plan_file"]),
        Case(
            label: "billion laughs plan file",
            text: archive(
                planFile:
                    #"{"plan_id": "itbs", "yaml": \#(jsonString("l0: lol\n" + laughs + "\n"))}"#),
            mentions: ["lou", "plan_file", "alias"]),
        Case(
            label: "plan file over 1 MiB",
            text: archive(
                planFile:
                    #"{"plan_id": "itbs", "yaml": \#(jsonString("# " + String(repeating: "x", count: 1_100_000) + "\n"))}"#
            ), mentions: ["lou", "plan_file", "1100003 bytes", "1 mib"]),
        Case(
            label: "plan file with a raw escape character",
            text: archive(
                planFile:
                    #"{"plan_id": "itbs", "yaml": \#(jsonString(itbs.replacingOccurrences(of: "Runner's knee (ITB syndrome)", with: "Runner\u{1B}]0;x\u{07}")))}"#
            ), mentions: ["lou", "plan_file:5:", "control characters"]),
        Case(
            label: "plan file with a YAML \\e escape",
            text: archive(
                planFile:
                    #"{"plan_id": "itbs", "yaml": \#(jsonString(itbs.replacingOccurrences(of: "Runner's knee (ITB syndrome)", with: "Runner\\e]0;x\\a")))}"#
            ), mentions: ["lou", "plan_file:5:", "u+001b"]),
        Case(
            label: "plan file with a bidi override",
            text: archive(
                planFile:
                    #"{"plan_id": "itbs", "yaml": \#(jsonString(itbs.replacingOccurrences(of: "Runner's knee (ITB syndrome)", with: "Runner\u{202E}s knee")))}"#
            ), mentions: ["lou", "plan_file:5:", "u+202e"]),
        // Dates.
        Case(
            label: "phase change before the plan start",
            text: archive(
                assignment: assignment(
                    history: #"[{"date": "2026-02-10", "phase": "calm_down", "reason": "start"}]"#)),
            mentions: ["phase_history[0].date", "2026-02-10", "2026-02-16"]),
        Case(
            label: "start time three days off",
            text: archive(sessions: [session(extra: #", "start_time": "2026-02-23T07:00:00Z""#)]),
            mentions: ["session 1", "start_time", "2026-02-23t07:00:00z"]),
        // Plausibility.
        Case(
            label: "250 km in 10 min",
            text: archive(sessions: [session(activity: "run", km: "250", minutes: "10")]),
            // The store's check (as for CSV): the distance allowed in 10 minutes.
            mentions: ["lou", "session 1", "km", "250", "0.0-5.0"]),
        Case(
            label: "walk at 40 km/h",
            text: archive(sessions: [session(activity: "walk", km: "20", minutes: "30")]),
            mentions: ["session 1", "km", "20", "0.0-8.0"]),
        // Text: a NUL is not cut off silently; escape sequences are refused.
        Case(
            label: "NUL in a note", text: archive(sessions: [session(note: #""a\u0000b""#)]),
            mentions: ["lou", "session 1", "note", "u+0000"]),
        Case(
            label: "OSC 52 in a note",
            text: archive(sessions: [session(note: #""x\u001b]52;c;ZWNobw==\u0007""#)]),
            mentions: ["note", "u+001b"]),
        Case(
            label: "zero-width space in a name", text: archive(name: #""Lou\u200b""#),
            mentions: ["name", "u+200b"]),
        Case(
            label: "a name taken in another case", text: archive(name: #""SAM""#),
            mentions: ["sam", "already exists"]),
        Case(
            label: "a name taken in another normal form", text: archive(name: #""Jose\u0301""#),
            mentions: ["josé", "already exists"]),
        // Numbers a person did not mean.
        Case(
            label: "JSON 20.5 minutes", text: archive(sessions: [session(minutes: "20.5")]),
            mentions: ["sessions[0].minutes", "20.5", "whole number"]),
        Case(
            label: "CSV 0x10 km",
            text: csv(session: "session,Kim,,,,,,,,,2026-02-20,,,walk,0x10,30,1,1,false,,,,,,,,"),
            mentions: ["line 5", "km", "0x10"], csv: true),
        Case(
            label: "CSV +18 minutes",
            text: csv(session: "session,Kim,,,,,,,,,2026-02-20,,,walk,,+18,1,1,false,,,,,,,,"),
            mentions: ["line 5", "minutes", "+18"], csv: true),
        Case(
            label: "CSV 1e3 km",
            text: csv(session: "session,Kim,,,,,,,,,2026-02-20,,,walk,1e3,30,1,1,false,,,,,,,,"),
            mentions: ["line 5", "km", "1e3"], csv: true),
        Case(
            label: "CSV header of 1 MB", text: String(repeating: "x", count: 1_000_000) + "\n",
            mentions: ["line 1", "unknown column"], csv: true),
    ]

    @Test(arguments: cases)
    func refusedWithoutChange(_ badCase: Case) throws {
        let rehab = try Rehab()
        defer { rehab.cleanUp() }
        try rehab.run(["patients", "add", "Sam"])
        try rehab.run(["patients", "add", "José"])
        try rehab.run(["start", "itbs", "--date", "2026-02-16", "--patient", "Sam"])
        let file = rehab.directory.appendingPathComponent(
            badCase.csv ? "import.csv" : "import.json")
        try Data(badCase.text.utf8).write(to: file)
        let before = rehab.databaseBytes()

        let result = try rehab.run(["import", file.path])

        #expect(result.status == 1, "\(result)")
        let message = result.stderr.lowercased()
        #expect(message.contains("nothing was stored"), "\(result)")
        for fragment in badCase.mentions {
            #expect(
                message.contains(fragment.lowercased()), "should mention '\(fragment)': \(result)")
        }
        // A message never grows with the file: a 1 MB header is not echoed back.
        #expect(result.stderr.count < 2_000, "message of \(result.stderr.count) characters")
        #expect(rehab.databaseBytes() == before, "the database changed")
    }

    /// A plan restarted with `start --replace` keeps the old plan's log, dated before the new
    /// start: the patient's own export of that must import again.
    @Test func anExportAfterARestartedPlanImports() throws {
        let rehab = try Rehab()
        defer { rehab.cleanUp() }
        try rehab.run(["patients", "add", "Sam"])
        try rehab.run(["start", "itbs", "--date", "2026-02-16"])
        try rehab.run([
            "log", "--activity", "walk", "--minutes", "30", "--pain-during", "1", "--pain-after",
            "1", "--date", "2026-02-20",
        ])
        try rehab.run(["morning", "1", "--date", "2026-02-21"])
        let restarted = try rehab.run(["start", "itbs", "--replace", "--date", "2026-02-25"])
        #expect(restarted.status == 0, "\(restarted)")
        let exported = try rehab.run(["export", "--all"])
        let file = rehab.directory.appendingPathComponent("restarted.json")
        try Data(exported.stdout.utf8).write(to: file)
        let imported = try rehab.run(
            ["import", file.path],
            environment: ["REHAB_DB": rehab.directory.appendingPathComponent("fresh.sqlite").path])
        #expect(imported.status == 0, "\(imported)")
    }

    /// The same archive with nothing hostile in it goes in, so the cases above fail for their
    /// one reason.
    @Test func theCleanArchiveImports() throws {
        let rehab = try Rehab()
        defer { rehab.cleanUp() }
        try rehab.run(["patients", "add", "Sam"])
        let file = rehab.directory.appendingPathComponent("import.json")
        let plan = try String(
            contentsOfFile: Rehab.repoRoot.path + "/plans/itbs.yaml", encoding: .utf8)
        let text = Self.archive(
            sessions: [
                Self.session(
                    activity: "run", km: "5", minutes: "30",
                    extra: #", "start_time": "2026-02-20T07:00:00Z""#)
            ],
            mornings: #"[{"date": "2026-02-21", "pain": 2, "flags": []}]"#,
            planFile: #"{"plan_id": "itbs", "yaml": \#(Self.jsonString(plan))}"#)
        try Data(text.utf8).write(to: file)
        let result = try rehab.run(["import", file.path])
        #expect(result.status == 0, "\(result)")
        let csvFile = rehab.directory.appendingPathComponent("import.csv")
        try Data(
            Self.csv(session: "session,Kim,,,,,,,,,2026-02-20,,,walk,2.5,30,1,1,false,,,,,,,,").utf8
        ).write(to: csvFile)
        let csv = try rehab.run(["import", csvFile.path])
        #expect(csv.status == 0, "\(csv)")
    }
}
