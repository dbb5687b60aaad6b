import ArgumentParser
import Foundation
import RehabApp
import RehabCore
import RehabFiles
import RehabStorage

struct PatientsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "patients",
        abstract: .translated("List, add, rename, archive and delete patients."),
        subcommands: [List.self, Add.self, Rename.self, Archive.self, Delete.self],
        defaultSubcommand: List.self
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: .translated("List patients with their plan and phase."))
        @OptionGroup var global: GlobalOptions
        @Flag(help: .translated("Machine-readable output.")) var json = false
        @Flag(help: .translated("Include archived patients.")) var archived = false

        func run() throws {
            let context = try Context(global)
            let store = try context.openStore()
            let overviews = try PatientOverview.roster(
                store: store, includeArchived: archived, context: context)
            let reviews = try context.storing {
                try PatientReview.loadAll(overviews, store: store)
            }
            // In the order the app's Patients screen ranks them (`PatientAttention`).
            let rows = PatientAttention.ordered(Array(zip(overviews, reviews))) {
                PatientAttention($0.0, review: $0.1, today: context.today)
            }
            if json {
                try context.printJSON(
                    rows.map { PatientJSON($0.0, review: $0.1, today: context.today) })
                return
            }
            if rows.isEmpty {
                print(context.say(Phrase.noPatientsListed()))
                return
            }
            print(PatientTable(rows: rows, context: context).render())
            print(
                context.say(
                    Phrase.sinceNoteExplained(ownNotes: store.readerDecidesCare)))
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add", abstract: .translated("Add a patient."))
        @OptionGroup var global: GlobalOptions
        @Argument(help: .translated("The patient's name.")) var name: String

        func run() throws {
            let context = try Context(global)
            let name = try context.check { try Validate.name(self.name, field: "name") }
            let store = try context.openStore()
            let patient = try context.storing { try store.addPatient(name: name, language: nil) }
            print(context.say(Phrase.patientAdded(patient.name)))
            context.noteMixedScripts(patient.name)
        }
    }
}

struct PatientJSON: Encodable {
    let name: String
    @NullWhenAbsent var plan: String?
    @NullWhenAbsent var variant: String?
    @NullWhenAbsent var phase: String?
    @NullWhenAbsent var since: String?
    let archived: Bool
    @NullWhenAbsent var phaseDay: Int?
    @NullWhenAbsent var level: String?
    @NullWhenAbsent var lastLog: String?
    @NullWhenAbsent var daysSinceLog: Int?
    let openFlags: [String]
    let sinceReview: ReviewJSON
    let measuresDue: [DueJSON]
    @NullWhenAbsent var discharged: DischargeJSON?

    init(_ row: PatientOverview, review: PatientReview, today: Day) {
        name = row.patient.name
        plan = row.assignment?.planID
        variant = row.assignment?.variantID
        phase = row.status?.phase.phase.id ?? row.assignment?.currentPhase?.phase
        since = row.assignment?.currentPhase?.date.iso
        archived = row.patient.archived
        phaseDay = row.status?.phase.day
        level = row.status?.verdict.level.rawValue
        lastLog = row.lastLog?.iso
        daysSinceLog = row.daysSinceLog(today: today)
        openFlags = row.status?.openFlags.map(\.flag) ?? []
        sinceReview = ReviewJSON(review.changes)
        measuresDue = review.measuresDue.map(DueJSON.init)
        discharged = review.discharged.map(DischargeJSON.init)
    }

    struct DischargeJSON: Encodable {
        let date: String
        let by: String
        let early: Bool
        init(_ d: Discharge) {
            date = d.date.iso
            by = d.by
            early = d.early
        }
    }

    /// What was recorded since the last clinical note (the last review).
    struct ReviewJSON: Encodable {
        @NullWhenAbsent var lastNote: String?
        let changed: Bool
        let sessions: Int
        let mornings: Int
        let measures: Int
        let redFlags: [FlagJSON]

        init(_ c: ReviewChanges) {
            lastNote = c.lastReview?.iso
            changed = c.isChanged
            sessions = c.sessions
            mornings = c.mornings
            measures = c.measures
            redFlags = c.redFlags.map(FlagJSON.init)
        }
        enum CodingKeys: String, CodingKey {
            case changed, sessions, mornings, measures
            case lastNote = "last_note"
            case redFlags = "red_flags"
        }
    }

    struct FlagJSON: Encodable {
        let flag: String
        let date: String
        init(_ r: FlagReport) {
            flag = r.flag
            date = r.date.iso
        }
    }

    struct DueJSON: Encodable {
        let measure: String
        let reason: String
        let since: String
        let overdue: Bool
        init(_ d: MeasureDue) {
            measure = d.instrument
            reason = d.reason.code
            since = d.since.iso
            overdue = d.overdue
        }
    }

    enum CodingKeys: String, CodingKey {
        case name, plan, variant, phase, since, archived, level, discharged
        case sinceReview = "since_review"
        case measuresDue = "measures_due"
        case phaseDay = "phase_day"
        case lastLog = "last_log"
        case daysSinceLog = "days_since_log"
        case openFlags = "open_flags"
    }
}

/// The patient list as a table: open red flags first, a '!' before their names.
struct PatientTable {
    let rows: [(PatientOverview, PatientReview)]
    let context: Context

    func render() -> String {
        let m = context.messages
        var table = [
            (Phrase.patientColumns()
                + [ReviewPhrase.reviewColumn(), ReviewPhrase.measuresColumn()]).map {
                    context.say($0)
                }
        ]
        for (row, review) in rows {
            let archived = row.patient.archived ? " (\(context.say(Phrase.archivedMark())))" : ""
            let plan =
                row.assignment.map { a in
                    [a.planID, a.variantID].compactMap { $0 }
                        .joined(separator: "/")
                } ?? context.say(Phrase.noPlanLabel())
            table.append([
                (row.openFlags > 0 ? "! " : "") + row.patient.name + archived, plan,
                row.status?.phase.phase.id ?? "-", row.status.map { String($0.phase.day) } ?? "-",
                review.discharged != nil
                    ? context.say(ReviewPhrase.dischargedShort())
                    : row.status.map { m.level($0.verdict.level) } ?? "-",
                row.daysSinceLog(today: context.today).map { context.say(Phrase.daysAgo($0)) }
                    ?? context.say(Phrase.neverLogged()),
                row.openFlags > 0 ? String(row.openFlags) : "-",
                sinceNote(review.changes), due(review.measuresDue),
            ])
        }
        return textTable(table, columns: Array(table[0].indices), rightAligned: [3, 6])
            .joined(separator: "\n")
    }

    /// "2 sessions, 1 red flag" since the last note; "-" when nothing is new.
    func sinceNote(_ c: ReviewChanges) -> String {
        guard c.isChanged else { return "-" }
        let parts = [
            c.sessions > 0 ? ReviewPhrase.sessions(c.sessions) : nil,
            c.mornings > 0 ? ReviewPhrase.mornings(c.mornings) : nil,
            c.measures > 0 ? ReviewPhrase.measures(c.measures) : nil,
            c.redFlags.isEmpty ? nil : ReviewPhrase.redFlags(c.redFlags.count),
        ].compactMap { $0 }
        return (c.redFlags.isEmpty ? "+ " : "! ")
            + parts.map { context.say($0) }.joined(separator: ", ")
    }

    /// "overdue: PSFS, NPRS" or "due: GPE"; "-" when none is due.
    func due(_ due: [MeasureDue]) -> String {
        guard !due.isEmpty else { return "-" }
        let builtIn = Set(Instrument.builtIn.map(\.id))
        let ids = due.map {
            builtIn.contains($0.instrument) ? $0.instrument.uppercased() : $0.instrument
        }
        .joined(separator: ", ")
        return context.say(
            due.contains { $0.overdue }
                ? ReviewPhrase.measureOverdue(ids) : ReviewPhrase.measureDue(ids))
    }
}

struct Start: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "start",
        abstract: .translated("Start a plan for the patient (today by default)."))
    @OptionGroup var global: GlobalOptions
    @Argument(help: .translated("Plan id (see 'rehab plans').")) var plan: String?
    @Option(
        name: .customLong("plan-file"),
        help: .translated(
            "Start from a plan file (e.g. from 'rehab plans export'), kept in the database."))
    var planFile: String?
    @Option(help: .translated("Variant (severity) of the plan; default the first.")) var variant:
        String?
    @Option(help: .translated("Start date YYYY-MM-DD (default today).")) var date: String?
    @Option(
        name: .customLong("weekly-km"),
        help: .translated("Weekly running km before the plan; floors the weekly cap."))
    var weeklyKm: String?
    @Flag(help: .translated("Replace the plan the patient already follows.")) var replace = false

    func run() throws {
        let context = try Context(global)
        let start = try context.date(date)
        let weekly = try weeklyKm.map { text in
            try context.check {
                try Validate.decimal(
                    text, field: "weekly-km", in: 0...300, places: 1,
                    comma: context.language.writesDecimalComma)
            }
        }
        guard (plan == nil) != (planFile == nil) else { throw context.fail(Phrase.planOrFile()) }
        let fromFile = try planFile.map { try context.readPlanFile($0) }
        let template = try fromFile?.0 ?? context.loadPlan(plan ?? "")
        let variantID: String?
        if let variant {
            guard template.variant(variant) != nil else {
                throw context.fail(
                    Phrase.unknownVariant(
                        variant, plan: template.id, known: template.variants.map(\.id)))
            }
            variantID = variant
        } else {
            variantID = template.variants.first?.id
        }
        let store = try context.openStore()
        let patient: PatientRecord
        let existing = try context.storing { try store.patients(includeArchived: false) }
        if existing.isEmpty {
            // A runner on their own: make their patient record on the way, named after them.
            let name = try context.check {
                try Validate.name(
                    global.patient ?? context.environment["USER"] ?? "runner", field: "patient")
            }
            patient = try context.storing {
                try store.addPatient(name: name, language: context.language)
            }
            print(context.say(Phrase.patientCreatedForStart(patient.name)))
        } else {
            patient = try context.resolvePatient(store)
        }
        if let current = try context.storing({ try store.assignment(patientID: patient.id) }),
            !replace
        {
            throw context.fail(Phrase.planAlreadyStarted(patient.name, plan: current.planID))
        }
        guard let first = template.phases.first else { throw context.fail(Phrase.lastPhase()) }
        let assignment = Assignment(
            planID: template.id, variantID: variantID, startDate: start, startingWeeklyKm: weekly,
            phaseHistory: [PhaseChange(phase: first.id, date: start, reason: .start)])
        try context.storing {
            if let stored = fromFile?.1 {
                try store.startPlan(
                    patientID: patient.id, assignment, planFile: stored, replacing: replace)
            } else {
                try store.startPlan(patientID: patient.id, assignment, replacing: replace)
            }
        }
        if let planFile { print(context.say(Phrase.planFileStarted(planFile))) }
        print(
            context.say(
                Phrase.planStarted(
                    patient: patient.name, plan: template.names.text(context.language),
                    variant: template.variant(variantID)?.names.text(context.language),
                    phase: first.names.text(context.language), date: start)))
    }
}

extension PatientsCommand {
    /// Deletes a patient for good: their rows, then the freed pages (see `Store.deletePatient`).
    struct Delete: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "delete",
            abstract: .translated(
                "Delete a patient and everything stored about them (needs --yes)."))
        @OptionGroup var global: GlobalOptions
        @Argument(help: .translated("The patient's full name.")) var name: String
        @Flag(help: .translated("Confirm: the deletion cannot be undone.")) var yes = false

        func run() throws {
            let context = try Context(global)
            let store = try context.openStore()
            // The full name only, never a prefix: a deletion must not guess.
            let patient = try context.exactPatient(name, store: store)
            let contents = try context.storing {
                let history = try store.history(patientID: patient.id)
                return Phrase.patientContents(
                    plan: try store.assignment(patientID: patient.id)?.planID,
                    sessions: history.sessions.count, mornings: history.mornings.count,
                    clearings: history.clearings.count,
                    shoes: try store.shoes(patientID: patient.id).count)
            }
            guard yes else {
                throw context.fail(Phrase.deleteNeedsYes(patient.name, contents: contents))
            }
            try context.storing { try store.deletePatient(id: patient.id) }
            print(
                context.say(
                    Phrase.patientDeleted(
                        patient.name, contents: contents,
                        fileRewritten: !context.isClinic)))
        }
    }
}
