import Foundation
import Testing

/// The full-screen app on a clinic database, through the real binary in tmux, as a physio's
/// login: the Patients and Today screens show the care team's patients, a session logged in the
/// app is stored once, and the access log holds one view per patient for the whole app session
/// (however often it reloads) and every change. Checked with psql, bypassing rehab.
@Suite(
    .serialized,
    .enabled(if: PostgresCluster.available, Comment(rawValue: PostgresCluster.unavailable)),
    .enabled(if: ClinicScreen.tmux != nil, Comment(rawValue: ClinicScreen.unavailable)))
struct ClinicAppTests {
    @Test func aPhysioLogsASessionInTheAppOnAClinicDatabase() throws {
        let cluster = try PostgresCluster()
        defer { cluster.stop() }
        let folder = NSTemporaryDirectory() + "rehab-clinic-app-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        func ok(_ login: String, _ arguments: String...) throws {
            let result = try cluster.rehab(
                Array(arguments) + ["--db", cluster.url(login)], in: folder)
            #expect(result.ok, "\(login): rehab \(arguments): \(result.error)")
        }
        let owner = cluster.owner
        try ok(owner, "clinic", "init")
        try ok(owner, "clinic", "add-physio", "ann")
        for (name, login) in [("Anna", "anna"), ("Bram", "bram")] {
            try ok(owner, "clinic", "add-patient", name, "--login", login)
            try ok(owner, "clinic", "assign", name, "--physio", "ann")
            try ok("ann", "start", "itbs", "--patient", name, "--date", "2026-11-02")
        }
        try ok(
            "ann", "log", "--patient", "Anna", "--activity", "walk", "--minutes", "30",
            "--pain-during", "1", "--pain-after", "2", "--date", "2026-11-03")
        /// The access log's rows written by the app's connection: the server process that
        /// wrote its views (the log names the app's reads "app").
        func appLog(_ action: String) throws -> [String] {
            try cluster.psql(
                "SELECT p.name || ' ' || a.what FROM rehab.access_log a JOIN rehab.patient p"
                    + " ON p.id = a.patient_id WHERE a.actor = 'ann' AND a.action = '\(action)'"
                    + " AND a.backend IN (SELECT backend FROM rehab.access_log"
                    + " WHERE what = 'app') ORDER BY a.id", as: "ann"
            ).rows
        }

        let screen = ClinicScreen()
        defer { screen.stop() }
        screen.start(
            ["--db", cluster.url("ann")], in: folder,
            environment: [
                "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "TERM": "xterm-256color",
                "HOME": folder, "XDG_STATE_HOME": folder + "/state", "REHAB_LANG": "en",
                "REHAB_TODAY": "2026-11-05", "SWIFT_BACKTRACE": "interactive=no",
            ])
        // Two patients: the app opens on the Patients screen, both in the care team.
        let patients = screen.waitFor("Patients (2)", "Anna", "Bram", "itbs/acute")
        #expect(patients.contains("no recent log"), "\(patients)")
        #expect(try appLog("view").sorted() == ["Anna app", "Bram app"])
        for _ in 0..<3 {
            screen.send("r")
            Thread.sleep(forTimeInterval: 0.3)
        }
        // Anna's Today.
        screen.send("Down", "Enter")
        screen.waitFor("rehab · Anna · 2026-11-05", "Verdict: GREEN", "Today  Plan")
        for _ in 0..<3 {
            screen.send("r")
            screen.waitFor("Refreshed.")
            Thread.sleep(forTimeInterval: 0.3)
        }
        // Another connection's change makes the app reload by itself (it polls each second).
        try ok("ann", "morning", "1", "--patient", "Anna", "--date", "2026-11-05")
        screen.waitFor("Logged today: morning check 1/10")

        // A session logged through the app: cycling (the form's first activity), 40 minutes.
        screen.send("n")
        screen.waitFor("Log a session", "Minutes", "Pain after")
        screen.send("Tab", "Tab", "Tab")
        screen.type("40")
        screen.send("Tab", "1", "Tab", "2", "Enter")
        screen.waitFor("logged: cycling, 40 min, 1/2 on 2026-11-05", "Logged today: cycling")
        #expect(
            try cluster.psql(
                "SELECT date || ' ' || activity || ' ' || minutes || ' ' || pain_during || '/'"
                    + " || pain_after FROM rehab.session s JOIN rehab.patient p"
                    + " ON p.id = s.patient_id WHERE p.name = 'Anna' ORDER BY s.id", as: "anna"
            ).rows == ["2026-11-03 walk 30 1/2", "2026-11-05 cycle 40 1/2"])

        // Switching patients and back: Bram's Today, then Anna's again.
        screen.send("p")
        screen.waitFor("Patients (2)")
        screen.send("Up", "Enter")
        screen.waitFor("rehab · Bram · 2026-11-05")
        screen.send("p")
        screen.waitFor("Patients (2)")
        screen.send("Down", "Enter")
        screen.waitFor("rehab · Anna · 2026-11-05", "Logged today: cycling")
        screen.send("q")
        screen.waitFor("exit=0")

        // One view per patient for the whole app session, every change logged.
        #expect(try appLog("view").sorted() == ["Anna app", "Bram app"])
        #expect(try appLog("change") == ["Anna insert session"])
        #expect(try appLog("export").isEmpty)
        // The physio's app connection wrote those, none as the owner.
        #expect(
            try cluster.psql(
                "SELECT count(*) FROM rehab.access_log WHERE actor <> 'ann'", as: "ann"
            ).rows == ["0"])
    }
}
