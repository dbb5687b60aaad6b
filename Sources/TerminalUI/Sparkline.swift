/// A compact trend: one column per value, block heights in eighths (ASCII levels as fallback).
/// Shows the most recent values when there are more than columns; nil values leave a gap.
public struct Sparkline: Widget, Sendable {
    public var values: [Double?]
    /// Top of the scale; nil = the largest value.
    public var maximum: Double?
    public var glyphs: Glyphs
    public var pen: Pen

    public init(
        _ values: [Double?], maximum: Double? = nil, glyphs: Glyphs = .unicode,
        pen: Pen = .plain
    ) {
        self.values = values
        self.maximum = maximum
        self.glyphs = glyphs
        self.pen = pen
    }

    public init(
        _ values: [Double], maximum: Double? = nil, glyphs: Glyphs = .unicode,
        pen: Pen = .plain
    ) {
        self.init(values.map { Optional($0) }, maximum: maximum, glyphs: glyphs, pen: pen)
    }

    public func render(in area: Rect, on grid: inout Grid) {
        guard !area.isEmpty else { return }
        let shown = values.suffix(area.width)
        let top = maximum ?? shown.compactMap { $0 }.max() ?? 0
        guard top > 0 else { return }
        for (column, value) in shown.enumerated() {
            guard let value else { continue }
            let eighths = Int((min(max(0, value), top) / top * Double(area.height * 8)).rounded())
            for level in 0..<area.height {
                let fill = min(max(eighths - level * 8, 0), 8)
                grid.put(
                    glyphs.levels[fill], x: area.x + column, y: area.bottom - 1 - level,
                    pen: pen, clip: area)
            }
        }
    }
}
