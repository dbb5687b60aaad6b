import Foundation
import Testing

/// A physio's day through the real binary: two patients, one plan tuned, exported as a plan
/// file, and started from that file in another database, where the runner's verdicts follow the
/// tuned thresholds (itbs: safe_max 3 in the template, 4 after tuning).
struct PhysioTests {
    func ok(
        _ rehab: Rehab, _ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation
    )
        throws -> String
    {
        let result = try rehab.run(arguments)
        #expect(result.status == 0, "\(arguments): \(result)", sourceLocation: sourceLocation)
        return result.stdout
    }

    func jsonArray(_ rehab: Rehab, _ arguments: [String]) throws -> [[String: Any]] {
        let result = try rehab.run(arguments + ["--json"])
        #expect(result.status == 0, "\(arguments): \(result)")
        return
            (try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
            ?? []
    }

    @Test func tuneExportAndStartFromTheFileElsewhere() throws {
        let clinic = try Rehab(today: "2026-03-02")
        defer { clinic.cleanUp() }
        _ = try ok(clinic, ["patients", "add", "Ann"])
        _ = try ok(clinic, ["patients", "add", "Ben"])
        _ = try ok(clinic, ["start", "itbs", "--variant", "acute", "--patient", "Ann"])
        _ = try ok(clinic, ["start", "achilles_tendinopathy", "--patient", "Ben"])

        // Tune Ann: pain up to 4 is fine for her; the first phase at least 10 days.
        _ = try ok(clinic, ["tune", "--patient", "Ann", "--pain-safe-max", "4"])
        _ = try ok(
            clinic, ["tune", "--patient", "Ann", "--phase", "calm_down", "--min-days", "10"])
        _ = try ok(
            clinic, ["tune", "exercise", "remove", "build_up", "step_down", "--patient", "Ann"])
        _ = try ok(
            clinic,
            [
                "tune", "exercise", "set", "build_up", "side_plank", "--hold", "40", "--patient",
                "Ann",
            ])
        _ = try ok(
            clinic,
            [
                "tune", "run-walk", "return_to_running", "--step", "1", "--run", "3", "--patient",
                "Ann",
            ])

        // The differences from the template, in plan-file terms (acute: calm_down 7 days).
        let diff = try jsonArray(clinic, ["plans", "diff", "--patient", "Ann"])
        #expect(
            diff.map { $0["field"] as? String } == [
                "pain.safe_max", "calm_down.min_days", "build_up.exercises.step_down",
                "build_up.exercises.side_plank", "return_to_running.run_walk[1]",
            ])
        #expect(diff.first?["template"] as? String == "3")
        #expect(diff.first?["tuned"] as? String == "4")
        #expect(diff[1]["template"] as? String == "7")
        #expect(diff[1]["tuned"] as? String == "10")
        #expect(diff[2]["tuned"] as? String == "removed")
        let shown = try ok(clinic, ["tune", "--show", "--patient", "Ann"])
        #expect(shown.contains("  pain.safe_max"))
        #expect(shown.contains("3 → 4"))
        // Ben is untouched.
        #expect(try jsonArray(clinic, ["plans", "diff", "--patient", "Ben"]).isEmpty)

        // Export: named after the file, accepted by the checker, private.
        let file = clinic.directory.appendingPathComponent("itbs_ann.yaml").path
        _ = try ok(clinic, ["plans", "export", "--patient", "Ann", "--output", file])
        let mode = try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let text = try String(contentsOfFile: file, encoding: .utf8)
        #expect(text.contains("id: itbs_ann\n"))
        #expect(text.contains("pain: { safe_max: 4, limit: 5 }\n"))
        #expect(!text.contains("variants:"))
        #expect(!text.contains("step_down, sets: 3, reps: 10"))
        #expect(text.contains("- { id: side_plank, sets: 3, hold_seconds: 40, per_week: 3 }"))
        #expect(text.contains("- { run: 3, walk: 1, total: 30, per_week: 3, pass: 3 }"))
        #expect(try ok(clinic, ["plans", "check", file]).contains("1 plan file OK"))
        // To stdout the id comes from the patient's name.
        #expect(try ok(clinic, ["plans", "export", "--patient", "Ann"]).contains("id: itbs_ann\n"))

        // At home, another database: start from the file, then the file may go.
        let home = try Rehab(today: "2026-03-02")
        defer { home.cleanUp() }
        let started = try ok(home, ["start", "--plan-file", file, "--patient", "Ann"])
        #expect(started.contains("kept in the database"))
        try FileManager.default.removeItem(atPath: file)
        _ = try ok(
            home,
            [
                "log", "--activity", "cycle", "--minutes", "30", "--pain-during", "4",
                "--pain-after", "4",
            ])
        let status = try home.json(["status"])
        #expect(value(status, "plan", "id") as? String == "itbs_ann")
        #expect(value(status, "plan", "variant") is NSNull)
        #expect(value(status, "phase", "id") as? String == "calm_down")
        #expect(value(status, "verdict", "level") as? String == "green")
        #expect(codes(status) == [])

        // The same day on the untuned template is amber on both pain scores.
        let plain = try Rehab(today: "2026-03-02")
        defer { plain.cleanUp() }
        _ = try ok(plain, ["start", "itbs", "--variant", "acute"])
        _ = try ok(
            plain,
            [
                "log", "--activity", "cycle", "--minutes", "30", "--pain-during", "4",
                "--pain-after", "4",
            ])
        let untuned = try plain.json(["status"])
        #expect(value(untuned, "verdict", "level") as? String == "amber")
        #expect(codes(untuned) == ["pain_during_above_safe", "pain_after_above_safe"])
    }

    @Test func badTuningIsRefusedAndNothingChanges() throws {
        let rehab = try Rehab(today: "2026-03-02")
        defer { rehab.cleanUp() }
        _ = try ok(rehab, ["start", "itbs", "--variant", "acute"])
        let cases: [([String], [String])] = [
            (["tune", "--pain-safe-max", "11"], ["pain-safe-max", "11", "0 to 10"]),
            (["tune", "--pain-safe-max", "6"], ["safe_max 6 is above limit 5"]),
            (
                ["tune", "--phase", "calm_down", "--min-days", "30"],
                ["14 is less than min_days 30"]
            ),
            (["tune", "--min-days", "3"], ["--phase", "calm_down"]),
            (["tune", "--phase", "nope", "--min-days", "3"], ["nope", "calm_down"]),
            (
                [
                    "tune", "exercise", "add", "build_up", "nope", "--sets", "3", "--reps", "5",
                    "--per-week", "2",
                ],
                ["nope", "glute_bridge"]
            ),
            (
                ["tune", "exercise", "add", "build_up", "glute_bridge", "--sets", "3"],
                ["--per-week"]
            ),
            (
                [
                    "tune", "exercise", "add", "build_up", "step_down", "--sets", "3", "--reps",
                    "5",
                    "--per-week", "2",
                ], ["already in phase"]
            ),
            (
                ["tune", "exercise", "set", "build_up", "side_plank", "--sets", "11"],
                ["sets", "11", "1 to 10"]
            ),
            (
                ["tune", "run-walk", "return_to_running", "--step", "9", "--run", "1"],
                ["step", "9"]
            ),
            (["tune"], ["--show"]),
        ]
        for (arguments, mentions) in cases {
            let result = try rehab.run(arguments)
            #expect(result.status == 1, "\(arguments): \(result)")
            for fragment in mentions {
                #expect(
                    result.stderr.contains(fragment),
                    "\(arguments) should mention \(fragment): \(result)")
            }
        }
        #expect(try jsonArray(rehab, ["plans", "diff"]).isEmpty)
    }

    @Test func patientListRenameAndArchive() throws {
        var rehab = try Rehab(today: "2026-03-02")
        defer { rehab.cleanUp() }
        _ = try ok(rehab, ["patients", "add", "Ann"])
        _ = try ok(rehab, ["patients", "add", "Ben"])
        _ = try ok(rehab, ["patients", "add", "Cas"])
        _ = try ok(rehab, ["start", "itbs", "--variant", "acute", "--patient", "Ann"])
        _ = try ok(rehab, ["start", "itbs", "--variant", "acute", "--patient", "Ben"])
        _ = try ok(
            rehab,
            [
                "log", "--patient", "Ann", "--activity", "cycle", "--minutes", "30",
                "--pain-during", "1", "--pain-after", "1",
            ])
        rehab.today = "2026-03-04"
        _ = try ok(
            rehab,
            [
                "log", "--patient", "Ben", "--activity", "walk", "--minutes", "20",
                "--pain-during", "1", "--pain-after", "1", "--flag", "swelling_warmth_redness",
            ])
        rehab.today = "2026-03-06"

        // Ben's open red flag puts him first; then the store's order.
        let rows = try jsonArray(rehab, ["patients"])
        #expect(rows.map { $0["name"] as? String } == ["Ben", "Ann", "Cas"])
        #expect(rows.map { $0["level"] as? String } == ["stop", "amber", nil])
        #expect(rows.map { $0["phase_day"] as? Int } == [5, 5, nil])
        #expect(rows.map { $0["days_since_log"] as? Int } == [2, 4, nil])
        #expect(rows[0]["open_flags"] as? [String] == ["swelling_warmth_redness"])
        #expect(rows[1]["open_flags"] as? [String] == [])
        let table = try ok(rehab, ["patients"]).split(separator: "\n").map(String.init)
        #expect(
            table == [
                "name   plan        phase      day  verdict  last log    flags  since note"
                    + "               measures",
                "! Ben  itbs/acute  calm_down    5  stop     2 days ago      1  ! 1 session, "
                    + "1 red flag  due: PSFS, NPRS",
                "Ann    itbs/acute  calm_down    5  amber    4 days ago      -  + 1 session"
                    + "              due: PSFS, NPRS",
                "Cas    no plan     -            -  -        never           -  -"
                    + "                        -",
                "since note: what was recorded after your last clinical note (rehab note), the "
                    + "note's own day included (times are not stored); without a note everything "
                    + "counts. ! = with red flags.",
            ])

        _ = try ok(rehab, ["patients", "rename", "ann", "Anna"])
        _ = try ok(rehab, ["patients", "archive", "Cas"])
        #expect(
            try jsonArray(rehab, ["patients"]).map { $0["name"] as? String } == ["Ben", "Anna"])
        let all = try jsonArray(rehab, ["patients", "--archived"])
        #expect(all.map { $0["name"] as? String } == ["Ben", "Anna", "Cas"])
        #expect(all.map { $0["archived"] as? Bool } == [false, false, true])
        _ = try ok(rehab, ["patients", "archive", "Cas", "--undo"])
        #expect(try jsonArray(rehab, ["patients"]).count == 3)

        let clash = try rehab.run(["patients", "rename", "Anna", "ben"])
        #expect(clash.status == 1)
        #expect(clash.stderr.contains("already exists"))
        let unknown = try rehab.run(["patients", "archive", "Zoe"])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("Zoe"))
    }
}

extension PhysioTests {
    /// "Changed since my last review" and the measures due in `rehab patients` (issue 18 item
    /// 6): the last review is the last clinical note; records dated on or after it are new.
    @Test func patientsSayWhatChangedSinceTheLastNote() throws {
        var rehab = try Rehab(today: "2026-03-02")
        defer { rehab.cleanUp() }
        for name in ["Ann", "Ben", "Cas"] { _ = try ok(rehab, ["patients", "add", name]) }
        for name in ["Ann", "Ben"] {
            _ = try ok(rehab, ["start", "itbs", "--variant", "acute", "--patient", name])
        }
        for name in ["Ann", "Ben"] {
            _ = try ok(
                rehab,
                [
                    "log", "--patient", name, "--activity", "cycle", "--minutes", "30",
                    "--pain-during", "1", "--pain-after", "1",
                ])
        }
        rehab.today = "2026-03-03"
        // Ann: reviewed after her last log. Ben: reviewed, then a red flag the day after.
        _ = try ok(rehab, ["note", "--patient", "Ann", "Cycling fine, keep going"])
        _ = try ok(rehab, ["note", "--patient", "Ben", "Cycling fine"])
        rehab.today = "2026-03-04"
        _ = try ok(
            rehab,
            ["morning", "2", "--patient", "Ben", "--flag", "swelling_warmth_redness"])
        _ = try ok(rehab, ["clear-flags", "--patient", "Ben", "--reason", "GP: no DVT"])
        let rows = try jsonArray(rehab, ["patients"])
        // Ben's flag is cleared, but the physio has not seen it: he comes first.
        #expect(rows.map { $0["name"] as? String } == ["Ben", "Ann", "Cas"])
        #expect(rows[0]["open_flags"] as? [String] == [])
        #expect(value(rows[0], "since_review", "changed") as? Bool == true)
        #expect(value(rows[0], "since_review", "last_note") as? String == "2026-03-03")
        #expect(value(rows[0], "since_review", "mornings") as? Int == 1)
        #expect(
            value(rows[0], "since_review", "red_flags", "0", "flag") as? String
                == "swelling_warmth_redness")
        #expect(value(rows[1], "since_review", "changed") as? Bool == false)
        #expect(value(rows[1], "since_review", "sessions") as? Int == 0)
        // Cas has no note and no record: nothing new, and no plan to be due against.
        #expect(value(rows[2], "since_review", "last_note") is NSNull)
        #expect(value(rows[2], "since_review", "changed") as? Bool == false)
        #expect((rows[2]["measures_due"] as? [Any])?.isEmpty == true)
        // PSFS and NPRS were due at the start (2026-03-02) and are not answered yet.
        #expect(
            (rows[1]["measures_due"] as? [[String: Any]])?.map { $0["measure"] as? String }
                == ["psfs", "nprs"])
        #expect(value(rows[1], "measures_due", "0", "overdue") as? Bool == false)
        let table = try ok(rehab, ["patients"])
        #expect(table.contains("! 1 morning check, 1 red flag"), "\(table)")
        #expect(table.contains("due: PSFS, NPRS"), "\(table)")
        #expect(table.contains("since note: what was recorded after your last clinical note"))
    }

    /// A practice has many patients: a name that is not found gets the near ones, and a
    /// question that would list them all counts them instead of filling the screen.
    @Test func aMistypedNameAmongManyPatients() throws {
        var rehab = try Rehab(today: "2026-03-02")
        defer { rehab.cleanUp() }
        _ = try ok(rehab, ["patients", "add", "Ann"])
        _ = try ok(rehab, ["patients", "add", "Ben"])
        func refusal(_ arguments: [String]) throws -> String {
            let result = try rehab.run(arguments)
            #expect(result.status == 1, "\(arguments): \(result)")
            #expect(result.stdout.isEmpty, "\(arguments): \(result)")
            return result.stderr
        }
        // A few patients: every name.
        #expect(
            try refusal(["status", "--patient", "Cas"])
                == "rehab: patient: no patient called 'Cas'; known: Ann, Ben\n")
        #expect(
            try refusal(["status"])
                == "rehab: there are several patients; choose one with --patient: Ann, Ben\n")

        for n in 1...11 {
            _ = try ok(rehab, ["patients", "add", String(format: "Runner %02d", n)])
        }
        _ = try ok(rehab, ["patients", "add", "Sam de Vries"])
        #expect(
            try refusal(["status"])
                == "rehab: there are 14 patients; choose one with --patient NAME "
                + "('rehab patients' lists them)\n")
        #expect(
            try refusal(["status", "--patient", "Sam de Vris"])
                == "rehab: patient: no patient called 'Sam de Vris'; did you mean 'Sam de Vries'?\n"
        )
        // Not a typo away, but part of the name.
        #expect(
            try refusal(["status", "--patient", "VRIES"])
                == "rehab: patient: no patient called 'VRIES'; did you mean 'Sam de Vries'?\n")
        #expect(
            try refusal(["status", "--patient", "Runner 21"])
                == "rehab: patient: no patient called 'Runner 21'; did you mean 'Runner 01' or "
                + "'Runner 11'?\n")
        #expect(
            try refusal(["notes", "--patient", "Nobody"])
                == "rehab: patient: no patient called 'Nobody' among the 14 patients; "
                + "'rehab patients' lists them\n")
        #expect(
            try refusal(["status", "--patient", "runner"])
                == "rehab: patient: 'runner' matches several patients (Runner 01, Runner 02, "
                + "Runner 03, Runner 04, Runner 05, Runner 06, Runner 07, Runner 08, Runner 09, "
                + "Runner 10 and 1 more); use the full name\n")
        // Renaming takes the exact name only, and says the near ones too.
        #expect(
            try refusal(["patients", "rename", "Sam de Vris", "Sam"])
                == "rehab: patient: no patient called 'Sam de Vris'; did you mean 'Sam de Vries'?\n"
        )
        rehab.language = "nl"
        #expect(
            try refusal(["status", "--patient", "Runner 21"])
                == "rehab: patient: 'Runner 21' bestaat niet; bedoelt u 'Runner 01' of "
                + "'Runner 11'?\n")
        #expect(
            try refusal(["status"])
                == "rehab: er zijn 14 patiënten; kies er een met --patient NAAM "
                + "('rehab patients' toont ze)\n")
    }
}
