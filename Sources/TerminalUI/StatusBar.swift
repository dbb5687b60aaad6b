/// A key hint: the key as shown ("q", "↑↓") and what it does.
public struct KeyHint: Sendable, Hashable {
    public var key: String
    public var action: String

    public init(_ key: String, _ action: String) {
        self.key = key
        self.action = action
    }
}

/// One row of key hints ("q Quit  ? Help"), plus optional text at the right end. Hints that do
/// not fit whole are left out rather than cut.
public struct StatusBar: Widget, Sendable {
    public var hints: [KeyHint]
    public var trailing: String?
    public var pen: Pen
    public var keyPen: Pen

    public init(_ hints: [KeyHint], trailing: String? = nil) {
        self.hints = hints
        self.trailing = trailing
        pen = .reverse
        keyPen = Pen(style: [.reverse, .bold])
    }

    public func render(in area: Rect, on grid: inout Grid) {
        guard !area.isEmpty else { return }
        let line = area.row(0)
        grid.fill(line, pen: pen)
        let trailingWidth = trailing.map { CellWidth.of($0) + 1 } ?? 0
        var x = line.x + 1
        let limit = line.right - trailingWidth
        for hint in hints {
            let width = CellWidth.of(hint.key) + 1 + CellWidth.of(hint.action)
            if x + width > limit { break }
            x = grid.put(hint.key, x: x, y: line.y, pen: keyPen, clip: line)
            x = grid.put(" " + hint.action, x: x, y: line.y, pen: pen, clip: line) + 2
        }
        if let trailing, trailingWidth <= line.width {
            grid.put(trailing, x: line.right - trailingWidth, y: line.y, pen: pen, clip: line)
        }
    }
}
