/// A one-row bar of a value against a cap, followed by a label such as "11.0 of 12.1 km".
/// Past the cap, the part above it is drawn with the over glyph in the over pen.
public struct Gauge: Widget, Sendable {
    public var value: Double
    public var cap: Double?
    public var label: String
    public var glyphs: Glyphs
    public var filledPen: Pen
    public var emptyPen: Pen
    public var overPen: Pen
    public var labelPen: Pen

    public init(value: Double, cap: Double?, label: String, glyphs: Glyphs = .unicode) {
        self.value = value
        self.cap = cap
        self.label = label
        self.glyphs = glyphs
        filledPen = Pen(fg: .green)
        emptyPen = .dim
        overPen = Pen(fg: .red, style: .bold)
        labelPen = .plain
    }

    /// "11.0 of 12.1 km"; pass the word for "of" in the user's language.
    public static func label(
        value: Double, cap: Double?, unit: String, of word: String = "of", decimals: Int = 1
    ) -> String {
        let shown = TextFit.fixed(value, decimals: decimals)
        guard let cap else { return "\(shown) \(unit)" }
        return "\(shown) \(word) \(TextFit.fixed(cap, decimals: decimals)) \(unit)"
    }

    public var isOverCap: Bool { cap.map { value > $0 } ?? false }

    public func render(in area: Rect, on grid: inout Grid) {
        guard !area.isEmpty else { return }
        let line = area.row(0)
        let labelWidth = CellWidth.of(label)
        let barWidth = line.width - labelWidth - 1
        guard barWidth >= 3 else {
            grid.put(label, x: line.x, y: line.y, pen: labelPen, clip: line)
            return
        }
        drawBar(in: Rect(x: line.x, y: line.y, width: barWidth, height: 1), on: &grid)
        grid.put(
            label, x: line.x + barWidth + 1, y: line.y,
            pen: isOverCap ? overPen : labelPen, clip: line)
    }

    private func drawBar(in bar: Rect, on grid: inout Grid) {
        grid.put(
            String(repeating: glyphs.gaugeEmpty, count: bar.width), x: bar.x, y: bar.y,
            pen: emptyPen, clip: bar)
        guard let cap, cap > 0, value > 0 else { return }
        if value > cap {
            // Scale to the value so the cap sits inside the bar and the excess shows.
            let capCells = max(1, Int((cap / value * Double(bar.width)).rounded(.down)))
            for i in 0..<bar.width {
                let over = i >= capCells
                grid.put(
                    over ? glyphs.gaugeOver : glyphs.gaugeFilled, x: bar.x + i, y: bar.y,
                    pen: over ? overPen : filledPen)
            }
            return
        }
        // Eighths of a cell when the glyph set has partial blocks.
        let partials = glyphs.gaugePartials
        let steps = partials.isEmpty ? 1 : 8
        let filled = Int((value / cap * Double(bar.width * steps)).rounded(.down))
        for i in 0..<(filled / steps) {
            grid.put(glyphs.gaugeFilled, x: bar.x + i, y: bar.y, pen: filledPen)
        }
        let rest = filled % steps
        if rest > 0, filled / steps < bar.width {
            grid.put(partials[rest], x: bar.x + filled / steps, y: bar.y, pen: filledPen)
        }
    }
}
