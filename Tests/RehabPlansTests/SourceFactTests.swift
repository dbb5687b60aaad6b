import RehabCore
import Testing

@testable import RehabPlans

/// One number or rule from the sources, pinned so a later edit of a plan file cannot drift from
/// it silently. `seed` names the leaflet (and section) the expectation was read from.
struct SourceFact: Sendable, CustomTestStringConvertible {
    let plan: String
    let claim: String
    let seed: String
    let expected: String
    let actual: @Sendable (Plan) -> String

    var testDescription: String { "\(plan): \(claim) [\(seed)]" }
}

// MARK: - What a row reads from a plan, written as the row expects it

/// A variant's expected weeks, "4-6".
func weeks(_ variant: String) -> @Sendable (Plan) -> String {
    { plan in
        guard let w = plan.variant(variant)?.expectedWeeks else { return "no variant \(variant)" }
        return "\(w.lowerBound)-\(w.upperBound)"
    }
}

/// A phase's days once the variant is folded in, "3-7".
func days(_ phase: String, variant: String?) -> @Sendable (Plan) -> String {
    { plan in
        let resolved = plan.resolved(variant: variant)
        guard let p = resolved.phases.first(where: { $0.id == phase }) else {
            return "no phase \(phase)"
        }
        return "\(p.minDays)-\(p.maxDays.map(String.init) ?? "open")"
    }
}

/// Every variant's expected weeks inside `range`: "within 13-26", else the first one outside.
func weeksWithin(_ range: ClosedRange<Int>) -> @Sendable (Plan) -> String {
    { plan in
        if plan.variants.isEmpty { return "no variants" }
        for v in plan.variants
        where
            !(range.contains(v.expectedWeeks.lowerBound)
            && range.contains(v.expectedWeeks.upperBound))
        {
            return "\(v.id) \(v.expectedWeeks.lowerBound)-\(v.expectedWeeks.upperBound)"
        }
        return "within \(range.lowerBound)-\(range.upperBound)"
    }
}

/// The longest a phase of `kind` may last in the template or any variant: "at most 21", else
/// the longest found (open-ended counts as too long).
func maxDaysOf(_ kind: PhaseKind, atMost limit: Int) -> @Sendable (Plan) -> String {
    { plan in
        let forms = [plan] + plan.variants.map { plan.resolved(variant: $0.id) }
        let phases = forms.flatMap { $0.phases.filter { $0.kind == kind } }
        if phases.isEmpty { return "no \(kind.rawValue) phase" }
        for p in phases {
            guard let maxDays = p.maxDays else { return "\(p.id) open-ended" }
            if maxDays > limit { return "\(p.id) \(maxDays)" }
        }
        return "at most \(limit)"
    }
}

/// pain.safe_max/limit in force in each phase of `kind`, "load_base 5/5, load_heavy 5/5".
func pain(in kind: PhaseKind) -> @Sendable (Plan) -> String {
    { plan in
        plan.phases.filter { $0.kind == kind }.map {
            let t = plan.thresholds(in: $0)
            return "\($0.id) \(t.painSafeMax)/\(t.painLimit)"
        }.joined(separator: ", ")
    }
}

/// The weekly load the plan aims at: the largest exit `weekly_load` and the last phase's floor.
func weeklyTarget(_ plan: Plan) -> String {
    let exits = plan.phases.compactMap(\.exit.weeklyLoad).max().map { "\(Int($0))" } ?? "none"
    let floor = plan.phases.last?.startingVolume.map { "\(Int($0))" } ?? "none"
    let unit = plan.phases.last.map { $0.loadMetric.unit } ?? ""
    return "target \(exits), then keep \(floor) \(unit)"
}

/// A red flag's presence and what it makes the app say: "call 112", "same day" (a doctor
/// today), "stop" (the plan stops until the GP has seen it), "see physio" (a referral, not a
/// stop) or "absent".
func flag(_ id: String) -> @Sendable (Plan) -> String {
    { plan in
        if plan.referrals.contains(where: { $0.id == id }) { return "see physio" }
        guard let q = plan.redFlags.first(where: { $0.id == id }) else { return "absent" }
        switch q.urgency {
        case .emergency: return "call 112"
        case .sameDay: return "same day"
        case .seeDoctor: return "stop"
        }
    }
}

/// A red flag's English question contains `text`: "yes" or "no".
func flagAsks(_ id: String, _ text: String) -> @Sendable (Plan) -> String {
    { plan in
        let q = plan.redFlags.first { $0.id == id }?.question.en ?? ""
        return q.localizedCaseInsensitiveContains(text) ? "yes" : "no"
    }
}

/// The phase's run/walk steps once the variant is folded in: "9/1x3, 30/0x3".
func steps(_ phase: String, variant: String?) -> @Sendable (Plan) -> String {
    { plan in
        guard let p = plan.resolved(variant: variant).phases.first(where: { $0.id == phase })
        else { return "no phase \(phase)" }
        return p.runWalk.map {
            "\(Int($0.runMinutes))/\(Int($0.walkMinutes))x\($0.sessionsToPass)"
        }.joined(separator: ", ")
    }
}

/// The sum of the phases' min_days once the variant is folded in.
func minimumDays(_ variant: String) -> @Sendable (Plan) -> String {
    { plan in "\(plan.resolved(variant: variant).phases.reduce(0) { $0 + $1.minDays })" }
}

/// A phase's load: "km, floor none" or "minutes of walk+cycle, floor 150".
func load(_ phase: String) -> @Sendable (Plan) -> String {
    { plan in
        guard let p = plan.phases.first(where: { $0.id == phase }) else { return "no phase" }
        let floor = p.startingVolume.map { "\(Int($0))" } ?? "none"
        switch p.loadMetric {
        case .km: return "km, floor \(floor)"
        case .minutes(let a):
            return "minutes of \(a.map(\.rawValue).joined(separator: "+")), floor \(floor)"
        }
    }
}

/// Whether a phase allows an activity: "yes" or "no".
func allows(_ phase: String, _ activity: Activity) -> @Sendable (Plan) -> String {
    { plan in
        plan.phases.first { $0.id == phase }?.allowed.contains(activity) == true ? "yes" : "no"
    }
}

/// The pain thresholds a session of `activity` meets in a phase: "5/5".
func activityPain(_ phase: String, _ activity: Activity) -> @Sendable (Plan) -> String {
    { plan in
        guard let p = plan.phases.first(where: { $0.id == phase }) else { return "no phase" }
        let t = plan.thresholds(in: p).pain(for: activity)
        return "\(t.safeMax)/\(t.limit)"
    }
}

/// A phase's dosage of one exercise: "3x15 3/week", or "absent".
func dose(_ phase: String, _ exercise: String) -> @Sendable (Plan) -> String {
    { plan in
        guard
            let p = plan.phases.first(where: { $0.id == phase })?.exercises
                .first(where: { $0.exercise == exercise })
        else { return "absent" }
        let amount = p.reps.map { "\(p.sets)x\($0)" } ?? "\(p.sets)x\(p.holdSeconds ?? 0)s"
        let often = p.perWeek.map { "\($0)/week" } ?? "\(p.perDay ?? 0)/day"
        return "\(amount) \(often)"
    }
}

/// Whether any source or advice line mentions `text`: "yes" or "no".
func cites(_ text: String) -> @Sendable (Plan) -> String {
    { plan in plan.sources.contains { $0.contains(text) } ? "yes" : "no" }
}

func advises(_ text: String) -> @Sendable (Plan) -> String {
    { plan in plan.advice.contains { $0.en.contains(text) } ? "yes" : "no" }
}

func thresholds(_ plan: Plan) -> String {
    let t = plan.thresholds.applied(to: Thresholds())
    return "pain \(t.painSafeMax)/\(t.painLimit), \(t.painLastingHours) h, "
        + "\(t.worseningWindowHours) h window, \(Int(t.weeklyIncreasePct)) %, "
        + "doctor after \(t.noImprovementDays) days"
}

@Suite struct SourceFactTests {
    // A row's source: "seed NNN" (the plan must cite that leaflet, "(seed NNN)") or a
    // reference whose first word names the author or body the plan must cite.
    static let seed000 = "seed 000"
    static let seed001 = "seed 001"
    static let seed002 = "seed 002"
    static let seed003 = "seed 003"
    static let seed004 = "seed 004"
    static let oxford = "Oxford NHS return-to-running leaflet 2024"

    static let facts: [SourceFact] = [
        // Inner knee, seed 000 (MCL grades, meniscus, pes anserinus, kneecap).
        SourceFact(
            plan: "mcl_sprain", claim: "grade 1 recovers in 2-3 weeks", seed: seed000 + " MCL",
            expected: "2-3", actual: weeks("grade_1")),
        SourceFact(
            plan: "mcl_sprain", claim: "grade 2 recovers in 4-6 weeks", seed: seed000 + " MCL",
            expected: "4-6", actual: weeks("grade_2")),
        SourceFact(
            plan: "mcl_sprain", claim: "grade 3 recovers in 8-12 weeks", seed: seed000 + " MCL",
            expected: "8-12", actual: weeks("grade_3")),
        SourceFact(
            plan: "mcl_sprain", claim: "avoid provoking moves 1-3 weeks: calm-down at most 21",
            seed: seed000 + " what to avoid", expected: "at most 21",
            actual: maxDaysOf(.relativeRest, atMost: 21)),
        SourceFact(
            plan: "medial_meniscus", claim: "conservative recovery 6-12 weeks",
            seed: seed000 + " meniscus", expected: "6-12", actual: weeks("conservative")),
        SourceFact(
            plan: "medial_meniscus", claim: "a knee that locks is a reason to see the doctor",
            seed: seed000 + " meniscus", expected: "stop", actual: flag(RedFlag.locking)),
        SourceFact(
            plan: "pes_anserinus", claim: "recovery 2-6 weeks with the right approach",
            seed: seed000 + " pes anserinus", expected: "2-6", actual: weeks("overload")),
        SourceFact(
            plan: "patellofemoral_pain", claim: "4-8 weeks with a steady exercise programme",
            seed: seed000 + " kneecap", expected: "4-8", actual: weeks("recent")),
        SourceFact(
            plan: "patellofemoral_pain", claim: "pain-free within 3-6 months (persistent)",
            seed: seed003 + " front of the knee", expected: "13-26", actual: weeks("persistent")),

        // Knee pain after running, seed 001 (and seed 000 for the light overload).
        SourceFact(
            plan: "knee_pain_after_running", claim: "mild pain: 3-7 days relative rest",
            seed: seed001 + " severity", expected: "3-7",
            actual: days("calm_down", variant: "mild")),
        SourceFact(
            plan: "knee_pain_after_running", claim: "moderate pain: 1-2 weeks without running",
            seed: seed001 + " severity", expected: "7-14",
            actual: days("calm_down", variant: "moderate")),
        SourceFact(
            plan: "knee_pain_after_running", claim: "severe pain: 2-4 weeks",
            seed: seed001 + " severity", expected: "14-28",
            actual: days("calm_down", variant: "severe")),
        SourceFact(
            plan: "knee_pain_after_running", claim: "most recover within 4-6 weeks",
            seed: seed001, expected: "4-6", actual: weeks("moderate")),
        SourceFact(
            plan: "knee_pain_after_running", claim: "a light overload recovers in 2-4 weeks",
            seed: seed000 + " FAQ", expected: "2-4", actual: weeks("mild")),
        SourceFact(
            plan: "knee_pain_after_running", claim: "see the GP after 2 weeks of pain despite rest",
            seed: seed001 + " when to see the GP",
            expected: "pain 3/5, 2 h, 24 h window, 10 %, doctor after 14 days",
            actual: thresholds),
        SourceFact(
            plan: "knee_pain_after_running", claim: "pop with loss of function: call 112",
            seed: seed001 + " when to call 112", expected: "call 112",
            actual: flag(RedFlag.popLossOfFunction)),

        // ITBS, seed 002.
        SourceFact(
            plan: "itbs", claim: "acute: 4-6 weeks", seed: seed002, expected: "4-6",
            actual: weeks("acute")),
        SourceFact(
            plan: "itbs", claim: "recurrent or long-standing: 8-12 weeks", seed: seed002,
            expected: "8-12", actual: weeks("recurrent")),
        SourceFact(
            plan: "itbs", claim: "pain at most 3/10 during and after, no worse within 24 h",
            seed: seed002, expected: "pain 3/5, 2 h, 24 h window, 10 %, doctor after 10 days",
            actual: thresholds),

        // The running-injuries booklet, seed 003.
        SourceFact(
            plan: "calf_injury", claim: "tear: back to sport in 4-8 weeks",
            seed: seed003 + " calf", expected: "4-8", actual: weeks("tear")),
        SourceFact(
            plan: "calf_injury",
            claim: "strain: build-up to sport after 10-14 days, then steps of a week (not 2-2)",
            seed: seed003 + " calf", expected: "4-6", actual: weeks("strain")),
        SourceFact(
            plan: "calf_injury", claim: "worse, warm, red calf days later: possible thrombosis",
            seed: seed003 + " calf", expected: "same day",
            actual: flag(RedFlag.calfSwellingWarmRed)),
        SourceFact(
            plan: "hamstring_injury", claim: "tear: full sport load within 6-10 weeks",
            seed: seed003 + " hamstring", expected: "6-10", actual: weeks("tear")),
        SourceFact(
            plan: "hamstring_injury",
            claim: "strain: build-up to sport after 10-14 days, then steps of a week (not 2-2)",
            seed: seed003 + " hamstring", expected: "4-6", actual: weeks("strain")),
        SourceFact(
            plan: "shin_splints", claim: "relative rest for at most three weeks",
            seed: seed003 + " shin", expected: "at most 21",
            actual: maxDaysOf(.relativeRest, atMost: 21)),
        SourceFact(
            plan: "achilles_tendinopathy", claim: "recovery takes 3-6 months",
            seed: seed003 + " Achilles", expected: "within 13-26", actual: weeksWithin(13...26)),
        SourceFact(
            plan: "achilles_tendinopathy",
            claim: "loading may bring bearable pain (Silbernagel 2007: up to 5/10)",
            seed: seed003 + " Achilles", expected: "load_base 3/5, load_heavy 3/5",
            actual: pain(in: .loadBuildUp)),
        SourceFact(
            plan: "achilles_tendinopathy", claim: "no less pain within two weeks: see the physio",
            seed: seed003 + " Achilles",
            expected: "pain 3/5, 2 h, 24 h window, 10 %, doctor after 14 days",
            actual: thresholds),
        SourceFact(
            plan: "plantar_fasciitis", claim: "rest the painful heel for at most three weeks",
            seed: seed003 + " heel", expected: "at most 21",
            actual: maxDaysOf(.relativeRest, atMost: 21)),
        SourceFact(
            plan: "ankle_sprain",
            claim: "maybe broken: straight to A&E (same day; the question says where, not 112)",
            seed: seed003 + " ankle", expected: "same day",
            actual: flag(RedFlag.cannotBearWeight)),
        SourceFact(
            plan: "ankle_sprain", claim: "inversion, moderate: full sport load after 2-5 months",
            seed: seed003 + " ankle", expected: "9-22", actual: weeks("moderate")),
        SourceFact(
            plan: "ankle_sprain", claim: "eversion: full sport load after 3-6 months",
            seed: seed003 + " ankle", expected: "13-26", actual: weeks("eversion")),
        SourceFact(
            plan: "groin_tendinopathy", claim: "mild: training again after 1-3 weeks",
            seed: seed003 + " groin", expected: "1-3", actual: weeks("mild")),
        SourceFact(
            plan: "groin_tendinopathy", claim: "severe: allow 6-16 weeks",
            seed: seed003 + " groin", expected: "6-16", actual: weeks("severe")),

        // Osteoarthritis, seed 004.
        SourceFact(
            plan: "knee_osteoarthritis", claim: "150 minutes a week of moderate activity",
            seed: seed004, expected: "target 150, then keep 150 min", actual: weeklyTarget),
        SourceFact(
            plan: "hip_osteoarthritis", claim: "150 minutes a week of moderate activity",
            seed: seed004, expected: "target 150, then keep 150 min", actual: weeklyTarget),

        // Catalogue v2 (issue 13), one row per fix.
        SourceFact(
            plan: "itbs", claim: "item 1: a pop with loss of function: call 112",
            seed: seed001 + " when to call 112", expected: "call 112",
            actual: flag(RedFlag.popLossOfFunction)),
        SourceFact(
            plan: "pes_anserinus", claim: "item 1: a pop with loss of function: call 112",
            seed: seed001 + " when to call 112", expected: "call 112",
            actual: flag(RedFlag.popLossOfFunction)),
        SourceFact(
            plan: "knee_osteoarthritis", claim: "item 1: a pop with loss of function: call 112",
            seed: seed001 + " when to call 112", expected: "call 112",
            actual: flag(RedFlag.popLossOfFunction)),
        SourceFact(
            plan: "mcl_sprain", claim: "item 1: fever (a doctor today, the safer reading)",
            seed: seed001 + " when to see the GP", expected: "same day",
            actual: flag(RedFlag.fever)),
        SourceFact(
            plan: "medial_meniscus", claim: "item 1: fever (a doctor today, the safer reading)",
            seed: seed001 + " when to see the GP", expected: "same day",
            actual: flag(RedFlag.fever)),
        SourceFact(
            plan: "mcl_sprain", claim: "item 1: grade 3 may need surgery: a doctor first",
            seed: seed000 + " MCL", expected: "stop", actual: flag("complete_tear_not_assessed")),
        SourceFact(
            plan: "ankle_sprain", claim: "item 1: Ottawa rules include the midfoot (navicular)",
            seed: "Stiell et al. 1992, Ann Emerg Med", expected: "yes",
            actual: flagAsks("ankle_bone_tenderness", "navicular")),
        SourceFact(
            plan: "hamstring_injury", claim: "item 2: no normal gait after 2 days: physio",
            seed: seed003 + " hamstring", expected: "see physio",
            actual: flag("gait_not_normal_after_2_days")),
        SourceFact(
            plan: "calf_injury", claim: "item 2: no normal gait after 2 days: physio",
            seed: seed003 + " calf", expected: "see physio",
            actual: flag("gait_not_normal_after_2_days")),
        SourceFact(
            plan: "hamstring_injury", claim: "item 2: strain not building up after 14 days: physio",
            seed: seed003 + " hamstring", expected: "see physio",
            actual: flag("strain_not_better_14_days")),
        SourceFact(
            plan: "patellofemoral_pain", claim: "item 2: worse without a cause: physio",
            seed: seed003 + " front of the knee", expected: "see physio",
            actual: flag("worse_without_cause")),
        SourceFact(
            plan: "plantar_fasciitis", claim: "item 2: a red, swollen heel is a symptom, no stop",
            seed: seed003 + " heel", expected: "absent",
            actual: flag(RedFlag.swellingWarmthRedness)),
        SourceFact(
            plan: "hamstring_injury", claim: "item 3: tear cannot finish before 6 weeks (42 days)",
            seed: seed003 + " hamstring", expected: "44", actual: minimumDays("tear")),
        SourceFact(
            plan: "calf_injury", claim: "item 3: tear cannot finish before 4 weeks (28 days)",
            seed: seed003 + " calf", expected: "40", actual: minimumDays("tear")),
        SourceFact(
            plan: "achilles_tendinopathy", claim: "item 3: mild can finish in 3 months (13 weeks)",
            seed: seed003 + " Achilles", expected: "91", actual: minimumDays("mild")),
        SourceFact(
            plan: "hamstring_injury",
            claim: "item 4: steps of about a week, from the week-3 block, no 9/1 to 30 jump",
            seed: oxford, expected: "4/1x3, 9/1x3, 15/1x3, 30/0x3",
            actual: steps("return_to_running", variant: nil)),
        SourceFact(
            plan: "mcl_sprain", claim: "item 4: grade 1 runs the last two blocks, a week each",
            seed: oxford, expected: "15/1x3, 30/0x3",
            actual: steps("return_to_running", variant: "grade_1")),
        SourceFact(
            plan: "itbs", claim: "item 4: run every other day (advice)", seed: oxford,
            expected: "yes", actual: advises("every other day")),
        SourceFact(
            plan: "calf_injury", claim: "item 4: never raise distance and pace in the same week",
            seed: oxford, expected: "yes", actual: advises("distance and pace")),
        SourceFact(
            plan: "itbs", claim: "item 5: no fixed km floor after the schedule",
            seed: oxford, expected: "km, floor none", actual: load("return_to_running")),
        SourceFact(
            plan: "hamstring_injury", claim: "item 5: no fixed km floor after the schedule",
            seed: oxford, expected: "km, floor none", actual: load("return_to_running")),
        SourceFact(
            plan: "itbs", claim: "item 6: keep running within 3/10 in the first phase",
            seed: seed002, expected: "yes", actual: allows("calm_down", .run)),
        SourceFact(
            plan: "itbs", claim: "item 6: keep running within 3/10 while building strength",
            seed: seed002, expected: "yes", actual: allows("build_up", .run)),
        SourceFact(
            plan: "pes_anserinus",
            claim: "item 7: walks of 10-20 min 2-3x a day stay under the cap",
            seed: seed000 + " dosing", expected: "minutes of walk, floor 420",
            actual: load("calm_down")),
        SourceFact(
            plan: "mcl_sprain", claim: "item 7: cycling 15-30 min, stay active: no 60-minute cap",
            seed: seed000 + " dosing", expected: "minutes of cycle, floor 210",
            actual: load("calm_down")),
        SourceFact(
            plan: "knee_osteoarthritis", claim: "item 8: 150 minutes of every moderate activity",
            seed: seed004,
            expected: "minutes of walk+cycle+swim+aqua_jog+cross_trainer+other, floor 150",
            actual: load("stay_active")),
        SourceFact(
            plan: "hip_osteoarthritis", claim: "item 8: 150 minutes of every moderate activity",
            seed: seed004,
            expected: "minutes of walk+cycle+swim+aqua_jog+cross_trainer+other, floor 150",
            actual: load("stay_active")),
        SourceFact(
            plan: "achilles_tendinopathy", claim: "item 9: loading exercises may reach 5/10",
            seed: "Silbernagel et al. 2007, Am J Sports Med", expected: "5/5",
            actual: activityPain("load_base", .exercises)),
        SourceFact(
            plan: "achilles_tendinopathy", claim: "item 9: walking keeps 3/10",
            seed: "Silbernagel et al. 2007, Am J Sports Med", expected: "3/5",
            actual: activityPain("load_heavy", .walk)),
        SourceFact(
            plan: "groin_tendinopathy", claim: "item 9: walking keeps 3/10, strength 5/10",
            seed: "Silbernagel et al. 2007, Am J Sports Med", expected: "3/5",
            actual: activityPain("build_up", .walk)),
        SourceFact(
            plan: "calf_injury", claim: "item 10: strength 2-3x a week, not 4",
            seed: seed001 + " strength", expected: "3x15 3/week",
            actual: dose("build_up", "calf_raise_double")),
        SourceFact(
            plan: "hamstring_injury", claim: "item 10: Askling's L-protocol includes the glider",
            seed: "Askling et al. 2013, Br J Sports Med", expected: "3x4 2/week",
            actual: dose("build_up", "glider")),
        SourceFact(
            plan: "calf_injury", claim: "item 10: no Maffulli for a test nothing uses",
            seed: seed003 + " calf", expected: "no", actual: cites("Maffulli")),
        SourceFact(
            plan: "knee_pain_after_running", claim: "item 11: leaflets cited by practice and title",
            seed: seed001, expected: "yes",
            actual: cites("Fysio Barendrecht, leaflet on knee pain after running")),
    ]

    @Test(arguments: facts)
    func planKeepsTheNumberFromItsSource(_ fact: SourceFact) throws {
        let plan = try #require(catalogue.first { $0.id == fact.plan }, "no plan \(fact.plan)")
        #expect(fact.actual(plan) == fact.expected)
        // The leaflet or paper the number came from is among the plan's sources.
        if fact.seed.hasPrefix("seed ") {
            let tag = "(" + fact.seed.prefix(8) + ")"
            #expect(plan.sources.contains { $0.contains(tag) }, "\(fact.plan) does not cite \(tag)")
        } else {
            let author = String(fact.seed.prefix(while: { $0 != " " }))
            #expect(
                plan.sources.contains { $0.hasPrefix(author) },
                "\(fact.plan) does not cite \(author)")
        }
    }

    /// Issue 13: every fix has its row; the table may grow but never silently shrink.
    @Test func theTableKeepsEveryRow() {
        #expect(Self.facts.count == 70)
    }

    /// Seed 001 (and DESIGN section 4): a pop with immediate loss of function means 112, in every
    /// plan that asks about it.
    @Test func popWithLossOfFunctionIsAnEmergencyWhereverItAppears() {
        let asking = catalogue.filter { p in
            p.redFlags.contains { $0.id == RedFlag.popLossOfFunction }
        }
        #expect(asking.count >= 5)
        for plan in asking {
            #expect(flag(RedFlag.popLossOfFunction)(plan) == "call 112", "\(plan.id)")
        }
    }
}
