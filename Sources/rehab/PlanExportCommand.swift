import ArgumentParser
import Foundation
import RehabCore
import RehabPlans
import RehabStore

extension PlansCommand {
    /// A patient's tuned plan as a plan file: the variant and the physio's changes folded in,
    /// the variants list dropped (the file is one patient's plan), both languages and the
    /// sources kept. `rehab plans check` accepts it when the file is named after its id.
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Write the patient's tuned plan as a plan file (stdout or --output).")
        @OptionGroup var global: GlobalOptions
        @Option(help: "The plan id in the file (default: the file name, else PLAN_PATIENT).")
        var id: String?
        @Option(help: "Write to this file (0600) instead of stdout.") var output: String?

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
            let problems = TunedPlan.problems(plan)
            if !problems.isEmpty { throw context.fail(Phrase.tuneRefused(problems)) }
            if let output {
                try writePrivateFile(output, contents: yaml, context: context)
            } else {
                print(yaml, terminator: "")
            }
        }

        private func exportID(context: Context, followed: FollowedPlan) throws -> String {
            if let id {
                guard Identifier.isValid(id) else { throw context.fail(Phrase.invalidPlanID(id)) }
                return id
            }
            if let output {
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
            abstract: "Show how the patient's plan differs from its template.")
        @OptionGroup var global: GlobalOptions
        @Flag(help: "Machine-readable output.") var json = false

        func run() throws {
            let tuning = try Tuning(global)
            try tuning.show(tuning.followed.assignment.overrides, json: json)
        }
    }
}

/// Writes a file only its owner can read: created 0600 before any byte goes in, and an
/// existing file is made 0600 before it is overwritten.
func writePrivateFile(_ path: String, contents: String, context: Context) throws {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
    guard fd >= 0 else {
        throw context.fail(Phrase.cannotWrite(path, reason: String(cString: strerror(errno))))
    }
    defer { close(fd) }
    fchmod(fd, 0o600)
    var bytes = Array(contents.utf8)[...]
    while !bytes.isEmpty {
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        if written < 0 {
            if errno == EINTR { continue }
            throw context.fail(Phrase.cannotWrite(path, reason: String(cString: strerror(errno))))
        }
        bytes = bytes.dropFirst(written)
    }
}
