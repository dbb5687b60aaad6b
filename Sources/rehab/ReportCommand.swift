import ArgumentParser
import Foundation
import RehabApp
import RehabCore
import RehabPlans

/// `rehab report`: a progress report for a GP or physio, in Markdown or as one self-contained
/// HTML file (inline CSS and SVG, no scripts, fonts or links: it works offline and by mail).
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: .translated(
            "A progress report (Markdown or self-contained HTML) for a GP or physio."))
    @OptionGroup var global: GlobalOptions
    @Option(help: .translated("How many weeks, ending with this week (1-520, default 8)."))
    var weeks: String?
    @Option(help: .translated("md or html (default md).")) var format: String?
    @OptionGroup var file: OutputOptions
    @OptionGroup var questionnaireFolder: QuestionnaireFolder

    func run() throws {
        let context = try Context(global)
        let count = try context.integer(weeks, field: "weeks", in: 1...520) ?? 8
        let kind = try context.reportFormat(format)
        let store = try context.openStore()
        let followed = try context.followedPlan(store)
        var data = ReportData(followed: followed, context: context, weeks: count)
        let shelf = try MeasureShelf(context: context, folder: questionnaireFolder.questionnaires)
        (data.measureLines, data.noteLines) = try MeasureReportLines.lines(
            store: store, patientID: followed.patient.id, shelf: shelf, context: context)
        let text =
            kind == "html"
            ? HTMLReport(data: data).render()
            : MarkdownReport(data: data)
                .render()
        if let output = file.output {
            try context.writeUserFile(text, to: output, force: file.force)
            print(context.say(Phrase.reportWritten(output)))
        } else {
            print(text, terminator: "")
        }
    }
}

/// Everything a report shows, worked out once; the two formats only lay it out.
struct ReportData {

    let followed: FollowedPlan
    let context: Context
    let series: ProgressSeries
    let status: Status
    /// Logged days in the span whose verdict was not green, oldest first.
    let verdicts: [DayVerdict]
    let flagReports: [FlagReport]
    let clearings: [FlagClearing]
    let diff: [PlanDiff.Line]
    /// Outcome measures ("PSFS …: 3.0 → 8.0 (+5.0): …") and the physio's notes; empty: no section.
    var measureLines: [String] = []
    var noteLines: [String] = []

    init(followed: FollowedPlan, context: Context, weeks: Int) {
        self.followed = followed
        self.context = context
        let today = context.today
        series = Engine.series(
            plan: followed.plan, assignment: followed.assignment, history: followed.history,
            through: today, weeks: weeks)
        status = followed.status(on: today)
        let from = series.from
        let history = followed.history
        var logged = Swift.Set<Day>()
        for s in history.sessions where s.date >= from && s.date <= today { logged.insert(s.date) }
        for m in history.mornings where m.date >= from && m.date <= today { logged.insert(m.date) }
        verdicts = Engine.dayVerdicts(
            plan: followed.plan, assignment: followed.assignment, history: history,
            on: logged.sorted(), asOf: today
        ).filter { $0.shown.level != .green }
        clearings = history.clearings.filter { $0.date >= from && $0.date <= today }
        // Reports in the span, plus older ones a clearing in the span covers or still open:
        // a clearing or an open stop should never appear without its report.
        let open = Swift.Set(Engine.openReports(history: history, asOf: today))
        let clearedInSpan = Swift.Set(clearings.flatMap(\.cleared))
        var reports: [FlagReport] = []
        for s in history.sessions where s.date <= today {
            reports += s.flags.map { FlagReport(flag: $0, date: s.date) }
        }
        for m in history.mornings where m.date <= today {
            reports += m.flags.map { FlagReport(flag: $0, date: m.date) }
        }
        flagReports = Array(
            Swift.Set(
                reports.filter {
                    $0.date >= from || open.contains($0) || clearedInSpan.contains($0)
                })
        ).sorted { ($0.date, $0.flag) < ($1.date, $1.flag) }
        diff = PlanDiff(
            template: followed.template.resolved(variant: followed.assignment.variantID),
            tuned: followed.plan, context: context
        ).lines()
    }

    var language: Language { context.language }
    var messages: Messages { context.messages }
    func say(_ text: LocalizedText) -> String { context.say(text) }

    var planTitle: String {
        let variant = followed.template.variant(followed.assignment.variantID)
        return followed.plan.names.text(language)
            + (variant.map { ", " + $0.names.text(language) } ?? "")
    }

    /// The weeks the table lists: from the plan's first week (earlier weeks hold nothing of
    /// the plan to report).
    var shownWeeks: [(week: WeekSummary, adherence: WeekAdherence)] {
        let start = followed.assignment.startDate
        return zip(series.weeks, series.adherence).filter {
            $0.0.weekStart.adding(days: 6) >= start
        }
        .map { ($0.0, $0.1) }
    }

    /// The first day the report covers (its title, the pain chart): the span's, or the plan's
    /// start when later.
    var chartFrom: Day { max(series.from, followed.assignment.startDate) }

    /// The weekly table rows, cells as text.
    var weekRows: [[String]] {
        shownWeeks.map { w, a in
            let pain = [w.maxPainDuring, w.maxPainAfter].map { $0.map(String.init) ?? "-" }
                .joined(separator: "/")
            return [
                w.weekStart.iso,
                "\(formatNumber(w.load)) \(w.metric.unit)" + (w.overCap ? " !" : ""),
                w.cap.map { formatNumber($0) } ?? "-", String(w.sessions), pain,
                w.worstLevel.map { messages.level($0) } ?? "-",
                a.sessionsPrescribed > 0 ? "\(a.sessionsDone)/\(a.sessionsPrescribed)" : "-",
                a.exercisesPrescribed > 0 ? "\(a.exercisesDone)/\(a.exercisesPrescribed)" : "-",
                w.classified ? messages.weekClass(w.classification) : "-",
            ]
        }
    }

    /// The "now" lines: phase, verdict with reasons, this week's load, acute:chronic. The first
    /// three are worded as `rehab status` and the Today screen word them (`StatusReport`), so a
    /// run/walk schedule's load and an over-cap week read the same in the report.
    var nowLines: [(text: String, sub: [String])] {
        let report = StatusReport(status: status, plan: followed.plan, language: language)
        var lines: [(String, [String])] = []
        lines.append((report.phase, []))
        lines.append(
            (
                "\(say(Phrase.verdictLabel())): \(messages.level(status.verdict.level)) → "
                    + report.actionWord, report.reasons
            ))
        lines.append(
            ("\(say(Phrase.thisWeek())) (\(status.load.weekStart.iso)): \(report.load)", []))
        lines.append(
            (
                say(
                    series.acuteChronic.latest.map {
                        Phrase.acuteChronic(formatNumber($0, decimals: 2))
                    }
                        ?? Phrase.acuteChronicTooEarly()), []
            ))
        return lines
    }

    var flagLines: [String] {
        var lines: [(Day, Int, String)] = flagReports.map {
            (
                $0.date, 0,
                say(
                    Phrase.flagReported(
                        followed.plan.redFlagName($0.flag).text(language), date: $0.date))
            )
        }
        lines += clearings.map {
            (
                $0.date, 1,
                say(
                    Phrase.flagCleared(
                        date: $0.date, reason: $0.reason, count: $0.cleared.count))
            )
        }
        return lines.sorted { ($0.0, $0.1) < ($1.0, $1.1) }.map(\.2)
    }

    var phaseLines: [String] {
        followed.assignment.phaseHistory.map { change in
            let name =
                followed.plan.phases.first { $0.id == change.phase }?.names.text(language)
                ?? change.phase
            return say(Phrase.phaseEntered(name, date: change.date, reason: change.reason))
        }
    }

    var diffLines: [String] {
        diff.map { "\($0.field): \($0.template) → \($0.tuned)" }
    }
}

struct MarkdownReport {
    let data: ReportData

    func render() -> String {
        let d = data
        var out: [String] = []
        out.append("# \(d.say(Phrase.reportTitle()))")
        out.append("")
        out.append(
            d.say(
                Phrase.reportIntro(
                    patient: escape(d.followed.patient.name), plan: escape(d.planTitle),
                    from: d.chartFrom, through: d.series.today)))
        out.append("")
        out.append("## \(d.say(Phrase.reportNowSection()))")
        out.append("")
        for line in d.nowLines {
            out.append("- " + escape(line.text))
            for sub in line.sub { out.append("  - " + escape(sub)) }
        }
        out.append("")
        out.append("## \(d.say(Phrase.reportWeeksSection()))")
        out.append("")
        let header = Phrase.reportColumns().map { d.say($0) }
        out.append("| " + header.joined(separator: " | ") + " |")
        // Numbers right-aligned: load, cap, sessions, done, exercises.
        let right: Swift.Set<Int> = [1, 2, 3, 6, 7]
        out.append(
            "|"
                + header.indices.map { right.contains($0) ? " ---: " : " --- " }.joined(
                    separator: "|")
                + "|")
        for row in d.weekRows {
            out.append("| " + row.map(escape).joined(separator: " | ") + " |")
        }
        out.append("")
        let charts = WeekText(
            weeks: d.shownWeeks.map(\.week), context: d.context, series: d.series)
        out.append("```text")
        out += charts.loadChart()
        out.append("")
        out += charts.painChart(d.series)
        out.append("```")
        out.append("")
        out.append("## \(d.say(Phrase.reportVerdictsSection()))")
        out.append("")
        if d.verdicts.isEmpty { out.append(d.say(Phrase.reportAllGreen())) }
        for v in d.verdicts {
            let revised = v.revisedBy.map { " (" + d.say(Phrase.revisedBy($0)) + ")" } ?? ""
            out.append(
                "- \(v.day.iso): \(d.messages.level(v.shown.level)) → "
                    + d.messages.action(v.shown.action) + revised)
            for reason in d.messages.reasons(v.shown, plan: d.followed.plan) {
                out.append("  - " + escape(reason))
            }
        }
        out.append("")
        out.append("## \(d.say(Phrase.reportFlagsSection()))")
        out.append("")
        let flags = d.flagLines
        if flags.isEmpty { out.append(d.say(Phrase.reportNoFlags())) }
        out += flags.map { "- " + escape($0) }
        out.append("")
        out.append("## \(d.say(Phrase.reportPhasesSection()))")
        out.append("")
        out += d.phaseLines.map { "- " + escape($0) }
        for (title, lines) in MeasureReportLines.sections(d) where !lines.isEmpty {
            out.append("")
            out.append("## \(title)")
            out.append("")
            out += lines.map { "- " + escape($0) }
        }
        if !d.diff.isEmpty {
            out.append("")
            out.append("## \(d.say(Phrase.reportTuningSection()))")
            out.append("")
            out += d.diffLines.map { "- " + escape($0) }
        }
        out.append("")
        out.append("---")
        out.append("")
        out.append(d.say(Phrase.reportFooter()))
        return out.joined(separator: "\n") + "\n"
    }

    /// The user's own text made inert in Markdown (see `ReportText.markdown`).
    static func escape(_ text: String) -> String { ReportText.markdown(text) }

    private func escape(_ text: String) -> String { MarkdownReport.escape(text) }
}

struct HTMLReport {
    let data: ReportData

    func render() -> String {
        let d = data
        let title = "\(d.say(Phrase.reportTitle())) · \(d.followed.patient.name)"
        var out = ReportText.htmlOpening(title: title, language: d.language)
        out.append("<h1>\(esc(d.say(Phrase.reportTitle())))</h1>")
        out.append(
            "<p class=\"intro\">"
                + esc(
                    d.say(
                        Phrase.reportIntro(
                            patient: d.followed.patient.name, plan: d.planTitle,
                            from: d.chartFrom, through: d.series.today))) + "</p>")
        out.append("<h2>\(esc(d.say(Phrase.reportNowSection())))</h2>")
        out.append("<ul>")
        for line in d.nowLines {
            var item = "<li>" + esc(line.text)
            if !line.sub.isEmpty {
                item += "<ul>" + line.sub.map { "<li>\(esc($0))</li>" }.joined() + "</ul>"
            }
            out.append(item + "</li>")
        }
        out.append("</ul>")
        out.append("<h2>\(esc(d.say(Phrase.reportChartsSection())))</h2>")
        out.append(loadChart())
        out.append(painChart())
        out.append("<h2>\(esc(d.say(Phrase.reportWeeksSection())))</h2>")
        out.append("<table>")
        out.append(
            "<tr>" + Phrase.reportColumns().map { "<th>\(esc(d.say($0)))</th>" }.joined() + "</tr>")
        for (row, shown) in zip(d.weekRows, d.shownWeeks) {
            let cls = shown.week.overCap ? " class=\"over\"" : ""
            out.append("<tr\(cls)>" + row.map { "<td>\(esc($0))</td>" }.joined() + "</tr>")
        }
        out.append("</table>")
        out.append("<h2>\(esc(d.say(Phrase.reportVerdictsSection())))</h2>")
        if d.verdicts.isEmpty { out.append("<p>\(esc(d.say(Phrase.reportAllGreen())))</p>") }
        out.append("<ul>")
        for v in d.verdicts {
            let revised = v.revisedBy.map { " (" + d.say(Phrase.revisedBy($0)) + ")" } ?? ""
            let reasons = d.messages.reasons(v.shown, plan: d.followed.plan).map {
                "<li>\(esc($0))</li>"
            }.joined()
            out.append(
                "<li><span class=\"level \(v.shown.level.rawValue)\">"
                    + esc("\(v.day.iso): \(d.messages.level(v.shown.level))")
                    + "</span> → \(esc(d.messages.action(v.shown.action) + revised))"
                    + "<ul>\(reasons)</ul></li>"
            )
        }
        out.append("</ul>")
        out.append("<h2>\(esc(d.say(Phrase.reportFlagsSection())))</h2>")
        let flags = d.flagLines
        if flags.isEmpty { out.append("<p>\(esc(d.say(Phrase.reportNoFlags())))</p>") }
        out.append("<ul>" + flags.map { "<li>\(esc($0))</li>" }.joined() + "</ul>")
        out.append("<h2>\(esc(d.say(Phrase.reportPhasesSection())))</h2>")
        out.append("<ul>" + d.phaseLines.map { "<li>\(esc($0))</li>" }.joined() + "</ul>")
        for (title, lines) in MeasureReportLines.sections(d) where !lines.isEmpty {
            out.append("<h2>\(esc(title))</h2>")
            out.append("<ul>" + lines.map { "<li>\(esc($0))</li>" }.joined() + "</ul>")
        }
        if !d.diff.isEmpty {
            out.append("<h2>\(esc(d.say(Phrase.reportTuningSection())))</h2>")
            out.append("<ul>" + d.diffLines.map { "<li>\(esc($0))</li>" }.joined() + "</ul>")
        }
        out.append("<footer>\(esc(d.say(Phrase.reportFooter())))</footer>")
        out.append("</body>")
        out.append("</html>")
        return out.joined(separator: "\n") + "\n"
    }

    /// One bar a week from the plan's first week (over-cap bars marked in colour and with "!"),
    /// the cap as a line across each bar; weeks of another metric are scaled on their own.
    /// Scales to the page's width like the pain chart.
    func loadChart() -> String {
        let weeks = data.shownWeeks.map(\.week)
        let frame = ChartFrame(height: 220, left: 48, right: 4, bottom: 30, top: 16)
        // A few weeks get bars of a normal width, not the whole page.
        let slot = min(90, (frame.width - frame.left - 8) / Double(max(1, weeks.count)))
        func scale(_ metric: LoadMetric) -> Double {
            max(
                1, weeks.filter { $0.metric == metric }.map { max($0.load, $0.cap ?? 0) }.max() ?? 0
            )
                * 1.05
        }
        let units = Swift.Set(weeks.map(\.metric.unit)).sorted().joined(separator: ", ")
        let label = data.say(Phrase.reportLoadChart(unit: units))
        var svg = opening("load", frame, label: label)
        svg.append(
            "<line class=\"axis\" x1=\"\(f(frame.left))\" y1=\"\(f(frame.baseline))\" "
                + "x2=\"\(f(frame.width - frame.right))\" y2=\"\(f(frame.baseline))\" "
                + "stroke=\"#888\"/>")
        let every = max(1, weeks.count / 8)
        for (i, w) in weeks.enumerated() {
            let s = scale(w.metric)
            let x = frame.left + Double(i) * slot + slot * 0.15
            let barWidth = slot * 0.7
            let h = w.load / s * frame.plot
            let y = frame.baseline - h
            let cls = w.overCap ? "bar over" : "bar"
            let tip =
                "\(w.weekStart.iso): \(formatNumber(w.load)) \(w.metric.unit)"
                + (w.cap.map { " / \(formatNumber($0))" } ?? "") + (w.overCap ? " !" : "")
            svg.append(
                "<rect class=\"\(cls)\" x=\"\(f(x))\" y=\"\(f(y))\" width=\"\(f(barWidth))\" "
                    + "height=\"\(f(h))\" fill=\"\(w.overCap ? "#c0504d" : "#4a7ab0")\">"
                    + "<title>\(esc(tip))</title></rect>")
            if let cap = w.cap {
                let cy = frame.baseline - cap / s * frame.plot
                svg.append(
                    "<line class=\"cap\" x1=\"\(f(x - slot * 0.1))\" y1=\"\(f(cy))\" "
                        + "x2=\"\(f(x + barWidth + slot * 0.1))\" y2=\"\(f(cy))\" "
                        + "stroke=\"#222\" stroke-width=\"2\"/>")
            }
            // The value above its bar, so a printed report can be read without hovering.
            svg.append(
                "<text x=\"\(f(x + barWidth / 2))\" y=\"\(f(y - 3))\" text-anchor=\"middle\">"
                    + "\(formatNumber(w.load))\(w.overCap ? " !" : "")</text>")
            if i % every == 0 {
                let (_, month, day) = w.weekStart.components
                svg.append(
                    "<text x=\"\(f(x))\" y=\"\(f(frame.baseline + 14))\">\(day)/\(month)</text>"
                )
            }
        }
        svg.append("</svg>")
        return svg.joined(separator: "\n")
    }

    /// Pain 0-10 per day from the plan's start: during solid, after dashed, next morning
    /// dotted, in colours that also differ in grey (dark blue, orange, green), so the lines
    /// read on a black-and-white print; a legend names them; a gap where a day has no score.
    /// The drawing scales to the page's width (width 100 %, a fixed viewBox).
    func painChart() -> String {
        let series = data.series
        let from = data.chartFrom
        let frame = ChartFrame(height: 260, left: 28, right: 12, bottom: 24, top: 40)
        let days = max(1, from.days(to: series.today))
        let step = (frame.width - frame.left - frame.right) / Double(days)
        func point(_ day: Day, _ score: Int) -> String {
            let x = frame.left + Double(from.days(to: day)) * step
            let y = frame.baseline - Double(score) / 10 * frame.plot
            return "\(f(x)),\(f(y))"
        }
        let label = data.say(Phrase.reportPainChart())
        var svg = opening("pain", frame, label: label)
        for score in [0, 5, 10] {
            let y = frame.baseline - Double(score) / 10 * frame.plot
            svg.append(
                "<line class=\"axis\" x1=\"\(f(frame.left))\" y1=\"\(f(y))\" "
                    + "x2=\"\(f(frame.width - frame.right))\" y2=\"\(f(y))\" stroke=\"#ccc\"/>"
                    + "<text x=\"4\" y=\"\(f(y + 4))\">\(score)</text>"
            )
        }
        // Told apart by dash pattern and by lightness, not only by hue.
        let lines:
            [(cls: String, colour: String, dash: String, name: LocalizedText, (DayPain) -> Int?)] =
                [
                    ("during", "#1f3f8f", "", Phrase.reportPainDuring(), { $0.during }),
                    (
                        "after", "#d06a00", " stroke-dasharray=\"8 4\"", Phrase.reportPainAfter(),
                        { $0.after }
                    ),
                    (
                        "morning", "#2e8b3e", " stroke-dasharray=\"2 4\" stroke-linecap=\"round\"",
                        Phrase.reportPainMorning(), { $0.nextMorning }
                    ),
                ]
        var legendX = frame.left
        for line in lines {
            let name = esc(data.say(line.name))
            svg.append(
                "<line class=\"legend \(line.cls)\" x1=\"\(f(legendX))\" y1=\"26\" "
                    + "x2=\"\(f(legendX + 28))\" y2=\"26\" stroke=\"\(line.colour)\" "
                    + "stroke-width=\"2.5\"\(line.dash)/>"
                    + "<text x=\"\(f(legendX + 34))\" y=\"30\">\(name)</text>")
            legendX += 34 + Double(data.say(line.name).count) * 6.5 + 24
        }
        for (cls, colour, dash, _, value) in lines {
            // Consecutive scored days join into one polyline; a missing day breaks it.
            var run: [String] = []
            var last: Day?
            func flush() {
                if run.count > 1 {
                    svg.append(
                        "<polyline class=\"\(cls)\" fill=\"none\" stroke=\"\(colour)\" "
                            + "stroke-width=\"2.5\"\(dash) points=\"\(run.joined(separator: " "))\"/>"
                    )
                } else if let only = run.first {
                    let xy = only.split(separator: ",")
                    svg.append(
                        "<circle class=\"\(cls)\" cx=\"\(xy[0])\" cy=\"\(xy[1])\" r=\"3\" "
                            + "fill=\"\(colour)\"/>")
                }
                run = []
            }
            for pain in series.pain where pain.day >= from {
                guard let score = value(pain) else { continue }
                if let last, last.days(to: pain.day) > 1 { flush() }
                run.append(point(pain.day, score))
                last = pain.day
            }
            flush()
        }
        svg.append(
            "<text x=\"\(f(frame.left))\" y=\"\(f(frame.height - 6))\">\(from.iso)</text>"
                + "<text x=\"\(f(frame.width - frame.right - 64))\" y=\"\(f(frame.height - 6))\">"
                + "\(series.today.iso)</text>")
        svg.append("</svg>")
        return svg.joined(separator: "\n")
    }

    /// A chart's drawing in SVG units: 900 wide (the page scales it to its width), with margins
    /// around the plot for labels.
    private struct ChartFrame {
        let width = 900.0
        let height: Double
        let left: Double
        let right: Double
        let bottom: Double
        let top: Double
        /// The plot's height, between the bottom and top margins.
        var plot: Double { height - bottom - top }
        /// Where a value of nought stands.
        var baseline: Double { height - bottom }
    }

    /// A chart's `<svg>` opening: its size, its label for screen readers and as the tooltip, and
    /// the label again in its top-left corner.
    private func opening(_ cls: String, _ frame: ChartFrame, label: String) -> [String] {
        [
            "<svg class=\"\(cls)\" width=\"\(f(frame.width))\" height=\"\(f(frame.height))\" "
                + "viewBox=\"0 0 \(f(frame.width)) \(f(frame.height))\" "
                + "preserveAspectRatio=\"xMinYMin meet\" role=\"img\" "
                + "aria-label=\"\(esc(label))\">",
            "<title>\(esc(label))</title>",
            "<text x=\"4\" y=\"12\">\(esc(label))</text>",
        ]
    }

    private func f(_ value: Double) -> String { formatNumber(value, decimals: 1) }
}

/// Text for HTML content and attribute values.
func esc(_ text: String) -> String { ReportText.html(text) }
