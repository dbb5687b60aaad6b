/// A vertical list of lines; the selected row is highlighted and kept in view.
public struct List: StatefulWidget, Sendable {
    public var items: [TextLine]
    public var highlightPen: Pen
    /// Drawn before the selected row (other rows get spaces of the same width); nil for none.
    public var highlightSymbol: String?
    /// Ends a row cut at the area's edge, so a cut name does not pass for a whole one; "" cuts
    /// hard.
    public var ellipsis: String

    public init(
        _ items: [TextLine], highlightPen: Pen = .reverse, highlightSymbol: String? = nil,
        ellipsis: String = ""
    ) {
        self.items = items
        self.highlightPen = highlightPen
        self.highlightSymbol = highlightSymbol
        self.ellipsis = ellipsis
    }

    public func render(in area: Rect, on grid: inout Grid, state: inout ListState) {
        guard !area.isEmpty else { return }
        state.keepVisible(count: items.count, visibleRows: area.height)
        let symbolWidth = highlightSymbol.map { CellWidth.of($0) } ?? 0
        for row in 0..<area.height {
            let index = state.offset + row
            guard index < items.count else { break }
            let rowRect = area.row(row)
            let isSelected = index == state.selected
            var line = items[index]
            if isSelected {
                grid.fill(rowRect, pen: highlightPen)
                line.spans = line.spans.map {
                    Span($0.text, pen: $0.pen.patched(with: highlightPen))
                }
            }
            var x = area.x
            if let symbol = highlightSymbol {
                let shown = isSelected ? symbol : String(repeating: " ", count: symbolWidth)
                x = grid.put(
                    shown, x: x, y: rowRect.y, pen: isSelected ? highlightPen : .plain,
                    clip: rowRect)
            }
            grid.put(
                line.truncated(to: rowRect.right - x, ellipsis: ellipsis), x: x, y: rowRect.y,
                clip: rowRect)
        }
    }
}
