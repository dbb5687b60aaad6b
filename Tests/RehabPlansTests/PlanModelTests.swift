import Foundation
import RehabCore
import Testing

@testable import RehabPlans

/// The numbers written in the plan files end up in the model where the engine reads them.
@Suite struct PlanModelTests {
    let itbs: Plan
    let achilles: Plan

    init() throws {
        itbs = try PlanFile.load(path: repoPlans + "/itbs.yaml")
        achilles = try PlanFile.load(path: repoPlans + "/achilles_tendinopathy.yaml")
    }

    @Test func itbsVariantsCarryTheirExpectedWeeksAndPhaseLengths() throws {
        #expect(itbs.region == .kneeLateral)
        #expect(itbs.variants.map(\.id) == ["acute", "recurrent"])
        #expect(itbs.variant("acute")?.expectedWeeks == 4...6)
        let recurrent = try #require(itbs.variant("recurrent"))
        #expect(recurrent.expectedWeeks == 8...12)
        #expect(recurrent.phases["build_up"] == PhaseOverride(minDays: 21, maxDays: 35))
        // Resolving the variant folds its lengths into the phases.
        let resolved = itbs.resolved(variant: "recurrent")
        #expect(resolved.phases[1].minDays == 21)
        #expect(resolved.phases[1].maxDays == 35)
        #expect(resolved.phases[0].maxDays == 21)
    }

    @Test func itbsPhasesInOrderWithTheirLengthsAndLoad() throws {
        #expect(itbs.phases.map(\.id) == ["calm_down", "build_up", "return_to_running"])
        #expect(itbs.phases.map(\.kind) == [.relativeRest, .loadBuildUp, .returnToRunning])
        let calm = itbs.phases[0]
        #expect(calm.minDays == 7)
        #expect(calm.maxDays == 14)
        // Seed 002: keep running, fewer km and flat, while pain stays within 3/10.
        #expect(calm.allowed == [.cycle, .walk, .swim, .exercises, .run])
        #expect(calm.avoid.first == .downhillRunning)
        #expect(calm.weeklySessions == [.cycle: 3])
        #expect(calm.loadMetric == .km)
        #expect(calm.startingVolume == nil)
        #expect(calm.exit == ExitCriteria(minDays: 7, greenDays: 3, painFreeWalkMinutes: 30))
        #expect(itbs.thresholds.painSafeMax == 3)
        #expect(itbs.thresholds.painLimit == 5)
        #expect(itbs.thresholds.worseningWindowHours == 24)
    }

    @Test func itbsExerciseDosageAndRunWalkStep() throws {
        let buildUp = itbs.phases[1]
        #expect(
            buildUp.exercises.first
                == Prescription(exercise: "single_leg_deadlift", sets: 3, reps: 12, perWeek: 3))
        #expect(
            buildUp.exercises.contains(
                Prescription(exercise: "side_plank", sets: 3, holdSeconds: 30, perWeek: 3)))
        #expect(itbs.exercise("single_leg_deadlift")?.names.en == "Single-leg deadlift")

        let back = itbs.phases[2]
        #expect(back.runWalk.count == 4)
        #expect(
            back.runWalk[1]
                == RunWalkStep(
                    runMinutes: 9, walkMinutes: 1, totalMinutes: 30, sessionsPerWeek: 3,
                    sessionsToPass: 3))
        #expect(back.runWalk[1].repetitions == 3)
        #expect(back.runWalk.last?.walkMinutes == 0)
        #expect(back.loadMetric == .km)
        // No fixed floor: engine v2 takes the km of the schedule's last week.
        #expect(back.startingVolume == nil)
        #expect(back.exit.runWalkCompleted == true)
    }

    @Test func achillesLoadingExercisesAllowPainUpToFiveWalkingStaysAtThree() throws {
        #expect(achilles.thresholds.noImprovementDays == 14)
        let byID = Dictionary(uniqueKeysWithValues: achilles.phases.map { ($0.id, $0) })
        for id in ["load_base", "load_heavy"] {
            let phase = try #require(byID[id])
            #expect(phase.kind == .loadBuildUp)
            let t = achilles.thresholds(in: phase)
            #expect(t.pain(for: .exercises).safeMax == 5)
            #expect(t.pain(for: .strength).safeMax == 5)
            #expect(t.pain(for: .walk).safeMax == 3)
            #expect(t.pain(for: .walk).limit == 5)
        }
        // Running itself keeps the defaults.
        let running = try #require(byID["return_to_running"])
        #expect(achilles.thresholds(in: running).painSafeMax == 3)
        #expect(
            running.runWalk.first == RunWalkStep(runMinutes: 1, walkMinutes: 1, totalMinutes: 30))
        #expect(running.runWalk.count == 6)
        #expect(achilles.variant("severe")?.expectedWeeks == 18...26)
        #expect(achilles.redFlags.first { $0.id == RedFlag.popLossOfFunction }?.emergency == true)
    }

    @Test func defaultsApplyWhenTheFileLeavesThemOut() throws {
        let plan = try PlanFile.parse(bytes: try fixture("valid_minimal.yaml"), file: "v.yaml")
        #expect(plan.thresholds.isEmpty)
        #expect(plan.variants.isEmpty)
        let last = try #require(plan.phases.last)
        #expect(last.exit.isEmpty)
        #expect(last.loadMetric == .km)
        #expect(last.startingVolume == nil)
        #expect(last.maxDays == nil)

        let step = """
            id: s
            names: { nl: "a", en: "b" }
            region: knee
            summary: { nl: "a", en: "b" }
            sources: [x]
            phases:
              - id: run
                kind: return_to_running
                names: { nl: "a", en: "b" }
                min_days: 0
                run_walk: [{ run: 1.5, walk: 0.5, total: 20 }]
            """
        let stepPlan = try PlanFile.parse(bytes: Array(step.utf8), file: "s.yaml")
        #expect(
            stepPlan.phases[0].runWalk == [
                RunWalkStep(
                    runMinutes: 1.5, walkMinutes: 0.5, totalMinutes: 20, sessionsPerWeek: 3,
                    sessionsToPass: 3)
            ])
    }

    @Test func controlCharactersAreRefusedWithTheirPlace() {
        let bytes = Array("id: x\nnames: a\u{07}b\n".utf8)
        let lines = problems(bytes, file: "c.yaml")
        #expect(lines.count == 1)
        #expect(lines.first?.hasPrefix("c.yaml:2:9: unreadable character: ") == true)
    }

    @Test func suggestionsOnlyForCloseNames() {
        #expect(closest(to: "min_day", in: ["min_days", "max_days"]) == "min_days")
        #expect(closest(to: "swimming", in: Activity.allCases.map(\.rawValue)) == nil)
        #expect(closest(to: "cyle", in: Activity.allCases.map(\.rawValue)) == "cycle")
        // Words of four letters or fewer get a suggestion only one edit away.
        #expect(closest(to: "rum", in: ["run", "walk"]) == "run")
        #expect(closest(to: "ab", in: ["run"]) == nil)
        #expect(editDistance("kitten", "sitting") == 3)
        #expect(editDistance("", "abc") == 3)
    }
}
