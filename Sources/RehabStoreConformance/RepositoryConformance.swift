// The behaviour every `RehabRepository` must have, written once for all implementations: the
// SQLite store runs it (RehabStoreTests, in memory and on a file) and the PostgreSQL store
// the same checks (RehabPostgresTests, a fresh clinic database per repository, as a physio login). It imports no test framework, so any test target can run it: each
// check throws a `ConformanceFailure` that names what differed.
//
// Imports RehabCore, RehabFiles and RehabStorage only.

import RehabCore
import RehabFiles
import RehabStorage

/// Makes a fresh, empty repository. A check may call it more than once (an archive is read
/// back into a second repository); each call must give one that shares nothing with the others.
public typealias RepositoryFactory = @Sendable () throws -> any RehabRepository

/// What a check found that the protocol does not allow.
public struct ConformanceFailure: Error, Hashable, CustomStringConvertible, Sendable {
    public var check: String
    public var message: String
    public var description: String { "\(check): \(message)" }
}

/// One behaviour of the protocol, runnable against any implementation.
public struct ConformanceCheck: Sendable, CustomStringConvertible {
    public let name: String
    let body: @Sendable (Probe) throws -> Void

    public var description: String { name }

    /// Runs the check on repositories from `make`; throws `ConformanceFailure` when the
    /// repository does not behave as the protocol says (or any error it did not expect).
    public func run(_ make: @escaping RepositoryFactory) throws {
        try body(Probe(check: name, make: make))
    }
}

/// What a check works with: the factory and the ways to say what went wrong.
struct Probe {
    let check: String
    let make: RepositoryFactory

    func fail(_ message: String) -> ConformanceFailure {
        ConformanceFailure(check: check, message: message)
    }

    func expect(_ condition: Bool, _ message: @autoclosure () -> String) throws {
        if !condition { throw fail(message()) }
    }

    func expectEqual<T: Equatable>(_ found: T, _ expected: T, _ what: String) throws {
        if found != expected { throw fail("\(what): expected \(expected), found \(found)") }
    }

    /// The call must throw exactly `expected`.
    func expectError<E: Error & Equatable>(
        _ expected: E, _ what: String, _ body: () throws -> Void
    ) throws {
        do {
            try body()
        } catch let error as E {
            try expectEqual(error, expected, what)
            return
        } catch {
            throw fail("\(what): expected \(expected), it threw \(error)")
        }
        throw fail("\(what): expected \(expected), it did not throw")
    }

    /// The call must throw a `ValidationError` about `field`.
    func expectInvalid(_ field: String, _ what: String, _ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as ValidationError {
            try expectEqual(error.field, field, "\(what): the refused field")
            return
        } catch {
            throw fail("\(what): expected a ValidationError on \(field), it threw \(error)")
        }
        throw fail("\(what): expected a ValidationError on \(field), it did not throw")
    }

    /// The call must throw, whatever the error.
    func expectRefused(_ what: String, _ body: () throws -> Void) throws {
        do {
            try body()
        } catch {
            return
        }
        throw fail("\(what): expected a refusal, it did not throw")
    }
}

/// The checks, in the order of the protocol's sections.
public enum RepositoryConformance {
    public static let checks: [ConformanceCheck] = [
        ConformanceCheck(
            name: "patients listed by name, case ignored, then id", body: patientOrder),
        ConformanceCheck(name: "a name is stored once, case ignored", body: duplicateNames),
        ConformanceCheck(name: "a bad name is refused and nothing stored", body: badName),
        ConformanceCheck(name: "rename, archive and delete", body: renameArchiveDelete),
        ConformanceCheck(name: "an unknown patient is refused everywhere", body: unknownPatient),
        ConformanceCheck(name: "plan assignment round trip", body: assignmentRoundTrip),
        ConformanceCheck(name: "one plan at a time", body: onePlanAtATime),
        ConformanceCheck(name: "phase changes and overrides need a plan", body: planNeeded),
        ConformanceCheck(name: "plan files are kept with the plan", body: planFiles),
        ConformanceCheck(name: "sessions by date then order stored", body: sessionOrder),
        ConformanceCheck(name: "sessions updated and deleted by id", body: sessionEdits),
        ConformanceCheck(name: "a bad session is refused and nothing stored", body: badSession),
        ConformanceCheck(name: "history between two days, both included", body: historyRange),
        ConformanceCheck(name: "history of a judging window", body: judgingWindow),
        ConformanceCheck(
            name: "a judging window reaches back to settled responses", body: settlingWindow),
        ConformanceCheck(name: "one morning check per date", body: morningChecks),
        ConformanceCheck(name: "flag clearings round trip", body: clearings),
        ConformanceCheck(name: "one discharge per patient, replaced", body: discharges),
        ConformanceCheck(name: "changes since the last note, counted", body: reviewChanges),
        ConformanceCheck(name: "a patient list's reviews in one call", body: reviewRecords),
        ConformanceCheck(name: "shoes: order, unique names, km", body: shoes),
        ConformanceCheck(name: "imported runs: duplicates skipped, all or nothing", body: runs),
        ConformanceCheck(name: "the roster reads every patient at once", body: roster),
        ConformanceCheck(name: "export and import round trip", body: archiveRoundTrip),
        ConformanceCheck(name: "an import that fails stores nothing", body: importAllOrNothing),
        ConformanceCheck(name: "an import piece by piece is one transaction", body: pieces),
    ]

    // MARK: - Fixtures

    static let day0 = Day(iso: "2026-03-02") ?? Day(number: 0)

    static func day(_ offset: Int) -> Day { day0.adding(days: offset) }

    static func assignment(plan: String = "achilles", phases: [(String, Int)] = [("rest", 0)])
        -> Assignment
    {
        Assignment(
            planID: plan, variantID: nil, startDate: day(0), startingWeeklyKm: 12.5,
            phaseHistory: phases.enumerated().map { index, phase in
                PhaseChange(
                    phase: phase.0, date: day(phase.1), reason: index == 0 ? .start : .advance)
            })
    }

    static func run(_ offset: Int, km: Double = 5, pain: Int = 1, shoe: String? = nil) -> Session {
        Session(
            date: day(offset), activity: .run, km: km, minutes: Int(km * 6), painDuring: pain,
            painAfter: pain, shoe: shoe, note: "run \(offset)")
    }

    /// The session as stored: the id it got.
    static func stored(_ session: Session, id: Int64) -> Session {
        var s = session
        s.id = id
        return s
    }

    // MARK: - Patients

    static func patientOrder(_ p: Probe) throws {
        let repo = try p.make()
        let carl = try repo.addPatient(name: "Carl", language: .en)
        let anna = try repo.addPatient(name: "anna", language: .nl)
        let bob = try repo.addPatient(name: "Bob")
        try p.expect(Set([carl.id, anna.id, bob.id]).count == 3, "each patient gets its own id")
        try p.expectEqual(try repo.patients().map(\.name), ["anna", "Bob", "Carl"], "order")
        try p.expectEqual(try repo.patients(), [anna, bob, carl], "records read back")
        try p.expectEqual(anna.language, .nl, "language")
        try p.expectEqual(bob.language, nil, "no language")
        try p.expectEqual(bob.archived, false, "a new patient is not archived")
    }

    static func duplicateNames(_ p: Probe) throws {
        let repo = try p.make()
        _ = try repo.addPatient(name: "École Noord")
        try p.expectError(StoreError.duplicatePatient("école noord"), "same name, other case") {
            _ = try repo.addPatient(name: "école noord")
        }
        let other = try repo.addPatient(name: "Amstel")
        try p.expectError(StoreError.duplicatePatient("ÉCOLE NOORD"), "renamed onto a name") {
            try repo.renamePatient(id: other.id, to: "ÉCOLE NOORD")
        }
        try p.expectEqual(try repo.patients().map(\.name), ["Amstel", "École Noord"], "kept")
        // Renaming a patient to their own name in another case is no clash.
        try repo.renamePatient(id: other.id, to: "AMSTEL")
        try p.expectEqual(try repo.patients().map(\.name), ["AMSTEL", "École Noord"], "renamed")
    }

    static func badName(_ p: Probe) throws {
        let repo = try p.make()
        try p.expectInvalid("name", "an empty name") { _ = try repo.addPatient(name: "  ") }
        try p.expectInvalid("name", "a name of 101 letters") {
            _ = try repo.addPatient(name: String(repeating: "a", count: 101))
        }
        let kept = try repo.addPatient(name: "Kept")
        try p.expectInvalid("name", "renamed to nothing") {
            try repo.renamePatient(id: kept.id, to: "")
        }
        try p.expectEqual(try repo.patients(), [kept], "what is stored")
    }

    static func renameArchiveDelete(_ p: Probe) throws {
        let repo = try p.make()
        let anna = try repo.addPatient(name: "Anna")
        let bob = try repo.addPatient(name: "Bob")
        try repo.renamePatient(id: anna.id, to: "Zoë")
        try repo.archivePatient(id: bob.id, archived: true)
        try p.expectEqual(try repo.patients().map(\.name), ["Zoë"], "archived ones left out")
        try p.expectEqual(
            try repo.patients(includeArchived: true).map(\.name), ["Bob", "Zoë"], "asked for")
        try p.expectEqual(
            try repo.patients(includeArchived: true).first?.archived, true, "Bob archived")
        try repo.archivePatient(id: bob.id, archived: false)
        try p.expectEqual(try repo.patients().map(\.name), ["Bob", "Zoë"], "back on the list")

        try repo.startPlan(patientID: bob.id, assignment())
        try repo.addSession(patientID: bob.id, run(1))
        try repo.deletePatient(id: bob.id)
        try p.expectEqual(try repo.patients(includeArchived: true).map(\.name), ["Zoë"], "deleted")
        try p.expectError(StoreError.unknownPatient("#\(bob.id)"), "a deleted patient's log") {
            _ = try repo.history(patientID: bob.id)
        }
        // The name is free again, and the new patient starts with nothing.
        let again = try repo.addPatient(name: "Bob")
        try p.expectEqual(try repo.history(patientID: again.id), History(), "a new log")
        try p.expectEqual(try repo.assignment(patientID: again.id), nil, "no plan")
    }

    static func unknownPatient(_ p: Probe) throws {
        let repo = try p.make()
        let known = try repo.addPatient(name: "Known")
        let id = known.id + 1000
        let refused = StoreError.unknownPatient("#\(id)")
        let calls: [(String, () throws -> Void)] = [
            ("renamePatient", { try repo.renamePatient(id: id, to: "X") }),
            ("archivePatient", { try repo.archivePatient(id: id, archived: true) }),
            ("deletePatient", { try repo.deletePatient(id: id) }),
            ("assignment", { _ = try repo.assignment(patientID: id) }),
            ("startPlan", { try repo.startPlan(patientID: id, assignment()) }),
            ("planFile", { _ = try repo.planFile(patientID: id) }),
            (
                "addPhaseChange",
                {
                    try repo.addPhaseChange(
                        patientID: id, PhaseChange(phase: "x", date: day(1), reason: .advance))
                }
            ),
            ("setOverrides", { try repo.setOverrides(patientID: id, PlanOverrides()) }),
            ("history", { _ = try repo.history(patientID: id) }),
            (
                "history(from:through:)",
                { _ = try repo.history(patientID: id, from: day(0), through: day(9)) }
            ),
            (
                "history(window:)",
                {
                    _ = try repo.history(
                        patientID: id,
                        window: JudgingWindow(from: day(0), lookBack: 7, morningSafeMax: 3))
                }
            ),
            ("addSession", { try repo.addSession(patientID: id, run(0)) }),
            ("deleteSession", { try repo.deleteSession(patientID: id, id: 1) }),
            (
                "setMorningCheck",
                { try repo.setMorningCheck(patientID: id, MorningCheck(date: day(0), pain: 1)) }
            ),
            ("deleteMorningCheck", { try repo.deleteMorningCheck(patientID: id, date: day(0)) }),
            (
                "addClearing",
                { try repo.addClearing(patientID: id, FlagClearing(date: day(0), reason: "ok")) }
            ),
            ("shoes", { _ = try repo.shoes(patientID: id) }),
            ("addShoe", { try repo.addShoe(patientID: id, Shoe(name: "Pegasus")) }),
            ("shoeKm", { _ = try repo.shoeKm(patientID: id) }),
            ("importRuns", { _ = try repo.importRuns(patientID: id, []) }),
            ("runStartTimes", { _ = try repo.runStartTimes(patientID: id) }),
        ]
        for (name, call) in calls {
            try p.expectError(refused, name, call)
        }
        try p.expectEqual(try repo.patients(), [known], "nothing added on the way")
        try p.expectEqual(try repo.history(patientID: known.id), History(), "nor logged")
    }

    // MARK: - Plan

    static func assignmentRoundTrip(_ p: Probe) throws {
        let repo = try p.make()
        let anna = try repo.addPatient(name: "Anna")
        try p.expectEqual(try repo.assignment(patientID: anna.id), nil, "before a plan")
        var started = assignment(phases: [("rest", 0), ("build", 14)])
        started.variantID = "grade2"
        started.overrides = PlanOverrides(
            thresholds: ThresholdOverrides(painLimit: 4, sessionSpikePct: 25),
            phaseDays: ["rest": PhaseDays(minDays: 7, maxDays: 21)])
        try repo.startPlan(patientID: anna.id, started)
        try p.expectEqual(try repo.assignment(patientID: anna.id), started, "read back")

        // Phase changes come back by date, then in the order stored.
        let back = PhaseChange(phase: "rest", date: day(20), reason: .stepBack)
        let forward = PhaseChange(phase: "build", date: day(20), reason: .forced)
        let earlier = PhaseChange(phase: "rest", date: day(10), reason: .stepBack)
        try repo.addPhaseChange(patientID: anna.id, back)
        try repo.addPhaseChange(patientID: anna.id, forward)
        try repo.addPhaseChange(patientID: anna.id, earlier)
        try p.expectEqual(
            try repo.assignment(patientID: anna.id)?.phaseHistory,
            [started.phaseHistory[0], earlier, started.phaseHistory[1], back, forward],
            "phase history")

        let tuned = PlanOverrides(thresholds: ThresholdOverrides(weeklyIncreasePct: 5))
        try repo.setOverrides(patientID: anna.id, tuned)
        try p.expectEqual(try repo.assignment(patientID: anna.id)?.overrides, tuned, "overrides")
    }

    static func onePlanAtATime(_ p: Probe) throws {
        let repo = try p.make()
        let anna = try repo.addPatient(name: "Anna")
        let first = assignment(phases: [("rest", 0), ("build", 7)])
        try repo.startPlan(patientID: anna.id, first)
        try p.expectError(StoreError.planAlreadyStarted(patient: "Anna"), "a second plan") {
            try repo.startPlan(patientID: anna.id, assignment(plan: "mcl"))
        }
        try p.expectEqual(try repo.assignment(patientID: anna.id), first, "the first kept")
        let second = assignment(plan: "mcl", phases: [("protect", 0)])
        try repo.startPlan(patientID: anna.id, second, replacing: true)
        try p.expectEqual(try repo.assignment(patientID: anna.id), second, "replaced whole")
    }

    static func planNeeded(_ p: Probe) throws {
        let repo = try p.make()
        let anna = try repo.addPatient(name: "Anna")
        try p.expectError(StoreError.noPlan(patient: "Anna"), "a phase change without a plan") {
            try repo.addPhaseChange(
                patientID: anna.id, PhaseChange(phase: "rest", date: day(1), reason: .advance))
        }
        try p.expectError(StoreError.noPlan(patient: "Anna"), "overrides without a plan") {
            try repo.setOverrides(patientID: anna.id, PlanOverrides())
        }
        try p.expectEqual(try repo.assignment(patientID: anna.id), nil, "still no plan")
    }

    static func planFiles(_ p: Probe) throws {
        let repo = try p.make()
        let anna = try repo.addPatient(name: "Anna")
        let file = StoredPlanFile(planID: "achilles", yaml: "id: achilles\n# tuned\n")
        // The file must be the assignment's plan: refused, and nothing of either stored.
        try p.expectRefused("a plan file of another plan") {
            try repo.startPlan(
                patientID: anna.id, assignment(plan: "mcl"),
                planFile: StoredPlanFile(planID: "other", yaml: "id: other\n"))
        }
        try p.expectEqual(try repo.assignment(patientID: anna.id), nil, "no plan after refusal")
        try p.expectEqual(try repo.planFile(patientID: anna.id), nil, "no file after refusal")

        try repo.startPlan(patientID: anna.id, assignment(), planFile: file)
        try p.expectEqual(try repo.planFile(patientID: anna.id), file, "the file kept")
        try p.expectEqual(
            try repo.planSource(patientID: anna.id, assignment: assignment()), .file(file),
            "the plan comes from the file")
        // A catalogue plan started over it drops the file.
        try repo.startPlan(patientID: anna.id, assignment(plan: "mcl"), replacing: true)
        try p.expectEqual(try repo.planFile(patientID: anna.id), nil, "the file dropped")
        try p.expectEqual(
            try repo.planSource(patientID: anna.id, assignment: assignment(plan: "mcl")),
            .catalogue("mcl"), "the plan comes from the catalogue")
    }

    // MARK: - Log

    static func sessionOrder(_ p: Probe) throws {
        let repo = try p.make()
        let anna = try repo.addPatient(name: "Anna")
        let bob = try repo.addPatient(name: "Bob")
        let late = run(5, km: 6)
        let early = run(2, km: 4)
        let sameDay = Session(
            date: day(5), activity: .walk, km: 3, minutes: 40, painDuring: 0, painAfter: 2,
            lastedOver2h: true, flags: ["night_pain"], shoe: "Pegasus", note: "ging goed",
            calfRaises: 25, hopTest: 10, startTime: nil)
        let lateID = try repo.addSession(patientID: anna.id, late)
        let earlyID = try repo.addSession(patientID: anna.id, early)
        let sameDayID = try repo.addSession(patientID: anna.id, sameDay)
        try repo.addSession(patientID: bob.id, run(3))
        try p.expect(
            Set([lateID, earlyID, sameDayID]).count == 3, "each session gets its own id")
        try p.expectEqual(
            try repo.history(patientID: anna.id).sessions,
            [stored(early, id: earlyID), stored(late, id: lateID), stored(sameDay, id: sameDayID)],
            "by date, then order stored, every field read back")
        try p.expectEqual(try repo.history(patientID: bob.id).sessions.count, 1, "Bob's own")
    }

    static func sessionEdits(_ p: Probe) throws {
        let repo = try p.make()
        let anna = try repo.addPatient(name: "Anna")
        let bob = try repo.addPatient(name: "Bob")
        let id = try repo.addSession(patientID: anna.id, run(1))
        var changed = stored(run(1, km: 7, pain: 3), id: id)
        changed.note = "langer"
        try repo.updateSession(patientID: anna.id, changed)
        try p.expectEqual(try repo.history(patientID: anna.id).sessions, [changed], "updated")

        try p.expectError(RecordError.unknownSession(id), "another patient's session") {
            try repo.updateSession(patientID: bob.id, changed)
        }
        try p.expectError(RecordError.unknownSession(nil), "a session never stored") {
            try repo.updateSession(patientID: anna.id, run(1))
        }
        try p.expectError(RecordError.unknownSession(id + 99), "an unknown id") {
            try repo.deleteSession(patientID: anna.id, id: id + 99)
        }
        try p.expectError(RecordError.unknownSession(id), "deleting another's session") {
            try repo.deleteSession(patientID: bob.id, id: id)
        }
        try p.expectEqual(try repo.history(patientID: anna.id).sessions, [changed], "untouched")
        try repo.deleteSession(patientID: anna.id, id: id)
        try p.expectEqual(try repo.history(patientID: anna.id).sessions, [], "deleted")
    }

    static func badSession(_ p: Probe) throws {
        let repo = try p.make()
        let anna = try repo.addPatient(name: "Anna")
        let id = try repo.addSession(patientID: anna.id, run(1))
        try p.expectInvalid("pain_during", "pain 11") {
            try repo.addSession(patientID: anna.id, run(2, pain: 11))
        }
        try p.expectInvalid("km", "a negative distance") {
            try repo.addSession(patientID: anna.id, run(2, km: -1))
        }
        try p.expectInvalid("pain_after", "an update with pain after 12") {
            var bad = stored(run(1), id: id)
            bad.painAfter = 12
            try repo.updateSession(patientID: anna.id, bad)
        }
        try p.expectInvalid("pain", "a morning pain of -1") {
            try repo.setMorningCheck(patientID: anna.id, MorningCheck(date: day(1), pain: -1))
        }
        try p.expectEqual(
            try repo.history(patientID: anna.id),
            History(sessions: [stored(run(1), id: id)]), "the log as it was")
    }

    static func historyRange(_ p: Probe) throws {
        let repo = try p.make()
        let anna = try repo.addPatient(name: "Anna")
        var ids: [Int: Int64] = [:]
        for offset in [0, 3, 4, 7, 8] {
            ids[offset] = try repo.addSession(patientID: anna.id, run(offset))
            try repo.setMorningCheck(patientID: anna.id, MorningCheck(date: day(offset), pain: 1))
        }
        try repo.addClearing(patientID: anna.id, FlagClearing(date: day(4), reason: "physio"))
        try repo.addClearing(patientID: anna.id, FlagClearing(date: day(9), reason: "later"))
        let window = try repo.history(patientID: anna.id, from: day(3), through: day(7))
        try p.expectEqual(window.sessions.map(\.date), [day(3), day(4), day(7)], "sessions")
        try p.expectEqual(window.sessions.map(\.id), [ids[3], ids[4], ids[7]], "session ids")
        try p.expectEqual(window.mornings.map(\.date), [day(3), day(4), day(7)], "mornings")
        try p.expectEqual(window.clearings.map(\.reason), ["physio"], "clearings")
    }

    /// The rows `history(patientID:window:)` promises, on a log laid out so that each rule
    /// decides one row.
    static func judgingWindow(_ p: Probe) throws {
        let repo = try p.make()
        let anna = try repo.addPatient(name: "Anna")
        // Judging from day 30 with a look-back of 7: the rows from the first day read on,
        // and every flagged row and every clearing however old.
        var flagged = run(2)
        flagged.flags = ["swelling"]
        try repo.addSession(patientID: anna.id, flagged)
        try repo.addSession(patientID: anna.id, run(10))
        try repo.addSession(patientID: anna.id, run(29))
        try repo.addSession(patientID: anna.id, run(36))
        try repo.addSession(patientID: anna.id, run(45))
        try repo.setMorningCheck(
            patientID: anna.id, MorningCheck(date: day(1), pain: 2, flags: ["night_pain"]))
        try repo.setMorningCheck(patientID: anna.id, MorningCheck(date: day(20), pain: 1))
        try repo.setMorningCheck(patientID: anna.id, MorningCheck(date: day(26), pain: 1))
        try repo.setMorningCheck(patientID: anna.id, MorningCheck(date: day(31), pain: 0))
        try repo.addClearing(patientID: anna.id, FlagClearing(date: day(3), reason: "seen"))
        let window = try repo.history(
            patientID: anna.id, window: JudgingWindow(from: day(30), lookBack: 7, morningSafeMax: 3)
        )
        // Latest session on or before day 37 is day 36, so the first day read is 29; the
        // latest morning on or before 29 is day 26, so 26 opens the window (the morning of 31,
        // at 0, resolves every older worse response).
        try p.expectEqual(
            window.sessions.map(\.date), [day(2), day(29), day(36), day(45)], "sessions")
        try p.expectEqual(
            window.mornings.map(\.date), [day(1), day(26), day(31)], "morning checks")
        try p.expectEqual(window.clearings.map(\.date), [day(3)], "clearings")
    }

    /// How far back a window reads for worse responses that may still be unresolved (see
    /// `Engine.lowestMorningSafeMax`): down a chain of ever lower mornings from the window's
    /// lowest within `safe_max`, nothing when none is lower, everything when no morning is
    /// within `safe_max`; the roster reads the same rows.
    static func settlingWindow(_ p: Probe) throws {
        let repo = try p.make()
        let logs: [(name: String, runs: [Int], mornings: [(Int, Int)])] = [
            (
                "Anna", [0, 4, 9, 16, 29, 40],
                [(0, 2), (5, 3), (10, 1), (14, 4), (18, 2), (30, 5), (33, 3)]
            ),
            ("Bo", [1, 40], [(0, 5), (20, 6), (33, 5)]),
            ("Cy", [1, 40], [(0, 2), (20, 3), (33, 1)]),
        ]
        var patients: [PatientRecord] = []
        for log in logs {
            let patient = try repo.addPatient(name: log.name)
            patients.append(patient)
            for offset in log.runs { try repo.addSession(patientID: patient.id, run(offset)) }
            for (offset, pain) in log.mornings {
                try repo.setMorningCheck(
                    patientID: patient.id, MorningCheck(date: day(offset), pain: pain))
            }
        }
        // Each judged from day 41 with the first day read 33 (session 40 less 7, then the
        // morning of 33). Anna: the window's lowest morning within 3 is 3 (day 33); the chain
        // steps to day 18 (2; day 30 is 5), day 10 (1; day 14 is 4), and nothing before day
        // 10 is below 1: day 1 opens the window. Bo: no morning is within 3, so everything is
        // read. Cy: no morning before the window is below the window's 1: nothing older.
        let window = JudgingWindow(from: day(34), lookBack: 7, morningSafeMax: 3)
        let expected: [(sessions: [Int], mornings: [Int])] = [
            ([4, 9, 16, 29, 40], [5, 10, 14, 18, 30, 33]), ([1, 40], [0, 20, 33]), ([40], [33]),
        ]
        var alone: [History] = []
        for (patient, rows) in zip(patients, expected) {
            let history = try repo.history(patientID: patient.id, window: window)
            try p.expectEqual(
                history.sessions.map(\.date), rows.sessions.map(day), "\(patient.name)'s sessions")
            try p.expectEqual(
                history.mornings.map(\.date), rows.mornings.map(day), "\(patient.name)'s mornings")
            try repo.startPlan(patientID: patient.id, assignment())
            alone.append(history)
        }
        let rows = try repo.roster(includeArchived: false, today: day(41)) { _ in window }
        for (row, history) in zip(rows, alone) {
            guard case .window(let read) = row.log else {
                throw p.fail("\(row.entry.patient.name)'s row: expected a judging window")
            }
            try p.expectEqual(read, history, "\(row.entry.patient.name): as read alone")
        }
    }

    static func morningChecks(_ p: Probe) throws {
        let repo = try p.make()
        let anna = try repo.addPatient(name: "Anna")
        try p.expectEqual(
            try repo.setMorningCheck(patientID: anna.id, MorningCheck(date: day(2), pain: 3)),
            false, "a first check")
        try repo.setMorningCheck(patientID: anna.id, MorningCheck(date: day(1), pain: 1))
        let again = MorningCheck(date: day(2), pain: 5, flags: ["swelling"])
        try p.expectEqual(
            try repo.setMorningCheck(patientID: anna.id, again), true, "the same date again")
        try p.expectEqual(
            try repo.history(patientID: anna.id).mornings,
            [MorningCheck(date: day(1), pain: 1), again], "by date, the second replaced")
        try repo.deleteMorningCheck(patientID: anna.id, date: day(1))
        try repo.deleteMorningCheck(patientID: anna.id, date: day(9))
        try p.expectEqual(try repo.history(patientID: anna.id).mornings, [again], "deleted")
    }

    static func clearings(_ p: Probe) throws {
        let repo = try p.make()
        let anna = try repo.addPatient(name: "Anna")
        let second = FlagClearing(
            date: day(5), reason: "gezien door fysio",
            cleared: [FlagReport(flag: "swelling", date: day(3))])
        let first = FlagClearing(date: day(5), reason: "eerst")
        let earlier = FlagClearing(date: day(1), reason: "vroeg")
        try repo.addClearing(patientID: anna.id, first)
        try repo.addClearing(patientID: anna.id, second)
        try repo.addClearing(patientID: anna.id, earlier)
        try p.expectEqual(
            try repo.history(patientID: anna.id).clearings, [earlier, first, second],
            "by date, then order stored")
    }

    /// The store's count must be what the rule (RehabCore) gives over the whole log: no note,
    /// a note before some records (its own day counts), and a note after all of them.
    static func reviewChanges(_ p: Probe) throws {
        let repo = try p.make()
        let anna = try repo.addPatient(name: "Anna")
        func session(_ offset: Int, flags: [String] = []) -> Session {
            Session(
                date: day(offset), activity: .walk, minutes: 20, painDuring: 1, painAfter: 1,
                flags: flags)
        }
        try repo.addSession(patientID: anna.id, session(1))
        try repo.addSession(patientID: anna.id, session(3, flags: ["swelling"]))
        try repo.setMorningCheck(patientID: anna.id, MorningCheck(date: day(2), pain: 2))
        try repo.setMorningCheck(
            patientID: anna.id, MorningCheck(date: day(4), pain: 3, flags: ["swelling", "fever"]))
        try repo.addMeasurement(
            patientID: anna.id,
            MeasureRecord(
                date: day(2), instrument: "nprs", answers: [ItemAnswer(item: "pain", score: 4)]))
        func check(_ what: String) throws {
            let expected = ReviewChanges(
                notes: try repo.notes(patientID: anna.id),
                history: try repo.history(patientID: anna.id),
                measures: try repo.measurements(patientID: anna.id))
            try p.expectEqual(try repo.reviewChanges(patientID: anna.id), expected, what)
        }
        try check("without a note everything counts")
        try p.expect(
            try repo.reviewChanges(patientID: anna.id).sessions == 2, "both sessions are new")
        try repo.addNote(patientID: anna.id, ClinicalNote(date: day(3), text: "seen"))
        try check("a note on day 3: day 3 and later")
        try p.expect(
            try repo.reviewChanges(patientID: anna.id).redFlags.count == 3,
            "swelling on days 3 and 4, fever on day 4")
        try repo.addNote(patientID: anna.id, ClinicalNote(date: day(5), text: "all seen"))
        try check("a note after every record")
        try p.expect(
            !(try repo.reviewChanges(patientID: anna.id).isChanged), "nothing new after day 5")
        try p.expectRefused("an unknown patient") { _ = try repo.reviewChanges(patientID: 999_999) }
    }

    /// A patient list's reviews in one call: for each patient what the one-patient calls give
    /// (one with a note, flags, measures and a discharge, one without a note, one with
    /// nothing), each patient once however often named; an unknown patient refused.
    static func reviewRecords(_ p: Probe) throws {
        let repo = try p.make()
        let anna = try repo.addPatient(name: "Anna")
        let bram = try repo.addPatient(name: "Bram")
        let cas = try repo.addPatient(name: "Cas")
        func session(_ offset: Int, flags: [String] = []) -> Session {
            Session(
                date: day(offset), activity: .walk, minutes: 20, painDuring: 1, painAfter: 1,
                flags: flags)
        }
        func nprs(_ offset: Int, _ score: Int) -> MeasureRecord {
            MeasureRecord(
                date: day(offset), instrument: "nprs",
                answers: [ItemAnswer(item: "pain", score: score)])
        }
        try repo.addSession(patientID: anna.id, session(1, flags: ["fever"]))
        try repo.addSession(patientID: anna.id, session(3, flags: ["swelling"]))
        try repo.setMorningCheck(
            patientID: anna.id, MorningCheck(date: day(4), pain: 3, flags: ["fever"]))
        try repo.addMeasurement(patientID: anna.id, nprs(2, 4))
        try repo.addMeasurement(patientID: anna.id, nprs(5, 3))
        try repo.addNote(patientID: anna.id, ClinicalNote(date: day(3), text: "seen"))
        try repo.setDischarge(patientID: anna.id, Discharge(date: day(6), by: "Joke de Fysio"))
        try repo.addSession(patientID: bram.id, session(2, flags: ["giving_way"]))
        try repo.setMorningCheck(patientID: bram.id, MorningCheck(date: day(2), pain: 1))
        let records = try repo.reviewRecords(patientIDs: [cas.id, anna.id, bram.id, anna.id])
        try p.expectEqual(Set(records.keys), [anna.id, bram.id, cas.id], "one per patient")
        for patient in [anna, bram, cas] {
            let one = ReviewRecords(
                changes: try repo.reviewChanges(patientID: patient.id),
                measures: try repo.measurements(patientID: patient.id),
                discharge: try repo.discharge(patientID: patient.id))
            try p.expectEqual(records[patient.id], one, patient.name)
        }
        try p.expectEqual(
            records[anna.id]?.changes.redFlags.map(\.flag), ["swelling", "fever"],
            "the flags since the note on day 3, not the fever of day 1")
        try p.expectEqual(records[anna.id]?.measures.count, 2, "every measure, for the schedule")
        try p.expectEqual(records[cas.id]?.changes.isChanged, false, "nothing recorded")
        try p.expectEqual(try repo.reviewRecords(patientIDs: []), [:], "no patients")
        try p.expectRefused("an unknown patient") {
            _ = try repo.reviewRecords(patientIDs: [anna.id, 999_999])
        }
    }

    static func discharges(_ p: Probe) throws {
        let repo = try p.make()
        let anna = try repo.addPatient(name: "Anna")
        try p.expectEqual(try repo.discharge(patientID: anna.id), nil, "none before")
        let first = Discharge(date: day(40), by: "Joke de Fysio")
        try repo.setDischarge(patientID: anna.id, first)
        try p.expectEqual(try repo.discharge(patientID: anna.id), first, "round trip")
        let again = Discharge(date: day(90), by: "Piet", early: true)
        try repo.setDischarge(patientID: anna.id, again)
        try p.expectEqual(try repo.discharge(patientID: anna.id), again, "a later one replaces")
        try p.expectInvalid("discharged by", "an empty name") {
            try repo.setDischarge(patientID: anna.id, Discharge(date: day(91), by: "  "))
        }
        try p.expectEqual(try repo.discharge(patientID: anna.id), again, "nothing stored")
        try p.expectRefused("an unknown patient") {
            try repo.setDischarge(patientID: 999_999, first)
        }
    }

    // MARK: - Shoes and runs

    static func shoes(_ p: Probe) throws {
        let repo = try p.make()
        let anna = try repo.addPatient(name: "Anna")
        let pegasus = Shoe(name: "Pegasus", startKm: 100, retireKm: 600)
        let clifton = Shoe(name: "Clifton")
        try repo.addShoe(patientID: anna.id, pegasus)
        try repo.addShoe(patientID: anna.id, clifton)
        try p.expectError(RecordError.duplicateShoe("PEGASUS"), "the same shoe in capitals") {
            try repo.addShoe(patientID: anna.id, Shoe(name: "PEGASUS"))
        }
        try p.expectEqual(try repo.shoes(patientID: anna.id), [pegasus, clifton], "order added")
        try repo.addSession(patientID: anna.id, run(1, km: 5.25, shoe: "pegasus"))
        try repo.addSession(patientID: anna.id, run(2, km: 4.5, shoe: "Pegasus"))
        var walk = run(3, km: 8, shoe: "Pegasus")
        walk.activity = .walk
        walk.minutes = 100
        try repo.addSession(patientID: anna.id, walk)
        // 100 + 5.25 + 4.5 (the walk does not count); nothing on the Clifton yet.
        try p.expectEqual(
            try repo.shoeKm(patientID: anna.id), ["Pegasus": 109.75, "Clifton": 0], "km")
    }

    static func runs(_ p: Probe) throws {
        let repo = try p.make()
        let anna = try repo.addPatient(name: "Anna")
        try repo.addShoe(patientID: anna.id, Shoe(name: "Pegasus"))
        let monday = ImportedRun(session: run(1), startTime: "2026-03-03T07:00:00Z")
        let tuesday = ImportedRun(session: run(2), startTime: "2026-03-04T07:00:00Z")
        let first = try repo.importRuns(patientID: anna.id, [monday, monday])
        try p.expectEqual([first.added, first.duplicates], [1, 1], "twice in one batch")
        let second = try repo.importRuns(patientID: anna.id, [monday, tuesday])
        try p.expectEqual([second.added, second.duplicates], [1, 1], "stored before")
        let times = try repo.runStartTimes(patientID: anna.id)
        try p.expectEqual(
            times.values.sorted(), [monday.startTime, tuesday.startTime], "start times")
        let sessions = try repo.history(patientID: anna.id).sessions
        try p.expectEqual(
            Set(sessions.compactMap(\.id)), Set(times.keys), "keyed by the sessions' ids")

        // A new shoe that clashes refuses the whole batch.
        let wednesday = ImportedRun(session: run(3), startTime: "2026-03-05T07:00:00Z")
        try p.expectError(RecordError.duplicateShoe("pegasus"), "a clashing new shoe") {
            _ = try repo.importRuns(
                patientID: anna.id, [wednesday], newShoe: Shoe(name: "pegasus"))
        }
        try p.expectEqual(try repo.history(patientID: anna.id).sessions.count, 2, "no run added")
        let newShoe = Shoe(name: "Clifton")
        _ = try repo.importRuns(patientID: anna.id, [wednesday], newShoe: newShoe)
        try p.expectEqual(
            try repo.shoes(patientID: anna.id).map(\.name), ["Pegasus", "Clifton"], "shoe")
    }

    // MARK: - The whole collection

    static func roster(_ p: Probe) throws {
        let repo = try p.make()
        let carl = try repo.addPatient(name: "Carl")
        let anna = try repo.addPatient(name: "Anna")
        let gone = try repo.addPatient(name: "Bea")
        try repo.archivePatient(id: gone.id, archived: true)
        try repo.startPlan(patientID: anna.id, assignment())
        try repo.addSession(patientID: anna.id, run(4))
        try repo.addSession(patientID: carl.id, run(6))
        try repo.setMorningCheck(patientID: carl.id, MorningCheck(date: day(8), pain: 1))
        try repo.setMorningCheck(patientID: carl.id, MorningCheck(date: day(20), pain: 1))
        var asked: [String] = []
        let rows = try repo.roster(includeArchived: false, today: day(10)) { entry in
            asked.append(entry.patient.name)
            return JudgingWindow(from: day(0), lookBack: 7, morningSafeMax: 3)
        }
        try p.expectEqual(rows.map(\.entry.patient.name), ["Anna", "Carl"], "by name")
        try p.expectEqual(asked, ["Anna"], "the window asked for patients with a plan")
        try p.expectEqual(rows[0].entry.assignment, assignment(), "Anna's plan")
        guard case .window(let history) = rows[0].log else {
            throw p.fail("Anna's row: expected her judging window")
        }
        try p.expectEqual(
            history,
            try repo.history(
                patientID: anna.id,
                window: JudgingWindow(from: day(0), lookBack: 7, morningSafeMax: 3)),
            "the same rows as the one-patient read")
        guard case .lastLog(let last) = rows[1].log else {
            throw p.fail("Carl's row: expected his last log day")
        }
        // Day 20 is after today: the last log on or before today is the morning of day 8.
        try p.expectEqual(last, day(8), "Carl's last log")
        let all = try repo.roster(includeArchived: true, today: day(10)) { _ in nil }
        try p.expectEqual(all.map(\.entry.patient.name), ["Anna", "Bea", "Carl"], "archived too")
    }

    static func archiveRoundTrip(_ p: Probe) throws {
        let source = try p.make()
        let anna = try source.addPatient(name: "Anna", language: .nl)
        let bob = try source.addPatient(name: "Bob")
        try source.archivePatient(id: bob.id, archived: true)
        try source.startPlan(
            patientID: anna.id, assignment(phases: [("rest", 0), ("build", 9)]),
            planFile: StoredPlanFile(planID: "achilles", yaml: "id: achilles\n"))
        try source.addShoe(patientID: anna.id, Shoe(name: "Pegasus", startKm: 12))
        try source.addSession(patientID: anna.id, run(3, shoe: "Pegasus"))
        try source.addSession(patientID: anna.id, run(1))
        try source.setMorningCheck(
            patientID: anna.id, MorningCheck(date: day(2), pain: 2, flags: ["swelling"]))
        try source.addClearing(
            patientID: anna.id,
            FlagClearing(
                date: day(4), reason: "ok", cleared: [FlagReport(flag: "swelling", date: day(2))]))
        let discharged = Discharge(date: day(9), by: "Ann Physio", early: true)
        try source.setDischarge(patientID: anna.id, discharged)
        let archive = try source.exportAll()
        try p.expectEqual(archive.patients.map(\.name), ["Anna", "Bob"], "by id")
        try p.expectEqual(archive.patients[0].discharge, discharged, "the discharge is exported")
        try p.expect(
            archive.patients.allSatisfy { $0.sessions.allSatisfy { $0.id == nil } },
            "session ids are left out")

        let copy = try p.make()
        try copy.importAll(archive)
        try p.expectEqual(try copy.exportAll(), archive, "the copy exports the same")
        try p.expectEqual(
            try copy.patients(includeArchived: true).map(\.archived), [false, true], "archived")
        let copied = try copy.patients(includeArchived: true)[0]
        try p.expectEqual(
            try copy.discharge(patientID: copied.id), discharged, "the discharge is imported")
    }

    static func importAllOrNothing(_ p: Probe) throws {
        let source = try p.make()
        _ = try source.addPatient(name: "Anna")
        let dana = try source.addPatient(name: "Dana")
        try source.addSession(patientID: dana.id, run(1))
        let archive = try source.exportAll()

        let target = try p.make()
        let kept = try target.addPatient(name: "Dana")
        // Anna would go in first; Dana's name is taken, so neither is stored.
        try p.expectError(StoreError.duplicatePatient("Dana"), "a name already stored") {
            try target.importAll(archive)
        }
        try p.expectEqual(try target.patients(includeArchived: true), [kept], "nothing added")
        try p.expectEqual(try target.history(patientID: kept.id), History(), "nor logged")

        var bad = archive
        bad.patients[0].name = "Eve"
        bad.patients[1].name = "Fay"
        bad.patients[1].sessions[0].painDuring = 11
        try p.expectRefused("a session with pain 11") { try target.importAll(bad) }
        try p.expectEqual(try target.patients(includeArchived: true), [kept], "still nothing")

        var newer = archive
        newer.version = Archive.currentVersion + 1
        try p.expectRefused("an archive from a newer rehab") { try target.importAll(newer) }
        try p.expectEqual(try target.patients(includeArchived: true), [kept], "nothing at all")
    }

    static func pieces(_ p: Probe) throws {
        let source = try p.make()
        let anna = try source.addPatient(name: "Anna")
        try source.addSession(patientID: anna.id, run(1))
        try source.addSession(patientID: anna.id, run(2))
        let bob = try source.addPatient(name: "Bob")
        try source.setMorningCheck(patientID: bob.id, MorningCheck(date: day(1), pain: 1))
        let archive = try source.exportAll()
        // Anna in two pieces (her second holds one session), then Bob.
        var first = archive.patients[0]
        var rest = first
        first.sessions = [first.sessions[0]]
        rest.sessions = [rest.sessions[1]]
        let all = [
            ArchivePiece(patient: first),
            ArchivePiece(patient: rest, isFirst: false),
            ArchivePiece(patient: archive.patients[1]),
        ]

        let target = try p.make()
        var refused = all
        refused[2].patient.mornings[0].pain = 11
        var feed = refused.makeIterator()
        try p.expectRefused("a bad morning in the last piece") {
            _ = try target.importPieces({ feed.next() }, check: { _ in })
        }
        try p.expectEqual(try target.patients(includeArchived: true), [], "nothing after a refusal")

        struct Stop: Error {}
        feed = all.makeIterator()
        try p.expectRefused("a check that stops at Bob") {
            _ = try target.importPieces(
                { feed.next() }, check: { if $0.patient.name == "Bob" { throw Stop() } })
        }
        try p.expectEqual(try target.patients(includeArchived: true), [], "nothing after a stop")

        feed = all.makeIterator()
        let counts = try target.importPieces({ feed.next() }, check: { _ in })
        try p.expectEqual(
            [counts.patients, counts.sessions, counts.mornings], [2, 2, 1], "counts")
        try p.expectEqual(try target.exportAll(), archive, "the same as the one-piece import")
    }
}
