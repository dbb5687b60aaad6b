/// A table column: header text, width in cells (nil shares what fixed columns leave), and
/// alignment (numbers read best right-aligned).
public struct TableColumn: Sendable, Hashable {
    public var title: String
    public var width: Int?
    public var alignment: Alignment

    public init(_ title: String, width: Int? = nil, alignment: Alignment = .left) {
        self.title = title
        self.width = width
        self.alignment = alignment
    }
}

/// Rows of text cells under a header; the selected row is highlighted and kept in view.
/// Text wider than its column is cut with an ellipsis.
public struct Table: StatefulWidget, Sendable {
    public var columns: [TableColumn]
    public var rows: [[String]]
    public var headerPen: Pen
    public var highlightPen: Pen
    public var columnSpacing: Int
    public var glyphs: Glyphs
    /// Per-row pens (e.g. a red day); rows past the end use plain.
    public var rowPens: [Pen]

    public init(
        columns: [TableColumn], rows: [[String]], headerPen: Pen = .bold,
        highlightPen: Pen = .reverse, columnSpacing: Int = 1, glyphs: Glyphs = .unicode,
        rowPens: [Pen] = []
    ) {
        self.columns = columns
        self.rows = rows
        self.headerPen = headerPen
        self.highlightPen = highlightPen
        self.columnSpacing = columnSpacing
        self.glyphs = glyphs
        self.rowPens = rowPens
    }

    /// Column widths for an area width: fixed columns first, the rest shared by the others.
    public func columnWidths(for width: Int) -> [Int] {
        let spacing = columnSpacing * max(0, columns.count - 1)
        let fixed = columns.compactMap(\.width).reduce(0, +)
        let flexible = columns.filter { $0.width == nil }.count
        let left = max(0, width - spacing - fixed)
        var remainder = flexible > 0 ? left % flexible : 0
        return columns.map { column in
            if let w = column.width { return w }
            let extra = remainder > 0 ? 1 : 0
            remainder -= extra
            return left / flexible + extra
        }
    }

    /// Where the rows go in a table drawn in `area`: everything below the header.
    public static func body(of area: Rect) -> Rect { area.inset(top: 1) }

    public func render(in area: Rect, on grid: inout Grid, state: inout TableState) {
        guard !area.isEmpty else { return }
        let widths = columnWidths(for: area.width)
        draw(
            columns.map(\.title), y: area.y, widths: widths, area: area, pen: headerPen,
            on: &grid)
        let body = Table.body(of: area)
        guard !body.isEmpty else { return }
        state.keepVisible(count: rows.count, visibleRows: body.height)
        for row in 0..<body.height {
            let index = state.offset + row
            guard index < rows.count else { break }
            var pen = index < rowPens.count ? rowPens[index] : .plain
            if index == state.selected {
                pen = pen.patched(with: highlightPen)
                grid.fill(body.row(row), pen: pen)
            }
            draw(rows[index], y: body.y + row, widths: widths, area: area, pen: pen, on: &grid)
        }
    }

    private func draw(
        _ texts: [String], y: Int, widths: [Int], area: Rect, pen: Pen, on grid: inout Grid
    ) {
        var x = area.x
        for (index, column) in columns.enumerated() {
            let width = widths[index]
            let text = index < texts.count ? texts[index] : ""
            let cut = TextFit.truncate(text, to: width, ellipsis: glyphs.ellipsis)
            let cell = Rect(x: x, y: y, width: width, height: 1).intersection(area)
            grid.put(TextLine(cut, pen: pen), in: cell, alignment: column.alignment)
            x += width + columnSpacing
        }
    }
}
