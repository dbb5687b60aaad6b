import ArgumentParser
import Foundation
import RehabApp
import RehabCore
import RehabPlans
import RehabPostgres
import RehabSQLite
import RehabStorage

/// Options every command takes.
struct GlobalOptions: ParsableArguments {
    @Option(
        help: .translated(
            "Database file, or a clinic's postgresql:// URL (default: $REHAB_DB, else "
                + "$XDG_DATA_HOME/rehab/rehab.sqlite)."))
    var db: String?

    @Option(
        help: .translated(
            "Language of messages: nl or en (default: $REHAB_LANG, config.yaml, LANG)."))
    var lang: String?

    @Option(
        help: .translated("Patient name (default: $REHAB_PATIENT, config.yaml, the only patient)."))
    var patient: String?

    @Option(
        help: .translated(
            "Plan files that add to or override the built-in ones (also read: "
                + "$XDG_DATA_HOME/rehab/plans)."))
    var plans: String?
}

extension GlobalOptions {
    static let names: Set<String> = ["--db", "--lang", "--patient", "--plans"]

    /// How many words the option every command takes at `index` spans: 1 for `--lang=nl`, 2
    /// for `--lang nl`; nil for any other word, or such an option without its value.
    static func wordsTaken(_ arguments: [String], at index: Int) -> Int? {
        let word = arguments[index]
        guard names.contains(String(word.prefix { $0 != "=" })) else { return nil }
        if word.contains("=") { return 1 }
        return index + 1 < arguments.count ? 2 : nil
    }

    /// `rehab --db X status` as `rehab status --db X`: the options every command takes may
    /// come before the command's name, as in git or hledger (the parser would give them to
    /// the app, the default command, and refuse `status`). Only a run of these options
    /// followed by a command's name moves, to the end (before a `--`).
    /// `commands` is asked for only when such a run comes first: working out every command's
    /// name reflects on each command type, a cost every start paid for nothing.
    static func movedAfterCommand(
        _ arguments: [String], commands: @autoclosure () -> Set<String>
    ) -> [String] {
        var leading: [String] = []
        var i = 0
        while i < arguments.count, let taken = wordsTaken(arguments, at: i) {
            leading += arguments[i..<i + taken]
            i += taken
        }
        guard !leading.isEmpty, i < arguments.count, commands().contains(arguments[i]) else {
            return arguments
        }
        var rest = Array(arguments[i...])
        rest.insert(contentsOf: leading, at: rest.firstIndex(of: "--") ?? rest.count)
        return rest
    }
}

enum Environment {
    /// The locale that decides the language, in POSIX precedence.
    static func localeName(_ env: [String: String]) -> String? {
        for key in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let value = env[key], !value.isEmpty { return value }
        }
        return nil
    }
}

/// What a command needs from the outside world, read once: language, today, the database, plans.
struct Context {
    let options: GlobalOptions
    let language: Language
    let today: Day
    let environment: [String: String]
    /// The user's config file; flags and REHAB_* variables win over it.
    let settings: Settings
    let shelf = PlanShelf()

    init(_ options: GlobalOptions) throws {
        self.options = options
        environment = ProcessInfo.processInfo.environment
        let lang = options.lang ?? environment["REHAB_LANG"].flatMap { $0.isEmpty ? nil : $0 }
        settings = try Context.readSettings(
            environment, language: lang.flatMap { Language(rawValue: $0.lowercased()) })
        if let lang {
            guard let chosen = Language(rawValue: lang.lowercased()) else {
                throw Failure(message: Phrase.unknownLanguage(lang).text(.en))
            }
            language = chosen
        } else {
            language = settings.language ?? Language.fromLocale(Environment.localeName(environment))
        }
        if let fixed = environment["REHAB_TODAY"], !fixed.isEmpty {
            guard let day = Day(iso: fixed) else {
                throw Failure(message: Phrase.invalidToday(fixed).text(language))
            }
            // A fixed today is for tests and demos: 9999-12-31 would show "day 2912384".
            guard Context.todayRange.contains(day) else {
                throw Failure(message: Phrase.todayOutOfRange(fixed).text(language))
            }
            today = day
        } else {
            today = Context.localToday()
        }
    }

    /// The machine's date where it is (TZ, else /etc/localtime), from the C library: Foundation's
    /// `Calendar.current` loads ICU's calendar and time zone data first, about 3 M instructions
    /// and a few files of every command's start, for the same three numbers.
    static func localToday() -> Day {
        var now = time(nil)
        var local = tm()
        guard localtime_r(&now, &local) != nil else { return Day(number: Int(now / 86_400)) }
        return Day(
            year: Int(local.tm_year) + 1900, month: Int(local.tm_mon) + 1, day: Int(local.tm_mday))
            ?? Day(number: Int(now / 86_400))
    }

    /// `config.yaml`, or a failure listing its problems as file:line:column lines, in the
    /// language chosen by --lang or REHAB_LANG, else the locale's (the file's own `language`
    /// cannot be trusted when the file is broken).
    static func readSettings(_ environment: [String: String], language chosen: Language?) throws
        -> Settings
    {
        do {
            return try ConfigFile.load(path: ConfigFile.path(environment: environment))
        } catch {
            let language = chosen ?? Language.fromLocale(Environment.localeName(environment))
            let lines = error.errors.map { "  " + $0.description(language) }
            throw Failure(
                message: ([Phrase.configInvalid().text(language)] + lines).joined(separator: "\n"))
        }
    }

    func say(_ text: LocalizedText) -> String { text.text(language) }

    func fail(_ text: LocalizedText) -> Failure { Failure(message: say(text)) }

    var messages: Messages { Messages(language) }

    var databasePath: String {
        if let db = options.db, !db.isEmpty { return db }
        if let db = environment["REHAB_DB"], !db.isEmpty { return db }
        return Store.defaultPath(environment: environment)
    }

    /// Whether --db names a clinic's PostgreSQL database rather than a SQLite file.
    var isClinic: Bool { ClinicURL.isClinic(databasePath) }

    /// The patients' data, behind the storage protocol: commands ask it what they need and
    /// do not know which database answers.
    /// A `postgresql://` URL opens the clinic's database as the login in it (`ClinicStore`),
    /// anything else the SQLite file.
    func openStore() throws -> any RehabRepository {
        let value = databasePath
        if ClinicURL.isClinic(value) { return try openClinic(value) }
        return try openSQLite()
    }

    /// The clinic's store, refused (with the reason) for the owner, a superuser or a login
    /// that is neither a physio nor a patient.
    /// `auditOnly`: for `rehab audit`, which the administration may run too.
    func openClinic(_ value: String, auditOnly: Bool = false) throws -> ClinicStore {
        let shown = ClinicURL.redacted(value)
        do {
            let url = try ClinicURL(value, environment: environment)
            return try ClinicStore(
                url, environment: environment, purpose: Context.commandName, auditOnly: auditOnly)
        } catch let refusal as ClinicStore.Refusal {
            throw fail(StoragePhrase.at(LocalizedText(verbatim: shown), refusal.text))
        } catch {
            throw fail(RefusalPhrase.text(error))
        }
    }

    /// The command being run ("status", "measures"), for the clinic's access log.
    static var commandName: String {
        let names = Set(RehabCommand.configuration.subcommands.map { $0._commandName })
        return CommandLine.arguments.dropFirst().first { names.contains($0) } ?? "app"
    }

    /// The SQLite file itself, for what only a file can do (a backup copy).
    func openSQLite() throws -> Store {
        let path = databasePath
        // A postgresql:// URL is never a file name (it once made a folder "postgresql:").
        if ClinicURL.isClinic(path) {
            throw fail(ClinicPhrase.notAFile(ClinicURL.redacted(path)))
        }
        do {
            return try Store(path: path)
        } catch let error as StoreError {
            throw describe(error)
        } catch {
            throw fail(Phrase.cannotOpen(path, reason: say(RefusalPhrase.text(error))))
        }
    }

    func describe(_ error: StoreError) -> Failure { fail(RefusalPhrase.store(error)) }

    /// A store or codec error as one line, in both languages for `say`.
    func explain(_ error: Error) -> LocalizedText { RefusalPhrase.text(error) }

    /// What a command reads after its change is stored: a failure there (a clinic connection
    /// that broke just after the commit) must not read as if the change were lost, or the
    /// user enters it twice.
    func afterSaving<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let failure as Failure {
            throw Failure(message: say(Phrase.savedButThen(failure.message)))
        } catch {
            throw Failure(message: say(Phrase.savedButThen(say(RefusalPhrase.text(error)))))
        }
    }

    /// Runs a store call, turning its errors into messages in the user's language.
    func storing<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as StoreError {
            throw describe(error)
        } catch let error as RehabCore.ValidationError {
            // The store checks every record again; its refusal names the field like ours.
            throw Failure(message: messages.validation(error))
        }
    }

    // MARK: plans

    /// `--plans DIR`, then the user's plan folder, then the built-in catalogue.
    var planLibrary: PlanLibrary {
        PlanLibrary.standard(explicit: options.plans, environment: environment)
    }

    var planDirectories: [String] { planLibrary.folders }

    /// A `--plans DIR` that is not a folder is refused rather than silently ignored.
    func checkPlanFolders() throws {
        if let missing = planLibrary.missingFolders(environment: environment).first {
            throw fail(Phrase.noPlanFolder(missing))
        }
    }

    func loadCatalog() throws -> [Plan] {
        try loadLocatedCatalog().map(\.plan)
    }

    /// Every plan with where it was read from; files with errors are reported on stderr.
    func loadLocatedCatalog() throws -> [LocatedPlan] {
        try checkPlanFolders()
        let (plans, errors) = planLibrary.all()
        for error in errors {
            writeError(("rehab: \(error.description(language))\n"))
        }
        if plans.isEmpty && errors.isEmpty { throw fail(Phrase.noPlansFound(planDirectories)) }
        for located in plans where shelf.plans[located.plan.id] == nil {
            shelf.plans[located.plan.id] = located.plan
        }
        return plans
    }

    /// One plan by id: reads only its own file, so a command stays fast with a large catalogue.
    func loadPlan(_ id: String) throws -> Plan {
        if let plan = shelf.plans[id] { return plan }
        let plan = try locatePlan(id).plan
        shelf.plans[id] = plan
        return plan
    }

    /// One plan by id and where it comes from.
    func locatePlan(_ id: String) throws -> LocatedPlan {
        try checkPlanFolders()
        let found: LocatedPlan?
        do {
            found = try planLibrary.plan(id)
        } catch {
            throw Failure(message: error.description(language))
        }
        guard let found else {
            let known = (try? loadCatalog().map(\.id)) ?? []
            throw fail(Phrase.unknownPlan(id, known: known))
        }
        return found
    }

    // MARK: patients

    /// The patient named by --patient (exact, else unique prefix, case-insensitive), or the only one.
    func resolvePatient(_ store: any RehabRepository) throws -> PatientRecord {
        let all = try storing { try store.patients(includeArchived: true) }
        let fromEnvironment = environment["REHAB_PATIENT"].flatMap { $0.isEmpty ? nil : $0 }
        guard let wanted = options.patient ?? fromEnvironment ?? settings.patient else {
            let active = all.filter { !$0.archived }
            if active.count == 1 { return active[0] }
            if active.isEmpty { throw fail(Phrase.noPatients()) }
            throw fail(Phrase.choosePatient(active.map(\.name)))
        }
        if let exact = all.first(where: { Naming.same($0.name, wanted) }) { return exact }
        let matches = all.filter { Naming.hasPrefix($0.name, wanted) }
        if matches.count == 1 { return matches[0] }
        if matches.count > 1 {
            throw fail(Phrase.ambiguousPatient(wanted, matches: matches.map(\.name)))
        }
        throw fail(unknownPatient(wanted, all: all))
    }

    /// "no patient called 'Sam de Vris'; did you mean 'Sam de Vries'?": the names a typo away
    /// (as `CommandSuggestion` judges one), else those that contain what was typed.
    func unknownPatient(_ wanted: String, all: [PatientRecord]) -> LocalizedText {
        let key = Naming.key(wanted)
        let keyed = all.map { (name: $0.name, key: Naming.key($0.name)) }
        var near = CommandSuggestion.typos(of: key, among: keyed)
        if near.isEmpty, key.count >= 3 {
            near = keyed.filter { $0.key.contains(key) }.map(\.name).sorted()
        }
        return Phrase.unknownPatient(
            wanted, known: all.map(\.name), near: Array(near.prefix(3)))
    }

    /// A patient with a started plan, and everything the engine needs about them. With
    /// `judging`, only the history the engine reads to judge that day and later ones (see
    /// `Engine.firstDayRead`): the same answers without reading years of log.
    func followedPlan(_ store: any RehabRepository, judging day: Day? = nil) throws -> FollowedPlan
    {
        let patient = try resolvePatient(store)
        let followed = try storing {
            try FollowedPlan.load(patient, from: store, judging: day) { try template($0) }
        }
        guard let followed else { throw fail(Phrase.noPlan(patient.name)) }
        return followed
    }

    /// The followed plan for a log dated `day`, which may not be before the plan started.
    func followedPlan(_ store: any RehabRepository, loggingOn day: Day) throws -> FollowedPlan {
        // Only the plan and the patient are read here: today's window is enough.
        let followed = try followedPlan(store, judging: today)
        guard day >= followed.assignment.startDate else {
            throw fail(
                Phrase.beforePlanStart(
                    field: "date", date: day, start: followed.assignment.startDate))
        }
        return followed
    }

    // MARK: values

    /// Validates a value at the entry point and names the field on failure.
    func check<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as RehabCore.ValidationError {
            throw Failure(message: messages.validation(error))
        }
    }

    func date(_ text: String?, field: String = "date") throws -> Day {
        guard let text else { return today }
        return try check { try Validate.date(text, field: field, today: today) }
    }

    /// A whole number in `range` from an option, nil when the option is not given.
    func integer(_ text: String?, field: String, in range: ClosedRange<Int>) throws -> Int? {
        try text.map { v in try check { try Validate.integer(v, field: field, in: range) } }
    }

    // MARK: output

    func printJSON(_ value: some Encodable) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(value)
        emitData(String(decoding: data, as: UTF8.self), json: true)
    }
}

extension Context {
    /// `--format` of a report: "md" (the default) or "html", in any case.
    func reportFormat(_ format: String?) throws -> String {
        let kind = (format ?? "md").lowercased()
        guard kind == "md" || kind == "html" else {
            throw Failure(
                message: messages.validation(
                    RehabCore.ValidationError(
                        field: "format", value: format ?? "", allowed: .oneOf(["md", "html"]))))
        }
        return kind
    }
}
