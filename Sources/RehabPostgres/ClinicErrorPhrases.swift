import RehabCore

// A clinic connection's failures in both languages (`ClinicConnection.Failure`), said by the
// CLI and the app alike (`RefusalPhrase.text`), and a login `rehab clinic` refuses. The
// server's message and the driver's detail are quoted as they came, in the server's language;
// URLs are shown without their password.

private func t(_ nl: String, _ en: EnglishText) -> LocalizedText { LocalizedText(nl: nl, en: en) }

extension ClinicConnection.Failure.Reason {
    public var text: LocalizedText {
        switch self {
        case .cannotConnect(let url, let detail):
            t(
                "\(url): geen verbinding met de kliniekserver: \(detail)",
                "\(url): cannot connect: \(detail)")
        case .connectionRefused(let url, let message):
            t(
                "\(url): de kliniekserver weigerde de verbinding: \(message)",
                "\(url): the clinic server refused the connection: \(message)")
        case .refused(let message):
            t("de kliniekserver weigerde: \(message)", "the clinic server refused: \(message)")
        case .driver(let detail):
            t(
                "de verbinding met de kliniekserver is mislukt: \(detail)",
                "the connection to the clinic server failed: \(detail)")
        case .lost:
            t(
                "de verbinding met de kliniekserver is verbroken; probeer het opnieuw (rehab "
                    + "maakt opnieuw verbinding)",
                "the connection to the clinic server was lost; try again (rehab connects anew)")
        case .lostAndReconnectFailed(let reason):
            // What happened first: the app's notice line may not have room for the URL.
            t(
                "de verbinding met de kliniekserver was verbroken en opnieuw verbinden is "
                    + "mislukt: \(reason.text.nl)",
                "the connection to the clinic server was lost and connecting again failed: "
                    + "\(reason.text)")
        case .noAnswer(let seconds):
            t(
                "de kliniekserver gaf binnen \(seconds) seconden geen antwoord; de verbinding is "
                    + "gesloten, bij de volgende poging maakt rehab opnieuw verbinding",
                "the clinic server did not answer within \(seconds) seconds; the connection is "
                    + "closed, and the next try connects again")
        case .commitUnanswered(let reason):
            t(
                "\(reason.text.nl); misschien is het bewaard, misschien niet: kijk het na voordat "
                    + "u het opnieuw invoert",
                "\(reason.text); it may or may not have been stored: look before entering it "
                    + "again")
        case .mayNotRemovePatient(let login, let patient):
            t(
                "\(login) mag patiënt #\(patient) niet verwijderen (alleen een fysio uit het "
                    + "zorgteam van de patiënt mag dat)",
                "\(login) may not remove patient #\(patient) (only a physio in their care team "
                    + "may)")
        case .mayNotAddPatients(let login):
            t(
                "\(login) mag geen patiënten toevoegen (alleen een fysio of de administratie mag "
                    + "dat)",
                "\(login) may not add patients (only a physio or the administration may)")
        case .notInCare(let patient):
            t(
                "patiënt \(patient) is niet bij u in zorg",
                "patient \(patient) is not in your care")
        case .notAPhysio(let login):
            t(
                "fysio: \(login) is geen fysio-login (voeg die toe met: rehab clinic add-physio "
                    + "\(login))",
                "physio: \(login) is not a physio login (add it with: rehab clinic add-physio "
                    + "\(login))")
        case .noPatientCalled(let name):
            t(
                "patiënt: er is geen patiënt met de naam \(name)",
                "patient: no patient called \(name)")
        case .accessLogAppendOnly:
            t(
                "het toegangslogboek kan alleen worden aangevuld, niet gewijzigd of gewist",
                "the access log is append-only")
        }
    }
}

extension ClinicPeople.BadLogin {
    public var text: LocalizedText {
        t(
            "login: '\(login)' is niet toegestaan; gebruik 1 tot 63 kleine letters, cijfers en _, "
                + "beginnend met een letter of _",
            "login: '\(login)' is not allowed; use 1 to 63 lower-case letters, digits and _, "
                + "starting with a letter or _")
    }
}
