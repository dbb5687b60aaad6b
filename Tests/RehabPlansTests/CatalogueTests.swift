import RehabCore
import Testing

@testable import RehabPlans

/// The whole catalogue, loaded the way the app loads it.
let catalogue: [Plan] = PlanCatalog.load(directories: [repoPlans]).plans

/// Each plan as the engine sees it: the template, then once per variant.
func resolvedForms(_ plan: Plan) -> [(label: String, plan: Plan)] {
    [(plan.id, plan)] + plan.variants.map { ("\(plan.id)/\($0.id)", plan.resolved(variant: $0.id)) }
}

/// Invariants every plan file must keep, whoever edits it next.
@Suite struct CatalogueTests {
    /// DESIGN section 5: every injury in the sources.
    static let injuries = [
        "itbs", "achilles_tendinopathy", "plantar_fasciitis", "ankle_sprain",
        "patellofemoral_pain", "shin_splints", "hamstring_injury", "calf_injury",
        "groin_tendinopathy", "low_back_pain", "pes_anserinus", "mcl_sprain", "medial_meniscus",
        "knee_pain_after_running", "knee_osteoarthritis", "hip_osteoarthritis",
    ]

    /// The seed leaflets (`shared/seeds/README.md`), as a plan cites them: "(seed 000)".
    static let seeds = ["000", "001", "002", "003", "004"].map { "(seed \($0))" }

    @Test func everyInjuryOfTheSourcesIsInTheCatalogueAndLoadsCleanly() {
        let (plans, errors) = PlanCatalog.load(directories: [repoPlans])
        #expect(errors.map(\.description) == [])
        let ids = Set(plans.map(\.id))
        for id in Self.injuries {
            #expect(ids.contains(id), "missing plan \(id)")
        }
    }

    static func rank(_ kind: PhaseKind) -> Int {
        switch kind {
        case .relativeRest: 0
        case .loadBuildUp: 1
        case .returnToRunning: 2
        case .maintenance: 3
        }
    }

    @Test(arguments: injuries)
    func phasesRunFromRestToRunningAndEveryPhaseButTheLastHasAnExit(id: String) throws {
        let template = try #require(catalogue.first { $0.id == id })
        for (label, plan) in resolvedForms(template) {
            let ranks = plan.phases.map { Self.rank($0.kind) }
            #expect(
                ranks == ranks.sorted(), "\(label): phases out of order \(plan.phases.map(\.kind))")
            // A running plan ends with running; a maintenance plan ends with maintenance.
            let last = try #require(plan.phases.last)
            #expect([.returnToRunning, .maintenance].contains(last.kind), "\(label)")
            for phase in plan.phases.dropLast() {
                #expect(!phase.exit.isEmpty, "\(label): \(phase.id) has no exit criteria")
            }
            for phase in plan.phases where phase.exit.runWalkCompleted == true {
                #expect(!phase.runWalk.isEmpty, "\(label): \(phase.id) waits for no schedule")
            }
        }
    }

    @Test(arguments: injuries)
    func everyTextIsTranslated(id: String) throws {
        let plan = try #require(catalogue.first { $0.id == id })
        var texts: [(String, LocalizedText)] = [("names", plan.names), ("summary", plan.summary)]
        for v in plan.variants {
            texts.append(("variant \(v.id)", v.names))
            if let d = v.description { texts.append(("variant \(v.id) description", d)) }
        }
        texts += plan.redFlags.map { ("red flag \($0.id)", $0.question) }
        texts += plan.advice.enumerated().map { ("advice \($0.offset)", $0.element) }
        for e in plan.exercises {
            texts.append(("exercise \(e.id)", e.names))
            if let how = e.how { texts.append(("exercise \(e.id) how", how)) }
        }
        for p in plan.phases {
            texts.append(("phase \(p.id)", p.names))
            if let goal = p.goal { texts.append(("phase \(p.id) goal", goal)) }
        }
        for (place, text) in texts {
            #expect(!text.nl.trimmingSpaces.isEmpty, "\(id) \(place): no Dutch text")
            #expect(!text.en.trimmingSpaces.isEmpty, "\(id) \(place): no English text")
            // An untranslated copy shows as the same text twice.
            #expect(
                text.nl.lowercased() != text.en.lowercased(),
                "\(id) \(place): nl equals en (\(text.en))")
        }
    }

    static func expectSensible(_ t: ThresholdOverrides, _ place: String) {
        let inForce = t.applied(to: Thresholds())
        #expect((0...5).contains(inForce.painSafeMax), "\(place): pain.safe_max")
        #expect((3...7).contains(inForce.painLimit), "\(place): pain.limit")
        #expect(inForce.painSafeMax <= inForce.painLimit, "\(place): safe_max above limit")
        #expect((1...24).contains(inForce.painLastingHours), "\(place): pain.lasting_hours")
        #expect((12...72).contains(inForce.worseningWindowHours), "\(place): worsening window")
        // Seeds 000 and 001: at most 10 % a week; a plan may be stricter, never looser.
        #expect((1...10).contains(inForce.weeklyIncreasePct), "\(place): weekly_increase_pct")
        #expect((1...20).contains(inForce.sessionSpikePct), "\(place): session_spike_pct")
        // Seed 000 says 10 days, seed 001 14; three weeks is the most a leaflet waits.
        #expect((7...21).contains(inForce.noImprovementDays), "\(place): no_improvement_days")
    }

    @Test(arguments: injuries)
    func everyNumberIsInItsRange(id: String) throws {
        let template = try #require(catalogue.first { $0.id == id })
        for v in template.variants {
            #expect(v.expectedWeeks.lowerBound >= 1 && v.expectedWeeks.upperBound <= 52, "\(id)")
        }
        for (label, plan) in resolvedForms(template) {
            Self.expectSensible(plan.thresholds, label)
            for phase in plan.phases {
                let place = "\(label) \(phase.id)"
                Self.expectSensible(plan.thresholds.merged(with: phase.thresholds), place)
                // The longest in the sources: 6-12 months of stabilising for recurrent low back
                // pain (seed 003).
                #expect((0...182).contains(phase.minDays), "\(place): min_days")
                if let maxDays = phase.maxDays {
                    #expect(maxDays >= phase.minDays && maxDays <= 365, "\(place): max_days")
                }
                for (activity, n) in phase.weeklySessions {
                    #expect((1...7).contains(n), "\(place): \(activity) sessions a week")
                }
                if let volume = phase.startingVolume {
                    #expect(volume > 0 && volume <= 600, "\(place): starting_volume")
                }
                for p in phase.exercises {
                    #expect((1...10).contains(p.sets), "\(place) \(p.exercise): sets")
                    #expect((p.reps == nil) != (p.holdSeconds == nil), "\(place) \(p.exercise)")
                    #expect((p.perDay == nil) != (p.perWeek == nil), "\(place) \(p.exercise)")
                    if let reps = p.reps { #expect((1...50).contains(reps), "\(place): reps") }
                    if let s = p.holdSeconds { #expect((5...600).contains(s), "\(place): hold") }
                    if let d = p.perDay { #expect((1...5).contains(d), "\(place): per_day") }
                    if let w = p.perWeek { #expect((1...7).contains(w), "\(place): per_week") }
                }
                for step in phase.runWalk {
                    #expect(step.runMinutes >= 0.5 && step.runMinutes <= 60, "\(place): run")
                    #expect(step.walkMinutes >= 0 && step.walkMinutes <= 5, "\(place): walk")
                    #expect(Double(step.totalMinutes) >= step.runMinutes, "\(place): total")
                    #expect((10...60).contains(step.totalMinutes), "\(place): total")
                    // DESIGN section 5: run every other day, so at most four runs a week.
                    #expect((1...4).contains(step.sessionsPerWeek), "\(place): per_week")
                    #expect((1...6).contains(step.sessionsToPass), "\(place): pass")
                }
                let exit = phase.exit
                if let g = exit.greenDays { #expect((1...14).contains(g), "\(place): green_days") }
                if let w = exit.painFreeWalkMinutes {
                    #expect((10...90).contains(w), "\(place): pain_free_walk_minutes")
                }
                if let h = exit.hopTest { #expect((5...50).contains(h), "\(place): hop_test") }
                if let c = exit.calfRaises { #expect((5...50).contains(c), "\(place): calf") }
                if let d = exit.minDays { #expect(d <= 120, "\(place): exit min_days") }
            }
        }
    }

    @Test(arguments: injuries)
    func everyExerciseIsDefinedOnceAndUsed(id: String) throws {
        let plan = try #require(catalogue.first { $0.id == id })
        let library = plan.exercises.map(\.id)
        #expect(Set(library).count == library.count, "\(id): duplicate exercise ids")
        var used: Set<String> = []
        for phase in plan.phases {
            for p in phase.exercises {
                #expect(library.contains(p.exercise), "\(id) \(phase.id): unknown \(p.exercise)")
                used.insert(p.exercise)
            }
            // A phase cannot both allow running and ask to avoid it.
            if phase.allowed.contains(.run) {
                #expect(!phase.avoid.contains(.running), "\(id) \(phase.id): run and no running")
            }
            for activity in phase.weeklySessions.keys {
                #expect(phase.allowed.contains(activity), "\(id) \(phase.id): \(activity)")
            }
        }
        #expect(!plan.exercises.isEmpty, "\(id): no exercises")
        for e in library where !used.contains(e) {
            Issue.record("\(id): exercise \(e) is defined but never prescribed")
        }
    }

    @Test(arguments: injuries)
    func everyPlanNamesASeedARedFlagAndAdvice(id: String) throws {
        let plan = try #require(catalogue.first { $0.id == id })
        #expect(
            plan.sources.contains { source in Self.seeds.contains { source.contains($0) } },
            "\(id): no seed among sources")
        #expect(!plan.redFlags.isEmpty, "\(id): no red flags")
        #expect(!plan.advice.isEmpty, "\(id): no advice")
        // A plan that says "call 112" must mark the question as an emergency.
        for flag in plan.redFlags where flag.question.en.contains("112") {
            #expect(flag.emergency, "\(id) \(flag.id): mentions 112 but is not an emergency")
        }
    }

    @Test(arguments: injuries)
    func runWalkSchedulesNeverShrinkTheRunShare(id: String) throws {
        let template = try #require(catalogue.first { $0.id == id })
        for (label, plan) in resolvedForms(template) {
            for phase in plan.phases where phase.kind == .returnToRunning {
                #expect(!phase.runWalk.isEmpty, "\(label) \(phase.id): no run/walk schedule")
                let shares = phase.runWalk.map { $0.runMinutes / ($0.runMinutes + $0.walkMinutes) }
                #expect(shares == shares.sorted(), "\(label) \(phase.id): run share \(shares)")
                let runs = phase.runWalk.map(\.runMinutes)
                #expect(runs == runs.sorted(), "\(label) \(phase.id): run minutes \(runs)")
            }
        }
    }

    /// Days a schedule takes at the least: each step's passing sessions at its weekly rate.
    static func scheduleDays(_ steps: [RunWalkStep]) -> Double {
        steps.reduce(0) { $0 + Double($1.sessionsToPass) * 7 / Double($1.sessionsPerWeek) }
    }

    @Test(arguments: injuries)
    func expectedWeeksLeaveRoomForThePhases(id: String) throws {
        let template = try #require(catalogue.first { $0.id == id })
        for variant in template.variants {
            let plan = template.resolved(variant: variant.id)
            let label = "\(id)/\(variant.id)"
            let upper = variant.expectedWeeks.upperBound * 7
            // A last maintenance phase with no end is keeping it up, not recovering: it does not
            // count toward the expected weeks.
            var phases = plan.phases
            if let last = phases.last, last.kind == .maintenance, last.maxDays == nil {
                phases.removeLast()
            }
            let minDays = phases.reduce(0) { $0 + $1.minDays }
            #expect(minDays <= upper, "\(label): phases need \(minDays) days, expected <= \(upper)")
            // The run/walk steps cannot go faster than their sessions allow either.
            let fastest = phases.reduce(0.0) {
                $0 + max(Double($1.minDays), Self.scheduleDays($1.runWalk))
            }
            #expect(
                fastest <= Double(upper),
                "\(label): phases and run/walk steps need \(fastest) days, expected <= \(upper)")
        }
    }

    // MARK: - Catalogue v2 (issue 13)

    /// Seed 003 gives these lower bounds for tears: they must not finish sooner. Every variant's
    /// expected weeks come from a source (or say "ours" in the file), so the rule holds for all:
    /// a runner who meets every exit on its first day still cannot finish before the lower bound.
    @Test(arguments: injuries)
    func phaseMinimumsStayWithinTheExpectedWeeks(id: String) throws {
        let template = try #require(catalogue.first { $0.id == id })
        for variant in template.variants {
            let plan = template.resolved(variant: variant.id)
            var phases = plan.phases
            if let last = phases.last, last.kind == .maintenance, last.maxDays == nil {
                phases.removeLast()
            }
            let minDays = phases.reduce(0) { $0 + $1.minDays }
            let range = variant.expectedWeeks
            #expect(
                minDays >= range.lowerBound * 7 && minDays <= range.upperBound * 7,
                "\(id)/\(variant.id): minimums \(minDays) days, expected \(range) weeks")
        }
    }

    /// Oxford NHS leaflet: each step takes about a week, at least 3 runs.
    @Test(arguments: injuries)
    func everyRunWalkStepNeedsThreeRuns(id: String) throws {
        let template = try #require(catalogue.first { $0.id == id })
        for (label, plan) in resolvedForms(template) {
            for phase in plan.phases {
                for (i, step) in phase.runWalk.enumerated() {
                    #expect(step.sessionsToPass >= 3, "\(label) \(phase.id) step \(i + 1)")
                }
                // No jump from jog 9 / walk 1 straight to 30 minutes continuous.
                for (a, b) in zip(phase.runWalk, phase.runWalk.dropFirst()) where b.walkMinutes == 0
                {
                    #expect(
                        a.runMinutes >= 15, "\(label) \(phase.id): \(a.runMinutes) to continuous")
                }
            }
        }
    }

    /// Seed 001: a sudden pop with immediate loss of function means 112, on every knee plan.
    @Test(arguments: injuries)
    func everyKneePlanHasTheEmergencyFlag(id: String) throws {
        let plan = try #require(catalogue.first { $0.id == id })
        let knee: Set<BodyRegion> = [.knee, .kneeLateral, .kneeAnterior, .kneeMedial]
        guard knee.contains(plan.region) else { return }
        let pop = plan.redFlags.first { $0.id == RedFlag.popLossOfFunction }
        #expect(pop?.urgency == .emergency, "\(id): no 112 flag for a pop with loss of function")
    }

    /// Seed 003 sends these to the physio; they are referrals, never stops.
    static let physioReferrals = [
        "gait_not_normal_after_2_days", "strain_not_better_14_days", "worse_without_cause",
    ]

    @Test(arguments: injuries)
    func noReferralIsAStop(id: String) throws {
        let plan = try #require(catalogue.first { $0.id == id })
        let flags = Set(plan.redFlags.map(\.id))
        for referral in plan.referrals {
            #expect(!flags.contains(referral.id), "\(id): \(referral.id) is also a stop")
        }
        for referral in Self.physioReferrals {
            #expect(!flags.contains(referral), "\(id): \(referral) is a stop")
        }
        // A question that sends the runner to the physio is a referral, not a red flag.
        for flag in plan.redFlags {
            #expect(
                !flag.question.en.localizedCaseInsensitiveContains("physiotherapist"),
                "\(id) \(flag.id): a physio referral marked as a stop")
        }
    }

    /// Sources a physio can follow: no bare seed file names, no design document.
    @Test(arguments: injuries)
    func sourcesAreReadable(id: String) throws {
        let plan = try #require(catalogue.first { $0.id == id })
        for source in plan.sources {
            #expect(!source.contains("DESIGN"), "\(id): \(source)")
            #expect(!source.hasSuffix(".txt"), "\(id): bare seed file \(source)")
            #expect(source.count >= 20, "\(id): too short to follow: \(source)")
        }
    }
}
