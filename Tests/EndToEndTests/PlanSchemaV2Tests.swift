import Foundation
import Testing

/// Schema v2 on the binary: `plans check` warnings do not fail the check, and
/// `plans show --json` gives a reviewer the resolved variants, thresholds and questions.
@Suite struct PlanSchemaV2Tests {
    @Test func plansCheckPrintsWarningsAndExitsZero() throws {
        let rehab = try Rehab()
        defer { rehab.cleanUp() }
        let path = rehab.directory.appendingPathComponent("old_flags.yaml").path
        let yaml = """
            id: old_flags
            names: { nl: "Proef", en: "Trial" }
            region: knee
            summary: { nl: "Een kort plan.", en: "A short plan." }
            sources: ["Oxford University Hospitals NHS, return-to-running leaflet, 2024"]
            red_flags:
              - id: pop_loss_of_function
                question: { nl: "Knap?", en: "Pop?" }
                emergency: true
            phases:
              - id: run
                kind: return_to_running
                names: { nl: "Lopen", en: "Run" }
                min_days: 7

            """
        try Data(yaml.utf8).write(to: URL(fileURLWithPath: path))
        let result = try rehab.run(["plans", "check", path])
        #expect(result.status == 0, "\(result)")
        #expect(
            result.stdout
                == """
                \(path):9:16: warning: red_flags[0].emergency: deprecated; write urgency: \
                emergency instead (emergency, same_day, see_doctor)
                1 plan file OK

                """)
    }

    @Test func theCatalogueChecksClean() throws {
        let rehab = try Rehab()
        defer { rehab.cleanUp() }
        let plans = try FileManager.default.contentsOfDirectory(
            atPath: Rehab.repoRoot.appendingPathComponent("plans").path
        ).filter { $0.hasSuffix(".yaml") }.sorted().map { "plans/\($0)" }
        let result = try rehab.run(["plans", "check"] + plans)
        #expect(result.status == 0, "\(result)")
        #expect(!result.stdout.contains("warning"), "\(result)")
    }

    @Test func plansShowJSONHasWhatAReviewerNeeds() throws {
        let rehab = try Rehab()
        defer { rehab.cleanUp() }
        let plan = try rehab.json(["plans", "show", "achilles_tendinopathy"])
        let mild = (plan["variants"] as? [[String: Any]])?.first { $0["id"] as? String == "mild" }
        #expect(mild?["minimum_days"] as? Int == 91)
        let phases = mild?["phases"] as? [[String: Any]] ?? []
        let loadBase = phases.first { $0["id"] as? String == "load_base" }
        #expect(
            value(loadBase, "thresholds", "pain_by_activity", "exercises", "safe_max") as? Int == 5)
        #expect(value(loadBase, "thresholds", "pain_by_activity", "walk", "safe_max") as? Int == 3)
        #expect(value(loadBase, "thresholds", "morning", "limit") as? Int == 5)
        let running = phases.first { $0["id"] as? String == "return_to_running" }
        #expect((running?["run_walk"] as? [[String: Any]])?.count == 6)
        #expect(value(running, "exit", "run_walk_completed") as? Int == 1)
        let flags = plan["red_flags"] as? [[String: Any]] ?? []
        #expect(
            flags.first { $0["id"] as? String == "pop_loss_of_function" }?["action"] as? String
                == "emergency")
        #expect((plan["sources"] as? [String])?.contains { $0.hasSuffix("(seed 003)") } == true)
        let hamstring = try rehab.json(["plans", "show", "hamstring_injury"])
        let referrals = hamstring["referrals"] as? [[String: Any]] ?? []
        #expect(referrals.map { $0["action"] as? String } == ["see_physio", "see_physio"])
    }
}
