import RehabCore
import Testing

@testable import RehabApp
@testable import RehabFiles
@testable import RehabSQLite
@testable import RehabStorage

// A long phase is judged from a stored checkpoint of its tallies (TallyCheckpoint) instead of
// from its first day. The answers must be exactly those of the whole log, on generated years of
// logs and through every way the checkpoint can go stale.

private let rest = Phase(
    id: "rest", kind: .relativeRest, names: LocalizedText(nl: "Rust", en: "Rest"),
    minDays: 7, maxDays: 14, allowed: [.cycle, .walk], loadMetric: .minutes([.cycle]),
    exit: ExitCriteria(greenDays: 3, painFreeWalkMinutes: 30))
private let build = Phase(
    id: "build", kind: .loadBuildUp, names: LocalizedText(nl: "Opbouw", en: "Build-up"),
    minDays: 7, maxDays: 28, allowed: [.run, .cycle, .strength], loadMetric: .km,
    startingVolume: 8, exit: ExitCriteria(greenDays: 4, weeklyLoad: 14, hopTest: 20))
private let full = Phase(
    id: "full", kind: .returnToRunning, names: LocalizedText(nl: "Volledig", en: "Full"),
    minDays: 14, maxDays: 60, allowed: [.run, .cycle, .strength], loadMetric: .km,
    startingVolume: 10, exit: ExitCriteria(greenDays: 5, weeklyLoad: 18, calfRaises: 25))
private let plan = Plan(
    id: "checkpoint_knee", names: LocalizedText(nl: "Knie", en: "Knee"), region: .knee,
    summary: LocalizedText(nl: "Voor tests.", en: "For tests."), phases: [rest, build, full])

/// A small seeded generator (xorshift), so a failing seed replays exactly.
private struct Seeded {
    var state: UInt64
    init(_ seed: UInt64) { state = seed &* 0x9E37_79B9_7F4A_7C15 | 1 }
    mutating func below(_ n: Int) -> Int {
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
        return Int(state % UInt64(n))
    }
    mutating func chance(_ percent: Int) -> Bool { below(100) < percent }
}

/// Years of a patient in one long phase (the plan's first, second or final), logged most days
/// with mostly low pain, now and then a bad day, a test or a flag that was cleared.
private func generated(seed: UInt64) -> (Assignment, History, Day) {
    var rng = Seeded(seed)
    let start = day("2024-01-08").adding(days: rng.below(60))
    let phase = plan.phases[rng.below(3)]
    var changes = [PhaseChange(phase: "rest", date: start, reason: .start)]
    if phase.id != "rest" {
        changes.append(PhaseChange(phase: "build", date: start.adding(days: 14), reason: .advance))
    }
    if phase.id == "full" {
        changes.append(PhaseChange(phase: "full", date: start.adding(days: 40), reason: .advance))
    }
    let assignment = Assignment(
        planID: plan.id, variantID: nil, startDate: start, phaseHistory: changes)
    let today = changes[changes.count - 1].date.adding(days: 250 + rng.below(400))
    var history = History()
    var d = start
    while d <= today {
        if rng.chance(70) {
            let pain = rng.chance(85) ? rng.below(3) : 3 + rng.below(5)
            history.mornings.append(MorningCheck(date: d, pain: pain))
        }
        if rng.chance(65) {
            let allowed =
                Engine.phaseAt(d, assignment: assignment).flatMap {
                    plan.phases[plan.phaseIndex($0.phase) ?? 0].allowed
                } ?? [.walk]
            let activity = rng.chance(15) ? Activity.walk : allowed[rng.below(allowed.count)]
            let hurt = rng.chance(8)
            history.sessions.append(
                Session(
                    date: d, activity: activity,
                    km: activity == .run ? Double(1 + rng.below(6)) : nil,
                    minutes: 15 + rng.below(50),
                    painDuring: hurt ? 4 + rng.below(4) : rng.below(3),
                    painAfter: hurt ? 3 + rng.below(4) : rng.below(3),
                    flags: rng.chance(1) ? [RedFlag.locking] : [],
                    calfRaises: rng.chance(5) ? 10 + rng.below(25) : nil,
                    hopTest: rng.chance(5) ? 10 + rng.below(20) : nil))
        }
        if history.sessions.last?.flags.isEmpty == false, history.sessions.last?.date == d {
            history.clearings.append(FlagClearing(date: d.adding(days: 2), reason: "examined"))
        }
        d = d.adding(days: 1)
    }
    history.clearings.removeAll { $0.date > today }
    // Some stopped logging a few weeks ago, but for one day: their green streak reaches back
    // past a checkpoint made a fortnight before today.
    if rng.chance(40) {
        let quiet = today.adding(days: -24)
        let kept = today.adding(days: -12)
        history.sessions.removeAll { $0.date > quiet && $0.date != kept }
        history.mornings.removeAll { $0.date > quiet && $0.date != kept }
    }
    return (assignment, history, today)
}

private func stored(_ assignment: Assignment, _ history: History) throws -> (Store, PatientRecord) {
    let store = try Store.inMemory()
    try store.importAll(
        Archive(patients: [
            ArchivedPatient(
                name: "Long", assignment: assignment, sessions: history.sessions,
                mornings: history.mornings, clearings: history.clearings)
        ]))
    return (store, try #require(try store.patients().first))
}

/// The status `rehab status` gives (window, stored checkpoint) and the one over the whole log.
private func both(_ store: Store, _ patient: PatientRecord, on day: Day) throws
    -> (windowed: Status, whole: Status, followed: FollowedPlan)
{
    let followed = try #require(
        try FollowedPlan.load(patient, from: store, judging: day) { _ in plan })
    let whole = Engine.status(
        plan: plan, assignment: followed.assignment,
        history: try store.history(patientID: patient.id), today: day)
    return (followed.status(on: day), whole, followed)
}

@Suite struct CheckpointTests {
    /// 40 generated patients, each judged on three days months apart: the first makes a
    /// checkpoint from the whole phase, the later ones read it and make newer ones from the
    /// window. Every status equals the whole log's.
    @Test func theSameStatusAsTheWholeLog() throws {
        var checkpointed = 0
        for seed in UInt64(1)...40 {
            let (assignment, history, today) = generated(seed: seed)
            let (store, patient) = try stored(assignment, history)
            for judged in [today.adding(days: -100), today.adding(days: -45), today] {
                let before = try store.tallyCheckpoint(patientID: patient.id)
                let (windowed, whole, followed) = try both(store, patient, on: judged)
                #expect(windowed == whole, "seed \(seed), \(judged)")
                if before != nil {
                    checkpointed += 1
                    // Read from a checkpoint, the window no longer reaches the phase's start.
                    let phaseStart = assignment.phaseHistory[assignment.phaseHistory.count - 1].date
                    let first = followed.history.sessions.first { $0.flags.isEmpty }
                    #expect(first.map { $0.date > phaseStart.adding(days: 30) } ?? true)
                }
            }
        }
        // Most patients are judged from a checkpoint on their second and third day.
        #expect(checkpointed >= 40)
    }

    @Test func aCheckpointIsMadeOnceAndReadAfterwards() throws {
        let (assignment, history, today) = generated(seed: 7)
        let (store, patient) = try stored(assignment, history)
        #expect(try store.tallyCheckpoint(patientID: patient.id) == nil)
        let first = try both(store, patient, on: today)
        let kept = try #require(try store.tallyCheckpoint(patientID: patient.id))
        // The Sunday at least 14 days back.
        #expect(kept.through == today.adding(days: -14).weekStart.adding(days: -1))
        #expect(first.followed.checkpoint == kept)
        // The next run reads from the checkpoint on: months of log instead of the phase.
        let again = try both(store, patient, on: today)
        #expect(again.windowed == again.whole)
        #expect(try store.tallyCheckpoint(patientID: patient.id) == kept)
        let oldest = kept.through.adding(days: -200)
        #expect(
            again.followed.history.sessions.allSatisfy { $0.date > oldest || !$0.flags.isEmpty })
    }

    /// Without a stored checkpoint a long phase is brought forward a few months at a time
    /// (`catchUp`), never read from its start in one go; the status is the whole log's.
    @Test func aLongPhaseIsCaughtUpInSteps() throws {
        let (assignment, history, today) = generated(seed: 21)
        let (store, patient) = try stored(assignment, history)
        let phaseStart = assignment.phaseHistory[assignment.phaseHistory.count - 1].date
        #expect(phaseStart.days(to: today) > 300)
        let caught = try #require(
            try FollowedPlan.catchUp(
                patientID: patient.id, plan: plan, assignment: assignment, day: today,
                stored: nil, store: store))
        #expect(caught.through.days(to: today) <= 2 * FollowedPlan.catchUpStep + 7)
        #expect(try store.tallyCheckpoint(patientID: patient.id) == caught)
        // The same as one made from the whole log on that day.
        let whole = try store.history(patientID: patient.id)
        let direct = Engine.checkpoint(
            plan: plan, assignment: assignment, history: whole,
            today: caught.through.adding(days: 14).weekStart.adding(days: 7), existing: nil)
        #expect(direct == caught)
        let (windowed, wholeStatus, _) = try both(store, patient, on: today)
        #expect(windowed == wholeStatus)
    }

    /// A session, morning check or clearing dated on or before the guard day drops the
    /// checkpoint (a trigger, whoever writes); later ones keep it.
    @Test func anEditOfWhatItCountedDropsIt() throws {
        let (assignment, history, today) = generated(seed: 11)
        let (store, patient) = try stored(assignment, history)
        _ = try both(store, patient, on: today)
        let kept = try #require(try store.tallyCheckpoint(patientID: patient.id))
        let after = kept.guardDay.adding(days: 1)
        _ = try store.addSession(
            patientID: patient.id,
            Session(date: after, activity: .cycle, minutes: 20, painDuring: 1, painAfter: 1))
        #expect(try store.tallyCheckpoint(patientID: patient.id) == kept)
        // A back-dated bad session inside the checkpoint: it must count.
        let inside = kept.through.adding(days: -3)
        _ = try store.addSession(
            patientID: patient.id,
            Session(
                date: inside, activity: .walk, minutes: 45, painDuring: 1, painAfter: 1,
                hopTest: 95))
        #expect(try store.tallyCheckpoint(patientID: patient.id) == nil)
        let (windowed, whole, _) = try both(store, patient, on: today)
        #expect(windowed == whole)
        let writes: [(String, () throws -> Void)] = [
            (
                "morning",
                {
                    try store.setMorningCheck(
                        patientID: patient.id, MorningCheck(date: inside, pain: 9))
                }
            ),
            (
                "clearing",
                {
                    try store.addClearing(
                        patientID: patient.id, FlagClearing(date: inside, reason: "x"))
                }
            ),
            (
                "deleted morning",
                { try store.deleteMorningCheck(patientID: patient.id, date: inside) }
            ),
        ]
        for (name, write) in writes {
            _ = try both(store, patient, on: today)
            #expect(try store.tallyCheckpoint(patientID: patient.id) != nil, "\(name): made again")
            try write()
            #expect(try store.tallyCheckpoint(patientID: patient.id) == nil, "\(name) drops it")
            let (windowed, whole, _) = try both(store, patient, on: today)
            #expect(windowed == whole, "\(name)")
        }
    }

    /// A checkpoint made for another tuning, phase or plan is not read; nor one that ends on or
    /// after the judged day (REHAB_TODAY set back).
    @Test func aStaleCheckpointIsNotRead() throws {
        let (assignment, history, today) = generated(seed: 3)
        let (store, patient) = try stored(assignment, history)
        _ = try both(store, patient, on: today)
        let kept = try #require(try store.tallyCheckpoint(patientID: patient.id))
        // Judged the day it ends, and the day before: it is not read.
        for judged in [kept.through, kept.through.adding(days: -1)] {
            let (windowed, whole, _) = try both(store, patient, on: judged)
            #expect(windowed == whole)
        }
        // The checkpoint of another plan: the tuning changed what the phase asks.
        var tuned = assignment
        tuned.overrides.phaseDays[
            assignment.phaseHistory[assignment.phaseHistory.count - 1].phase] = PhaseDays(
                maxDays: 400)
        let tunedPlan = plan.resolved(variant: nil, overrides: tuned.overrides)
        #expect(
            Engine.checkpointKey(plan: tunedPlan, assignment: tuned)
                != Engine.checkpointKey(plan: plan, assignment: assignment))
        let lied = TallyCheckpoint(
            key: kept.key, through: kept.through, walk: 999, week: 999, hop: 999, calf: 999,
            greenStreak: 99, completion: kept.through)
        let window = try store.history(
            patientID: patient.id,
            window: JudgingWindow(
                plan: tunedPlan, assignment: tuned, judging: today, checkpoint: lied))
        #expect(
            Engine.status(
                plan: tunedPlan, assignment: tuned, history: window, today: today, checkpoint: lied)
                == Engine.status(
                    plan: tunedPlan, assignment: tuned,
                    history: try store.history(patientID: patient.id), today: today))
        // The same key is read: this is what makes the key matter.
        #expect(
            Engine.status(
                plan: plan, assignment: assignment, history: window, today: today,
                checkpoint: lied
            ).readiness.criteria.contains { $0.current == 999 })
    }

    /// `rehab import` of an export judges the patients it added once, so the checkpoint is
    /// made there; a patient it did not add is left alone.
    @Test func anArchiveImportJudgesThePatientsItAdded() throws {
        let (assignment, history, today) = generated(seed: 7)
        let (store, patient) = try stored(assignment, history)
        let counts = RecordCounts()
        ArchiveImport.judge(
            ArchiveImport.Imported(counts: counts, names: [Naming.key("Other")]), in: store,
            today: today
        ) { _ in plan }
        #expect(try store.tallyCheckpoint(patientID: patient.id) == nil)
        ArchiveImport.judge(
            ArchiveImport.Imported(counts: counts, names: [Naming.key("long")]), in: store,
            today: today
        ) { _ in plan }
        #expect(try store.tallyCheckpoint(patientID: patient.id) != nil)
    }
}
