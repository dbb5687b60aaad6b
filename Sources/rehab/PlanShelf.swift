import RehabCore

/// Plan files one command has read, by id. A clinic's patient list names the same few plans
/// hundreds of times; each file is parsed once.
final class PlanShelf {
    var plans: [String: Plan] = [:]
}
