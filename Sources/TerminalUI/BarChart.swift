/// One bar: its axis label, value, an optional threshold (e.g. the week's cap), and an optional
/// note drawn just above it (e.g. "!" for a week over its cap).
public struct Bar: Sendable, Hashable {
    public var label: String
    public var value: Double
    public var threshold: Double?
    public var note: String?

    public init(label: String, value: Double, threshold: Double? = nil, note: String? = nil) {
        self.label = label
        self.value = value
        self.threshold = threshold
        self.note = note
    }

    /// True when the bar rises above its threshold.
    public var isOver: Bool { threshold.map { value > $0 } ?? false }
}

/// Vertical bars over a labelled axis. Each bar may carry a threshold: a line is drawn at its
/// height across the bar (over the bar's own cells too, so it shows without colour), and above
/// the line a bar over its threshold uses the over pen. A bar's note sits in the row above its
/// top; the scale leaves that row free.
///
/// Layout: a y axis on the left (the scale's maximum at the top, its unit under it, 0 at the
/// bottom), bars of `barWidth` cells each after a `gap`, and the bar labels on the last row.
/// Plot column c (0 = the first cell right of the axis) belongs to bar c / (barWidth + gap).
public struct BarChart: Widget, Sendable {
    public var bars: [Bar]
    /// Top of the scale; nil = the largest value or threshold (with room for notes).
    public var maximum: Double?
    public var barWidth: Int
    public var gap: Int
    public var decimals: Int
    public var glyphs: Glyphs
    public var barPen: Pen
    public var overPen: Pen
    public var thresholdPen: Pen
    public var axisPen: Pen
    public var labelPen: Pen
    public var notePen: Pen
    /// Written on the axis under the top value (e.g. "km") when the plot has three rows or more.
    public var unit: String?
    /// Cells left of the axis line; nil = as wide as the widest axis label. A fixed width lines
    /// several charts up on one time axis.
    public var axisLabelWidth: Int?
    /// Rounds an automatic scale up to 1, 2, 2.5 or 5 times a power of ten.
    public var roundsScale = false
    /// False leaves out the label row and gives its row to the plot.
    public var showsLabels = true
    /// A plot column marked from top to bottom wherever nothing else is drawn (e.g. today).
    public var markerColumn: Int?
    public var markerPen: Pen

    public init(
        bars: [Bar], maximum: Double? = nil, barWidth: Int = 3, gap: Int = 1, decimals: Int = 0,
        glyphs: Glyphs = .unicode
    ) {
        self.bars = bars
        self.maximum = maximum
        self.barWidth = max(1, barWidth)
        self.gap = max(0, gap)
        self.decimals = decimals
        self.glyphs = glyphs
        barPen = Pen(fg: .cyan)
        overPen = Pen(fg: .red, style: .bold)
        thresholdPen = Pen(fg: .yellow)
        axisPen = .dim
        labelPen = .plain
        notePen = .plain
        markerPen = .bold
    }

    public var scaleTop: Double {
        if let maximum, maximum > 0 { return maximum }
        let top = bars.map { max($0.value, $0.threshold ?? 0) }.max() ?? 0
        return top > 0 ? top : 1
    }

    /// The top of the scale on a plot of `rows` rows: `scaleTop`, raised so the tallest noted
    /// bar leaves its note a row, then rounded when `roundsScale` is set.
    public func scaleTop(rows: Int) -> Double {
        if let maximum, maximum > 0 { return maximum }
        var top = scaleTop
        let noted = bars.filter { $0.note != nil }.map(\.value).max() ?? 0
        if rows > 1, noted > 0 { top = max(top, noted * Double(rows) / Double(rows - 1)) }
        return roundsScale ? BarChart.roundedUp(top) : top
    }

    /// The smallest of 1, 2, 2.5, 5 × 10ⁿ at or above `value`.
    public static func roundedUp(_ value: Double) -> Double {
        guard value > 0, value.isFinite else { return 1 }
        var base = 1.0
        while base * 10 <= value { base *= 10 }
        while base > value { base /= 10 }
        for step in [1, 2, 2.5, 5, 10] where step * base >= value * (1 - 1e-12) {
            return step * base
        }
        return 10 * base
    }

    /// `value` with the chart's decimals, or more (up to two) when those would round it.
    func axisText(_ value: Double) -> String {
        var places = decimals
        var scale = 1.0
        for _ in 0..<max(0, places) { scale *= 10 }
        while places < 2, abs((value * scale).rounded() - value * scale) > 1e-6 {
            places += 1
            scale *= 10
        }
        return TextFit.fixed(value, decimals: places)
    }

    public func render(in area: Rect, on grid: inout Grid) {
        let plotHeight = showsLabels ? area.height - 1 : area.height
        guard plotHeight >= 1, area.width >= 3 else { return }
        let top = scaleTop(rows: plotHeight)
        let topLabel = axisText(top)
        let unitShown = plotHeight >= 3 ? unit : nil
        let axisLabelWidth =
            self.axisLabelWidth
            ?? max(CellWidth.of(topLabel), CellWidth.of(unitShown ?? ""), 1)
        let axisX = area.x + axisLabelWidth
        for row in 0..<plotHeight {
            let y = area.y + row
            let text: String
            if row == 0 {
                text = topLabel
            } else if row == plotHeight - 1 {
                text = "0"
            } else if row == 1, let unitShown {
                text = unitShown
            } else {
                text = ""
            }
            grid.put(
                TextLine(text, pen: axisPen),
                in: Rect(x: area.x, y: y, width: axisLabelWidth, height: 1), alignment: .right)
            let isTick = row == 0 || row == plotHeight - 1
            grid.put(
                isTick ? glyphs.axisVertical : glyphs.vertical, x: axisX, y: y,
                pen: axisPen, clip: area)
        }
        let baseline = area.y + plotHeight - 1
        for (index, bar) in bars.enumerated() {
            let x = axisX + 1 + gap + index * (barWidth + gap)
            if x + barWidth > area.right { break }
            let eighths = Int((max(0, bar.value) / top * Double(plotHeight * 8)).rounded())
            // Row (from the bottom) where the threshold line sits; nil when there is none.
            let thresholdRow = bar.threshold.map {
                min(plotHeight - 1, Int((max(0, $0) / top * Double(plotHeight)).rounded(.down)))
            }
            for level in 0..<plotHeight {
                let fill = min(max(eighths - level * 8, 0), 8)
                let y = baseline - level
                let isOver = bar.isOver && thresholdRow.map { level > $0 } ?? false
                for dx in 0..<barWidth {
                    if level == thresholdRow {
                        grid.put(
                            fill > 0 ? glyphs.capCrossing : glyphs.thresholdLine,
                            x: x + dx, y: y, pen: thresholdPen, clip: area)
                    } else if fill > 0 {
                        grid.put(
                            glyphs.levels[fill], x: x + dx, y: y,
                            pen: isOver ? overPen : barPen, clip: area)
                    }
                }
            }
            var noteLevel = (eighths + 7) / 8
            // A note on the threshold line would read as the threshold's value: go above it.
            if noteLevel == thresholdRow, noteLevel + 1 < plotHeight { noteLevel += 1 }
            if let note = bar.note, noteLevel < plotHeight,
                CellWidth.of(note) <= barWidth + gap
            {
                let noteRect = Rect(x: x, y: baseline - noteLevel, width: barWidth, height: 1)
                let start = noteRect.x + max(0, barWidth - CellWidth.of(note)) / 2
                grid.put(
                    note, x: start, y: noteRect.y, pen: bar.isOver ? overPen : notePen,
                    clip: Rect(x: x, y: noteRect.y, width: barWidth + gap, height: 1)
                        .intersection(area))
            }
            guard showsLabels else { continue }
            let label = TextFit.truncate(bar.label, to: barWidth + gap)
            grid.put(
                TextLine(label, pen: labelPen),
                in: Rect(x: x, y: area.bottom - 1, width: barWidth, height: 1).intersection(area),
                alignment: .center)
        }
        if let markerColumn {
            grid.markColumn(
                axisX + 1 + markerColumn, rows: area.y..<(area.y + plotHeight),
                glyph: glyphs.markerLine, pen: markerPen, clip: area)
        }
    }
}
