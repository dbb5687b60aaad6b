import ArgumentParser
import Foundation
import RehabApp
import RehabCore
import RehabStorage
import TerminalUI

struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: .translated("Verdict, phase, weekly load and cap, and readiness to advance."))
    @OptionGroup var global: GlobalOptions
    @Option(help: .translated("Judge as of this date YYYY-MM-DD (default today).")) var date:
        String?
    @Flag(help: .translated("Machine-readable output.")) var json = false

    func run() throws {
        let context = try Context(global)
        let day = try context.date(date)
        let store = try context.openStore()
        let followed = try context.followedPlan(store, judging: day)
        // Before the start there is no phase day to show ("day 1" would be a guess).
        guard day >= followed.assignment.startDate else {
            let field = date == nil ? "REHAB_TODAY" : "date"
            throw context.fail(
                Phrase.beforePlanStart(
                    field: field, date: day, start: followed.assignment.startDate))
        }
        let status = followed.status(on: day)
        let records = try context.storing { try store.measurements(patientID: followed.patient.id) }
        let due = context.measuresDue(followed, measurements: records, on: day)
        if json {
            var report = StatusJSON(status, followed: followed, messages: context.messages)
            report.measuresDue = due.map(MeasureDueJSON.init)
            try context.printJSON(report)
        } else {
            print(
                StatusText(status: status, followed: followed, context: context).render(
                    brief: false))
            for d in due {
                let name =
                    Instrument.builtIn.first { $0.id == d.instrument }?.names
                    .text(context.language) ?? d.instrument
                print(
                    "\(context.say(MeasurePhrase.measuresDueLabel())): "
                        + context.say(
                            MeasurePhrase.due(
                                name, reason: d.reason, since: d.since, overdue: d.overdue)))
            }
            // The history is only the engine's window, so the shoes' km come from the store.
            for warning in storedShoeWarnings(store: store, patientID: followed.patient.id) {
                print(context.say(warning.message))
            }
        }
    }
}

/// Shoe warnings from the store's km totals (every run ever logged with each pair), in the
/// order `ShoeWear.warnings` gives.
func storedShoeWarnings(store: any RehabRepository, patientID: Int64) -> [ShoeWarning] {
    guard let shoes = try? store.shoes(patientID: patientID),
        let totals = try? store.shoeKm(patientID: patientID)
    else { return [] }
    return ShoeWear.warnings(shoes: shoes, totals: totals)
}

/// The status as a runner reads it in a shell.
struct StatusText {
    let status: Status
    let followed: FollowedPlan
    let context: Context

    func render(brief: Bool) -> String {
        let lang = context.language
        let m = context.messages
        let glyphs = Glyphs.forEnvironment(context.environment)
        let plan = followed.plan
        let report = StatusReport(status: status, plan: plan, language: lang)
        var lines: [String] = []
        if !brief {
            let variant =
                followed.template.variant(followed.assignment.variantID).map {
                    ", " + $0.names.text(lang)
                } ?? ""
            lines.append(
                "\(followed.patient.name) · \(plan.names.text(lang))\(variant) · \(status.date.iso)"
            )
            lines.append(report.phase)
        }
        lines.append(
            "\(context.say(Phrase.verdictLabel())): \(report.levelWord) \(glyphs.arrow) \(report.actionWord): \(report.advice)"
        )
        lines += report.reasons.map { "  \(glyphs.bullet) \($0)" }
        let load = status.load
        let unit = load.metric.unit
        var loadLine = report.load
        if let cap = load.cap {
            let meter = Meter(
                value: load.thisWeek, scale: max(cap, load.thisWeek) * 1.1, threshold: cap,
                glyphs: glyphs)
            let bar = printed(meter, width: 24).first ?? ""
            loadLine += " [\(bar.padding(toLength: 24, withPad: " ", startingAt: 0))]"
        }
        lines.append("\(context.say(Phrase.thisWeek())) (\(load.weekStart.iso)): \(loadLine)")
        if let position = status.runWalk, !brief {
            lines.append(
                runWalkText(
                    position.step, index: position.index, count: status.phase.phase.runWalk.count,
                    context: context))
        }
        if let due = status.morningCheckDue {
            lines.append(context.say(Phrase.morningDue(due)))
        }
        if !brief {
            let readiness = status.readiness
            if let next = readiness.next {
                let state =
                    readiness.ready
                    ? context.say(Phrase.ready()) : context.say(Phrase.notReadyYet())
                lines.append(
                    "\(context.say(Phrase.nextPhase())): \(next.names.text(lang)) [\(next.id)] · \(state)"
                )
                for criterion in readiness.criteria {
                    lines.append(
                        "  [\(criterion.met ? "x" : " ")] \(m.criterion(criterion, unit: unit))")
                }
            } else {
                lines.append(
                    "\(context.say(Phrase.nextPhase())): \(context.say(Phrase.lastPhaseLabel()))")
            }
        }
        lines += report.suggestions.map { "\(context.say(Phrase.suggestionsLabel())): \($0)" }
        return lines.joined(separator: "\n")
    }
}

struct Advance: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "advance",
        abstract: .translated(
            "Confirm the next phase (refused with the reasons if not ready, unless --force)."))
    @OptionGroup var global: GlobalOptions
    @Option(help: .translated("Phase id to move to (a previous phase steps back).")) var to: String?
    @Flag(help: .translated("Move on even though the exit criteria are not met (needs --reason)."))
    var force = false
    @Option(
        help: .translated("Why the exit criteria are overruled (required with --force; stored)."))
    var reason: String?
    @Flag(help: .translated("Print the new status as JSON.")) var json = false

    func run() throws {
        let context = try Context(global)
        let note = try self.reason.map { text in
            try context.check {
                try Validate.text(text.trimmingCharacters(in: .whitespaces), field: "reason")
            }
        }.flatMap { $0.isEmpty ? nil : $0 }
        // Overruling the exit criteria is the physio's decision and is kept with its reason,
        // as the app asks for one: without it nothing is stored (a usage error, exit 2).
        if force && note == nil {
            writeError("rehab: " + context.say(Phrase.forceNeedsReason(given: reason)) + "\n")
            throw ExitCode(2)
        }
        let store = try context.openStore()
        let followed = try context.followedPlan(store, judging: context.today)
        let status = followed.status(on: context.today)
        var change: PhaseChange
        do {
            change = try Engine.phaseChange(
                to.map(PhaseMove.to) ?? .advance, force: force, plan: followed.plan,
                status: status, on: context.today)
        } catch {
            throw refusal(error, unit: status.load.metric.unit, context: context)
        }
        // The reason a physio gave for overruling the exit criteria is kept with the change.
        if change.reason == .forced { change.note = note }
        try context.storing { try store.addPhaseChange(patientID: followed.patient.id, change) }
        let updated = try context.followedPlan(store, judging: context.today)
        if json {
            try context.printJSON(
                StatusJSON(
                    updated.status(on: context.today), followed: updated, messages: context.messages
                ))
            return
        }
        let name =
            updated.plan.phases.first { $0.id == change.phase }?.names
            .text(context.language) ?? change.phase
        print(
            context.say(
                change.reason == .stepBack
                    ? Phrase.steppedBack(to: name, date: context.today)
                    : Phrase.advanced(to: name, date: context.today)))
    }

    /// A refused move in the CLI's words: the unmet criteria one a line, then how to force.
    func refusal(_ refusal: PhaseMoveRefusal, unit: String, context: Context) -> Failure {
        let language = context.language
        switch refusal {
        // `advance` moves on only; an earlier phase is named with --to.
        case .lastPhase, .firstPhase: return context.fail(Phrase.lastPhase())
        case .unknownPhase(let id, let known):
            return context.fail(Phrase.unknownPhase(id, known: known))
        case .alreadyIn(let phase):
            return context.fail(Phrase.alreadyInPhase(phase.names.text(language)))
        case .skipNeedsForce(let phase):
            return context.fail(Phrase.skipPhasesNeedsForce(phase.names.text(language)))
        case .openFlags: return context.fail(Phrase.openFlagsBlock())
        case .notReady(let phase, let unmet):
            let lines = unmet.map { "  - " + context.messages.criterion($0, unit: unit) }
            return Failure(
                message: ([context.say(Phrase.notReady(phase.names.text(language)))] + lines
                    + [context.say(Phrase.forceHint())]).joined(separator: "\n"))
        }
    }
}
