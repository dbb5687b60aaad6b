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

/// A red flag's presence and what it makes the app say: "call 112", "stop" (the plan stops
/// until a doctor has seen it) or "absent".
func flag(_ id: String) -> @Sendable (Plan) -> String {
    { plan in
        guard let q = plan.redFlags.first(where: { $0.id == id }) else { return "absent" }
        return q.emergency ? "call 112" : "stop"
    }
}

func thresholds(_ plan: Plan) -> String {
    let t = plan.thresholds.applied(to: Thresholds())
    return "pain \(t.painSafeMax)/\(t.painLimit), \(t.painLastingHours) h, "
        + "\(t.worseningWindowHours) h window, \(Int(t.weeklyIncreasePct)) %, "
        + "doctor after \(t.noImprovementDays) days"
}

@Suite struct SourceFactTests {
    static let seed000 = "000_cafcea1e65327ab5.txt"
    static let seed001 = "001_e011adb0bde46376.txt"
    static let seed002 = "002_16abb74b63782573.txt"
    static let seed003 = "003_0e1642bdcdf432a3.txt"
    static let seed004 = "004_be68ca397f409461.txt"

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
            plan: "calf_injury", claim: "strain: build-up to sport in 10-14 days",
            seed: seed003 + " calf", expected: "2-2", actual: weeks("strain")),
        SourceFact(
            plan: "calf_injury", claim: "worse, warm, red calf days later: possible thrombosis",
            seed: seed003 + " calf", expected: "stop",
            actual: flag(RedFlag.calfSwellingWarmRed)),
        SourceFact(
            plan: "hamstring_injury", claim: "tear: full sport load within 6-10 weeks",
            seed: seed003 + " hamstring", expected: "6-10", actual: weeks("tear")),
        SourceFact(
            plan: "hamstring_injury", claim: "strain: build-up to sport in 10-14 days",
            seed: seed003 + " hamstring", expected: "2-2", actual: weeks("strain")),
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
            seed: seed003 + " Achilles", expected: "load_base 5/5, load_heavy 5/5",
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
            claim: "maybe broken: straight to A&E (a stop; the question says where to go, not 112)",
            seed: seed003 + " ankle", expected: "stop",
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
    ]

    @Test(arguments: facts)
    func planKeepsTheNumberFromItsSource(_ fact: SourceFact) throws {
        let plan = try #require(catalogue.first { $0.id == fact.plan }, "no plan \(fact.plan)")
        #expect(fact.actual(plan) == fact.expected)
        // The leaflet the number came from is among the plan's sources.
        let seed = String(fact.seed.prefix(while: { $0 != " " }))
        #expect(plan.sources.contains(seed), "\(fact.plan) does not list \(seed)")
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
