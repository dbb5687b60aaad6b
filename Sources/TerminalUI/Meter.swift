/// A one-row bar of a value on a given scale (the scale fills the row), with an optional
/// threshold marked where it falls (e.g. the week's cap) and an optional background glyph for
/// the unfilled part. Unlike `Gauge`, several meters share a scale, so rows can be compared.
public struct Meter: Widget, Sendable {
    public var value: Double
    /// The value that fills the whole row.
    public var scale: Double
    public var threshold: Double?
    public var glyphs: Glyphs
    /// Drawn over the unfilled cells (e.g. `glyphs.gaugeEmpty`); nil leaves them blank.
    public var background: String?
    public var pen: Pen
    public var thresholdPen: Pen

    public init(
        value: Double, scale: Double, threshold: Double? = nil, glyphs: Glyphs = .unicode,
        background: String? = nil
    ) {
        self.value = value
        self.scale = scale
        self.threshold = threshold
        self.glyphs = glyphs
        self.background = background
        pen = .plain
        thresholdPen = .plain
    }

    public func render(in area: Rect, on grid: inout Grid) {
        let row = area.row(0)
        guard scale > 0, row.width > 0 else { return }
        let steps = max(1, glyphs.gaugePartials.count)
        let units = Int((max(0, value) / scale * Double(row.width * steps)).rounded())
        for i in 0..<row.width {
            let filled = units - i * steps
            let symbol =
                filled >= steps
                ? glyphs.gaugeFilled : filled > 0 ? glyphs.gaugePartials[filled] : background
            if let symbol { grid.put(symbol, x: row.x + i, y: row.y, pen: pen, clip: row) }
        }
        if let threshold {
            let at = min(
                row.width - 1, max(0, Int((threshold / scale * Double(row.width)).rounded()) - 1))
            grid.put(glyphs.vertical, x: row.x + at, y: row.y, pen: thresholdPen, clip: row)
        }
    }
}
