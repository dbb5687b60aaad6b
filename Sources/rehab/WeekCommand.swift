import ArgumentParser
import Foundation
import RehabCore
import TerminalUI

struct Week: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "week",
        abstract: .translated("Weekly table and a text chart of load against the cap."))
    @OptionGroup var global: GlobalOptions
    @Option(
        help: .translated(
            "How many weeks, ending with this week (1-520; default 8, none before the plan)."))
    var weeks: String?
    @Flag(help: .translated("Machine-readable output.")) var json = false

    func run() throws {
        let context = try Context(global)
        let count = try context.integer(weeks, field: "weeks", in: 1...520) ?? 8
        let store = try context.openStore()
        let followed = try context.followedPlan(store)
        // By default no week before the plan (or the first logged session): empty weeks beside
        // a cap that never applied say nothing. A count asked for is shown whole.
        let shown =
            weeks == nil
            ? min(
                count,
                Engine.historyWeeks(
                    assignment: followed.assignment, history: followed.history, context.today))
            : count
        let series = Engine.series(
            plan: followed.plan, assignment: followed.assignment, history: followed.history,
            through: context.today, weeks: shown)
        let metric = followed.status(on: context.today).load.metric
        if json {
            try context.printJSON(
                WeeksJSON(
                    patient: followed.patient.name, date: context.today.iso, metric: metric.unit,
                    weeks: series.weeks.map(WeekJSON.init), series: series))
            return
        }
        print(
            WeekText(
                weeks: series.weeks, context: context, series: series,
                width: terminalWidth(context.environment)
            ).render())
    }
}

/// The width to fill: $COLUMNS when it is a sane number, else 80; never below 60.
func terminalWidth(_ env: [String: String]) -> Int {
    guard let text = env["COLUMNS"], let columns = Int(text), columns > 0 else { return 80 }
    return min(max(columns, 60), 400)
}

struct WeeksJSON: Encodable {
    let patient: String
    let date: String
    let metric: String
    let weeks: [WeekJSON]
    let adherence: [AdherenceJSON]
    let pain: [PainJSON]
    let phases: [PhaseBandJSON]
    let acuteChronic: AcuteChronicJSON

    init(patient: String, date: String, metric: String, weeks: [WeekJSON], series: ProgressSeries) {
        self.patient = patient
        self.date = date
        self.metric = metric
        self.weeks = weeks
        adherence = series.adherence.map(AdherenceJSON.init)
        pain = series.pain.map(PainJSON.init)
        phases = series.phases.map(PhaseBandJSON.init)
        acuteChronic = AcuteChronicJSON(series.acuteChronic)
    }

    enum CodingKeys: String, CodingKey {
        case patient, date, metric, weeks, adherence, pain, phases
        case acuteChronic = "acute_chronic"
    }
}

struct AdherenceJSON: Encodable {
    let weekStart: String
    let days: Int
    let sessionsPrescribed: Int
    let sessionsDone: Int
    let exercisesPrescribed: Int
    let exercisesDone: Int

    init(_ a: WeekAdherence) {
        weekStart = a.weekStart.iso
        days = a.days
        sessionsPrescribed = a.sessionsPrescribed
        sessionsDone = a.sessionsDone
        exercisesPrescribed = a.exercisesPrescribed
        exercisesDone = a.exercisesDone
    }

    enum CodingKeys: String, CodingKey {
        case days
        case weekStart = "week_start"
        case sessionsPrescribed = "sessions_prescribed"
        case sessionsDone = "sessions_done"
        case exercisesPrescribed = "exercises_prescribed"
        case exercisesDone = "exercises_done"
    }
}

struct PainJSON: Encodable {
    let date: String
    @NullWhenAbsent var during: Int?
    @NullWhenAbsent var after: Int?
    @NullWhenAbsent var nextMorning: Int?

    init(_ p: DayPain) {
        date = p.day.iso
        during = p.during
        after = p.after
        nextMorning = p.nextMorning
    }

    enum CodingKeys: String, CodingKey {
        case date, during, after
        case nextMorning = "next_morning"
    }
}

struct PhaseBandJSON: Encodable {
    let phase: String
    let kind: String
    let from: String
    let through: String

    init(_ b: PhaseBand) {
        phase = b.phase
        kind = b.kind.rawValue
        from = b.from.iso
        through = b.through.iso
    }
}

/// Information only (see `AcuteChronic`): the latest values, not the daily series.
struct AcuteChronicJSON: Encodable {
    let metric: String
    let days: Int
    @NullWhenAbsent var acute: Double?
    @NullWhenAbsent var chronic: Double?
    @NullWhenAbsent var ratio: Double?
    let informationOnly = true

    init(_ ac: AcuteChronic) {
        metric = ac.metric.unit
        days = ac.points.count
        acute = ac.points.last.map { rounded($0.acute) }
        chronic = ac.points.last.map { rounded($0.chronic) }
        ratio = ac.latest.map(rounded)
    }

    enum CodingKeys: String, CodingKey {
        case metric, days, acute, chronic, ratio
        case informationOnly = "information_only"
    }
}

struct WeekJSON: Encodable {
    let weekStart: String
    let metric: String
    let load: Double
    @NullWhenAbsent var cap: Double?
    let overCap: Bool
    let runKm: Double
    let minutes: Int
    let sessions: Int
    @NullWhenAbsent var maxPainDuring: Int?
    @NullWhenAbsent var maxPainAfter: Int?
    @NullWhenAbsent var level: String?
    /// Null outside osteoarthritis plans and maintenance phases (seed 004).
    @NullWhenAbsent var classification: String?

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
        classification = w.classified ? w.classification.rawValue : nil
    }

    enum CodingKeys: String, CodingKey {
        case metric, load, cap, minutes, sessions, level, classification
        case weekStart = "week_start"
        case overCap = "over_cap"
        case runKm = "run_km"
        case maxPainDuring = "max_pain_during"
        case maxPainAfter = "max_pain_after"
    }
}

/// The week table, then text charts that fill `width` columns: load per week against the cap,
/// pain per day (during, after, next morning: one labelled row each, so they read without
/// colour), adherence per week, and the acute:chronic ratio as information.
struct WeekText {
    let weeks: [WeekSummary]
    let context: Context
    var series: ProgressSeries? = nil
    var width = 80

    private var glyphs: Glyphs { Glyphs.forEnvironment(context.environment) }
    private var unicode: Bool { glyphs == .unicode }

    func render() -> String {
        var lines = table()
        lines.append("")
        lines += loadChart()
        if let series {
            lines.append("")
            lines += painChart(series)
            lines.append("")
            lines += adherenceChart(series.adherence)
            lines.append("")
            let ratio = series.acuteChronic.latest
            lines += wrap(
                context.say(
                    ratio.map { Phrase.acuteChronic(formatNumber($0, decimals: 2)) }
                        ?? Phrase.acuteChronicTooEarly()), width: width)
        }
        return lines.joined(separator: "\n")
    }

    /// The table; the kind and active-minutes columns go first when the width is short.
    func table() -> [String] {
        let m = context.messages
        let header = Phrase.weekColumns().map { context.say($0) }
        var rows: [[String]] = [header]
        for w in weeks {
            let pain = [w.maxPainDuring, w.maxPainAfter].map { $0.map(String.init) ?? "-" }
                .joined(separator: "/")
            rows.append([
                w.weekStart.iso,
                "\(formatNumber(w.load)) \(w.metric.unit)" + (w.overCap ? "!" : ""),
                w.cap.map { formatNumber($0) } ?? "-", String(w.sessions), String(w.minutes), pain,
                w.worstLevel.map { m.level($0) } ?? "-",
                w.classified ? m.weekClass(w.classification) : "-",
            ])
        }
        var columns = Array(header.indices)
        // Numbers right-aligned, words left-aligned.
        var lines = textTable(rows, columns: columns, rightAligned: [1, 2, 3, 4])
        for drop in [7, 4] where (lines.map(CellWidth.of).max() ?? 0) > width {
            columns.removeAll { $0 == drop }
            lines = textTable(rows, columns: columns, rightAligned: [1, 2, 3, 4])
        }
        return lines
    }

    /// One bar a week; bars share a scale only with weeks of the same metric.
    func loadChart() -> [String] {
        let labels = weeks.map { w in
            "\(formatNumber(w.load)) \(w.metric.unit)" + (w.overCap ? " !" : "")
        }
        let labelWidth = labels.map(CellWidth.of).max() ?? 0
        let barWidth = max(10, width - 11 - 1 - labelWidth)
        func scale(_ metric: LoadMetric) -> Double {
            (weeks.filter { $0.metric == metric }.map { max($0.load, $0.cap ?? 0) }.max() ?? 0)
                * 1.05
        }
        let units = Set(weeks.map(\.metric.unit)).sorted().joined(separator: ", ")
        let title = context.say(Phrase.loadChartTitle(unit: units, capMark: glyphs.vertical))
        var grid = Grid(width: 11 + barWidth + 1 + labelWidth, height: max(1, weeks.count))
        for (row, (w, label)) in zip(weeks, labels).enumerated() {
            grid.put(w.weekStart.iso, x: 0, y: row, pen: .plain)
            Meter(value: w.load, scale: scale(w.metric), threshold: w.cap, glyphs: glyphs)
                .render(in: Rect(x: 11, y: row, width: barWidth, height: 1), on: &grid)
            grid.put(label, x: 11 + barWidth + 1, y: row, pen: .plain)
        }
        return [title] + (weeks.isEmpty ? [] : grid.printedLines())
    }

    /// The last days that fit the width, one column a day.
    func painChart(_ series: ProgressSeries) -> [String] {
        let names = Phrase.painRows().map { context.say($0) }
        let labelWidth = (names.map(CellWidth.of).max() ?? 0) + 1
        let spanDays = series.from.days(to: series.today) + 1
        let days = max(1, min(width - labelWidth, spanDays))
        let first = series.today.adding(days: 1 - days)
        let byDay = Dictionary(series.pain.map { ($0.day, $0) }, uniquingKeysWith: { a, _ in a })
        let none = unicode ? "·" : "."
        let notLogged = context.say(Phrase.notLogged())
        let legend =
            unicode
            ? "▁ = 0 … █ = 10, \(none) = \(notLogged)" : "0-9, X = 10, \(none) = \(notLogged)"
        let values: [(DayPain) -> Int?] = [{ $0.during }, { $0.after }, { $0.nextMorning }]
        var grid = Grid(width: labelWidth + days, height: values.count)
        for (row, (name, value)) in zip(names, values).enumerated() {
            grid.put(name, x: 0, y: row, pen: .plain)
            for offset in 0..<days {
                let score = byDay[first.adding(days: offset)].flatMap(value)
                grid.put(score.map(painGlyph) ?? none, x: labelWidth + offset, y: row, pen: .plain)
            }
        }
        var lines = [context.say(Phrase.painChartTitle(days: days)), legend] + grid.printedLines()
        let indent = String(repeating: " ", count: labelWidth)
        if days >= 21 {
            let gap = String(repeating: " ", count: days - 20)
            lines.append(indent + first.iso + gap + series.today.iso)
        } else {
            lines.append(indent + first.iso)
        }
        lines.append(indent + context.say(Phrase.painMorningNote()))
        return lines
    }

    /// A pain score as one cell: eight block heights, or a digit (X = 10) in ASCII.
    func painGlyph(_ score: Int) -> String {
        let s = min(10, max(0, score))
        if !unicode { return s == 10 ? "X" : String(s) }
        let blocks = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
        return blocks[(s * 7 + 9) / 10]
    }

    func adherenceChart(_ adherence: [WeekAdherence]) -> [String] {
        let names = Phrase.adherenceColumns().map { context.say($0) }
        let countWidth = 5
        let barWidth = max(8, (width - 11 - 2 * (1 + countWidth) - 2) / 2)
        // Whole cells: a count of sessions reads as a share, not to an eighth.
        var whole = glyphs
        whole.gaugePartials = []
        let column = barWidth + 1 + countWidth + 2
        var grid = Grid(width: 11 + 2 * column, height: adherence.count + 1)
        grid.put(names[0], x: 11, y: 0, pen: .plain)
        grid.put(names[1], x: 11 + column, y: 0, pen: .plain)
        for (index, a) in adherence.enumerated() {
            let row = index + 1
            grid.put(a.weekStart.iso, x: 0, y: row, pen: .plain)
            let pairs = [
                (a.sessionsDone, a.sessionsPrescribed), (a.exercisesDone, a.exercisesPrescribed),
            ]
            for (part, (done, asked)) in pairs.enumerated() {
                let x = 11 + part * column
                grid.put(
                    asked > 0 ? "\(done)/\(asked)" : "-", x: x + barWidth + 1, y: row, pen: .plain)
                guard asked > 0 else { continue }
                Meter(
                    value: Double(done), scale: Double(asked), glyphs: whole,
                    background: whole.gaugeEmpty
                ).render(in: Rect(x: x, y: row, width: barWidth, height: 1), on: &grid)
            }
        }
        return [context.say(Phrase.adherenceTitle())] + grid.printedLines()
    }
}

/// Words wrapped to `width` terminal cells.
func wrap(_ text: String, width: Int) -> [String] {
    Paragraph.wrap(TextLine(text), width: width).map(\.text)
}

/// Rows of cells as aligned text: `columns` in that order, two spaces apart, each as wide as
/// its widest cell in terminal cells (a name in a wide script lines up too).
func textTable(_ rows: [[String]], columns: [Int], rightAligned: Set<Int>) -> [String] {
    let widths = columns.map { col in rows.map { CellWidth.of($0[col]) }.max() ?? 0 }
    return rows.map { row in
        let line = zip(columns, widths).map { col, width in
            TextFit.pad(row[col], to: width, alignment: rightAligned.contains(col) ? .right : .left)
        }.joined(separator: "  ")
        // Trailing spaces trimmed from the end: reversing the whole line twice cost more than
        // judging the patients whose table it is.
        var end = line.endIndex
        while end > line.startIndex, line[line.index(before: end)] == " " {
            end = line.index(before: end)
        }
        return String(line[..<end])
    }
}
