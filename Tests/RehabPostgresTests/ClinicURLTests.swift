import Foundation
import Testing

@testable import RehabPostgres

/// `--db postgresql://…` in libpq's forms: a socket or a host, TLS required over a network,
/// and a password that never shows.
@Suite struct ClinicURLTests {
    @Test func aUnixSocketURL() throws {
        let url = try ClinicURL("postgresql://ann@/clinic?host=/run/postgresql&port=5433")
        #expect(url.transport == .socket(folder: "/run/postgresql"))
        #expect(url.port == 5433)
        #expect(url.user == "ann")
        #expect(url.database == "clinic")
        #expect(url.description == "postgresql://ann@/clinic?host=/run/postgresql&port=5433")
        // The socket folder percent-encoded as the host, as libpq also allows.
        let encoded = try ClinicURL("postgres://ann@%2Fvar%2Frun%2Fpg/clinic")
        #expect(encoded.transport == .socket(folder: "/var/run/pg"))
        #expect(encoded.port == 5432)
    }

    @Test func overANetworkTLSIsRequired() throws {
        let remote = try ClinicURL("postgresql://ann:s3cret@db.praktijk.nl:6543/clinic")
        #expect(remote.transport == .tcp(host: "db.praktijk.nl"))
        #expect(remote.tls == .require)
        #expect(remote.description == "postgresql://ann@db.praktijk.nl:6543/clinic?sslmode=require")
        #expect(!remote.description.contains("s3cret"))
        for mode in ["prefer", "allow", "disable"] {
            #expect(throws: ClinicURL.Problem.self) {
                try ClinicURL("postgresql://ann@db.praktijk.nl/clinic?sslmode=\(mode)")
            }
        }
        // On the machine itself plain text is allowed when asked for.
        #expect(try ClinicURL("postgresql://ann@localhost/clinic?sslmode=disable").tls == .disable)
        #expect(
            try ClinicURL("postgresql://ann@db.praktijk.nl/clinic?sslmode=verify-full").tls
                == .verifyFull)
    }

    /// An IPv6 address in brackets is looked up without them and shown with them; libpq's
    /// connect_timeout and application_name are read from the URL and the environment.
    @Test func anIPv6HostATimeoutAndAName() throws {
        let url = try ClinicURL("postgresql://ann@[::1]:6543/clinic?sslmode=disable")
        #expect(url.transport == .tcp(host: "::1"))
        #expect(url.serverAddress == "[::1]:6543")
        #expect(url.description == "postgresql://ann@[::1]:6543/clinic?sslmode=disable")
        #expect(url.connectTimeout == 10 && url.applicationName == "rehab")
        let named = try ClinicURL(
            "postgresql://ann@/clinic?host=/run/postgresql&connect_timeout=1"
                + "&application_name=balie")
        #expect(named.connectTimeout == 2)  // libpq: under 2 seconds counts as 2
        #expect(named.applicationName == "balie")
        #expect(named.serverAddress == "/run/postgresql/.s.PGSQL.5432")
        let environment = try ClinicURL(
            "postgresql://ann@/clinic", environment: ["PGCONNECT_TIMEOUT": "0", "PGAPPNAME": "x"])
        #expect(environment.connectTimeout == 600 && environment.applicationName == "x")
        #expect(throws: ClinicURL.Problem.badConnectTimeout("soon")) {
            try ClinicURL("postgresql://ann@/clinic?connect_timeout=soon")
        }
        #expect(throws: ClinicURL.Problem.badConnectTimeout("-3")) {
            try ClinicURL("postgresql://ann@/clinic", environment: ["PGCONNECT_TIMEOUT": "-3"])
        }
    }

    /// Each refusal is a case with the values a message needs (worded in both languages by
    /// the executable, `ClinicPhrase.badURL`); none carries a password.
    @Test func badURLsNameWhatIsWrong() {
        func problem(_ text: String, environment: [String: String] = [:]) -> ClinicURL.Problem? {
            do {
                _ = try ClinicURL(text, environment: environment)
                return nil
            } catch {
                return error
            }
        }
        #expect(problem("postgresql://ann@/?host=/run/postgresql") == .noDatabase)
        #expect(problem("postgresql://ann@h:99999/c") == .badPort("99999"))
        #expect(problem("postgresql://ann:hunter2@h:99999/c") == .badPort("99999"))
        #expect(problem("postgresql://ann@/c", environment: ["PGPORT": "x"]) == .badPort("x"))
        #expect(
            problem("postgresql://ann@/c?sslmod=require")
                == .unknownParameter(
                    "sslmod",
                    known: [
                        "application_name", "connect_timeout", "dbname", "host", "password",
                        "port", "sslmode", "user",
                    ]))
        #expect(problem("postgresql://ann@/c?sslmode=maybe") == .badSSLMode("maybe"))
        #expect(
            problem("postgresql://ann@db.praktijk.nl/c?sslmode=prefer")
                == .plaintextOverNetwork(mode: .prefer, host: "db.praktijk.nl"))
        // Not a URL: what is shown of it hides the password.
        #expect(
            problem("postgresql://ann:hunter2@h:99x/c")
                == .notAURL(redacted: "postgresql://ann:***@h:99x/c"))
        // Shown as typed, every possible password hidden, where URLComponents reads nothing.
        for (typed, shown) in [
            ("postgresql://ann:p@ss w@rd@h:99x/c", "postgresql://ann:***@h:99x/c"),
            (
                "postgresql://h:99x/c?password=hunter2&sslmode=x",
                "postgresql://h:99x/c?password=***&sslmode=x"
            ),
            ("postgresql://ann@h:99x/c", "postgresql://ann@h:99x/c"),
        ] {
            #expect(ClinicURL.redacted(typed) == shown)
            #expect(!ClinicURL.redacted(typed).contains("hunter2"))
            #expect(!ClinicURL.redacted(typed).contains("ss w"))
        }
        // The hand path on its own, whatever URLComponents makes of a text.
        #expect(
            ClinicURL.redactedByHand("postgresql://ann:hunter2@h/c?password=x&user=ann")
                == "postgresql://ann:***@h/c?password=***&user=ann")
        #expect(ClinicURL.redacted("postgresql://ann:hunter2@h/c") == "postgresql://ann:***@h/c")
        #expect(
            ClinicURL.redacted("postgresql://ann@h/c?password=hunter2")
                == "postgresql://ann@h/c?password=***")
        #expect(ClinicURL.isClinic("PostgreSQL://x/y"))
        #expect(!ClinicURL.isClinic("postgresql.sqlite"))
    }

    @Test func passwordsComeFromThePassFileOnlyWhenPrivate() throws {
        let folder = NSTemporaryDirectory() + "rehab-pgpass-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = folder + "/pgpass"
        try "# clinic\nother:5432:*:ann:no\ndb.praktijk.nl:5432:clinic:ann:pa\\:ss\n"
            .write(toFile: file, atomically: true, encoding: .utf8)
        let url = try ClinicURL("postgresql://ann@db.praktijk.nl/clinic")
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file)
        #expect(url.password(environment: ["PGPASSFILE": file]) == nil)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file)
        #expect(url.password(environment: ["PGPASSFILE": file]) == "pa:ss")
        #expect(url.password(environment: ["PGPASSWORD": "env", "PGPASSFILE": file]) == "env")
    }
}
