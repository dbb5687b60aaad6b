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

    /// A real attempt with nothing listening: the URL without its password, the driver's
    /// words after the frame, in both languages.
    @Test func noServerIsCannotConnectWithoutThePassword() throws {
        let url = try ClinicURL("postgresql://ann:s3cret@/clinic?host=/nonexistent")
        let failure = #expect(throws: ClinicConnection.Failure.self) {
            try ClinicConnection(url, environment: ["PGPASSWORD": "hunter2"])
        }
        guard case .cannotConnect(let shown, let detail) = failure?.reason else {
            Issue.record("not cannot connect: \(String(describing: failure))")
            return
        }
        #expect(shown == "postgresql://ann@/clinic?host=/nonexistent")
        #expect(!detail.isEmpty)
        let text = failure?.text ?? LocalizedText(verbatim: "")
        #expect(text.text(.nl).hasPrefix("\(shown): geen verbinding met de kliniekserver: "))
        #expect(text.text(.en).hasPrefix("\(shown): cannot connect: "))
        for language in Language.written {
            for secret in ["s3cret", "hunter2"] { #expect(!text.text(language).contains(secret)) }
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
