/// One labelled input: "Label  value", a cursor when focused, and an error under the value.
/// The value scrolls sideways so the cursor stays visible.
public struct FormField: Widget, Sendable {
    public var label: String
    public var value: String
    /// Cursor position in characters (0...value.count); drawn only when focused.
    public var cursor: Int
    public var error: String?
    public var isFocused: Bool
    /// Cells given to the label (so fields in a form line up); nil = the label's own width.
    public var labelWidth: Int?
    public var labelPen: Pen
    public var focusedLabelPen: Pen
    public var valuePen: Pen
    public var focusedValuePen: Pen
    public var cursorPen: Pen
    public var errorPen: Pen

    public init(
        label: String, value: String, cursor: Int? = nil, error: String? = nil,
        isFocused: Bool = false, labelWidth: Int? = nil
    ) {
        self.label = label
        self.value = value
        self.cursor = min(max(0, cursor ?? value.count), value.count)
        self.error = error
        self.isFocused = isFocused
        self.labelWidth = labelWidth
        labelPen = .plain
        focusedLabelPen = .bold
        valuePen = Pen(style: .underline)
        focusedValuePen = Pen(style: [.underline, .bold])
        cursorPen = .reverse
        errorPen = Pen(fg: .red, style: .bold)
    }

    public func render(in area: Rect, on grid: inout Grid) {
        guard !area.isEmpty else { return }
        let width = labelWidth ?? CellWidth.of(label)
        let labelText = TextFit.pad(label, to: width)
        let line = area.row(0)
        grid.put(
            labelText, x: line.x, y: line.y, pen: isFocused ? focusedLabelPen : labelPen,
            clip: line)
        let box = line.inset(left: width + 1)
        guard !box.isEmpty else { return }
        let pen = isFocused ? focusedValuePen : valuePen
        grid.fill(box, pen: pen)
        let characters = Array(value)
        // First character shown: scroll right just enough to keep the cursor cell in the box.
        var start = 0
        if isFocused {
            while start < cursor,
                CellWidth.of(String(characters[start..<cursor])) + 1 > box.width
            {
                start += 1
            }
        }
        var x = box.x
        var index = start
        while index < characters.count {
            let w = CellWidth.of(characters[index])
            if x + w > box.right { break }
            let isCursor = isFocused && index == cursor
            grid.put(
                String(characters[index]), x: x, y: box.y,
                pen: isCursor ? pen.patched(with: cursorPen) : pen, clip: box)
            x += w
            index += 1
        }
        if isFocused && cursor == characters.count && x < box.right {
            grid.put(" ", x: x, y: box.y, pen: pen.patched(with: cursorPen), clip: box)
        }
        if let error, area.height > 1 {
            let errorRow = area.row(1).inset(left: width + 1)
            grid.put(error, x: errorRow.x, y: errorRow.y, pen: errorPen, clip: errorRow)
        }
    }
}
