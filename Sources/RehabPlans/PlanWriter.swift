// Writing a plan back as a plan file (plans/SCHEMA.md), e.g. a patient's tuned plan for
// `rehab plans export`. Written by hand rather than through an emitter so the layout is stable
// and reads like the catalogue files: texts double-quoted, numbers and ids bare, no anchors.

import Foundation
import RehabCore

public enum PlanWriter {
    /// The plan as YAML that `PlanFile.parse` reads back to an equal plan, variants aside: a
    /// resolved plan has its variant folded in, so `variants` are written only when asked.
    /// `comment` lines go at the top, each prefixed with "# ".
    public static func yaml(_ plan: Plan, includeVariants: Bool = false, comment: [String] = [])
        -> String
    {
        var out = Lines()
        for line in comment { out.add(0, "# " + line) }
        out.add(0, "id: \(plan.id)")
        out.text(0, "names", plan.names)
        out.add(0, "region: \(plan.region.rawValue)")
        out.text(0, "summary", plan.summary)
        out.add(0, "sources:")
        for source in plan.sources { out.add(1, "- \(quoted(source))") }
        thresholds(plan.thresholds, into: &out, indent: 0, loadKey: true)

        if includeVariants && !plan.variants.isEmpty {
            out.add(0, "variants:")
            for variant in plan.variants { self.variant(variant, into: &out) }
        }
        if !plan.redFlags.isEmpty {
            out.add(0, "red_flags:")
            for flag in plan.redFlags {
                out.add(1, "- id: \(flag.id)")
                out.text(2, "question", flag.question)
                out.add(2, "urgency: \(flag.urgency.rawValue)")
            }
        }
        if !plan.referrals.isEmpty {
            out.add(0, "referrals:")
            for referral in plan.referrals {
                out.add(1, "- id: \(referral.id)")
                out.text(2, "question", referral.question)
            }
        }
        if !plan.advice.isEmpty {
            out.add(0, "advice:")
            for advice in plan.advice { out.text(1, "-", advice) }
        }
        if !plan.exercises.isEmpty {
            out.add(0, "exercises:")
            for exercise in plan.exercises {
                out.add(1, "- id: \(exercise.id)")
                out.text(2, "names", exercise.names)
                if let how = exercise.how { out.text(2, "how", how) }
            }
        }
        measures(plan.measures, indent: 0, into: &out)
        out.add(0, "phases:")
        for (i, phase) in plan.phases.enumerated() {
            self.phase(phase, isLast: i == plan.phases.count - 1, into: &out)
        }
        return out.rendered
    }

    // MARK: - Sections

    /// A plan's or a phase's schedule; written even when empty: an empty schedule (nothing
    /// due) differs from none.
    private static func measures(
        _ measures: [ScheduledMeasure]?, indent: Int, into out: inout Lines
    ) {
        guard let measures else { return }
        out.add(indent, measures.isEmpty ? "measures: []" : "measures:")
        for m in measures {
            var parts = ["id: \(m.instrument)"]
            if !m.at.isEmpty { parts.append("at: " + flow(m.at.map(\.rawValue))) }
            if let every = m.everyDays { parts.append("every_days: \(every)") }
            out.add(indent + 1, "- { \(parts.joined(separator: ", ")) }")
        }
    }

    private static func phase(_ phase: Phase, isLast: Bool, into out: inout Lines) {
        out.add(1, "- id: \(phase.id)")
        out.add(2, "kind: \(phase.kind.rawValue)")
        out.text(2, "names", phase.names)
        if let goal = phase.goal { out.text(2, "goal", goal) }
        out.add(2, "min_days: \(phase.minDays)")
        if let maxDays = phase.maxDays { out.add(2, "max_days: \(maxDays)") }
        if !phase.allowed.isEmpty { out.add(2, "allowed: " + flow(phase.allowed.map(\.rawValue))) }
        if !phase.avoid.isEmpty { out.add(2, "avoid: " + flow(phase.avoid.map(\.rawValue))) }
        if !phase.weeklySessions.isEmpty {
            // Activity order, so the same plan always gives the same bytes.
            let items = Activity.allCases.compactMap { a in
                phase.weeklySessions[a].map { "\(a.rawValue): \($0)" }
            }
            out.add(2, "sessions: { \(items.joined(separator: ", ")) }")
        }
        if !phase.exercises.isEmpty {
            out.add(2, "exercises:")
            for p in phase.exercises { out.add(3, "- " + prescription(p)) }
        }
        if !phase.runWalk.isEmpty {
            out.add(2, "run_walk:")
            for step in phase.runWalk { out.add(3, "- " + runWalkStep(step)) }
        }
        measures(phase.measures, indent: 2, into: &out)
        var load: [String] = []
        switch phase.loadMetric {
        case .km: break
        case .minutes(let activities):
            load.append("metric: minutes")
            if activities.count == 1, let activity = activities.first {
                load.append("activity: \(activity.rawValue)")
            } else {
                load.append("activities: " + flow(activities.map(\.rawValue)))
            }
        }
        if let volume = phase.startingVolume { load.append("starting_volume: \(number(volume))") }
        load += items("load", phase.thresholds)
        if !load.isEmpty { out.add(2, "load: { \(load.joined(separator: ", ")) }") }
        thresholds(phase.thresholds, into: &out, indent: 2, loadKey: false)
        let exit = exitItems(phase.exit)
        if !exit.isEmpty || !isLast { out.add(2, "exit: { \(exit.joined(separator: ", ")) }") }
    }

    private static func variant(_ variant: Variant, into out: inout Lines) {
        out.add(1, "- id: \(variant.id)")
        out.text(2, "names", variant.names)
        if let description = variant.description {
            out.text(2, "description", description)
        }
        let weeks = variant.expectedWeeks
        out.add(2, "expected_weeks: [\(weeks.lowerBound), \(weeks.upperBound)]")
        if !variant.phases.isEmpty {
            out.add(2, "phases:")
            for (id, change) in variant.phases.sorted(by: { $0.key < $1.key }) {
                out.add(3, "\(id):")
                if let minDays = change.minDays { out.add(4, "min_days: \(minDays)") }
                if let maxDays = change.maxDays { out.add(4, "max_days: \(maxDays)") }
                if let steps = change.runWalk {
                    out.add(4, "run_walk:")
                    for step in steps { out.add(5, "- " + runWalkStep(step)) }
                }
                if let exit = change.exit {
                    out.add(4, "exit: { \(exitItems(exit).joined(separator: ", ")) }")
                }
            }
        }
        thresholds(variant.thresholds, into: &out, indent: 2, loadKey: true)
    }

    /// pain (with by_activity), morning, worsening_window_hours, see_doctor, and (plan and
    /// variant level) load.
    private static func thresholds(
        _ t: ThresholdOverrides, into out: inout Lines, indent: Int, loadKey: Bool
    ) {
        var pain = items("pain", t)
        // Activity order, so the same plan always gives the same bytes.
        let byActivity = Activity.allCases.compactMap { a -> String? in
            guard let own = t.painByActivity[a], !own.isEmpty else { return nil }
            var items: [String] = []
            if let v = own.safeMax { items.append("safe_max: \(v)") }
            if let v = own.limit { items.append("limit: \(v)") }
            return "\(a.rawValue): { \(items.joined(separator: ", ")) }"
        }
        if !byActivity.isEmpty {
            pain.append("by_activity: { \(byActivity.joined(separator: ", ")) }")
        }
        if !pain.isEmpty { out.add(indent, "pain: { \(pain.joined(separator: ", ")) }") }
        let morning = items("morning", t)
        if !morning.isEmpty { out.add(indent, "morning: { \(morning.joined(separator: ", ")) }") }
        for item in items(nil, t) { out.add(indent, item) }
        if loadKey {
            let load = items("load", t)
            if !load.isEmpty { out.add(indent, "load: { \(load.joined(separator: ", ")) }") }
        }
        let doctor = items("see_doctor", t)
        if !doctor.isEmpty {
            out.add(indent, "see_doctor: { \(doctor.joined(separator: ", ")) }")
        }
    }

    /// `name: value` of each threshold of one mapping that the overrides set, in table order.
    private static func items(_ section: String?, _ t: ThresholdOverrides) -> [String] {
        ThresholdDescriptor.section(section).compactMap { d in
            d.value(in: t).map { v in "\(d.name): " + (d.isDecimal ? number(v) : String(Int(v))) }
        }
    }

    public static func prescription(_ p: Prescription) -> String {
        var items = ["id: \(p.exercise)", "sets: \(p.sets)"]
        if let reps = p.reps { items.append("reps: \(reps)") }
        if let hold = p.holdSeconds { items.append("hold_seconds: \(hold)") }
        if let perDay = p.perDay { items.append("per_day: \(perDay)") }
        if let perWeek = p.perWeek { items.append("per_week: \(perWeek)") }
        return "{ \(items.joined(separator: ", ")) }"
    }

    static func runWalkStep(_ s: RunWalkStep) -> String {
        "{ run: \(number(s.runMinutes)), walk: \(number(s.walkMinutes)), total: \(s.totalMinutes)"
            + ", per_week: \(s.sessionsPerWeek), pass: \(s.sessionsToPass) }"
    }

    private static func exitItems(_ e: ExitCriteria) -> [String] {
        var items: [String] = []
        if let v = e.minDays { items.append("min_days: \(v)") }
        if let v = e.greenDays { items.append("green_days: \(v)") }
        if let v = e.painFreeWalkMinutes { items.append("pain_free_walk_minutes: \(v)") }
        if let v = e.weeklyLoad { items.append("weekly_load: \(number(v))") }
        if let v = e.hopTest { items.append("hop_test: \(v)") }
        if let v = e.calfRaises { items.append("calf_raises: \(v)") }
        if let v = e.runWalkCompleted { items.append("run_walk_completed: \(v)") }
        return items
    }

    // MARK: - Scalars

    private static func flow(_ ids: [String]) -> String { "[\(ids.joined(separator: ", "))]" }

    /// A YAML double-quoted scalar: backslash, quote and control characters escaped.
    static func quoted(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F
                    || (0x80...0x9F).contains(scalar.value) || scalar == "\u{2028}"
                    || scalar == "\u{2029}" || scalar == "\u{FEFF}"
                {
                    out += "\\u" + hex4(scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    private static func hex4(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    /// A bare number: whole values without a decimal point, others in the shortest form that
    /// reads back to the same double, never with an exponent.
    static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        let short = "\(value)"
        if !short.contains("e") { return short }
        var s = String(format: "%.10f", value)
        while s.hasSuffix("0") { s.removeLast() }
        return s
    }
}

/// Indented output lines, two spaces a level.
private struct Lines {
    private var lines: [String] = []

    mutating func add(_ indent: Int, _ line: String) {
        lines.append(String(repeating: "  ", count: indent) + line)
    }

    /// `key: { nl: …, en: … }` on one line when it fits in 100 columns, else nl and en on
    /// lines of their own. `key` "-" makes the text a list item.
    mutating func text(_ indent: Int, _ key: String, _ value: LocalizedText) {
        let nl = PlanWriter.quoted(value.nl)
        let en = PlanWriter.quoted(value.en)
        let head = key == "-" ? "-" : key + ":"
        let inline = "\(head) { nl: \(nl), en: \(en) }"
        if 2 * indent + inline.count <= 100 {
            add(indent, inline)
            return
        }
        if key == "-" {
            add(indent, "- nl: \(nl)")
            add(indent + 1, "en: \(en)")
        } else {
            add(indent, head)
            add(indent + 1, "nl: \(nl)")
            add(indent + 1, "en: \(en)")
        }
    }

    var rendered: String { lines.joined(separator: "\n") + "\n" }
}
