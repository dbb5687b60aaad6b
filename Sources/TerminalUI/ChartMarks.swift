/// Marks the chart widgets draw besides bars and dots, each with a plain ASCII stand-in.
extension Glyphs {
    /// True for a set made of ASCII only (a terminal whose locale is not UTF-8).
    public var isASCII: Bool { vertical.allSatisfy(\.isASCII) && horizontal.allSatisfy(\.isASCII) }

    /// A threshold line where it crosses a filled bar cell, so the line shows without colour.
    public var capCrossing: String { isASCII ? "=" : "═" }

    /// A thin vertical line through a plot, e.g. today on a time axis.
    public var markerLine: String { isASCII ? "|" : "┊" }
}

extension Grid {
    /// Draws `glyph` down column `x` over `rows`, only where the cell is still blank, so the
    /// mark runs behind what a chart drew.
    mutating func markColumn(
        _ x: Int, rows: Range<Int>, glyph: String, pen: Pen, clip: Rect
    ) {
        guard x >= clip.x, x < clip.right else { return }
        for y in rows where y >= clip.y && y < clip.bottom && self[x, y] == .blank {
            put(glyph, x: x, y: y, pen: pen, clip: clip)
        }
    }
}

extension Grid {
    /// Copies rows `rows` of `other` to (x, y) onward: a window onto a drawing taller than the
    /// screen, e.g. charts scrolled vertically.
    public mutating func blit(_ other: Grid, rows: Range<Int>, x: Int, y: Int) {
        for (offset, row) in rows.enumerated() where row >= 0 && row < other.height {
            for column in 0..<other.width {
                let cell = other[column, row]
                if cell.isContinuation { continue }
                set(cell, x: x + column, y: y + offset)
            }
        }
    }
}
