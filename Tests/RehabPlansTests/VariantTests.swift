import RehabCore
import Testing

@testable import RehabPlans

/// A variant may change a phase's length, run/walk schedule and exit criteria; resolving the plan
/// folds those in, and a patient's own overrides still win over the variant.
@Suite struct VariantTests {
    static let yaml = """
        id: v
        names: { nl: "Proef", en: "Trial" }
        region: calf
        summary: { nl: "Een kort plan.", en: "A short plan." }
        sources: ["test"]
        pain: { safe_max: 3, limit: 5 }
        variants:
          - id: strain
            names: { nl: "Verrekking", en: "Strain" }
            expected_weeks: [2, 2]
            phases:
              build: { min_days: 3, exit: { green_days: 2, calf_raises: 15 } }
              run:
                min_days: 6
                max_days: 8
                run_walk:
                  - { run: 4, walk: 1, total: 20, per_week: 3, pass: 1 }
                  - { run: 20, walk: 0, total: 20, pass: 1 }
                exit: { run_walk_completed: true }
          - id: tear
            names: { nl: "Scheur", en: "Tear" }
            expected_weeks: [4, 8]
            pain: { safe_max: 2 }
        phases:
          - id: build
            kind: load_build_up
            names: { nl: "Opbouw", en: "Build-up" }
            min_days: 7
            max_days: 28
            exit: { green_days: 3, pain_free_walk_minutes: 30, hop_test: 10 }
          - id: run
            kind: return_to_running
            names: { nl: "Lopen", en: "Run" }
            min_days: 14
            max_days: 28
            run_walk:
              - { run: 3, walk: 1, total: 20, pass: 2 }
              - { run: 9, walk: 1, total: 30, pass: 2 }
              - { run: 30, walk: 0, total: 30, pass: 2 }
        """

    let plan: Plan

    init() throws {
        plan = try PlanFile.parse(bytes: Array(Self.yaml.utf8), file: "v.yaml")
    }

    static let shortSchedule = [
        RunWalkStep(
            runMinutes: 4, walkMinutes: 1, totalMinutes: 20, sessionsPerWeek: 3,
            sessionsToPass: 1),
        RunWalkStep(
            runMinutes: 20, walkMinutes: 0, totalMinutes: 20, sessionsPerWeek: 3,
            sessionsToPass: 1),
    ]

    @Test func theLoaderReadsEveryKindOfPhaseOverride() throws {
        let strain = try #require(plan.variant("strain"))
        #expect(strain.phases.count == 2)
        #expect(
            strain.phases["build"]
                == PhaseOverride(minDays: 3, exit: ExitCriteria(greenDays: 2, calfRaises: 15)))
        #expect(
            strain.phases["run"]
                == PhaseOverride(
                    minDays: 6, maxDays: 8, runWalk: Self.shortSchedule,
                    exit: ExitCriteria(runWalkCompleted: true)))
        #expect(plan.variant("tear")?.phases.isEmpty == true)
    }

    @Test func resolvingTheVariantReplacesScheduleAndExitAndKeepsTheRest() {
        let resolved = plan.resolved(variant: "strain")
        let build = resolved.phases[0]
        #expect(build.minDays == 3)
        #expect(build.maxDays == 28)
        // The exit is replaced as a whole: the phase's walk and hop criteria are gone.
        #expect(build.exit == ExitCriteria(greenDays: 2, calfRaises: 15))
        let run = resolved.phases[1]
        #expect(run.minDays == 6)
        #expect(run.maxDays == 8)
        #expect(run.runWalk == Self.shortSchedule)
        #expect(run.exit == ExitCriteria(runWalkCompleted: true))
        // Nothing else of the plan moves.
        #expect(resolved.thresholds == plan.thresholds)
        #expect(resolved.phases.map(\.id) == ["build", "run"])
    }

    @Test func anotherVariantKeepsThePlansScheduleAndExit() {
        let resolved = plan.resolved(variant: "tear")
        #expect(resolved.phases == plan.phases)
        #expect(resolved.phases[1].runWalk.count == 3)
        #expect(resolved.phases[0].exit.hopTest == 10)
        #expect(resolved.thresholds(in: resolved.phases[0]).painSafeMax == 2)
        // An unknown or absent variant leaves the template as it is.
        #expect(plan.resolved(variant: nil) == plan)
        #expect(plan.resolved(variant: "no_such_variant") == plan)
    }

    @Test func patientOverridesWinOverTheVariant() {
        let mine = [
            RunWalkStep(runMinutes: 2, walkMinutes: 2, totalMinutes: 20, sessionsToPass: 4)
        ]
        let overrides = PlanOverrides(
            thresholds: ThresholdOverrides(painLimit: 4),
            phaseDays: [
                "run": PhaseDays(minDays: 10, maxDays: 12), "build": PhaseDays(maxDays: 9),
            ],
            runWalk: ["run": mine])
        let resolved = plan.resolved(variant: "strain", overrides: overrides)
        #expect(resolved.phases[0].minDays == 3)
        #expect(resolved.phases[0].maxDays == 9)
        #expect(resolved.phases[1].minDays == 10)
        #expect(resolved.phases[1].maxDays == 12)
        #expect(resolved.phases[1].runWalk == mine)
        // The patient changed the schedule, not the exit: the variant's exit stays.
        #expect(resolved.phases[1].exit == ExitCriteria(runWalkCompleted: true))
        #expect(resolved.thresholds(in: resolved.phases[1]).painLimit == 4)
        #expect(resolved.thresholds(in: resolved.phases[1]).painSafeMax == 3)
    }
}
