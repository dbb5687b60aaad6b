import ArgumentParser
import Foundation
import RehabApp
import RehabCore
import RehabPlans
import RehabStorage
import TerminalUI

/// The physio's tuning of one patient's plan, stored as `PlanOverrides` with the assignment.
/// Every change is checked twice: the value against the plan-file range of its key, then the
/// whole tuned plan, written as a plan file and read back by the plan-file checker, so a tuned
/// plan is valid exactly when the same plan as a file would be.
struct Tune: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tune",
        abstract: .translated(
            "Tune a patient's plan: thresholds, phase days, exercises, run/walk steps."),
        discussion: .translated(
            """
            Changes are stored per patient and shown as differences from the template with
            'rehab tune --show' (or 'rehab plans diff'). Ranges are those of plans/SCHEMA.md.
            """),
        subcommands: [Adjust.self, ExerciseCommand.self, RunWalkCommand.self, Reset.self],
        defaultSubcommand: Adjust.self)

    struct Adjust: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set",
            abstract: .translated(
                "Change thresholds (whole plan) and a phase's days; --show lists changes."))
        @OptionGroup var global: GlobalOptions
        @Option(
            name: .customLong("pain-safe-max"),
            help: .translated("Pain allowed during and after, 0-10."))
        var painSafeMax: String?
        @Option(
            name: .customLong("pain-limit"), help: .translated("Pain above this is too much, 0-10.")
        )
        var painLimit: String?
        @Option(
            name: .customLong("pain-lasting-hours"),
            help: .translated("Pain may last this long, 1-72."))
        var lastingHours: String?
        @Option(
            name: .customLong("weekly-increase-pct"),
            help: .translated("Weekly load rise, 0-100 %."))
        var weeklyIncrease: String?
        @Option(
            name: .customLong("session-spike-pct"), help: .translated("Single-run spike, 0-100 %."))
        var sessionSpike: String?
        @Option(
            name: .customLong("no-improvement-days"),
            help: .translated("Days without improvement, 1-60."))
        var noImprovementDays: String?
        @Option(
            name: .customLong("morning-safe-max"), help: .translated("Morning pain allowed, 0-10."))
        var morningSafeMax: String?
        @Option(
            name: .customLong("morning-limit"),
            help: .translated("Morning pain above this is too much."))
        var morningLimit: String?
        @Option(
            name: .customLong("activity-safe-max"),
            help: .translated(
                "One activity's own pain allowed, ACTIVITY=0-10 (e.g. exercises=5); repeatable."))
        var activitySafeMax: [String] = []
        @Option(
            name: .customLong("activity-limit"),
            help: .translated("One activity's own pain limit, ACTIVITY=0-10; repeatable."))
        var activityLimit: [String] = []
        @Option(help: .translated("The phase --min-days and --max-days apply to.")) var phase:
            String?
        @Option(
            name: .customLong("min-days"), help: .translated("Minimum days in the phase, 0-365."))
        var minDays: String?
        @Option(
            name: .customLong("max-days"), help: .translated("Maximum days in the phase, 0-365."))
        var maxDays: String?
        @Flag(help: .translated("Show the differences from the template.")) var show = false
        @Flag(help: .translated("Machine-readable differences (with --show).")) var json = false

        func run() throws {
            let tuning = try Tuning(global)
            let context = tuning.context
            var overrides = tuning.followed.assignment.overrides
            var t = overrides.thresholds
            // Each option named as the table names it (`ThresholdDescriptor.option`), checked
            // against the table's range, in table order.
            let given: [ThresholdKey: String?] = [
                .painSafeMax: painSafeMax, .painLimit: painLimit,
                .painLastingHours: lastingHours, .weeklyIncreasePct: weeklyIncrease,
                .sessionSpikePct: sessionSpike, .noImprovementDays: noImprovementDays,
                .morningSafeMax: morningSafeMax, .morningLimit: morningLimit,
            ]
            for d in ThresholdDescriptor.all {
                guard let text = given[d.key] ?? nil else { continue }
                d.set(try context.check { try d.parse(text, field: d.option) }, in: &t)
            }
            for (items, field) in [
                (activitySafeMax, "activity-safe-max"), (activityLimit, "activity-limit"),
            ] {
                for item in items {
                    let (activity, value) = try context.check {
                        try Self.activityValue(item, field: field)
                    }
                    var own = t.painByActivity[activity] ?? ActivityPain()
                    if field == "activity-limit" { own.limit = value } else { own.safeMax = value }
                    t.painByActivity[activity] = own
                }
            }
            overrides.thresholds = t

            let min = try context.integer(
                minDays, field: "min-days", in: TuningField.minDays.integerRange)
            let max = try context.integer(
                maxDays, field: "max-days", in: TuningField.maxDays.integerRange)
            if min != nil || max != nil {
                let phases = tuning.followed.plan.phases.map(\.id)
                guard let phase else {
                    throw context.fail(
                        Phrase.tuneNeedsPhase(
                            minDays != nil ? "min-days" : "max-days", known: phases))
                }
                let id = try tuning.phaseID(phase)
                var days = overrides.phaseDays[id] ?? PhaseDays()
                days.minDays = min ?? days.minDays
                days.maxDays = max ?? days.maxDays
                overrides.phaseDays[id] = days
            }
            let changed = overrides != tuning.followed.assignment.overrides
            if !changed && !show { throw context.fail(Phrase.tuneNothingGiven()) }
            if changed { try tuning.save(overrides, quiet: show) }
            if show { try tuning.show(overrides, json: json) }
        }

        /// "exercises=5": an activity of the vocabulary and a pain score 0-10.
        static func activityValue(_ text: String, field: String) throws(RehabCore.ValidationError)
            -> (Activity, Int)
        {
            let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, let activity = Activity(rawValue: parts[0]) else {
                throw RehabCore.ValidationError(
                    field: field, value: text,
                    allowed: .oneOf(Activity.allCases.map { "\($0.rawValue)=0-10" }))
            }
            return (activity, try Validate.integer(parts[1], field: field, in: Validate.painRange))
        }
    }

    struct ExerciseCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "exercise",
            abstract: .translated("Add, remove or change an exercise of a phase."),
            subcommands: [Add.self, Remove.self, Change.self])

        struct Dose: ParsableArguments {
            @Option(help: .translated("Sets, 1-10.")) var sets: String?
            @Option(help: .translated("Repetitions, 1-100 (or --hold).")) var reps: String?
            @Option(help: .translated("Hold in seconds, 1-600 (or --reps).")) var hold: String?
            @Option(
                name: .customLong("per-week"),
                help: .translated("Times a week, 1-14 (or --per-day)."))
            var perWeek: String?
            @Option(
                name: .customLong("per-day"),
                help: .translated("Times a day, 1-10 (or --per-week)."))
            var perDay: String?

            /// `base` with the given values; reps replaces hold and per-week replaces per-day.
            func applied(to base: Prescription, context: Context) throws -> Prescription {
                var p = base
                if let sets = try context.integer(
                    sets, field: "sets", in: TuningField.sets.integerRange)
                {
                    p.sets = sets
                }
                // Each option with the one it replaces: a dose is reps or a hold, per week or per
                // day, never both.
                let replacing:
                    [(
                        String?, String, TuningField, WritableKeyPath<Prescription, Int?>,
                        WritableKeyPath<Prescription, Int?>
                    )] = [
                        (reps, "reps", .reps, \.reps, \.holdSeconds),
                        (hold, "hold", .hold, \.holdSeconds, \.reps),
                        (perWeek, "per-week", .perWeek, \.perWeek, \.perDay),
                        (perDay, "per-day", .perDay, \.perDay, \.perWeek),
                    ]
                for (text, name, field, value, replaced) in replacing {
                    if let given = try context.integer(text, field: name, in: field.integerRange) {
                        p[keyPath: value] = given
                        p[keyPath: replaced] = nil
                    }
                }
                return p
            }

            var isEmpty: Bool { [sets, reps, hold, perWeek, perDay].allSatisfy { $0 == nil } }
        }

        /// An exercise already in a phase, as `remove` and `set` name it.
        struct ExerciseInPhase: ParsableArguments {
            @Argument(help: .translated("Phase id.")) var phase: String
            @Argument(help: .translated("Exercise id.")) var exercise: String

            /// Edits the phase's list at the exercise's index; refused when it is not there.
            func edit(
                _ global: GlobalOptions,
                _ change: (inout [Prescription], Int, Context) throws -> Void
            ) throws {
                let tuning = try Tuning(global)
                try tuning.editExercises(of: phase) { list, id in
                    let i = try tuning.index(of: exercise, in: list, phase: id)
                    try change(&list, i, tuning.context)
                }
            }
        }

        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "add",
                abstract: .translated("Add an exercise from the plan's library to a phase."))
            @OptionGroup var global: GlobalOptions
            @Argument(help: .translated("Phase id.")) var phase: String
            @Argument(help: .translated("Exercise id (see 'rehab plans show').")) var exercise:
                String
            @OptionGroup var dose: Dose

            func run() throws {
                let tuning = try Tuning(global)
                try tuning.editExercises(of: phase) { list, id in
                    let library = tuning.followed.plan.exercises.map(\.id)
                    guard library.contains(exercise) else {
                        throw tuning.context.fail(
                            Phrase.unknownLibraryExercise(exercise, known: library))
                    }
                    guard !list.contains(where: { $0.exercise == exercise }) else {
                        throw tuning.context.fail(
                            Phrase.exerciseAlreadyInPhase(exercise, phase: id))
                    }
                    guard dose.sets != nil, (dose.reps == nil) != (dose.hold == nil),
                        (dose.perWeek == nil) != (dose.perDay == nil)
                    else { throw tuning.context.fail(Phrase.newExerciseNeeds()) }
                    let empty = Prescription(exercise: exercise, sets: 1)
                    list.append(try dose.applied(to: empty, context: tuning.context))
                }
            }
        }

        struct Remove: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "remove",
                abstract: .translated("Remove an exercise from a phase."))
            @OptionGroup var global: GlobalOptions
            @OptionGroup var exercise: ExerciseInPhase

            func run() throws {
                try exercise.edit(global) { list, i, _ in list.remove(at: i) }
            }
        }

        struct Change: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "set",
                abstract: .translated("Change an exercise's sets, reps or frequency."))
            @OptionGroup var global: GlobalOptions
            @OptionGroup var exercise: ExerciseInPhase
            @OptionGroup var dose: Dose

            func run() throws {
                try exercise.edit(global) { list, i, context in
                    if dose.isEmpty { throw context.fail(Phrase.tuneNothingGiven()) }
                    list[i] = try dose.applied(to: list[i], context: context)
                }
            }
        }
    }

    struct RunWalkCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "run-walk",
            abstract: .translated(
                "Change, add (step = count + 1) or remove a run/walk step of a phase."))
        @OptionGroup var global: GlobalOptions
        @Argument(help: .translated("Phase id.")) var phase: String
        @Option(help: .translated("Step number, 1-based.")) var step: String
        @Option(name: .customLong("run"), help: .translated("Run minutes, 0.5-120.")) var runText:
            String?
        @Option(help: .translated("Walk minutes, 0-10.")) var walk: String?
        @Option(help: .translated("Session length in minutes, 5-180.")) var total: String?
        @Option(name: .customLong("per-week"), help: .translated("Sessions a week, 1-7."))
        var perWeek: String?
        @Option(help: .translated("Sessions within the pain rules to pass the step, 1-10."))
        var pass: String?
        @Flag(help: .translated("Remove the step.")) var remove = false

        func run() throws {
            let tuning = try Tuning(global)
            let context = tuning.context
            let id = try tuning.phaseID(phase)
            var steps = tuning.followed.plan.phases.first { $0.id == id }?.runWalk ?? []
            let number = try context.check {
                try Validate.integer(step, field: "step", in: 1...max(1, steps.count + 1))
            }
            func minutes(_ text: String?, _ field: String, _ range: ClosedRange<Double>) throws
                -> Double?
            {
                try text.map { v in
                    try context.check {
                        try Validate.decimal(v, field: field, in: range, places: 1)
                    }
                }
            }
            if remove {
                guard number <= steps.count else {
                    throw context.fail(Phrase.stepOutOfRange(number, count: steps.count))
                }
                guard steps.count > 1 else { throw context.fail(Phrase.lastStepStays()) }
                steps.remove(at: number - 1)
            } else {
                let runMinutes = try minutes(runText, "run", TuningField.run.decimalRange)
                let walkMinutes = try minutes(walk, "walk", TuningField.walk.decimalRange)
                let totalMinutes = try context.integer(
                    total, field: "total", in: TuningField.total.integerRange)
                let sessions = try context.integer(
                    perWeek, field: "per-week", in: TuningField.sessionsPerWeek.integerRange)
                let toPass = try context.integer(
                    pass, field: "pass", in: TuningField.sessionsToPass.integerRange)
                if number > steps.count {
                    // A new step needs its three numbers; the rest default as in a plan file.
                    guard let runMinutes, let walkMinutes, let totalMinutes else {
                        throw context.fail(Phrase.newStepNeeds())
                    }
                    steps.append(
                        RunWalkStep(
                            runMinutes: runMinutes, walkMinutes: walkMinutes,
                            totalMinutes: totalMinutes, sessionsPerWeek: sessions ?? 3,
                            sessionsToPass: toPass ?? 3))
                } else {
                    var s = steps[number - 1]
                    if [runText, walk, total, perWeek, pass].allSatisfy({ $0 == nil }) {
                        throw context.fail(Phrase.tuneNothingGiven())
                    }
                    s.runMinutes = runMinutes ?? s.runMinutes
                    s.walkMinutes = walkMinutes ?? s.walkMinutes
                    s.totalMinutes = totalMinutes ?? s.totalMinutes
                    s.sessionsPerWeek = sessions ?? s.sessionsPerWeek
                    s.sessionsToPass = toPass ?? s.sessionsToPass
                    steps[number - 1] = s
                }
            }
            var overrides = tuning.followed.assignment.overrides
            overrides.runWalk[id] = steps
            try tuning.save(overrides)
        }
    }

    struct Reset: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reset",
            abstract: .translated("Drop every change: the plan follows the template again."))
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let tuning = try Tuning(global)
            try tuning.context.storing {
                try tuning.store.setOverrides(
                    patientID: tuning.followed.patient.id, PlanOverrides())
            }
            print(tuning.context.say(Phrase.tuneReset()))
        }
    }
}

/// One tuning command's view of the patient: the plan they follow and where to store changes.
struct Tuning {
    let context: Context
    let store: any RehabRepository
    let followed: FollowedPlan

    init(_ global: GlobalOptions) throws {
        context = try Context(global)
        store = try context.openStore()
        followed = try context.followedPlan(store)
    }

    func phaseID(_ id: String) throws -> String {
        let known = followed.plan.phases.map(\.id)
        guard known.contains(id) else { throw context.fail(Phrase.unknownPhase(id, known: known)) }
        return id
    }

    /// Changes a phase's exercises as the patient follows them now (tuned or not) and saves
    /// the result as the phase's tuned list.
    func editExercises(
        of phase: String, _ edit: (inout [Prescription], _ phaseID: String) throws -> Void
    ) throws {
        let id = try phaseID(phase)
        var list = followed.plan.phases.first { $0.id == id }?.exercises ?? []
        try edit(&list, id)
        var overrides = followed.assignment.overrides
        overrides.exercises[id] = list
        try save(overrides)
    }

    func index(of exercise: String, in list: [Prescription], phase: String) throws -> Int {
        guard let i = list.firstIndex(where: { $0.exercise == exercise }) else {
            throw context.fail(
                Phrase.unknownExerciseInPhase(exercise, phase: phase, known: list.map(\.exercise)))
        }
        return i
    }

    /// Validates the tuned plan as a plan file would be, then stores the overrides.
    func save(_ overrides: PlanOverrides, quiet: Bool = false) throws {
        let tuned = followed.template.resolved(
            variant: followed.assignment.variantID, overrides: overrides)
        let problems = TunedPlan.problemTexts(tuned)
        if !problems.isEmpty { throw context.fail(Phrase.tuneRefused(problems)) }
        try context.storing { try store.setOverrides(patientID: followed.patient.id, overrides) }
        if !quiet {
            let count = PlanDiff(
                template: followed.template.resolved(variant: followed.assignment.variantID),
                tuned: tuned, context: context
            ).lines().count
            print(context.say(Phrase.tuneSaved(count)))
        }
    }

    func show(_ overrides: PlanOverrides, json: Bool) throws {
        let diff = PlanDiff(
            template: followed.template.resolved(variant: followed.assignment.variantID),
            tuned: followed.template.resolved(
                variant: followed.assignment.variantID, overrides: overrides),
            context: context)
        if json {
            try context.printJSON(diff.lines())
        } else {
            print(
                diff.render(
                    title: context.say(
                        Phrase.differencesTitle(
                            patient: followed.patient.name,
                            plan: followed.template.names.text(context.language))),
                    context: context))
        }
    }
}

extension PlanDiff {
    /// The differences in the command's language.
    init(template: Plan, tuned: Plan, context: Context) {
        self.init(template: template, tuned: tuned, language: context.language)
    }

    /// With the locale's arrow (ASCII outside UTF-8).
    func render(title: String, context: Context) -> String {
        render(title: title, arrow: Glyphs.forEnvironment(context.environment).arrow)
    }
}
