import ArgumentParser
import Foundation
import RehabApp
import RehabCore
import RehabPlans

/// The instruments a command may use: the three built-in measures and the questionnaire files.
struct MeasureShelf {
    let library: QuestionnaireLibrary
    let questionnaires: [Instrument]
    let problems: [PlanError]

    init(context: Context, folder: String?) throws {
        library = QuestionnaireLibrary.standard(explicit: folder, environment: context.environment)
        if library.explicit, !library.folderExists {
            throw Failure(
                message: context.say(
                    LocalizedText(
                        nl: "questionnaires: map \(library.folder) bestaat niet",
                        en: "questionnaires: folder \(library.folder) does not exist")))
        }
        (questionnaires, problems) = library.all()
    }

    var all: [Instrument] { Instrument.builtIn + questionnaires }

    func instrument(_ id: String, context: Context) throws -> Instrument {
        if let found = all.first(where: { $0.id == id }) { return found }
        // A broken file of that name says why it is missing.
        let own = problems.filter {
            URL(fileURLWithPath: $0.file).deletingPathExtension().lastPathComponent == id
        }
        if !own.isEmpty {
            let lines = own.map { $0.description(context.language) }
            throw Failure(message: lines.joined(separator: "\n"))
        }
        throw Failure(
            message: context.say(
                MeasurePhrase.error(.unknownInstrument(id, known: all.map(\.id)))))
    }

    /// The instrument for a stored id; a questionnaire whose file is gone is shown by its id.
    func known(_ id: String) -> Instrument? { all.first { $0.id == id } }
}

extension Context {
    /// Runs a measure or note step, turning refusals into messages in the user's language.
    @discardableResult
    func measuring<T>(_ body: () throws -> T) throws -> T {
        do {
            return try storing(body)
        } catch let error as MeasureError {
            throw fail(MeasurePhrase.error(error))
        }
    }

    /// The schedule in force: the plan's own, else the default.
    func measuresDue(_ followed: FollowedPlan, measurements: [MeasureRecord], on day: Day)
        -> [MeasureDue]
    {
        let status = followed.status(on: day)
        return MeasureSchedule.due(
            plan: followed.plan, assignment: followed.assignment, measurements: measurements,
            today: day,
            discharging: status.suggestions.contains { $0.code == .planComplete })
    }
}

struct MeasureCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "measure",
        abstract: .translated(
            "Record an outcome measure: psfs, nprs, gpe or a questionnaire file's id."),
        discussion: .translated(
            """
            rehab measure psfs "stairs=4" "running 5 km=2"   activities scored 0-10 (the first \
            time 1-5 of them; later the same ones)
            rehab measure nprs 5                               average pain over the past week, 0-10
            rehab measure gpe much_better                      much_worse worse slightly_worse \
            unchanged slightly_better better much_better (from the second time on)
            rehab measure knee_function q1=3 q2=2 q3=4 q4=1    a questionnaire file, every item
            """))
    @OptionGroup var global: GlobalOptions
    @OptionGroup var questionnaireFolder: QuestionnaireFolder
    @Option(help: .translated("Date YYYY-MM-DD (default today).")) var date: String?
    @Flag(help: .translated("Print what was stored as JSON.")) var json = false
    @Argument(help: .translated("psfs, nprs, gpe or a questionnaire id.")) var instrument: String
    @Argument(help: .translated("ITEM=SCORE answers (nprs: one score; gpe: one step)."))
    var answers: [String] =
        []

    func run() throws {
        let context = try Context(global)
        let shelf = try MeasureShelf(context: context, folder: questionnaireFolder.questionnaires)
        let chosen = try shelf.instrument(instrument.lowercased(), context: context)
        let day = try context.date(date)
        let parsed = try context.measuring { try MeasureInput.answers(answers, for: chosen) }
        let store = try context.openStore()
        let patient = try context.resolvePatient(store)
        if let assignment = try context.storing({ try store.assignment(patientID: patient.id) }),
            day < assignment.startDate
        {
            throw context.fail(
                Phrase.beforePlanStart(field: "date", date: day, start: assignment.startDate))
        }
        let earlier = try context.storing { try store.measurements(patientID: patient.id) }
            .filter { $0.date <= day }
        // Questionnaires are checked here, against their file; the store checks the built-ins.
        let checked = try context.measuring {
            try MeasureInput.check(parsed, for: chosen, earlier: earlier, on: day)
        }
        let record = MeasureRecord(date: day, instrument: chosen.id, answers: checked)
        try context.measuring { try store.addMeasurement(patientID: patient.id, record) }
        let all = try context.storing { try store.measurements(patientID: patient.id) }
        let course = MeasureCourse.of(chosen, in: all)
        if json {
            try context.printJSON(
                MeasureJSON(chosen, course: course, records: all, language: context.language))
            return
        }
        let score = chosen.score(checked).map { MeasureText.score($0, chosen, context.language) }
        print(
            context.say(
                MeasurePhrase.stored(
                    chosen.names.text(context.language), date: day, score: score ?? "")
            ))
        if let course, course.points.count > 1 || course.meaning != nil {
            print(
                "  " + MeasureText.course(course, context.language) + " · "
                    + MeasureText.mcid(chosen, context.language))
        }
    }
}

struct MeasuresCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "measures",
        abstract: .translated(
            "Outcome measures so far: the change since the first score and the MCID."))
    @OptionGroup var global: GlobalOptions
    @OptionGroup var questionnaireFolder: QuestionnaireFolder
    @Flag(help: .translated("Machine-readable output.")) var json = false

    func run() throws {
        let context = try Context(global)
        let shelf = try MeasureShelf(context: context, folder: questionnaireFolder.questionnaires)
        let store = try context.openStore()
        let patient = try context.resolvePatient(store)
        let records = try context.storing { try store.measurements(patientID: patient.id) }
        let language = context.language
        var due: [MeasureDue] = []
        if (try? store.assignment(patientID: patient.id)) != nil,
            let followed = try? context.followedPlan(store)
        {
            due = context.measuresDue(followed, measurements: records, on: context.today)
        }
        let ids = records.map(\.instrument).reduce(into: [String]()) {
            if !$0.contains($1) { $0.append($1) }
        }
        let courses = ids.compactMap { id in
            shelf.known(id).flatMap { MeasureCourse.of($0, in: records) }
        }
        if json {
            try context.printJSON(
                MeasuresJSON(
                    patient: patient.name, date: context.today.iso,
                    measures: courses.map {
                        MeasureJSON($0.instrument, course: $0, records: records, language: language)
                    },
                    due: due.map(MeasureDueJSON.init)))
            return
        }
        if records.isEmpty { print(context.say(MeasurePhrase.noMeasures())) }
        for course in courses {
            let i = course.instrument
            print("\(i.names.text(language)) · \(MeasureText.mcid(i, language))")
            for point in course.points {
                print("  \(point.day.iso)  \(MeasureText.score(point.score, i, language))")
            }
            if course.points.count > 1 || course.meaning != nil {
                print("  = " + MeasureText.course(course, language))
            }
            for item in course.perItem {
                print("    \(item.item): \(item.first) → \(item.latest)")
            }
        }
        for id in ids where shelf.known(id) == nil {
            print(
                context.say(
                    LocalizedText(
                        nl: "\(id): vragenlijstbestand niet gevonden; de antwoorden zijn bewaard",
                        en: "\(id): questionnaire file not found; the answers are kept")))
        }
        for d in due {
            let name = shelf.known(d.instrument)?.names.text(language) ?? d.instrument
            print(
                context.say(
                    MeasurePhrase.due(name, reason: d.reason, since: d.since, overdue: d.overdue)))
        }
    }
}

struct QuestionnairesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "questionnaires",
        abstract: .translated("The measures available: built-in ones and questionnaire files."),
        subcommands: [QuestionnairesList.self, QuestionnairesCheck.self],
        defaultSubcommand: QuestionnairesList.self)
}

struct QuestionnairesList: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: .translated("List the measures and questionnaire files."))
    @OptionGroup var global: GlobalOptions
    @OptionGroup var questionnaireFolder: QuestionnaireFolder

    func run() throws {
        let context = try Context(global)
        let shelf = try MeasureShelf(context: context, folder: questionnaireFolder.questionnaires)
        let language = context.language
        for i in shelf.all {
            let items: LocalizedText
            switch i.items {
            case .fixed(let list):
                items =
                    list.count == 1
                    ? LocalizedText(nl: "1 vraag", en: "1 item")
                    : LocalizedText(nl: "\(list.count) vragen", en: "\(list.count) items")
            case .patientSpecific(let range):
                items = LocalizedText(
                    nl: "\(range.lowerBound)-\(range.upperBound) eigen activiteiten",
                    en: "\(range.lowerBound)-\(range.upperBound) own activities")
            }
            print(
                "\(i.id)  \(i.names.text(language)) · \(context.say(items)), \(i.method.rawValue) "
                    + "\(MeasureText.number(i.scoreRange.lowerBound))…"
                    + "\(MeasureText.number(i.scoreRange.upperBound)) · "
                    + MeasureText.mcid(i, language))
            print("    \(i.source)")
        }
        for problem in shelf.problems { print(problem.description(language)) }
    }
}

struct QuestionnairesCheck: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: .translated("Validate questionnaire files (file:line:column errors)."))
    @OptionGroup var global: GlobalOptions
    @Argument(help: .translated("Questionnaire files.")) var files: [String]

    func run() throws {
        let context = try Context(global)
        var failed = false
        for file in files {
            let problems = QuestionnaireFile.check(path: file)
            if problems.isEmpty {
                print("\(file): OK")
            } else {
                failed = true
                for p in problems { print(p.description(context.language)) }
            }
        }
        if failed { throw ExitCode(1) }
    }
}

struct NoteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "note", abstract: .translated("Add a dated clinical note about the patient."))
    @OptionGroup var global: GlobalOptions
    @Option(help: .translated("Date YYYY-MM-DD (default today).")) var date: String?
    @Argument(help: .translated("The note.")) var text: String

    func run() throws {
        let context = try Context(global)
        let day = try context.date(date)
        guard !text.allSatisfy(\.isWhitespace) else {
            throw context.fail(MeasurePhrase.noteEmpty())
        }
        _ = try context.check { try Validate.text(text, field: "note") }
        let store = try context.openStore()
        let patient = try context.resolvePatient(store)
        try context.measuring {
            try store.addNote(patientID: patient.id, ClinicalNote(date: day, text: text))
        }
        print(context.say(MeasurePhrase.noteStored(day)))
    }
}

struct NotesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notes", abstract: .translated("The patient's clinical notes, oldest first."))
    @OptionGroup var global: GlobalOptions
    @Flag(help: .translated("Machine-readable output.")) var json = false

    struct NoteJSON: Encodable {
        let date: String
        let text: String
    }

    func run() throws {
        let context = try Context(global)
        let store = try context.openStore()
        let patient = try context.resolvePatient(store)
        let notes = try context.storing { try store.notes(patientID: patient.id) }
        if json {
            try context.printJSON(notes.map { NoteJSON(date: $0.date.iso, text: $0.text) })
            return
        }
        if notes.isEmpty {
            print(context.say(MeasurePhrase.noNotes(writes: store.readerDecidesCare)))
        }
        for note in notes {
            let lines = note.text.split(separator: "\n", omittingEmptySubsequences: false)
            print("\(note.date.iso)  " + lines.joined(separator: "\n            "))
        }
        // The last note is the last review: what the patient logged after it is what is new.
        if let last = notes.last?.date {
            let history = try context.storing { try store.history(patientID: patient.id) }
            let measures = try context.storing { try store.measurements(patientID: patient.id) }
            let sessions = history.sessions.filter { $0.date > last }
            let mornings = history.mornings.filter { $0.date > last }
            let flags =
                sessions.reduce(0) { $0 + $1.flags.count }
                + mornings.reduce(0) { $0 + $1.flags.count }
            print(
                context.say(
                    MeasurePhrase.sinceReview(
                        last, sessions: sessions.count, mornings: mornings.count,
                        measures: measures.filter { $0.date > last }.count, flags: flags)))
        }
    }
}

// MARK: - JSON

struct MeasureDueJSON: Encodable {
    let id: String
    let reason: String
    let since: String
    let overdue: Bool
    let everyDays: Int?
    let phase: String?

    enum CodingKeys: String, CodingKey {
        case id, reason, since, overdue, phase
        case everyDays = "every_days"
    }

    init(_ d: MeasureDue) {
        id = d.instrument
        reason = d.reason.code
        since = d.since.iso
        overdue = d.overdue
        if case .every(let days) = d.reason { everyDays = days } else { everyDays = nil }
        if case .phaseChange(let p) = d.reason { phase = p } else { phase = nil }
    }
}

struct MeasuresJSON: Encodable {
    let patient: String
    let date: String
    let measures: [MeasureJSON]
    let due: [MeasureDueJSON]
}

struct MeasureJSON: Encodable {
    struct Score: Encodable {
        let date: String
        let score: Double
        let answers: [ItemAnswer]
    }
    struct Item: Encodable {
        let item: String
        let first: Int
        let latest: Int
    }
    let id: String
    let name: String
    let mcid: Double
    @NullWhenAbsent var mcidPercent: Double?
    let higherIsBetter: Bool
    let scores: [Score]
    @NullWhenAbsent var change: Double?
    /// To a tenth of a percent.
    @NullWhenAbsent var percent: Double?
    @NullWhenAbsent var meaning: String?
    let reachesMCID: Bool
    let items: [Item]

    enum CodingKeys: String, CodingKey {
        case id, name, mcid, scores, change, percent, meaning, items
        case mcidPercent = "mcid_percent"
        case higherIsBetter = "higher_is_better"
        case reachesMCID = "reaches_mcid"
    }

    init(_ i: Instrument, course: MeasureCourse?, records: [MeasureRecord], language: Language) {
        id = i.id
        name = i.names.text(language)
        mcid = i.mcid
        mcidPercent = i.mcidPercent
        higherIsBetter = i.higherIsBetter
        scores = records.filter { $0.instrument == i.id }.compactMap { r in
            i.score(r.answers).map { Score(date: r.date.iso, score: $0, answers: r.answers) }
        }
        change = course?.change?.delta
        percent = course?.change?.percent.map { ($0 * 10).rounded() / 10 }
        let meaning = course?.change?.meaning ?? course?.meaning
        self.meaning = meaning?.rawValue
        reachesMCID = meaning == .improved || meaning == .worse
        items =
            course?.perItem.map { Item(item: $0.item, first: $0.first, latest: $0.latest) } ?? []
    }
}

// The activity log (rehab.log): measures and notes change data; a discharge writes a report.
extension MeasureCommand: ChangesData { static let logName = "measure" }
extension NoteCommand: ChangesData { static let logName = "note" }
extension DischargeCommand: ChangesData { static let logName = "discharge" }

/// `--questionnaires FOLDER`, for every command that reads outcome measures.
struct QuestionnaireFolder: ParsableArguments {
    @Option(
        help: .translated(
            "Questionnaire files folder (default $XDG_DATA_HOME/rehab/questionnaires)."))
    var questionnaires: String?
}
