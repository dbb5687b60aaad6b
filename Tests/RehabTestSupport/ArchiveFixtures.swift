import RehabCore
import RehabFiles

/// The archive fixtures the file-format tests and the store tests share: runners whose records
/// trip up CSV and JSON.
public enum ArchiveFixtures {
    /// A runner with every kind of record, including text that trips up CSV and JSON (the
    /// file formats write and read it; RehabStoreTests imports it into a store).
    public static var trickyPatient: ArchivedPatient {
        var patient = trickyPatientRecords
        patient.discharge = Discharge(
            date: day("2026-03-20"), by: "Ann \"AJ\" de Wit, PT", early: true)
        return patient
    }

    public static let trickyPatientRecords = ArchivedPatient(
        name: "Zoë d'Ancona, \"Zo\"", language: .nl, archived: false,
        assignment: Assignment(
            planID: "itbs", variantID: "acute", startDate: day("2026-01-05"),
            startingWeeklyKm: 12.5,
            overrides: PlanOverrides(
                thresholds: ThresholdOverrides(painSafeMax: 2, weeklyIncreasePct: 7.5),
                phaseDays: ["build_up": PhaseDays(minDays: 10, maxDays: 28)],
                exercises: [
                    "build_up": [Prescription(exercise: "clamshell", sets: 3, reps: 15, perWeek: 3)]
                ],
                runWalk: ["return": [RunWalkStep(runMinutes: 1, walkMinutes: 1, totalMinutes: 30)]]),
            phaseHistory: [
                PhaseChange(phase: "calm_down", date: day("2026-01-05"), reason: .start),
                PhaseChange(phase: "build_up", date: day("2026-01-19"), reason: .advance),
            ]),
        sessions: [
            Session(
                date: day("2026-01-20"), activity: .run, km: 7.25, minutes: 48, painDuring: 2,
                painAfter: 3, lastedOver2h: false, flags: [], shoe: "Gel-Kayano, 30",
                note: "Hij zei \"au\", daarna\n7,5 km gewandeld\r\nnaar huis — pijn 3/10 😬",
                startTime: "2026-01-20T06:59:60Z"),
            Session(
                id: 42, date: day("2026-01-21"), activity: .cycle, km: nil, minutes: 30,
                painDuring: 0, painAfter: 1, lastedOver2h: true, flags: ["fever", "giving_way"],
                shoe: nil, note: "=SUM(A1:A9) is not a formula here", calfRaises: 25, hopTest: 10),
            Session(
                date: day("2026-01-21"), activity: .exercises, minutes: 15, painDuring: 1,
                painAfter: 1, note: "'quoted' start, trailing space "),
        ],
        mornings: [
            MorningCheck(date: day("2026-01-21"), pain: 2),
            MorningCheck(date: day("2026-01-22"), pain: 4, flags: ["swelling_warmth_redness"]),
        ],
        clearings: [
            FlagClearing(date: day("2026-01-23"), reason: "Huisarts: mag door, \"rustig\"")
        ],
        shoes: [Shoe(name: "Gel-Kayano, 30", startKm: 120.5, retireKm: 650)],
        // A plan file as a physio might write it: comments, quotes, a formula-like line, CRLF.
        planFile: StoredPlanFile(
            planID: "itbs", yaml: "# tuned for Zoë\r\n-id: \"itbs\"\n=names: {nl: a, en: b}\n"))

    public static let plainPatient = ArchivedPatient(
        name: "-Sam", language: nil, archived: true,
        sessions: [
            Session(
                date: day("2026-02-01"), activity: .walk, km: 3, minutes: 40, painDuring: 0,
                painAfter: 0)
        ])

    private static func day(_ iso: String) -> Day {
        guard let d = Day(iso: iso) else { fatalError("bad test date \(iso)") }
        return d
    }
}
