import Foundation
import Testing

/// The daily commands on a clinic database, through the real binary: a practice set up by its
/// owner, a physio logging for one patient, two patients who each see only themselves, and
/// the access log that says who looked. Checked with psql where rehab's word is not enough.
@Suite(.enabled(if: PostgresCluster.available, Comment(rawValue: PostgresCluster.unavailable)))
struct ClinicStoryTests {
    @Test func aPhysioAndTwoPatientsOnOneClinicDatabase() throws {
        let cluster = try PostgresCluster()
        defer { cluster.stop() }
        let folder = NSTemporaryDirectory() + "rehab-clinic-story-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        func rehab(_ login: String, _ arguments: String...) throws -> PostgresCluster.Result {
            try cluster.rehab(Array(arguments) + ["--db", cluster.url(login)], in: folder)
        }
        func ok(_ login: String, _ arguments: String...) throws -> String {
            let result = try cluster.rehab(
                Array(arguments) + ["--db", cluster.url(login)], in: folder)
            #expect(result.ok, "\(login): rehab \(arguments): \(result.error)")
            return result.output
        }
        let owner = cluster.owner

        _ = try ok(owner, "clinic", "init")
        _ = try ok(owner, "clinic", "add-physio", "ann")
        _ = try ok(owner, "clinic", "add-admin", "amy")
        _ = try ok(owner, "clinic", "add-patient", "Anna", "--login", "anna")
        _ = try ok(owner, "clinic", "add-patient", "Bram", "--login", "bram")
        _ = try ok(owner, "clinic", "assign", "Anna", "--physio", "ann")
        _ = try ok(owner, "clinic", "assign", "Bram", "--physio", "ann")

        // The owner does no daily work.
        let asOwner = try rehab(owner, "patients")
        #expect(asOwner.status == 1)
        #expect(asOwner.error.contains("owns this clinic database"), "\(asOwner.error)")

        // The physio starts Anna's plan and logs for her.
        _ = try ok("ann", "start", "itbs", "--patient", "Anna", "--date", "2026-11-02")
        _ = try ok(
            "ann", "log", "--patient", "Anna", "--activity", "walk", "--minutes", "30",
            "--pain-during", "1", "--pain-after", "2", "--date", "2026-11-03")
        _ = try ok("ann", "morning", "1", "--patient", "Anna", "--date", "2026-11-04")
        _ = try ok("ann", "measure", "nprs", "3", "--patient", "Anna", "--date", "2026-11-04")
        _ = try ok(
            "ann", "note", "Walks without a limp", "--patient", "Anna", "--date", "2026-11-04")
        #expect(
            try cluster.psql("SELECT count(*) FROM rehab.session", as: "anna").rows == ["1"])

        // The physio sees both patients and Anna's record.
        let patients = try ok("ann", "patients")
        #expect(patients.contains("Anna") && patients.contains("Bram"), "\(patients)")
        let status = try ok("ann", "status", "--patient", "Anna", "--date", "2026-11-04")
        #expect(status.contains("Anna"), "\(status)")
        #expect(try ok("ann", "notes", "--patient", "Anna").contains("Walks without a limp"))
        #expect(try ok("ann", "measures", "--patient", "Anna").contains("2026-11-04"))
        _ = try ok("ann", "week", "--patient", "Anna")
        let archive = try ok("ann", "export", "--all", "--format", "json")
        #expect(archive.contains("\"Anna\"") && archive.contains("\"Bram\""), "\(archive)")

        // Bram's login sees only Bram: Anna is not there for him, in any command.
        let refused = try rehab("bram", "status", "--patient", "Anna")
        #expect(refused.status == 1)
        #expect(refused.error.contains("Anna"), "\(refused.error)")
        #expect(!refused.output.contains("walk"))
        #expect(try ok("bram", "patients").contains("Bram"))
        #expect(!(try ok("bram", "patients")).contains("Anna"))
        let own = try ok("bram", "export", "--all", "--format", "json")
        #expect(own.contains("\"Bram\"") && !own.contains("\"Anna\""), "\(own)")
        // Bram logs his own walk once his physio started his plan (the only patient he sees
        // is the default).
        _ = try ok("ann", "start", "itbs", "--patient", "Bram", "--date", "2026-11-02")
        _ = try ok(
            "bram", "log", "--activity", "walk", "--minutes", "20", "--pain-during", "0",
            "--pain-after", "0")
        // Anna's login sees her own record, as her physio left it.
        #expect(try ok("anna", "notes").contains("Walks without a limp"))

        // The access log: Anna sees who looked at and changed her record, Bram none of it.
        let log = try ok("anna", "audit", "--json")
        #expect(log.contains("\"actor\" : \"ann\""), "\(log)")
        for action in ["view", "change", "export"] {
            #expect(log.contains("\"action\" : \"\(action)\""), "\(action): \(log)")
        }
        #expect(log.contains("\"what\" : \"status\""), "\(log)")
        #expect(!(try ok("bram", "audit")).contains("Anna"))
        let since = try ok("ann", "audit", "--patient", "Bram", "--since", "2026-01-01")
        #expect(since.contains("bram") && !since.contains("Anna"), "\(since)")
        // Reads are logged once per command, not once per row.
        #expect(
            try cluster.psql(
                "SELECT count(*) FROM rehab.access_log a JOIN rehab.patient p"
                    + " ON p.id = a.patient_id WHERE p.name = 'Anna' AND a.action = 'view'"
                    + " AND a.what = 'status'", as: "ann"
            ).rows == ["1"])
        // Moving in: a runner's own SQLite data, exported and imported by the physio, is in
        // the physio's care and nobody else's.
        let file = folder + "/own.sqlite"
        func local(_ arguments: String...) throws {
            let result = try cluster.rehab(Array(arguments) + ["--db", file], in: folder)
            #expect(result.ok, "rehab \(arguments) on SQLite: \(result.error)")
        }
        try local("patients", "add", "Cas")
        try local("start", "itbs", "--date", "2026-11-01")
        try local(
            "log", "--activity", "run", "--km", "3", "--minutes", "20", "--pain-during", "1",
            "--pain-after", "1", "--date", "2026-11-02")
        try local("export", "--all", "--format", "json", "--output", folder + "/cas.json")
        let moved = try ok("ann", "import", folder + "/cas.json")
        #expect(moved.contains("1"), "\(moved)")
        let cas = try ok("ann", "status", "--patient", "Cas", "--date", "2026-11-03")
        #expect(cas.contains("Cas"), "\(cas)")
        #expect(!(try ok("bram", "patients")).contains("Cas"))
        #expect(
            try cluster.psql(
                "SELECT c.physio FROM rehab.care_team c JOIN rehab.patient p"
                    + " ON p.id = c.patient_id WHERE p.name = 'Cas'", as: owner
            ).rows == ["ann"])

        // The administration reads the whole log, and does no daily work.
        let desk = try ok("amy", "audit")
        #expect(desk.contains("Anna") && desk.contains("Bram") && desk.contains("Cas"), "\(desk)")
        let deskPatients = try rehab("amy", "patients")
        #expect(deskPatients.status == 1)
        #expect(deskPatients.error.contains("not a physio or a patient"), "\(deskPatients.error)")

        let badDate = try rehab("ann", "audit", "--since", "yesterday")
        #expect(badDate.status == 1 && badDate.error.contains("since"), "\(badDate.error)")
        let notClinic = try cluster.rehab(["audit", "--db", file], in: folder)
        #expect(notClinic.status == 1 && notClinic.error.contains("SQLite"))
    }

    /// Moving in under a patient login: a runner's own SQLite export, imported connected as
    /// their login, lands in the record that login owns (not a new patient), whatever name the
    /// file gives them, and the output says which record and that the names differ. A file of
    /// several patients and a second import of the same file are refused whole. Then the
    /// physio's tuning reaches the runner through the database alone.
    @Test func aRunnerMovesInUnderTheirOwnLogin() throws {
        let cluster = try PostgresCluster()
        defer { cluster.stop() }
        let folder = NSTemporaryDirectory() + "rehab-clinic-move-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        func rehab(_ login: String, _ arguments: String...) throws -> PostgresCluster.Result {
            try cluster.rehab(Array(arguments) + ["--db", cluster.url(login)], in: folder)
        }
        func ok(_ login: String, _ arguments: String...) throws -> String {
            let result = try cluster.rehab(
                Array(arguments) + ["--db", cluster.url(login)], in: folder)
            #expect(result.ok, "\(login): rehab \(arguments): \(result.error)")
            return result.output
        }
        func local(_ file: String, _ arguments: String...) throws {
            let result = try cluster.rehab(
                Array(arguments) + ["--db", folder + "/" + file], in: folder)
            #expect(result.ok, "rehab \(arguments) on \(file): \(result.error)")
        }
        func count(_ sql: String) throws -> String {
            try cluster.psql(sql, as: "ann").rows.first ?? ""
        }
        let owner = cluster.owner
        for arguments in [
            ["clinic", "init"], ["clinic", "add-physio", "ann"],
            ["clinic", "add-patient", "Cas", "--login", "cas"],
            ["clinic", "assign", "Cas", "--physio", "ann"],
            ["clinic", "add-patient", "Dora", "--login", "dora"],
            ["clinic", "assign", "Dora", "--physio", "ann"],
        ] {
            let result = try cluster.rehab(arguments + ["--db", cluster.url(owner)], in: folder)
            #expect(result.ok, "\(arguments): \(result.error)")
        }

        // Cas kept his running in SQLite under a longer name; pain after 3 is safe in itbs.
        try local("cas.sqlite", "patients", "add", "Cas Jansen")
        try local("cas.sqlite", "start", "itbs", "--date", "2026-11-02")
        try local(
            "cas.sqlite", "log", "--activity", "walk", "--minutes", "30", "--pain-during", "1",
            "--pain-after", "3", "--date", "2026-11-03")
        try local("cas.sqlite", "morning", "1", "--date", "2026-11-04")
        // On his own he overruled the first phase's exit criteria: his history moves in with it.
        try local("cas.sqlite", "advance", "--force", "--reason", "my GP says fine")
        try local(
            "cas.sqlite", "log", "--activity", "walk", "--minutes", "35", "--pain-during", "1",
            "--pain-after", "3", "--date", "2026-11-05")
        try local(
            "cas.sqlite", "export", "--all", "--format", "json", "--output", folder + "/cas.json")
        // A household's file with two runners in it.
        try local("two.sqlite", "patients", "add", "Cas Jansen")
        try local("two.sqlite", "patients", "add", "Eva Jansen")
        try local("two.sqlite", "export", "--all", "--output", folder + "/two.json")

        let several = try rehab("cas", "import", folder + "/two.json")
        #expect(several.status == 1, "\(several.output)")
        #expect(
            several.error.contains(
                "the file holds more than one patient ('Cas Jansen', 'Eva Jansen'"),
            "\(several.error)")
        #expect(several.error.contains("nothing was imported"))
        #expect(try count("SELECT count(*) FROM rehab.session") == "0")

        let moved = try ok("cas", "import", folder + "/cas.json")
        #expect(try count("SELECT count(*) FROM rehab.phase_change WHERE reason = 'forced'") == "1")
        #expect(
            moved.contains(
                "imported into your own record 'Cas' in the clinic: 2 sessions, "
                    + "1 morning checks"), "\(moved)")
        #expect(
            moved.contains("the file calls you 'Cas Jansen'; your name in the clinic stays 'Cas'"))
        // Into Cas's own row: no patient was added, and his physio sees the records.
        #expect(try count("SELECT count(*) FROM rehab.patient") == "2")
        #expect(
            try count(
                "SELECT count(*) FROM rehab.session s JOIN rehab.patient p ON p.id = s.patient_id"
                    + " WHERE p.login = 'cas'") == "2")
        #expect(
            try count(
                "SELECT plan_id FROM rehab.assignment a JOIN rehab.patient p"
                    + " ON p.id = a.patient_id WHERE p.login = 'cas'") == "itbs")
        #expect(try ok("ann", "status", "--patient", "Cas", "--date", "2026-11-05").contains("Cas"))
        // The same file again would count every session twice: refused whole, in Dutch too.
        let again = try rehab("cas", "import", folder + "/cas.json")
        #expect(again.status == 1)
        // (The JSON file lists mornings before sessions: the morning is met first.)
        #expect(
            again.error.contains(
                "the file's morning check of 2026-11-04 is already in your record"),
            "\(again.error)")
        let dutch = try rehab("cas", "import", folder + "/cas.json", "--lang", "nl")
        #expect(
            dutch.error.contains(
                "de ochtendcheck van 2026-11-04 uit het bestand staat al in uw dossier"),
            "\(dutch.error)")
        #expect(try count("SELECT count(*) FROM rehab.session") == "2")

        // Dora's physio started her plan first: it stays, and the file's plan is said to be
        // left out, not dropped silently. CSV moves in as JSON does.
        _ = try ok(
            "ann", "start", "achilles_tendinopathy", "--patient", "Dora", "--date", "2026-11-01")
        try local("dora.sqlite", "patients", "add", "Dora")
        try local("dora.sqlite", "start", "itbs", "--date", "2026-11-02")
        try local(
            "dora.sqlite", "log", "--activity", "walk", "--minutes", "20", "--pain-during", "0",
            "--pain-after", "0", "--date", "2026-11-03")
        try local("dora.sqlite", "export", "--format", "csv", "--output", folder + "/dora.csv")
        let dora = try ok("dora", "import", folder + "/dora.csv")
        #expect(
            dora.contains("imported into your own record 'Dora' in the clinic: 1 sessions"),
            "\(dora)")
        #expect(!dora.contains("the file calls you"), "\(dora)")
        let twice = try rehab("dora", "import", folder + "/dora.csv")
        #expect(twice.status == 1)
        #expect(
            twice.error.contains("the file's session of 2026-11-03 is already in your record"),
            "\(twice.error)")
        #expect(
            dora.contains(
                "plan: your plan 'achilles_tendinopathy' in the clinic stays; the file's plan 'itbs'"
            ),
            "\(dora)")
        #expect(
            try count(
                "SELECT plan_id FROM rehab.assignment a JOIN rehab.patient p"
                    + " ON p.id = a.patient_id WHERE p.login = 'dora'") == "achilles_tendinopathy")

        // The physio tunes Cas's plan; Cas's own status shows it, with no file in between.
        func verdict(_ login: String) throws -> (level: String, text: String) {
            let output = try ok(login, "status", "--json", "--date", "2026-11-05")
            let json = try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any]
            let verdict = json?["verdict"] as? [String: Any]
            return ((verdict?["level"] as? String) ?? "", output)
        }
        let before = try verdict("cas")
        #expect(before.level == "green", "\(before.text)")
        _ = try ok("ann", "tune", "--pain-safe-max", "2", "--patient", "Cas")
        let after = try verdict("cas")
        #expect(after.level != "green", "\(after.text)")
        #expect(after.text.contains("above the safe 2/10"), "\(after.text)")
        #expect(
            try count(
                "SELECT overrides->'thresholds'->>'pain_safe_max' FROM rehab.assignment a"
                    + " JOIN rehab.patient p ON p.id = a.patient_id WHERE p.login = 'cas'") == "2")
        // Cas cannot loosen it again, nor replace the plan or write the physio's record: told
        // why, exit 1, and the physio's 2/10 still judges.
        for (arguments, said) in [
            (["tune", "--pain-safe-max", "4"], "the plan is your physio's to set up and tune"),
            (["tune", "reset"], "the plan is your physio's to set up and tune"),
            (["start", "itbs", "--replace"], "the plan is your physio's to set up and tune"),
            (["note", "Feeling fine"], "clinical notes are written by the physio"),
            (
                ["advance", "--force", "--reason", "I feel ready"],
                "moving on before the exit criteria are met is your physio's decision"
            ),
        ] {
            let refused = try cluster.rehab(arguments + ["--db", cluster.url("cas")], in: folder)
            #expect(refused.status == 1, "\(arguments): \(refused.error)")
            #expect(refused.error.contains(said), "\(arguments): \(refused.error)")
        }
        #expect(try verdict("cas").text.contains("above the safe 2/10"))
        // What Cas reads of the notes speaks of his physio's, which he cannot add to.
        #expect(try ok("cas", "notes") == "no notes from your physio yet\n")
        #expect(try ok("cas", "patients").contains("after your physio's last clinical note"))
        #expect(try ok("ann", "patients").contains("after your last clinical note (rehab note)"))
    }

    /// Four writers log through the real binary while the server restarts under them: every
    /// write acknowledged (exit 0) is stored exactly once, every refused one told its user why
    /// (exit 1 with a message), and a refused one is stored only if the server committed it
    /// as the connection dropped (at most one per writer, the one in flight).
    @Test func fourWritersThroughAServerRestart() throws {
        let cluster = try PostgresCluster()
        defer { cluster.stop() }
        let folder = NSTemporaryDirectory() + "rehab-clinic-restart-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let owner = cluster.owner
        for arguments in [
            ["clinic", "init"], ["clinic", "add-physio", "ann"],
            ["clinic", "add-patient", "Anna", "--login", "anna"],
            ["clinic", "assign", "Anna", "--physio", "ann"],
        ] {
            let result = try cluster.rehab(arguments + ["--db", cluster.url(owner)], in: folder)
            #expect(result.ok, "\(arguments): \(result.error)")
        }
        let start = try cluster.rehab(
            [
                "start", "itbs", "--patient", "Anna", "--date", "2026-11-02", "--db",
                cluster.url("ann"),
            ],
            in: folder)
        #expect(start.ok, "\(start.error)")

        let writers = 4
        let writes = 12
        let outcomes = WriteOutcomes()
        let restarted = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            Thread.sleep(forTimeInterval: 1.0)
            try? cluster.pause()
            Thread.sleep(forTimeInterval: 1.0)
            try? cluster.resume()
            restarted.signal()
        }
        DispatchQueue.concurrentPerform(iterations: writers) { writer in
            for i in 0..<writes {
                let note = "w\(writer)-\(i)"
                let result = try? cluster.rehab(
                    [
                        "log", "--patient", "Anna", "--activity", "walk", "--minutes", "20",
                        "--pain-during", "1", "--pain-after", "1", "--date", "2026-11-03",
                        "--note", note, "--db", cluster.url("ann"),
                    ], in: folder)
                outcomes.record(note, result)
                Thread.sleep(forTimeInterval: 0.1)
            }
        }
        restarted.wait()
        let (acknowledged, refused) = outcomes.all
        let stored = try cluster.psql("SELECT note FROM rehab.session ORDER BY note", as: "ann")
            .rows
        #expect(Set(stored).count == stored.count, "a write stored twice: \(stored)")
        #expect(acknowledged.isSubset(of: Set(stored)), "acknowledged but missing")
        let inDoubt = Set(stored).subtracting(acknowledged)
        #expect(inDoubt.count <= writers, "refused but stored: \(inDoubt)")
        for (note, message) in refused {
            #expect(
                message.hasPrefix("rehab: ") && message.count > 10, "\(note): '\(message)'")
        }
        // A refused write that was stored anyway says so: saved, or maybe saved.
        for note in inDoubt {
            let message = refused[note] ?? ""
            #expect(
                message.contains("saved (do not enter it again)")
                    || message.contains("may or may not have been stored"), "\(note): \(message)")
        }
        print(
            "restart under 4 writers: \(acknowledged.count) acknowledged and stored once, "
                + "\(refused.count) refused with a message, \(inDoubt.count) refused but committed"
                + inDoubt.map { " (\($0): \(refused[$0] ?? ""))" }.joined())
    }
}

/// What each write through the binary answered, from several threads.
final class WriteOutcomes: @unchecked Sendable {
    private let lock = NSLock()
    private var acknowledged: Set<String> = []
    private var refused: [String: String] = [:]

    func record(_ note: String, _ result: PostgresCluster.Result?) {
        lock.withLock {
            if result?.ok == true {
                acknowledged.insert(note)
            } else {
                refused[note] = result?.error ?? "did not run"
            }
        }
    }

    var all: (Set<String>, [String: String]) { lock.withLock { (acknowledged, refused) } }
}
