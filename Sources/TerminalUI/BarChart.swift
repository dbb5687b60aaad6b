/// One bar: its axis label, value, and an optional threshold (e.g. the week's cap).
public struct Bar: Sendable, Hashable {
    public var label: String
    public var value: Double
    public var threshold: Double?

    public init(label: String, value: Double, threshold: Double? = nil) {
        self.label = label
        self.value = value
        self.threshold = threshold
    }
}

/// Vertical bars over a labelled axis. Each bar may carry a threshold: a line is drawn at its
/// height across the bar, and the part of the bar at or above the line uses the over pen.
///
/// Layout: a y axis on the left (the scale's maximum at the top, 0 at the bottom), bars of
/// `barWidth` cells `gap` cells apart, and the bar labels on the last row.
public struct BarChart: Widget, Sendable {
    public var bars: [Bar]
    /// Top of the scale; nil = the largest value or threshold.
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
    }

    public var scaleTop: Double {
        if let maximum, maximum > 0 { return maximum }
        let top = bars.map { max($0.value, $0.threshold ?? 0) }.max() ?? 0
        return top > 0 ? top : 1
    }

    public func render(in area: Rect, on grid: inout Grid) {
        guard area.height >= 2, area.width >= 3 else { return }
        let top = scaleTop
        let plotHeight = area.height - 1
        let topLabel = TextFit.fixed(top, decimals: decimals)
        let axisLabelWidth = max(CellWidth.of(topLabel), 1)
        let axisX = area.x + axisLabelWidth
        for row in 0..<plotHeight {
            let y = area.y + row
            let text: String
            if row == 0 {
                text = topLabel
            } else if row == plotHeight - 1 {
                text = "0"
            } else {
                text = ""
            }
            grid.put(TextLine(text, pen: axisPen),
                in: Rect(x: area.x, y: y, width: axisLabelWidth, height: 1), alignment: .right)
            let isTick = row == 0 || row == plotHeight - 1
            grid.put(isTick ? glyphs.axisVertical : glyphs.vertical, x: axisX, y: y,
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
                let isOver = thresholdRow.map { level >= $0 } ?? false
                for dx in 0..<barWidth {
                    if fill > 0 {
                        grid.put(glyphs.levels[fill], x: x + dx, y: y,
                            pen: isOver ? overPen : barPen, clip: area)
                    } else if level == thresholdRow {
                        grid.put(glyphs.thresholdLine, x: x + dx, y: y, pen: thresholdPen,
                            clip: area)
                    }
                }
            }
            let label = TextFit.truncate(bar.label, to: barWidth + gap)
            grid.put(TextLine(label, pen: labelPen),
                in: Rect(x: x, y: area.bottom - 1, width: barWidth, height: 1).intersection(area),
                alignment: .center)
        }
    }
}
