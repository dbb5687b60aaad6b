import Testing

@testable import TerminalUI

@Suite struct GridTests {
    /// Text from anywhere (a note, a plan file) cannot hide in the grid or steer the terminal:
    /// ESC, DEL, C1 controls and bidi overrides are drawn as what they are, and wrapping counts
    /// the cells they take.
    @Test func invisibleControlsAreShownNotDropped() {
        var grid = Grid(width: 24, height: 1)
        grid.put("a\u{1B}[2Jb\u{7F}\u{202E}c", x: 0, y: 0)
        expectLines(grid, ["a^[[2Jb^?<U+202E>c      "])
        let paragraph = Paragraph("ok \u{9B}\u{200B} go")
        #expect(paragraph.rows(width: 30).map(\.text) == ["ok <U+009B><U+200B> go"])
        #expect(paragraph.rows(width: 12).allSatisfy { $0.width <= 12 })
        #expect(CellWidth.of("\u{1B}") == 2)
        // Joiners inside an emoji and plain letters are left alone.
        #expect(CellWidth.shown("👩‍💻") == nil)
        #expect(CellWidth.shown("é") == nil)
    }

    @Test func putWritesAndClipsAtTheRightEdge() {
        var grid = Grid(width: 5, height: 2)
        let end = grid.put("hello world", x: 0, y: 0)
        grid.put("abc", x: 3, y: 1)
        expectLines(grid, ["hello", "   ab"])
        #expect(end == 5)
    }

    @Test func putClipsOnTheLeftAndOutsideRows() {
        var grid = Grid(width: 5, height: 1)
        let end = grid.put("abcdef", x: -2, y: 0)
        grid.put("zzz", x: 0, y: 1)
        grid.put("zzz", x: 0, y: -1)
        expectLines(grid, ["cdef "])
        #expect(end == 4)
    }

    @Test func putClipsToARegion() {
        var grid = Grid(width: 6, height: 2)
        grid.put("abcdef", x: 1, y: 0, clip: Rect(x: 1, y: 0, width: 3, height: 1))
        grid.put("outside", x: 1, y: 1, clip: Rect(x: 1, y: 0, width: 3, height: 1))
        expectLines(grid, [" abc  ", "      "])
    }

    @Test func wideGlyphsTakeTwoCells() {
        var grid = Grid(width: 6, height: 1)
        let end = grid.put("日本", x: 0, y: 0)
        expectLines(grid, ["日本  "])
        #expect(end == 4)
        #expect(grid[0, 0].width == 2)
        #expect(grid[1, 0].isContinuation)
        #expect(grid[2, 0].symbol == "本")
    }

    @Test func wideGlyphIsNeverSplitAtTheRightEdge() {
        var grid = Grid(width: 5, height: 1)
        let end = grid.put("ab日本", x: 0, y: 0)
        expectLines(grid, ["ab日 "])
        #expect(end == 4)
        #expect(grid[4, 0] == Cell.blank)
    }

    @Test func wideGlyphIsNeverSplitAtAClipEdge() {
        var grid = Grid(width: 6, height: 1)
        grid.put("a日", x: 0, y: 0, clip: Rect(x: 0, y: 0, width: 2, height: 1))
        expectLines(grid, ["a     "])
    }

    @Test func combiningMarksStayWithTheirBase() {
        var grid = Grid(width: 4, height: 1)
        grid.put("e\u{301}x", x: 0, y: 0)
        #expect(grid[0, 0].symbol == "e\u{301}")
        #expect(grid[1, 0].symbol == "x")
        // A mark with nothing to sit on is dropped rather than given a cell.
        var lone = Grid(width: 3, height: 1)
        lone.put("\u{301}ab", x: 0, y: 0)
        expectLines(lone, ["ab "])
    }

    @Test func overwritingHalfAWideGlyphBlanksTheOtherHalf() {
        var left = Grid(width: 4, height: 1)
        left.put("日本", x: 0, y: 0)
        left.put("x", x: 1, y: 0)
        expectLines(left, [" x本"])

        var right = Grid(width: 4, height: 1)
        right.put("日本", x: 0, y: 0)
        right.put("y", x: 2, y: 0)
        expectLines(right, ["日y "])
        #expect(right[3, 0] == Cell.blank)
    }

    @Test func fillCoversARectangleWithAPen() {
        var grid = Grid(width: 4, height: 3)
        grid.fill(Rect(x: 1, y: 1, width: 2, height: 5), with: "#", pen: .bold)
        expectLines(grid, ["    ", " ## ", " ## "])
        #expect(grid[1, 1].style == .bold)
        #expect(grid[0, 1].style == [])
    }

    @Test func fillWithAWideCharacterPadsAnOddColumn() {
        var grid = Grid(width: 5, height: 1)
        grid.fill(grid.area, with: "日")
        expectLines(grid, ["日日 "])
    }

    @Test func linesKeepTrailingSpaces() {
        var grid = Grid(width: 4, height: 2)
        grid.put("a", x: 0, y: 0)
        #expect(grid.lines() == ["a   ", "    "])
    }

    @Test func paintAndAddStyleKeepSymbols() {
        var grid = Grid(width: 3, height: 1)
        grid.put("abc", x: 0, y: 0, fg: .red)
        grid.addStyle(.underline, in: Rect(x: 1, y: 0, width: 1, height: 1))
        grid.paint(Rect(x: 2, y: 0, width: 1, height: 1), pen: .reverse)
        expectLines(grid, ["abc"])
        #expect(grid[1, 0].style == .underline)
        #expect(grid[1, 0].fg == .red)
        #expect(grid[2, 0].pen == .reverse)
    }

    @Test func blitCopiesAnotherGrid() {
        var overlay = Grid(width: 2, height: 1)
        overlay.put("日", x: 0, y: 0)
        var grid = Grid(width: 4, height: 2, filling: Cell("."))
        grid.blit(overlay, x: 1, y: 1)
        expectLines(grid, ["....", ".日."])
    }
}

@Suite struct CellWidthTests {
    // A zero-width space is drawn as <U+200B>: nothing invisible reaches the screen.
    @Test(arguments: [
        ("a", 1), ("é", 1), ("e\u{301}", 1), ("日", 2), ("한", 2), ("Ｋ", 2), ("👍", 2),
        ("❤", 1), ("❤\u{FE0F}", 2), ("─", 1), ("█", 1), ("\u{301}", 0), ("\u{200B}", 8),
    ])
    func widthOfOneGrapheme(text: String, width: Int) {
        #expect(text.count == 1)
        if let character = text.first { #expect(CellWidth.of(character) == width) }
    }

    @Test func widthOfAString() {
        #expect(CellWidth.of("ab日本") == 6)
        #expect(CellWidth.of("") == 0)
    }

    /// Printable ASCII is measured and cut by bytes; everything else grapheme by grapheme.
    /// Both ways must agree on any text: generated strings of printable ASCII alone and mixed
    /// with controls, CR LF, combining marks, wide characters and emoji.
    @Test(arguments: 0..<40) func asciiFastPathAgreesWithGraphemeWalk(seed: UInt64) {
        var generated = GeneratedText(seed: seed)
        for _ in 0..<50 {
            let text = generated.text(upTo: 30)
            let walked = text.reduce(0) { $0 + CellWidth.of($1) }
            #expect(CellWidth.of(text) == walked, "\(text.debugDescription)")
            let width = generated.next(35)
            for ellipsis in ["", "…"] {
                let cut = TextFit.truncate(text, to: width, ellipsis: ellipsis)
                #expect(CellWidth.of(cut) <= max(width, 0), "\(text.debugDescription) to \(width)")
                if walked <= width {
                    #expect(cut == text)
                } else if width > 0 {
                    // The ellipsis only where it leaves room for text; else a hard cut.
                    let shown = CellWidth.of(ellipsis) < width ? ellipsis : ""
                    #expect(cut.hasSuffix(shown))
                    let kept = String(cut.dropLast(shown.count))
                    #expect(text.hasPrefix(kept), "\(text.debugDescription) to \(width)")
                    // The longest prefix that fits: one more grapheme would not.
                    let room = width - CellWidth.of(shown)
                    if let more = text.dropFirst(kept.count).first {
                        #expect(CellWidth.of(kept) + CellWidth.of(more) > room)
                    }
                }
            }
        }
    }
}

@Suite struct DiffTests {
    @Test func identicalFramesChangeNothing() {
        var grid = Grid(width: 5, height: 2)
        grid.put("hello", x: 0, y: 0)
        #expect(grid.changes(from: grid).isEmpty)
    }

    @Test func changingOneCellYieldsOneChange() {
        var before = Grid(width: 5, height: 2)
        before.put("hello", x: 0, y: 0)
        var after = before
        after.put("j", x: 0, y: 1)
        #expect(after.changes(from: before) == [CellChange(x: 0, y: 1, cell: Cell("j"))])
    }

    @Test func changingOnlyTheStyleIsAChange() {
        var before = Grid(width: 3, height: 1)
        before.put("abc", x: 0, y: 0)
        var after = before
        after.addStyle(.bold, in: Rect(x: 2, y: 0, width: 1, height: 1))
        let expected = [CellChange(x: 2, y: 0, cell: Cell("c", style: .bold))]
        #expect(after.changes(from: before) == expected)
    }

    @Test func aWideGlyphReplacingTwoNarrowOnesIsOneChange() {
        var before = Grid(width: 4, height: 1)
        before.put("ab", x: 0, y: 0)
        var after = Grid(width: 4, height: 1)
        after.put("日", x: 0, y: 0)
        let changes = after.changes(from: before)
        #expect(changes.count == 1)
        #expect(changes.first?.x == 0)
        #expect(changes.first?.cell.symbol == "日")
    }

    @Test func twoNarrowGlyphsReplacingAWideOneAreTwoChanges() {
        var before = Grid(width: 4, height: 1)
        before.put("日", x: 0, y: 0)
        var after = Grid(width: 4, height: 1)
        after.put("ab", x: 0, y: 0)
        #expect(
            after.changes(from: before) == [
                CellChange(x: 0, y: 0, cell: Cell("a")), CellChange(x: 1, y: 0, cell: Cell("b")),
            ])
    }

    @Test func noPreviousFrameOrANewSizeRewritesEverything() {
        var grid = Grid(width: 4, height: 2)
        grid.put("日", x: 0, y: 0)
        // 8 cells, one of them the right half of 日.
        #expect(grid.changes(from: nil).count == 7)
        #expect(grid.changes(from: Grid(width: 5, height: 2)).count == 7)
    }
}
