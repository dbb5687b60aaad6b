import Foundation
import Testing

@testable import RehabPostgres

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
        #expect(first.output.contains("schema version 7"), "\(first.output)")
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
        // The same refusals (the clinic schema's own, recognised) in Dutch.
        let dutch = [
            (
                ["clinic", "add-physio", "Ann!"],
                "login: 'Ann!' is niet toegestaan; gebruik 1 tot 63"
            ),
            (
                ["clinic", "assign", "Nobody", "--physio", "ann"],
                "er is geen patiënt met de naam Nobody"
            ),
            (
                ["clinic", "assign", "Pia", "--physio", "amy"],
                "fysio: amy is geen fysio-login (voeg die toe met: rehab clinic add-physio amy)"
            ),
        ]
        for (arguments, said) in dutch {
            let nl = try cluster.rehab(arguments + ["--db", owner, "--lang", "nl"], in: folder)
            #expect(nl.status == 1 && nl.error.contains(said), "\(arguments): \(nl.error)")
        }
        #expect(
            try cluster.psql("SELECT count(*) FROM rehab.care_team", as: "amy").rows == ["1"])
        let notOwner = try rehab("clinic", "init", as: cluster.url("ann"))
        #expect(notOwner.status == 1 && notOwner.error.contains("ann does not own"))
        // Logins are the owner's to make, care teams the owner's or the desk's: anyone else is
        // told so, not the server's "permission denied to create role", and nothing changes.
        let addsPeople =
            "may not add people: rehab clinic add-physio, add-admin and add-patient"
            + " run as the database's owner"
        for (login, command, said) in [
            ("ann", ["clinic", "add-physio", "bob"], addsPeople),
            ("amy", ["clinic", "add-admin", "bea"], addsPeople),
            ("ann", ["clinic", "add-patient", "Quin", "--login", "quin"], addsPeople),
            (
                "ann", ["clinic", "assign", "Pia", "--physio", "ann"],
                "may not change care teams: rehab clinic assign runs as the database's owner or "
                    + "a login with the role rehab_admin"
            ),
        ] {
            let refused = try cluster.rehab(command + ["--db", cluster.url(login)], in: folder)
            #expect(refused.status == 1, "\(command): \(refused.error)")
            #expect(refused.error.contains("\(login) " + said), "\(command): \(refused.error)")
        }
        #expect(
            try cluster.psql("SELECT count(*) FROM rehab.care_team", as: "amy").rows == ["1"])
        // A physio's own new patient, deleted: the clinic has no database file to rewrite.
        #expect(try rehab("patients", "add", "Tess", as: cluster.url("ann")).ok)
        let deleted = try rehab("patients", "delete", "Tess", "--yes", as: cluster.url("ann"))
        #expect(
            deleted.output
                == "deleted 'Tess' (sessions: 0, morning checks: 0, red-flag clearings: 0, "
                + "shoes: 0)\n", "\(deleted.output) \(deleted.error)")
        #expect(
            try cluster.psql(
                "SELECT count(*) FROM pg_roles WHERE rolname IN ('bob', 'bea', 'quin')",
                as: "amy"
            ).rows == ["0"])

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
        let refusedNL = try cluster.rehab(
            ["clinic", "init", "--db", secret, "--lang", "nl"], in: folder)
        #expect(
            refusedNL.status == 1
                && refusedNL.error.contains("de kliniekserver weigerde de verbinding: ")
                && refusedNL.error.contains("nosuchdb") && !refusedNL.error.contains("hunter2"),
            "\(refusedNL.error)")
        let notURL = try cluster.rehab(
            ["clinic", "init", "--db", folder + "/x.sqlite"], in: folder)
        #expect(notURL.status == 1 && notURL.error.contains("needs a PostgreSQL database"))
    }

    /// A patient's name is one name across the whole practice, compared as rehab compares
    /// names (case-folded for every letter, NFC), whatever the database's locale: in the C
    /// locale version 1's lower(name) folded A-Z only, so "école noord" passed beside "École
    /// Noord" that another physio's patient had. The refusal names the field and the value
    /// and nothing else of the other patient, in English and Dutch.
    @Test func patientNamesAreUniqueAcrossThePractice() throws {
        let cluster = try PostgresCluster(locale: "C")
        defer { cluster.stop() }
        let folder = NSTemporaryDirectory() + "rehab-clinic-names-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        func rehab(_ login: String, _ arguments: String...) throws -> PostgresCluster.Result {
            try cluster.rehab(Array(arguments) + ["--db", cluster.url(login)], in: folder)
        }
        for arguments in [
            ["clinic", "init"], ["clinic", "add-physio", "ann"], ["clinic", "add-physio", "bob"],
        ] {
            let result = try cluster.rehab(
                arguments + ["--db", cluster.url(cluster.owner)], in: folder)
            #expect(result.ok, "\(arguments): \(result.error)")
        }
        for name in ["École Noord", "İpek"] {
            let added = try rehab("ann", "patients", "add", name)
            #expect(added.ok, "\(name): \(added.error)")
        }
        // Bob does not see Ann's patients, and still may not take their names.
        #expect(try rehab("bob", "patients").output.contains("École") == false)
        for (name, other) in [("école noord", "École Noord"), ("i\u{307}pek", "İpek")] {
            let refused = try rehab("bob", "patients", "add", name)
            #expect(refused.status == 1, "\(name): \(refused.output)")
            #expect(
                refused.error.contains(
                    "name: '\(name)' is already the name of a patient in this practice"),
                "\(refused.error)")
            // Nothing of the other patient: not their spelling, physio or number.
            #expect(!refused.error.contains(other) && !refused.error.contains("ann"))
            #expect(!refused.error.contains("Key ("), "\(refused.error)")
        }
        let dutch = try rehab("bob", "patients", "add", "ÉCOLE NOORD", "--lang", "nl")
        #expect(dutch.status == 1)
        #expect(
            dutch.error.contains(
                "naam: 'ÉCOLE NOORD' is al de naam van een patiënt in deze praktijk"),
            "\(dutch.error)")
        // Renaming onto a name is refused the same way.
        #expect(try rehab("bob", "patients", "add", "Bea").ok)
        let renamed = try rehab("bob", "patients", "rename", "Bea", "ÉCOLE noord")
        #expect(renamed.status == 1, "\(renamed.output)")
        #expect(
            renamed.error.contains("name: 'ÉCOLE noord' is already the name"), "\(renamed.error)")

        // The owner adding a patient: the same rule, in the owner's own words.
        let owner = try rehab(
            cluster.owner, "clinic", "add-patient", "ÉCOLE NOORD", "--login", "en")
        #expect(owner.status == 1)
        #expect(
            owner.error.contains("name: 'ÉCOLE NOORD' is already the name of a patient"),
            "\(owner.error)")
        #expect(try rehab(cluster.owner, "clinic", "add-patient", "Cas", "--login", "cas").ok)
        let login = try rehab(cluster.owner, "clinic", "add-patient", "Cor", "--login", "cas")
        #expect(login.status == 1)
        #expect(login.error.contains("login: 'cas' is already another patient's login"))
        let nl = try rehab(
            cluster.owner, "clinic", "add-patient", "école NOORD", "--login", "en", "--lang", "nl")
        #expect(nl.error.contains("naam: 'école NOORD' is al de naam"), "\(nl.error)")
        #expect(
            try cluster.psql("SELECT name FROM rehab.patient ORDER BY id", as: cluster.owner).rows
                == ["École Noord", "İpek", "Bea", "Cas"])
        // And clinic assign finds a patient as the names are compared.
        #expect(try rehab(cluster.owner, "clinic", "assign", "école NOORD", "--physio", "bob").ok)
        #expect(try rehab("bob", "patients").output.contains("École Noord"))
    }

    /// Upgrading to version 4 on a database whose old index let two spellings of one name in
    /// (the C locale): stopped whole, with the names for the owner to rename one, and taken
    /// once they differ.
    @Test func anUpgradeStopsAtNamesThatAreOneName() throws {
        let cluster = try PostgresCluster(locale: "C")
        defer { cluster.stop() }
        let folder = NSTemporaryDirectory() + "rehab-clinic-clash-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try cluster.expectOK(
            cluster.psql(
                "BEGIN;\n" + ClinicSchema.createRoles + "\n"
                    + [ClinicSchema.v1, ClinicSchema.v2, ClinicSchema.v3].joined(separator: "\n")
                    + "\nCOMMIT;", as: cluster.owner))
        try cluster.expectOK(
            cluster.psql(
                "INSERT INTO rehab.patient (name) VALUES ('École Noord'), ('école noord'), ('Pia')",
                as: cluster.owner))
        let init1 = try cluster.rehab(
            ["clinic", "init", "--db", cluster.url(cluster.owner)], in: folder)
        #expect(init1.status == 1)
        #expect(
            init1.error.contains(
                "name: patients 'École Noord' and 'école noord' have the same name"),
            "\(init1.error)")
        #expect(
            try cluster.psql(
                "SELECT value FROM rehab.meta WHERE key = 'schema_version'", as: cluster.owner
            ).rows == ["3"])
        try cluster.expectOK(
            cluster.psql(
                "UPDATE rehab.patient SET name = 'école noord B' WHERE name = 'école noord'",
                as: cluster.owner))
        let init2 = try cluster.rehab(
            ["clinic", "init", "--db", cluster.url(cluster.owner)], in: folder)
        #expect(init2.ok && init2.output.contains("from version 3 to 7"), "\(init2.error)")
    }

    /// A clinic set up by the first clinic release (schema version 1, rows in it) is brought
    /// up to date by `rehab clinic init`, keeping its rows, and then takes daily work.
    @Test func anOlderClinicIsBroughtUpToDate() throws {
        let cluster = try PostgresCluster()
        defer { cluster.stop() }
        let folder = NSTemporaryDirectory() + "rehab-clinic-upgrade-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try cluster.expectOK(
            cluster.psql(
                "BEGIN;\n" + ClinicSchema.createRoles + "\n" + ClinicSchema.v1 + "\nCOMMIT;",
                as: cluster.owner))
        try cluster.expectOK(
            cluster.psql(
                [
                    try ClinicPeople.addPhysio("ann"),
                    try ClinicPeople.addPatient(name: "Pia", login: "pia"),
                    try ClinicPeople.assign(patient: "Pia", physio: "ann"),
                ].joined(separator: "\n"), as: cluster.owner))
        func rehab(_ login: String, _ arguments: String...) throws -> PostgresCluster.Result {
            try cluster.rehab(Array(arguments) + ["--db", cluster.url(login)], in: folder)
        }
        let tooOld = try rehab("ann", "patients")
        #expect(tooOld.status == 1)
        #expect(tooOld.error.contains("version 1, this rehab needs 7"), "\(tooOld.error)")
        let upgrade = try rehab(cluster.owner, "clinic", "init")
        #expect(upgrade.ok, "\(upgrade.error)")
        #expect(upgrade.output.contains("from version 1 to 7"), "\(upgrade.output)")
        let again = try rehab(cluster.owner, "clinic", "init")
        #expect(again.output.contains("already set up (schema version 7)"), "\(again.output)")
        #expect(try rehab("ann", "patients").output.contains("Pia"))
        let note = try rehab("ann", "note", "First visit", "--patient", "Pia")
        #expect(note.ok, "\(note.error)")
        #expect(
            try cluster.psql("SELECT text FROM rehab.clinical_note", as: "pia").rows
                == ["First visit"])
    }
}
