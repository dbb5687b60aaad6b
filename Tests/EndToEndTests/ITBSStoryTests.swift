import Foundation
import Testing

/// Two weeks of a runner with runner's knee (ITB syndrome), told through the real binary: start,
/// logs, morning checks, a worse morning, a spike and a cap breach, a red flag and its clearing,
/// advancing a phase and stepping back after two red days. Each expectation was worked out by
/// hand from DESIGN section 4 (version 2) and plans/itbs.yaml: calm_down and build_up allow
/// running within the pain rule (seed 002) with a km cap floored at the 10 km a week the runner
/// ran before; calm_down exits after 7 days with 3 green days and a 30-minute pain-free walk.
struct ITBSStoryTests {
    struct Expected {
        var phase: String
        var day: Int
        var level: String
        var action: String
        var codes: [String]
        var thisWeek: Double
        var cap: Double?
        var overCap: Bool
        var ready: Bool = false
        var unmet: [String] = []
    }

    func check(
        _ rehab: Rehab, _ expected: Expected, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let status = try rehab.json(["status"])
        #expect(value(status, "date") as? String == rehab.today, sourceLocation: sourceLocation)
        #expect(
            value(status, "phase", "id") as? String == expected.phase,
            sourceLocation: sourceLocation)
        #expect(
            value(status, "phase", "day") as? Int == expected.day, sourceLocation: sourceLocation)
        #expect(
            value(status, "verdict", "level") as? String == expected.level,
            sourceLocation: sourceLocation)
        #expect(
            value(status, "verdict", "action") as? String == expected.action,
            sourceLocation: sourceLocation)
        #expect(codes(status).sorted() == expected.codes.sorted(), sourceLocation: sourceLocation)
        #expect(
            value(status, "load", "this_week") as? Double == expected.thisWeek,
            sourceLocation: sourceLocation)
        #expect(
            value(status, "load", "cap") as? Double == expected.cap, sourceLocation: sourceLocation)
        #expect(
            value(status, "load", "over_cap") as? Bool == expected.overCap,
            sourceLocation: sourceLocation)
        #expect(
            value(status, "advance", "ready") as? Bool == expected.ready,
            sourceLocation: sourceLocation)
        #expect(
            value(status, "advance", "unmet") as? [String] == expected.unmet,
            sourceLocation: sourceLocation)
    }

    func ok(
        _ rehab: Rehab, _ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let result = try rehab.run(arguments)
        #expect(result.status == 0, "\(arguments): \(result)", sourceLocation: sourceLocation)
    }

    @Test func twoWeeksOfRunnersKnee() throws {
        var rehab = try Rehab(today: "2026-03-02")
        defer { rehab.cleanUp() }

        // Monday: start. Nothing logged yet: start. The cap is the 10 km floor.
        try ok(rehab, ["start", "itbs", "--variant", "acute", "--weekly-km", "10"])
        let contract = try rehab.json(["status"])
        #expect(value(contract, "plan", "id") as? String == "itbs")
        #expect(value(contract, "plan", "variant") as? String == "acute")
        #expect(value(contract, "phase", "kind") as? String == "relative_rest")
        #expect(value(contract, "phase", "number") as? Int == 1)
        #expect(value(contract, "phase", "of") as? Int == 3)
        #expect(value(contract, "load", "metric") as? String == "km")
        #expect(value(contract, "load", "week_start") as? String == "2026-03-02")
        #expect(value(contract, "advance", "next") as? String == "build_up")
        try check(
            rehab,
            Expected(
                phase: "calm_down", day: 1, level: "green", action: "start",
                codes: ["nothing_logged_yet"], thisWeek: 0, cap: 10, overCap: false,
                unmet: ["min_days", "green_days", "pain_free_walk_minutes"]))

        // An easy 5 km within the pain rule: green.
        try ok(
            rehab,
            [
                "log", "--activity", "run", "--km", "5", "--minutes", "30", "--pain-during", "1",
                "--pain-after", "2",
            ])
        try check(
            rehab,
            Expected(
                phase: "calm_down", day: 1, level: "green", action: "progress", codes: [],
                thisWeek: 5,
                cap: 10, overCap: false,
                unmet: ["min_days", "green_days", "pain_free_walk_minutes"]))

        rehab.today = "2026-03-03"
        try ok(rehab, ["morning", "1"])
        try ok(
            rehab,
            [
                "log", "--activity", "cycle", "--minutes", "40", "--pain-during", "2",
                "--pain-after", "2",
            ])
        try check(
            rehab,
            Expected(
                phase: "calm_down", day: 2, level: "green", action: "progress", codes: [],
                thisWeek: 5,
                cap: 10, overCap: false,
                unmet: ["min_days", "green_days", "pain_free_walk_minutes"]))

        // Wednesday: three green logged days. The 35-minute walk counts as pain-free only once
        // its next morning is logged and not worse.
        rehab.today = "2026-03-04"
        try ok(rehab, ["morning", "1"])
        try ok(
            rehab,
            [
                "log", "--activity", "walk", "--minutes", "35", "--pain-during", "1",
                "--pain-after", "1",
            ])
        try check(
            rehab,
            Expected(
                phase: "calm_down", day: 3, level: "green", action: "progress", codes: [],
                thisWeek: 5,
                cap: 10, overCap: false, unmet: ["min_days", "pain_free_walk_minutes"]))

        // Thursday: the morning after the walk is 3 against a baseline of 1 (that day's own
        // morning; no two mornings in the week before): 2 worse, red. The walk does not count.
        rehab.today = "2026-03-05"
        try ok(rehab, ["morning", "3"])
        try check(
            rehab,
            Expected(
                phase: "calm_down", day: 4, level: "red", action: "reduce",
                codes: ["worse_next_morning"],
                thisWeek: 5, cap: 10, overCap: false,
                unmet: ["min_days", "green_days", "pain_free_walk_minutes"]))

        // Friday: 8 km (over 110 % of the 5 km before), 13 km this week against 10, pain after 4;
        // the worse morning is held at amber until a morning is back at 1.
        rehab.today = "2026-03-06"
        try ok(
            rehab,
            [
                "log", "--activity", "run", "--km", "8", "--minutes", "48", "--pain-during", "2",
                "--pain-after", "4",
            ])
        let held = [
            "session_spike", "weekly_load_over_cap", "pain_after_above_safe", "worse_next_morning",
        ]
        try check(
            rehab,
            Expected(
                phase: "calm_down", day: 5, level: "amber", action: "hold", codes: held,
                thisWeek: 13, cap: 10, overCap: true,
                unmet: ["min_days", "green_days", "pain_free_walk_minutes"]))

        // Saturday: swelling, warmth and redness on waking → stop until a doctor clears it. The
        // same morning (2) is also 1 worse than the baseline of Friday's run (the median of 1,
        // 1, 3): a second worse response, listed beside Thursday's.
        rehab.today = "2026-03-07"
        try ok(rehab, ["morning", "2", "--flag", "swelling_warmth_redness"])
        try check(
            rehab,
            Expected(
                phase: "calm_down", day: 6, level: "stop", action: "see_doctor",
                codes: ["red_flag", "worse_next_morning"] + held, thisWeek: 13, cap: 10,
                overCap: true,
                unmet: ["min_days", "green_days", "pain_free_walk_minutes"]))
        let flagged = try rehab.json(["status"])
        #expect(value(flagged, "open_flags", "0", "flag") as? String == "swelling_warmth_redness")
        #expect(
            value(flagged, "verdict", "reasons", "0", "flag") as? String
                == "swelling_warmth_redness")
        #expect(value(flagged, "verdict", "reasons", "0", "urgency") as? String == "see_doctor")

        // Sunday: advancing is refused while the flag is open; the GP clears it.
        rehab.today = "2026-03-08"
        let refused = try rehab.run(["advance"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("red flags"), "\(refused)")
        try ok(rehab, ["clear-flags", "--reason", "GP: no infection, may continue"])
        try check(
            rehab,
            Expected(
                phase: "calm_down", day: 7, level: "amber", action: "hold",
                codes: ["worse_next_morning"] + held, thisWeek: 13, cap: 10, overCap: true,
                unmet: ["min_days", "green_days", "pain_free_walk_minutes"]))

        // Week 2: last week's 13 km was over its cap of 10, so the cap is 10 × 1.1 = 11, not
        // 13 × 1.1. Monday's morning 1 resolves the worse mornings; three green days follow.
        rehab.today = "2026-03-09"
        try ok(rehab, ["morning", "1"])
        try ok(
            rehab,
            [
                "log", "--activity", "walk", "--minutes", "40", "--pain-during", "0",
                "--pain-after", "1",
            ])
        try check(
            rehab,
            Expected(
                phase: "calm_down", day: 8, level: "green", action: "progress", codes: [],
                thisWeek: 0,
                cap: 11, overCap: false, unmet: ["green_days", "pain_free_walk_minutes"]))
        rehab.today = "2026-03-10"
        try ok(rehab, ["morning", "1"])
        try ok(
            rehab,
            [
                "log", "--activity", "cycle", "--minutes", "40", "--pain-during", "1",
                "--pain-after", "1",
            ])
        rehab.today = "2026-03-11"
        try ok(rehab, ["morning", "0"])
        try ok(
            rehab,
            [
                "log", "--activity", "cycle", "--minutes", "40", "--pain-during", "0",
                "--pain-after", "1",
            ])
        try check(
            rehab,
            Expected(
                phase: "calm_down", day: 10, level: "green", action: "progress", codes: [],
                thisWeek: 0,
                cap: 11, overCap: false, ready: true, unmet: []))

        // Thursday: advance to the build-up. Its cap chains on from calm_down (both km).
        rehab.today = "2026-03-12"
        try ok(rehab, ["advance"])
        try check(
            rehab,
            Expected(
                phase: "build_up", day: 1, level: "green", action: "progress", codes: [],
                thisWeek: 0,
                cap: 11, overCap: false,
                unmet: ["min_days", "green_days", "pain_free_walk_minutes", "hop_test"]))

        // Two red days within a week in the build-up suggest stepping back.
        rehab.today = "2026-03-13"
        try ok(
            rehab,
            [
                "log", "--activity", "walk", "--minutes", "30", "--pain-during", "6",
                "--pain-after", "5",
            ])
        try check(
            rehab,
            Expected(
                phase: "build_up", day: 2, level: "red", action: "reduce",
                codes: ["pain_above_limit", "pain_after_above_safe"], thisWeek: 0, cap: 11,
                overCap: false,
                unmet: ["min_days", "green_days", "pain_free_walk_minutes", "hop_test"]))
        rehab.today = "2026-03-15"
        try ok(
            rehab,
            [
                "log", "--activity", "walk", "--minutes", "30", "--pain-during", "2",
                "--pain-after", "2", "--lasted-over-2h",
            ])
        let twoRed = try rehab.json(["status"])
        #expect(codes(twoRed) == ["pain_lasted"])
        #expect(value(twoRed, "suggestions", "0", "code") as? String == "step_back")
        #expect(value(twoRed, "suggestions", "0", "phase") as? String == "calm_down")

        // Stepping back keeps the cap: the chain of km phases goes on.
        try ok(rehab, ["advance", "--to", "calm_down"])
        try check(
            rehab,
            Expected(
                phase: "calm_down", day: 1, level: "red", action: "reduce", codes: ["pain_lasted"],
                thisWeek: 0, cap: 11, overCap: false,
                unmet: ["min_days", "green_days", "pain_free_walk_minutes"]))

        // The week report: running km per week against the cap, the first week over it.
        let week = try rehab.json(["week", "--weeks", "2"])
        let weeks = value(week, "weeks") as? [[String: Any]] ?? []
        #expect(weeks.map { $0["week_start"] as? String } == ["2026-03-02", "2026-03-09"])
        #expect(weeks.map { $0["load"] as? Double } == [13, 0])
        #expect(weeks.map { $0["cap"] as? Double } == [10, 11])
        #expect(weeks.map { $0["over_cap"] as? Bool } == [true, false])
        #expect(weeks.map { $0["sessions"] as? Int } == [4, 5])
        #expect(weeks.map { $0["max_pain_during"] as? Int } == [2, 6])
        #expect(weeks.map { $0["level"] as? String } == ["amber", "red"])
        let text = try rehab.run(["week", "--weeks", "2"])
        #expect(text.status == 0)
        #expect(text.stdout.contains("2026-03-02") && text.stdout.contains("13.0 km!"), "\(text)")
    }
}
