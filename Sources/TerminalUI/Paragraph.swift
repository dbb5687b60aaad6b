/// Styled text, word-wrapped to the area's width; rows past the area's height are cut.
public struct Paragraph: Widget, Sendable {
    public var lines: [TextLine]
    public var wraps: Bool
    public var alignment: Alignment
    /// Wrapped rows to skip at the top (for scrolling long text).
    public var scroll: Int

    public init(
        _ lines: [TextLine], wraps: Bool = true, alignment: Alignment = .left, scroll: Int = 0
    ) {
        self.lines = lines
        self.wraps = wraps
        self.alignment = alignment
        self.scroll = scroll
    }

    public init(
        _ text: String, pen: Pen = .plain, wraps: Bool = true, alignment: Alignment = .left
    ) {
        self.init(TextLine.lines(text, pen: pen), wraps: wraps, alignment: alignment)
    }

    /// The rows this paragraph takes at the given width.
    public func rows(width: Int) -> [TextLine] {
        wraps ? lines.flatMap { Paragraph.wrap($0, width: width) } : lines
    }

    public func render(in area: Rect, on grid: inout Grid) {
        guard !area.isEmpty else { return }
        let all = rows(width: area.width)
        for (offset, row) in all.dropFirst(max(0, scroll)).prefix(area.height).enumerated() {
            grid.put(row, in: area.row(offset), alignment: alignment)
        }
    }

    /// Greedy word wrap by display width. Words longer than the width are broken; spaces at a
    /// break are dropped; leading indentation of the line is kept on its first row.
    public static func wrap(_ line: TextLine, width: Int) -> [TextLine] {
        wrap(line, width: width, shortcut: true)
    }

    /// `shortcut: false` walks every line glyph by glyph (for the test that holds both ways to
    /// the same rows).
    static func wrap(_ line: TextLine, width: Int, shortcut: Bool) -> [TextLine] {
        guard width > 0 else { return [] }
        if shortcut, let rows = cellRows(line, width: width) { return rows }
        let glyphs = glyphs(of: line)
        var rows: [[Glyph]] = []
        var row: [Glyph] = []
        var rowWidth = 0
        var pendingSpaces: [Glyph] = []
        var index = 0
        var first = true
        while index < glyphs.count {
            if glyphs[index].isSpace {
                pendingSpaces.append(glyphs[index])
                index += 1
                continue
            }
            var end = index
            while end < glyphs.count, !glyphs[end].isSpace { end += 1 }
            var word = Array(glyphs[index..<end])
            index = end
            let spaces = (row.isEmpty && !first) ? [] : pendingSpaces
            let spaceWidth = spaces.reduce(0) { $0 + $1.width }
            pendingSpaces = []
            first = false
            let wordWidth = word.reduce(0) { $0 + $1.width }
            if rowWidth + spaceWidth + wordWidth <= width {
                row += spaces + word
                rowWidth += spaceWidth + wordWidth
                continue
            }
            if !row.isEmpty, wordWidth <= width {
                rows.append(row)
                row = word
                rowWidth = wordWidth
                continue
            }
            // The word does not fit on a row of its own: break it hard, filling this row first.
            if rowWidth + spaceWidth < width {
                row += spaces
                rowWidth += spaceWidth
            } else if !row.isEmpty {
                rows.append(row)
                row = []
                rowWidth = 0
            }
            while !word.isEmpty {
                let glyph = word[0]
                if rowWidth + glyph.width > width {
                    rows.append(row)
                    row = []
                    rowWidth = 0
                    if glyph.width > width { word.removeFirst() }  // wider than the area
                    continue
                }
                row.append(glyph)
                rowWidth += glyph.width
                word.removeFirst()
            }
        }
        if !row.isEmpty || rows.isEmpty { rows.append(row) }
        return rows.map(TextLine.init(glyphs:))
    }

    /// A line whose characters each take their cells as they stand (nothing to spell out,
    /// nothing of zero width, nothing wider than the area: nearly every line of a screen),
    /// wrapped the same way by offsets: each row is a range of the line's characters, cut from
    /// its spans by byte, with no glyph made per character. Wrapping glyph by glyph was most
    /// of drawing a frame. Printable ASCII is taken a byte at a time.
    private static func cellRows(_ line: TextLine, width: Int) -> [TextLine]? {
        // Character i of the line starts at byte starts[i] and at cell cells[i].
        var starts = [0]
        var cells = [0]
        var isSpace: [Bool] = []
        let bytes = line.spans.reduce(0) { $0 + $1.text.utf8.count }
        starts.reserveCapacity(bytes + 1)
        cells.reserveCapacity(bytes + 1)
        isSpace.reserveCapacity(bytes)
        for span in line.spans {
            if CellWidth.isPrintableASCII(span.text) {
                for byte in span.text.utf8 {
                    starts.append(starts[starts.count - 1] + 1)
                    cells.append(cells[cells.count - 1] + 1)
                    isSpace.append(byte == UInt8(ascii: " "))
                }
                continue
            }
            for character in span.text {
                let w = CellWidth.of(character)
                guard w > 0, w <= width, CellWidth.shown(character) == nil else { return nil }
                starts.append(starts[starts.count - 1] + character.utf8.count)
                cells.append(cells[cells.count - 1] + w)
                let utf8 = character.utf8
                isSpace.append(utf8.count == 1 && (utf8.first == 0x20 || utf8.first == 0x09))
            }
        }
        func cellsOf(_ range: Range<Int>) -> Int {
            cells[range.upperBound] - cells[range.lowerBound]
        }
        var rows: [Range<Int>] = []
        // The row being filled is row (empty when its width is 0); spaces wait in pending.
        var row = 0..<0
        var rowWidth = 0
        var pending = 0..<0
        var index = 0
        while index < isSpace.count {
            if isSpace[index] {
                pending = pending.isEmpty ? index..<index + 1 : pending.lowerBound..<index + 1
                index += 1
                continue
            }
            var end = index
            while end < isSpace.count, !isSpace[end] { end += 1 }
            let word = index..<end
            index = end
            // Spaces before the first word indent it; later, every branch below leaves the
            // row holding a character, so a row never starts with the spaces of a break.
            let spaces = pending
            pending = 0..<0
            let (spaceWidth, wordWidth) = (cellsOf(spaces), cellsOf(word))
            if rowWidth + spaceWidth + wordWidth <= width {
                let start = spaces.isEmpty ? word.lowerBound : spaces.lowerBound
                row = (rowWidth == 0 ? start : row.lowerBound)..<word.upperBound
                rowWidth += spaceWidth + wordWidth
                continue
            }
            if rowWidth > 0, wordWidth <= width {
                rows.append(row)
                row = word
                rowWidth = wordWidth
                continue
            }
            // The word does not fit on a row of its own: break it hard, filling this row first.
            if rowWidth + spaceWidth < width {
                if !spaces.isEmpty {
                    row = (rowWidth == 0 ? spaces.lowerBound : row.lowerBound)..<spaces.upperBound
                    rowWidth += spaceWidth
                }
            } else if rowWidth > 0 {
                rows.append(row)
                rowWidth = 0
            }
            for character in word {
                let w = cells[character + 1] - cells[character]
                if rowWidth + w > width {
                    rows.append(row)
                    rowWidth = 0
                }
                row = (rowWidth == 0 ? character : row.lowerBound)..<character + 1
                rowWidth += w
            }
        }
        if rowWidth > 0 || rows.isEmpty { rows.append(rowWidth > 0 ? row : 0..<0) }
        return rows.map { line.cut(starts[$0.lowerBound]..<starts[$0.upperBound]) }
    }

    /// The line's glyphs with their widths: invisible characters spelled out (`CellWidth.shown`),
    /// zero-width ones left out. A span of printable ASCII is taken a byte at a time, one cell
    /// each (`CellWidth.isPrintableASCII`), which gives the same glyphs as the walk by grapheme
    /// without its cost: wrapping was most of drawing the Today screen. `byBytes: false` walks
    /// every span by grapheme (for the test that holds both ways to the same glyphs).
    static func glyphs(of line: TextLine, byBytes: Bool = true) -> [Glyph] {
        var glyphs: [Glyph] = []
        for span in line.spans {
            if byBytes, CellWidth.isPrintableASCII(span.text) {
                for byte in span.text.utf8 {
                    glyphs.append(
                        Glyph(
                            character: Character(Unicode.Scalar(byte)), pen: span.pen, width: 1,
                            isSpace: byte == 0x20))
                }
                continue
            }
            func add(_ character: Character) {
                let w = CellWidth.of(character)
                if w > 0 { glyphs.append(Glyph(character: character, pen: span.pen, width: w)) }
            }
            for character in span.text {
                if let shown = CellWidth.shown(character) {
                    shown.forEach(add)
                } else {
                    add(character)
                }
            }
        }
        return glyphs
    }

    struct Glyph: Equatable {
        var character: Character
        var pen: Pen
        var width: Int
        /// Asked of every glyph while wrapping, so worked out once.
        let isSpace: Bool

        init(character: Character, pen: Pen, width: Int, isSpace: Bool? = nil) {
            self.character = character
            self.pen = pen
            self.width = width
            self.isSpace = isSpace ?? (character == " " || character == "\t")
        }
    }
}

extension TextLine {
    /// The bytes `range` of the line (whole characters), as `init(glyphs:)` would give them:
    /// empty spans left out, neighbouring spans of one pen joined.
    fileprivate func cut(_ range: Range<Int>) -> TextLine {
        var spans: [Span] = []
        var offset = 0
        for span in self.spans {
            let count = span.text.utf8.count
            defer { offset += count }
            let lower = max(range.lowerBound, offset)
            let upper = min(range.upperBound, offset + count)
            guard lower < upper else { continue }
            let part = lower..<upper
            let text =
                part.count == count
                ? span.text
                : String(
                    decoding: span.text.utf8.dropFirst(part.lowerBound - offset).prefix(part.count),
                    as: UTF8.self)
            if let last = spans.last, last.pen == span.pen {
                spans[spans.count - 1].text += text
            } else {
                spans.append(Span(text, pen: span.pen))
            }
        }
        return TextLine(spans: spans)
    }

    // Joins neighbouring glyphs of the same pen back into spans.
    fileprivate init(glyphs: [Paragraph.Glyph]) {
        var spans: [Span] = []
        for glyph in glyphs {
            if let last = spans.last, last.pen == glyph.pen {
                spans[spans.count - 1].text.append(glyph.character)
            } else {
                spans.append(Span(String(glyph.character), pen: glyph.pen))
            }
        }
        self.init(spans: spans)
    }
}
