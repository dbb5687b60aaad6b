import Foundation
import GRDB
import RehabCore
import Testing

@testable import RehabFiles
@testable import RehabSQLite

@Suite struct MigrationTests {
    @Test func freshDatabaseRunsEveryMigration() throws {
        let store = try Store.inMemory()
        let applied = try store.queue.read { try Schema.migrator.appliedMigrations($0) }
        #expect(
            applied == [
                "v1", "v2", "v3-plan-files", "v4-flag-indexes", "v5-measures-notes",
                "v6-phase-change-note", "v7-discharge", "v8-tally-checkpoint",
                "v9-morning-pain-index", "v10-run-shoe-index",
            ])
        #expect(Store.schemaVersion == 10)
        let tables = try store.queue.read { db in
            try String.fetchAll(
                db,
                sql: "SELECT name FROM sqlite_master WHERE type = 'table' "
                    + "AND name NOT LIKE 'grdb%' AND name NOT LIKE 'sqlite%' ORDER BY name")
        }
        #expect(
            tables == [
                "assignment", "clinical_note", "discharge", "flag_clearing", "measurement",
                "morning_check", "patient", "phase_change", "plan_file", "session", "shoe",
                "tally_checkpoint",
            ])
        let indexes = try store.queue.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index'")
        }
        #expect(indexes.contains("session_patient_date"))
        #expect(store.path == nil)
    }

    @Test func defaultPathFollowsXDG() {
        #expect(
            Store.defaultPath(environment: ["XDG_DATA_HOME": "/data/me", "HOME": "/home/me"])
                == "/data/me/rehab/rehab.sqlite")
        // A relative XDG_DATA_HOME is ignored, as the XDG spec says.
        #expect(
            Store.defaultPath(environment: ["XDG_DATA_HOME": "rel", "HOME": "/home/me"])
                == "/home/me/.local/share/rehab/rehab.sqlite")
        #expect(
            Store.defaultPath(environment: ["HOME": "/home/me/"])
                == "/home/me/.local/share/rehab/rehab.sqlite")
    }
}

@Suite struct PatientTests {
    @Test func addListRenameArchive() throws {
        let store = try Store.inMemory()
        let sam = try store.addPatient(name: "  Sam  ", language: .nl)
        let ann = try store.addPatient(name: "ann")
        #expect(sam.name == "Sam")
        #expect(try store.patients() == [ann, sam])
        try store.renamePatient(id: sam.id, to: "Samira")
        try store.archivePatient(id: ann.id, archived: true)
        #expect(try store.patients().map(\.name) == ["Samira"])
        let all = try store.patients(includeArchived: true)
        #expect(all.map(\.name) == ["ann", "Samira"])
        #expect(all.map(\.archived) == [true, false])
        #expect(all[1].language == .nl)
    }

    @Test func duplicateAndUnknownPatients() throws {
        let store = try Store.inMemory()
        let sam = try store.addPatient(name: "Sam")
        let ann = try store.addPatient(name: "Ann")
        #expect(throws: StoreError.duplicatePatient("SAM")) { try store.addPatient(name: "SAM") }
        #expect(throws: StoreError.duplicatePatient("sam")) {
            try store.renamePatient(id: ann.id, to: "sam")
        }
        // Renaming to a different case of one's own name is fine.
        try store.renamePatient(id: sam.id, to: "SAM")
        #expect(throws: StoreError.unknownPatient("#999")) { try store.history(patientID: 999) }
        #expect(throws: ValidationError.self) { try store.addPatient(name: "   ") }
    }

    @Test func deleteCascadesToEveryRow() throws {
        let store = try Store.inMemory()
        let keep = try store.addPatient(name: "Keep")
        try store.addSession(
            patientID: keep.id,
            Session(
                date: day("2026-03-01"), activity: .walk, minutes: 20, painDuring: 0,
                painAfter: 0))
        let gone = try store.importAllReturningID(trickyPatient)
        try store.deletePatient(id: gone)
        for table in [
            "assignment", "phase_change", "session", "morning_check", "flag_clearing",
            "shoe",
        ] {
            let count = try store.queue.read { db in
                try Int.fetchOne(
                    db, sql: "SELECT count(*) FROM \(table) WHERE patient_id = ?",
                    arguments: [gone])
            }
            #expect(count == 0, "\(table)")
        }
        #expect(try store.history(patientID: keep.id).sessions.count == 1)
        #expect(try store.patients().map(\.name) == ["Keep"])
    }
}

extension Store {
    /// Imports one patient and returns its id.
    func importAllReturningID(_ patient: ArchivedPatient) throws -> Int64 {
        try importAll(Archive(patients: [patient]))
        return try queue.read { db in
            try Int64.fetchOne(
                db, sql: "SELECT id FROM patient WHERE name = ?", arguments: [patient.name]) ?? -1
        }
    }
}

@Suite struct RecordTests {
    @Test func assignmentRoundTrip() throws {
        let store = try Store.inMemory()
        let p = try store.addPatient(name: "Sam")
        #expect(try store.assignment(patientID: p.id) == nil)
        let overrides = PlanOverrides(
            thresholds: ThresholdOverrides(painLimit: 4),
            phaseDays: ["calm_down": PhaseDays(maxDays: 14)])
        var a = Assignment(
            planID: "mcl", variantID: "grade_2", startDate: day("2026-02-02"),
            startingWeeklyKm: 15.75,
            phaseHistory: [PhaseChange(phase: "protect", date: day("2026-02-02"), reason: .start)])
        try store.startPlan(patientID: p.id, a)
        #expect(try store.assignment(patientID: p.id) == a)

        let change = PhaseChange(phase: "load", date: day("2026-02-16"), reason: .advance)
        try store.addPhaseChange(patientID: p.id, change)
        try store.setOverrides(patientID: p.id, overrides)
        a.phaseHistory.append(change)
        a.overrides = overrides
        #expect(try store.assignment(patientID: p.id) == a)
        #expect(try store.assignment(patientID: p.id)?.currentPhase?.phase == "load")

        let text = try store.queue.read { db in
            try String.fetchOne(db, sql: "SELECT overrides FROM assignment")
        }
        #expect(
            text == #"{"phase_days":{"calm_down":{"max_days":14}},"thresholds":{"pain_limit":4}}"#)
    }

    @Test func secondPlanNeedsReplacing() throws {
        let store = try Store.inMemory()
        let p = try store.addPatient(name: "Sam")
        let first = Assignment(
            planID: "itbs", variantID: nil, startDate: day("2026-01-01"),
            phaseHistory: [PhaseChange(phase: "a", date: day("2026-01-01"), reason: .start)])
        let second = Assignment(
            planID: "pfps", variantID: nil, startDate: day("2026-02-01"),
            phaseHistory: [PhaseChange(phase: "b", date: day("2026-02-01"), reason: .start)])
        #expect(throws: StoreError.noPlan(patient: "Sam")) {
            try store.setOverrides(patientID: p.id, PlanOverrides())
        }
        #expect(throws: StoreError.noPlan(patient: "Sam")) {
            try store.addPhaseChange(
                patientID: p.id, PhaseChange(phase: "a", date: day("2026-01-01"), reason: .start))
        }
        try store.startPlan(patientID: p.id, first)
        #expect(throws: StoreError.planAlreadyStarted(patient: "Sam")) {
            try store.startPlan(patientID: p.id, second)
        }
        #expect(try store.assignment(patientID: p.id) == first)
        try store.startPlan(patientID: p.id, second, replacing: true)
        #expect(try store.assignment(patientID: p.id) == second)
    }

    @Test func sessionsAddUpdateDelete() throws {
        let store = try Store.inMemory()
        let p = try store.addPatient(name: "Sam")
        var s = trickyPatient.sessions[0]
        let id = try store.addSession(patientID: p.id, s)
        s.id = id
        let second = try store.addSession(patientID: p.id, trickyPatient.sessions[1])
        #expect(second != id)
        var history = try store.history(patientID: p.id)
        #expect(history.sessions.first == s)
        var expectedSecond = trickyPatient.sessions[1]
        expectedSecond.id = second
        #expect(history.sessions.last == expectedSecond)

        s.painAfter = 5
        s.km = 8.5
        s.note = ""
        try store.updateSession(patientID: p.id, s)
        history = try store.history(patientID: p.id)
        #expect(history.sessions.first == s)

        try store.deleteSession(patientID: p.id, id: id)
        #expect(try store.history(patientID: p.id).sessions.map(\.id) == [second])
        #expect(throws: RecordError.unknownSession(id)) {
            try store.deleteSession(patientID: p.id, id: id)
        }
        #expect(throws: RecordError.unknownSession(id)) {
            try store.updateSession(patientID: p.id, s)
        }
        // Another patient's session id does not reach across.
        let ann = try store.addPatient(name: "Ann")
        #expect(throws: RecordError.unknownSession(second)) {
            try store.deleteSession(patientID: ann.id, id: second)
        }
    }

    @Test func badValuesThroughTheAPINameTheField() throws {
        let store = try Store.inMemory()
        let p = try store.addPatient(name: "Sam")
        let base = Session(
            date: day("2026-03-01"), activity: .run, km: 5, minutes: 30,
            painDuring: 1, painAfter: 1)
        var cases: [(Session, String)] = []
        var s = base
        s.painDuring = 11
        cases.append((s, "pain_during"))
        s = base
        s.minutes = 0
        cases.append((s, "minutes"))
        s = base
        s.km = 7.255
        cases.append((s, "km"))
        s = base
        s.km = 301
        cases.append((s, "km"))
        s = base
        s.note = String(repeating: "x", count: 2001)
        cases.append((s, "note"))
        s = base
        s.flags = ["Not A Flag"]
        cases.append((s, "flags"))
        for (session, field) in cases {
            let error = #expect(throws: ValidationError.self) {
                try store.addSession(patientID: p.id, session)
            }
            #expect(error?.field == field)
        }
        #expect(try store.history(patientID: p.id).sessions.isEmpty)
        #expect(throws: ValidationError.self) {
            try store.setMorningCheck(
                patientID: p.id, MorningCheck(date: day("2026-03-01"), pain: -1))
        }
        #expect(throws: ValidationError.self) {
            try store.addShoe(patientID: p.id, Shoe(name: "Old", retireKm: 900))
        }
    }

    @Test func morningCheckReplacesSameDate() throws {
        let store = try Store.inMemory()
        let p = try store.addPatient(name: "Sam")
        let d = day("2026-03-02")
        #expect(try store.setMorningCheck(patientID: p.id, MorningCheck(date: d, pain: 3)) == false)
        #expect(
            try store.setMorningCheck(
                patientID: p.id, MorningCheck(date: d, pain: 1, flags: ["locking"])) == true)
        #expect(
            try store.history(patientID: p.id).mornings == [
                MorningCheck(date: d, pain: 1, flags: ["locking"])
            ])
        try store.deleteMorningCheck(patientID: p.id, date: d)
        #expect(try store.history(patientID: p.id).mornings.isEmpty)
    }

    @Test func clearingsAndRangeQueries() throws {
        let store = try Store.inMemory()
        let p = try store.addPatient(name: "Sam")
        for n in 1...10 {
            let d = day("2026-03-01").adding(days: n - 1)
            try store.addSession(
                patientID: p.id,
                Session(date: d, activity: .walk, minutes: 10 * n, painDuring: 0, painAfter: 0))
            try store.setMorningCheck(patientID: p.id, MorningCheck(date: d, pain: n % 4))
        }
        try store.addClearing(
            patientID: p.id, FlagClearing(date: day("2026-03-04"), reason: "seen by GP"))
        try store.addClearing(
            patientID: p.id, FlagClearing(date: day("2026-03-09"), reason: "physio: ok"))
        let range = try store.history(
            patientID: p.id, from: day("2026-03-03"), through: day("2026-03-05"))
        #expect(range.sessions.map(\.minutes) == [30, 40, 50])
        #expect(range.mornings.map(\.pain) == [3, 0, 1])
        #expect(range.clearings == [FlagClearing(date: day("2026-03-04"), reason: "seen by GP")])
        #expect(try store.history(patientID: p.id).clearings.count == 2)
        // The range query reads the (patient_id, date) index, not the whole table.
        let plan = try store.queue.read { db in
            try Row.fetchAll(
                db,
                sql: "EXPLAIN QUERY PLAN SELECT * FROM session WHERE patient_id = 1 "
                    + "AND date BETWEEN '2026-03-03' AND '2026-03-05' ORDER BY date, id"
            ).map { $0["detail"] as String }.joined(separator: " | ")
        }
        #expect(plan.contains("session_patient_date"))
    }

    @Test func shoesAndTheirKilometres() throws {
        let store = try Store.inMemory()
        let p = try store.addPatient(name: "Sam")
        try store.addShoe(patientID: p.id, Shoe(name: "Pegasus", startKm: 120.5))
        try store.addShoe(patientID: p.id, Shoe(name: "Trail", startKm: 0, retireKm: 800))
        #expect(throws: RecordError.duplicateShoe("pegasus")) {
            try store.addShoe(patientID: p.id, Shoe(name: "pegasus"))
        }
        #expect(
            try store.shoes(patientID: p.id) == [
                Shoe(name: "Pegasus", startKm: 120.5, retireKm: 700),
                Shoe(name: "Trail", startKm: 0, retireKm: 800),
            ])
        let runs: [(Double, String?, Activity)] = [
            (7.25, "Pegasus", .run), (10, "pegasus", .run), (3, "Pegasus", .walk),
            (5.5, nil, .run), (12.2, "Trail", .run),
        ]
        for (km, shoe, activity) in runs {
            try store.addSession(
                patientID: p.id,
                Session(
                    date: day("2026-03-01"), activity: activity, km: km, minutes: 40,
                    painDuring: 0, painAfter: 0, shoe: shoe))
        }
        // 120.5 + 7.25 + 10 (the walk and the shoeless run do not count).
        #expect(try store.shoeKm(patientID: p.id) == ["Pegasus": 137.75, "Trail": 12.2])
    }

    /// Case is ignored for every letter, as the screens (`ShoeWear.km`) ignore it: "école" is
    /// the shoe "École", not a second one, and its runs count towards it.
    @Test func shoeNamesIgnoreCaseBeyondASCII() throws {
        let store = try Store.inMemory()
        let p = try store.addPatient(name: "Sam")
        try store.addShoe(patientID: p.id, Shoe(name: "École", startKm: 10))
        #expect(throws: RecordError.duplicateShoe("école")) {
            try store.addShoe(patientID: p.id, Shoe(name: "école"))
        }
        let run = Session(
            date: day("2026-03-01"), activity: .run, km: 5, minutes: 30, painDuring: 0,
            painAfter: 0, shoe: "école")
        try store.addSession(patientID: p.id, run)
        let shoes = try store.shoes(patientID: p.id)
        #expect(try store.shoeKm(patientID: p.id) == ["École": 15])
        #expect(ShoeWear.km(of: shoes[0], sessions: [run]) == 15)
    }
}

@Suite struct ConstraintTests {
    /// Rows written past the Swift checks, as a hand-run sqlite3 would.
    static let badRows: [String] = [
        "INSERT INTO session (patient_id, date, activity, minutes, pain_during, pain_after) "
            + "VALUES (1, '2026-03-01', 'run', 30, 11, 0)",
        "INSERT INTO session (patient_id, date, activity, minutes, pain_during, pain_after) "
            + "VALUES (1, '2026-03-01', 'run', 0, 1, 0)",
        "INSERT INTO session (patient_id, date, activity, minutes, pain_during, pain_after) "
            + "VALUES (1, '2026-3-01', 'run', 30, 1, 0)",
        "INSERT INTO session (patient_id, date, activity, minutes, pain_during, pain_after) "
            + "VALUES (1, '2026-02-30', 'run', 30, 1, 0)",
        "INSERT INTO session (patient_id, date, activity, minutes, pain_during, pain_after) "
            + "VALUES (1, '2026-13-01', 'run', 30, 1, 0)",
        "INSERT INTO session (patient_id, date, activity, minutes, pain_during, pain_after) "
            + "VALUES (1, '2026-03-01', 'jog', 30, 1, 0)",
        "INSERT INTO session (patient_id, date, activity, minutes, pain_during, pain_after) "
            + "VALUES (1, '2026-03-01', 'run', 'thirty', 1, 0)",
        "INSERT INTO session (patient_id, date, activity, km, minutes, pain_during, pain_after) "
            + "VALUES (1, '2026-03-01', 'run', 7.255, 30, 1, 0)",
        "INSERT INTO session (patient_id, date, activity, km, minutes, pain_during, pain_after) "
            + "VALUES (1, '2026-03-01', 'run', -1, 30, 1, 0)",
        "INSERT INTO session (patient_id, date, activity, minutes, pain_during, pain_after, "
            + "lasted_over_2h) VALUES (1, '2026-03-01', 'run', 30, 1, 0, 2)",
        "INSERT INTO session (patient_id, date, activity, minutes, pain_during, pain_after, flags) "
            + "VALUES (1, '2026-03-01', 'run', 30, 1, 0, 'fever')",
        "INSERT INTO session (patient_id, date, activity, minutes, pain_during, pain_after, note) "
            + "VALUES (1, '2026-03-01', 'run', 30, 1, 0, printf('%.2001c', 'x'))",
        "INSERT INTO session (patient_id, date, activity, minutes, pain_during, pain_after) "
            + "VALUES (99, '2026-03-01', 'run', 30, 1, 0)",
        "INSERT INTO morning_check (patient_id, date, pain) VALUES (1, '2026-03-01', 11)",
        "INSERT INTO morning_check (patient_id, date, pain) VALUES (1, '2026-03-02', 1)",
        "INSERT INTO shoe (patient_id, name, retire_km) VALUES (1, 'Old', 900)",
        "INSERT INTO shoe (patient_id, name) VALUES (1, 'PEGASUS')",
        "INSERT INTO phase_change (patient_id, phase_id, date, reason) "
            + "VALUES (1, 'x', '2026-03-01', 'because')",
        "INSERT INTO patient (name) VALUES ('sam')",
        "INSERT INTO patient (name, language) VALUES ('Bo', 'de')",
        "INSERT INTO assignment (patient_id, plan_id, start_date, overrides) "
            + "VALUES (1, 'itbs', '2026-03-01', 'not json')",
    ]

    @Test(arguments: badRows)
    func rejectsBadRow(_ sql: String) throws {
        let store = try Store.inMemory()
        let p = try store.addPatient(name: "Sam")
        try store.setMorningCheck(patientID: p.id, MorningCheck(date: day("2026-03-02"), pain: 2))
        try store.addShoe(patientID: p.id, Shoe(name: "Pegasus"))
        let before = try store.exportAll()
        #expect(throws: DatabaseError.self) {
            try store.queue.write { try $0.execute(sql: sql) }
        }
        #expect(try store.exportAll() == before)
    }

    @Test func acceptsAGoodRawRow() throws {
        // The CHECKs are not so strict that a valid row fails: guards the tests above.
        let store = try Store.inMemory()
        _ = try store.addPatient(name: "Sam")
        try store.queue.write { db in
            try db.execute(
                sql: "INSERT INTO session (patient_id, date, activity, km, minutes, pain_during, "
                    + "pain_after, flags, note) VALUES (1, '2024-02-29', 'aqua_jog', 7.25, 1440, "
                    + "10, 0, '[\"fever\"]', printf('%.2000c', 'x'))")
        }
        let s = try store.history(patientID: 1).sessions
        #expect(s.map(\.km) == [7.25])
        #expect(s.map(\.note.count) == [2000])
    }
}
