import RehabCore
import RehabPlans
import Testing

@testable import RehabTUI

/// History keeps its rows and its engine index between keys (`HistoryMemo`); they must follow
/// every change of what they are made of, and a copy that changes must not change the
/// original's.
struct HistoryMemoTests {
    func followed() -> Followed {
        let story = DemoHistory.story(plan: Fixture.itbs, variant: "acute", today: Fixture.today)
        return Followed(
            patient: Fixture.sam, template: Fixture.itbs, assignment: story.assignment,
            history: story.history, shoes: [], today: Fixture.today)
    }

    /// What History shows when nothing is kept: the rows and verdicts worked out afresh.
    func fresh(_ f: Followed, on days: [Day]) -> ([HistoryEntry], [DayVerdict]) {
        var unkept = f
        unkept.history = f.history  // a new memo
        let rows = HistoryActions.entries(unkept)
        let verdicts = Engine.dayVerdicts(
            plan: f.plan, assignment: f.assignment, history: f.history, on: days,
            asOf: Fixture.today)
        return (rows, verdicts)
    }

    @Test func keptRowsAndVerdictsFollowEveryChange() {
        var f = followed()
        let days = Array(Set(f.history.sessions.map(\.date))).sorted().suffix(12)
        let before = HistoryActions.entries(f)
        _ = f.historyMemo.verdicts(of: f, on: Array(days), asOf: Fixture.today)
        let original = f

        // A painful run on the last day: a new row on top, and that day's verdict changes.
        let last = days.last!
        f.history.sessions.append(
            Session(
                date: last, activity: .run, km: 4, minutes: 25, painDuring: 6, painAfter: 7))
        let after = HistoryActions.entries(f)
        #expect(after.count == before.count + 1)
        #expect(after == fresh(f, on: Array(days)).0)
        let judged = f.historyMemo.verdicts(of: f, on: Array(days), asOf: Fixture.today)
        #expect(judged == fresh(f, on: Array(days)).1)
        #expect(judged.last?.shown.level == .red || judged.last?.shown.level == .amber)
        #expect(
            judged.last
                != original.historyMemo.verdicts(
                    of: original, on: Array(days), asOf: Fixture.today
                ).last)

        // The copy taken before the change still shows the log it was made from.
        #expect(HistoryActions.entries(original) == before)

        // Notes, measures and the phase history are rows too.
        f.notes.append(ClinicalNote(date: last, text: "rustig aan"))
        #expect(HistoryActions.entries(f).count == after.count + 1)
        f.assignment.phaseHistory.append(
            PhaseChange(phase: "build_up", date: last, reason: .advance))
        #expect(HistoryActions.entries(f).count == after.count + 2)
        #expect(HistoryActions.entries(f) == fresh(f, on: Array(days)).0)
    }
}
