import Foundation
import Testing

/// The outcome-measures story through the real binary: start → PSFS and NPRS at the start → two
/// weeks of logs → due again → phase change → due at the change → plan complete → discharge
/// measures → a discharge report with before and after. The plan (Fixtures/measures/plans) has
/// two 7-day phases that each exit after 3 green days; it names no schedule, so the default
/// applies (PSFS and NPRS at start, every 14 days, at phase changes and discharge; GPE from the
/// second time).
struct MeasuresStoryTests {
    static let fixtures = Rehab.repoRoot.appendingPathComponent(
        "Tests/EndToEndTests/Fixtures/measures")
    let plans = ["--plans", fixtures.appendingPathComponent("plans").path]
    let questionnaires = [
        "--questionnaires", fixtures.appendingPathComponent("questionnaires").path,
    ]

    func ok(
        _ rehab: Rehab, _ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation
    )
        throws -> String
    {
        let result = try rehab.run(arguments)
        #expect(result.status == 0, "\(arguments): \(result)", sourceLocation: sourceLocation)
        return result.stdout
    }

    /// "id reason since" for each measure due, from `status --json`.
    func due(_ rehab: Rehab) throws -> [String] {
        let status = try rehab.json(["status"] + plans)
        return ((status["measures_due"] as? [[String: Any]]) ?? []).map {
            "\($0["id"] as? String ?? "?") \($0["reason"] as? String ?? "?") \($0["since"] as? String ?? "?")"
                + (($0["overdue"] as? Bool) == true ? " overdue" : "")
        }
    }

    func logDays(_ rehab: inout Rehab, from: Int, through: Int) throws {
        for d in from...through {
            let date = String(format: "2026-03-%02d", d)
            rehab.today = date
            _ = try ok(
                rehab,
                [
                    "log", "--activity", "cycle", "--minutes", "30", "--pain-during", "1",
                    "--pain-after", "1", "--date", date,
                ] + plans)
            _ = try ok(rehab, ["morning", "1", "--date", date] + plans)
        }
    }

    @Test func fromStartToDischarge() throws {
        var rehab = try Rehab(today: "2026-03-02")
        defer { rehab.cleanUp() }
        _ = try ok(rehab, ["start", "short_knee"] + plans)
        #expect(try due(rehab) == ["psfs start 2026-03-02", "nprs start 2026-03-02"])

        // At the start: the activities that matter to the patient, and the week's pain.
        let stored = try ok(rehab, ["measure", "psfs", "stairs=4", "running 5 km=2"])
        #expect(stored == "PSFS (patient-specific functional scale) saved for 2026-03-02: 3.0\n")
        _ = try ok(rehab, ["measure", "nprs", "6"])
        #expect(try due(rehab) == [])
        // GPE rates change since the start: not on the first day.
        let early = try rehab.run(["measure", "gpe", "better"])
        #expect(early.status == 1)
        #expect(
            early.stderr
                == "rehab: gpe: rates the change since the start and is asked from the second "
                + "time on; measure psfs or nprs first, and rate the change on a later day\n")

        // Two weeks of logs; on day 14 the measures are due again, GPE for the first time.
        try logDays(&rehab, from: 2, through: 15)
        rehab.today = "2026-03-15"
        #expect(try due(rehab) == [])
        rehab.today = "2026-03-16"
        #expect(
            try due(rehab) == [
                "psfs every_days 2026-03-16", "nprs every_days 2026-03-16",
                "gpe every_days 2026-03-16",
            ])
        _ = try ok(rehab, ["measure", "psfs", "Stairs=6", "running 5 km=4"])
        _ = try ok(rehab, ["measure", "nprs", "4"])
        _ = try ok(rehab, ["measure", "gpe", "slightly_better"])
        #expect(try due(rehab) == [])

        // The phase change asks for them again.
        try logDays(&rehab, from: 16, through: 16)
        rehab.today = "2026-03-17"
        _ = try ok(rehab, ["advance"] + plans)
        #expect(
            try due(rehab) == [
                "psfs phase_change 2026-03-17", "nprs phase_change 2026-03-17",
                "gpe phase_change 2026-03-17",
            ])
        _ = try ok(rehab, ["measure", "psfs", "stairs=7", "running 5 km=5"])
        _ = try ok(rehab, ["measure", "nprs", "3"])
        _ = try ok(rehab, ["measure", "gpe", "better"])
        // Discharging now is refused: the plan is not complete.
        let tooEarly = try rehab.run(["discharge"] + plans)
        #expect(tooEarly.status == 1)
        #expect(
            tooEarly.stderr
                == "rehab: the plan is not complete yet (phase 2 of 2: Build); discharging early "
                + "is the physio's decision: use --force\n")

        // A week in the last phase completes the plan; the discharge measures come first.
        try logDays(&rehab, from: 17, through: 24)
        rehab.today = "2026-03-25"
        let status = try rehab.json(["status"] + plans)
        #expect(
            (status["suggestions"] as? [[String: Any]])?.compactMap { $0["code"] as? String }
                == ["plan_complete"])
        #expect(
            try due(rehab) == [
                "psfs discharge 2026-03-25", "nprs discharge 2026-03-25",
                "gpe discharge 2026-03-25",
            ])
        let noAfter = try rehab.run(["discharge"] + plans)
        #expect(noAfter.status == 1)
        #expect(
            noAfter.stderr
                == "rehab: measure at discharge first: psfs, nprs, gpe (rehab measure ...); "
                + "without a final measure there is no 'after'\n")
        _ = try ok(rehab, ["measure", "psfs", "stairs=9", "running 5 km=7"])
        _ = try ok(rehab, ["measure", "nprs", "1"])
        _ = try ok(rehab, ["measure", "gpe", "much_better"])
        _ = try ok(rehab, ["note", "Back to stairs without the rail; running next month."])

        // Before 3.0 (4, 2) → after 8.0 (9, 7): +5.0 on the mean. NPRS 6 → 1: -5, 83 %.
        let report = try ok(rehab, ["discharge"] + plans)
        #expect(
            report == """
                # Discharge report · runner

                runner followed Short knee from 2026-03-02 to 2026-03-25; the plan is complete.

                ## Outcome measures: before and after

                | Measure | Before | After | Change | MCID | Meaning |
                | --- | --- | --- | --- | --- | --- |
                | PSFS (patient-specific functional scale) | 3.0 (2026-03-02) | 8.0 (2026-03-25) | +5.0 | MCID 2 | clinically important improvement |
                | NPRS (average pain over the past week) | 6 (2026-03-02) | 1 (2026-03-25) | -5 | MCID 2 / 30 % | clinically important improvement |
                | GPE (global perceived effect) | — | much better (2026-03-25) | — | better / much better | clinically important improvement |

                ## PSFS per activity

                - stairs: 4 → 9 (+5.0)
                - running 5 km: 2 → 7 (+5.0)

                ## Phases

                - 2026-03-02 – 2026-03-17: Settle (start)
                - 2026-03-17 – 2026-03-25: Build (advanced)

                ## Red flags

                No red flags were reported.

                ## Physio's notes

                - 2026-03-25: Back to stairs without the rail; running next month.

                ## Sources of the measures

                - PSFS (patient-specific functional scale): Stratford et al. 1995 (Physiotherapy Canada 47:258); MCID 2 on the mean: Horn et al. 2012 (JOSPT 42:30), Abbott &amp; Schmitt 2014
                - NPRS (average pain over the past week): Farrar et al. 2001 (Pain 94:149); Salaffi et al. 2004 (Eur J Pain 8:283)
                - GPE (global perceived effect): Kamper et al. 2009 (J Man Manip Ther 17:163)

                """)
        let file = rehab.directory.appendingPathComponent("discharge.html").path
        _ = try ok(
            rehab,
            ["discharge", "--format", "html", "--output", file, "--by", "Joke de Vries"] + plans)
        let html = try String(contentsOfFile: file, encoding: .utf8)
        #expect(
            html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">"))
        #expect(html.contains("<td>3.0 (2026-03-02)</td><td>8.0 (2026-03-25)</td><td>+5.0</td>"))
        // The discharge is recorded with who and when: the patient list says so.
        let patients = try rehab.run(["patients", "--json"] + plans)
        let rows =
            try JSONSerialization.jsonObject(with: Data(patients.stdout.utf8)) as? [[String: Any]]
        #expect(value(rows?.first, "discharged", "date") as? String == "2026-03-25")
        #expect(value(rows?.first, "discharged", "by") as? String == "Joke de Vries")
        #expect(value(rows?.first, "discharged", "early") as? Bool == false)
        #expect(try ok(rehab, ["patients"] + plans).contains("discharged"))
        let nobody = try rehab.run(["discharge", "--by", "  "] + plans)
        #expect(nobody.status == 1)
        #expect(nobody.stderr.contains("by"), "\(nobody)")

        // The note is the physio's review: what came after it is what changed.
        rehab.today = "2026-03-27"
        _ = try ok(
            rehab,
            [
                "log", "--activity", "walk", "--minutes", "30", "--pain-during", "0",
                "--pain-after", "0", "--date", "2026-03-26",
            ] + plans)
        #expect(
            try ok(rehab, ["notes"])
                == """
                2026-03-25  Back to stairs without the rail; running next month.
                Since the last note (2026-03-25): 1 session, 0 morning checks, 0 measures.

                """)
        rehab.today = "2026-03-25"
        // `rehab report` carries the measures and the notes too.
        let progress = try ok(rehab, ["report"] + plans)
        #expect(
            progress.contains(
                "- PSFS (patient-specific functional scale) (2026-03-02–2026-03-25): 3.0 → 8.0 "
                    + "(+5.0): clinically important improvement · MCID 2"))
        #expect(
            progress.contains("- 2026-03-25: Back to stairs without the rail; running next month."))

        // `rehab measures --json`: the change since the first score and the MCID decision.
        let measures = try rehab.json(["measures"])
        let list = (measures["measures"] as? [[String: Any]]) ?? []
        #expect(list.map { $0["id"] as? String } == ["psfs", "nprs", "gpe"])
        #expect(list.first?["change"] as? Double == 5.0)
        #expect(list.first?["reaches_mcid"] as? Bool == true)
        #expect(list.first?["meaning"] as? String == "improved")
        #expect((list.first?["scores"] as? [Any])?.count == 4)
        #expect(list[1]["percent"] as? Double == 83.3)
    }

    @Test func badInputStoresNothing() throws {
        let rehab = try Rehab(today: "2026-03-02")
        defer { rehab.cleanUp() }
        _ = try ok(rehab, ["start", "short_knee"] + plans)
        _ = try ok(rehab, ["measure", "psfs", "stairs=4"])
        let cases: [([String], String)] = [
            (
                ["measure", "nprs", "11"],
                "nprs 'pain': '11' is not a valid score; allowed: a whole number 0-10"
            ),
            (
                ["measure", "psfs", "stairs=7", "cycling=3"],
                "psfs: score the same activities as the first time (stairs), not stairs, cycling; only then can the change be compared"
            ),
            (
                ["measure", "psfs", "stairs"],
                "answer: 'stairs' is not ITEM=SCORE, for example \"stairs=4\""
            ),
            (
                ["measure", "gpe", "great"],
                "gpe: 'great' is not an answer; choose from: much_worse, worse, slightly_worse, unchanged, slightly_better, better, much_better"
            ),
            (
                ["measure", "vas", "5"],
                "measure: 'vas' is not a known measure; choose from: psfs, nprs, gpe (see 'rehab questionnaires')"
            ),
            (
                ["measure", "nprs", "5", "--date", "2026-03-01"],
                "date: 2026-03-01 is before the plan started (2026-03-02); use a date from 2026-03-02 on"
            ),
            (["note", "   "], "note: the text is empty; write what you saw or discussed"),
        ]
        for (arguments, message) in cases {
            let result = try rehab.run(arguments)
            #expect(result.status == 1, "\(arguments)")
            #expect(result.stderr == "rehab: \(message)\n", "\(arguments)")
        }
        let measures = try rehab.json(["measures"])
        #expect(((measures["measures"] as? [[String: Any]]) ?? []).count == 1)
        #expect(try ok(rehab, ["notes"]) == "no notes yet; add one with 'rehab note TEXT'\n")
    }

    /// The invented 4-item questionnaire: loaded from its folder, answered, scored (sum),
    /// compared with its MCID of 3; a missing item is refused.
    @Test func aQuestionnaireFile() throws {
        var rehab = try Rehab(today: "2026-03-02")
        defer { rehab.cleanUp() }
        _ = try ok(rehab, ["start", "short_knee"] + plans)
        let list = try ok(rehab, ["questionnaires"] + questionnaires)
        #expect(
            list.contains(
                "knee_function  Knee function (test questionnaire) · 4 items, sum 0…16 · MCID 3"))
        let missing = try rehab.run(
            ["measure", "knee_function", "q1=1", "q2=2", "q3=3"] + questionnaires)
        #expect(missing.status == 1)
        #expect(
            missing.stderr == "rehab: knee_function: no answer for: q4; every item is required\n")
        let first = try ok(
            rehab, ["measure", "knee_function", "q1=1", "q2=2", "q3=3", "q4=4"] + questionnaires)
        #expect(first == "Knee function (test questionnaire) saved for 2026-03-02: 10\n")
        rehab.today = "2026-03-20"
        let later = try ok(
            rehab, ["measure", "knee_function", "q1=4", "q2=3", "q3=3", "q4=3"] + questionnaires)
        #expect(
            later == """
                Knee function (test questionnaire) saved for 2026-03-20: 13
                  10 → 13 (+3): clinically important improvement · MCID 3

                """)
        // Without its folder the answers stay, shown by id.
        let elsewhere = try ok(rehab, ["measures"])
        #expect(
            elsewhere.contains("knee_function: questionnaire file not found; the answers are kept"))
        // A plan that schedules the questionnaire: due at its start; NPRS every 7 days.
        var other = try Rehab(today: "2026-03-02")
        defer { other.cleanUp() }
        _ = try ok(other, ["start", "scheduled_knee"] + plans)
        #expect(try due(other) == ["knee_function start 2026-03-02"])
        _ = try ok(other, ["measure", "nprs", "5"])
        _ = try ok(
            other, ["measure", "knee_function", "q1=1", "q2=1", "q3=1", "q4=1"] + questionnaires)
        other.today = "2026-03-09"
        #expect(try due(other) == ["nprs every_days 2026-03-09"])
        let check = try rehab.run(
            [
                "questionnaires", "check",
                Self.fixtures.appendingPathComponent("plans/short_knee.yaml").path,
            ])
        #expect(check.status == 1)
        #expect(check.stdout.contains("short_knee.yaml:2:1: missing required key source"))
    }
}
