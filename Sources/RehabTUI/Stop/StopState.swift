import RehabCore

/// The stop screen: red flags reported, the plan paused (or, before a start, not started).
public struct StopState: Sendable, Hashable {
    /// Flags answered "yes" before a plan started; empty when showing the open flags of a plan.
    public var screening: [String]
    public var planID: String?

    public init(screening: [String] = [], planID: String? = nil) {
        self.screening = screening
        self.planID = planID
    }

    public var beforeStart: Bool { !screening.isEmpty }
}
