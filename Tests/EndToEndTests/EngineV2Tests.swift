import Foundation
import Testing

/// Every case the clinical engine v2 issue lists, on the real binary: a patient follows the test
/// plan Fixtures/v2_knee.yaml (rest that avoids running, a build-up whose exercises may go to
/// 5/10, a run/walk schedule, a last phase with an exit; flags of each urgency and a physio
/// referral), records are logged with `--date`, and `status --json` is asserted. The same cases,
/// worked out by hand, are rows of Tests/RehabCoreTests/ScenarioTableTests.swift.
struct EngineV2Tests {
    static let planFile = Rehab.repoRoot.appendingPathComponent(
        "Tests/EndToEndTests/Fixtures/v2_knee.yaml"
    ).path

    /// A patient on the test plan, entering each phase on its date.
    static func patient(_ phases: [(String, String)], weeklyKm: String? = nil) throws -> Rehab {
        var rehab = try Rehab(today: phases[0].1)
        try must(rehab, ["patients", "add", "Sam"])
        try must(
            rehab,
            ["start", "--plan-file", planFile, "--date", phases[0].1]
                + (weeklyKm.map { ["--weekly-km", $0] } ?? []))
        for (phase, date) in phases.dropFirst() {
            rehab.today = date
            try must(rehab, ["advance", "--to", phase, "--force", "--reason", "test set-up"])
        }
        // Records are logged with --date and may not lie after today; each status picks its day.
        rehab.today = "2026-04-30"
        return rehab
    }

    static func must(
        _ rehab: Rehab, _ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let result = try rehab.run(arguments)
        #expect(result.status == 0, "\(arguments): \(result)", sourceLocation: sourceLocation)
    }

    static func session(
        _ rehab: Rehab, _ date: String, _ activity: String, minutes: Int = 30, km: String? = nil,
        during: Int = 0, after: Int = 0, lasted: Bool = false, extra: [String] = []
    ) throws {
        var arguments = [
            "log", "--date", date, "--activity", activity, "--minutes", "\(minutes)",
            "--pain-during", "\(during)", "--pain-after", "\(after)",
        ]
        if let km { arguments += ["--km", km] }
        if lasted { arguments.append("--lasted-over-2h") }
        try must(rehab, arguments + extra)
    }

    static func morning(_ rehab: Rehab, _ date: String, _ pain: Int, flags: [String] = [])
        throws
    {
        try must(rehab, ["morning", "\(pain)", "--date", date] + flags.flatMap { ["--flag", $0] })
    }

    /// `status --json` on `date`.
    static func status(_ rehab: Rehab, on date: String) throws -> [String: Any] {
        var copy = rehab
        copy.today = date
        return try copy.json(["status"])
    }

    static func expectVerdict(
        _ status: [String: Any], _ level: String, _ action: String, _ expected: Set<String>,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(
            value(status, "verdict", "level") as? String == level, "\(status)",
            sourceLocation: sourceLocation)
        #expect(
            value(status, "verdict", "action") as? String == action,
            sourceLocation: sourceLocation)
        #expect(Set(codes(status)) == expected, sourceLocation: sourceLocation)
        let reasons = value(status, "verdict", "reasons") as? [[String: Any]] ?? []
        #expect(
            reasons.allSatisfy { !(($0["source"] as? String) ?? "").isEmpty },
            "every reason names its source", sourceLocation: sourceLocation)
    }

    static let rest = [("rest", "2026-02-23")]

    // MARK: the 24-hour rule

    @Test func aLowPainSessionDoesNotClearAWorseMorning() throws {
        let rehab = try Self.patient(Self.rest)
        defer { rehab.cleanUp() }
        try Self.morning(rehab, "2026-02-28", 1)
        try Self.morning(rehab, "2026-03-01", 1)
        try Self.session(rehab, "2026-03-03", "cycle")
        try Self.morning(rehab, "2026-03-04", 5)
        try Self.session(rehab, "2026-03-04", "cycle", during: 1, after: 1)
        Self.expectVerdict(
            try Self.status(rehab, on: "2026-03-04"), "red", "reduce",
            ["worse_next_morning", "morning_above_safe"])
        // The next morning at 5 is not the new baseline: judged against 1 again, red again.
        try Self.morning(rehab, "2026-03-05", 5)
        Self.expectVerdict(
            try Self.status(rehab, on: "2026-03-05"), "red", "reduce",
            ["worse_next_morning", "morning_above_safe"])
        // The report shows 03-03 (green on the day) as its next morning revised it.
        var reporting = rehab
        reporting.today = "2026-03-05"
        let report = try reporting.run(["report", "--weeks", "1"])
        #expect(
            report.stdout.contains(
                "- 2026-03-03: red → reduce (revised by the morning of 2026-03-04)"),
            "\(report)")
    }

    @Test func aFirstSessionFollowedByAnEightMorningIsRed() throws {
        let rehab = try Self.patient(Self.rest)
        defer { rehab.cleanUp() }
        try Self.session(rehab, "2026-03-03", "cycle")
        try Self.morning(rehab, "2026-03-04", 8)
        Self.expectVerdict(
            try Self.status(rehab, on: "2026-03-04"), "red", "reduce",
            ["worse_next_morning", "morning_above_limit"])
    }

    @Test func mornings8WithoutSessionsAreRedAndNoGreenDays() throws {
        let rehab = try Self.patient(Self.rest)
        defer { rehab.cleanUp() }
        for d in ["2026-03-02", "2026-03-03", "2026-03-04"] { try Self.morning(rehab, d, 8) }
        let status = try Self.status(rehab, on: "2026-03-04")
        Self.expectVerdict(status, "red", "reduce", ["morning_above_limit"])
        #expect((value(status, "advance", "unmet") as? [String])?.contains("green_days") == true)
    }

    // MARK: phase compliance

    @Test func runsInRelativeRestAreRed() throws {
        let rehab = try Self.patient([("rest", "2026-03-03")])
        defer { rehab.cleanUp() }
        try Self.session(rehab, "2026-03-04", "run", minutes: 48, km: "8")
        Self.expectVerdict(
            try Self.status(rehab, on: "2026-03-04"), "red", "reduce", ["activity_not_allowed"])
        // The next day 42 km: not allowed either, and far over the 8 km of the day before.
        try Self.session(rehab, "2026-03-05", "run", minutes: 240, km: "42")
        Self.expectVerdict(
            try Self.status(rehab, on: "2026-03-05"), "red", "reduce",
            ["activity_not_allowed", "session_spike"])
    }

    // MARK: load

    @Test func anOverCapWeekDoesNotRaiseTheNextCap() throws {
        let rehab = try Self.patient(Self.rest)
        defer { rehab.cleanUp() }
        for (d, m) in [("2026-02-24", 60), ("2026-02-26", 60), ("2026-02-28", 65)] {
            try Self.session(rehab, d, "cycle", minutes: m)
        }
        try Self.session(rehab, "2026-03-02", "cycle", minutes: 40)
        try Self.session(rehab, "2026-03-04", "cycle", minutes: 30)
        let status = try Self.status(rehab, on: "2026-03-04")
        Self.expectVerdict(status, "amber", "hold", ["weekly_load_over_cap"])
        // 185 against a cap of 60: the next cap is 66, not 203.5.
        #expect(value(status, "load", "cap") as? Double == 66)
        #expect(value(status, "load", "last_week") as? Double == 185)
    }

    @Test func theScheduleCapsTheRunning() throws {
        let rehab = try Self.patient([
            ("rest", "2026-01-26"), ("load", "2026-02-09"), ("return", "2026-02-23"),
        ])
        defer { rehab.cleanUp() }
        for d in ["2026-02-27", "2026-03-02", "2026-03-04"] {
            try Self.session(rehab, d, "run", minutes: 60, km: "10")
        }
        let status = try Self.status(rehab, on: "2026-03-04")
        Self.expectVerdict(status, "amber", "hold", ["session_spike", "weekly_load_over_cap"])
        #expect(value(status, "load", "metric") as? String == "min")
        #expect(value(status, "load", "cap") as? Double == 90)
        #expect(value(status, "load", "schedule_sets_load") as? Bool == true)
    }

    // MARK: run/walk integrity

    @Test func twoRunsADayAndShortJogsDoNotPassAStep() throws {
        let rehab = try Self.patient([("rest", "2026-02-16"), ("return", "2026-03-02")])
        defer { rehab.cleanUp() }
        for d in 1...9 { try Self.morning(rehab, "2026-03-0\(d)", 1) }
        for d in ["2026-03-02", "2026-03-03", "2026-03-04"] {
            try Self.session(rehab, d, "run", minutes: 30, km: "4")
            try Self.session(rehab, d, "run", minutes: 30, km: "4")
        }
        let doubled = try Self.status(rehab, on: "2026-03-05")
        // Only 03-02 counts: each later day had a run the day before.
        #expect(value(doubled, "run_walk", "step") as? Int == 1)
        #expect(value(doubled, "run_walk", "passed") as? Int == 1)
        #expect(codes(doubled).contains("run_every_other_day"))

        let jogs = try Self.patient([("rest", "2026-02-16"), ("return", "2026-03-02")])
        defer { jogs.cleanUp() }
        for d in 1...9 { try Self.morning(jogs, "2026-03-0\(d)", 1) }
        for d in ["2026-03-02", "2026-03-04", "2026-03-06", "2026-03-08"] {
            try Self.session(jogs, d, "run", minutes: 5, km: "1")
        }
        let short = try Self.status(jogs, on: "2026-03-09")
        #expect(value(short, "run_walk", "step") as? Int == 1)
        #expect(value(short, "run_walk", "passed") as? Int == 0)
    }

    @Test func aWorseMorningAfterARunStepsTheScheduleBack() throws {
        let rehab = try Self.patient([("rest", "2026-02-16"), ("return", "2026-03-02")])
        defer { rehab.cleanUp() }
        for d in 1...8 { try Self.morning(rehab, "2026-03-0\(d)", 1) }
        for d in ["2026-03-02", "2026-03-04", "2026-03-06", "2026-03-08"] {
            try Self.session(rehab, d, "run", minutes: 30, km: "4")
        }
        let passed = try Self.status(rehab, on: "2026-03-08")
        #expect(value(passed, "run_walk", "step") as? Int == 2)
        try Self.morning(rehab, "2026-03-09", 3)
        let back = try Self.status(rehab, on: "2026-03-09")
        Self.expectVerdict(back, "red", "reduce", ["worse_next_morning"])
        #expect(value(back, "run_walk", "step") as? Int == 1)
        #expect(value(back, "run_walk", "passed") as? Int == 0)
    }

    @Test func aLongRunAfterSevenWeeksWithoutOneReopensTheSchedule() throws {
        let rehab = try Self.patient([
            ("rest", "2026-01-05"), ("load", "2026-01-19"), ("return", "2026-02-02"),
            ("full", "2026-02-23"),
        ])
        defer { rehab.cleanUp() }
        try Self.session(rehab, "2026-01-10", "run", minutes: 25, km: "4")
        try Self.session(rehab, "2026-03-04", "run", minutes: 70, km: "11.5")
        let status = try Self.status(rehab, on: "2026-03-04")
        Self.expectVerdict(status, "amber", "hold", ["return_after_layoff"])
        #expect(value(status, "suggestions", "0", "code") as? String == "reopen_schedule")
        #expect(value(status, "suggestions", "0", "phase") as? String == "return")
    }

    // MARK: no improvement

    @Test func steadyLowPainInRestIsNoAlarmButSixIs() throws {
        let calm = try Self.patient([("rest", "2026-02-20")])
        defer { calm.cleanUp() }
        let high = try Self.patient([("rest", "2026-02-20")])
        defer { high.cleanUp() }
        for offset in 0..<10 {
            let date = [
                "2026-02-23", "2026-02-24", "2026-02-25", "2026-02-26", "2026-02-27",
                "2026-02-28", "2026-03-01", "2026-03-02", "2026-03-03", "2026-03-04",
            ][offset]
            try Self.morning(calm, date, 1)
            try Self.morning(high, date, offset < 5 ? 7 : 6)
        }
        Self.expectVerdict(try Self.status(calm, on: "2026-03-04"), "green", "progress", [])
        Self.expectVerdict(
            try Self.status(high, on: "2026-03-04"), "red", "reduce", ["morning_above_limit"])
    }

    // MARK: red flags and referrals

    @Test func flagsCarryTheirUrgencyAndOnlyTheStopInstructs() throws {
        let cauda = try Self.patient(Self.rest)
        defer { cauda.cleanUp() }
        try Self.morning(cauda, "2026-03-04", 0, flags: ["cauda_equina"])
        let emergency = try Self.status(cauda, on: "2026-03-04")
        Self.expectVerdict(emergency, "stop", "emergency", ["red_flag"])
        #expect(value(emergency, "verdict", "reasons", "0", "urgency") as? String == "emergency")
        #expect(
            (value(emergency, "verdict", "reasons", "0", "message") as? String)?.contains("112")
                == true)

        let calf = try Self.patient(Self.rest)
        defer { calf.cleanUp() }
        try Self.session(
            calf, "2026-03-04", "cycle", during: 4, extra: ["--flag", "calf_swelling_warm_red"])
        let sameDay = try Self.status(calf, on: "2026-03-04")
        Self.expectVerdict(sameDay, "stop", "same_day", ["red_flag", "pain_during_above_safe"])
        let messages = (value(sameDay, "verdict", "reasons") as? [[String: Any]] ?? []).compactMap {
            $0["message"] as? String
        }
        #expect(messages[0].contains("today"))
        // Under the stop, the pain finding says what was seen but not "repeat this load".
        #expect(messages[1].contains("4/10"))
        #expect(!messages[1].contains("Repeat this load"))

        let physio = try Self.patient(Self.rest)
        defer { physio.cleanUp() }
        try Self.morning(physio, "2026-03-04", 0, flags: ["gait_not_normal"])
        Self.expectVerdict(
            try Self.status(physio, on: "2026-03-04"), "amber", "hold", ["see_physio"])
    }

    // MARK: exit criteria and the plan's course

    @Test func aPainfulLongWalkAndPainfulHopsMeetNoExit() throws {
        let rehab = try Self.patient(Self.rest)
        defer { rehab.cleanUp() }
        for d in ["2026-03-02", "2026-03-03", "2026-03-04", "2026-03-05"] {
            try Self.morning(rehab, d, 1)
        }
        try Self.session(
            rehab, "2026-03-03", "walk", minutes: 150, during: 7, after: 7, lasted: true)
        let walked = try Self.status(rehab, on: "2026-03-05")
        #expect(
            (value(walked, "advance", "unmet") as? [String])?.contains("pain_free_walk_minutes")
                == true)

        let hops = try Self.patient([("rest", "2026-02-09"), ("load", "2026-02-23")])
        defer { hops.cleanUp() }
        try Self.must(
            hops,
            [
                "log", "--date", "2026-03-04", "--activity", "exercises", "--minutes", "20",
                "--pain-during", "8", "--pain-after", "2", "--hop-test", "20",
            ])
        let hopped = try Self.status(hops, on: "2026-03-05")
        #expect((value(hopped, "advance", "unmet") as? [String])?.contains("hop_test") == true)
    }

    @Test func dayOneSaysStartAndAFinishedPlanIsComplete() throws {
        let fresh = try Self.patient([("rest", "2026-03-04")])
        defer { fresh.cleanUp() }
        Self.expectVerdict(
            try Self.status(fresh, on: "2026-03-04"), "green", "start", ["nothing_logged_yet"])

        let done = try Self.patient([
            ("rest", "2026-01-05"), ("load", "2026-01-19"), ("return", "2026-02-02"),
            ("full", "2026-02-23"),
        ])
        defer { done.cleanUp() }
        for d in ["2026-03-09", "2026-03-10", "2026-03-11"] { try Self.session(done, d, "cycle") }
        let later = try Self.status(done, on: "2026-04-01")
        Self.expectVerdict(later, "green", "progress", [])
        #expect(value(later, "suggestions", "0", "code") as? String == "plan_complete")
    }

    // MARK: per-activity thresholds

    @Test func tendonLoadingMayHurtMoreThanWalking() throws {
        let rehab = try Self.patient([("rest", "2026-02-09"), ("load", "2026-02-23")])
        defer { rehab.cleanUp() }
        try Self.session(rehab, "2026-03-04", "exercises", during: 5, after: 5)
        Self.expectVerdict(try Self.status(rehab, on: "2026-03-04"), "green", "progress", [])
        try Self.session(rehab, "2026-03-05", "walk", during: 5, after: 5)
        Self.expectVerdict(
            try Self.status(rehab, on: "2026-03-05"), "amber", "hold",
            ["pain_during_above_safe", "pain_after_above_safe"])
    }

    // MARK: one computation

    /// After a phase change in the middle of a week, status, `week` and the app's series read
    /// the same numbers for this week (in the phase in force today).
    @Test func statusAndWeekAgreeAfterAPhaseChange() throws {
        var rehab = try Self.patient([("rest", "2026-02-16"), ("load", "2026-03-04")])
        defer { rehab.cleanUp() }
        try Self.session(rehab, "2026-02-24", "cycle", minutes: 50)
        try Self.session(rehab, "2026-02-25", "walk", minutes: 40)
        try Self.session(rehab, "2026-03-02", "cycle", minutes: 40)
        try Self.session(rehab, "2026-03-05", "walk", minutes: 30)
        rehab.today = "2026-03-05"
        let status = try rehab.json(["status"])
        let week = try rehab.json(["week", "--weeks", "2"])
        let weeks = value(week, "weeks") as? [[String: Any]] ?? []
        // Load phase: walking and cycling together. This week 40 + 30 = 70; last week 50 + 40.
        #expect(value(status, "load", "this_week") as? Double == 70)
        #expect(value(status, "load", "last_week") as? Double == 90)
        #expect(weeks.last?["load"] as? Double == 70)
        #expect(weeks.last?["cap"] as? Double == value(status, "load", "cap") as? Double)
    }

    /// By default `week` starts at the plan's first week, not eight weeks back before anything
    /// existed; a count asked for is shown whole.
    @Test func weekShowsNoWeekBeforeThePlanUnlessAsked() throws {
        var rehab = try Self.patient([("rest", "2026-02-16"), ("load", "2026-03-04")])
        defer { rehab.cleanUp() }
        try Self.session(rehab, "2026-02-24", "cycle", minutes: 50)
        rehab.today = "2026-03-05"
        let byDefault = value(try rehab.json(["week"]), "weeks") as? [[String: Any]] ?? []
        #expect(
            byDefault.map { $0["week_start"] as? String } == [
                "2026-02-16", "2026-02-23", "2026-03-02",
            ])
        let asked =
            value(try rehab.json(["week", "--weeks", "5"]), "weeks") as? [[String: Any]] ?? []
        #expect(asked.count == 5)
    }
}
