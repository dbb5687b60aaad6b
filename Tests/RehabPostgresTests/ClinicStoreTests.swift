import Foundation
import RehabCore
import RehabFiles
import RehabStoreConformance
import Testing

@testable import RehabPostgres

/// A clinic set up once on a throwaway cluster (schema as the owner, physio ann, patient
/// logins pia and piet, the administration amy), copied into a fresh database for each store
/// a test asks for: `CREATE DATABASE … TEMPLATE` shares nothing with the other copies.
final class ClinicTemplate: @unchecked Sendable {
    let cluster: PostgresCluster
    private let lock = NSLock()
    private var copies = 0

    init() throws {
        cluster = try PostgresCluster()
        try cluster.expectOK(
            cluster.psql(
                "BEGIN;\n" + ClinicSchema.createRoles + "\n"
                    + ClinicSchema.migrations.joined(separator: "\n") + "\nCOMMIT;",
                as: cluster.owner))
        try cluster.expectOK(
            cluster.psql(
                [
                    try ClinicPeople.addPhysio("ann"), try ClinicPeople.addPhysio("bob"),
                    try ClinicPeople.addAdmin("amy"),
                    try ClinicPeople.addLogin("pia", to: "rehab_patient"),
                    try ClinicPeople.addLogin("piet", to: "rehab_patient"),
                ].joined(separator: "\n"), as: cluster.owner))
    }

    /// A new database with the clinic schema and no patients.
    func freshDatabase() throws -> String {
        let name = lock.withLock {
            copies += 1
            return "clinic_copy_\(copies)"
        }
        try cluster.expectOK(
            cluster.psql(
                "CREATE DATABASE \(name) TEMPLATE \(cluster.database) OWNER \(cluster.owner)",
                as: "rehab_super", database: "postgres"))
        return name
    }

    func url(_ login: String, database: String) throws -> ClinicURL {
        try ClinicURL(
            "postgresql://\(login)@/\(database)?host=\(cluster.socket)&port=\(cluster.port)")
    }

    func store(_ login: String, database: String, purpose: String = "test") throws -> ClinicStore {
        try ClinicStore(url(login, database: database), environment: [:], purpose: purpose)
    }

    func psql(_ sql: String, as role: String, database: String) throws -> [String] {
        try cluster.expectOK(cluster.psql(sql, as: role, database: database)).rows
    }
}

/// The storage protocol's conformance suite, the one the SQLite store passes, run against
/// `ClinicStore` connected as a physio (never the owner), a fresh database per repository.
@Suite(.enabled(if: PostgresCluster.available, Comment(rawValue: PostgresCluster.unavailable)))
struct ClinicConformanceTests {
    @Test func everyConformanceCheckPassesOnPostgreSQL() throws {
        let clinic = try ClinicTemplate()
        defer { clinic.cluster.stop() }
        var passed: [String] = []
        for check in RepositoryConformance.checks {
            do {
                try check.run { try clinic.store("ann", database: clinic.freshDatabase()) }
                passed.append(check.name)
            } catch {
                Issue.record("\(check.name): \(error)")
            }
        }
        #expect(passed.count == RepositoryConformance.checks.count)
        #expect(passed.count >= 22)
    }
}

/// What only the clinic store does: who it refuses to work as, what each login sees, and
/// the access log it writes.
@Suite(.enabled(if: PostgresCluster.available, Comment(rawValue: PostgresCluster.unavailable)))
struct ClinicStoreTests {
    @Test func refusesTheOwnerASuperuserAndLoginsWithoutADailyRole() throws {
        let clinic = try ClinicTemplate()
        defer { clinic.cluster.stop() }
        let db = try clinic.freshDatabase()
        #expect(throws: ClinicStore.Refusal.owner(login: clinic.cluster.owner)) {
            try clinic.store(clinic.cluster.owner, database: db)
        }
        #expect(throws: ClinicStore.Refusal.bypassesRowSecurity(login: "rehab_super")) {
            try clinic.store("rehab_super", database: db)
        }
        #expect(throws: ClinicStore.Refusal.noDailyRole(login: "amy", roles: ["rehab_admin"])) {
            try clinic.store("amy", database: db)
        }
        _ = try clinic.psql("CREATE ROLE stranger LOGIN", as: "rehab_super", database: db)
        #expect(throws: ClinicStore.Refusal.noDailyRole(login: "stranger", roles: [])) {
            try clinic.store("stranger", database: db)
        }
        // A database still at version 1 is refused until its owner runs init again.
        _ = try clinic.psql(
            "UPDATE rehab.meta SET value = '1' WHERE key = 'schema_version'",
            as: clinic.cluster.owner, database: db)
        #expect(throws: ClinicStore.Refusal.olderSchema(found: 1, needed: ClinicSchema.version)) {
            try clinic.store("ann", database: db)
        }
    }

    /// The server restarts under an open store (a fail-over, an upgrade): while it is down a
    /// call fails at once with a message, not a hang, and stores nothing; once it is back the
    /// next call connects again and works, and nothing is stored twice.
    @Test func aServerRestartFailsCallsClearlyAndTheNextCallConnectsAgain() throws {
        let clinic = try ClinicTemplate()
        defer { clinic.cluster.stop() }
        let db = try clinic.freshDatabase()
        let ann = try clinic.store("ann", database: db)
        let pia = try ann.addPatient(name: "Pia")
        try ann.startPlan(
            patientID: pia.id,
            Assignment(
                planID: "itbs", variantID: "acute", startDate: Day(iso: "2026-11-02")!,
                phaseHistory: [
                    PhaseChange(phase: "calm_down", date: Day(iso: "2026-11-02")!, reason: .start)
                ]))
        let session = Session(
            date: Day(iso: "2026-11-03")!, activity: .walk, minutes: 30, painDuring: 1,
            painAfter: 1)
        try clinic.cluster.pause()
        let started = ContinuousClock.now
        #expect(throws: ClinicConnection.Failure.self) {
            try ann.addSession(patientID: pia.id, session)
        }
        let waited = ContinuousClock.now - started
        #expect(waited < .seconds(15), "a call while the server was down took \(waited)")
        try clinic.cluster.resume()
        try ann.addSession(patientID: pia.id, session)
        #expect(try ann.history(patientID: pia.id).sessions.count == 1)
        #expect(
            try clinic.psql("SELECT count(*) FROM rehab.session", as: "rehab_super", database: db)
                == ["1"])
        print("server restart: the call while down failed after \(waited); the next one stored")
    }

    @Test func eachLoginSeesOnlyWhatItMay() throws {
        let clinic = try ClinicTemplate()
        defer { clinic.cluster.stop() }
        let db = try clinic.freshDatabase()
        let ann = try clinic.store("ann", database: db)
        let pia = try ann.addPatient(name: "Pia")
        let quinn = try ann.addPatient(name: "Quinn")
        _ = try clinic.psql(
            "UPDATE rehab.patient SET login = 'pia' WHERE id = \(pia.id)",
            as: clinic.cluster.owner, database: db)
        try ann.addSession(
            patientID: pia.id,
            Session(
                date: Day(iso: "2026-11-02")!, activity: .walk, minutes: 30, painDuring: 1,
                painAfter: 2))

        // The physio who added them sees both; another physio neither.
        #expect(try ann.patients().map(\.name) == ["Pia", "Quinn"])
        let bob = try clinic.store("bob", database: db)
        #expect(try bob.patients().isEmpty)
        #expect(throws: StoreError.unknownPatient("#\(pia.id)")) {
            try bob.history(patientID: pia.id)
        }
        #expect(throws: StoreError.unknownPatient("#\(pia.id)")) {
            try bob.addSession(
                patientID: pia.id,
                Session(
                    date: Day(iso: "2026-11-03")!, activity: .run, km: 3, minutes: 20,
                    painDuring: 0, painAfter: 0))
        }
        // Pia sees her own record and nobody else's, and may not add patients.
        let own = try clinic.store("pia", database: db)
        #expect(try own.patients().map(\.name) == ["Pia"])
        #expect(try own.history(patientID: pia.id).sessions.count == 1)
        #expect(throws: StoreError.unknownPatient("#\(quinn.id)")) {
            try own.history(patientID: quinn.id)
        }
        let refused = #expect(throws: ClinicConnection.Failure.self) {
            try own.addPatient(name: "Mallory")
        }
        #expect(refused?.description.contains("pia may not add patients") == true)
        #expect(refused?.reason == .mayNotAddPatients(login: "pia"))
        #expect(try ann.patients().map(\.name) == ["Pia", "Quinn"])
        // Her physio decides her care; she reads it (the front ends offer her no tuning).
        #expect(ann.readerDecidesCare && !own.readerDecidesCare)
        let note = #expect(throws: ClinicConnection.Failure.self) {
            try own.addNote(
                patientID: pia.id, ClinicalNote(date: Day(iso: "2026-11-03")!, text: "mine"))
        }
        #expect(note?.reason == .physioDecides(table: "clinical_note"))
        // Nor may she remove her own record (only a physio in her care team may).
        let notRemoved = #expect(throws: ClinicConnection.Failure.self) {
            try own.deletePatient(id: pia.id)
        }
        // A patient's login has no DELETE grant at all: the server's own refusal.
        #expect(notRemoved?.reason == .refused(message: "permission denied for table patient"))
        #expect(notRemoved?.code == "42501")
        // A name is taken in the whole practice, even where bob cannot see it.
        #expect(throws: StoreError.patientNameTaken("pia")) { try bob.addPatient(name: "pia") }
        // The reviews of a list are refused for a patient outside the login's care.
        #expect(throws: StoreError.unknownPatient("#\(pia.id)")) {
            try bob.reviewRecords(patientIDs: [pia.id])
        }
        // The list is read by the login's own patients first; a login in rehab_admin, whom the
        // policy shows every patient, still sees every one.
        _ = try clinic.psql("GRANT rehab_admin TO bob", as: clinic.cluster.owner, database: db)
        let bobAsAdmin = try clinic.store("bob", database: db)
        #expect(try bobAsAdmin.patients().map(\.name) == ["Pia", "Quinn"])
    }

    /// A read of a patient the login's last list showed skips the question whether the login
    /// may see them: a delete forgets the patient at once, the access log's care check
    /// refuses one removed elsewhere, and the next list forgets them.
    @Test func aListedPatientIsReadWithoutAskingAgainUntilTheNextList() throws {
        let clinic = try ClinicTemplate()
        defer { clinic.cluster.stop() }
        let db = try clinic.freshDatabase()
        let ann = try clinic.store("ann", database: db)
        let pia = try ann.addPatient(name: "Pia")
        let quinn = try ann.addPatient(name: "Quinn")
        let rosa = try ann.addPatient(name: "Rosa")
        try ann.addSession(
            patientID: quinn.id,
            Session(
                date: Day(iso: "2026-11-02")!, activity: .walk, minutes: 30, painDuring: 1,
                painAfter: 2))
        #expect(try ann.patients().map(\.name) == ["Pia", "Quinn", "Rosa"])
        #expect(try ann.history(patientID: quinn.id).sessions.count == 1)

        // Deleted by this store: refused at once.
        try ann.deletePatient(id: pia.id)
        #expect(throws: StoreError.unknownPatient("#\(pia.id)")) {
            try ann.history(patientID: pia.id)
        }
        // Deleted through another connection: the view's care check refuses the read, and
        // after the next list it is refused as unknown again.
        let other = try clinic.store("ann", database: db)
        try other.deletePatient(id: rosa.id)
        let refused = #expect(throws: ClinicConnection.Failure.self) {
            try ann.history(patientID: rosa.id)
        }
        #expect(refused?.description.contains("not in your care") == true)
        #expect(refused?.reason == .notInCare(patient: rosa.id))
        #expect(try ann.patients().map(\.name) == ["Quinn"])
        #expect(throws: StoreError.unknownPatient("#\(rosa.id)")) {
            try ann.history(patientID: rosa.id)
        }
        // Writes always ask.
        #expect(throws: StoreError.unknownPatient("#\(pia.id)")) {
            try ann.addSession(
                patientID: pia.id,
                Session(
                    date: Day(iso: "2026-11-03")!, activity: .walk, minutes: 20, painDuring: 0,
                    painAfter: 0))
        }
    }

    /// A patient login's import goes into the record the login owns: the file's plan where
    /// the record has none, and what the record has its own of (language, discharge, a shoe of
    /// the same name) kept and listed, as is the file's archived mark. Through the protocol a
    /// file of several patients and a login without a record are refused.
    @Test func aPatientsImportKeepsWhatTheRecordHasAndSaysSo() throws {
        let clinic = try ClinicTemplate()
        defer { clinic.cluster.stop() }
        let db = try clinic.freshDatabase()
        let ann = try clinic.store("ann", database: db)
        let pia = try ann.addPatient(name: "Pia", language: .nl)
        _ = try clinic.psql(
            "UPDATE rehab.patient SET login = 'pia' WHERE id = \(pia.id)",
            as: clinic.cluster.owner, database: db)
        try ann.addShoe(patientID: pia.id, Shoe(name: "Pegasus"))
        try ann.setDischarge(
            patientID: pia.id, Discharge(date: Day(iso: "2026-11-20")!, by: "Ann"))
        let day = Day(iso: "2026-11-02")!
        var file = ArchivedPatient(
            name: "Pia de Vries", language: .en, archived: true,
            assignment: Assignment(
                planID: "itbs", variantID: nil, startDate: day,
                phaseHistory: [PhaseChange(phase: "calm_down", date: day, reason: .start)]),
            sessions: [
                Session(
                    date: day.adding(days: 1), activity: .run, km: 3, minutes: 20, painDuring: 1,
                    painAfter: 1, shoe: "pegasus")
            ],
            shoes: [Shoe(name: "pegasus"), Shoe(name: "Kinvara")])
        file.discharge = Discharge(date: Day(iso: "2026-11-25")!, by: "Pia")
        let own = try clinic.store("pia", database: db)
        var pieces = Archive(patients: [file]).pieces.makeIterator()
        let moved = try own.moveIn({ pieces.next() }, check: { _ in })
        #expect(moved.fileName == "Pia de Vries" && moved.clinicName == "Pia")
        #expect(moved.counts.patients == 1 && moved.counts.sessions == 1)
        #expect(
            moved.kept == [
                .shoe("pegasus"), .language(file: .en, clinic: .nl),
                .discharge(file: Day(iso: "2026-11-25")!, clinic: Day(iso: "2026-11-20")!),
                .archived,
            ])
        // Into Pia's own row: no patient added, not archived, the clinic's values kept.
        #expect(try ann.patients(includeArchived: true).map(\.name) == ["Pia"])
        #expect(try ann.patients().first?.language == .nl)
        #expect(try own.assignment(patientID: pia.id)?.planID == "itbs")
        #expect(try ann.history(patientID: pia.id).sessions.map(\.shoe) == ["pegasus"])
        #expect(try ann.shoes(patientID: pia.id).map(\.name).sorted() == ["Kinvara", "Pegasus"])
        #expect(try ann.discharge(patientID: pia.id)?.date == Day(iso: "2026-11-20")!)

        let two = Archive(patients: [ArchivedPatient(name: "A"), ArchivedPatient(name: "B")])
        #expect(throws: ClinicStore.MoveInRefusal.severalPatients(first: "A", next: "B")) {
            try own.importAll(two)
        }
        #expect(throws: ClinicStore.MoveInRefusal.noOwnRecord(login: "piet")) {
            try clinic.store("piet", database: db).importAll(
                Archive(patients: [ArchivedPatient(name: "Piet")]))
        }
        // A record without a language takes the file's.
        let quinn = try ann.addPatient(name: "Quinn")
        _ = try clinic.psql(
            "UPDATE rehab.patient SET login = 'piet' WHERE id = \(quinn.id)",
            as: clinic.cluster.owner, database: db)
        try clinic.store("piet", database: db).importAll(
            Archive(patients: [ArchivedPatient(name: "Quinn", language: .en)]))
        #expect(try ann.patients().first { $0.id == quinn.id }?.language == .en)
    }

    @Test func readsAreLoggedOncePerStoreAndExportsEachTime() throws {
        let clinic = try ClinicTemplate()
        defer { clinic.cluster.stop() }
        let db = try clinic.freshDatabase()
        let ann = try clinic.store("ann", database: db, purpose: "status")
        let pia = try ann.addPatient(name: "Pia")
        let quinn = try ann.addPatient(name: "Quinn")
        try ann.addSession(
            patientID: pia.id,
            Session(
                date: Day(iso: "2026-11-02")!, activity: .walk, minutes: 30, painDuring: 1,
                painAfter: 2))
        func log(_ condition: String) throws -> [String] {
            try clinic.psql(
                "SELECT actor || ' ' || action || ' ' || what || ' ' || patient_id"
                    + " FROM rehab.access_log WHERE \(condition) ORDER BY id",
                as: "amy", database: db)
        }
        _ = try ann.assignment(patientID: pia.id)
        _ = try ann.history(patientID: pia.id)
        _ = try ann.measurements(patientID: pia.id)
        #expect(try log("action = 'view'") == ["ann view status \(pia.id)"])
        _ = try ann.roster(includeArchived: false, today: Day(iso: "2026-11-05")!) { _ in nil }
        #expect(
            try log("action = 'view'") == [
                "ann view status \(pia.id)", "ann view status \(quinn.id)",
            ])
        // The reviews beside a patient list: one view per patient and store, like any read.
        let list = try clinic.store("ann", database: db, purpose: "patients")
        _ = try list.reviewRecords(patientIDs: [quinn.id, pia.id])
        _ = try list.reviewRecords(patientIDs: [pia.id])
        #expect(
            try log("action = 'view' AND what = 'patients'") == [
                "ann view patients \(pia.id)", "ann view patients \(quinn.id)",
            ])
        // A new store (the next command) logs its own view.
        let later = try clinic.store("ann", database: db, purpose: "history")
        _ = try later.history(patientID: pia.id)
        #expect(try log("action = 'view' AND what = 'history'") == ["ann view history \(pia.id)"])
        _ = try later.exportAll()
        _ = try later.exportAll()
        #expect(try log("action = 'export'").count == 4)
        // Changes are logged by the database, one row per row written.
        #expect(try log("action = 'change' AND what = 'insert session'").count == 1)
        #expect(try log("action = 'change' AND what = 'insert patient'").count == 2)
    }

    @Test func theAccessLogAsEachLoginMayReadIt() throws {
        let clinic = try ClinicTemplate()
        defer { clinic.cluster.stop() }
        let db = try clinic.freshDatabase()
        let ann = try clinic.store("ann", database: db, purpose: "status")
        let pia = try ann.addPatient(name: "Pia")
        let quinn = try ann.addPatient(name: "Quinn")
        _ = try clinic.psql(
            "UPDATE rehab.patient SET login = 'pia' WHERE id = \(pia.id)",
            as: clinic.cluster.owner, database: db)
        try ann.addNote(patientID: pia.id, ClinicalNote(date: Day(iso: "2026-11-02")!, text: "ok"))
        _ = try ann.notes(patientID: pia.id)
        _ = try ann.notes(patientID: quinn.id)
        _ = try ann.exportAll()

        // Pia: who added, changed, viewed and exported her record; nothing about Quinn.
        let own = try clinic.store("pia", database: db, purpose: "audit")
        let seen = try own.accessLog(patientID: nil, since: nil)
        #expect(
            seen.map { "\($0.actor) \($0.action) \($0.what)" } == [
                "ann change insert patient", "ann change insert clinical_note", "ann view status",
                "ann export status",
            ])
        #expect(seen.allSatisfy { $0.patientID == pia.id && $0.patient == "Pia" })
        #expect(seen.allSatisfy { $0.at.hasSuffix("Z") && $0.at.count == 20 })
        // Ann: both her patients, or one when asked; another physio: neither.
        #expect(
            Set(try ann.accessLog(patientID: nil, since: nil).map(\.patient)) == ["Pia", "Quinn"])
        #expect(
            try ann.accessLog(patientID: quinn.id, since: nil).allSatisfy { $0.patient == "Quinn" })
        #expect(throws: StoreError.unknownPatient("#\(quinn.id)")) {
            try own.accessLog(patientID: quinn.id, since: nil)
        }
        let bob = try clinic.store("bob", database: db)
        #expect(try bob.accessLog(patientID: nil, since: nil).isEmpty)
        // The administration reads all of it (for audits only: no daily work as amy).
        let amy = try ClinicStore(
            clinic.url("amy", database: db), environment: [:], purpose: "audit", auditOnly: true)
        #expect(amy.role == .admin)
        #expect(
            try amy.accessLog(patientID: nil, since: nil).count
                == (try ann.accessLog(patientID: nil, since: nil)).count)
        // --since is a UTC day, included: a day after today leaves nothing.
        let tomorrow = Day(iso: String(seen[0].at.prefix(10)))!.adding(days: 1)
        #expect(try ann.accessLog(patientID: nil, since: tomorrow).isEmpty)
        #expect(try ann.accessLog(patientID: nil, since: tomorrow.adding(days: -1)).count > 0)
    }

    /// Imports send a piece's sessions and mornings in one statement each: every field
    /// must come back as it went in, in the order given.
    @Test func anImportKeepsEveryFieldOfEverySession() throws {
        let clinic = try ClinicTemplate()
        defer { clinic.cluster.stop() }
        let store = try clinic.store("ann", database: try clinic.freshDatabase())
        let day = Day(iso: "2026-11-02")!
        var full = Session(
            date: day, activity: .run, km: 12.34, minutes: 75, painDuring: 3, painAfter: 4,
            lastedOver2h: true, flags: ["swelling", "night_pain"], shoe: "Évora \"2\"",
            note: "O'Brien's hill, ünïcode ✓\nsecond line", calfRaises: 25, hopTest: 10,
            startTime: "2026-11-02T06:59:58Z")
        let bare = Session(
            date: day, activity: .aquaJog, minutes: 30, painDuring: 0, painAfter: 0)
        var patient = ArchivedPatient(
            name: "Ida", language: .nl,
            sessions: [full, bare, full],
            mornings: [
                MorningCheck(date: day, pain: 2, flags: ["stiffness"]),
                MorningCheck(date: day.adding(days: 1), pain: 0),
            ])
        patient.sessions[2].date = day.adding(days: -1)
        patient.sessions[2].startTime = nil
        try store.importAll(Archive(patients: [patient]))
        let back = try store.exportAll().patients
        #expect(back.count == 1)
        // Exported by date, then in the order stored.
        full.id = nil
        #expect(back.first?.sessions == [patient.sessions[2], full, bare])
        #expect(back.first?.mornings == patient.mornings)
    }

    @Test func anotherConnectionsChangeMovesTheDataVersion() throws {
        let clinic = try ClinicTemplate()
        defer { clinic.cluster.stop() }
        let db = try clinic.freshDatabase()
        let app = try clinic.store("ann", database: db)
        let pia = try app.addPatient(name: "Pia")
        let before = try app.dataVersion()
        try app.addNote(patientID: pia.id, ClinicalNote(date: Day(iso: "2026-11-02")!, text: "ok"))
        #expect(try app.dataVersion() == before, "its own write")
        let shell = try clinic.store("ann", database: db)
        try shell.addNote(
            patientID: pia.id, ClinicalNote(date: Day(iso: "2026-11-03")!, text: "seen"))
        #expect(try app.dataVersion() > before, "another connection's write")
    }
}
