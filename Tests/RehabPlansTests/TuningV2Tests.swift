import RehabCore
import Testing

@testable import RehabPlans

/// Schema v2 tuning: morning and per-activity thresholds as the physio changes them.
@Suite struct TuningV2Tests {
    @Test func tunableKeysAreThePlanFileKeys() {
        #expect(TuningField.morningSafeMax.key == "morning.safe_max")
        #expect(TuningField.morningLimit.key == "morning.limit")
        #expect(TuningField.exercisesSafeMax.key == "pain.by_activity.exercises.safe_max")
        #expect(TuningField.strengthLimit.key == "pain.by_activity.strength.limit")
        #expect(TuningField.exercisesSafeMax.integerRange == 0...10)
        #expect(TuningField.exercisesSafeMax.activityPain?.activity == .exercises)
    }

    @Test func differencesNameMorningAndActivityKeys() throws {
        let template = try #require(catalogue.first { $0.id == "achilles_tendinopathy" })
        let base = template.resolved(variant: "mild")
        var overrides = PlanOverrides()
        overrides.thresholds.morningSafeMax = 4
        overrides.thresholds.painByActivity[.exercises] = ActivityPain(safeMax: 4)
        let tuned = template.resolved(variant: "mild", overrides: overrides)
        let lines = PlanDiff(template: base, tuned: tuned, language: .en).lines()
        #expect(lines.contains(PlanDiff.Line(field: "morning.safe_max", template: "3", tuned: "4")))
        #expect(
            lines.contains(
                PlanDiff.Line(
                    field: "pain.by_activity.exercises.safe_max", template: "3", tuned: "4")))
        // The tuned plan is still a valid plan file.
        #expect(TunedPlan.problems(tuned) == [])
    }

    @Test func aTunedMorningAboveItsLimitIsRefusedLikeAPlanFile() throws {
        let template = try #require(catalogue.first { $0.id == "itbs" })
        var overrides = PlanOverrides()
        overrides.thresholds.morningSafeMax = 6
        let tuned = template.resolved(variant: "acute", overrides: overrides)
        #expect(
            TunedPlan.problems(tuned) == [
                "morning: safe_max 6 is above limit 5; safe_max must be <= limit"
            ])
    }
}
