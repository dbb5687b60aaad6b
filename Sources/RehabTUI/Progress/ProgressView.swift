import RehabCore
import TerminalUI

/// Progress: the weekly load against its cap, pain, adherence and the phases on one time axis,
/// and the acute:chronic ratio as information. It draws the engine's series (kept in the
/// screen state) and computes nothing of rehab itself. The charts stack and scroll down; the
/// window of weeks scrolls back through the whole history.
enum ProgressView {
    /// Rows of the pain plot: one a score, so only equal scores share a cell.
    static let painRows = 11

    static func series(_ followed: Followed, today: Day) -> ProgressSeries {
        Engine.series(
            plan: followed.plan, assignment: followed.assignment, history: followed.history,
            through: today)
    }

    static func window(_ progress: ProgressState, width: Int) -> ProgressWindow {
        ProgressWindow(progress, width: width)
    }

    static func render(
        _ state: AppState, _ progress: ProgressState, _ area: Rect, _ grid: inout Grid
    ) {
        guard let followed = state.followed else {
            Paragraph(state.say(UIPhrase.needsPlan())).render(
                in: area.inset(left: 1, right: 1), on: &grid)
            return
        }
        let sections = Charts(state: state, followed: followed, progress: progress, area: area)
            .sections()
        let total = sections.reduce(0) { $0 + $1.height }
        let overflows = total > area.height
        let shownRows = overflows ? area.height - 1 : area.height
        let scroll = min(max(0, progress.scroll), max(0, total - shownRows))
        var tall = Grid(width: area.width, height: total)
        var y = 0
        for section in sections {
            section.draw(&tall, y)
            y += section.height
        }
        grid.blit(tall, rows: scroll..<(scroll + shownRows), x: area.x, y: area.y)
        guard overflows else { return }
        // Say what is below, by name, so nobody misses the charts under the fold.
        var top = 0
        var below: [String] = []
        for section in sections {
            if let name = section.name, top + section.height > scroll + shownRows {
                below.append(state.say(name))
            }
            top += section.height
        }
        guard !below.isEmpty else { return }
        let text = state.say(UIPhrase.moreBelow(below.joined(separator: ", ")))
        let row = area.row(area.height - 1)
        grid.put(
            TextFit.truncate(text, to: row.width, ellipsis: state.glyphs.ellipsis),
            x: row.x, y: row.y, pen: Theme.dim, clip: row)
    }

    /// How far down the charts can scroll at the state's size.
    static func maxScroll(_ state: AppState, _ progress: ProgressState) -> Int {
        guard let followed = state.followed else { return 0 }
        let area = Layout.content(state.size)
        let total = Charts(state: state, followed: followed, progress: progress, area: area)
            .sections().reduce(0) { $0 + $1.height }
        return total > area.height ? total - (area.height - 1) : 0
    }
}

extension ProgressState.Span {
    var title: LocalizedText {
        switch self {
        case .eightWeeks: UIPhrase.spanEightWeeks()
        case .sixMonths: UIPhrase.spanSixMonths()
        case .all: UIPhrase.spanAll()
        }
    }
}

/// How the weeks of the window spread over the width. Every chart uses the same axis, so a
/// day sits in the same column in all of them: labels and the axis line in a gutter on the
/// left, then `slot` columns a week.
struct ProgressAxis: Hashable {
    /// Week slots across the width.
    var weeks: Int
    /// Cells for the axis labels ("150", "min", "10"); the axis line comes after them.
    var labelWidth: Int
    var slot: Int

    static let minimumLabelWidth = 3
    /// Wider weeks read no better; a short history keeps bars of a sensible size.
    static let widestSlot = 12

    /// `wanted` weeks at `width` columns; fewer when they would need under a column each. The
    /// columns left over widen the gutter (up to five), so the charts end at the right edge.
    init(weeks wanted: Int, width: Int) {
        let room = max(1, width - ProgressAxis.minimumLabelWidth - 1)
        weeks = max(1, min(wanted, room))
        slot = max(1, min(ProgressAxis.widestSlot, room / weeks))
        labelWidth = ProgressAxis.minimumLabelWidth + min(5, room - weeks * slot)
    }

    /// Columns before the first plot column: the labels and the axis line.
    var gutter: Int { labelWidth + 1 }
    var gap: Int { slot >= 8 ? 2 : slot >= 2 ? 1 : 0 }
    var barWidth: Int { slot - gap }
    /// A column for every day once a week has seven.
    var perDay: Bool { slot >= 7 }

    /// The plot column of a day (0 = Monday) in a week slot: under the bar when the bar has a
    /// column a day, else across the whole slot; the bar's middle without a column a day.
    func column(week: Int, weekday: Int) -> Int {
        let start = week * slot
        guard perDay else { return start + gap + (barWidth - 1) / 2 }
        if barWidth >= 7 { return start + gap + weekday * barWidth / 7 }
        return start + weekday * slot / 7
    }

    /// The first plot column of a day `days` after the window's first Monday, for bands that
    /// must cover the axis without holes (gaps included).
    func edge(days: Int) -> Int { days / 7 * slot + days % 7 * slot / 7 }

    /// The bar of a week slot, in plot columns.
    func bar(_ week: Int) -> (x: Int, width: Int) { (week * slot + gap, barWidth) }
}

/// The weeks one frame shows: where they sit in the series, and the days they cover.
struct ProgressWindow {
    var axis: ProgressAxis
    var total: Int
    /// How many weeks the newest slot lies before today's week, after clamping.
    var weeksBack: Int
    var maxBack: Int
    /// Index in the series' weeks of slot 0; negative when the span reaches before the history
    /// (those slots stay empty).
    var firstIndex: Int
    /// The Monday of slot 0.
    var from: Day
    /// The Sunday of the last slot, or today when that comes first.
    var through: Day

    init(_ progress: ProgressState, width: Int) {
        let series = progress.series
        total = series.weeks.count
        // "All" of a short history gets the eight-week span's slots, not a squeezed strip.
        axis = ProgressAxis(
            weeks: progress.span.weeks ?? max(total, ProgressState.Span.eightWeeks.weeks ?? 8),
            width: width)
        maxBack = max(0, total - axis.weeks)
        weeksBack = min(max(0, progress.weeksBack), maxBack)
        if total < axis.weeks {
            // A new plan: its first week on the left, the weeks to come empty on the right,
            // rather than empty weeks from before it began.
            firstIndex = 0
            from = series.today.weekStart.adding(days: -7 * max(0, total - 1))
            through = series.today
            return
        }
        firstIndex = total - weeksBack - axis.weeks
        let lastMonday = series.today.weekStart.adding(days: -7 * weeksBack)
        from = lastMonday.adding(days: -7 * (axis.weeks - 1))
        through = min(lastMonday.adding(days: 6), series.today)
    }

    func index(_ slot: Int) -> Int? {
        let i = firstIndex + slot
        return i >= 0 && i < total ? i : nil
    }

    func weekStart(_ slot: Int) -> Day { from.adding(days: 7 * slot) }

    /// The plot column of a day in the window; nil outside it.
    func column(of day: Day) -> Int? {
        let days = from.days(to: day)
        guard days >= 0, day <= through else { return nil }
        return axis.column(week: days / 7, weekday: days % 7)
    }
}

/// One stretch of rows of the stacked charts.
struct Section {
    /// Named in the "more below" line; nil for the header.
    var name: LocalizedText?
    var height: Int
    var draw: (inout Grid, Int) -> Void
}

/// The charts of one frame, each a section drawn into a grid as tall as all of them.
struct Charts {
    let state: AppState
    let followed: Followed
    let series: ProgressSeries
    let window: ProgressWindow
    let width: Int
    let contentHeight: Int
    let glyphs: Glyphs

    init(state: AppState, followed: Followed, progress: ProgressState, area: Rect) {
        self.state = state
        self.followed = followed
        series = progress.series
        window = ProgressWindow(progress, width: area.width)
        width = area.width
        contentHeight = area.height
        glyphs = state.glyphs
        span = progress.span
    }

    let span: ProgressState.Span
    var axis: ProgressAxis { window.axis }

    func sections() -> [Section] {
        [header(), load(), gap(), pain(), gap(), adherence(), gap(), ratio()] + measures()
    }

    private func gap() -> Section { Section(name: nil, height: 1) { _, _ in } }

    private func say(_ text: LocalizedText) -> String { state.say(text) }

    /// Rows of `text` wrapped to the width, as a section's title.
    private func wrapped(_ text: String, pen: Pen = Theme.heading) -> [TextLine] {
        Paragraph.wrap(TextLine(text, pen: pen), width: max(1, width))
    }

    private func put(_ lines: [TextLine], _ grid: inout Grid, _ y: Int) {
        for (offset, line) in lines.enumerated() { grid.put(line, x: 0, y: y + offset) }
    }

    // MARK: header

    /// "Span: [8 weeks] 6 months all" and the dates shown.
    private func header() -> Section {
        var spans = [Span(say(UIPhrase.spanLabel()) + " ", pen: Theme.heading)]
        for option in ProgressState.Span.allCases {
            let name = say(option.title)
            spans.append(
                option == span
                    ? Span("[\(name)]", pen: Theme.heading.adding(.reverse)) : Span(" \(name) "))
        }
        let left = TextLine(spans: spans)
        var right = "\(window.from.iso) – \(window.through.iso)"
        if window.axis.weeks < window.total {
            let first = window.firstIndex + 1
            let weeks = say(
                UIPhrase.weeksShown(max(1, first), first + axis.weeks - 1, of: window.total))
            if left.width + CellWidth.of(right) + CellWidth.of(weeks) + 5 <= width {
                right = weeks + " · " + right
            }
        }
        return Section(name: nil, height: 1) { grid, y in
            grid.put(left, x: 0, y: y)
            if left.width + CellWidth.of(right) + 2 <= width {
                grid.put(right, x: width - CellWidth.of(right), y: y, pen: Theme.dim)
            }
        }
    }

    // MARK: load

    private var todayColumn: Int? { window.column(of: series.today) }

    /// One panel per unit (km, min) so every axis is labelled honestly; the newest week's unit
    /// on top. Weeks of another unit stay empty in a panel.
    private func load() -> Section {
        let weeks = (0..<axis.weeks).map { slot in window.index(slot).map { series.weeks[$0] } }
        var units: [String] = []
        for week in weeks.reversed() {
            if let unit = week?.metric.unit, !units.contains(unit) { units.append(unit) }
        }
        if units.isEmpty { units = [series.acuteChronic.metric.unit] }
        let markerText = glyphs.markerLine
        let title = wrapped(
            say(
                UIPhrase.loadChartTitle(
                    units: units.joined(separator: ", "), cap: glyphs.thresholdLine,
                    today: markerText)))
        let legend = phaseLegend()
        // The plot takes what the first screen has left after the header, the title, the
        // labels, the bands, the legend and the "more below" row; never under four rows a unit.
        let fixed = 1 + title.count + 2 + legend.count + 1
        let rows = max(4 * units.count, 6, contentHeight - fixed)
        let panelRows = units.map { _ in rows / units.count }
        // The newest unit, on top, gets what does not divide evenly.
        let heights = [panelRows[0] + rows % units.count] + panelRows.dropFirst()
        let height = title.count + rows + 2 + legend.count
        return Section(name: UIPhrase.sectionLoad(), height: height) { grid, y in
            put(title, &grid, y)
            var top = y + title.count
            for (unit, panelRows) in zip(units, heights) {
                let bars = weeks.map { week -> Bar in
                    guard let week, week.metric.unit == unit else {
                        return Bar(label: "", value: 0)
                    }
                    return Bar(label: "", value: week.load, threshold: week.cap, note: note(week))
                }
                var chart = BarChart(
                    bars: bars, barWidth: axis.barWidth, gap: axis.gap, glyphs: glyphs)
                chart.unit = unit
                chart.axisLabelWidth = axis.labelWidth
                chart.roundsScale = true
                chart.showsLabels = false
                chart.markerColumn = todayColumn
                chart.barPen = Theme.loadBar
                chart.overPen = Theme.overCap
                chart.thresholdPen = Theme.cap
                chart.markerPen = Theme.today
                chart.render(in: Rect(x: 0, y: top, width: width, height: panelRows), on: &grid)
                top += panelRows
            }
            grid.render(weekLabels(), in: Rect(x: 0, y: top, width: width, height: 1))
            grid.render(phaseBands(), in: Rect(x: 0, y: top + 1, width: width, height: 1))
            put(legend, &grid, top + 2)
        }
    }

    /// Over the bar: its value when it fits, and "!" past the cap.
    private func note(_ week: WeekSummary) -> String? {
        let mark = week.overCap ? "!" : ""
        guard week.load > 0 else { return week.overCap ? mark : nil }
        let value = formatNumber(week.load, decimals: week.metric == .km ? 1 : 0) + mark
        if CellWidth.of(value) <= axis.barWidth { return value }
        return week.overCap ? mark : nil
    }

    /// Each week's Monday as "MM-DD" under its bar, left out where they would crowd.
    private func weekLabels() -> Strip {
        let thisWeek = series.today.weekStart
        let segments = (0..<axis.weeks).map { slot -> Strip.Segment in
            let monday = window.weekStart(slot)
            let bar = axis.bar(slot)
            return Strip.Segment(
                x: axis.gutter + bar.x, width: bar.width, text: String(monday.iso.dropFirst(5)),
                pen: monday == thisWeek ? Theme.today : Theme.dim)
        }
        return Strip(segments, overflow: .skipCrowded, alignment: .center)
    }

    private func phaseNumber(_ id: String) -> Int? {
        followed.plan.phases.firstIndex { $0.id == id }.map { $0 + 1 }
    }

    /// The phases as lived, one band each: its number and name, then a line to its end.
    private func phaseBands() -> Strip {
        let segments = series.phases.compactMap { band -> Strip.Segment? in
            let start = max(band.from, window.from)
            let end = min(band.through, window.through)
            guard start <= end else { return nil }
            let x = axis.edge(days: window.from.days(to: start))
            let right = axis.edge(days: window.from.days(to: end) + 1)
            guard right > x else { return nil }
            let number = phaseNumber(band.phase).map(String.init) ?? "?"
            let name =
                followed.plan.phases.first { $0.id == band.phase }?.names.text(
                    state.language) ?? band.phase
            // The last cell stays a line, so two bands never run into each other.
            let text = TextFit.truncate("\(number) \(name)", to: max(1, right - x - 1))
            return Strip.Segment(
                x: axis.gutter + x, width: right - x, text: text, pen: Theme.phase(band.kind),
                fill: glyphs.horizontal)
        }
        return Strip(segments)
    }

    /// "Phases: 1 Let it settle (min cycling), 2 …": the phases in the window with the load
    /// metric each one counts.
    private func phaseLegend() -> [TextLine] {
        var seen: [String] = []
        for band in series.phases where band.through >= window.from && band.from <= window.through {
            if !seen.contains(band.phase) { seen.append(band.phase) }
        }
        guard !seen.isEmpty else { return [] }
        let entries = seen.map { id -> String in
            let number = phaseNumber(id).map(String.init) ?? "?"
            guard let phase = followed.plan.phases.first(where: { $0.id == id }) else {
                return "\(number) \(id)"
            }
            let metric: String
            switch phase.loadMetric {
            case .km: metric = "km"
            case .minutes(let activities):
                metric =
                    "min "
                    + activities.map { $0.name.text(state.language) }.joined(separator: "+")
            }
            return "\(number) \(phase.names.text(state.language)) (\(metric))"
        }
        return Paragraph.wrap(
            TextLine(
                say(UIPhrase.phasesLegend()) + " " + entries.joined(separator: ", "),
                pen: Theme.dim), width: max(1, width))
    }

    // MARK: pain

    private var painGlyphs: (during: String, after: String, morning: String, both: String) {
        glyphs.isASCII ? ("x", "o", "+", "*") : ("×", "○", "◆", "*")
    }

    /// Pain on one scale, a glyph per series: one column a day when a week has seven, else the
    /// week's highest score (from the engine) in the middle of its bar.
    private func pain() -> Section {
        let g = painGlyphs
        let titleText =
            axis.perDay
            ? UIPhrase.painPerDayTitle(
                during: g.during, after: g.after, morning: g.morning,
                both: g.both)
            : UIPhrase.painPerWeekTitle(
                during: g.during, after: g.after, morning: g.morning,
                both: g.both)
        let title = wrapped(say(titleText))
        var points: [DotPlot.Point] = []
        func add(_ column: Int, _ scores: [Int?]) {
            for (series, score) in scores.enumerated() {
                if let score {
                    points.append(
                        DotPlot.Point(
                            column: column, series: series,
                            value: Double(score)))
                }
            }
        }
        let days = painDays()
        if axis.perDay {
            for day in days {
                guard let column = window.column(of: day.day) else { continue }
                add(column, [day.during, day.after, day.nextMorning])
            }
        } else {
            let weeks = Engine.weeklyPain(days, from: window.from, weeks: axis.weeks)
            for (slot, week) in weeks.enumerated() {
                add(
                    axis.column(week: slot, weekday: 0),
                    [week.during, week.after, week.nextMorning])
            }
        }
        var plot = DotPlot(
            series: [
                DotPlot.Series(glyph: g.during, pen: Theme.painDuring),
                DotPlot.Series(glyph: g.after, pen: Theme.painAfter),
                DotPlot.Series(glyph: g.morning, pen: Theme.painMorning),
            ], points: points, maximum: 10, overlap: g.both, glyphs: glyphs)
        plot.axisLabelWidth = axis.labelWidth
        plot.ticks = [5]
        plot.markerColumn = todayColumn
        plot.markerPen = Theme.today
        let rows = ProgressView.painRows
        return Section(name: UIPhrase.sectionPain(), height: title.count + rows + 1) { grid, y in
            put(title, &grid, y)
            plot.render(in: Rect(x: 0, y: y + title.count, width: width, height: rows), on: &grid)
            grid.render(
                weekLabels(),
                in: Rect(
                    x: 0, y: y + title.count + rows, width: width,
                    height: 1))
        }
    }

    /// The series' pain days inside the window (found by halving: ten years are 3,650 days).
    private func painDays() -> ArraySlice<DayPain> {
        let all = series.pain
        var low = 0
        var high = all.count
        while low < high {
            let middle = (low + high) / 2
            if all[middle].day < window.from { low = middle + 1 } else { high = middle }
        }
        var end = low
        while end < all.count, all[end].day <= window.through { end += 1 }
        return all[low..<end]
    }

    // MARK: adherence

    /// Two rows, sessions and exercises: "done/asked" under each bar, or a block as high as
    /// the share where that does not fit. Plans with a maintenance phase (osteoarthritis, low
    /// back) add the engine's week classification of seed 004 as a third row.
    private func adherence() -> Section {
        var title = wrapped(say(UIPhrase.adherenceRowsTitle()))
        let marks = say(UIPhrase.adherenceMarks()).split(separator: " ").map(String.init)
        typealias Cell = (text: String, pen: Pen)
        typealias Count = KeyPath<WeekAdherence, Int>
        func counts(_ done: Count, _ asked: Count, _ share: KeyPath<WeekAdherence, Double?>)
            -> (Int, Int) -> Cell
        {
            { index, width in
                let w = series.adherence[index]
                let (done, asked) = (w[keyPath: done], w[keyPath: asked])
                return (
                    cell(done, asked, share: w[keyPath: share], width: width),
                    Theme.adherence(done: done, asked: asked)
                )
            }
        }
        var rows: [(name: String, cell: (Int, Int) -> Cell)] = [
            (marks.first ?? "", counts(\.sessionsDone, \.sessionsPrescribed, \.sessionsShare)),
            (marks.last ?? "", counts(\.exercisesDone, \.exercisesPrescribed, \.exercisesShare)),
        ]
        if followed.plan.phases.contains(where: { $0.kind == .maintenance }) {
            title += wrapped(say(UIPhrase.weekClassTitle()))
            let words = say(UIPhrase.weekClassMarks()).split(separator: " ").map(String.init)
            rows.append(
                (
                    words.first ?? "",
                    { index, width in
                        let w = series.weeks[index]
                        let word: String
                        let pen: Pen
                        switch w.classification {
                        case .healthy:
                            (word, pen) = (words.dropFirst().first ?? "", Theme.row(.green))
                        case .tooLittle:
                            (word, pen) = (words.dropFirst(2).first ?? "", Theme.row(.amber))
                        case .overloading: (word, pen) = (words.last ?? "", Theme.row(.red))
                        }
                        // A week with nothing logged yet (today's, early on) is not judged.
                        guard w.sessions > 0 || w.weekStart <= series.today.adding(days: -7) else {
                            return ("-", Theme.dim)
                        }
                        return (
                            CellWidth.of(word) <= width ? word : String(word.prefix(width)), pen
                        )
                    }
                ))
        }
        return Section(name: UIPhrase.sectionAdherence(), height: title.count + rows.count) {
            grid, y in
            put(title, &grid, y)
            for (offset, row) in rows.enumerated() {
                let line = y + title.count + offset
                grid.put(
                    TextLine(row.name, pen: Theme.heading),
                    in: Rect(x: 0, y: line, width: axis.labelWidth, height: 1), alignment: .right)
                grid.put(glyphs.vertical, x: axis.labelWidth, y: line, pen: Theme.dim)
                let segments = (0..<axis.weeks).compactMap { slot -> Strip.Segment? in
                    guard let index = window.index(slot), index < series.adherence.count else {
                        return nil
                    }
                    let bar = axis.bar(slot)
                    let shown = row.cell(index, bar.width)
                    return Strip.Segment(
                        x: axis.gutter + bar.x, width: bar.width, text: shown.text,
                        pen: shown.pen)
                }
                grid.render(
                    Strip(segments, alignment: .center),
                    in: Rect(x: 0, y: line, width: width, height: 1))
            }
        }
    }

    /// "5/6", or where that does not fit a block as high as the engine's share (a dot for none).
    private func cell(_ done: Int, _ asked: Int, share: Double?, width: Int) -> String {
        guard asked > 0, let share else { return "-" }
        let text = "\(done)/\(asked)"
        if CellWidth.of(text) <= width { return text }
        guard done > 0 else { return glyphs.isASCII ? "." : "·" }
        return glyphs.levels[max(1, min(8, Int((share * 8).rounded())))]
    }

    // MARK: acute:chronic

    /// The ratio on the window's last day, with its caveat; information, not a verdict.
    private func ratio() -> Section {
        let day = window.through
        let points = series.acuteChronic.points
        var point: LoadRatioPoint?
        if let first = points.first {
            let i = first.day.days(to: day)
            point =
                points.indices.contains(i) && points[i].day == day
                ? points[i] : series.acuteChronic.point(atMost: day)
        }
        let text: LocalizedText =
            if let ratio = point?.ratio {
                UIPhrase.acuteChronicOn(
                    day, ratio: formatNumber(ratio, decimals: 2),
                    unit: series.acuteChronic.metric.unit)
            } else {
                UIPhrase.acuteChronicNotYet(day)
            }
        let lines = wrapped(say(text), pen: .plain)
        return Section(name: UIPhrase.sectionRatio(), height: lines.count) { grid, y in
            put(lines, &grid, y)
        }
    }
}

/// The pens of the Progress screen; as everywhere, colour only repeats what glyphs and text
/// already say.
extension Theme {
    static let loadBar = Pen(fg: .cyan)
    static let overCap = Pen(fg: .red, style: .bold)
    static let cap = Pen(fg: .yellow)
    static let today = Pen(style: .bold)
    static let painDuring = Pen(fg: .red)
    static let painAfter = Pen(fg: .yellow)
    static let painMorning = Pen(fg: .magenta)

    static func phase(_ kind: PhaseKind) -> Pen {
        switch kind {
        case .relativeRest: Pen(fg: .blue)
        case .loadBuildUp: Pen(fg: .magenta)
        case .returnToRunning: Pen(fg: .green)
        case .maintenance: Pen(fg: .cyan)
        }
    }

    static func adherence(done: Int, asked: Int) -> Pen {
        guard asked > 0 else { return dim }
        if done >= asked { return row(.green) }
        return done == 0 ? row(.red) : row(.amber)
    }
}
