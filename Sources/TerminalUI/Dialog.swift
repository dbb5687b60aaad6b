/// A centred box with a title, a wrapped message and a row of buttons, drawn over whatever is
/// below it. The selected button is highlighted; which one is selected is the caller's state.
public struct Dialog: Widget, Sendable {
    public var title: String
    public var message: String
    public var buttons: [String]
    public var selected: Int
    public var glyphs: Glyphs
    public var borderPen: Pen
    public var buttonPen: Pen
    public var selectedButtonPen: Pen
    /// Widest the box may get, border included.
    public var maxWidth: Int

    public init(
        title: String, message: String, buttons: [String], selected: Int = 0,
        glyphs: Glyphs = .unicode, maxWidth: Int = 50
    ) {
        self.title = title
        self.message = message
        self.buttons = buttons
        self.selected = selected
        self.glyphs = glyphs
        borderPen = .bold
        buttonPen = .plain
        selectedButtonPen = .reverse
        self.maxWidth = maxWidth
    }

    var buttonLabels: [String] { buttons.map { "[ \($0) ]" } }

    var buttonRowWidth: Int {
        let labels = buttonLabels
        return labels.reduce(0) { $0 + CellWidth.of($1) } + 2 * max(0, labels.count - 1)
    }

    /// Where the box goes inside `area`.
    public func frame(in area: Rect) -> Rect {
        let textWidth = TextLine.lines(message).map(\.width).max() ?? 0
        let wanted = max(textWidth, buttonRowWidth, CellWidth.of(title) + 2) + 4
        let width = min(wanted, maxWidth, area.width)
        let rows = Paragraph(message).rows(width: max(1, width - 4)).count
        return area.centered(width: width, height: rows + 4)
    }

    public func render(in area: Rect, on grid: inout Grid) {
        let box = frame(in: area)
        guard box.width >= 4, box.height >= 4 else { return }
        grid.fill(box)
        Block(title: TextLine(title, pen: borderPen), glyphs: glyphs, borderPen: borderPen)
            .render(in: box, on: &grid)
        let inner = box.inset(top: 1, left: 2, bottom: 2, right: 2)
        Paragraph(message).render(in: inner, on: &grid)
        let buttonRow = Rect(x: box.x + 1, y: box.bottom - 2, width: box.width - 2, height: 1)
        for (index, (label, frame)) in zip(buttonLabels, buttonFrames(in: area)).enumerated() {
            let pen = index == selected ? selectedButtonPen : buttonPen
            grid.put(label, x: frame.x, y: frame.y, pen: pen, clip: buttonRow)
        }
    }

    /// Where each button is drawn inside `area` (clipped to the box), in button order: what
    /// `render` draws and what a click is tested against.
    public func buttonFrames(in area: Rect) -> [Rect] {
        let box = frame(in: area)
        guard box.width >= 4, box.height >= 4 else { return [] }
        let buttonRow = Rect(x: box.x + 1, y: box.bottom - 2, width: box.width - 2, height: 1)
        var x = buttonRow.x + max(0, (buttonRow.width - buttonRowWidth) / 2)
        return buttonLabels.map { label in
            let width = CellWidth.of(label)
            defer { x += width + 2 }
            return Rect(x: x, y: buttonRow.y, width: width, height: 1).intersection(buttonRow)
        }
    }
}
