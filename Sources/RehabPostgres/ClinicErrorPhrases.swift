import RehabCore

// The clinic's refusals in both languages, said by the CLI and the app alike through
// `RefusalPhrase.text` (each is a `WordedError`): a connection's failures
// (`ClinicConnection.Failure`), a login `rehab clinic` refuses, a `--db` value that is no clinic
// URL, a login that may not do daily work, a patient login's import that stored nothing. The
// server's message and the driver's detail are quoted as they came, in the server's language;
// URLs are shown without their password.

private func t(_ nl: String, _ en: EnglishText) -> LocalizedText { LocalizedText(nl: nl, en: en) }

extension ClinicConnection.Failure.Reason {
    /// "URL: cannot connect: why", the frame of every connection not made.
    private func notConnected(_ url: String, _ why: LocalizedText) -> LocalizedText {
        t(
            "\(url): geen verbinding met de kliniekserver: \(why.nl)",
            "\(url): cannot connect: \(why)")
    }

    public var text: LocalizedText {
        switch self {
        case .cannotConnect(let url, let detail):
            notConnected(url, LocalizedText(verbatim: detail))
        case .noServer(let url, let address):
            notConnected(
                url,
                t(
                    "op \(address) luistert geen server; draait PostgreSQL daar, en kloppen host "
                        + "en poort?",
                    "no server is listening at \(address); is PostgreSQL running there, and are "
                        + "the host and port right?"))
        case .unknownHost(let url, let host):
            notConnected(
                url,
                t(
                    "de hostnaam '\(host)' is onbekend; kijk de spelling en het netwerk na",
                    "the host name '\(host)' is not known; check its spelling and the network"))
        case .noTLS(let url):
            notConnected(
                url,
                t(
                    "de server biedt geen TLS, en rehab stuurt gezondheidsgegevens alleen "
                        + "versleuteld over een netwerk (de beheerder zet ssl aan in "
                        + "postgresql.conf)",
                    "the server offers no TLS, and rehab sends health data over a network only "
                        + "encrypted (the administrator turns ssl on in postgresql.conf)"))
        case .passwordNeeded(let url):
            notConnected(
                url,
                t(
                    "de server vraagt een wachtwoord en er is er geen (geef het in ~/.pgpass, met "
                        + "rechten 0600, of in PGPASSWORD)",
                    "the server asks for a password and none was given (put it in ~/.pgpass, "
                        + "mode 0600, or in PGPASSWORD)"))
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
        case .physioForces:
            t(
                "eerder naar de volgende fase dan de uitgangscriteria toelaten beslist uw fysio; "
                    + "met een patiëntlogin gaat u door zodra het plan zegt dat u klaar bent "
                    + "(rehab advance)",
                "moving on before the exit criteria are met is your physio's decision; a "
                    + "patient's login moves on when the plan says they are ready (rehab advance)")
        case .physioDecides(let table) where table == "clinical_note":
            t(
                "klinische notities schrijft de fysio; met een patiëntlogin leest u ze",
                "clinical notes are written by the physio; a patient's login reads them")
        case .physioDecides(let table) where table == "discharge":
            t(
                "het ontslag legt de fysio vast; met een patiëntlogin leest u het",
                "the discharge is recorded by the physio; a patient's login reads it")
        case .physioDecides:
            t(
                "het plan zet uw fysio op en stemt het af: met een patiëntlogin logt u, gaat u "
                    + "naar de volgende fase en leest u het plan, maar wijzigt u de grenzen niet, "
                    + "vervangt u het plan niet en herschrijft u de fasen niet",
                "the plan is your physio's to set up and tune: a patient's login logs, moves on "
                    + "to the next phase and reads the plan, but does not change its limits, "
                    + "replace it or rewrite its phases")
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

extension ClinicURL.Problem: WordedError {
    /// The field, the value and what is allowed, never a password.
    public var text: LocalizedText {
        switch self {
        case .notAURL(let redacted):
            t(
                "database-URL: '\(redacted)' is geen postgresql://-URL (verwacht: "
                    + "postgresql://GEBRUIKER@HOST:POORT/DATABASE of "
                    + "postgresql://GEBRUIKER@/DATABASE?host=/MAP/VAN/SOCKET)",
                "database URL: '\(redacted)' is not a postgresql:// URL (expected "
                    + "postgresql://USER@HOST:PORT/DATABASE or "
                    + "postgresql://USER@/DATABASE?host=/SOCKET/FOLDER)")
        case .unknownParameter(let name, let known):
            t(
                "database-URL: onbekende parameter '\(name)' (toegestaan: "
                    + "\(known.joined(separator: ", ")))",
                "database URL: unknown parameter '\(name)' (expected one of "
                    + "\(known.joined(separator: ", ")))")
        case .badPort(let port):
            t(
                "database-URL: poort '\(port)' is geen poort (toegestaan: 1-65535)",
                "database URL: port '\(port)' is not a port (expected 1-65535)")
        case .badConnectTimeout(let seconds):
            t(
                "database-URL: connect_timeout '\(seconds)' is geen aantal seconden (toegestaan: "
                    + "0 of meer, 0 = zo lang als nodig)",
                "database URL: connect_timeout '\(seconds)' is not a number of seconds (expected "
                    + "0 or more, 0 = as long as it takes)")
        case .noDatabase:
            t(
                "database-URL: geen databasenaam (verwacht: "
                    + "postgresql://GEBRUIKER@HOST/DATABASE, dbname= of PGDATABASE)",
                "database URL: no database name (expected "
                    + "postgresql://USER@HOST/DATABASE, dbname= or PGDATABASE)")
        case .badSSLMode(let mode):
            t(
                "database-URL: sslmode '\(mode)' bestaat niet (toegestaan: "
                    + "\(ClinicURL.TLS.allCases.map(\.rawValue).joined(separator: ", ")))",
                "database URL: sslmode '\(mode)' is not one of "
                    + "\(ClinicURL.TLS.allCases.map(\.rawValue).joined(separator: ", "))")
        case .plaintextOverNetwork(let mode, let host):
            t(
                "database-URL: met sslmode=\(mode.rawValue) kunnen gezondheidsgegevens "
                    + "onversleuteld naar \(host) gaan; gebruik sslmode=require, verify-ca of "
                    + "verify-full (of een Unix-socket op de server)",
                "database URL: sslmode=\(mode.rawValue) to \(host) would send health data "
                    + "unencrypted; use sslmode=require, verify-ca or verify-full (or a Unix "
                    + "socket on the server)")
        }
    }
}

extension ClinicStore.Refusal: WordedError {
    /// Why the login may not do daily work on the clinic database.
    public var text: LocalizedText {
        switch self {
        case .owner(let login):
            t(
                "\(login) is de eigenaar van deze kliniekdatabase: rehab werkt dagelijks niet "
                    + "als de eigenaar; verbind als fysio of patiënt (rehab clinic add-physio, "
                    + "add-patient)",
                "\(login) owns this clinic database: rehab does not do daily work as the owner; "
                    + "connect as a physio's or a patient's login (rehab clinic add-physio, "
                    + "add-patient)")
        case .bypassesRowSecurity(let login):
            t(
                "\(login) is superuser of omzeilt de beveiliging per rij en zou elke patiënt "
                    + "zien; verbind als fysio of patiënt",
                "\(login) is a superuser or bypasses row-level security and would see every "
                    + "patient; connect as a physio's or a patient's login")
        case .noDailyRole(let login, let roles):
            t(
                "\(login) is geen fysio of patiënt van deze kliniek; de eigenaar voegt die toe "
                    + "met rehab clinic add-physio of add-patient",
                "\(login) is not a physio or a patient of this clinic ("
                    + (roles.isEmpty ? "no rehab role" : roles.joined(separator: ", "))
                    + "); the owner adds one with rehab clinic add-physio or add-patient")
        case .notSetUp:
            t(
                "deze database heeft nog geen kliniekschema; de eigenaar voert rehab clinic "
                    + "init uit",
                "this database has no clinic schema yet; its owner runs rehab clinic init")
        case .olderSchema(let found, let needed):
            t(
                "het kliniekschema is versie \(found), deze rehab heeft \(needed) nodig; de "
                    + "eigenaar voert rehab clinic init uit om het bij te werken",
                "the clinic schema is version \(found), this rehab needs \(needed); its owner "
                    + "runs rehab clinic init to bring it up to date")
        case .newerSchema(let found, let known):
            t(
                "het kliniekschema is versie \(found), nieuwer dan deze rehab kent (\(known)); "
                    + "gebruik een nieuwere rehab",
                "the clinic schema is version \(found), newer than this rehab knows "
                    + "(\(known)); use a newer rehab")
        }
    }
}

extension ClinicStore.MoveInRefusal: WordedError {
    /// Why a patient login's import stored nothing.
    public var text: LocalizedText {
        switch self {
        case .noOwnRecord(let login):
            t(
                "\(login) heeft in deze kliniek geen eigen patiëntendossier om in te "
                    + "importeren; de eigenaar maakt dat met rehab clinic add-patient NAAM "
                    + "--login \(login)",
                "\(login) has no patient record in this clinic to import into; the clinic's "
                    + "owner gives one with rehab clinic add-patient NAME --login \(login)")
        case .severalPatients(let first, let next):
            t(
                "het bestand bevat meer dan één patiënt ('\(first)', '\(next)', …); een "
                    + "patiëntlogin importeert alleen het eigen dossier: exporteer een database "
                    + "met alleen uzelf, of vraag uw fysio het bestand te importeren; er is "
                    + "niets geïmporteerd",
                "the file holds more than one patient ('\(first)', '\(next)', …); a patient "
                    + "login imports only its own record: export a database that holds only "
                    + "you, or ask your physio to import the file; nothing was imported")
        case .alreadyStored(let what, let date):
            t(
                "\(what == "session" ? "de training" : "de ochtendcheck") van \(date.iso) "
                    + "uit het bestand staat al in uw dossier (is het bestand al eerder "
                    + "geïmporteerd?); er is niets geïmporteerd",
                "the file's \(what) of \(date.iso) is already in your record (was the file "
                    + "imported before?); nothing was imported")
        }
    }
}
