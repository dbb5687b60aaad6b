import Foundation
import Testing

@testable import TerminalUI

@Suite struct ParagraphTests {
    @Test func wrapsAtWordBoundaries() {
        let grid = rendered(Paragraph("Pain stays under three"), width: 10, height: 3)
        expectLines(grid, ["Pain stays", "under     ", "three     "])
    }

    @Test func breaksWordsLongerThanTheWidth() {
        let rows = Paragraph.wrap("ab cdefghij", width: 4).map(\.text)
        #expect(rows == ["ab c", "defg", "hij"])
        #expect(Paragraph.wrap("abcdefghij", width: 4).map(\.text) == ["abcd", "efgh", "ij"])
    }

    /// Spans of printable ASCII are taken a byte at a time; the walk by grapheme must give the
    /// same glyphs for any text: generated spans of ASCII alone and mixed with controls, CR LF,
    /// combining marks, wide characters and emoji, in two pens.
    @Test(arguments: 0..<40) func glyphsByBytesAgreeWithTheWalkByGrapheme(seed: UInt64) {
        var generated = GeneratedText(seed: seed)
        for _ in 0..<30 {
            let spans = (0...generated.next(4)).map { _ in
                Span(generated.text(upTo: 20), pen: generated.next(2) == 0 ? .plain : .bold)
            }
            let line = TextLine(spans: spans)
            #expect(
                Paragraph.glyphs(of: line) == Paragraph.glyphs(of: line, byBytes: false),
                "\(spans.map(\.text))")
        }
    }

    /// Most lines are wrapped by offsets; the walk glyph by glyph must give the same rows for
    /// any line and width: generated words and runs of spaces (ASCII alone, or mixed with
    /// controls, combining marks, wide characters and emoji), spans empty or cut mid-word, in
    /// two pens, at widths 1 to 40.
    @Test(arguments: 0..<40) func wrappingByOffsetsAgreesWithTheWalkByGlyphs(seed: UInt64) {
        var generated = GeneratedText(seed: seed)
        for _ in 0..<40 {
            let spans = (0...generated.next(5)).map { _ in
                var text = ""
                for _ in 0..<generated.next(5) {
                    text += String(repeating: " ", count: generated.next(4))
                    text += generated.text(upTo: 14).replacingOccurrences(of: " ", with: "")
                }
                return Span(text, pen: generated.next(2) == 0 ? .plain : .bold)
            }
            let line = TextLine(spans: spans)
            for width in 1...40 {
                #expect(
                    Paragraph.wrap(line, width: width)
                        == Paragraph.wrap(line, width: width, shortcut: false),
                    "\(spans.map(\.text)) at \(width)")
            }
        }
    }

    @Test func keepsNewlinesAndIndentation() {
        let grid = rendered(Paragraph("a\n  b c"), width: 5, height: 3)
        expectLines(grid, ["a    ", "  b c", "     "])
    }

    @Test func wrapsWideCharactersByCells() {
        let grid = rendered(Paragraph("日本語 日本"), width: 6, height: 2)
        expectLines(grid, ["日本語", "日本  "])
    }

    @Test func alignsAndScrolls() {
        let centred = rendered(Paragraph("abc", alignment: .center), width: 10, height: 1)
        expectLines(centred, ["   abc    "])
        let right = rendered(Paragraph("abc", alignment: .right), width: 6, height: 1)
        expectLines(right, ["   abc"])
        let scrolled = rendered(Paragraph(["one", "two", "three"], scroll: 1), width: 5, height: 2)
        expectLines(scrolled, ["two  ", "three"])
    }

    @Test func cutsRowsBelowTheArea() {
        let grid = rendered(Paragraph("one two three four"), width: 5, height: 2)
        expectLines(grid, ["one  ", "two  "])
    }

    @Test func keepsSpanPensAcrossWrapping() {
        let line = TextLine(spans: [Span("red", pen: Pen(fg: .red)), Span(" text")])
        let grid = rendered(Paragraph([line]), width: 4, height: 2)
        expectLines(grid, ["red ", "text"])
        #expect(grid[0, 0].fg == .red)
        #expect(grid[2, 0].fg == .red)
        #expect(grid[0, 1].fg == .default)
    }
}

@Suite struct BlockTests {
    @Test func drawsUnicodeBorderWithTitle() {
        let grid = rendered(Block(title: "Log"), width: 8, height: 3)
        expectLines(grid, ["┌ Log ─┐", "│      │", "└──────┘"])
    }

    @Test func drawsAsciiBorder() {
        let grid = rendered(Block(title: "Log", glyphs: .ascii), width: 8, height: 3)
        expectLines(grid, ["+ Log -+", "|      |", "+------+"])
    }

    @Test func cutsALongTitleInsideTheCorners() {
        let grid = rendered(Block(title: "Progress"), width: 6, height: 2)
        expectLines(grid, ["┌ Pro┐", "└────┘"])
    }

    @Test func innerAreaIsInsideTheBorder() {
        let inner = Block().inner(Rect(x: 2, y: 1, width: 8, height: 3))
        #expect(inner == Rect(x: 3, y: 2, width: 6, height: 1))
    }
}

@Suite struct ListTests {
    let items: [TextLine] = ["one", "two", "three", "four", "five"]

    @Test func scrollsToKeepTheSelectionVisible() {
        var grid = Grid(width: 6, height: 3)
        var state = ListState(selected: 3)
        grid.render(List(items, highlightSymbol: ">"), in: grid.area, state: &state)
        expectLines(grid, [" two  ", " three", ">four "])
        #expect(state.offset == 1)
        #expect(grid[0, 2].style == .reverse)
        #expect(grid[5, 2].style == .reverse)
        #expect(grid[1, 1].style == [])
    }

    /// A row wider than the area ends in the ellipsis, in the pen of the text it follows; a row
    /// that fits, or a list without an ellipsis, is drawn as it is.
    @Test func aCutRowEndsInTheEllipsis() {
        let items: [TextLine] = [
            TextLine(spans: [Span("Achilles", pen: .bold), Span("peesklachten")]),
            TextLine(spans: [Span("Kuit ", pen: .bold), Span("日本語")]),
            "Knie",
        ]
        var grid = Grid(width: 9, height: 3)
        var state = ListState(selected: 2)
        grid.render(List(items, highlightSymbol: ">", ellipsis: "…"), in: grid.area, state: &state)
        expectLines(grid, [" Achille…", " Kuit 日…", ">Knie    "])
        #expect(grid[8, 0].style == .bold)
        #expect(TextLine("Knie").truncated(to: 4, ellipsis: "…") == TextLine("Knie"))
        #expect(
            TextLine(spans: [Span("ab", pen: .bold), Span("cd")]).truncated(to: 3, ellipsis: "…")
                == TextLine(spans: [Span("ab", pen: .bold), Span("…", pen: .bold)]))
        grid = Grid(width: 9, height: 1)
        state = ListState(selected: 0)
        grid.render(List(items, highlightSymbol: ">"), in: grid.area, state: &state)
        expectLines(grid, [">Achilles"])
    }

    @Test func scrollsBackUpWhenTheSelectionMovesAbove() {
        var grid = Grid(width: 6, height: 3)
        var state = ListState(selected: 3, offset: 1)
        for _ in 0..<5 { state.selectPrevious(count: items.count) }
        #expect(state.selected == 0)
        grid.render(List(items, highlightSymbol: ">"), in: grid.area, state: &state)
        expectLines(grid, [">one  ", " two  ", " three"])
        #expect(state.offset == 0)
    }

    @Test func selectionMovesAreClamped() {
        var state = ListState()
        state.selectNext(count: 3)
        #expect(state.selected == 0)
        state.move(by: 10, count: 3)
        #expect(state.selected == 2)
        state.selectNext(count: 3)
        #expect(state.selected == 2)
        state.move(by: -10, count: 3)
        #expect(state.selected == 0)
        state.selectLast(count: 0)
        #expect(state.selected == nil)
    }

    @Test func offsetNeverLeavesEmptyRowsBelowTheLastItem() {
        var state = ListState(selected: nil, offset: 5)
        state.keepVisible(count: 2, visibleRows: 3)
        #expect(state.offset == 0)
        var long = ListState(selected: nil, offset: 9)
        long.keepVisible(count: 10, visibleRows: 4)
        #expect(long.offset == 6)
    }
}

@Suite struct TableTests {
    let columns = [
        TableColumn("Date", width: 10), TableColumn("Km", width: 5, alignment: .right),
        TableColumn("Pain"),
    ]
    let rows = [
        ["2026-03-01", "5.2", "2"], ["2026-03-02", "12.75", "3"], ["2026-03-03", "8.0", "1"],
        ["2026-03-04", "10.0", "0"],
    ]

    @Test func drawsHeaderAlignedColumnsAndScrollsToTheSelection() {
        var grid = Grid(width: 20, height: 4)
        var state = TableState(selected: 3)
        grid.render(Table(columns: columns, rows: rows), in: grid.area, state: &state)
        expectLines(
            grid,
            [
                "Date          Km Pa…",
                "2026-03-02 12.75 3  ",
                "2026-03-03   8.0 1  ",
                "2026-03-04  10.0 0  ",
            ])
        #expect(state.offset == 1)
        #expect(grid[0, 0].style == .bold)
        #expect(grid[10, 3].style == .reverse)
        #expect(grid[10, 2].style == [])
    }

    @Test func asciiEllipsis() {
        var grid = Grid(width: 20, height: 2)
        var state = TableState()
        grid.render(
            Table(columns: columns, rows: rows, glyphs: .ascii), in: grid.area,
            state: &state)
        expectLines(grid, ["Date          Km Pa~", "2026-03-01   5.2 2  "])
    }

    @Test func flexibleColumnsShareWhatIsLeft() {
        let table = Table(
            columns: [TableColumn("a"), TableColumn("b"), TableColumn("c", width: 2)], rows: [])
        #expect(table.columnWidths(for: 9) == [3, 2, 2])
        #expect(Table(columns: columns, rows: rows).columnWidths(for: 20) == [10, 5, 3])
    }
}

@Suite struct FormFieldTests {
    @Test func focusedFieldShowsCursorAndError() {
        let field = FormField(
            label: "Km", value: "12.5", error: "0-300 km", isFocused: true, labelWidth: 8)
        let grid = rendered(field, width: 20, height: 2)
        expectLines(grid, ["Km       12.5       ", "         0-300 km   "])
        #expect(grid[13, 0].style.contains(.reverse))
        #expect(!grid[12, 0].style.contains(.reverse))
        #expect(grid[0, 0].style == .bold)
        #expect(grid[9, 1].fg == .red)
    }

    @Test func unfocusedFieldHasNoCursor() {
        let grid = rendered(FormField(label: "Km", value: "5", labelWidth: 3), width: 8, height: 1)
        expectLines(grid, ["Km  5   "])
        for x in 0..<8 { #expect(!grid[x, 0].style.contains(.reverse)) }
        #expect(grid[4, 0].style == .underline)
    }

    @Test func longValueScrollsToKeepTheCursorVisible() {
        let focused = FormField(label: "Name", value: "abcdefghijkl", isFocused: true)
        expectLines(rendered(focused, width: 10, height: 1), ["Name ijkl "])
        let unfocused = FormField(label: "Name", value: "abcdefghijkl")
        expectLines(rendered(unfocused, width: 10, height: 1), ["Name abcde"])
        let midCursor = FormField(label: "Name", value: "abcdefghijkl", cursor: 2, isFocused: true)
        let grid = rendered(midCursor, width: 10, height: 1)
        expectLines(grid, ["Name abcde"])
        #expect(grid[7, 0].style.contains(.reverse))
    }
}

@Suite struct GaugeTests {
    @Test func labelReadsValueOfCap() {
        #expect(Gauge.label(value: 11, cap: 12.1, unit: "km") == "11.0 of 12.1 km")
        #expect(Gauge.label(value: 11, cap: 12.1, unit: "km", of: "van") == "11.0 van 12.1 km")
        #expect(Gauge.label(value: 3, cap: nil, unit: "km") == "3.0 km")
        #expect(Gauge.label(value: 95, cap: 120, unit: "min", decimals: 0) == "95 of 120 min")
    }

    @Test func fillsWithEighthsUnderTheCap() {
        let label = Gauge.label(value: 11, cap: 12.1, unit: "km")
        let gauge = Gauge(value: 11, cap: 12.1, label: label)
        expectLines(rendered(gauge, width: 24, height: 1), ["███████▎ 11.0 of 12.1 km"])
        #expect(!gauge.isOverCap)
        var ascii = gauge
        ascii.glyphs = .ascii
        expectLines(rendered(ascii, width: 24, height: 1), ["#######- 11.0 of 12.1 km"])
    }

    @Test func marksTheExcessOverTheCap() {
        let gauge = Gauge(value: 13, cap: 12.1, label: "13.0 of 12.1 km")
        let grid = rendered(gauge, width: 24, height: 1)
        expectLines(grid, ["███████▓ 13.0 of 12.1 km"])
        #expect(gauge.isOverCap)
        #expect(grid[7, 0].pen == gauge.overPen)
        #expect(grid[6, 0].pen == gauge.filledPen)
        #expect(grid[9, 0].pen == gauge.overPen)
        var ascii = gauge
        ascii.glyphs = .ascii
        expectLines(rendered(ascii, width: 24, height: 1), ["#######! 13.0 of 12.1 km"])
    }

    @Test func emptyWithoutCapOrValue() {
        expectLines(
            rendered(Gauge(value: 0, cap: 10, label: "0.0 of 10.0 km"), width: 18, height: 1),
            ["░░░ 0.0 of 10.0 km"])
        expectLines(
            rendered(Gauge(value: 3, cap: nil, label: "3.0 km"), width: 10, height: 1),
            ["░░░ 3.0 km"])
    }

    @Test func tooNarrowShowsOnlyTheLabel() {
        expectLines(
            rendered(Gauge(value: 1, cap: 2, label: "1 of 2"), width: 8, height: 1),
            ["1 of 2  "])
    }
}

@Suite struct BarChartTests {
    let bars = [
        Bar(label: "W1", value: 4), Bar(label: "W2", value: 8, threshold: 6),
        Bar(label: "W3", value: 6, threshold: 8),
    ]

    @Test func drawsBarsThresholdsAndAxis() {
        let chart = BarChart(bars: bars)
        let grid = rendered(chart, width: 16, height: 6)
        expectLines(
            grid,
            [
                "8┤     ███ ───  ",
                " │     ═══ ▆▆▆  ",
                " │ ▄▄▄ ███ ███  ",
                " │ ███ ███ ███  ",
                "0┤ ███ ███ ███  ",
                "   W1  W2  W3   ",
            ])
        // W2's threshold (6 of 8 on a 5-row scale) crosses it in the fourth row; above the
        // line it is over.
        #expect(grid[7, 0].pen == chart.overPen)
        #expect(grid[7, 1].pen == chart.thresholdPen)
        #expect(grid[7, 2].pen == chart.barPen)
        #expect(grid[11, 0].pen == chart.thresholdPen)
        #expect(grid[11, 1].pen == chart.barPen)
    }

    @Test func asciiFallback() {
        let grid = rendered(BarChart(bars: bars, glyphs: .ascii), width: 16, height: 6)
        expectLines(
            grid,
            [
                "8|     ### ---  ",
                " |     === +++  ",
                " | ::: ### ###  ",
                " | ### ### ###  ",
                "0| ### ### ###  ",
                "   W1  W2  W3   ",
            ])
    }

    @Test func barsThatDoNotFitAreLeftOut() {
        let chart = BarChart(bars: bars, maximum: 8, barWidth: 2, gap: 0)
        let grid = rendered(chart, width: 7, height: 3)
        // W2's threshold (6 of 8) falls in the top row: the line crosses the bar there.
        expectLines(grid, ["8┤  ══ ", "0┤████ ", "  W1W2 "])
    }
}

@Suite struct SparklineTests {
    @Test func nineLevels() {
        let line = Sparkline([0, 1, 2, 3, 4, 5, 6, 7, 8] as [Double])
        let grid = rendered(line, width: 12, height: 1)
        expectLines(grid, [" ▁▂▃▄▅▆▇█   "])
    }

    @Test func asciiLevels() {
        let line = Sparkline([0, 1, 2, 3, 4, 5, 6, 7, 8] as [Double], glyphs: .ascii)
        expectLines(rendered(line, width: 12, height: 1), [" ..::++##   "])
    }

    @Test func showsTheLatestValuesAndGaps() {
        expectLines(rendered(Sparkline([8, 0, 4, 8] as [Double]), width: 3, height: 1), [" ▄█"])
        expectLines(rendered(Sparkline([4, nil, 8]), width: 3, height: 1), ["▄ █"])
    }

    @Test func stacksOverSeveralRows() {
        expectLines(rendered(Sparkline([4, 8] as [Double]), width: 2, height: 2), [" █", "██"])
        expectLines(
            rendered(Sparkline([2, 3] as [Double], maximum: 4), width: 2, height: 1),
            ["▄▆"])
    }
}

@Suite struct DialogTests {
    @Test func centredBoxOverTheScreenWithTheSelectedButton() {
        var grid = Grid(width: 30, height: 9, filling: Cell("."))
        let dialog = Dialog(
            title: "Delete", message: "Delete this session?", buttons: ["Yes", "No"], selected: 1)
        grid.render(dialog, in: grid.area)
        expectLines(
            grid,
            [
                "..............................",
                "..............................",
                "...┌ Delete ──────────────┐...",
                "...│ Delete this session? │...",
                "...│                      │...",
                "...│   [ Yes ]  [ No ]    │...",
                "...└──────────────────────┘...",
                "..............................",
                "..............................",
            ])
        #expect(grid[16, 5].style == .reverse)
        #expect(grid[7, 5].style == [])
        #expect(dialog.frame(in: grid.area) == Rect(x: 3, y: 2, width: 24, height: 5))
    }

    @Test func wrapsALongMessageAndUsesAscii() {
        let dialog = Dialog(
            title: "Stop", message: "See your doctor before running again", buttons: ["OK"],
            glyphs: .ascii, maxWidth: 20)
        let grid = rendered(dialog, width: 20, height: 8)
        // Seven rows in eight: the spare row goes below.
        expectLines(
            grid,
            [
                "+ Stop ------------+",
                "| See your doctor  |",
                "| before running   |",
                "| again            |",
                "|                  |",
                "|      [ OK ]      |",
                "+------------------+",
                "                    ",
            ])
    }
}

@Suite struct StatusBarTests {
    let hints = [KeyHint("q", "Quit"), KeyHint("?", "Help"), KeyHint("↑↓", "Move")]

    @Test func showsHintsAndTrailingText() {
        let grid = rendered(StatusBar(hints, trailing: "v1"), width: 30, height: 1)
        expectLines(grid, [" q Quit  ? Help  ↑↓ Move   v1 "])
        #expect(grid[1, 0].style == [.reverse, .bold])
        #expect(grid[2, 0].style == .reverse)
        #expect(grid[29, 0].style == .reverse)
    }

    @Test func leavesOutHintsThatDoNotFit() {
        expectLines(rendered(StatusBar(hints), width: 16, height: 1), [" q Quit  ? Help "])
    }
}

@Suite struct GlyphTests {
    @Test(arguments: [
        ("UTF-8", true), ("utf8", true), ("ANSI_X3.4-1968", false), ("ISO-8859-1", false),
        ("", false),
    ])
    func glyphSetFollowsTheCodeset(codeset: String, isUnicode: Bool) {
        #expect((Glyphs.forCodeset(codeset) == .unicode) == isUnicode)
        #expect((Glyphs.forCodeset(codeset) == .ascii) == !isUnicode)
    }

    @Test func asciiGlyphsAreAllAscii() {
        let g = Glyphs.ascii
        let all =
            [
                g.topLeft, g.topRight, g.bottomLeft, g.bottomRight, g.horizontal, g.vertical,
                g.gaugeFilled, g.gaugeEmpty, g.gaugeOver, g.thresholdLine, g.axisVertical,
                g.ellipsis,
                g.selection, g.checked, g.unchecked,
            ] + g.levels + g.gaugePartials
        for glyph in all {
            let isASCII = glyph.unicodeScalars.allSatisfy { $0.isASCII }
            #expect(isASCII, "\(glyph)")
        }
    }
}

@Suite struct TextFitTests {
    @Test func truncatesByCellsWithEllipsis() {
        #expect(TextFit.truncate("Progress", to: 5, ellipsis: "…") == "Prog…")
        #expect(TextFit.truncate("日本語", to: 5, ellipsis: "…") == "日本…")
        #expect(TextFit.truncate("日本語", to: 3) == "日")
        #expect(TextFit.truncate("abc", to: 3, ellipsis: "…") == "abc")
        #expect(TextFit.truncate("abc", to: 0) == "")
    }

    @Test func padsToAWidth() {
        #expect(TextFit.pad("ab", to: 4) == "ab  ")
        #expect(TextFit.pad("ab", to: 4, alignment: .right) == "  ab")
        #expect(TextFit.pad("ab", to: 5, alignment: .center) == " ab  ")
        #expect(TextFit.pad("abcdef", to: 3) == "abc")
    }

    @Test func fixedDecimalsIgnoreTheLocale() {
        #expect(TextFit.fixed(11, decimals: 1) == "11.0")
        #expect(TextFit.fixed(12.1, decimals: 1) == "12.1")
        #expect(TextFit.fixed(9.96, decimals: 1) == "10.0")
        #expect(TextFit.fixed(-0.04, decimals: 1) == "0.0")
        #expect(TextFit.fixed(-1.5, decimals: 1) == "-1.5")
        #expect(TextFit.fixed(0.05, decimals: 2) == "0.05")
        #expect(TextFit.fixed(7.6, decimals: 0) == "8")
    }
}

@Suite struct RequestedCodesetTests {
    @Test(
        arguments: [
            (["LANG": "nl_NL.UTF-8"], "UTF-8", "C.UTF-8"),
            (["LC_ALL": "en_GB.utf8@euro", "LANG": "C"], "utf8", "C.UTF-8"),
            (
                ["LC_ALL": "", "LC_CTYPE": "de_DE.ISO-8859-1", "LANG": "nl_NL.UTF-8"], "ISO-8859-1",
                nil
            ),
            (["LANG": "C"], nil, nil),
        ] as [([String: String], String?, String?)])
    func theCodesetAskedForDecides(
        environment: [String: String], codeset: String?, fallback: String?
    ) {
        #expect(Glyphs.requestedCodeset(environment) == codeset)
        #expect(Glyphs.fallbackLocale(environment) == fallback)
    }
}

/// Meters share a scale (the CLI's load chart compares weeks), mark a threshold where it falls
/// and may fill the rest with a background glyph (the adherence chart).
@Suite struct MeterTests {
    @Test func fillsEighthsOfTheSharedScaleAndMarksTheThreshold() {
        // 9.8 of 21 on 10 cells: 37.3 eighths, so 4 full cells and a 5/8 block; the cap of 12
        // falls at cell 6 (12/21 × 10 = 5.7, rounded, minus one).
        let meter = Meter(value: 9.8, scale: 21, threshold: 12)
        expectLines(rendered(meter, width: 10, height: 1), ["████▋│    "])
        var ascii = meter
        ascii.glyphs = .ascii
        expectLines(rendered(ascii, width: 10, height: 1), ["#####|    "])
    }

    @Test func overTheThresholdTheMarkSitsInsideTheBar() {
        let meter = Meter(value: 13.8, scale: 14.5, threshold: 12)
        expectLines(rendered(meter, width: 10, height: 1), ["███████│█▌"])
    }

    @Test func aBackgroundFillsWhatIsNotReached() {
        var whole = Glyphs.unicode
        whole.gaugePartials = []
        let meter = Meter(value: 2, scale: 6, glyphs: whole, background: whole.gaugeEmpty)
        expectLines(rendered(meter, width: 9, height: 1), ["███░░░░░░"])
        expectLines(
            rendered(
                Meter(value: 0, scale: 6, glyphs: whole, background: "-"), width: 4, height: 1),
            ["----"])
    }

    @Test func nothingIsDrawnOnAZeroScale() {
        expectLines(rendered(Meter(value: 3, scale: 0), width: 4, height: 1), ["    "])
    }
}

@Suite struct PrintedLinesTests {
    @Test func trailingBlanksAreDroppedAndWideGlyphsTakeTwoCells() {
        var grid = Grid(width: 8, height: 3)
        grid.put("日本 ab", x: 0, y: 0, pen: .plain)
        grid.put("x", x: 2, y: 1, pen: .plain)
        #expect(grid.printedLines() == ["日本 ab", "  x"])
    }
}
