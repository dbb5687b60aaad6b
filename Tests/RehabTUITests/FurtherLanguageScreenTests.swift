import RehabCore
import Testing

@testable import RehabTUI

/// The worked example of issue 14's third language: German, as one table for each layer the
/// Today screen draws from (the rules' texts in RehabCore, the app's in RehabTUI, the review
/// key in RehabApp), joined into a `Language` as the executable would. Only a few texts are
/// translated; the rest of the screen stays English, which the snapshot shows.
@Suite struct FurtherLanguageScreenTests {
    /// RehabCore's table: rule messages and shared words.
    static let core: [String: String] = [
        "This week": "Diese Woche",
        "green": "grün",
        "progress": "steigern",
        "You may increase the load a little, within the weekly cap and the plan.":
            "Sie dürfen die Belastung etwas steigern, innerhalb der Wochengrenze und des Plans.",
    ]

    /// RehabTUI's table: the app's own words.
    static let app: [String: String] = [
        "Today": "Heute",
        "History": "Verlauf",
        "Progress": "Fortschritt",
        "Verdict: %@ → %@": "Urteil: %@ → %@",
        "Logged today": "Heute erfasst",
        "nothing yet": "noch nichts",
        "log": "erfassen",
        "morning": "Morgen",
        "screen": "Ansicht",
        "quit": "beenden",
        "help": "Hilfe",
    ]

    /// RehabApp's table: the use cases' words.
    static let useCases: [String: String] = ["notes": "Notizen"]

    static let german = Language(
        code: "de", name: "Deutsch", writesDecimalComma: true, tables: [core, app, useCases])

    @Test func todayInGerman() {
        let grid = frame(Fixture.buildUp(), keys: [], width: 80, height: 24, language: Self.german)
        expectSnapshot(grid, "today-de-80x24")
        let screen = grid.lines().joined(separator: "\n")
        #expect(screen.contains("Heute") && screen.contains("Urteil: GRÜN → steigern"))
        #expect(screen.contains("q beenden"))
    }
}
