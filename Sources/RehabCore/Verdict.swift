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
    /// Green before anything is logged: begin with the phase's prescription.
    case start
    /// Amber: repeat the same load.
    case hold
    /// Red: back to the last load that was green, or a rest day.
    case reduce
    /// Stop: a red flag; contact the GP before training again.
    case seeDoctor = "see_doctor"
    /// Stop: see a doctor today (possible thrombosis, cannot bear weight, new leg weakness).
    case sameDay = "same_day"
    /// Stop: call 112 (a sudden pop with loss of function, cauda equina signs).
    case emergency

    /// The action of a stop with this urgency.
    public init(urgency: Urgency) {
        switch urgency {
        case .seeDoctor: self = .seeDoctor
        case .sameDay: self = .sameDay
        case .emergency: self = .emergency
        }
    }
}

/// Stable reason codes (part of the JSON contract), DESIGN section 4 version 2.
public enum ReasonCode: String, Sendable, Codable, CaseIterable {
    case redFlag = "red_flag"
    case painAboveLimit = "pain_above_limit"
    case painLasted = "pain_lasted"
    case worseNextMorning = "worse_next_morning"
    case morningAboveLimit = "morning_above_limit"
    case morningAboveSafe = "morning_above_safe"
    case worseWeekToWeek = "worse_week_to_week"
    case painDuringAboveSafe = "pain_during_above_safe"
    case painAfterAboveSafe = "pain_after_above_safe"
    case activityNotAllowed = "activity_not_allowed"
    case runEveryOtherDay = "run_every_other_day"
    case weeklyLoadOverCap = "weekly_load_over_cap"
    case sessionSpike = "session_spike"
    case returnAfterLayoff = "return_after_layoff"
    case phaseOverdue = "phase_overdue"
    case noRecentLog = "no_recent_log"
    case noImprovement = "no_improvement"
    case seePhysio = "see_physio"
    case nothingLoggedYet = "nothing_logged_yet"

    /// The level a finding of this code has unless its rule says otherwise (a worse morning by
    /// one point is amber, by two red; running where the phase does not allow it is red).
    public var level: Level {
        switch self {
        case .redFlag: .stop
        case .painAboveLimit, .painLasted, .worseNextMorning, .morningAboveLimit: .red
        case .nothingLoggedYet: .green
        default: .amber
        }
    }
}

extension ReasonCode {
    /// Where the rule comes from, as a reader can look it up (DESIGN section 4 version 2).
    public var source: String {
        let painRule =
            "Fysio Barendrecht, leaflet on pain on the inside of the knee (seed 000); "
            + "Verwaest 2025, leaflet on runner's knee (seed 002)"
        let morning =
            "Verwaest 2025, leaflet on runner's knee (seed 002: no worsening within 24 hours); "
            + "Silbernagel et al. 2007, Am J Sports Med (the next morning decides)"
        let oxford = "Oxford University Hospitals NHS, return-to-running leaflet, 2024"
        switch self {
        case .redFlag:
            return "Fysio Barendrecht, leaflets on knee pain (seeds 000, 001); "
                + "running-injuries booklet (seed 003); the plan's own red flags"
        case .painAboveLimit, .painLasted, .painDuringAboveSafe, .painAfterAboveSafe:
            return painRule + "; Silbernagel et al. 2007, Am J Sports Med"
        case .worseNextMorning, .morningAboveLimit, .morningAboveSafe: return morning
        case .worseWeekToWeek: return "Silbernagel et al. 2007, Am J Sports Med"
        case .activityNotAllowed: return "the phase's allowed and avoided activities (plan file)"
        case .runEveryOtherDay: return oxford
        case .weeklyLoadOverCap:
            return "Fysio Barendrecht, leaflets on knee pain (seeds 000, 001: at most 10 % more "
                + "a week)"
        case .sessionSpike: return "Frandsen et al. 2025, Br J Sports Med"
        case .returnAfterLayoff: return oxford
        case .phaseOverdue: return "the phase's planned length (plan file)"
        case .noRecentLog: return "rehab: the advice is only as good as the log (ours)"
        case .noImprovement:
            return "Fysio Barendrecht, leaflet on pain on the inside of the knee (seed 000: see "
                + "the GP when it does not improve); the knee-pain-after-running leaflet (seed "
                + "001) says 14 days"
        case .seePhysio: return "Running-injuries booklet (seed 003)"
        case .nothingLoggedYet: return "rehab (ours)"
        }
    }
}

/// One rule that fired, with the numbers its message needs ("pain after was 4/10, above the safe
/// 3/10"). Fields a rule does not use stay nil.
public struct Finding: Hashable, Sendable {
    public var code: ReasonCode
    public var level: Level
    /// The day the finding is about (the session day, the morning, the week's Monday).
    public var date: Day?
    /// What was seen: a pain score, the week's load, the run's length, days in phase.
    public var seen: Double?
    /// The rule's number: the limit, the cap, the previous longest run, max days, a baseline.
    public var limit: Double?
    /// Unit of `seen` and `limit` where it matters ("km", "min").
    public var unit: String?
    /// For red flags and referrals: the flag id; for activity findings: the activity.
    public var flag: String?
    /// The allowed increase behind `limit` (weekly cap, session spike), for the message; nil when
    /// the limit is not a percentage (e.g. a weekly cap set by the starting volume).
    public var percent: Double?
    /// For red flags: how soon a doctor is needed.
    public var urgency: Urgency?
    /// For a worse morning held past its first day (amber, not red again): the score a morning
    /// must come back to for it to end (its baseline, at most `morning.safe_max`).
    public var until: Double?
    /// A response finding carried over from its first day.
    public var persisting: Bool { until != nil }

    public init(
        code: ReasonCode, level: Level? = nil, date: Day? = nil, seen: Double? = nil,
        limit: Double? = nil, unit: String? = nil, flag: String? = nil, percent: Double? = nil,
        urgency: Urgency? = nil, until: Double? = nil
    ) {
        self.code = code
        self.level = level ?? code.level
        self.date = date
        self.seen = seen
        self.limit = limit
        self.unit = unit
        self.flag = flag
        self.percent = percent
        self.urgency = urgency
        self.until = until
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
        case .green:
            action = findings.contains { $0.code == .nothingLoggedYet } ? .start : .progress
        case .amber: action = .hold
        case .red: action = .reduce
        case .stop:
            // The most urgent flag decides; a flag of unknown urgency is a GP's matter.
            let urgency = findings.compactMap(\.urgency).max() ?? .seeDoctor
            action = Action(urgency: urgency)
        }
    }

    /// Under a stop only the stop's instruction stands (DESIGN section 4, actions).
    public var isStop: Bool { level == .stop }
}
