import Foundation
import RehabCore
import Testing

@testable import RehabPlans

/// The bytes of a fixture under Fixtures/.
func fixture(_ name: String) throws -> [UInt8] {
    let url = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
    let data = try #require(FileManager.default.contents(atPath: url.path + "/" + name))
    return [UInt8](data)
}

/// The `file:line:column: message` lines for bytes, or ["OK"] when they are a valid plan.
func problems(_ bytes: [UInt8], file: String) -> [String] {
    do {
        _ = try PlanFile.parse(bytes: bytes, file: file)
        return ["OK"]
    } catch {
        return error.errors.map(\.description)
    }
}

@Suite struct BadFileTests {
    /// Each bad fixture with every line it must produce, in file order. Positions were counted by
    /// hand in the fixture files (columns in characters, from 1).
    static let cases: [(String, [String])] = [
        (
            "unknown_key.yaml",
            [
                "unknown_key.yaml:1:1: missing required key summary",
                "unknown_key.yaml:4:1: sumary: unknown key; did you mean summary?",
                "unknown_key.yaml:6:1: colour: unknown key; allowed here: id, names, region, "
                    + "summary, sources, phases, pain, morning, worsening_window_hours, load, "
                    + "see_doctor, variants, red_flags, referrals, advice, exercises, measures",
                "unknown_key.yaml:8:5: phases[0]: missing required key min_days",
                "unknown_key.yaml:11:5: phases[0].min_day: unknown key; did you mean min_days?",
            ]
        ),
        (
            "wrong_type.yaml",
            [
                "wrong_type.yaml:2:8: names: expected a mapping, found the text \"Trial\"",
                "wrong_type.yaml:3:9: region: expected text, found a list",
                "wrong_type.yaml:5:10: sources: expected a list, found the text \"test\"",
                "wrong_type.yaml:10:15: phases[0].min_days: expected a whole number 0-365, "
                    + "found seven",
                "wrong_type.yaml:11:15: phases[0].max_days: expected a whole number 0-365, "
                    + "found the text \"14\"",
                "wrong_type.yaml:12:14: phases[0].allowed: expected a list, found cycle",
                "wrong_type.yaml:13:48: phases[0].exit.run_walk_completed: expected true or false, "
                    + "found yes",
                "wrong_type.yaml:14:5: phases[1]: expected a mapping, found \"just a string\"",
            ]
        ),
        (
            "out_of_range.yaml",
            [
                "out_of_range.yaml:6:19: pain.safe_max: 11 is out of range; allowed 0-10",
                "out_of_range.yaml:10:22: variants[0].expected_weeks[0]: 0 is out of range; "
                    + "allowed 1-104",
                "out_of_range.yaml:15:15: phases[0].min_days: 400 is out of range; allowed 0-365",
                "out_of_range.yaml:22:16: phases[1].run_walk[0].run: 0.25 is out of range; "
                    + "allowed 0.5-120",
                "out_of_range.yaml:22:52: phases[1].run_walk[0].per_week: 8 is out of range; "
                    + "allowed 1-7",
            ]
        ),
        (
            "missing_translation.yaml",
            [
                "missing_translation.yaml:2:8: names: missing the English text (en); "
                    + "every text needs nl and en",
                "missing_translation.yaml:6:7: summary.en: text is empty",
                "missing_translation.yaml:9:30: advice[0].en: text is empty",
                "missing_translation.yaml:13:12: phases[0].names: missing the Dutch text (nl); "
                    + "every text needs nl and en",
            ]
        ),
        (
            "unknown_exercise.yaml",
            [
                "unknown_exercise.yaml:15:15: phases[0].exercises[0].id: unknown exercise "
                    + "glute_bridg; did you mean glute_bridge?",
                "unknown_exercise.yaml:16:15: phases[0].exercises[1].id: unknown exercise plank; "
                    + "allowed: glute_bridge",
            ]
        ),
        (
            "unknown_activity.yaml",
            [
                "unknown_activity.yaml:3:9: region: unknown region knees; did you mean knee?",
                "unknown_activity.yaml:11:22: phases[0].allowed[1]: unknown activity swimming; "
                    + "allowed: run, walk, cycle, swim, aqua_jog, cross_trainer, strength, "
                    + "exercises, other",
                "unknown_activity.yaml:11:32: phases[0].allowed[2]: unknown activity wlak; "
                    + "allowed: run, walk, cycle, swim, aqua_jog, cross_trainer, strength, "
                    + "exercises, other",
                "unknown_activity.yaml:12:13: phases[0].avoid[0]: unknown movement downhill; "
                    + "allowed: running, downhill_running, hill_running, speed_work, long_runs, "
                    + "cambered_surfaces, jumping, sprinting, deep_squats, kneeling, pivoting, "
                    + "stairs, long_standing, long_sitting, barefoot_walking, "
                    + "stretching_into_pain, heavy_lifting, kicking, side_steps, "
                    + "sitting_cross_legged, full_rest",
                "unknown_activity.yaml:13:17: phases[0].sessions.cyle: unknown activity cyle; "
                    + "did you mean cycle?",
                "unknown_activity.yaml:14:40: phases[0].load.activity: unknown activity rowing; "
                    + "allowed: run, walk, cycle, swim, aqua_jog, cross_trainer, strength, "
                    + "exercises, other",
            ]
        ),
        (
            "duplicate_phase_id.yaml",
            [
                "duplicate_phase_id.yaml:12:9: phases[1].id: duplicate phase id rest "
                    + "(first at line 7)"
            ]
        ),
        (
            "anchor_alias.yaml",
            [
                "anchor_alias.yaml:2:8: anchor &names: anchors and aliases are not allowed",
                "anchor_alias.yaml:4:10: alias *names: anchors and aliases are not allowed",
                "anchor_alias.yaml:9:12: alias *names: anchors and aliases are not allowed",
            ]
        ),
        (
            "duplicate_key.yaml",
            [
                "duplicate_key.yaml:6:1: duplicate key region (first at line 3)",
                "duplicate_key.yaml:10:38: duplicate key nl (first at line 10)",
            ]
        ),
        (
            "tab_syntax.yaml",
            [
                "tab_syntax.yaml:3:1: YAML syntax error: found character that cannot start any "
                    + "token (while scanning for the next token at 3:1); "
                    + "indent with spaces, not tabs"
            ]
        ),
        (
            "garbage.yaml",
            [
                "garbage.yaml:3:1: YAML syntax error: did not find expected ',' or '}' "
                    + "(while parsing a flow mapping at 2:8)"
            ]
        ),
        (
            "empty.yaml",
            [
                "empty.yaml:1:1: the file is empty; a plan needs id, names, region, summary, "
                    + "sources, phases"
            ]
        ),
        (
            "rules.yaml",
            [
                "rules.yaml:5:10: sources: list at least one source",
                "rules.yaml:10:21: variants[0].expected_weeks: 6 is more than 4; write [from, to]",
                "rules.yaml:11:15: variants[0].phases.rust: unknown phase rust; did you mean rest?",
                "rules.yaml:11:44: variants[0].phases.load: max_days 5 is less than min_days 7",
                "rules.yaml:12:11: variants[0].pain: safe_max 4 is above limit 3; "
                    + "safe_max must be <= limit",
                "rules.yaml:13:9: variants[1].id: duplicate variant id strict (first at line 8)",
                "rules.yaml:17:5: red_flags[0]: missing required key urgency (emergency, "
                    + "same_day, see_doctor)",
                "rules.yaml:17:9: red_flags[0].id: Bad-Flag is not a valid id; use lowercase "
                    + "letters, digits and underscores (at most 64)",
                "rules.yaml:23:5: phases[0]: missing required key exit (every phase but the last)",
                "rules.yaml:27:15: phases[0].max_days: 5 is less than min_days 7",
                "rules.yaml:28:35: phases[0].load.activity: only allowed with metric: minutes "
                    + "(km is running)",
                "rules.yaml:33:11: phases[1].pain: safe_max 6 is above limit 5; "
                    + "safe_max must be <= limit",
                "rules.yaml:35:9: phases[1].exercises[0]: give reps or hold_seconds, not both",
                "rules.yaml:36:9: phases[1].exercises[1]: missing per_day or per_week; "
                    + "give one of them",
                "rules.yaml:37:11: phases[1].load: metric minutes needs an activity or activities",
                "rules.yaml:38:33: phases[1].exit.run_walk_completed: the phase has no run_walk "
                    + "steps",
                "rules.yaml:40:11: phases[2].kind: unknown phase kind running; allowed: "
                    + "relative_rest, load_build_up, return_to_running, maintenance",
            ]
        ),
        (
            "variant_phases.yaml",
            [
                "variant_phases.yaml:11:21: variants[0].phases.rest.exit: give at least one "
                    + "criterion",
                "variant_phases.yaml:14:19: variants[0].phases.run.run_walk: list at least one "
                    + "step, or leave run_walk out to keep the phase's schedule",
                "variant_phases.yaml:20:43: variants[1].phases.rest.exit.run_walk_completed: "
                    + "the phase has no run_walk steps",
                "variant_phases.yaml:21:14: variants[1].phases.build: give min_days, max_days, "
                    + "run_walk or exit, or leave it out",
                "variant_phases.yaml:24:20: variants[1].phases.run.run_walk[0].run: 0.25 is out "
                    + "of range; allowed 0.5-120",
                "variant_phases.yaml:25:40: variants[1].phases.run.run_walk[1].total: 20 is "
                    + "shorter than one run of 30.0",
                "variant_phases.yaml:26:17: variants[1].phases.run.exit.green_dayz: unknown key; "
                    + "did you mean green_days?",
                "variant_phases.yaml:27:9: variants[1].phases.run.pain: unknown key; allowed "
                    + "here: min_days, max_days, run_walk, exit",
            ]
        ),
        (
            "schema_v2.yaml",
            [
                "schema_v2.yaml:6:58: pain.by_activity.exercises: exercises safe_max 6 is above "
                    + "limit 5; safe_max must be <= limit",
                "schema_v2.yaml:6:75: pain.by_activity.swimming: unknown activity swimming; "
                    + "allowed: run, walk, cycle, swim, aqua_jog, cross_trainer, strength, "
                    + "exercises, other",
                "schema_v2.yaml:7:10: morning: safe_max 6 is above limit 5; safe_max must be "
                    + "<= limit",
                "schema_v2.yaml:11:14: red_flags[0].urgency: unknown urgency now; allowed: "
                    + "see_doctor, same_day, emergency",
                "schema_v2.yaml:14:16: red_flags[1].emergency: true contradicts urgency: "
                    + "see_doctor; remove emergency (deprecated)",
                "schema_v2.yaml:17:9: referrals[0].id: fever is also a red flag (line 12); a "
                    + "question is either a stop or a referral, not both",
                "schema_v2.yaml:21:5: referrals[1].urgency: unknown key; allowed here: id, "
                    + "question",
                "schema_v2.yaml:27:56: phases[0].load.activities[2]: walk is listed twice",
                "schema_v2.yaml:28:34: phases[0].pain.by_activity.walk: give safe_max or limit, "
                    + "or leave it out",
                "schema_v2.yaml:34:37: phases[1].load.activities: only allowed with metric: "
                    + "minutes (km is running)",
                "schema_v2.yaml:35:14: phases[1].morning: safe_max 6 is above limit 2; safe_max "
                    + "must be <= limit",
            ]
        ),
    ]

    @Test(arguments: cases.map(\.0))
    func badFixtureGivesExactlyItsErrors(name: String) throws {
        let expected = try #require(Self.cases.first { $0.0 == name }).1
        #expect(problems(try fixture(name), file: name) == expected)
    }

    @Test func theMinimalFixtureIsValid() throws {
        #expect(problems(try fixture("valid_minimal.yaml"), file: "valid_minimal.yaml") == ["OK"])
    }

    // The alias expansion of this file would take minutes; reading events never expands it.
    @Test(.timeLimit(.minutes(1)))
    func billionLaughsIsRefusedAtItsFirstAnchor() throws {
        let lines = problems(try fixture("billion_laughs.yaml"), file: "bl.yaml")
        #expect(lines.first == "bl.yaml:1:4: anchor &a: anchors and aliases are not allowed")
        #expect(
            lines.dropFirst().first == "bl.yaml:2:4: anchor &b: anchors and aliases are not allowed"
        )
        #expect(
            lines.dropFirst(2).first == "bl.yaml:2:8: alias *a: anchors and aliases are not allowed"
        )
        // Capped: 20 problems and a note that reading stopped.
        #expect(lines.count == 21)
        #expect(lines.last?.hasSuffix(": too many problems; stopped reading") == true)
    }

    @Test func deepFlowNestingIsRefusedWithItsPosition() {
        func nested(_ depth: Int) -> [UInt8] {
            Array(
                (String(repeating: "[", count: depth) + String(repeating: "]", count: depth)).utf8)
        }
        // libyaml itself gives up on 5000 brackets while scanning ahead, at the first one.
        #expect(
            problems(nested(5000), file: "deep.yaml") == [
                "deep.yaml:1:1: nesting deeper than 1000 levels; plan files need far fewer"
            ])
        // Below libyaml's limit our own, much lower one applies at the 33rd bracket.
        #expect(
            problems(nested(40), file: "deep.yaml") == [
                "deep.yaml:1:33: nesting deeper than 32 levels; plan files need far fewer"
            ])
    }

    @Test func deepBlockNestingIsRefusedWithItsPosition() {
        // "- - - - …": each dash opens a sequence one level deeper, two columns further on.
        let dashes = Array((String(repeating: "- ", count: 5000) + "x\n").utf8)
        #expect(
            problems(dashes, file: "dash.yaml") == [
                "dash.yaml:1:65: nesting deeper than 32 levels; plan files need far fewer"
            ])
        // k0:\n k1:\n  k2: … each mapping one level deeper; the 33rd starts on line 33.
        let keys = (0..<200).map { String(repeating: " ", count: $0) + "k\($0):" }
            .joined(separator: "\n")
        #expect(
            problems(Array(keys.utf8), file: "keys.yaml") == [
                "keys.yaml:33:33: nesting deeper than 32 levels; plan files need far fewer"
            ])
    }

    @Test func invalidUTF8IsReportedAtTheFirstBadByte() {
        var bytes = Array("id: x\nnames: { nl: \"é".utf8)
        bytes += [0xE2, 0x82]  // a truncated three-byte sequence
        bytes += Array("\" }\n".utf8)
        // Line 2: `names: { nl: "é` is 15 characters, so the bad byte is character 16.
        #expect(
            problems(bytes, file: "bad.yaml") == [
                "bad.yaml:2:16: invalid UTF-8 (byte 0xE2); plan files must be UTF-8"
            ])
        #expect(
            problems([0x61, 0x3A, 0x20, 0xFF], file: "ff.yaml") == [
                "ff.yaml:1:4: invalid UTF-8 (byte 0xFF); plan files must be UTF-8"
            ])
    }

    @Test func tooBigBytesAreRefusedBeforeParsing() {
        let bytes = [UInt8](repeating: 0x20, count: 10 * 1024 * 1024)
        #expect(
            problems(bytes, file: "big.yaml") == [
                "big.yaml:1:1: file is 10485760 bytes; plan files may be at most 1 MiB"
            ])
    }

    @Test func tooBigFileIsRefusedBeforeReading() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/big.yaml"
        // Exactly 1 MiB is allowed; one byte more is not.
        let comment = Data(("#" + String(repeating: "x", count: 1023)).utf8)
        var data = Data()
        for _ in 0..<1024 { data.append(comment) }
        data.append(0x0A)
        try data.write(to: URL(fileURLWithPath: path))
        var caught: PlanFileErrors?
        do { _ = try PlanFile.load(path: path) } catch { caught = error }
        #expect(
            caught?.errors.map(\.description) == [
                "\(path):1:1: file is 1048577 bytes; plan files may be at most 1 MiB"
            ])
    }

    @Test func tagsAndSecondDocumentsAreRefused() {
        #expect(
            problems(Array("id: !!str x\n".utf8), file: "t.yaml") == [
                "t.yaml:1:5: tag tag:yaml.org,2002:str: tags are not allowed"
            ])
        #expect(
            problems(Array("id: a\n---\nid: b\n".utf8), file: "d.yaml") == [
                "d.yaml:2:1: a plan file holds one YAML document, found a second"
            ])
    }

    @Test func idMustEqualTheFileNameWhenLoadingFromAPath() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/other_name.yaml"
        try Data(try fixture("valid_minimal.yaml")).write(to: URL(fileURLWithPath: path))
        var caught: PlanFileErrors?
        do { _ = try PlanFile.load(path: path) } catch { caught = error }
        #expect(
            caught?.errors.map(\.description) == [
                "\(path):1:5: id: valid_minimal does not match the file name other_name.yaml; "
                    + "they must be equal"
            ])
    }

    /// A named pipe, a device or a folder where a plan file should be is refused at once: the
    /// file is opened without blocking (a pipe with no writer would otherwise wait forever)
    /// and measured before a byte is read.
    @Test func aPipeADeviceOrAFolderIsNotAPlanFile() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let pipe = dir + "/pipe.yaml"
        #expect(mkfifo(pipe, 0o600) == 0)
        for path in [pipe, "/dev/zero", dir] {
            var caught: PlanFileErrors?
            do { _ = try PlanFile.load(path: path) } catch { caught = error }
            #expect(caught?.errors.map(\.description) == ["\(path):1:1: not a regular file"])
        }
    }

    @Test func missingFileIsAnErrorNotACrash() {
        var caught: PlanFileErrors?
        do { _ = try PlanFile.load(path: "/nonexistent/x.yaml") } catch { caught = error }
        #expect(
            caught?.errors.map(\.description) == [
                "/nonexistent/x.yaml:1:1: cannot read the file: no such file or no permission"
            ])
    }
}

func temporaryDirectory() throws -> String {
    let path = NSTemporaryDirectory() + "rehab-plans-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

@Suite struct CrashSafetyTests {
    /// Every prefix of a real plan (cut every 37 bytes, also mid-character) and every line
    /// deleted in turn must give a plan or positioned errors, never a crash.
    @Test func cutAndDamagedPlansNeverCrash() throws {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: repoPlans + "/itbs.yaml")))
        for end in stride(from: 0, to: bytes.count, by: 37) {
            let lines = problems(Array(bytes[..<end]), file: "cut.yaml")
            // Cut before the phases are complete, it cannot be a plan.
            if end < bytes.count / 2 { #expect(lines != ["OK"]) }
            for line in lines where line != "OK" {
                #expect(line.hasPrefix("cut.yaml:"))
            }
        }

        let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
        for skip in lines.indices {
            var damaged: [UInt8] = []
            for (i, line) in lines.enumerated() where i != skip {
                damaged += line + [0x0A]
            }
            for line in problems(damaged, file: "d.yaml") where line != "OK" {
                #expect(line.hasPrefix("d.yaml:"))
            }
        }
    }

    /// Schema v2: the older `emergency: true|false` still loads (true is emergency, false the
    /// built-in default), with a deprecation warning; walking or running above 3/10 warns.
    @Test func deprecatedEmergencyLoadsWithWarnings() throws {
        let url = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        let path = url.appendingPathComponent("deprecated_emergency.yaml").path
        let (errors, warnings) = PlanFile.check(path: path)
        #expect(errors.isEmpty)
        let name = "deprecated_emergency.yaml"
        #expect(
            warnings.map { "\(name):\($0.line):\($0.column): \($0.message)" } == [
                "\(name):9:16: red_flags[0].emergency: deprecated; write urgency: emergency "
                    + "instead (emergency, same_day, see_doctor)",
                "\(name):12:16: red_flags[1].emergency: deprecated; write urgency: same_day "
                    + "instead (emergency, same_day, see_doctor)",
                "\(name):18:11: phases[0].pain: run and walk get safe_max 5; walking and "
                    + "running stay at 3/10 (Silbernagel et al. 2007): raise only the loading "
                    + "exercises, e.g. by_activity: { exercises: { safe_max: 5 } }",
                "\(name):24:33: phases[1].pain.by_activity.run: run gets safe_max 4; walking "
                    + "and running stay at 3/10 (Silbernagel et al. 2007): raise only the "
                    + "loading exercises, e.g. by_activity: { exercises: { safe_max: 4 } }",
            ])
        let plan = try PlanFile.parse(bytes: try fixture(name), file: name)
        #expect(plan.urgency(ofFlag: "pop_loss_of_function") == .emergency)
        #expect(plan.urgency(ofFlag: "calf_swelling_warm_red") == .sameDay)
    }

    /// Export, then check: by_activity, morning, urgency, referrals and activities survive.
    @Test func schemaV2RoundTripsThroughTheWriter() throws {
        var plan = try PlanFile.parse(
            bytes: try fixture("valid_minimal.yaml"), file: "valid_minimal.yaml")
        plan.thresholds.painByActivity = [
            .exercises: ActivityPain(safeMax: 5), .walk: ActivityPain(limit: 4),
        ]
        plan.thresholds.morningSafeMax = 4
        plan.thresholds.morningLimit = 6
        plan.redFlags = [
            RedFlagQuestion(
                id: "pop_loss_of_function", question: LocalizedText(nl: "Knap?", en: "Pop?"),
                urgency: .emergency),
            RedFlagQuestion(
                id: "fever", question: LocalizedText(nl: "Koorts?", en: "Fever?"),
                urgency: .sameDay),
        ]
        plan.referrals = [
            ReferralQuestion(id: "gait", question: LocalizedText(nl: "Lopen?", en: "Gait?"))
        ]
        plan.phases[0].loadMetric = .minutes([.walk, .cycle])
        plan.phases[0].thresholds.morningLimit = 7
        let yaml = PlanWriter.yaml(plan)
        #expect(!yaml.contains("emergency: true"))
        let back = try PlanFile.parse(bytes: Array(yaml.utf8), file: "export.yaml")
        #expect(back == plan)
        #expect(TunedPlan.problems(plan).isEmpty)
    }
}

/// How a plan may spell a number: ASCII digits, one "-" before them and, where a fraction is
/// allowed, one "." with digits on both sides. Anything else is refused with the value found.
@Suite struct NumberSpellingTests {
    static let mark = Mark(line: 3, column: 7)

    static func whole(_ text: String) -> (Int?, [String]) {
        var reader = SchemaReader(file: "p.yaml")
        let value = reader.int(.scalar(text, plain: true, mark), "min_days", -5...365)
        return (value, reader.errors.map(\.description))
    }

    static func fraction(_ text: String) -> (Double?, [String]) {
        var reader = SchemaReader(file: "p.yaml")
        let value = reader.number(.scalar(text, plain: true, mark), "walk", -5...1000)
        return (value, reader.errors.map(\.description))
    }

    @Test func wholeNumbers() {
        for (text, value) in [("7", 7), ("07", 7), ("-3", -3), ("0", 0), ("-0", 0)] {
            #expect(Self.whole(text) == (value, []), "\(text)")
        }
        for text in ["7.0", "7.", ".7", "+7", "--7", "-", "", "1e3", "7 ", "\u{0663}", "1_000"] {
            let (value, errors) = Self.whole(text)
            #expect(value == nil, "\(text)")
            #expect(errors.count == 1 && errors[0].contains("expected a whole number -5-365"))
        }
        #expect(
            Self.whole("400").1 == ["p.yaml:3:7: min_days: 400 is out of range; allowed -5-365"])
    }

    @Test func fractions() {
        for (text, value) in [("12.5", 12.5), ("12", 12.0), ("-0.5", -0.5), ("007.25", 7.25)] {
            #expect(Self.fraction(text) == (value, []), "\(text)")
        }
        for text in ["12.", ".5", "1.2.3", "-", "-.5", "1e3", "+1", "1,5", "nan", "inf"] {
            let (value, errors) = Self.fraction(text)
            #expect(value == nil, "\(text)")
            #expect(errors.count == 1 && errors[0].contains("expected a number -5-1000"))
        }
        #expect(
            Self.fraction("1000.5").1 == [
                "p.yaml:3:7: walk: 1000.5 is out of range; allowed -5-1000"
            ])
    }
}
