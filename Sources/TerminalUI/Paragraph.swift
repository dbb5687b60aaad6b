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

    /// `shortcut: false` walks a line that fits glyph by glyph as well (for the test that holds
    /// both ways to the same rows).
    static func wrap(_ line: TextLine, width: Int, shortcut: Bool) -> [TextLine] {
        guard width > 0 else { return [] }
        if shortcut, let whole = fitting(line, width: width) { return [whole] }
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

    /// Most lines of a screen are printable ASCII that fits its width and ends in no space: such
    /// a line is its own one row, with empty spans left out and neighbours of one pen joined,
    /// as the walk glyph by glyph gives it. Wrapping that way was most of drawing a frame.
    private static func fitting(_ line: TextLine, width: Int) -> TextLine? {
        var cells = 0
        var spans: [Span] = []
        for span in line.spans where !span.text.isEmpty {
            guard CellWidth.isPrintableASCII(span.text) else { return nil }
            cells += span.text.utf8.count
            guard cells <= width else { return nil }
            if let last = spans.last, last.pen == span.pen {
                spans[spans.count - 1].text += span.text
            } else {
                spans.append(span)
            }
        }
        guard spans.last?.text.utf8.last != UInt8(ascii: " ") else { return nil }
        return TextLine(spans: spans)
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
