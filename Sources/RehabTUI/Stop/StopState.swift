import RehabCore

/// The stop screen: red flags reported, the plan paused (or, before a start, not started).
struct StopState: Sendable, Hashable {
    /// Flags answered "yes" before a plan started; empty when showing the open flags of a plan.
    var screening: [String]
    var planID: String?

    init(screening: [String] = [], planID: String? = nil) {
        self.screening = screening
        self.planID = planID
    }

    var beforeStart: Bool { !screening.isEmpty }
}
