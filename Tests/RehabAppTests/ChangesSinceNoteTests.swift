import RehabApp
import Testing

@testable import RehabCore

/// "Changed since my last review" (issue 18 item 6) against hand-built histories: the last
/// review is the last clinical note; a record dated on or after its day is new.
@Suite struct ReviewTests {
    static func d(_ iso: String) -> Day {
        guard let day = Day(iso: iso) else { preconditionFailure(iso) }
        return day
    }

    static func walk(_ iso: String, flags: [String] = []) -> Session {
        Session(
            date: d(iso), activity: .walk, km: 2, minutes: 30, painDuring: 1, painAfter: 1,
            flags: flags)
    }

    static let history = History(
        sessions: [walk("2026-03-01"), walk("2026-03-03")],
        mornings: [
            MorningCheck(date: d("2026-03-02"), pain: 2),
            MorningCheck(date: d("2026-03-04"), pain: 1),
        ])
    static let nprs = MeasureRecord(
        date: d("2026-03-02"), instrument: "nprs", answers: [ItemAnswer(item: "pain", score: 4)])

    @Test func withoutANoteEverythingIsNew() {
        let c = ReviewChanges(notes: [], history: Self.history, measures: [Self.nprs])
        #expect(c.lastReview == nil)
        #expect((c.sessions, c.mornings, c.measures) == (2, 2, 1))
        #expect(c.redFlags.isEmpty)
        #expect(c.isChanged)
        // Nothing recorded at all: nothing to review, even without a note.
        #expect(!ReviewChanges(notes: [], history: History(), measures: []).isChanged)
    }

    @Test func aNoteAfterTheLastLogMeansNothingChanged() {
        let notes = [
            ClinicalNote(date: Self.d("2026-02-20"), text: "first look"),
            ClinicalNote(date: Self.d("2026-03-05"), text: "reviewed the week"),
        ]
        let c = ReviewChanges(notes: notes, history: Self.history, measures: [Self.nprs])
        #expect(c.lastReview == Self.d("2026-03-05"))
        #expect((c.sessions, c.mornings, c.measures) == (0, 0, 0))
        #expect(!c.isChanged)
        #expect(ReviewPhrase.summary(c).en == "nothing new since your note of 2026-03-05")
    }

    @Test func onlyWhatCameOnOrAfterTheNoteDayCounts() {
        // The note of 03-03 may have been written before that day's walk: it counts.
        let notes = [ClinicalNote(date: Self.d("2026-03-03"), text: "ok")]
        let c = ReviewChanges(notes: notes, history: Self.history, measures: [Self.nprs])
        #expect((c.sessions, c.mornings, c.measures) == (1, 1, 0))
        #expect(c.isChanged)
        #expect(
            ReviewPhrase.summary(c).en
                == "since your note of 2026-03-03: 1 session, 1 morning check")
        #expect(
            ReviewPhrase.summary(c).nl
                == "sinds uw notitie van 2026-03-03: 1 sessie, 1 ochtendcheck")
    }

    @Test func aRedFlagAfterTheNoteIsAChangeWithTheFlag() {
        var history = Self.history
        history.sessions.append(Self.walk("2026-03-06", flags: ["locking"]))
        history.mornings.append(
            MorningCheck(date: Self.d("2026-03-07"), pain: 3, flags: ["locking", "calf_pain"]))
        // A flag before the note was reviewed; it is not listed again.
        history.sessions.insert(Self.walk("2026-02-28", flags: ["swelling"]), at: 0)
        let notes = [ClinicalNote(date: Self.d("2026-03-05"), text: "fine")]
        let c = ReviewChanges(notes: notes, history: history, measures: [])
        #expect(c.isChanged)
        #expect((c.sessions, c.mornings) == (1, 1))
        #expect(
            c.redFlags == [
                FlagReport(flag: "locking", date: Self.d("2026-03-06")),
                FlagReport(flag: "calf_pain", date: Self.d("2026-03-07")),
                FlagReport(flag: "locking", date: Self.d("2026-03-07")),
            ])
        #expect(
            ReviewPhrase.summary(c).en
                == "since your note of 2026-03-05: 1 session, 1 morning check, 3 red flags")
    }
}
