import ArgumentParser
import Foundation
import RehabApp
import RehabCore
import RehabPostgres
import RehabStorage

/// `rehab clinic`: sets up a practice's PostgreSQL database and the people in it. Run by the
/// database owner (who may create roles); daily work never runs as the owner.
struct ClinicCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clinic",
        abstract: .translated(
            "Set up a clinic database on PostgreSQL: roles, row-level security, people."),
        discussion: .translated(
            """
            Give the database with --db or REHAB_DB as a postgresql:// URL, e.g. \
            postgresql://OWNER@/clinic?host=/run/postgresql (the server's Unix socket). Run \
            these as the database owner. A password is read from the URL, PGPASSWORD, or \
            PGPASSFILE / ~/.pgpass (0600), and never printed.
            """),
        subcommands: [
            Init.self, AddPhysio.self, AddAdmin.self, AddPatient.self, Assign.self,
        ])

    /// The owner's connection to the clinic database named by --db or REHAB_DB.
    static func connect(_ context: Context) throws -> ClinicConnection {
        let value = context.databasePath
        guard ClinicURL.isClinic(value) else {
            throw context.fail(ClinicPhrase.needsURL(value))
        }
        do {
            let url = try ClinicURL(value, environment: context.environment)
            return try ClinicConnection(url, environment: context.environment)
        } catch {
            throw context.fail(RefusalPhrase.text(error))
        }
    }

    /// Runs people's statements in one transaction; the server's refusal is the message,
    /// unless `explain` words it better (a unique name or login), or `notAllowed` says who
    /// may run the command.
    static func apply(
        _ sql: () throws(ClinicPeople.BadLogin) -> String, _ context: Context,
        explain: (ClinicConnection.Failure) -> LocalizedText? = { _ in nil },
        notAllowed: (String) -> LocalizedText = ClinicPhrase.ownerOnly
    ) throws {
        let script: String
        do {
            script = try sql()
        } catch {
            throw context.fail(error.text)
        }
        let connection = try connect(context)
        do {
            try connection.transaction(script)
        } catch let failure as ClinicConnection.Failure {
            if let text = explain(failure) { throw context.fail(text) }
            // Who may make logins and care teams (README: Clinic server), not the server's
            // "permission denied to create role".
            if failure.code == "42501", case .refused = failure.reason {
                throw context.fail(notAllowed(connection.login))
            }
            throw context.fail(at(connection, failure))
        } catch {
            throw context.fail(at(connection, error))
        }
    }

    /// A failure on the clinic database, after its URL (without the password).
    static func at(_ connection: ClinicConnection, _ error: any Error) -> LocalizedText {
        StoragePhrase.at(
            LocalizedText(verbatim: connection.url.description), RefusalPhrase.text(error))
    }

    /// What `add-physio` and `add-admin` take: a login to make, or find, and put in a group
    /// role. The global options stay with each command, where `Entry` looks for its language.
    struct NewLogin: ParsableArguments {
        @Argument(help: .translated("Their login: lower-case letters, digits and _.")) var login:
            String

        func add(to group: String, _ global: GlobalOptions) throws {
            let context = try Context(global)
            try apply(
                { () throws(ClinicPeople.BadLogin) in
                    try ClinicPeople.addLogin(login, to: group)
                }, context)
            print(context.say(ClinicPhrase.added(login, role: group)))
        }
    }

    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "init",
            abstract: .translated(
                "Create the schema, the group roles and their row-level security."))
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let context = try Context(global)
            let connection = try ClinicCommand.connect(context)
            do {
                let owner = try connection.rows(
                    "SELECT (pg_catalog.pg_get_userbyid(datdba) = session_user)::text FROM "
                        + "pg_catalog.pg_database WHERE datname = current_database()")
                guard owner.first?.first == "true" else {
                    throw context.fail(ClinicPhrase.notOwner(connection.login))
                }
                let existing = try connection.rows(
                    "SELECT (to_regclass('rehab.meta') IS NOT NULL)::text")
                if existing.first?.first == "true" {
                    let stored = try connection.rows(
                        "SELECT value FROM rehab.meta WHERE key = 'schema_version'")
                    let text = stored.first?.first.flatMap { $0 } ?? "?"
                    guard let version = Int(text), version < ClinicSchema.version else {
                        print(
                            context.say(
                                ClinicPhrase.alreadyInitialised(
                                    connection.url.description, version: text)))
                        return
                    }
                    // The versions it lacks, in one transaction: all or nothing.
                    try connection.transaction(
                        ClinicSchema.missing(after: version).joined(separator: "\n"))
                    print(
                        context.say(
                            ClinicPhrase.upgraded(
                                connection.url.description, from: version,
                                to: ClinicSchema.version)))
                    return
                }
                try connection.transaction(
                    ([ClinicSchema.createRoles] + ClinicSchema.migrations).joined(separator: "\n"))
            } catch let failure as Failure {
                throw failure
            } catch {
                throw context.fail(ClinicCommand.at(connection, error))
            }
            print(
                context.say(
                    ClinicPhrase.initialised(
                        connection.url.description, version: ClinicSchema.version)))
        }
    }

    struct AddPhysio: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add-physio",
            abstract: .translated("Give a physio a login (role rehab_physio)."))
        @OptionGroup var global: GlobalOptions
        @OptionGroup var login: NewLogin

        func run() throws { try login.add(to: "rehab_physio", global) }
    }

    struct AddAdmin: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add-admin",
            abstract: .translated(
                "Give the administration a login (role rehab_admin: people, no health data)."))
        @OptionGroup var global: GlobalOptions
        @OptionGroup var login: NewLogin

        func run() throws { try login.add(to: "rehab_admin", global) }
    }

    struct AddPatient: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add-patient",
            abstract: .translated("Add a patient with a login of their own."))
        @OptionGroup var global: GlobalOptions
        @Argument(help: .translated("The patient's name.")) var name: String
        @Option(help: .translated("Their login: lower-case letters, digits and _.")) var login:
            String

        func run() throws {
            let context = try Context(global)
            let checked = try context.check { try Validate.name(name, field: "name") }
            try ClinicCommand.apply(
                { () throws(ClinicPeople.BadLogin) in
                    try ClinicPeople.addPatient(name: checked, login: login)
                }, context,
                explain: { failure in
                    // The server's own words would show the compared form of the name.
                    switch failure.constraint {
                    case "patient_name": ClinicPhrase.nameTaken(checked)
                    case "patient_login_key": ClinicPhrase.loginTaken(login)
                    default: nil
                    }
                })
            print(context.say(ClinicPhrase.added(login, role: "rehab_patient")))
        }
    }

    struct Assign: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "assign",
            abstract: .translated(
                "Put a physio in a patient's care team (a patient may have several)."))
        @OptionGroup var global: GlobalOptions
        @Argument(help: .translated("The patient's name.")) var name: String
        @Option(help: .translated("The physio's login.")) var physio: String

        func run() throws {
            let context = try Context(global)
            try ClinicCommand.apply(
                { () throws(ClinicPeople.BadLogin) in
                    try ClinicPeople.assign(patient: name, physio: physio)
                }, context, notAllowed: ClinicPhrase.ownerOrAdminOnly)
            print(context.say(ClinicPhrase.assigned(name, physio: physio)))
        }
    }
}

/// The clinic commands' sentences.
enum ClinicPhrase {
    static func needsURL(_ value: String) -> LocalizedText {
        LocalizedText(
            nl: "rehab clinic heeft een PostgreSQL-database nodig: geef --db of REHAB_DB als "
                + "postgresql://-URL (nu: '\(value)')",
            en: "rehab clinic needs a PostgreSQL database: give --db or REHAB_DB as a "
                + "postgresql:// URL (now: '\(value)')")
    }

    static func notAFile(_ url: String) -> LocalizedText {
        LocalizedText(
            nl: "\(url) is een kliniekdatabase op PostgreSQL, geen SQLite-bestand: dit commando "
                + "werkt alleen op een bestand (een reservekopie van de kliniek maakt pg_dump)",
            en: "\(url) is a clinic database on PostgreSQL, not a SQLite file: this command "
                + "works on a file only (pg_dump backs up a clinic)")
    }

    /// A login without the right to make roles ran add-physio, add-admin or add-patient.
    static func ownerOnly(_ login: String) -> LocalizedText {
        LocalizedText(
            nl: "\(login) mag geen mensen toevoegen: rehab clinic add-physio, add-admin en "
                + "add-patient draaien als de eigenaar van de database (die rehab clinic init "
                + "draaide)",
            en: "\(login) may not add people: rehab clinic add-physio, add-admin and add-patient "
                + "run as the database's owner (who ran rehab clinic init)")
    }

    /// A login that is neither the owner nor the administration ran assign.
    static func ownerOrAdminOnly(_ login: String) -> LocalizedText {
        LocalizedText(
            nl: "\(login) mag geen zorgteams wijzigen: rehab clinic assign draait als de "
                + "eigenaar van de database of een login met rol rehab_admin",
            en: "\(login) may not change care teams: rehab clinic assign runs as the database's "
                + "owner or a login with the role rehab_admin")
    }

    static func notOwner(_ login: String) -> LocalizedText {
        LocalizedText(
            nl: "\(login) is niet de eigenaar van deze database; voer rehab clinic init uit als "
                + "de eigenaar",
            en: "\(login) does not own this database; run rehab clinic init as its owner")
    }

    static func initialised(_ url: String, version: Int) -> LocalizedText {
        LocalizedText(
            nl: "\(url): schema versie \(version), rollen rehab_admin, rehab_physio en "
                + "rehab_patient, beveiliging per rij op elke tabel",
            en: "\(url): schema version \(version), roles rehab_admin, rehab_physio and "
                + "rehab_patient, row-level security on every table")
    }

    static func alreadyInitialised(_ url: String, version: String) -> LocalizedText {
        LocalizedText(
            nl: "\(url) is al ingericht (schema versie \(version)); er is niets veranderd",
            en: "\(url) is already set up (schema version \(version)); nothing changed")
    }

    static func upgraded(_ url: String, from: Int, to: Int) -> LocalizedText {
        LocalizedText(
            nl: "\(url): schema bijgewerkt van versie \(from) naar \(to)",
            en: "\(url): schema brought from version \(from) to \(to)")
    }

    static func added(_ login: String, role: String) -> LocalizedText {
        LocalizedText(
            nl: "login \(login) toegevoegd (\(role))", en: "added login \(login) (\(role))")
    }

    static func nameTaken(_ name: String) -> LocalizedText {
        LocalizedText(
            nl: "naam: '\(name)' is al de naam van een patiënt in deze praktijk (namen zijn uniek "
                + "in de hele praktijk, zonder onderscheid tussen hoofdletters en kleine letters); "
                + "kies een andere naam, bijvoorbeeld met een initiaal; er is niets veranderd",
            en: "name: '\(name)' is already the name of a patient in this practice (names are "
                + "unique across the practice, compared without regard to case); choose another "
                + "name, for example with an initial; nothing changed")
    }

    static func loginTaken(_ login: String) -> LocalizedText {
        LocalizedText(
            nl: "login: '\(login)' is al de login van een andere patiënt; geef deze patiënt een "
                + "eigen login; er is niets veranderd",
            en: "login: '\(login)' is already another patient's login; give this patient a "
                + "login of their own; nothing changed")
    }

    /// A patient login's import: into which record, under which name, and what of the file
    /// the record kept its own of, one line each.
    static func movedIn(_ moved: ClinicStore.MoveIn, fileName: String) -> [LocalizedText] {
        let clinic = moved.clinicName
        var lines = [
            LocalizedText(
                nl: "geïmporteerd in uw eigen dossier '\(clinic)' in de kliniek: "
                    + "\(moved.counts.sessions) trainingen, \(moved.counts.mornings) "
                    + "ochtendchecks",
                en: "imported into your own record '\(clinic)' in the clinic: "
                    + "\(moved.counts.sessions) sessions, \(moved.counts.mornings) morning checks")
        ]
        if fileName != clinic {
            lines.append(
                LocalizedText(
                    nl: "het bestand noemt u '\(fileName)'; de naam in de kliniek blijft "
                        + "'\(clinic)'",
                    en: "the file calls you '\(fileName)'; your name in the clinic stays "
                        + "'\(clinic)'"))
        }
        for kept in moved.kept { lines.append(Self.kept(kept)) }
        return lines
    }

    static func kept(_ kept: ClinicStore.Kept) -> LocalizedText {
        switch kept {
        case .plan(let file, let clinic):
            LocalizedText(
                nl: "plan: uw plan '\(clinic)' in de kliniek blijft; het plan '\(file)' uit het "
                    + "bestand (met zijn fasewissels en aanpassingen) is niet geïmporteerd",
                en: "plan: your plan '\(clinic)' in the clinic stays; the file's plan '\(file)' "
                    + "(with its phase changes and tuning) was not imported")
        case .language(let file, let clinic):
            LocalizedText(
                nl: "taal: '\(clinic.rawValue)' in de kliniek blijft; '\(file.rawValue)' uit het "
                    + "bestand is niet overgenomen",
                en: "language: '\(clinic.rawValue)' in the clinic stays; the file's "
                    + "'\(file.rawValue)' was not taken")
        case .discharge(let file, let clinic):
            LocalizedText(
                nl: "ontslag: het ontslag van \(clinic.iso) in de kliniek blijft; dat van "
                    + "\(file.iso) uit het bestand is niet geïmporteerd",
                en: "discharge: the clinic's discharge of \(clinic.iso) stays; the file's of "
                    + "\(file.iso) was not imported")
        case .shoe(let name):
            LocalizedText(
                nl: "schoen: '\(name)' staat al in uw dossier; die uit het bestand is niet "
                    + "toegevoegd (de trainingen houden hun schoen)",
                en: "shoe: '\(name)' is already in your record; the file's was not added (its "
                    + "sessions keep their shoe)")
        case .archived:
            LocalizedText(
                nl: "archief: het bestand zette u in het archief; in de kliniek blijft uw "
                    + "dossier actief (dat beslist uw fysio)",
                en: "archived: the file marked you archived; in the clinic your record stays "
                    + "active (your physio decides that)")
        }
    }

    static func assigned(_ name: String, physio: String) -> LocalizedText {
        LocalizedText(
            nl: "\(physio) hoort nu bij het zorgteam van \(name)",
            en: "\(physio) is now in \(name)'s care team")
    }
}
