import ArgumentParser
import Foundation
import RehabCore
import RehabPlans

struct PlansCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plans",
        abstract: .translated("The injury plan catalogue."),
        subcommands: [List.self, Show.self, Check.self, Export.self, Diff.self],
        defaultSubcommand: List.self
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: .translated("List every plan: id, name, region, variants, phases."))
        @OptionGroup var global: GlobalOptions
        @Flag(help: .translated("Machine-readable output.")) var json = false

        func run() throws {
            let context = try Context(global)
            let located = try context.loadLocatedCatalog()
            let lang = context.language
            if json {
                try context.printJSON(
                    located.map { PlanSummaryJSON($0.plan, lang, origin: $0.origin) })
                return
            }
            let grouped = Dictionary(grouping: located, by: \.plan.region)
            for region in BodyRegion.allCases {
                guard let inRegion = grouped[region] else { continue }
                print(region.name.text(lang).uppercased())
                for entry in inRegion {
                    let plan = entry.plan
                    let variants = plan.variants.map(\.id).joined(separator: ", ")
                    let phases = plan.phases.map(\.id).joined(separator: " → ")
                    let mark =
                        entry.origin == .builtIn
                        ? ""
                        : " "
                            + context.say(
                                Phrase.fromFolderMark(
                                    overridesBuiltIn: entry.overrides.contains(.builtIn)))
                    print(
                        "  \(plan.id.padding(toLength: 26, withPad: " ", startingAt: 0)) \(plan.names.text(lang))\(mark)"
                    )
                    if !variants.isEmpty {
                        print(
                            "  \(String(repeating: " ", count: 26)) \(context.say(Phrase.variantsLabel())): \(variants)"
                        )
                    }
                    print(
                        "  \(String(repeating: " ", count: 26)) \(context.say(Phrase.phasesLabel())): \(phases)"
                    )
                }
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show", abstract: .translated("Show one plan in full."))
        @OptionGroup var global: GlobalOptions
        @Argument(help: .translated("Plan id (see 'rehab plans').")) var id: String
        @Flag(help: .translated("Machine-readable output.")) var json = false

        func run() throws {
            let context = try Context(global)
            let located = try context.locatePlan(id)
            if json {
                var detail = PlanDetailJSON(located.plan, context.language)
                detail.origin = located.origin.description
                try context.printJSON(detail)
            } else {
                print(PlanText(plan: located.plan, context: context).render())
                switch located.origin {
                case .builtIn:
                    print(context.say(Phrase.planFromBuiltIn()))
                case .file(let path):
                    print(
                        context.say(
                            Phrase.planFromFile(
                                path, overridesBuiltIn: located.overrides.contains(.builtIn))))
                }
            }
        }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: .translated(
                "Validate plan files; prints file:line:column: message for each error."))
        @OptionGroup var global: GlobalOptions
        @Argument(help: .translated("Plan files to check.")) var files: [String]

        func validate() throws {
            if files.isEmpty { throw ArgumentParser.ValidationError("give at least one plan file") }
        }

        func run() throws {
            let context = try Context(global)
            var errorCount = 0
            for file in files {
                let (errors, warnings) = PlanFile.check(path: file)
                // Warnings do not fail the check: a plan handed over before schema v2 still loads.
                let all = errors.map { ($0, false) } + warnings.map { ($0, true) }
                for (e, isWarning) in all.sorted(by: {
                    ($0.0.line, $0.0.column) < ($1.0.line, $1.0.column)
                }) {
                    if isWarning {
                        print(e.warningDescription(context.language))
                    } else {
                        print(e.description(context.language))
                        errorCount += 1
                    }
                }
            }
            if errorCount > 0 {
                throw context.fail(Phrase.planFilesInvalid(errorCount))
            }
            print(context.say(Phrase.plansOK(files.count)))
        }
    }
}

struct PlanSummaryJSON: Encodable {
    let id: String
    let name: String
    let region: String
    let variants: [String]
    let phases: [String]
    /// "built-in", or the path of the plan file that provides the plan.
    let origin: String

    init(_ plan: Plan, _ lang: Language, origin: PlanOrigin) {
        id = plan.id
        name = plan.names.text(lang)
        region = plan.region.rawValue
        variants = plan.variants.map(\.id)
        phases = plan.phases.map(\.id)
        self.origin = origin.description
    }
}

/// `rehab plans show ID --json`: what a reviewer needs to check a plan against its sources —
/// every variant resolved (phase days, exits, run/walk steps, thresholds per activity and for
/// the morning), red flags with their urgency, physio referrals (advisories) and sources.
struct PlanDetailJSON: Encodable {
    struct VariantJSON: Encodable {
        let id: String
        let name: String
        let expectedWeeks: [Int]
        /// The phases' min_days added up: the fastest the variant can finish.
        let minimumDays: Int
        let thresholds: ThresholdsJSON
        let phases: [PhaseJSON]
        enum CodingKeys: String, CodingKey {
            case id, name, thresholds, phases
            case expectedWeeks = "expected_weeks"
            case minimumDays = "minimum_days"
        }
    }
    struct ExerciseJSON: Encodable {
        let id: String
        let name: String
        let sets: Int
        let reps: Int?
        let holdSeconds: Int?
        let perDay: Int?
        let perWeek: Int?
        enum CodingKeys: String, CodingKey {
            case id, name, sets, reps
            case holdSeconds = "hold_seconds"
            case perDay = "per_day"
            case perWeek = "per_week"
        }
    }
    struct StepJSON: Encodable {
        let run: Double
        let walk: Double
        let total: Int
        let perWeek: Int
        let pass: Int
        enum CodingKeys: String, CodingKey {
            case run, walk, total, pass
            case perWeek = "per_week"
        }
    }
    struct LoadJSON: Encodable {
        let metric: String
        let activities: [String]
        let startingVolume: Double?
        enum CodingKeys: String, CodingKey {
            case metric, activities
            case startingVolume = "starting_volume"
        }
    }
    struct PainJSON: Encodable {
        let safeMax: Int
        let limit: Int
        enum CodingKeys: String, CodingKey {
            case limit
            case safeMax = "safe_max"
        }
    }
    struct ThresholdsJSON: Encodable {
        let pain: PainJSON
        /// Every activity with the thresholds a session of it is judged against.
        let painByActivity: [String: PainJSON]
        let lastingHours: Int
        let morning: PainJSON
        let weeklyIncreasePct: Double
        let sessionSpikePct: Double
        let noImprovementDays: Int
        enum CodingKeys: String, CodingKey {
            case pain, morning
            case painByActivity = "pain_by_activity"
            case lastingHours = "lasting_hours"
            case weeklyIncreasePct = "weekly_increase_pct"
            case sessionSpikePct = "session_spike_pct"
            case noImprovementDays = "no_improvement_days"
        }

        init(_ t: Thresholds) {
            pain = PainJSON(safeMax: t.painSafeMax, limit: t.painLimit)
            var byActivity: [String: PainJSON] = [:]
            for activity in Activity.allCases {
                let own = t.pain(for: activity)
                byActivity[activity.rawValue] = PainJSON(safeMax: own.safeMax, limit: own.limit)
            }
            painByActivity = byActivity
            lastingHours = t.painLastingHours
            morning = PainJSON(safeMax: t.morningSafeMax, limit: t.morningLimit)
            weeklyIncreasePct = t.weeklyIncreasePct
            sessionSpikePct = t.sessionSpikePct
            noImprovementDays = t.noImprovementDays
        }
    }
    struct PhaseJSON: Encodable {
        let id: String
        let kind: String
        let name: String
        let minDays: Int
        let maxDays: Int?
        let allowed: [String]
        let avoid: [String]
        let exercises: [ExerciseJSON]
        let runWalk: [StepJSON]
        let load: LoadJSON
        let thresholds: ThresholdsJSON
        let exit: [String: Double]
        enum CodingKeys: String, CodingKey {
            case id, kind, name, allowed, avoid, exercises, load, thresholds, exit
            case minDays = "min_days"
            case maxDays = "max_days"
            case runWalk = "run_walk"
        }
    }
    struct QuestionJSON: Encodable {
        let id: String
        let question: String
        /// The action a yes gives (`status --json` verdict.action): a red flag's urgency;
        /// "see_physio" for a referral (an advisory, never a stop).
        let action: String
        /// A red flag's urgency (emergency, same_day, see_doctor); nil for a referral.
        let urgency: String?
    }
    let id: String
    let name: String
    let region: String
    let summary: String
    let sources: [String]
    let thresholds: ThresholdsJSON
    let variants: [VariantJSON]
    let redFlags: [QuestionJSON]
    let referrals: [QuestionJSON]
    let phases: [PhaseJSON]
    /// "built-in", or the path of the plan file that provides the plan.
    var origin: String?
    enum CodingKeys: String, CodingKey {
        case id, name, region, summary, sources, thresholds, variants, referrals, phases, origin
        case redFlags = "red_flags"
    }

    init(_ plan: Plan, _ lang: Language) {
        id = plan.id
        name = plan.names.text(lang)
        region = plan.region.rawValue
        summary = plan.summary.text(lang)
        sources = plan.sources
        thresholds = ThresholdsJSON(plan.thresholds.applied(to: Thresholds()))
        variants = plan.variants.map {
            let resolved = plan.resolved(variant: $0.id)
            return VariantJSON(
                id: $0.id, name: $0.names.text(lang),
                expectedWeeks: [$0.expectedWeeks.lowerBound, $0.expectedWeeks.upperBound],
                minimumDays: resolved.phases.reduce(0) { $0 + $1.minDays },
                thresholds: ThresholdsJSON(resolved.thresholds.applied(to: Thresholds())),
                phases: Self.phases(resolved, lang))
        }
        redFlags = plan.redFlags.map {
            QuestionJSON(
                id: $0.id, question: $0.question.text(lang), action: $0.urgency.rawValue,
                urgency: $0.urgency.rawValue)
        }
        referrals = plan.referrals.map {
            QuestionJSON(
                id: $0.id, question: $0.question.text(lang), action: "see_physio", urgency: nil)
        }
        phases = Self.phases(plan, lang)
    }

    static func phases(_ plan: Plan, _ lang: Language) -> [PhaseJSON] {
        plan.phases.map { phase in
            let load: LoadJSON
            switch phase.loadMetric {
            case .km:
                load = LoadJSON(
                    metric: "km", activities: [Activity.run.rawValue],
                    startingVolume: phase.startingVolume)
            case .minutes(let activities):
                load = LoadJSON(
                    metric: "minutes", activities: activities.map(\.rawValue),
                    startingVolume: phase.startingVolume)
            }
            return PhaseJSON(
                id: phase.id, kind: phase.kind.rawValue, name: phase.names.text(lang),
                minDays: phase.minDays, maxDays: phase.maxDays,
                allowed: phase.allowed.map(\.rawValue), avoid: phase.avoid.map(\.rawValue),
                exercises: phase.exercises.map {
                    ExerciseJSON(
                        id: $0.exercise,
                        name: plan.exercise($0.exercise)?.names.text(lang) ?? $0.exercise,
                        sets: $0.sets, reps: $0.reps, holdSeconds: $0.holdSeconds,
                        perDay: $0.perDay,
                        perWeek: $0.perWeek)
                },
                runWalk: phase.runWalk.map {
                    StepJSON(
                        run: $0.runMinutes, walk: $0.walkMinutes, total: $0.totalMinutes,
                        perWeek: $0.sessionsPerWeek, pass: $0.sessionsToPass)
                },
                load: load, thresholds: ThresholdsJSON(plan.thresholds(in: phase)),
                exit: exitCriteria(phase.exit))
        }
    }
}

/// Exit criteria as (criterion, required value) pairs, in a fixed order.
func exitCriteria(_ exit: ExitCriteria) -> [String: Double] {
    var out: [String: Double] = [:]
    if let v = exit.minDays { out[Criterion.minDays.rawValue] = Double(v) }
    if let v = exit.greenDays { out[Criterion.greenDays.rawValue] = Double(v) }
    if let v = exit.painFreeWalkMinutes { out[Criterion.painFreeWalkMinutes.rawValue] = Double(v) }
    if let v = exit.weeklyLoad { out[Criterion.weeklyLoad.rawValue] = v }
    if let v = exit.hopTest { out[Criterion.hopTest.rawValue] = Double(v) }
    if let v = exit.calfRaises { out[Criterion.calfRaises.rawValue] = Double(v) }
    if exit.runWalkCompleted == true { out[Criterion.runWalkCompleted.rawValue] = 1 }
    return out
}

/// `rehab plans show` as text.
struct PlanText {
    let plan: Plan
    let context: Context

    func render() -> String {
        let lang = context.language
        var lines: [String] = []
        lines.append("\(plan.names.text(lang)) [\(plan.id)] · \(plan.region.name.text(lang))")
        lines.append("")
        lines.append(plan.summary.text(lang))
        if !plan.variants.isEmpty {
            lines.append("")
            lines.append(context.say(Phrase.variantsLabel()) + ":")
            for v in plan.variants {
                lines.append(
                    "  \(v.id): \(v.names.text(lang)) · \(context.say(Phrase.weeksLabel(v.expectedWeeks)))"
                )
            }
        }
        lines.append("")
        lines.append(context.say(Phrase.phasesLabel()) + ":")
        for (i, phase) in plan.phases.enumerated() {
            lines.append(
                "  \(i + 1). \(phase.names.text(lang)) [\(phase.id)] · \(phase.kind.name.text(lang)) · \(context.say(Phrase.daysLabel(min: phase.minDays, max: phase.maxDays)))"
            )
            if let goal = phase.goal { lines.append("     \(goal.text(lang))") }
            if !phase.allowed.isEmpty {
                lines.append(
                    "     \(context.say(Phrase.allowedLabel())): \(phase.allowed.map { $0.name.text(lang) }.joined(separator: ", "))"
                )
            }
            if !phase.avoid.isEmpty {
                lines.append(
                    "     \(context.say(Phrase.avoidLabel())): \(phase.avoid.map { $0.name.text(lang) }.joined(separator: ", "))"
                )
            }
            for p in phase.exercises {
                let name = plan.exercise(p.exercise)?.names.text(lang) ?? p.exercise
                let dose = context.say(
                    Phrase.dosage(
                        sets: p.sets, reps: p.reps, hold: p.holdSeconds, perDay: p.perDay,
                        perWeek: p.perWeek))
                lines.append("     - \(name): \(dose)")
            }
            for (n, step) in phase.runWalk.enumerated() {
                lines.append(
                    "     "
                        + runWalkText(step, index: n, count: phase.runWalk.count, context: context))
            }
            let exit = exitCriteria(phase.exit)
            if !exit.isEmpty {
                let m = context.messages
                let items = Criterion.allCases.compactMap { c in
                    exit[c.rawValue].map { value in
                        let number = formatNumber(value, decimals: value == value.rounded() ? 0 : 1)
                        switch c {
                        case .runWalkCompleted: return m.criterionName(c)
                        case .minDays: return "\(m.criterionName(c)) \(number)"
                        case .painFreeWalkMinutes: return "\(m.criterionName(c)) \(number) min"
                        case .weeklyLoad:
                            return "\(m.criterionName(c)) \(number) \(phase.loadMetric.unit)"
                        default: return "\(m.criterionName(c)) \(number)"
                        }
                    }
                }
                lines.append(
                    "     \(context.say(Phrase.exitLabel())): \(items.joined(separator: "; "))")
            }
        }
        if !plan.redFlags.isEmpty {
            lines.append("")
            lines.append(context.say(Phrase.redFlagsLabel()) + ":")
            for flag in plan.redFlags {
                lines.append("  ! \(flag.question.text(lang)) [\(flag.id)]")
            }
        }
        if !plan.advice.isEmpty {
            lines.append("")
            lines.append(context.say(Phrase.adviceLabel()) + ":")
            for a in plan.advice { lines.append("  - \(a.text(lang))") }
        }
        lines.append("")
        lines.append(
            "\(context.say(Phrase.sourcesLabel())): \(plan.sources.joined(separator: "; "))")
        return lines.joined(separator: "\n")
    }
}

func runWalkText(_ step: RunWalkStep, index: Int, count: Int, context: Context) -> String {
    if step.walkMinutes == 0 {
        return context.say(
            Phrase.continuousRun(step: index + 1, of: count, total: step.totalMinutes))
    }
    return context.say(
        Phrase.runWalkLine(
            step: index + 1, of: count,
            run: formatNumber(
                step.runMinutes, decimals: step.runMinutes == step.runMinutes.rounded() ? 0 : 1),
            walk: formatNumber(
                step.walkMinutes, decimals: step.walkMinutes == step.walkMinutes.rounded() ? 0 : 1),
            total: step.totalMinutes))
}
