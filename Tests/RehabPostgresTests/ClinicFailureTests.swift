import Foundation
import RehabCore
import Testing

@testable import RehabPostgres

/// A clinic connection's failures are reasons, worded in Dutch and English by rehab; the
/// server's and the driver's own words are quoted as they came, and no password shows. No
/// server is needed.
@Suite struct ClinicFailureTests {
    typealias Reason = ClinicConnection.Failure.Reason

    static let secret = "s3cret"
    /// The URL as every failure shows it: parsed from one with a password.
    static let shown =
        (try? ClinicURL("postgresql://ann:s3cret@/clinic?host=/nonexistent"))?
        .description ?? "?"

    static let cases: [(Reason, String, String)] = [
        (
            .cannotConnect(url: shown, detail: "connection refused"),
            "postgresql://ann@/clinic?host=/nonexistent: geen verbinding met de kliniekserver: "
                + "connection refused",
            "postgresql://ann@/clinic?host=/nonexistent: cannot connect: connection refused"
        ),
        (
            .noServer(url: shown, address: "/nonexistent/.s.PGSQL.5432"),
            "postgresql://ann@/clinic?host=/nonexistent: geen verbinding met de kliniekserver: "
                + "op /nonexistent/.s.PGSQL.5432 luistert geen server; draait PostgreSQL daar, "
                + "en kloppen host en poort?",
            "postgresql://ann@/clinic?host=/nonexistent: cannot connect: no server is listening "
                + "at /nonexistent/.s.PGSQL.5432; is PostgreSQL running there, and are the host "
                + "and port right?"
        ),
        (
            .unknownHost(url: shown, host: "db.praktjik.nl"),
            "postgresql://ann@/clinic?host=/nonexistent: geen verbinding met de kliniekserver: "
                + "de hostnaam 'db.praktjik.nl' is onbekend; kijk de spelling en het netwerk na",
            "postgresql://ann@/clinic?host=/nonexistent: cannot connect: the host name "
                + "'db.praktjik.nl' is not known; check its spelling and the network"
        ),
        (
            .noTLS(url: shown),
            "postgresql://ann@/clinic?host=/nonexistent: geen verbinding met de kliniekserver: "
                + "de server biedt geen TLS, en rehab stuurt gezondheidsgegevens alleen "
                + "versleuteld over een netwerk (de beheerder zet ssl aan in postgresql.conf)",
            "postgresql://ann@/clinic?host=/nonexistent: cannot connect: the server offers no "
                + "TLS, and rehab sends health data over a network only encrypted (the "
                + "administrator turns ssl on in postgresql.conf)"
        ),
        (
            .passwordNeeded(url: shown),
            "postgresql://ann@/clinic?host=/nonexistent: geen verbinding met de kliniekserver: "
                + "de server vraagt een wachtwoord en er is er geen (geef het in ~/.pgpass, met "
                + "rechten 0600, of in PGPASSWORD)",
            "postgresql://ann@/clinic?host=/nonexistent: cannot connect: the server asks for a "
                + "password and none was given (put it in ~/.pgpass, mode 0600, or in PGPASSWORD)"
        ),
        (
            .connectionRefused(url: shown, message: "database \"clinic\" does not exist"),
            "postgresql://ann@/clinic?host=/nonexistent: de kliniekserver weigerde de "
                + "verbinding: database \"clinic\" does not exist",
            "postgresql://ann@/clinic?host=/nonexistent: the clinic server refused the "
                + "connection: database \"clinic\" does not exist"
        ),
        (
            .refused(message: "toegang geweigerd voor tabel session"),
            "de kliniekserver weigerde: toegang geweigerd voor tabel session",
            "the clinic server refused: toegang geweigerd voor tabel session"
        ),
        (
            .driver(detail: "unexpectedBackendMessage"),
            "de verbinding met de kliniekserver is mislukt: unexpectedBackendMessage",
            "the connection to the clinic server failed: unexpectedBackendMessage"
        ),
        (
            .lost,
            "de verbinding met de kliniekserver is verbroken; probeer het opnieuw (rehab maakt "
                + "opnieuw verbinding)",
            "the connection to the clinic server was lost; try again (rehab connects anew)"
        ),
        (
            .lostAndReconnectFailed(.cannotConnect(url: shown, detail: "connection refused")),
            "de verbinding met de kliniekserver was verbroken en opnieuw verbinden is mislukt: "
                + "postgresql://ann@/clinic?host=/nonexistent: geen verbinding met de "
                + "kliniekserver: connection refused",
            "the connection to the clinic server was lost and connecting again failed: "
                + "postgresql://ann@/clinic?host=/nonexistent: cannot connect: connection refused"
        ),
        (
            .noAnswer(seconds: 15),
            "de kliniekserver gaf binnen 15 seconden geen antwoord; de verbinding is gesloten, "
                + "bij de volgende poging maakt rehab opnieuw verbinding",
            "the clinic server did not answer within 15 seconds; the connection is closed, and "
                + "the next try connects again"
        ),
        (
            .commitUnanswered(.lost),
            "de verbinding met de kliniekserver is verbroken; probeer het opnieuw (rehab maakt "
                + "opnieuw verbinding); misschien is het bewaard, misschien niet: kijk het na "
                + "voordat u het opnieuw invoert",
            "the connection to the clinic server was lost; try again (rehab connects anew); it "
                + "may or may not have been stored: look before entering it again"
        ),
        (
            .mayNotRemovePatient(login: "pia", patient: 7),
            "pia mag patiënt #7 niet verwijderen (alleen een fysio uit het zorgteam van de "
                + "patiënt mag dat)",
            "pia may not remove patient #7 (only a physio in their care team may)"
        ),
        (
            .mayNotAddPatients(login: "pia"),
            "pia mag geen patiënten toevoegen (alleen een fysio of de administratie mag dat)",
            "pia may not add patients (only a physio or the administration may)"
        ),
        (
            .notInCare(patient: 12),
            "patiënt 12 is niet bij u in zorg",
            "patient 12 is not in your care"
        ),
        (
            .notAPhysio(login: "amy"),
            "fysio: amy is geen fysio-login (voeg die toe met: rehab clinic add-physio amy)",
            "physio: amy is not a physio login (add it with: rehab clinic add-physio amy)"
        ),
        (
            .noPatientCalled("Nobody"),
            "patiënt: er is geen patiënt met de naam Nobody",
            "patient: no patient called Nobody"
        ),
        (
            .accessLogAppendOnly,
            "het toegangslogboek kan alleen worden aangevuld, niet gewijzigd of gewist",
            "the access log is append-only"
        ),
        (
            .physioForces,
            "eerder naar de volgende fase dan de uitgangscriteria toelaten beslist uw fysio; met "
                + "een patiëntlogin gaat u door zodra het plan zegt dat u klaar bent (rehab advance)",
            "moving on before the exit criteria are met is your physio's decision; a patient's "
                + "login moves on when the plan says they are ready (rehab advance)"
        ),
        (
            .physioDecides(table: "clinical_note"),
            "klinische notities schrijft de fysio; met een patiëntlogin leest u ze",
            "clinical notes are written by the physio; a patient's login reads them"
        ),
        (
            .physioDecides(table: "discharge"),
            "het ontslag legt de fysio vast; met een patiëntlogin leest u het",
            "the discharge is recorded by the physio; a patient's login reads it"
        ),
        (
            .physioDecides(table: "phase_change"),
            "het plan zet uw fysio op en stemt het af: met een patiëntlogin logt u, gaat u naar "
                + "de volgende fase en leest u het plan, maar wijzigt u de grenzen niet, vervangt "
                + "u het plan niet en herschrijft u de fasen niet",
            "the plan is your physio's to set up and tune: a patient's login logs, moves on to "
                + "the next phase and reads the plan, but does not change its limits, replace it "
                + "or rewrite its phases"
        ),
    ]

    @Test(arguments: cases)
    func eachReasonIsWordedInBothLanguages(_ reason: Reason, _ dutch: String, _ english: String) {
        let failure = ClinicConnection.Failure(reason, code: "42501")
        #expect(failure.text.text(.nl) == dutch)
        #expect(failure.text.text(.en) == english)
        #expect(failure.description == english)
        // What the app and the CLI say without knowing RehabPostgres.
        let worded: any Error = failure
        #expect((worded as? any WordedError)?.text == failure.text)
        for language in Language.written {
            #expect(!failure.text.text(language).contains(Self.secret))
        }
    }

    /// The clinic schema's own refusals, as its functions raise them, are recognised; any
    /// other message is quoted with its hint.
    @Test func theSchemasOwnRefusalsAreRecognised() {
        let raised: [(String, String?, Reason)] = [
            (
                "pia may not add patients (only a physio or the administration may)", nil,
                .mayNotAddPatients(login: "pia")
            ),
            ("patient 12 is not in your care", nil, .notInCare(patient: 12)),
            (
                "physio: amy is not a physio login", "add it with: rehab clinic add-physio amy",
                .notAPhysio(login: "amy")
            ),
            ("patient: no patient called Nobody", nil, .noPatientCalled("Nobody")),
            ("the access log is append-only", nil, .accessLogAppendOnly),
            (
                "new row violates row-level security policy \"phase_change_forced_by_physio\" "
                    + "for table \"phase_change\"", nil, .physioForces
            ),
            (
                "permission denied for table assignment", nil,
                .physioDecides(table: "assignment")
            ),
            (
                "permission denied for table clinical_note", nil,
                .physioDecides(table: "clinical_note")
            ),
            (
                "permission denied for table session", nil,
                .refused(message: "permission denied for table session")
            ),
            (
                "patient x is not in your care", nil,
                .refused(message: "patient x is not in your care")
            ),
            (
                "relation \"rehab.x\" does not exist", "Perhaps you meant rehab.y.",
                .refused(
                    message: "relation \"rehab.x\" does not exist (Perhaps you meant rehab.y.)")
            ),
        ]
        for (message, hint, reason) in raised {
            #expect(Reason(server: message, hint: hint) == reason, "\(message)")
        }
    }

    /// Real attempts with nothing listening, on a socket (no socket file; a socket file no
    /// server holds) and over TCP (a closed port; not IPv6, which a machine may lack): the URL
    /// without its password and the address nothing answers at, in both languages.
    @Test func noServerSaysWhereNothingListensWithoutThePassword() throws {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("rehab-noserver-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // A socket file left behind by a server that is gone: connect is refused.
        let stale = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let path = folder + "/.s.PGSQL.5432"
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: Array(path.utf8) + [0])
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(stale, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        #expect(bound == 0)
        defer { close(stale) }
        let attempts = [
            ("postgresql://ann:s3cret@/clinic?host=/nonexistent", "/nonexistent/.s.PGSQL.5432"),
            ("postgresql://ann:s3cret@/clinic?host=\(folder)", path),
            ("postgresql://ann:s3cret@127.0.0.1:1/clinic?sslmode=disable", "127.0.0.1:1"),
        ]
        for (text, expected) in attempts {
            let url = try ClinicURL(text)
            let failure = #expect(throws: ClinicConnection.Failure.self) {
                try ClinicConnection(url, environment: ["PGPASSWORD": "hunter2"])
            }
            #expect(
                failure?.reason == .noServer(url: url.description, address: expected),
                "\(String(describing: failure))")
            let words = failure?.text ?? LocalizedText(verbatim: "")
            for language in Language.written {
                for secret in ["s3cret", "hunter2"] {
                    #expect(!words.text(language).contains(secret))
                }
            }
        }
    }

    @Test func aBadLoginInBothLanguages() {
        let bad = ClinicPeople.BadLogin(login: "Ann!")
        #expect(
            bad.text.text(.nl)
                == "login: 'Ann!' is niet toegestaan; gebruik 1 tot 63 kleine letters, cijfers "
                + "en _, beginnend met een letter of _")
        #expect(
            bad.description
                == "login: 'Ann!' is not allowed; use 1 to 63 lower-case letters, digits and _, "
                + "starting with a letter or _")
    }
}
