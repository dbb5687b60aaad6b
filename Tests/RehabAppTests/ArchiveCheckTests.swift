import RehabCore
import RehabFiles
import RehabPlans
import Testing

@testable import RehabApp

/// An archive's records checked as if typed in, each refusal worded in both languages with the
/// patient, the place in the file and what is allowed.
struct ArchiveCheckTests {
    struct NoSuchPlan: Error {}

    /// The built-in catalogue, as `rehab import` finds plans without a plans folder.
    static func check() -> ArchiveCheck {
        let library = PlanLibrary.standard(explicit: nil, environment: [:])
        return ArchiveCheck(
            template: { id in
                guard let plan = try library.plan(id)?.plan else { throw NoSuchPlan() }
                return plan
            },
            catalogue: { library.all().plans.map(\.plan.id).sorted() })
    }

    static let start = day("2026-01-05")

    static func patient(
        plan: String = "itbs", variant: String? = nil, overrides: PlanOverrides = PlanOverrides(),
        changes: [PhaseChange]? = nil, sessions: [Session] = [], mornings: [MorningCheck] = []
    ) -> ArchivedPatient {
        ArchivedPatient(
            name: "Sam",
            assignment: Assignment(
                planID: plan, variantID: variant, startDate: start, overrides: overrides,
                phaseHistory: changes ?? [
                    PhaseChange(phase: "calm_down", date: start, reason: .start)
                ]),
            sessions: sessions, mornings: mornings)
    }

    static func refusal(_ patient: ArchivedPatient) -> LocalizedText? {
        var check = check()
        do {
            try check.check(Archive(patients: [patient]))
            return nil
        } catch {
            return error.text
        }
    }

    @Test func aPlainPatientPasses() {
        let walk = Session(
            date: Self.start.adding(days: 1), activity: .walk, minutes: 30, painDuring: 1,
            painAfter: 1)
        #expect(Self.refusal(Self.patient(sessions: [walk])) == nil)
    }

    @Test func anUnknownFlagIsNamedWithItsRecordInBothLanguages() throws {
        var morning = MorningCheck(date: Self.start.adding(days: 2), pain: 1)
        morning.flags = ["bogus"]
        let text = try #require(Self.refusal(Self.patient(mornings: [morning])))
        #expect(
            text.en.hasPrefix(
                "patient \"Sam\", morning 1 (2026-01-07).flags: \"bogus\" is not a red flag of itbs (expected one of "
            ))
        #expect(
            text.nl.hasPrefix(
                "patiënt \"Sam\", ochtendcheck 1 (2026-01-07).flags: \"bogus\" is geen rode vlag van itbs (verwacht een van "
            ))
    }

    @Test func eachHeaderProblemInBothLanguages() throws {
        let cases: [(ArchivedPatient, String, String)] = [
            (
                Self.patient(variant: "nope"),
                "patient \"Sam\", assignment.variant: \"nope\" is not a variant of itbs",
                "patiënt \"Sam\", assignment.variant: \"nope\" is geen variant van itbs"
            ),
            (
                Self.patient(plan: "no_such_plan"),
                "patient \"Sam\", assignment.plan: \"no_such_plan\" is not a plan in the catalogue",
                "patiënt \"Sam\", assignment.plan: \"no_such_plan\" is geen plan uit de catalogus"
            ),
            (
                Self.patient(changes: []),
                "patient \"Sam\", assignment.phase_history: empty (expected the first phase",
                "patiënt \"Sam\", assignment.phase_history: leeg (verwacht de eerste fase"
            ),
            (
                Self.patient(changes: [
                    PhaseChange(phase: "calm_down", date: Self.start, reason: .start),
                    PhaseChange(
                        phase: "build_up", date: Self.start.adding(days: -3), reason: .advance),
                ]),
                "patient \"Sam\", assignment.phase_history[1].date: 2026-01-02 is before 2026-01-05",
                "patiënt \"Sam\", assignment.phase_history[1].date: 2026-01-02 ligt vóór 2026-01-05"
            ),
            (
                Self.patient(changes: [PhaseChange(phase: "p9", date: Self.start, reason: .start)]),
                "patient \"Sam\", assignment.phase_history[0].phase: \"p9\" is not a phase of itbs",
                "patiënt \"Sam\", assignment.phase_history[0].phase: \"p9\" is geen fase van itbs"
            ),
        ]
        for (patient, english, dutch) in cases {
            let text = try #require(Self.refusal(patient), "\(english)")
            #expect(text.en.hasPrefix(english), "\(text.en)")
            #expect(text.nl.hasPrefix(dutch), "\(text.nl)")
        }
    }

    @Test func tuningOutsideItsRangeAndPainAboveTheLimit() throws {
        var tooHigh = PlanOverrides()
        tooHigh.thresholds.painSafeMax = 11
        let range = try #require(Self.refusal(Self.patient(overrides: tooHigh)))
        #expect(range.en.contains("assignment.overrides.pain.safe_max: 11 is out of range"))
        #expect(range.nl.contains("assignment.overrides.pain.safe_max: 11 valt buiten het bereik"))
        var crossed = PlanOverrides()
        crossed.thresholds.painSafeMax = 5
        crossed.thresholds.painLimit = 4
        let limit = try #require(Self.refusal(Self.patient(overrides: crossed)))
        #expect(limit.en.contains("pain.safe_max: 5 is above pain.limit 4"))
        #expect(limit.nl.contains("pain.safe_max: 5 ligt boven pain.limit 4"))
    }

    /// A kept plan file and a tuned plan are refused in the plan-file checker's own words, in
    /// Dutch as in English (they were the English words in both).
    @Test func thePlanFileCheckersWordsInBothLanguages() throws {
        var patient = Self.patient()
        patient.planFile = StoredPlanFile(planID: "itbs", yaml: "id: itbs\nnames: x\n")
        let file = try #require(Self.refusal(patient))
        #expect(file.en.contains("plan_file:1:1: missing required key region"), "\(file.en)")
        #expect(
            file.nl.contains("plan_file:1:1: verplichte sleutel region ontbreekt"), "\(file.nl)")
        var morning = PlanOverrides()
        morning.thresholds.morningSafeMax = 6
        let tuned = try #require(Self.refusal(Self.patient(overrides: morning)))
        #expect(tuned.en.contains("morning: safe_max 6 is above limit 5"), "\(tuned.en)")
        #expect(tuned.nl.contains("morning: safe_max 6 ligt boven limit 5"), "\(tuned.nl)")
    }

    @Test func aSessionFasterThanABodyGoesAndAStartTimeOffItsDate() throws {
        let rocket = Session(
            date: Self.start.adding(days: 1), activity: .run, km: 30, minutes: 20, painDuring: 0,
            painAfter: 0)
        let fast = try #require(Self.refusal(Self.patient(sessions: [rocket])))
        #expect(fast.en.hasPrefix("patient \"Sam\", session 1 (2026-01-06): "))
        #expect(fast.nl.hasPrefix("patiënt \"Sam\", sessie 1 (2026-01-06): "))
        #expect(fast.nl != fast.en)
        var late = Session(
            date: Self.start.adding(days: 1), activity: .run, km: 5, minutes: 30, painDuring: 0,
            painAfter: 0)
        late.startTime = "2026-01-09T07:00:00Z"
        let off = try #require(Self.refusal(Self.patient(sessions: [late])))
        #expect(
            off.en.contains("session 1 (2026-01-06), start_time: 2026-01-09T07:00:00Z is not on"))
        #expect(
            off.nl.contains("sessie 1 (2026-01-06), start_time: 2026-01-09T07:00:00Z valt in geen"))
    }

    @Test func noPlanNoLog() throws {
        let walk = Session(
            date: Self.start, activity: .walk, minutes: 30, painDuring: 1, painAfter: 1)
        let text = try #require(
            Self.refusal(ArchivedPatient(name: "Sam", sessions: [walk])))
        #expect(
            text.en
                == "patient \"Sam\", session 1 (2026-01-05): no plan assigned (log needs a plan)")
        #expect(
            text.nl
                == "patiënt \"Sam\", sessie 1 (2026-01-05): geen plan toegewezen (loggen kan alleen met een plan)"
        )
    }
}
