import RehabCore

/// The stop screen: red flags reported, the plan paused (or, before a start, not started).
struct StopState: Sendable, Hashable {
    /// Flags answered "yes" before a plan started; empty when showing the open flags of a plan.
    var screening: [String]
    var planID: String?
    /// Red flags just logged and still being saved: shown (and their urgency heeded) at once,
    /// before the store answers and the status has them.
    var saving: [FlagReport]

    init(screening: [String] = [], planID: String? = nil, saving: [FlagReport] = []) {
        self.screening = screening
        self.planID = planID
        self.saving = saving
    }

    /// The Stop screen for flags just logged on `date` (physio referrals are no stop), or nil
    /// when none of them stops the plan.
    static func logged(_ flags: [String], on date: Day, _ state: AppState) -> StopState? {
        let stops = flags.filter { !(state.followed?.plan.isReferral($0) ?? false) }
        guard !stops.isEmpty else { return nil }
        return StopState(saving: stops.map { FlagReport(flag: $0, date: date) })
    }

    var beforeStart: Bool { !screening.isEmpty }
}
