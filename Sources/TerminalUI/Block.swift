/// A bordered box with an optional title on the top edge. Draw the content in `inner(area)`.
public struct Block: Widget, Sendable {
    public var title: TextLine?
    public var glyphs: Glyphs
    public var borderPen: Pen
    public var titleAlignment: Alignment

    public init(
        title: TextLine? = nil, glyphs: Glyphs = .unicode, borderPen: Pen = .plain,
        titleAlignment: Alignment = .left
    ) {
        self.title = title
        self.glyphs = glyphs
        self.borderPen = borderPen
        self.titleAlignment = titleAlignment
    }

    /// The area inside the border.
    public func inner(_ area: Rect) -> Rect {
        area.inset(by: 1)
    }

    public func render(in area: Rect, on grid: inout Grid) {
        guard area.width >= 2, area.height >= 2 else { return }
        let g = glyphs
        let horizontal = String(repeating: g.horizontal, count: area.width - 2)
        grid.put(
            g.topLeft + horizontal + g.topRight, x: area.x, y: area.y, pen: borderPen,
            clip: area)
        grid.put(
            g.bottomLeft + horizontal + g.bottomRight, x: area.x, y: area.bottom - 1,
            pen: borderPen, clip: area)
        for row in (area.y + 1)..<(area.bottom - 1) {
            grid.put(g.vertical, x: area.x, y: row, pen: borderPen, clip: area)
            grid.put(g.vertical, x: area.right - 1, y: row, pen: borderPen, clip: area)
        }
        if let title, area.width > 4 {
            // One space either side keeps the title apart from the border line.
            let room = Rect(x: area.x + 1, y: area.y, width: area.width - 2, height: 1)
            var padded = title
            padded.spans.insert(Span(" ", pen: borderPen), at: 0)
            padded.spans.append(Span(" ", pen: borderPen))
            grid.put(padded, in: room, alignment: titleAlignment)
        }
    }
}
