import Testing

@testable import TerminalUI

@Suite struct BarChartMarkTests {
    /// Top: 3 with a note on 5 rows needs 3 × 5/4 = 3.75, rounded up to 5. Bar a (3, cap 2):
    /// 24 eighths, three rows; the cap falls in row 2 (2/5 × 5), which it crosses, and its
    /// note sits on row 3. Bar b (1, cap 3.3): one row, cap line in row 3. Today's column (5,
    /// the second cell of b) runs where nothing else is.
    @Test func notesUnitRoundedScaleAndMarker() {
        var chart = BarChart(
            bars: [
                Bar(label: "a", value: 3, threshold: 2, note: "!"),
                Bar(label: "b", value: 1, threshold: 3.3),
            ], barWidth: 2, gap: 1)
        chart.roundsScale = true
        chart.unit = "km"
        chart.showsLabels = false
        chart.markerColumn = 5
        #expect(chart.scaleTop(rows: 5) == 5)
        let grid = rendered(chart, width: 10, height: 5)
        expectLines(
            grid,
            [
                " 5┤     ┊ ",
                "km│ !  ── ",
                "  │ ══  ┊ ",
                "  │ ██  ┊ ",
                " 0┤ ██ ██ ",
            ])
        #expect(grid[4, 1].pen == chart.overPen)
        #expect(grid[7, 1].pen == chart.thresholdPen)
        #expect(grid[8, 0].pen == chart.markerPen)
    }

    @Test func overTheCapAboveTheLine() {
        var chart = BarChart(
            bars: [Bar(label: "", value: 8, threshold: 4)], maximum: 8,
            barWidth: 1, gap: 0, glyphs: .ascii)
        chart.showsLabels = false
        let grid = rendered(chart, width: 3, height: 4)
        expectLines(grid, ["8|#", " |=", " |#", "0|#"])
        #expect(grid[2, 0].pen == chart.overPen)
        #expect(grid[2, 2].pen == chart.barPen)
    }

    /// 2 of 5 on five rows fills two; the cap (2.5) lies in the row the note would take, so
    /// the note goes one higher instead of reading as the cap's value.
    @Test func aNoteStaysOffTheCapLine() {
        var chart = BarChart(
            bars: [Bar(label: "", value: 2, threshold: 2.5, note: "2")], maximum: 5, barWidth: 1,
            gap: 0)
        chart.showsLabels = false
        expectLines(rendered(chart, width: 3, height: 5), ["5┤ ", " │2", " │─", " │█", "0┤█"])
    }

    @Test func fixedAxisWidthAndDecimalsWhereNeeded() {
        var chart = BarChart(bars: [Bar(label: "", value: 2.2)], barWidth: 1, gap: 0)
        chart.roundsScale = true
        chart.axisLabelWidth = 4
        chart.showsLabels = false
        // 2.2 rounds up to 2.5, which needs a decimal; 2.2 of 2.5 on two rows is 14 eighths.
        expectLines(rendered(chart, width: 6, height: 2), [" 2.5┤▆", "   0┤█"])
    }

    @Test func roundedScaleSteps() {
        #expect(BarChart.roundedUp(0.7) == 1)
        #expect(BarChart.roundedUp(12) == 20)
        #expect(BarChart.roundedUp(25) == 25)
        #expect(BarChart.roundedUp(26) == 50)
        #expect(BarChart.roundedUp(100) == 100)
        #expect(BarChart.roundedUp(0) == 1)
    }
}

@Suite struct DotPlotTests {
    let plot: DotPlot = {
        var plot = DotPlot(
            series: [DotPlot.Series(glyph: "×"), DotPlot.Series(glyph: "○")],
            points: [
                DotPlot.Point(column: 0, series: 0, value: 0),
                DotPlot.Point(column: 0, series: 1, value: 2),
                DotPlot.Point(column: 1, series: 0, value: 10),
                DotPlot.Point(column: 2, series: 1, value: 5),
                DotPlot.Point(column: 4, series: 0, value: 3),
            ], maximum: 10)
        plot.markerColumn = 3
        return plot
    }()

    /// Three rows for 0-10: 0 and 2 share the bottom row (an overlap), 3 and 5 the middle.
    @Test func seriesGlyphsOverlapAndMarker() {
        let grid = rendered(plot, width: 8, height: 3)
        expectLines(grid, ["10┤ × ┊ ", "  │  ○┊×", " 0┤*  ┊ "])
        #expect(grid[3, 2].pen == plot.overlapPen)
    }

    @Test func asciiAxis() {
        var ascii = plot
        ascii.glyphs = .ascii
        ascii.series = [DotPlot.Series(glyph: "x"), DotPlot.Series(glyph: "o")]
        expectLines(rendered(ascii, width: 8, height: 3), ["10| x | ", "  |  o|x", " 0|*  | "])
    }

    @Test func ticksAreLabelledOnTheirRows() {
        var plot = DotPlot(series: [DotPlot.Series(glyph: "o")], points: [], maximum: 10)
        plot.ticks = [5, 10, 12]
        expectLines(rendered(plot, width: 4, height: 5), ["10┤ ", "  │ ", " 5┤ ", "  │ ", " 0┤ "])
    }

    @Test func levelsRoundToTheNearestRow() {
        #expect(
            (0...10).map { plot.level(of: Double($0), rows: 6) }
                == [0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5])
        #expect(plot.level(of: 12, rows: 6) == 5)
    }
}

@Suite struct StripTests {
    @Test func bandsAreFilledAndCut() {
        let strip = Strip([
            Strip.Segment(x: 0, width: 7, text: "1 Rest", fill: "─"),
            Strip.Segment(x: 7, width: 3, text: "2 Build", fill: "─"),
        ])
        expectLines(rendered(strip, width: 10, height: 1), ["1 Rest─2 B"])
    }

    @Test func crowdedLabelsAreLeftOut() {
        let labels = ["AAAAA", "BBBBB", "CCCCC", "DDDDD", "EEEEE", "XXXXX"].enumerated().map {
            Strip.Segment(x: $0.offset * 2 + ($0.offset == 5 ? 2 : 0), width: 2, text: $0.element)
        }
        // A at 0-4; B and C would touch it; D at 6-10; E would touch D; X (at 12) would pass
        // the edge.
        expectLines(
            rendered(Strip(labels, overflow: .skipCrowded), width: 14, height: 1),
            ["AAAAA DDDDD   "])
    }

    @Test func textThatFitsIsAligned() {
        let strip = Strip(
            [
                Strip.Segment(x: 0, width: 5, text: "ab"),
                Strip.Segment(x: 5, width: 5, text: "3/4"),
            ],
            alignment: .center)
        expectLines(rendered(strip, width: 10, height: 1), [" ab   3/4 "])
    }
}
