import ArgumentParser
import Foundation
import RehabCore
import RehabPlans
import RehabStore

/// One line of the physio's patient list: where the patient is and whether they need a look.
struct PatientOverview {
    let patient: PatientRecord
    let assignment: Assignment?
    /// Nil without a plan, or when the plan cannot be found any more.
    let status: Status?
    let lastLog: Day?

    var openFlags: Int { status?.openFlags.count ?? 0 }

    func daysSinceLog(today: Day) -> Int? { lastLog.map { max(0, $0.days(to: today)) } }

    static func load(_ patient: PatientRecord, store: Store, context: Context) throws
        -> PatientOverview
    {
        let assignment = try context.storing { try store.assignment(patientID: patient.id) }
        let today = context.today
        func lastLog(_ history: History) -> Day? {
            let lastSession = history.sessions.last { $0.date <= today }?.date
            let lastMorning = history.mornings.last { $0.date <= today }?.date
            return [lastSession, lastMorning].compactMap { $0 }.max()
        }
        guard let assignment,
            let template = try? context.template(for: patient, assignment: assignment, store: store)
        else {
            let history = try context.storing { try store.history(patientID: patient.id) }
            return PatientOverview(
                patient: patient, assignment: assignment, status: nil, lastLog: lastLog(history))
        }
        let plan = template.resolved(
            variant: assignment.variantID, overrides: assignment.overrides)
        // Only what the engine reads for today; it still holds the latest session and morning.
        let history = try context.storing {
            try store.history(
                patientID: patient.id,
                judgingFrom: Engine.firstDayRead(
                    plan: plan, assignment: assignment, judging: today),
                lookBack: Engine.lookBackDays(plan: plan))
        }
        let status = Engine.status(
            plan: plan, assignment: assignment, history: history, today: today)
        return PatientOverview(
            patient: patient, assignment: assignment, status: status, lastLog: lastLog(history))
    }

    /// Open red flags first, then the store's order (by name).
    static func sorted(_ rows: [PatientOverview]) -> [PatientOverview] {
        rows.enumerated().sorted { a, b in
            let flagged = (a.element.openFlags > 0, b.element.openFlags > 0)
            if flagged.0 != flagged.1 { return flagged.0 }
            return a.offset < b.offset
        }.map(\.element)
    }
}

extension Context {
    /// The template a patient follows: the plan file they started from, when it is still the
    /// assigned plan, else the catalogue's plan of that id.
    func template(for patient: PatientRecord, assignment: Assignment, store: Store) throws -> Plan {
        if let stored = try storing({ try store.planFile(patientID: patient.id) }),
            stored.planID == assignment.planID
        {
            do {
                return try PlanFile.parse(
                    bytes: Array(stored.yaml.utf8), file: "\(patient.name): \(stored.planID)")
            } catch {
                throw Failure(message: error.errors.map(\.description).joined(separator: "\n"))
            }
        }
        return try loadPlan(assignment.planID)
    }

    /// A plan file for `start --plan-file`: read with the plan-file size limit, validated like
    /// any plan file (its name need not match the id), kept as text for the store.
    func readPlanFile(_ path: String) throws -> (Plan, StoredPlanFile) {
        let data: Data
        do {
            let size =
                (try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?
                .intValue ?? 0
            guard size <= PlanFile.maxBytes else {
                throw Failure(message: "\(path):1:1: file is \(size) bytes; at most 1 MiB")
            }
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch let failure as Failure {
            throw failure
        } catch {
            throw fail(Phrase.cannotRead(path, reason: error.localizedDescription))
        }
        let plan: Plan
        do {
            plan = try PlanFile.parse(data: data, file: path)
        } catch {
            throw Failure(message: error.errors.map(\.description).joined(separator: "\n"))
        }
        // Valid UTF-8 once parsed: the parser refuses anything else.
        return (plan, StoredPlanFile(planID: plan.id, yaml: String(decoding: data, as: UTF8.self)))
    }
}

extension PatientsCommand {
    struct Rename: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rename", abstract: "Rename a patient.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The patient's current name.") var old: String
        @Argument(help: "The new name.") var new: String

        func run() throws {
            let context = try Context(global)
            let name = try context.check { try Validate.name(self.new, field: "name") }
            let store = try context.openStore()
            let patient = try context.exactPatient(old, store: store)
            try context.storing { try store.renamePatient(id: patient.id, to: name) }
            print(context.say(Phrase.patientRenamed(patient.name, name)))
        }
    }

    struct Archive: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "archive",
            abstract: "Archive a patient (hidden from the list, nothing deleted); --undo restores.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The patient's name.") var name: String
        @Flag(help: "Bring an archived patient back.") var undo = false

        func run() throws {
            let context = try Context(global)
            let store = try context.openStore()
            let patient = try context.exactPatient(name, store: store)
            try context.storing { try store.archivePatient(id: patient.id, archived: !undo) }
            print(
                context.say(
                    undo
                        ? Phrase.patientUnarchived(patient.name)
                        : Phrase.patientArchived(patient.name)))
        }
    }
}

extension Context {
    /// A patient by full name (any case), archived ones included: renaming and archiving must
    /// not guess from a prefix.
    func exactPatient(_ name: String, store: Store) throws -> PatientRecord {
        let all = try storing { try store.patients(includeArchived: true) }
        guard let patient = all.first(where: { $0.name.lowercased() == name.lowercased() }) else {
            throw fail(Phrase.unknownPatient(name, known: all.map(\.name)))
        }
        return patient
    }
}
