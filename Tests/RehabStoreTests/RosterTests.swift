import Foundation
import GRDB
import RehabCore
import Testing

@testable import RehabApp
@testable import RehabFiles
@testable import RehabSQLite
@testable import RehabStorage

// The physio's list read in bulk (PatientOverview.roster, one read of the store) must give the
// same rows as reading one patient at a time (PatientOverview.load), for a clinic of varied
// patients: long histories, variants and overrides, plan files, unknown plans, no plan, red
// flags open and cleared, archived patients, and a runner who stopped logging a year ago.
// The fixtures are computed, not stored globals: lazily initialised globals that read each
// other, reached from parallel tests, once hung the suite at 100 % CPU in swift_once.

private var rest: Phase {
    Phase(
        id: "rest", kind: .relativeRest, names: LocalizedText(nl: "Rust", en: "Rest"),
        minDays: 7, maxDays: 14, allowed: [.cycle, .walk], loadMetric: .minutes([.cycle]),
        exit: ExitCriteria(greenDays: 3, painFreeWalkMinutes: 30))
}
private var build: Phase {
    Phase(
        id: "build", kind: .loadBuildUp, names: LocalizedText(nl: "Opbouw", en: "Build-up"),
        minDays: 7, maxDays: 21, allowed: [.run, .cycle], loadMetric: .km, startingVolume: 8,
        exit: ExitCriteria(greenDays: 3, weeklyLoad: 12))
}
private var back: Phase {
    Phase(
        id: "back", kind: .returnToRunning, names: LocalizedText(nl: "Terug", en: "Return"),
        minDays: 0, maxDays: 42,
        runWalk: [
            RunWalkStep(runMinutes: 1, walkMinutes: 1, totalMinutes: 30, sessionsToPass: 2),
            RunWalkStep(runMinutes: 4, walkMinutes: 1, totalMinutes: 30, sessionsToPass: 2),
        ],
        exit: ExitCriteria(runWalkCompleted: true))
}
/// A catalogue plan with two variants; the severe one reads further back (no improvement in
/// 40 days), so patients on it get a wider window than the others.
private var knee: Plan {
    Plan(
        id: "roster_knee", names: LocalizedText(nl: "Knie", en: "Knee"), region: .knee,
        summary: LocalizedText(nl: "Voor tests.", en: "For tests."),
        variants: [
            Variant(
                id: "mild", names: LocalizedText(nl: "Licht", en: "Mild"), expectedWeeks: 4...6),
            Variant(
                id: "severe", names: LocalizedText(nl: "Ernstig", en: "Severe"),
                expectedWeeks: 8...12,
                phases: ["rest": PhaseOverride(minDays: 14, maxDays: 28)],
                thresholds: ThresholdOverrides(painSafeMax: 2, noImprovementDays: 40)),
        ],
        phases: [rest, build, back])
}
private var calf: Plan {
    Plan(
        id: "roster_calf", names: LocalizedText(nl: "Kuit", en: "Calf"), region: .calf,
        summary: LocalizedText(nl: "Voor tests.", en: "For tests."), phases: [build, back])
}
/// What a physio's plan file for the knee says: stricter pain rules and a shorter rest.
private let tunedYAML = "id: roster_knee\n# tuned: pain at most 1\n"
private var tuned: Plan {
    var plan = knee
    plan.thresholds = ThresholdOverrides(painSafeMax: 1, painLimit: 4)
    plan.phases[0].maxDays = 10
    return plan
}

private struct UnknownPlan: Error {}

/// The plans as the commands find them: the catalogue by id, the physio's file by its text.
private func template(_ source: PlanSource) throws -> Plan {
    switch source {
    case .catalogue(let id):
        guard let plan = [knee, calf].first(where: { $0.id == id }) else { throw UnknownPlan() }
        return plan
    case .file(let stored):
        guard stored.yaml == tunedYAML else { throw UnknownPlan() }
        return tuned
    }
}

private let today = day("2026-03-02")

private func started(
    _ plan: Plan, variant: String? = nil, on start: String, overrides: PlanOverrides = .init(),
    moves: [(String, String)] = []
) -> Assignment {
    Assignment(
        planID: plan.id, variantID: variant, startDate: day(start), overrides: overrides,
        phaseHistory: [PhaseChange(phase: plan.phases[0].id, date: day(start), reason: .start)]
            + moves.map { PhaseChange(phase: $0.0, date: day($0.1), reason: .advance) })
}

private func run(_ date: String, km: Double, pain: Int = 1, flags: [String] = []) -> Session {
    Session(
        date: day(date), activity: .run, km: km, minutes: Int(km * 6), painDuring: pain,
        painAfter: pain, flags: flags)
}

/// The clinic, and the names of the patients in it.
private func clinic() throws -> Store {
    let store = try Store.inMemory()
    func career(_ plan: Plan, variant: String?, seed: UInt64) -> DemoHistory.Story {
        let injury = DemoHistory.Injury(plan: plan.resolved(variant: variant), variant: variant)
        return DemoHistory.career(
            current: injury, injuries: [injury], years: 2, today: today, seed: seed)
    }
    var patients: [ArchivedPatient] = []
    // Two years of history on each variant; the second with an uncleared flag from 2024 that
    // only the older rows hold, and the physio's threshold overrides.
    let ada = career(knee, variant: "mild", seed: 3)
    patients.append(
        ArchivedPatient(
            name: "Ada", language: .nl, assignment: ada.assignment,
            sessions: ada.history.sessions, mornings: ada.history.mornings,
            clearings: ada.history.clearings, shoes: ada.shoes))
    var bo = career(knee, variant: "severe", seed: 4)
    bo.assignment.overrides = PlanOverrides(
        thresholds: ThresholdOverrides(painLimit: 6, weeklyIncreasePct: 8),
        phaseDays: ["build": PhaseDays(minDays: 10, maxDays: 30)])
    bo.history.sessions.append(
        Session(
            date: day("2024-06-03"), activity: .walk, minutes: 20, painDuring: 2, painAfter: 2,
            flags: [RedFlag.locking]))
    bo.history.mornings.removeAll { $0.date == day("2024-07-01") }
    bo.history.mornings.append(
        MorningCheck(date: day("2024-07-01"), pain: 2, flags: [RedFlag.givingWay]))
    patients.append(
        ArchivedPatient(
            name: "Bo", assignment: bo.assignment, sessions: bo.history.sessions,
            mornings: bo.history.mornings, clearings: bo.history.clearings))
    // The same two years on the physio's plan file.
    let cas = career(knee, variant: nil, seed: 5)
    patients.append(
        ArchivedPatient(
            name: "Cas", assignment: cas.assignment, sessions: cas.history.sessions,
            mornings: cas.history.mornings, clearings: cas.history.clearings,
            planFile: StoredPlanFile(planID: knee.id, yaml: tunedYAML)))
    // Dee's plan file is made stale below (another plan's): the catalogue's knee counts.
    patients.append(
        ArchivedPatient(
            name: "Dee",
            assignment: started(
                knee, variant: "mild", on: "2026-02-02", moves: [("build", "2026-02-16")]),
            sessions: [
                run("2026-02-17", km: 4), run("2026-02-20", km: 5, pain: 4),
                run("2026-02-24", km: 6), run("2026-03-01", km: 7.5, pain: 6),
            ],
            mornings: [
                MorningCheck(date: day("2026-02-20"), pain: 1),
                MorningCheck(date: day("2026-02-21"), pain: 3),
            ],
            planFile: StoredPlanFile(planID: knee.id, yaml: tunedYAML)))
    // No plan: one who logged, one who never did.
    patients.append(
        ArchivedPatient(
            name: "Eve", sessions: [run("2025-11-03", km: 5), run("2026-01-12", km: 6)],
            mornings: [MorningCheck(date: day("2026-01-20"), pain: 0)]))
    patients.append(ArchivedPatient(name: "Fay"))
    // Archived, on the calf plan, with a flag the doctor cleared.
    patients.append(
        ArchivedPatient(
            name: "Gus", archived: true, assignment: started(calf, on: "2026-01-05"),
            sessions: [
                run("2026-01-06", km: 3), run("2026-01-09", km: 3, flags: [RedFlag.fever]),
                run("2026-01-14", km: 3.5),
            ],
            clearings: [FlagClearing(date: day("2026-01-12"), reason: "Seen by the GP")]))
    // A plan the catalogue no longer has: a row without a status, but with its last log.
    patients.append(
        ArchivedPatient(
            name: "Hal",
            assignment: Assignment(
                planID: "retired_plan", variantID: nil, startDate: day("2025-10-01"),
                phaseHistory: [PhaseChange(phase: "a", date: day("2025-10-01"), reason: .start)]),
            sessions: [run("2025-10-02", km: 2)],
            mornings: [MorningCheck(date: day("2025-10-04"), pain: 2)]))
    // A red flag this week, not cleared: listed first.
    patients.append(
        ArchivedPatient(
            name: "Ivy", assignment: started(calf, on: "2026-02-09"),
            sessions: [
                run("2026-02-10", km: 4), run("2026-02-27", km: 4, flags: [RedFlag.locking]),
            ],
            mornings: [MorningCheck(date: day("2026-02-28"), pain: 5, flags: [RedFlag.fever])]))
    // Moved on by the physio last month, but nothing logged since March 2025.
    patients.append(
        ArchivedPatient(
            name: "Jo",
            assignment: started(
                knee, on: "2025-01-06", moves: [("build", "2025-01-20"), ("back", "2026-02-20")]),
            sessions: [run("2025-01-21", km: 5), run("2025-03-10", km: 8, pain: 4)],
            mornings: [
                MorningCheck(date: day("2025-01-08"), pain: 1),
                MorningCheck(date: day("2025-03-11"), pain: 3),
            ]))
    try store.importAll(Archive(patients: patients))
    try store.queue.write { db in
        try db.execute(
            sql: "UPDATE plan_file SET plan_id = ? WHERE patient_id ="
                + " (SELECT id FROM patient WHERE name = 'Dee')",
            arguments: [calf.id])
    }
    return store
}

/// One patient at a time, choosing the template as the commands do for one patient.
private func onePatientAtATime(_ store: Store, includeArchived: Bool, on day: Day) throws
    -> [PatientOverview]
{
    try store.patients(includeArchived: includeArchived).map { patient in
        try PatientOverview.load(patient, store: store, today: day) { patient, assignment in
            if let stored = try store.planFile(patientID: patient.id),
                stored.planID == assignment.planID
            {
                return try template(.file(stored))
            }
            return try template(.catalogue(assignment.planID))
        }
    }
}

private func describe(_ row: PatientOverview) -> String {
    let status = row.status.map { status in
        "\(status.phase.phase.id) day \(status.phase.day), \(status.verdict.level), "
            + "findings \(status.verdict.findings.map(\.code.rawValue))"
    }
    return "\(row.patient.name): plan \(row.plan?.id ?? "-"), \(status ?? "no status"), "
        + "last log \(row.lastLog?.iso ?? "never")"
}

@Test(arguments: [false, true])
func rosterGivesTheSameRowsAsOnePatientAtATime(includeArchived: Bool) throws {
    let store = try clinic()
    // Today, and days in the past, where later records exist and other phases were in force.
    for judged in [today, day("2026-02-18"), day("2026-01-10"), day("2025-06-30")] {
        var asked: [PlanSource] = []
        let bulk = try PatientOverview.roster(
            store: store, includeArchived: includeArchived, today: judged
        ) { source in
            asked.append(source)
            return try template(source)
        }
        let single = try onePatientAtATime(store, includeArchived: includeArchived, on: judged)
        #expect(bulk.map(\.patient) == single.map(\.patient))
        for (seen, expected) in zip(bulk, single) {
            // Compared whole (plan, status with every finding, last log); named when they differ.
            let same = seen == expected
            #expect(same, "\(judged.iso): \(describe(seen)) vs \(describe(expected))")
        }
        // Each template once: the knee, the calf, the physio's file and the retired plan.
        #expect(asked.count == Set(asked).count)
        #expect(
            Set(asked) == [
                .catalogue(knee.id), .catalogue(calf.id), .catalogue("retired_plan"),
                .file(StoredPlanFile(planID: knee.id, yaml: tunedYAML)),
            ])
    }
}

@Test func rosterRowsSayWhatThePhysioExpects() throws {
    let store = try clinic()
    let rows = try PatientOverview.roster(store: store, includeArchived: true, today: today) {
        try template($0)
    }
    let byName = Dictionary(uniqueKeysWithValues: rows.map { ($0.patient.name, $0) })
    #expect(
        rows.map(\.patient.name) == [
            "Ada", "Bo", "Cas", "Dee", "Eve", "Fay", "Gus", "Hal", "Ivy", "Jo",
        ])
    // The severe variant and the overrides are folded in; the file's plan is Cas's.
    #expect(
        byName["Bo"]?.plan
            == knee.resolved(
                variant: "severe", overrides: byName["Bo"]?.assignment?.overrides ?? .init()))
    #expect(byName["Cas"]?.plan == tuned.resolved(variant: nil))
    #expect(byName["Dee"]?.plan == knee.resolved(variant: "mild"))
    // Bo's flags from 2024 are still open; Gus's was cleared; Ivy's two are open.
    #expect(
        Set(byName["Bo"]?.status?.openFlags.map(\.flag) ?? []) == [
            RedFlag.locking, RedFlag.givingWay,
        ])
    #expect(byName["Gus"]?.openFlags == 0)
    #expect(byName["Gus"]?.status != nil)
    #expect(byName["Ivy"]?.openFlags == 2)
    #expect(byName["Ivy"]?.status?.verdict.level == .stop)
    // Rows the engine does not judge still say when the patient last logged.
    #expect(byName["Eve"]?.status == nil)
    #expect(byName["Eve"]?.lastLog == day("2026-01-20"))
    #expect(byName["Fay"]?.lastLog == nil)
    #expect(byName["Hal"]?.assignment?.planID == "retired_plan")
    #expect(byName["Hal"]?.plan == nil)
    #expect(byName["Hal"]?.status == nil)
    #expect(byName["Hal"]?.lastLog == day("2025-10-04"))
    // Jo's window reaches back a year to the last session; nothing logged lately.
    #expect(byName["Jo"]?.lastLog == day("2025-03-11"))
    #expect(byName["Jo"]?.status?.verdict.findings.contains { $0.code == .noRecentLog } == true)
    // Flagged first, then by name; archived only on request.
    #expect(PatientOverview.sorted(rows).prefix(2).map(\.patient.name) == ["Bo", "Ivy"])
    let active = try PatientOverview.roster(store: store, includeArchived: false, today: today) {
        try template($0)
    }
    #expect(!active.contains { $0.patient.name == "Gus" })
    #expect(active.count == 9)
}

@Test func rosterOfAnEmptyClinic() throws {
    let store = try Store.inMemory()
    var asked = 0
    let rows = try PatientOverview.roster(store: store, includeArchived: true, today: today) { _ in
        asked += 1
        return knee
    }
    #expect(rows.isEmpty)
    #expect(asked == 0)
}

@Test func flagListsReadWithoutTheDecoderAsTheDecoderReadsThem() throws {
    // What the store writes, and what it must leave to Foundation's decoder.
    let plain = [
        #"["fever"]"#, #"["fever","giving_way"]"#, #"["locking@2026-01-09","fever@2026-02-01"]"#,
        #"[""]"#, #"["knie ]"]"#, #"["zwelling, warm"]"#, "[\"\u{00E9}t\u{00E9} \u{1F3C3}\"]",
    ]
    for json in plain {
        let decoded = try JSONDecoder().decode([String].self, from: Data(json.utf8))
        #expect(RecordJSON.plainStrings(json) == decoded, "\(json)")
        #expect(try RecordJSON.flags(json: json) == decoded, "\(json)")
    }
    let others = [
        #"[ "fever" ]"#, #"["a\"b"]"#, #"["a\/b"]"#, #"["a",]"#, #"[,"a"]"#, #"[1]"#,
        #"["a"]]"#, #"["a""b"]"#, #"{"a":1}"#, "", "[",
    ]
    for json in others { #expect(RecordJSON.plainStrings(json) == nil, "\(json)") }
    #expect(try RecordJSON.flags(json: #"[ "fever", "a\/b" ]"#) == ["fever", "a/b"])
}

@Test func oldRedFlagsAndShoeKmAreFoundThroughTheirOwnIndexes() throws {
    // Reading every row of a clinic to find a handful of flags cost a third of the list; shoe
    // km for the app's first frame come from their index alone, no row of the log read.
    let store = try clinic()
    for (sql, index) in [
        (Store.flaggedSessionsSQL, "USING INDEX session_flagged"),
        (Store.flaggedMorningsSQL, "USING INDEX morning_check_flagged"),
        (Store.runKmByShoeSQL, "USING COVERING INDEX session_run_shoe"),
    ] {
        let plan = try store.queue.read { db in
            try Row.fetchAll(
                db, sql: "EXPLAIN QUERY PLAN " + sql.replacingOccurrences(of: "?", with: "1")
            ).map { $0["detail"] as String }
        }
        #expect(plan.contains { $0.contains(index) }, "\(plan)")
        #expect(!plan.contains { $0.contains("TEMP B-TREE") }, "\(plan)")
    }
}
