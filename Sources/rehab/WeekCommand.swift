import ArgumentParser
import Foundation
import RehabCore

struct Week: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Weekly table and a text chart of load against the cap.")
    @OptionGroup var global: GlobalOptions
    @Option(help: "How many weeks, ending with this week (1-520, default 8).") var weeks: String?
    @Flag(help: "Machine-readable output.") var json = false

    func run() throws {
        let context = try Context(global)
        let count =
            try weeks.map { text in
                try context.check { try Validate.integer(text, field: "weeks", in: 1...520) }
            } ?? 8
        let store = try context.openStore()
        let followed = try context.followedPlan(store)
        let summaries = Engine.weeks(
            plan: followed.plan, assignment: followed.assignment, history: followed.history,
            through: context.today, count: count)
        let metric = followed.status(on: context.today).load.metric
        if json {
            try context.printJSON(
                WeeksJSON(
                    patient: followed.patient.name, date: context.today.iso, metric: metric.unit,
                    weeks: summaries.map(WeekJSON.init)))
            return
        }
        print(WeekText(weeks: summaries, context: context).render())
    }
}

struct WeeksJSON: Encodable {
    let patient: String
    let date: String
    let metric: String
    let weeks: [WeekJSON]
}

struct WeekJSON: Encodable {
    let weekStart: String
    let metric: String
    let load: Double
    let cap: Double?
    let overCap: Bool
    let runKm: Double
    let minutes: Int
    let sessions: Int
    let maxPainDuring: Int?
    let maxPainAfter: Int?
    let level: String?
    let classification: String

    init(_ w: WeekSummary) {
        weekStart = w.weekStart.iso
        metric = w.metric.unit
        load = rounded(w.load)
        cap = w.cap.map(rounded)
        overCap = w.overCap
        runKm = rounded(w.runKm)
        minutes = w.minutes
        sessions = w.sessions
        maxPainDuring = w.maxPainDuring
        maxPainAfter = w.maxPainAfter
        level = w.worstLevel?.rawValue
        classification = w.classification.rawValue
    }

    enum CodingKeys: String, CodingKey {
        case metric, load, cap, minutes, sessions, level, classification
        case weekStart = "week_start"
        case overCap = "over_cap"
        case runKm = "run_km"
        case maxPainDuring = "max_pain_during"
        case maxPainAfter = "max_pain_after"
    }

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(weekStart, forKey: .weekStart)
        try c.encode(metric, forKey: .metric)
        try c.encode(load, forKey: .load)
        try c.encode(cap, forKey: .cap)
        try c.encode(overCap, forKey: .overCap)
        try c.encode(runKm, forKey: .runKm)
        try c.encode(minutes, forKey: .minutes)
        try c.encode(sessions, forKey: .sessions)
        try c.encode(maxPainDuring, forKey: .maxPainDuring)
        try c.encode(maxPainAfter, forKey: .maxPainAfter)
        try c.encode(level, forKey: .level)
        try c.encode(classification, forKey: .classification)
    }
}

/// The week table and a horizontal bar chart with the cap marked on every bar.
struct WeekText {
    let weeks: [WeekSummary]
    let context: Context

    func render() -> String {
        let m = context.messages
        let glyphs = Glyphs.forLocale(context.environment)
        let header = Phrase.weekColumns().map { context.say($0) }
        var rows: [[String]] = [header]
        for w in weeks {
            let pain = [w.maxPainDuring, w.maxPainAfter].map { $0.map(String.init) ?? "-" }.joined(
                separator: "/")
            rows.append([
                w.weekStart.iso,
                "\(formatNumber(w.load)) \(w.metric.unit)" + (w.overCap ? "!" : ""),
                w.cap.map { formatNumber($0) } ?? "-", String(w.sessions), String(w.minutes), pain,
                w.worstLevel.map { m.level($0) } ?? "-", m.weekClass(w.classification),
            ])
        }
        let widths = header.indices.map { col in rows.map { $0[col].count }.max() ?? 0 }
        var lines = rows.map { row in
            row.enumerated().map { col, cell in
                // Numbers right-aligned, words left-aligned.
                let pad = String(repeating: " ", count: widths[col] - cell.count)
                return (1...4).contains(col) ? pad + cell : cell + pad
            }.joined(separator: "  ")
        }
        lines.append("")
        // Bars share a scale only with weeks of the same metric: minutes and km don't compare.
        func scale(_ metric: LoadMetric) -> Double {
            (weeks.filter { $0.metric == metric }.map { max($0.load, $0.cap ?? 0) }.max() ?? 0)
                * 1.05
        }
        for w in weeks {
            let scale = scale(w.metric)
            let bar = glyphs.bar(w.load, cap: w.cap, scale: scale, width: 40)
            let mark = w.overCap ? " !" : ""
            lines.append(
                "\(w.weekStart.iso) \(bar) \(formatNumber(w.load)) \(w.metric.unit)\(mark)")
        }
        if weeks.contains(where: { $0.cap != nil }) {
            lines.append(
                "\(String(repeating: " ", count: 11))\(glyphs.capMark) = \(context.say(Phrase.weekColumns()[2]))"
            )
        }
        return lines.joined(separator: "\n")
    }
}
