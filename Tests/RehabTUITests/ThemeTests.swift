import RehabCore
import TerminalUI
import Testing

@testable import RehabTUI

/// The theme from config.yaml reaches every cell: text snapshots cannot show colour, so these
/// look at the pens of a few cells.
@Suite struct ThemeTests {
    static func today(_ theme: ColorTheme) -> Grid {
        // The demo plus a session today with pain after 4/10: an amber verdict.
        var caseload = Fixture.demo()
        var history = caseload.histories[1] ?? History()
        history.sessions.append(
            Session(
                date: Fixture.today, activity: .exercises, minutes: 20, painDuring: 1,
                painAfter: 4))
        caseload.histories[1] = history
        var state = Fixture.state(caseload)
        state.theme = theme
        return render(state)
    }

    /// The verdict is amber; its first letter sits at column 1 of the third row.
    @Test func theVerdictCellUnderEachTheme() {
        let dark = Self.today(.dark)
        #expect(dark.lines()[2].hasPrefix(" Verdict: AMBER"))
        #expect(dark[1, 2].pen == Pen(fg: .yellow, style: .bold))
        // Yellow is unreadable on white: dark orange, and underlined so 8-colour terminals
        // (where the orange falls back to the default colour) still set it apart.
        #expect(Self.today(.light)[1, 2].pen == Pen(fg: .indexed(130), style: [.bold, .underline]))
        // None keeps the attributes and drops every colour, as NO_COLOR does.
        #expect(Self.today(.none)[1, 2].pen == Pen(style: .bold))
        // The text is the same in every theme.
        #expect(Self.today(.light).lines() == dark.lines())
        #expect(Self.today(.none).lines() == dark.lines())
    }

    @Test func noneLeavesNoColourAnywhere() {
        let grid = Self.today(.none)
        for y in 0..<grid.height {
            for x in 0..<grid.width {
                #expect(grid[x, y].fg == .default && grid[x, y].bg == .default, "cell \(x),\(y)")
            }
        }
        // The title bar keeps its reverse video.
        #expect(grid[0, 0].style.contains(.reverse))
    }

    @Test func lightAndNoneMapPensAsDocumented() {
        let stop = Theme.level(.stop)
        #expect(Theme.pen(stop, in: .dark) == stop)
        #expect(Theme.pen(stop, in: .none) == Pen(style: [.bold, .reverse]))
        #expect(Theme.pen(stop, in: .light) == Pen(fg: .red, style: [.bold, .reverse]))
        #expect(Theme.pen(Theme.level(.green), in: .light) == Pen(fg: .indexed(28), style: .bold))
        // A coloured background becomes reverse video without colour, as the backend does it.
        #expect(Theme.pen(Pen(bg: .blue), in: .none) == Pen(style: .reverse))
        #expect(Theme.pen(Pen(fg: .white, bg: .brightWhite), in: .light) == Pen())
        // Amber rows (not bold) keep their colour without an underline.
        #expect(Theme.pen(Theme.row(.amber), in: .light) == Pen(fg: .indexed(130)))
    }

    @Test func noColorWinsOverTheConfigFile() {
        #expect(ColorTheme.effective(configured: .light, noColor: "1") == .none)
        #expect(ColorTheme.effective(configured: .light, noColor: "") == .light)
        #expect(ColorTheme.effective(configured: nil, noColor: nil) == .dark)
        #expect(ColorTheme.effective(configured: ColorTheme.none, noColor: nil) == .none)
    }
}
