import Testing

@testable import RehabCore

/// A two-phase plan with sessions and exercises prescribed, for adherence.
/// rest: cycle 3 a week, one exercise once a day (the routine 7 times a week), cycle minutes,
/// floor 60. build: run 3 and strength 2 a week, exercises 3 and 2 a week (routine 3 a week), km.
private let seriesPlan = Plan(
    id: "series", names: LocalizedText(nl: "Reeks", en: "Series"), region: .knee,
    summary: LocalizedText(nl: "Voor tests.", en: "For tests."),
    phases: [
        Phase(
            id: "rest", kind: .relativeRest, names: LocalizedText(nl: "Rust", en: "Rest"),
            minDays: 3, exercises: [Prescription(exercise: "bridge", sets: 3, reps: 10, perDay: 1)],
            weeklySessions: [.cycle: 3], loadMetric: .minutes([.cycle]), startingVolume: 60),
        Phase(
            id: "build", kind: .loadBuildUp, names: LocalizedText(nl: "Opbouw", en: "Build"),
            minDays: 7,
            exercises: [
                Prescription(exercise: "squat", sets: 3, reps: 10, perWeek: 3),
                Prescription(exercise: "plank", sets: 3, holdSeconds: 30, perWeek: 2),
            ],
            weeklySessions: [.run: 3, .strength: 2], loadMetric: .km),
    ])

/// Start Wednesday 03-04 in rest, build from Thursday 03-12.
private let seriesAssignment = Assignment(
    planID: "series", variantID: nil, startDate: day("2026-03-04"),
    phaseHistory: [
        PhaseChange(phase: "rest", date: day("2026-03-04"), reason: .start),
        PhaseChange(phase: "build", date: day("2026-03-12"), reason: .advance),
    ])

private func session(_ date: String, _ activity: Activity, km: Double? = nil, minutes: Int = 30)
    -> Session
{
    Session(
        date: day(date), activity: activity, km: km, minutes: minutes, painDuring: 0,
        painAfter: 0)
}

private let seriesHistory = History(sessions: [
    session("2026-03-03", .cycle),  // before the start: load yes, adherence no
    session("2026-03-04", .cycle), session("2026-03-04", .exercises),
    session("2026-03-05", .exercises),
    session("2026-03-06", .cycle), session("2026-03-06", .exercises),
    session("2026-03-07", .cycle),
    session("2026-03-08", .run, km: 4),  // not asked in rest
    session("2026-03-09", .cycle), session("2026-03-09", .exercises),
    session("2026-03-10", .cycle),
    session("2026-03-11", .exercises),
    session("2026-03-12", .run, km: 5),
    session("2026-03-13", .exercises),
    session("2026-03-14", .strength),
    session("2026-03-16", .run, km: 4),
])

@Suite struct SeriesTests {
    let today = day("2026-03-17")

    /// Weeks worked out by hand from the rules (cap = max(min(last week, its cap) × 1.1, floor)):
    ///
    /// | week  | phase at end | load               | last week | cap             | over |
    /// | 03-02 | rest (min)   | 4 × 30 = 120 min   | 0         | floor 60        | yes  |
    /// | 03-09 | build (km)   | 5 km               | 4 km      | 4.4             | yes  |
    /// | 03-16 | build (km)   | 4 km (through Tue) | 5 km      | min(5, 4.4) × 1.1 = 4.84 | no |
    @Test func totalsAndCapsOverTheWholeHistory() {
        let series = Engine.series(
            plan: seriesPlan, assignment: seriesAssignment, history: seriesHistory, through: today)
        #expect(
            series.weeks.map(\.weekStart) == [
                day("2026-03-02"), day("2026-03-09"), day("2026-03-16"),
            ])
        #expect(series.weeks.map(\.load) == [120, 5, 4])
        #expect(series.weeks.map(\.metric) == [.minutes([.cycle]), .km, .km])
        let caps = series.weeks.map { $0.cap ?? -1 }
        for (cap, expected) in zip(caps, [60, 4.4, 4.84]) { #expect(abs(cap - expected) < 1e-9) }
        #expect(series.weeks.map(\.overCap) == [true, true, false])
        #expect(series.from == day("2026-03-02"))
        // The same weeks as Engine.weeks gives for a count of 3.
        #expect(
            series.weeks
                == Engine.weeks(
                    plan: seriesPlan, assignment: seriesAssignment, history: seriesHistory,
                    through: today, count: 3))
    }

    /// Adherence by hand (sevenths summed per counted day, rounded half up: (2n + 7) / 14):
    ///
    /// 03-02, Wed-Sun (5 days, rest): asked cycle 15/7 → 2, routine 35/7 → 5;
    ///   done cycle 3 → 2 (at most asked), exercises 3.
    /// 03-09, 3 rest + 4 build days: asked cycle 9/7 → 1, run 12/7 → 2, strength 8/7 → 1 = 4,
    ///   routine (21 + 12)/7 → 5; done cycle 1, run 1, strength 1 = 3, exercises 4.
    /// 03-16, Mon-Tue (2 build days): asked run 6/7 → 1, strength 4/7 → 1 = 2, routine 6/7 → 1;
    ///   done run 1, exercises 0.
    @Test func adherenceTable() {
        let series = Engine.series(
            plan: seriesPlan, assignment: seriesAssignment, history: seriesHistory, through: today)
        let rows = series.adherence.map {
            [
                $0.days, $0.sessionsPrescribed, $0.sessionsDone, $0.exercisesPrescribed,
                $0.exercisesDone,
            ]
        }
        #expect(rows == [[5, 2, 2, 5, 3], [7, 4, 3, 5, 4], [2, 2, 1, 1, 0]])
        #expect(series.adherence[1].sessionsShare == 0.75)
        #expect(series.adherence[1].exercisesShare == 0.8)
    }

    @Test func adherenceBeforeThePlanAsksNothing() {
        let a = Engine.adherence(
            plan: seriesPlan, assignment: seriesAssignment, history: seriesHistory,
            weekStart: day("2026-02-23"), today: today)
        #expect(a.days == 0)
        #expect(a.sessionsPrescribed == 0)
        #expect(a.sessionsShare == nil)
        #expect(a.exercisesShare == nil)
    }

    @Test func painPerDayWithTheNextMorning() {
        let history = History(
            sessions: [
                run("2026-03-02", km: 5, during: 2, after: 3),
                cycle("2026-03-02", during: 4, after: 1),
                cycle("2026-03-06"),
            ],
            mornings: [
                morning("2026-03-02", 5),  // belongs to 03-01, before the span
                morning("2026-03-03", 2),
                morning("2026-03-05", 1),  // after a rest day
                morning("2026-03-07", 3),  // tomorrow of the last day: not yet counted
            ])
        let pain = Engine.painSeries(
            history: history, from: day("2026-03-02"), through: day("2026-03-06"))
        #expect(
            pain == [
                DayPain(day: day("2026-03-02"), during: 4, after: 3, nextMorning: 2),
                DayPain(day: day("2026-03-04"), during: nil, after: nil, nextMorning: 1),
                DayPain(day: day("2026-03-06"), during: 0, after: 0, nextMorning: nil),
            ])
    }

    @Test func phaseBandsClippedToTheSpan() {
        let a = Assignment(
            planID: "series", variantID: nil, startDate: day("2026-03-04"),
            phaseHistory: [
                PhaseChange(phase: "rest", date: day("2026-03-04"), reason: .start),
                PhaseChange(phase: "build", date: day("2026-03-12"), reason: .advance),
                PhaseChange(phase: "rest", date: day("2026-03-20"), reason: .stepBack),
            ])
        #expect(
            Engine.phaseBands(
                plan: seriesPlan, assignment: a, from: day("2026-03-09"), through: day("2026-03-25")
            )
                == [
                    PhaseBand(
                        phase: "rest", kind: .relativeRest, from: day("2026-03-09"),
                        through: day("2026-03-11")),
                    PhaseBand(
                        phase: "build", kind: .loadBuildUp, from: day("2026-03-12"),
                        through: day("2026-03-19")),
                    PhaseBand(
                        phase: "rest", kind: .relativeRest, from: day("2026-03-20"),
                        through: day("2026-03-25")),
                ])
        // A span before the start shows nothing before it.
        #expect(
            Engine.phaseBands(
                plan: seriesPlan, assignment: a, from: day("2026-03-02"), through: day("2026-03-05")
            ).map(\.from) == [day("2026-03-04")])
    }

    /// N = 3: λ = 2 / 4 = 0.5.    e0 = 0.5 × 10 = 5
    ///                            e1 = 0.5 × 0 + 0.5 × 5 = 2.5
    ///                            e2 = 0.5 × 20 + 0.5 × 2.5 = 11.25
    /// N = 7: λ = 2 / 8 = 0.25.   e0 = 2.5; e1 = 0.75 × 2.5 = 1.875;
    ///                            e2 = 0.25 × 20 + 0.75 × 1.875 = 5 + 1.40625 = 6.40625
    @Test func ewmaByHand() {
        #expect(Engine.ewma([10, 0, 20], days: 3) == [5, 2.5, 11.25])
        #expect(Engine.ewma([10, 0, 20], days: 7) == [2.5, 1.875, 6.40625])
        #expect(Engine.ewma([], days: 7) == [])
    }

    /// 10 km every day from 02-02. With e(−1) = 0 a constant load L gives
    /// e(t) = L (1 − (1 − λ)^(t+1)). On day 28 (03-01, t = 27):
    ///   acute   = 10 (1 − 0.75^28)       = 10 (1 − 0.000317) = 9.99683
    ///   chronic = 10 (1 − (27/29)^28)    = 10 (1 − 0.135218) = 8.64782
    ///   ratio   = 9.99683 / 8.64782 ≈ 1.1560
    /// On day 27 (02-28) there are not 28 days yet: no ratio.
    @Test func acuteChronicRatioFromDay28() {
        let a = assignment(start: "2026-02-02", [("build", "2026-02-02")])
        let runs = (0..<28).map { i in
            Session(
                date: day("2026-02-02").adding(days: i), activity: .run, km: 10, minutes: 60,
                painDuring: 0, painAfter: 0)
        }
        let history = History(sessions: runs)
        let onDay27 = Engine.series(
            plan: testPlan, assignment: a, history: history, through: day("2026-02-28"), weeks: 1)
        #expect(onDay27.acuteChronic.points.count == 27)
        #expect(onDay27.acuteChronic.latest == nil)
        let onDay28 = Engine.series(
            plan: testPlan, assignment: a, history: history, through: day("2026-03-01"), weeks: 1)
        let ac = onDay28.acuteChronic
        #expect(ac.metric == .km)
        #expect(ac.points.count == 28)
        #expect(abs((ac.points.last?.acute ?? 0) - 9.99683) < 1e-4)
        #expect(abs((ac.points.last?.chronic ?? 0) - 8.64782) < 1e-4)
        #expect(abs((ac.latest ?? 0) - 1.1560) < 1e-3)
        #expect(ac.point(atMost: day("2026-02-28"))?.ratio == nil)
    }

    /// After a rest phase without running the chronic average is 0: no ratio rather than ∞.
    @Test func noRatioWithoutChronicLoad() {
        let a = assignment(start: "2026-02-02", [("build", "2026-02-02")])
        let series = Engine.series(
            plan: testPlan, assignment: a, history: History(), through: day("2026-03-10"))
        #expect(series.acuteChronic.points.count == 37)
        #expect(series.acuteChronic.points.allSatisfy { $0.ratio == nil })
        #expect(series.weeks.count == 6)  // weeks of 02-02 … 03-09
    }
}

@Suite struct PatientThresholdTests {
    /// plans/SCHEMA.md: default < plan < variant < phase < patient override. A phase that sets
    /// its own safe maximum still yields to the physio's value for this patient.
    @Test func patientOverridesBeatThePhase() {
        var plan = testPlan
        plan.phases[1].thresholds = ThresholdOverrides(painSafeMax: 2)
        let tuned = plan.resolved(
            variant: nil,
            overrides: PlanOverrides(thresholds: ThresholdOverrides(painSafeMax: 4, painLimit: 6)))
        #expect(tuned.thresholds(in: tuned.phases[1]).painSafeMax == 4)
        #expect(tuned.thresholds(in: tuned.phases[1]).painLimit == 6)
        #expect(tuned.thresholds(in: tuned.phases[0]).painSafeMax == 4)
        // Without overrides the phase's own value stands.
        let plain = plan.resolved(variant: nil)
        #expect(plain.thresholds(in: plain.phases[1]).painSafeMax == 2)
        #expect(plain.thresholds(in: plain.phases[0]).painSafeMax == 3)
    }
}
