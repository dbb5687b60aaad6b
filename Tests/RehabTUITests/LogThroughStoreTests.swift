import RehabCore
import TerminalUI
import Testing

@testable import RehabTUI

/// Keys that change the log, through the app into the SQLite store and back: what the store
/// keeps is what the screen then shows.
@Suite struct LogThroughStoreTests {
    /// The log as records (ids left out), the verdict and the drawn frame.
    struct Outcome: Equatable {
        var sessions: [Session]
        var mornings: [MorningCheck]
        var verdict: Verdict?
        var frame: [String]

        init(_ app: App<StoreRunner>) throws {
            let stored = try app.runner.store.history(patientID: Fixture.sam.id)
            let shown = app.state.followed?.history ?? History()
            #expect(stored == shown, "the screen shows what the store keeps")
            sessions = stored.sessions.map {
                var s = $0
                s.id = nil
                return s
            }
            mornings = stored.mornings
            verdict = app.state.followed?.status.verdict
            frame = render(app.state).lines()
        }
    }

    /// Presses `keys` and returns the outcomes before and after.
    func outcome(_ keys: [Key], from caseload: Caseload = Fixture.buildUp()) throws
        -> (before: Outcome, after: Outcome)
    {
        var app = Fixture.app(caseload)
        let before = try Outcome(app)
        for key in keys { app.press(key) }
        return (before, try Outcome(app))
    }

    @Test func loggingASessionAndAMorningCheck() throws {
        let (before, after) = try outcome(
            [.char("n"), .tab, .tab] + chars("4.5") + [.tab] + chars("45")
                + [.tab, .char("2"), .tab, .char("3"), .enter]
                + [.char("m"), .char("3"), .enter])
        #expect(after.sessions.count == before.sessions.count + 1)
        #expect(after.mornings.last == MorningCheck(date: Fixture.today, pain: 3))
    }

    @Test func editingDeletingAndUndoingInTheHistory() throws {
        let (before, after) = try outcome(
            [.backTab, .backTab]
                + [.char("e"), .tab, .tab, .tab, .backspace, .backspace] + chars("35") + [.enter]
                + [.char("d"), .char("y"), .char("u"), .char("u")])
        // Both undos: the deletion, then the edit.
        #expect(after.sessions == before.sessions)
        #expect(after.frame != before.frame)
    }

    @Test func aPainfulDayTurnsTheVerdictRed() throws {
        let (_, after) = try outcome(
            [.char("n"), .tab, .tab] + chars("5") + [.tab] + chars("40")
                + [.tab, .char("7"), .tab, .char("7"), .enter]
                + [.char("m"), .char("6"), .enter])
        #expect(after.verdict?.level == .red)
    }
}
