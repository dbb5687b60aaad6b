import ArgumentParser
import Foundation
import RehabApp
import RehabCore
import RehabFiles
import RehabPlans
import RehabStorage

extension PatientOverview {
    /// Every patient's row from one read of the store, with the commands' plan lookup.
    static func roster(store: any RehabRepository, includeArchived: Bool, context: Context) throws
        -> [PatientOverview]
    {
        try context.storing {
            try PatientOverview.roster(
                store: store, includeArchived: includeArchived, today: context.today
            ) { try context.template($0) }
        }
    }
}

extension Context {
    /// A template by where it is found; as `template(for:assignment:store:)` without the store.
    func template(_ source: PlanSource) throws -> Plan {
        switch source {
        case .catalogue(let id):
            return try loadPlan(id)
        case .file(let stored):
            do {
                return try PlanFile.parse(
                    bytes: Array(stored.yaml.utf8), file: "\(stored.planID) (stored plan file)")
            } catch {
                throw Failure(message: error.description(language))
            }
        }
    }

    /// The template a patient follows (see `PlanSource`).
    func template(for patient: PatientRecord, assignment: Assignment, store: any RehabRepository)
        throws -> Plan
    {
        try template(
            try storing { try store.planSource(patientID: patient.id, assignment: assignment) })
    }

    /// A plan file for `start --plan-file`: read with the plan-file size limit, validated like
    /// any plan file (its name need not match the id), kept as text for the store.
    func readPlanFile(_ path: String) throws -> (Plan, StoredPlanFile) {
        do {
            let (plan, text) = try PlanFile.loadHandedOver(path: path)
            return (plan, StoredPlanFile(planID: plan.id, yaml: text))
        } catch {
            throw Failure(message: error.description(language))
        }
    }
}

extension PatientsCommand {
    struct Rename: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rename", abstract: .translated("Rename a patient."))
        @OptionGroup var global: GlobalOptions
        @Argument(help: .translated("The patient's current name.")) var old: String
        @Argument(help: .translated("The new name.")) var new: String

        func run() throws {
            let context = try Context(global)
            let name = try context.check { try Validate.name(self.new, field: "name") }
            let store = try context.openStore()
            let patient = try context.exactPatient(old, store: store)
            try context.storing { try store.renamePatient(id: patient.id, to: name) }
            print(context.say(Phrase.patientRenamed(patient.name, name)))
            context.noteMixedScripts(name)
        }
    }

    struct Archive: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "archive",
            abstract: .translated(
                "Archive a patient (hidden from the list, nothing deleted); --undo restores."))
        @OptionGroup var global: GlobalOptions
        @Argument(help: .translated("The patient's name.")) var name: String
        @Flag(help: .translated("Bring an archived patient back.")) var undo = false

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
    /// A patient by full name (any case), archived ones included: renaming, archiving and
    /// deleting must not guess from a prefix.
    func exactPatient(_ name: String, store: any RehabRepository) throws -> PatientRecord {
        let all = try storing { try store.patients(includeArchived: true) }
        guard let patient = all.first(where: { Naming.same($0.name, name) }) else {
            throw fail(unknownPatient(name, all: all))
        }
        return patient
    }
}
