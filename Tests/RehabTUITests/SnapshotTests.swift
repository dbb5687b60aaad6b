import Foundation
import RehabCore
import TerminalUI
import Testing

@testable import RehabTUI

/// Compares a frame with `Snapshots/<name>.txt` (one quoted row a line, so trailing spaces
/// show). REHAB_RECORD_SNAPSHOTS=1 rewrites the files; review the change with git diff.
func expectSnapshot(
    _ grid: Grid, _ name: String, sourceLocation: SourceLocation = #_sourceLocation
) {
    let url = Fixture.root.appendingPathComponent("Tests/RehabTUITests/Snapshots/\(name).txt")
    let actual = grid.lines().map { "\"\($0)\"" }.joined(separator: "\n") + "\n"
    let recording = ProcessInfo.processInfo.environment["REHAB_RECORD_SNAPSHOTS"] == "1"
    guard !recording, let expected = try? String(contentsOf: url, encoding: .utf8) else {
        try? actual.write(to: url, atomically: true, encoding: .utf8)
        if !recording {
            Issue.record(
                "recorded a new snapshot \(name); check it and run again",
                sourceLocation: sourceLocation)
        }
        return
    }
    #expect(
        actual == expected, "snapshot \(name) differs:\n\(actual)",
        sourceLocation: sourceLocation)
}

/// The screen after a key sequence, drawn through the loop into a memory backend.
func frame(
    _ caseload: Caseload, patient: Int64? = 1, keys: [Key], width: Int, height: Int,
    language: Language = .en, glyphs: Glyphs = .unicode
) -> Grid {
    var app = Fixture.app(
        caseload, patient: patient, width: width, height: height, language: language,
        glyphs: glyphs)
    var backend = MemoryBackend(width: width, height: height, keys: keys)
    app.run(on: &backend, stopWhenIdle: true)
    return backend.lastFrame ?? Grid(width: 0, height: 0)
}

@Suite struct ScreenSnapshots {
    static let sizes = [(80, 24), (60, 20)]

    func both(
        _ name: String, _ caseload: @autoclosure () -> Caseload, patient: Int64? = 1,
        keys: [Key] = [], language: Language = .en, glyphs: Glyphs = .unicode
    ) {
        for (width, height) in ScreenSnapshots.sizes {
            expectSnapshot(
                frame(
                    caseload(), patient: patient, keys: keys, width: width, height: height,
                    language: language, glyphs: glyphs),
                "\(name)-\(width)x\(height)")
        }
    }

    static func fresh() -> Caseload { Caseload(catalog: [Fixture.itbs]) }

    @Test func firstRunLanguage() {
        both("first-run-language", ScreenSnapshots.fresh(), patient: nil)
    }

    @Test func firstRunRole() {
        both(
            "first-run-role", ScreenSnapshots.fresh(), patient: nil, keys: [.enter],
            language: .nl)
    }

    @Test func injuryPicker() {
        both(
            "picker", ScreenSnapshots.fresh(), patient: nil,
            keys: [.enter, .enter] + chars("knee") + [.right])
    }

    @Test func aPlanFileLeftOutIsSaidInThePicker() {
        var app = Fixture.app(ScreenSnapshots.fresh(), patient: nil, width: 100, height: 24)
        app.press(.enter, .enter)
        guard case .picker = app.state.top else {
            Issue.record("language and role lead to the picker: \(app.state.top)")
            return
        }
        #expect(!render(app.state).lines().joined().contains("left out"))
        app.state.catalogErrors = [
            "my_knee.yaml:2:9: phases: expected a list, found a mapping", "my_knee.yaml:1:1: x",
        ]
        let row = render(app.state).lines()[3]
        #expect(
            row.contains(
                "2 errors in plan files, left out (see rehab plans check): my_knee.yaml:2:9: "
                    + "phases: expected"))
    }

    @Test func redFlagQuestions() {
        both(
            "questions", ScreenSnapshots.fresh(), patient: nil,
            keys: [.enter, .enter, .enter, .char("n")])
    }

    @Test func stopBeforeAPlanStarts() {
        both(
            "stop-screening", ScreenSnapshots.fresh(), patient: nil,
            keys: [.enter, .enter, .enter, .char("y")])
    }

    @Test func today() { both("today", Fixture.demo()) }

    @Test func todayInDutchAndASCII() {
        expectSnapshot(
            frame(
                Fixture.buildUp(), keys: [], width: 80, height: 24, language: .nl,
                glyphs: .ascii), "today-nl-ascii-80x24")
    }

    @Test func todayScrolled() { both("today-scrolled", Fixture.demo(), keys: [.char("j")]) }

    @Test func logWithAValidationError() {
        let keys: [Key] =
            [.char("n"), .tab, .tab] + chars("12,5") + [.tab] + chars("30")
            + [.tab, .char("2"), .tab, .char("1"), .enter]
        both("log-error", Fixture.demo(), keys: keys)
    }

    @Test func logFlagsField() {
        both(
            "log-flags", Fixture.buildUp(),
            keys: [.char("n")] + Array(repeating: Key.tab, count: 7) + [.right, .char(" ")])
    }

    @Test func morningCheck() {
        both("morning", Fixture.demo(), keys: [.char("m"), .char("3")])
    }

    @Test func plan() { both("plan", Fixture.buildUp(), keys: [.tab]) }

    @Test func history() {
        both("history", Fixture.demo(), keys: [.backTab, .backTab, .down])
    }

    @Test func historyDeleteConfirmation() {
        both("history-delete", Fixture.buildUp(), keys: [.backTab, .backTab, .char("d")])
    }

    @Test func stopWithAnOpenFlag() { both("stop", StopTests.flaggedCaseload()) }

    @Test func clearFlagsDialog() {
        both("stop-clear", StopTests.flaggedCaseload(), keys: [.char("c"), .enter])
    }

    @Test func help() { both("help", Fixture.demo(), keys: [.char("?")]) }

    @Test func enlargeTheTerminal() {
        expectSnapshot(
            frame(Fixture.demo(), keys: [], width: 50, height: 15),
            "enlarge-50x15")
        expectSnapshot(
            frame(Fixture.demo(), keys: [], width: 59, height: 24),
            "enlarge-59x24")
    }

    @Test func resizeRedrawsAtTheNewSize() {
        var app = Fixture.app(Fixture.demo())
        var backend = MemoryBackend(width: 80, height: 24)
        app.run(on: &backend, stopWhenIdle: true)
        backend.resize(width: 50, height: 15)
        app.run(on: &backend, stopWhenIdle: true)
        #expect(backend.lastFrame?.lines().joined().contains("enlarge") == true)
        backend.resize(width: 60, height: 20)
        app.run(on: &backend, stopWhenIdle: true)
        expectSnapshot(backend.lastFrame ?? Grid(width: 0, height: 0), "today-60x20")
    }
}
