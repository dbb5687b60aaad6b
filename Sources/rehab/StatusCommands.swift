import ArgumentParser
import Foundation
import RehabCore
import RehabStore

struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Verdict, phase, weekly load and cap, and readiness to advance.")
    @OptionGroup var global: GlobalOptions
    @Option(help: "Judge as of this date YYYY-MM-DD (default today).") var date: String?
    @Flag(help: "Machine-readable output.") var json = false

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
        if json {
            try context.printJSON(
                StatusJSON(status, followed: followed, messages: context.messages))
        } else {
            print(
                StatusText(status: status, followed: followed, context: context).render(
                    brief: false))
            // The history is only the engine's window, so the shoes' km come from the store.
            for warning in storedShoeWarnings(store: store, patientID: followed.patient.id) {
                print(context.say(warning.message))
            }
        }
    }
}

/// Shoe warnings from the store's km totals (every run ever logged with each pair), in the
/// order `ShoeWear.warnings` gives.
func storedShoeWarnings(store: Store, patientID: Int64) -> [ShoeWarning] {
    guard let shoes = try? store.shoes(patientID: patientID),
        let totals = try? store.shoeKm(patientID: patientID)
    else { return [] }
    let found = shoes.compactMap { shoe in
        ShoeWear.warning(
            for: shoe, km: (((totals[shoe.name] ?? shoe.startKm) * 100).rounded()) / 100)
    }
    return found.filter { $0.state == .retire } + found.filter { $0.state == .worn }
}

/// The status as a runner reads it in a shell.
struct StatusText {
    let status: Status
    let followed: FollowedPlan
    let context: Context

    func render(brief: Bool) -> String {
        let lang = context.language
        let m = context.messages
        let glyphs = Glyphs.forLocale(context.environment)
        let plan = followed.plan
        var lines: [String] = []
        if !brief {
            let variant =
                followed.template.variant(followed.assignment.variantID).map {
                    ", " + $0.names.text(lang)
                } ?? ""
            lines.append(
                "\(followed.patient.name) · \(plan.names.text(lang))\(variant) · \(status.date.iso)"
            )
            let phase = status.phase
            lines.append(
                context.say(
                    Phrase.phaseLine(
                        number: phase.number, of: phase.of, kind: phase.phase.kind.name.text(lang),
                        day: phase.day))
                    + " · " + phase.phase.names.text(lang))
        }
        let verdict = status.verdict
        lines.append(
            "\(context.say(Phrase.verdictLabel())): \(m.level(verdict.level).uppercased()) \(glyphs.arrow) \(m.action(verdict.action)): \(m.actionAdvice(verdict.action))"
        )
        if verdict.findings.isEmpty {
            lines.append("  \(glyphs.bullet) \(context.say(Phrase.allGood()))")
        }
        for finding in verdict.findings {
            lines.append(
                "  \(glyphs.bullet) \(m.reason(finding, plan: plan, underStop: verdict.isStop))")
        }
        let load = status.load
        let unit = load.metric.unit
        let loadLine: String
        if let cap = load.cap {
            let bar = glyphs.bar(
                load.thisWeek, cap: cap, scale: max(cap, load.thisWeek) * 1.1, width: 24)
            let over = load.overCap ? " (\(context.say(Phrase.overCapMark())))" : ""
            let text =
                load.scheduleSetsLoad
                ? Phrase.scheduleLoadOfCap(
                    formatNumber(load.thisWeek, decimals: 0), formatNumber(cap, decimals: 0),
                    lastWeek: status.runWalk?.completed == true)
                : Phrase.loadOfCap(formatNumber(load.thisWeek), formatNumber(cap), unit: unit)
            loadLine = "\(context.say(text)) [\(bar)]\(over)"
        } else if load.scheduleSetsLoad {
            loadLine = context.say(Phrase.scheduleSetsLoad(formatNumber(load.thisWeek), unit: unit))
        } else {
            loadLine = context.say(Phrase.noCapYet(formatNumber(load.thisWeek), unit: unit))
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
        for suggestion in status.suggestions {
            lines.append(
                "\(context.say(Phrase.suggestionsLabel())): \(m.suggestion(suggestion, plan: plan))"
            )
        }
        return lines.joined(separator: "\n")
    }
}

struct Advance: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "advance",
        abstract: "Confirm the next phase (refused with the reasons if not ready, unless --force).")
    @OptionGroup var global: GlobalOptions
    @Option(help: "Phase id to move to (a previous phase steps back).") var to: String?
    @Flag(help: "Move on even though the exit criteria are not met.") var force = false
    @Option(help: "Why the exit criteria are overruled (stored with a forced change).")
    var reason: String?
    @Flag(help: "Print the new status as JSON.") var json = false

    func run() throws {
        let context = try Context(global)
        let note = try self.reason.map { text in
            try context.check {
                try Validate.text(text.trimmingCharacters(in: .whitespaces), field: "reason")
            }
        }.flatMap { $0.isEmpty ? nil : $0 }
        let store = try context.openStore()
        let followed = try context.followedPlan(store)
        let plan = followed.plan
        let status = followed.status(on: context.today)
        let currentIndex = status.phase.number - 1
        let targetIndex: Int
        if let to {
            guard let index = plan.phaseIndex(to) else {
                throw context.fail(Phrase.unknownPhase(to, known: plan.phases.map(\.id)))
            }
            targetIndex = index
        } else {
            guard currentIndex + 1 < plan.phases.count else {
                throw context.fail(Phrase.lastPhase())
            }
            targetIndex = currentIndex + 1
        }
        let target = plan.phases[targetIndex]
        let reason: PhaseChangeReason
        if targetIndex == currentIndex {
            throw context.fail(Phrase.alreadyInPhase(target.names.text(context.language)))
        } else if targetIndex < currentIndex {
            reason = .stepBack  // stepping back is always allowed: it is the safe direction
        } else if force {
            reason = .forced
        } else {
            if targetIndex > currentIndex + 1 {
                throw context.fail(Phrase.skipPhasesNeedsForce(target.names.text(context.language)))
            }
            if !status.openFlags.isEmpty { throw context.fail(Phrase.openFlagsBlock()) }
            guard status.readiness.ready else {
                let m = context.messages
                let unmet = status.readiness.criteria.filter { !$0.met }.map {
                    "  - " + m.criterion($0, unit: status.load.metric.unit)
                }
                throw Failure(
                    message: ([context.say(Phrase.notReady(target.names.text(context.language)))]
                        + unmet + [context.say(Phrase.forceHint())]).joined(separator: "\n"))
            }
            reason = .advance
        }
        try context.storing {
            try store.addPhaseChange(
                patientID: followed.patient.id,
                PhaseChange(
                    phase: target.id, date: context.today, reason: reason,
                    note: reason == .forced ? note : nil))
        }
        let updated = try context.followedPlan(store)
        if json {
            try context.printJSON(
                StatusJSON(
                    updated.status(on: context.today), followed: updated, messages: context.messages
                ))
            return
        }
        let name = target.names.text(context.language)
        print(
            context.say(
                reason == .stepBack
                    ? Phrase.steppedBack(to: name, date: context.today)
                    : Phrase.advanced(to: name, date: context.today)))
    }
}
