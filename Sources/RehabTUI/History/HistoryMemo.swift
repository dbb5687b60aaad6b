import RehabCore
import Synchronization

/// What the History screen works out from a followed plan, kept until the plan or the log
/// changes (`Followed` puts a new memo in place then): its rows, 9,000 for ten years, and the
/// engine's index of the log that the rows' verdicts come from. Worked out afresh on every key
/// they took several milliseconds a press. Derived from the followed plan, never state of its
/// own, so any two memos are equal.
final class HistoryMemo: Sendable, Hashable {
    private let rows = Mutex<[HistoryEntry]?>(nil)
    private let judge = Mutex<Engine.DayJudge?>(nil)

    /// The rows, made by `make` the first time.
    func entries(_ make: () -> [HistoryEntry]) -> [HistoryEntry] {
        if let made = rows.withLock({ $0 }) { return made }
        let made = make()
        rows.withLock { $0 = made }
        return made
    }

    /// The verdicts of `days`, from the one index of the followed plan's log.
    func verdicts(of followed: Followed, on days: [Day], asOf today: Day) -> [DayVerdict] {
        let (plan, assignment, history) = (followed.plan, followed.assignment, followed.history)
        return judge.withLock { kept in
            let judge =
                kept ?? Engine.DayJudge(plan: plan, assignment: assignment, history: history)
            kept = judge
            return judge.verdicts(on: days, asOf: today)
        }
    }

    static func == (_: HistoryMemo, _: HistoryMemo) -> Bool { true }
    func hash(into _: inout Hasher) {}
}
