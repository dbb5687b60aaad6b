import ArgumentParser
import Foundation
import RehabApp
import RehabCore
import RehabPlans

extension PlansCommand {
    /// A patient's tuned plan as a plan file: the variant and the physio's changes folded in,
    /// the variants list dropped (the file is one patient's plan), both languages and the
    /// sources kept. `rehab plans check` accepts it when the file is named after its id.
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: .translated(
                "Write the patient's tuned plan as a plan file (stdout or --output)."))
        @OptionGroup var global: GlobalOptions
        @Option(
            help: .translated(
                "The plan id in the file (default: the file name, else PLAN_PATIENT)."))
        var id: String?
        @OptionGroup var file: OutputOptions

        func run() throws {
            let context = try Context(global)
            let store = try context.openStore()
            let followed = try context.followedPlan(store)
            var plan = followed.plan
            plan.id = try exportID(context: context, followed: followed)
            plan.variants = []
            let yaml = PlanWriter.yaml(
                plan,
                comment: Phrase.exportedPlanHeader(
                    patient: followed.patient.name, template: followed.template.id,
                    variant: followed.assignment.variantID))
            // Never hand out a file the checker would refuse.
            let problems = TunedPlan.problemTexts(plan)
            if !problems.isEmpty { throw context.fail(Phrase.tuneRefused(problems)) }
            if let output = file.output {
                try context.writeUserFile(yaml, to: output, force: file.force)
            } else {
                emitData(yaml)
            }
        }

        private func exportID(context: Context, followed: FollowedPlan) throws -> String {
            if let id {
                guard Identifier.isValid(id) else { throw context.fail(Phrase.invalidPlanID(id)) }
                return id
            }
            if let output = file.output {
                let stem = URL(fileURLWithPath: output).deletingPathExtension().lastPathComponent
                if Identifier.isValid(stem) { return stem }
            }
            let candidate = followed.template.id + "_" + slug(followed.patient.name)
            return Identifier.isValid(candidate) ? candidate : followed.template.id
        }

        /// Lowercase ASCII letters and digits of a name, other runs as one underscore.
        private func slug(_ name: String) -> String {
            var out = ""
            for scalar in name.lowercased().unicodeScalars {
                if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                    out.unicodeScalars.append(scalar)
                } else if !out.isEmpty && !out.hasSuffix("_") {
                    out += "_"
                }
            }
            while out.hasSuffix("_") { out.removeLast() }
            return String(out.prefix(40))
        }
    }

    /// The patient's changes from the template (the same as `rehab tune --show`).
    struct Diff: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "diff",
            abstract: .translated("Show how the patient's plan differs from its template."))
        @OptionGroup var global: GlobalOptions
        @Flag(help: .translated("Machine-readable output.")) var json = false

        func run() throws {
            let tuning = try Tuning(global)
            try tuning.show(tuning.followed.assignment.overrides, json: json)
        }
    }
}
