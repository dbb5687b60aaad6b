// A physio's tuning of one patient's plan, shared by `rehab tune` and the app's Tune screen:
// the ranges each tunable value may take (those of plans/SCHEMA.md), the check of a whole tuned
// plan as a plan file, and the differences from the template, key by key.

import RehabCore

/// One value a physio may change, with the range a plan file allows for it.
public enum TuningField: String, Sendable, Hashable, CaseIterable {
    case painSafeMax, painLimit, painLastingHours, weeklyIncreasePct, sessionSpikePct
    case noImprovementDays
    case morningSafeMax, morningLimit
    /// Per-activity pain thresholds of the activities tendon plans raise (Silbernagel 2007);
    /// walking and running are tuned with `rehab tune set --activity-safe-max`.
    case exercisesSafeMax, exercisesLimit, strengthSafeMax, strengthLimit
    case minDays, maxDays
    case sets, reps, hold, perWeek, perDay
    case run, walk, total, sessionsPerWeek, sessionsToPass

    /// The threshold this field tunes, whose row in `ThresholdDescriptor.all` gives its key,
    /// range and label; nil for per-activity pain, phase days, exercises and run/walk steps.
    public var threshold: ThresholdKey? { ThresholdKey(rawValue: rawValue) }

    /// The field of a tunable threshold.
    public init?(_ threshold: ThresholdKey) { self.init(rawValue: threshold.rawValue) }

    /// The key in a plan file (and in the differences).
    public var key: String {
        if let threshold { return threshold.descriptor.path }
        return switch self {
        case .exercisesSafeMax: "pain.by_activity.exercises.safe_max"
        case .exercisesLimit: "pain.by_activity.exercises.limit"
        case .strengthSafeMax: "pain.by_activity.strength.safe_max"
        case .strengthLimit: "pain.by_activity.strength.limit"
        case .minDays: "min_days"
        case .maxDays: "max_days"
        case .sets: "sets"
        case .reps: "reps"
        case .hold: "hold_seconds"
        case .perWeek, .sessionsPerWeek: "per_week"
        case .perDay: "per_day"
        case .run: "run"
        case .walk: "walk"
        case .total: "total"
        case .sessionsToPass: "pass"
        // The thresholds, answered from the table above.
        default: rawValue
        }
    }

    /// Whole numbers, except percentages and run/walk minutes (one decimal).
    public var allowed: ValidationError.Allowed {
        if let threshold { return threshold.descriptor.allowed }
        switch self {
        case .exercisesSafeMax, .exercisesLimit, .strengthSafeMax, .strengthLimit:
            return .integer(Validate.painRange)
        default: break
        }
        return switch self {
        case .minDays, .maxDays: .integer(0...365)
        case .sets: .integer(1...10)
        case .reps: .integer(1...100)
        case .hold: .integer(1...600)
        case .perWeek: .integer(1...14)
        case .perDay: .integer(1...10)
        case .run: .decimal(0.5...120, places: 1)
        case .walk: .decimal(0...10, places: 1)
        case .total: .integer(5...180)
        case .sessionsPerWeek: .integer(1...7)
        case .sessionsToPass: .integer(1...10)
        // Thresholds and per-activity pain, answered above.
        default: .integer(Validate.painRange)
        }
    }

    /// The activity a per-activity pain field belongs to, and whether it is the safe maximum.
    public var activityPain: (activity: Activity, isSafeMax: Bool)? {
        switch self {
        case .exercisesSafeMax: (.exercises, true)
        case .exercisesLimit: (.exercises, false)
        case .strengthSafeMax: (.strength, true)
        case .strengthLimit: (.strength, false)
        default: nil
        }
    }

    public var isDecimal: Bool {
        if case .decimal = allowed { true } else { false }
    }

    /// The integer range (for whole-number fields; decimal fields give their bounds rounded).
    public var integerRange: ClosedRange<Int> {
        switch allowed {
        case .integer(let range): range
        case .decimal(let range, _): Int(range.lowerBound)...Int(range.upperBound)
        default: 0...0
        }
    }

    /// The decimal range (for percentages and run/walk minutes).
    public var decimalRange: ClosedRange<Double> { allowed.decimalRange }

    /// A typed value checked against the field's range; `field` is the name the error shows.
    public func parse(_ text: String, field: String) throws(ValidationError) -> Double {
        try allowed.parse(text, field: field)
    }
}

public enum TunedPlan {
    /// The plan-file checker's complaints about a tuned plan, without file positions (the file
    /// is our own rendering): "phases[1].max_days: 7 is less than min_days 14".
    public static func problems(_ plan: Plan) -> [String] {
        problemTexts(plan).map(\.en)
    }

    /// The same complaints in both languages, for the reader's language at the edge.
    public static func problemTexts(_ plan: Plan) -> [LocalizedText] {
        do {
            _ = try PlanFile.parse(bytes: Array(PlanWriter.yaml(plan).utf8), file: "tuned plan")
            return []
        } catch {
            // A plan-wide value breaks every phase alike: say it once (judged on the English,
            // which both languages follow).
            var seen = Set<String>()
            return error.errors.map(\.text).filter { text in
                let rule = text.en.split(separator: ":", maxSplits: 1).last.map(String.init)
                return seen.insert(rule ?? text.en).inserted
            }
        }
    }
}

/// What a patient's tuning changed, key by key, in plan-file terms.
public struct PlanDiff: Sendable {
    public struct Line: Encodable, Hashable, Sendable {
        public let field: String
        public let template: String
        public let tuned: String
    }

    public let template: Plan
    public let tuned: Plan
    public let language: Language

    /// `template` is the plan with the patient's variant folded in, `tuned` the same with the
    /// patient's overrides too.
    public init(template: Plan, tuned: Plan, language: Language) {
        self.template = template
        self.tuned = tuned
        self.language = language
    }

    public func lines() -> [Line] {
        var out: [Line] = []
        func add(_ field: String, _ a: String, _ b: String) {
            if a != b { out.append(Line(field: field, template: a, tuned: b)) }
        }
        let a = template.thresholds.applied(to: Thresholds())
        let b = tuned.thresholds.applied(to: Thresholds())
        for d in ThresholdDescriptor.all {
            add(d.path, d.format(d.value(in: a)), d.format(d.value(in: b)))
        }
        // Only activities with thresholds of their own; the others follow pain.* above.
        let own = Set(a.painByActivity.keys).union(b.painByActivity.keys)
        for activity in Activity.allCases where own.contains(activity) {
            let (old, new) = (a.pain(for: activity), b.pain(for: activity))
            let key = "pain.by_activity.\(activity.rawValue)"
            add("\(key).safe_max", "\(old.safeMax)", "\(new.safeMax)")
            add("\(key).limit", "\(old.limit)", "\(new.limit)")
        }
        let none = Phrase.noneLabel().text(language)
        for (old, new) in zip(template.phases, tuned.phases) {
            let id = old.id
            add("\(id).min_days", "\(old.minDays)", "\(new.minDays)")
            add(
                "\(id).max_days", old.maxDays.map(String.init) ?? none,
                new.maxDays.map(String.init) ?? none)
            for p in old.exercises {
                let after = new.exercises.first { $0.exercise == p.exercise }
                add(
                    "\(id).exercises.\(p.exercise)", dose(p),
                    after.map(dose) ?? Phrase.removedLabel().text(language))
            }
            for p in new.exercises
            where !old.exercises.contains(where: { $0.exercise == p.exercise }) {
                add("\(id).exercises.\(p.exercise)", Phrase.addedLabel().text(language), dose(p))
            }
            for i in 0..<max(old.runWalk.count, new.runWalk.count) {
                add(
                    "\(id).run_walk[\(i + 1)]",
                    i < old.runWalk.count ? PlanWriter.runWalkStep(old.runWalk[i]) : none,
                    i < new.runWalk.count ? PlanWriter.runWalkStep(new.runWalk[i]) : none)
            }
        }
        return out
    }

    public func dose(_ p: Prescription) -> String {
        Phrase.dosage(
            sets: p.sets, reps: p.reps, hold: p.holdSeconds, perDay: p.perDay, perWeek: p.perWeek
        ).text(language)
    }

    /// The differences under a title, one indented line each, fields lined up.
    public func render(title: String, arrow: String) -> String {
        let lines = lines()
        guard !lines.isEmpty else {
            return title + "\n  " + Phrase.noDifferences().text(language)
        }
        let width = lines.map(\.field.count).max() ?? 0
        return
            ([title]
            + lines.map { line in
                "  " + line.field.padding(toLength: width)
                    + "  \(line.template) \(arrow) \(line.tuned)"
            }).joined(separator: "\n")
    }
}

extension String {
    fileprivate func padding(toLength length: Int) -> String {
        count >= length ? self : self + String(repeating: " ", count: length - count)
    }
}
