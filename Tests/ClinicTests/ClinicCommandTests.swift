import Foundation
import Testing

/// `rehab clinic` through the real binary against a throwaway cluster, checked with psql.
@Suite(.enabled(if: PostgresCluster.available, Comment(rawValue: PostgresCluster.unavailable)))
struct ClinicCommandTests {
    @Test func setUpAPracticeFromTheCommandLine() throws {
        let cluster = try PostgresCluster()
        defer { cluster.stop() }
        let folder = NSTemporaryDirectory() + "rehab-clinic-cli-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let owner = cluster.url(cluster.owner)
        func rehab(_ arguments: String..., as url: String? = nil) throws -> PostgresCluster.Result {
            try cluster.rehab(Array(arguments) + ["--db", url ?? owner], in: folder)
        }

        let first = try rehab("clinic", "init")
        #expect(first.ok, "\(first.error)")
        #expect(first.output.contains("schema version 2"), "\(first.output)")
        let again = try rehab("clinic", "init")
        #expect(again.ok && again.output.contains("already set up"), "\(again.output)")

        for command in [
            ["clinic", "add-physio", "ann"], ["clinic", "add-admin", "amy"],
            ["clinic", "add-patient", "Pia", "--login", "pia"],
            ["clinic", "assign", "Pia", "--physio", "ann"],
        ] {
            let result = try cluster.rehab(command + ["--db", owner], in: folder)
            #expect(result.ok, "\(command): \(result.error)")
        }
        #expect(try cluster.psql("SELECT name FROM rehab.patient", as: "pia").rows == ["Pia"])
        #expect(try cluster.psql("SELECT name FROM rehab.patient", as: "ann").rows == ["Pia"])
        #expect(
            try cluster.psql("SELECT count(*) FROM rehab.care_team", as: "amy").rows == ["1"])

        // Bad input: named, exit 1, nothing changed.
        let badLogin = try rehab("clinic", "add-physio", "Ann!")
        #expect(badLogin.status == 1)
        #expect(badLogin.error.contains("login: 'Ann!' is not allowed"), "\(badLogin.error)")
        let nobody = try rehab("clinic", "assign", "Nobody", "--physio", "ann")
        #expect(nobody.status == 1 && nobody.error.contains("no patient called Nobody"))
        let notPhysio = try rehab("clinic", "assign", "Pia", "--physio", "amy")
        #expect(notPhysio.status == 1 && notPhysio.error.contains("amy is not a physio login"))
        #expect(
            try cluster.psql("SELECT count(*) FROM rehab.care_team", as: "amy").rows == ["1"])
        let notOwner = try rehab("clinic", "init", as: cluster.url("ann"))
        #expect(notOwner.status == 1 && notOwner.error.contains("ann does not own"))

        // A daily command as the owner is refused, and never makes a folder of the URL.
        let status = try rehab("status")
        #expect(status.status == 1)
        #expect(status.error.contains("owns this clinic database"), "\(status.error)")
        let backup = try rehab("backup", folder + "/copy.sqlite")
        #expect(backup.status == 1 && backup.error.contains("pg_dump"), "\(backup.error)")
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: folder).filter {
                !$0.hasPrefix(".")
            }.isEmpty)
        // A password in the URL is never shown; a wrong socket is a clear refusal.
        let secret = "postgresql://\(cluster.owner):hunter2@/nosuchdb?host=\(cluster.socket)"
        let refused = try rehab("clinic", "init", as: secret)
        #expect(refused.status == 1)
        #expect(!(refused.output + refused.error).contains("hunter2"), "\(refused.error)")
        #expect(refused.error.contains("nosuchdb"), "\(refused.error)")
        let noServer = try rehab("clinic", "init", as: "postgresql://x@/c?host=\(folder)")
        #expect(
            noServer.status == 1 && noServer.error.contains("cannot connect"), "\(noServer.error)")
        let notURL = try cluster.rehab(
            ["clinic", "init", "--db", folder + "/x.sqlite"], in: folder)
        #expect(notURL.status == 1 && notURL.error.contains("needs a PostgreSQL database"))
    }
}
