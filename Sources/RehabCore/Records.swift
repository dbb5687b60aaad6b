/// One activity done on one day, with its pain scores.
public struct Session: Hashable, Sendable, Codable {
    /// Storage id; nil until stored.
    public var id: Int64?
    public var date: Day
    public var activity: Activity
    public var km: Double?
    public var minutes: Int
    public var painDuring: Int
    public var painAfter: Int
    public var lastedOver2h: Bool
    public var flags: [String]
    public var shoe: String?
    public var note: String
    /// Single-leg calf raises done in a test, for exit criteria.
    public var calfRaises: Int?
    /// Single-leg hops done in a test, for exit criteria.
    public var hopTest: Int?
    /// When a run read from a watch file started, UTC to the second ("2026-03-01T07:12:03Z"):
    /// how a second import of the same run is recognised. Nil for sessions logged by hand.
    public var startTime: String?

    public init(
        id: Int64? = nil, date: Day, activity: Activity, km: Double? = nil, minutes: Int,
        painDuring: Int, painAfter: Int, lastedOver2h: Bool = false, flags: [String] = [],
        shoe: String? = nil, note: String = "", calfRaises: Int? = nil, hopTest: Int? = nil,
        startTime: String? = nil
    ) {
        self.id = id
        self.date = date
        self.activity = activity
        self.km = km
        self.minutes = minutes
        self.painDuring = painDuring
        self.painAfter = painAfter
        self.lastedOver2h = lastedOver2h
        self.flags = flags
        self.shoe = shoe
        self.note = note
        self.calfRaises = calfRaises
        self.hopTest = hopTest
        self.startTime = startTime
    }
}

/// The next-morning check: pain or stiffness on waking, one per date.
public struct MorningCheck: Hashable, Sendable, Codable {
    public var date: Day
    public var pain: Int
    public var flags: [String]

    public init(date: Day, pain: Int, flags: [String] = []) {
        self.date = date
        self.pain = pain
        self.flags = flags
    }
}

/// One red flag as reported on a session or morning check.
public struct FlagReport: Hashable, Sendable, Codable {
    public var flag: String
    public var date: Day

    public init(flag: String, date: Day) {
        self.flag = flag
        self.date = date
    }

    /// "fever@2026-03-01": one cell of a CSV file or one item of a stored list.
    public var token: String { "\(flag)@\(date.iso)" }

    public init?(token: String) {
        let parts = token.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, Identifier.isValid(String(parts[0])),
            let day = Day(iso: String(parts[1]))
        else { return nil }
        self.init(flag: String(parts[0]), date: day)
    }
}

/// A deliberate "seen by my doctor, may continue". It lists the reports it clears, so a flag
/// reported later, even on the same day or back-dated, stays open until it is cleared in turn.
public struct FlagClearing: Hashable, Sendable, Codable {
    public var date: Day
    public var reason: String
    /// The reports this clearing covers. Empty means every report dated on or before `date`
    /// (how a clearing without a list, e.g. from an older export, is read).
    public var cleared: [FlagReport]

    public init(date: Day, reason: String, cleared: [FlagReport] = []) {
        self.date = date
        self.reason = reason
        self.cleared = cleared
    }

    func clears(_ report: FlagReport) -> Bool {
        cleared.isEmpty ? report.date <= date : cleared.contains(report)
    }
}

/// Why a patient entered a phase.
public enum PhaseChangeReason: String, Sendable, Codable, CaseIterable {
    case start, advance
    case stepBack = "step_back"
    case forced
}

public struct PhaseChange: Hashable, Sendable, Codable {
    public var phase: String
    public var date: Day
    public var reason: PhaseChangeReason
    /// Why the exit criteria were overruled (a forced advance), in the words of who did it.
    public var note: String?

    public init(phase: String, date: Day, reason: PhaseChangeReason, note: String? = nil) {
        self.phase = phase
        self.date = date
        self.reason = reason
        self.note = note
    }
}

/// A patient's plan: which plan and variant, from when, tuned how, and the phases so far.
public struct Assignment: Hashable, Sendable, Codable {
    public var planID: String
    public var variantID: String?
    public var startDate: Day
    /// Weekly running km the runner could do before (`start --weekly-km`); floors the km cap.
    public var startingWeeklyKm: Double?
    public var overrides: PlanOverrides
    /// Oldest first; never empty once a plan has started.
    public var phaseHistory: [PhaseChange]

    public init(
        planID: String, variantID: String?, startDate: Day, startingWeeklyKm: Double? = nil,
        overrides: PlanOverrides = PlanOverrides(), phaseHistory: [PhaseChange]
    ) {
        self.planID = planID
        self.variantID = variantID
        self.startDate = startDate
        self.startingWeeklyKm = startingWeeklyKm
        self.overrides = overrides
        self.phaseHistory = phaseHistory
    }

    public var currentPhase: PhaseChange? { phaseHistory.last }
    /// The day the current phase began; without a phase history, the plan's start.
    public var currentPhaseStart: Day { currentPhase?.date ?? startDate }
}

public struct Shoe: Hashable, Sendable, Codable {
    public var name: String
    public var startKm: Double
    public var retireKm: Double

    public init(name: String, startKm: Double = 0, retireKm: Double = 700) {
        self.name = name
        self.startKm = startKm
        self.retireKm = retireKm
    }
}

/// Everything logged for one patient: what the engine judges.
public struct History: Hashable, Sendable {
    /// Sorted by date (then storage order).
    public var sessions: [Session]
    /// Sorted by date, at most one per date.
    public var mornings: [MorningCheck]
    /// Sorted by date.
    public var clearings: [FlagClearing]

    public init(
        sessions: [Session] = [], mornings: [MorningCheck] = [], clearings: [FlagClearing] = []
    ) {
        self.sessions = sessions.sorted { $0.date < $1.date }
        self.mornings = mornings.sorted { $0.date < $1.date }
        self.clearings = clearings.sorted { $0.date < $1.date }
    }
}
