import Foundation
import Testing

/// A `--db postgresql://…` that cannot be a clinic's URL is refused before any connection, in
/// the user's language, naming the field, the value and what is allowed, and never showing the
/// password. No PostgreSQL is needed: nothing is reached.
@Suite struct ClinicURLMessageTests {
    @Test(arguments: [
        (
            "postgresql://ann:hunter2@db.praktijk.nl:99999/clinic",
            "database-URL: poort '99999' is geen poort (toegestaan: 1-65535)",
            "database URL: port '99999' is not a port (expected 1-65535)"
        ),
        (
            "postgresql://ann:hunter2@/?host=/run/postgresql",
            "database-URL: geen databasenaam (verwacht: postgresql://GEBRUIKER@HOST/DATABASE, "
                + "dbname= of PGDATABASE)",
            "database URL: no database name (expected postgresql://USER@HOST/DATABASE, dbname= "
                + "or PGDATABASE)"
        ),
        (
            "postgresql://ann@/clinic?sslmod=require&password=hunter2",
            "database-URL: onbekende parameter 'sslmod' (toegestaan: application_name, "
                + "connect_timeout, dbname, host, password, port, sslmode, user)",
            "database URL: unknown parameter 'sslmod' (expected one of application_name, "
                + "connect_timeout, dbname, host, password, port, sslmode, user)"
        ),
        (
            "postgresql://ann:hunter2@/clinic?connect_timeout=soon",
            "database-URL: connect_timeout 'soon' is geen aantal seconden (toegestaan: 0 of meer, "
                + "0 = zo lang als nodig)",
            "database URL: connect_timeout 'soon' is not a number of seconds (expected 0 or more, "
                + "0 = as long as it takes)"
        ),
        (
            "postgresql://ann:hunter2@/clinic?sslmode=maybe",
            "database-URL: sslmode 'maybe' bestaat niet (toegestaan: disable, allow, prefer, "
                + "require, verify-ca, verify-full)",
            "database URL: sslmode 'maybe' is not one of disable, allow, prefer, require, "
                + "verify-ca, verify-full"
        ),
        (
            "postgresql://ann:hunter2@db.praktijk.nl/clinic?sslmode=prefer",
            "database-URL: met sslmode=prefer kunnen gezondheidsgegevens onversleuteld naar "
                + "db.praktijk.nl gaan; gebruik sslmode=require, verify-ca of verify-full (of een "
                + "Unix-socket op de server)",
            "database URL: sslmode=prefer to db.praktijk.nl would send health data unencrypted; "
                + "use sslmode=require, verify-ca or verify-full (or a Unix socket on the server)"
        ),
        (
            "postgresql://ann:hunter2@db.praktijk.nl:99x/clinic",
            "database-URL: 'postgresql://ann:***@db.praktijk.nl:99x/clinic' is geen "
                + "postgresql://-URL (verwacht: "
                + "postgresql://GEBRUIKER@HOST:POORT/DATABASE of "
                + "postgresql://GEBRUIKER@/DATABASE?host=/MAP/VAN/SOCKET)",
            "database URL: 'postgresql://ann:***@db.praktijk.nl:99x/clinic' is not a "
                + "postgresql:// URL (expected "
                + "postgresql://USER@HOST:PORT/DATABASE or "
                + "postgresql://USER@/DATABASE?host=/SOCKET/FOLDER)"
        ),
    ])
    func aBadURLIsRefusedInBothLanguages(_ url: String, _ dutch: String, _ english: String)
        throws
    {
        let rehab = try Rehab()
        defer { rehab.cleanUp() }
        // A daily command (Context.openClinic) and the owner's `rehab clinic` (its connect).
        for command in [["status"], ["clinic", "init"]] {
            let nl = try rehab.run(command + ["--db", url], environment: ["REHAB_LANG": "nl"])
            #expect(nl.status == 1, "\(command): \(nl)")
            #expect(nl.stderr == "rehab: \(dutch)\n", "\(command)")
            let en = try rehab.run(command + ["--db", url, "--lang", "en"])
            #expect(en.status == 1, "\(command): \(en)")
            #expect(en.stderr == "rehab: \(english)\n", "\(command)")
            for result in [nl, en] { #expect(!result.stderr.contains("hunter2"), "\(command)") }
        }
        // REHAB_DB is read the same way.
        let fromEnvironment = try rehab.run(["status"], environment: ["REHAB_DB": url])
        #expect(fromEnvironment.stderr == "rehab: \(english)\n")
    }

    /// A clinic URL with no server behind it: the URL without its password and the system's
    /// reason, in a frame in the user's language; exit 1. No PostgreSQL is needed.
    @Test func aClinicThatCannotBeReachedIsSaidInBothLanguages() throws {
        let rehab = try Rehab()
        defer { rehab.cleanUp() }
        let url = "postgresql://ann:hunter2@/clinic?host=/nonexistent"
        let shown = "rehab: postgresql://ann@/clinic?host=/nonexistent: "
        for command in [["status"], ["clinic", "init"]] {
            let nl = try rehab.run(command + ["--db", url], environment: ["REHAB_LANG": "nl"])
            #expect(nl.status == 1, "\(command): \(nl)")
            #expect(
                nl.stderr.hasPrefix(shown + "geen verbinding met de kliniekserver: "),
                "\(command): \(nl)")
            let en = try rehab.run(command + ["--db", url, "--lang", "en"])
            #expect(en.status == 1, "\(command): \(en)")
            #expect(en.stderr.hasPrefix(shown + "cannot connect: "), "\(command): \(en)")
            for result in [nl, en] {
                #expect(!result.stderr.contains("hunter2"), "\(command)")
                #expect(result.stderr.hasSuffix("\n") && result.stdout.isEmpty, "\(command)")
            }
        }
    }
}
