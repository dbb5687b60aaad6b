/// Points of several series over a y axis from 0 to `maximum`, one glyph per series so they
/// read apart without colour; where two series meet in one cell the `overlap` glyph stands for
/// both. Plot column c is the c-th cell right of the axis line.
public struct DotPlot: Widget, Sendable {
    public struct Series: Sendable, Hashable {
        public var glyph: String
        public var pen: Pen

        public init(glyph: String, pen: Pen = .plain) {
            self.glyph = glyph
            self.pen = pen
        }
    }

    public struct Point: Sendable, Hashable {
        public var column: Int
        public var series: Int
        public var value: Double

        public init(column: Int, series: Int, value: Double) {
            self.column = column
            self.series = series
            self.value = value
        }
    }

    public var series: [Series]
    public var points: [Point]
    public var maximum: Double
    public var overlap: String
    public var overlapPen: Pen
    public var glyphs: Glyphs
    public var axisPen: Pen
    /// Cells left of the axis line; nil = as wide as the top label.
    public var axisLabelWidth: Int?
    /// Values labelled on the axis besides 0 and the maximum, each on the row it falls in.
    public var ticks: [Double] = []
    /// A plot column marked from top to bottom wherever no point is (e.g. today).
    public var markerColumn: Int?
    public var markerPen: Pen

    public init(
        series: [Series], points: [Point], maximum: Double, overlap: String = "*",
        glyphs: Glyphs = .unicode
    ) {
        self.series = series
        self.points = points
        self.maximum = maximum > 0 ? maximum : 1
        self.overlap = overlap
        self.glyphs = glyphs
        overlapPen = .bold
        axisPen = .dim
        markerPen = .bold
    }

    /// The row, counted from the bottom, a value falls in on a plot `rows` high: 0 at the
    /// bottom, `maximum` at the top, nearest row in between.
    public func level(of value: Double, rows: Int) -> Int {
        let clamped = min(max(0, value), maximum)
        return Int((clamped / maximum * Double(max(0, rows - 1))).rounded())
    }

    public func render(in area: Rect, on grid: inout Grid) {
        guard area.height >= 2, area.width >= 3 else { return }
        let topLabel = TextFit.fixed(maximum, decimals: 0)
        let labelWidth = axisLabelWidth ?? max(CellWidth.of(topLabel), 1)
        let axisX = area.x + labelWidth
        var labels = [0: topLabel, area.height - 1: "0"]
        for tick in ticks where tick > 0 && tick < maximum {
            let row = area.height - 1 - level(of: tick, rows: area.height)
            if labels[row] == nil { labels[row] = TextFit.fixed(tick, decimals: 0) }
        }
        for row in 0..<area.height {
            let y = area.y + row
            let text = labels[row]
            grid.put(
                TextLine(text ?? "", pen: axisPen),
                in: Rect(x: area.x, y: y, width: labelWidth, height: 1), alignment: .right)
            grid.put(
                text != nil ? glyphs.axisVertical : glyphs.vertical, x: axisX, y: y,
                pen: axisPen, clip: area)
        }
        let plot = Rect(
            x: axisX + 1, y: area.y, width: area.right - axisX - 1,
            height: area.height)
        // Which series sit in each cell, so a meeting turns into the overlap glyph.
        var taken: [Int: Int] = [:]
        for point in points where series.indices.contains(point.series) {
            let x = plot.x + point.column
            let y = plot.bottom - 1 - level(of: point.value, rows: plot.height)
            guard plot.contains(x: x, y: y) else { continue }
            let key = y * grid.width + x
            if let other = taken[key], other != point.series {
                grid.put(overlap, x: x, y: y, pen: overlapPen, clip: plot)
                taken[key] = -1
            } else if taken[key] == nil {
                let s = series[point.series]
                grid.put(s.glyph, x: x, y: y, pen: s.pen, clip: plot)
                taken[key] = point.series
            }
        }
        if let markerColumn {
            grid.markColumn(
                plot.x + markerColumn, rows: plot.y..<plot.bottom, glyph: glyphs.markerLine,
                pen: markerPen, clip: plot)
        }
    }
}
