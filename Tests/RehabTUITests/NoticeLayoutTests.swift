import RehabCore
import TerminalUI
import Testing

@testable import RehabTUI

/// A refused save says why and how many keys it dropped; at 80 columns that is longer than a
/// row, so the notice wraps upwards instead of being cut.
@Suite struct NoticeLayoutTests {
    static let refusal =
        "Not saved: the database is locked by another program; your form is kept. "
        + "3 keys typed while saving were not applied."

    func frame(_ notice: String, height: Int = 24) -> [String] {
        var state = Fixture.state(Fixture.buildUp(), width: 80, height: height)
        state.notice = Notice(notice, isError: true)
        return render(state).lines()
    }

    @Test func aLongNoticeWrapsOverTheRowsAboveIt() {
        let lines = frame(Self.refusal)
        let notice = lines[21...22].map { $0.trimmingCharacters(in: " ") }
        #expect(notice.joined(separator: " ") == Self.refusal)
        #expect(lines[23].contains("quit"), "the key bar stays on the last row")
    }

    @Test func aShortNoticeKeepsItsOneRow() {
        let lines = frame("Saved.")
        #expect(lines[22] == " Saved." + String(repeating: " ", count: 73))
        #expect(!lines[21].contains("Saved"))
    }

    @Test func pastThreeRowsTheRestIsCut() {
        let long = Array(repeating: Self.refusal, count: 4).joined(separator: " ")
        let lines = frame(long)
        #expect(lines[20].hasPrefix(" Not saved"))
        #expect(lines[22].trimmingCharacters(in: " ").hasSuffix("…"))
    }
}
