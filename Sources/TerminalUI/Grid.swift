/// A width × height screen of cells. Views draw into a grid; a backend puts it on a terminal.
public struct Grid: Sendable, Hashable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int, filling cell: Cell = .blank) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: cell, count: self.width * self.height)
    }

    public init(size: Size) {
        self.init(width: size.width, height: size.height)
    }

    public var size: Size { Size(width: width, height: height) }
    public var area: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    /// The cell at (x, y); a blank cell outside the grid.
    public subscript(x: Int, y: Int) -> Cell {
        guard x >= 0, y >= 0, x < width, y < height else { return .blank }
        return cells[y * width + x]
    }

    /// Writes `text` from (x, y) to the right, clipped to `clip` (default: the whole grid).
    /// Wide glyphs take two cells and are never split at the right edge; zero-width graphemes
    /// are skipped. Returns the column after the last cell written.
    @discardableResult
    public mutating func put(
        _ text: String, x: Int, y: Int, style: Style = [], fg: Color = .default,
        bg: Color = .default, clip: Rect? = nil
    ) -> Int {
        put(text, x: x, y: y, pen: Pen(fg: fg, bg: bg, style: style), clip: clip)
    }

    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, pen: Pen, clip: Rect? = nil) -> Int {
        let bounds = (clip ?? area).intersection(area)
        guard y >= bounds.y, y < bounds.bottom else { return x }
        var column = x
        for character in text {
            if let shown = CellWidth.shown(character) {
                column = put(shown, x: column, y: y, pen: pen, clip: clip)
                continue
            }
            let w = CellWidth.of(character)
            if w == 0 { continue }
            if column + w > bounds.right { break }
            if column >= bounds.x {
                set(Cell(String(character), width: w, pen: pen), x: column, y: y)
            }
            column += w
        }
        return column
    }

    /// Puts one cell, keeping wide glyphs whole: anything this cell overlaps is blanked.
    public mutating func set(_ cell: Cell, x: Int, y: Int) {
        guard x >= 0, y >= 0, x < width, y < height else { return }
        var cell = cell
        if cell.width == 2 && x + 1 >= width {
            // No room for the right half: a wide glyph is never split at the edge.
            cell = Cell(" ", pen: cell.pen)
        }
        if cell.width == 0 { cell.width = 1 }
        clearOverlap(x: x, y: y)
        cells[y * width + x] = cell
        if cell.width == 2 {
            clearOverlap(x: x + 1, y: y)
            cells[y * width + x + 1] = .continuation(pen: cell.pen)
        }
    }

    /// Fills a rectangle with a character (a space by default) in the given pen.
    public mutating func fill(_ rect: Rect, with character: Character = " ", pen: Pen = .plain) {
        let r = rect.intersection(area)
        guard !r.isEmpty else { return }
        let w = max(1, CellWidth.of(character))
        for row in r.y..<r.bottom {
            var column = r.x
            while column + w <= r.right {
                set(Cell(String(character), width: w, pen: pen), x: column, y: row)
                column += w
            }
            if column < r.right { set(Cell(" ", pen: pen), x: column, y: row) }
        }
    }

    /// Changes colours and attributes in a rectangle, keeping the symbols (e.g. a selection bar).
    public mutating func paint(_ rect: Rect, pen: Pen) {
        let r = rect.intersection(area)
        for row in r.y..<r.bottom {
            for column in r.x..<r.right {
                cells[row * width + column].pen = pen
            }
        }
    }

    /// Adds attributes in a rectangle, keeping symbols and colours.
    public mutating func addStyle(_ style: Style, in rect: Rect) {
        let r = rect.intersection(area)
        for row in r.y..<r.bottom {
            for column in r.x..<r.right {
                cells[row * width + column].style.formUnion(style)
            }
        }
    }

    /// The rows as text, trailing spaces kept, for snapshots.
    public func lines() -> [String] {
        (0..<height).map { row in
            var line = ""
            for column in 0..<width {
                line += cells[row * width + column].symbol
            }
            return line
        }
    }

    /// The rows as printed text: trailing spaces dropped, and trailing empty rows too.
    public func printedLines() -> [String] {
        var rows = lines().map { String($0.reversed().drop { $0 == " " }.reversed()) }
        while rows.last?.isEmpty == true { rows.removeLast() }
        return rows
    }

    /// A copy of `other` placed at (x, y) in this grid (clipped), e.g. an overlay.
    public mutating func blit(_ other: Grid, x: Int, y: Int) {
        for row in 0..<other.height {
            for column in 0..<other.width {
                let cell = other[column, row]
                if cell.isContinuation { continue }
                set(cell, x: x + column, y: y + row)
            }
        }
    }

    // Blanks whatever wide glyph covers (x, y), so no half glyph is left behind.
    private mutating func clearOverlap(x: Int, y: Int) {
        guard x >= 0, x < width else { return }
        let index = y * width + x
        let old = cells[index]
        if old.isContinuation, x > 0 {
            cells[index - 1].symbol = " "
            cells[index - 1].width = 1
            cells[index] = Cell(" ", pen: old.pen)
        } else if old.width == 2, x + 1 < width {
            cells[index + 1] = Cell(" ", pen: old.pen)
            cells[index] = Cell(" ", pen: old.pen)
        }
    }
}

/// One cell a frame has to (re)write on the terminal. Only `changes(from:)` makes one, so the
/// memberwise initializer stays internal.
public struct CellChange: Sendable, Hashable {
    public var x: Int
    public var y: Int
    public var cell: Cell
}

extension Grid {
    /// The cells that differ from `previous`, in row order. Continuation cells are never listed:
    /// the wide glyph to their left is written instead and the terminal covers both cells.
    /// A grid of another size differs everywhere.
    public func changes(from previous: Grid?) -> [CellChange] {
        var result: [CellChange] = []
        let comparable = previous.map { $0.width == width && $0.height == height } ?? false
        for row in 0..<height {
            for column in 0..<width {
                let index = row * width + column
                let cell = cells[index]
                if cell.isContinuation { continue }
                if comparable, let previous, previous.cells[index] == cell { continue }
                result.append(CellChange(x: column, y: row, cell: cell))
            }
        }
        return result
    }
}
