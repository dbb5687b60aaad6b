import Foundation
import Testing

/// Two weeks of a runner with runner's knee (ITB syndrome), told through the real binary: start,
/// logs, morning checks, a worse morning, a cap breach, a red flag and its clearing, advancing a
/// phase and stepping back after two red days. Each expectation was worked out by hand from the
/// rules in DESIGN section 4 and plans/itbs.yaml (calm_down: cycle minutes, floor 60, exit after
/// 7 days with 3 green days and a 30-minute pain-free walk; build_up: walk minutes, floor 90).
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

    func check(_ rehab: Rehab, _ expected: Expected, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let status = try rehab.json(["status"])
        #expect(value(status, "date") as? String == rehab.today, sourceLocation: sourceLocation)
        #expect(value(status, "phase", "id") as? String == expected.phase, sourceLocation: sourceLocation)
        #expect(value(status, "phase", "day") as? Int == expected.day, sourceLocation: sourceLocation)
        #expect(value(status, "verdict", "level") as? String == expected.level, sourceLocation: sourceLocation)
        #expect(value(status, "verdict", "action") as? String == expected.action, sourceLocation: sourceLocation)
        #expect(codes(status) == expected.codes, sourceLocation: sourceLocation)
        #expect(value(status, "load", "this_week") as? Double == expected.thisWeek, sourceLocation: sourceLocation)
        #expect(value(status, "load", "cap") as? Double == expected.cap, sourceLocation: sourceLocation)
        #expect(value(status, "load", "over_cap") as? Bool == expected.overCap, sourceLocation: sourceLocation)
        #expect(value(status, "advance", "ready") as? Bool == expected.ready, sourceLocation: sourceLocation)
        #expect(value(status, "advance", "unmet") as? [String] == expected.unmet, sourceLocation: sourceLocation)
    }

    func ok(_ rehab: Rehab, _ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws {
        let result = try rehab.run(arguments)
        #expect(result.status == 0, "\(arguments): \(result)", sourceLocation: sourceLocation)
    }

    @Test func twoWeeksOfRunnersKnee() throws {
        var rehab = try Rehab(today: "2026-03-02")
        defer { rehab.cleanUp() }

        // Monday: start. The rest phase counts cycling minutes; its floor of 60 is the first cap.
        try ok(rehab, ["start", "itbs", "--variant", "acute", "--weekly-km", "20"])
        let contract = try rehab.json(["status"])
        #expect(value(contract, "plan", "id") as? String == "itbs")
        #expect(value(contract, "plan", "variant") as? String == "acute")
        #expect(value(contract, "phase", "kind") as? String == "relative_rest")
        #expect(value(contract, "phase", "number") as? Int == 1)
        #expect(value(contract, "phase", "of") as? Int == 3)
        #expect(value(contract, "load", "metric") as? String == "min")
        #expect(value(contract, "load", "week_start") as? String == "2026-03-02")
        #expect(value(contract, "advance", "next") as? String == "build_up")
        try check(rehab, Expected(
            phase: "calm_down", day: 1, level: "green", action: "progress", codes: [], thisWeek: 0,
            cap: 60, overCap: false, unmet: ["min_days", "green_days", "pain_free_walk_minutes"]))

        try ok(rehab, ["log", "--activity", "cycle", "--minutes", "30", "--pain-during", "1", "--pain-after", "2"])
        rehab.today = "2026-03-03"
        try ok(rehab, ["morning", "1"])
        try ok(rehab, ["log", "--activity", "cycle", "--minutes", "25", "--pain-during", "2", "--pain-after", "2"])
        try check(rehab, Expected(
            phase: "calm_down", day: 2, level: "green", action: "progress", codes: [], thisWeek: 55,
            cap: 60, overCap: false, unmet: ["min_days", "green_days", "pain_free_walk_minutes"]))

        // Wednesday: a 35-minute walk with pain 1 meets the pain-free walk criterion.
        rehab.today = "2026-03-04"
        try ok(rehab, ["morning", "1"])
        try ok(rehab, ["log", "--activity", "walk", "--minutes", "35", "--pain-during", "1", "--pain-after", "1"])
        try check(rehab, Expected(
            phase: "calm_down", day: 3, level: "green", action: "progress", codes: [], thisWeek: 55,
            cap: 60, overCap: false, unmet: ["min_days"]))

        // Thursday: the morning after the walk is 3, worse than the baseline 1 → red, reduce.
        rehab.today = "2026-03-05"
        try ok(rehab, ["morning", "3"])
        try check(rehab, Expected(
            phase: "calm_down", day: 4, level: "red", action: "reduce", codes: ["worse_next_morning"],
            thisWeek: 55, cap: 60, overCap: false, unmet: ["min_days", "green_days"]))

        // Friday: 30 more minutes (85 > 60) and pain after 4 > 3 → amber, hold, two reasons.
        rehab.today = "2026-03-06"
        try ok(rehab, ["log", "--activity", "cycle", "--minutes", "30", "--pain-during", "2", "--pain-after", "4"])
        try check(rehab, Expected(
            phase: "calm_down", day: 5, level: "amber", action: "hold",
            codes: ["pain_after_above_safe", "weekly_load_over_cap"], thisWeek: 85, cap: 60,
            overCap: true, unmet: ["min_days", "green_days"]))

        // Saturday: swelling, warmth and redness on waking → stop until a doctor clears it.
        rehab.today = "2026-03-07"
        try ok(rehab, ["morning", "2", "--flag", "swelling_warmth_redness"])
        try check(rehab, Expected(
            phase: "calm_down", day: 6, level: "stop", action: "see_doctor",
            codes: ["red_flag", "pain_after_above_safe", "weekly_load_over_cap"], thisWeek: 85,
            cap: 60, overCap: true, unmet: ["min_days", "green_days"]))
        let flagged = try rehab.json(["status"])
        #expect(value(flagged, "open_flags", "0", "flag") as? String == "swelling_warmth_redness")
        #expect(value(flagged, "verdict", "reasons", "0", "flag") as? String == "swelling_warmth_redness")

        // Sunday: advancing is refused while the flag is open; the GP clears it.
        rehab.today = "2026-03-08"
        let refused = try rehab.run(["advance"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("red flags"), "\(refused)")
        try ok(rehab, ["clear-flags", "--reason", "GP: no infection, may continue"])
        try check(rehab, Expected(
            phase: "calm_down", day: 7, level: "amber", action: "hold",
            codes: ["pain_after_above_safe", "weekly_load_over_cap"], thisWeek: 85, cap: 60,
            overCap: true, unmet: ["min_days", "green_days"]))

        // Week 2: the cap is last week's 85 + 10 % = 93.5. Three green logged days in a row.
        rehab.today = "2026-03-09"
        try ok(rehab, ["morning", "1"])
        try ok(rehab, ["log", "--activity", "walk", "--minutes", "40", "--pain-during", "0", "--pain-after", "1"])
        try check(rehab, Expected(
            phase: "calm_down", day: 8, level: "green", action: "progress", codes: [], thisWeek: 0,
            cap: 93.5, overCap: false, unmet: ["green_days"]))
        rehab.today = "2026-03-10"
        try ok(rehab, ["morning", "1"])
        try ok(rehab, ["log", "--activity", "cycle", "--minutes", "40", "--pain-during", "1", "--pain-after", "1"])
        rehab.today = "2026-03-11"
        try ok(rehab, ["morning", "0"])
        try ok(rehab, ["log", "--activity", "cycle", "--minutes", "40", "--pain-during", "0", "--pain-after", "1"])
        try check(rehab, Expected(
            phase: "calm_down", day: 10, level: "green", action: "progress", codes: [], thisWeek: 80,
            cap: 93.5, overCap: false, ready: true, unmet: []))

        // Thursday: advance to the build-up; its load is walking minutes with a floor of 90.
        rehab.today = "2026-03-12"
        try ok(rehab, ["advance"])
        try check(rehab, Expected(
            phase: "build_up", day: 1, level: "green", action: "progress", codes: [], thisWeek: 40,
            cap: 90, overCap: false,
            unmet: ["min_days", "green_days", "pain_free_walk_minutes", "hop_test"]))

        // Two red days within a week in the build-up suggest stepping back.
        rehab.today = "2026-03-13"
        try ok(rehab, ["log", "--activity", "walk", "--minutes", "30", "--pain-during", "6", "--pain-after", "5"])
        try check(rehab, Expected(
            phase: "build_up", day: 2, level: "red", action: "reduce",
            codes: ["pain_above_limit", "pain_after_above_safe"], thisWeek: 70, cap: 90,
            overCap: false, unmet: ["min_days", "green_days", "pain_free_walk_minutes", "hop_test"]))
        rehab.today = "2026-03-15"
        try ok(rehab, ["log", "--activity", "walk", "--minutes", "30", "--pain-during", "2", "--pain-after", "2", "--lasted-over-2h"])
        let twoRed = try rehab.json(["status"])
        #expect(codes(twoRed) == ["pain_lasted", "weekly_load_over_cap"])
        #expect(value(twoRed, "suggestions", "0", "code") as? String == "step_back")
        #expect(value(twoRed, "suggestions", "0", "phase") as? String == "calm_down")

        try ok(rehab, ["advance", "--to", "calm_down"])
        try check(rehab, Expected(
            phase: "calm_down", day: 1, level: "red", action: "reduce", codes: ["pain_lasted"],
            thisWeek: 80, cap: 93.5, overCap: false, unmet: ["min_days", "green_days"]))

        // The week report: cycling minutes per week against the cap, the first week over it.
        let week = try rehab.json(["week", "--weeks", "2"])
        let weeks = value(week, "weeks") as? [[String: Any]] ?? []
        #expect(weeks.map { $0["week_start"] as? String } == ["2026-03-02", "2026-03-09"])
        #expect(weeks.map { $0["load"] as? Double } == [85, 80])
        #expect(weeks.map { $0["cap"] as? Double } == [60, 93.5])
        #expect(weeks.map { $0["over_cap"] as? Bool } == [true, false])
        #expect(weeks.map { $0["sessions"] as? Int } == [4, 5])
        #expect(weeks.map { $0["max_pain_during"] as? Int } == [2, 6])
        #expect(weeks.map { $0["level"] as? String } == ["amber", "red"])
        let text = try rehab.run(["week", "--weeks", "2"])
        #expect(text.status == 0)
        #expect(text.stdout.contains("2026-03-02") && text.stdout.contains("85.0 min!"), "\(text)")
    }
}
