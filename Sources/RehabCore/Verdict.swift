/// How a day went, worst first when compared.
public enum Level: String, Sendable, Codable, CaseIterable, Comparable {
    case green, amber, red, stop

    private var rank: Int {
        switch self {
        case .green: 0
        case .amber: 1
        case .red: 2
        case .stop: 3
        }
    }

    public static func < (lhs: Level, rhs: Level) -> Bool { lhs.rank < rhs.rank }
}

/// What to do next.
public enum Action: String, Sendable, Codable, CaseIterable {
    /// Green: you may increase load, within the cap and the plan.
    case progress
    /// Amber: repeat the same load.
    case hold
    /// Red: back to the last load that was green, or a rest day.
    case reduce
    /// Stop: a red flag; see your GP before going on.
    case seeDoctor = "see_doctor"
    /// Stop with a sudden pop and loss of function: call 112.
    case emergency
}

/// Stable reason codes (part of the JSON contract).
public enum ReasonCode: String, Sendable, Codable, CaseIterable {
    case redFlag = "red_flag"
    case painAboveLimit = "pain_above_limit"
    case painLasted = "pain_lasted"
    case worseNextMorning = "worse_next_morning"
    case painDuringAboveSafe = "pain_during_above_safe"
    case painAfterAboveSafe = "pain_after_above_safe"
    case weeklyLoadOverCap = "weekly_load_over_cap"
    case sessionSpike = "session_spike"
    case phaseOverdue = "phase_overdue"
    case noRecentLog = "no_recent_log"
    case noImprovement = "no_improvement"

    public var level: Level {
        switch self {
        case .redFlag: .stop
        case .painAboveLimit, .painLasted, .worseNextMorning: .red
        default: .amber
        }
    }
}

/// One rule that fired, with the numbers its message needs ("pain after was 4/10, above the safe
/// 3/10"). Fields a rule does not use stay nil.
public struct Finding: Hashable, Sendable {
    public var code: ReasonCode
    public var level: Level { code.level }
    /// The day the finding is about (the session day, the morning, the week's Monday).
    public var date: Day?
    /// What was seen: a pain score, the week's load, the run's length, days in phase.
    public var seen: Double?
    /// The rule's number: the limit, the cap, the previous longest run, max days.
    public var limit: Double?
    /// Unit of `seen` and `limit` where it matters ("km", "min").
    public var unit: String?
    /// For red flags: the flag id.
    public var flag: String?
    /// The allowed increase behind `limit` (weekly cap, session spike), for the message; nil when
    /// the limit is not a percentage (e.g. a weekly cap set by the starting volume).
    public var percent: Double?

    public init(
        code: ReasonCode, date: Day? = nil, seen: Double? = nil, limit: Double? = nil,
        unit: String? = nil, flag: String? = nil, percent: Double? = nil
    ) {
        self.code = code
        self.date = date
        self.seen = seen
        self.limit = limit
        self.unit = unit
        self.flag = flag
        self.percent = percent
    }
}

/// The day's verdict: the worst finding decides the level and the action; all are reasons.
public struct Verdict: Hashable, Sendable {
    public var level: Level
    public var action: Action
    public var findings: [Finding]

    public init(findings: [Finding]) {
        self.findings = findings.sorted { $0.level > $1.level }
        level = findings.map(\.level).max() ?? .green
        switch level {
        case .green: action = .progress
        case .amber: action = .hold
        case .red: action = .reduce
        case .stop:
            action =
                findings.contains { $0.flag == RedFlag.popLossOfFunction } ? .emergency : .seeDoctor
        }
    }
}
