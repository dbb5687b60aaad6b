// The plan engine's answers: where the patient is in the plan, how the week's load stands, whether
// the next phase is in reach, and what to suggest. Plain values, computed by `Engine`.

/// The phase the patient is in and how far along.
public struct PhaseStatus: Hashable, Sendable {
    public var phase: Phase
    /// 1-based position in the plan.
    public var number: Int
    public var of: Int
    /// 1-based: the day the phase started is day 1.
    public var day: Int
    public var startDate: Day

    public init(phase: Phase, number: Int, of: Int, day: Int, startDate: Day) {
        self.phase = phase
        self.number = number
        self.of = of
        self.day = day
        self.startDate = startDate
    }
}

/// The load of one ISO week in the phase's metric, against its cap.
public struct LoadStatus: Hashable, Sendable {
    public var metric: LoadMetric
    public var weekStart: Day
    public var thisWeek: Double
    public var lastWeek: Double
    /// Nil while there is no previous week and no starting volume, and while a run/walk
    /// schedule sets the load.
    public var cap: Double?
    public var overCap: Bool
    /// The phase's run/walk steps set the load until the last one is passed; the weekly cap
    /// applies from then on (DESIGN section 5).
    public var scheduleSetsLoad: Bool

    public init(
        metric: LoadMetric, weekStart: Day, thisWeek: Double, lastWeek: Double, cap: Double?,
        overCap: Bool, scheduleSetsLoad: Bool = false
    ) {
        self.scheduleSetsLoad = scheduleSetsLoad
        self.metric = metric
        self.weekStart = weekStart
        self.thisWeek = thisWeek
        self.lastWeek = lastWeek
        self.cap = cap
        self.overCap = overCap
    }
}

/// The exit criteria a phase can ask for (plan file keys).
public enum Criterion: String, Sendable, Codable, CaseIterable {
    case minDays = "min_days"
    case greenDays = "green_days"
    case painFreeWalkMinutes = "pain_free_walk_minutes"
    case weeklyLoad = "weekly_load"
    case hopTest = "hop_test"
    case calfRaises = "calf_raises"
    case runWalkCompleted = "run_walk_completed"
    /// Not a plan key: the engine adds it, unmet, when every exit criterion holds but today's
    /// verdict is not green, so "ready" never stands beside "hold" or "reduce".
    case greenToday = "green_today"
}

public struct CriterionStatus: Hashable, Sendable {
    public var criterion: Criterion
    public var required: Double
    public var current: Double
    public var met: Bool

    public init(criterion: Criterion, required: Double, current: Double, met: Bool) {
        self.criterion = criterion
        self.required = required
        self.current = current
        self.met = met
    }
}

/// Whether the patient may move to the next phase. At the last phase `ready` is false and `next`
/// nil; the criteria are still reported.
public struct Readiness: Hashable, Sendable {
    public var ready: Bool
    public var next: Phase?
    public var criteria: [CriterionStatus]
    public var unmet: [Criterion]

    public init(ready: Bool, next: Phase?, criteria: [CriterionStatus], unmet: [Criterion]) {
        self.ready = ready
        self.next = next
        self.criteria = criteria
        self.unmet = unmet
    }
}

public enum SuggestionCode: String, Sendable, Codable {
    case advance
    case stepBack = "step_back"
    case reopenSchedule = "reopen_schedule"
    case contactPhysio = "contact_physio"
    case planComplete = "plan_complete"
}

/// A proposal the user or physio confirms; never applied by the engine itself.
public struct Suggestion: Hashable, Sendable {
    public var code: SuggestionCode
    /// The target phase id (the next one, the previous one, or the current one for the physio).
    public var phase: String?
    /// The days behind the suggestion, e.g. the two red days.
    public var dates: [Day]

    public init(code: SuggestionCode, phase: String? = nil, dates: [Day] = []) {
        self.code = code
        self.phase = phase
        self.dates = dates
    }
}

/// A red flag reported and not yet cleared.
public typealias OpenFlag = FlagReport

/// Where the runner stands in the phase's run/walk schedule.
public struct RunWalkPosition: Hashable, Sendable {
    /// 0-based step.
    public var index: Int
    public var step: RunWalkStep
    /// Counted runs at this step so far (DESIGN section 4: 90 % of the step's minutes, not the
    /// day after a run, pain within safe_max, the next morning logged and not worse).
    public var passedAtStep: Int
    /// The last step has been passed.
    public var completed: Bool
    /// The session day of the last counted run.
    public var lastCounted: Day?
    /// The session day of the run that passed the last step.
    public var completedOn: Day?

    public init(
        index: Int, step: RunWalkStep, passedAtStep: Int, completed: Bool,
        lastCounted: Day? = nil, completedOn: Day? = nil
    ) {
        self.index = index
        self.step = step
        self.passedAtStep = passedAtStep
        self.completed = completed
        self.lastCounted = lastCounted
        self.completedOn = completedOn
    }
}

/// Everything the Today screen and `rehab status` show.
public struct Status: Hashable, Sendable {
    public var date: Day
    public var phase: PhaseStatus
    public var verdict: Verdict
    public var load: LoadStatus
    public var readiness: Readiness
    public var suggestions: [Suggestion]
    public var openFlags: [OpenFlag]
    /// Today, when yesterday had a session and today has no morning check yet.
    public var morningCheckDue: Day?
    /// When the phase has a run/walk schedule.
    public var runWalk: RunWalkPosition?
    /// In force in the current phase.
    public var thresholds: Thresholds

    public init(
        date: Day, phase: PhaseStatus, verdict: Verdict, load: LoadStatus, readiness: Readiness,
        suggestions: [Suggestion], openFlags: [OpenFlag], morningCheckDue: Day?,
        runWalk: RunWalkPosition?, thresholds: Thresholds
    ) {
        self.date = date
        self.phase = phase
        self.verdict = verdict
        self.load = load
        self.readiness = readiness
        self.suggestions = suggestions
        self.openFlags = openFlags
        self.morningCheckDue = morningCheckDue
        self.runWalk = runWalk
        self.thresholds = thresholds
    }
}

/// The three kinds of week of seed 004 (osteoarthritis): too little, overloading, healthy.
public enum WeekClass: String, Sendable, Codable {
    case tooLittle = "too_little"
    case overloading
    case healthy
}

/// One ISO week for the weekly table and the progress charts.
public struct WeekSummary: Hashable, Sendable {
    public var weekStart: Day
    /// In `metric`: the metric of the phase in force at the week's (last counted) day.
    public var load: Double
    public var metric: LoadMetric
    public var cap: Double?
    public var overCap: Bool
    public var runKm: Double
    public var minutes: Int
    public var sessions: Int
    public var maxPainDuring: Int?
    public var maxPainAfter: Int?
    /// The worst day verdict on the week's session days; nil without sessions.
    public var worstLevel: Level?
    public var classification: WeekClass
    /// Whether the classification applies: osteoarthritis plans and maintenance phases only
    /// (seed 004); other plans show none.
    public var classified: Bool

    public init(
        weekStart: Day, load: Double, cap: Double?, overCap: Bool, runKm: Double, minutes: Int,
        sessions: Int, maxPainDuring: Int?, maxPainAfter: Int?, worstLevel: Level?,
        classification: WeekClass, metric: LoadMetric = .km, classified: Bool = false
    ) {
        self.classified = classified
        self.weekStart = weekStart
        self.load = load
        self.metric = metric
        self.cap = cap
        self.overCap = overCap
        self.runKm = runKm
        self.minutes = minutes
        self.sessions = sessions
        self.maxPainDuring = maxPainDuring
        self.maxPainAfter = maxPainAfter
        self.worstLevel = worstLevel
        self.classification = classification
    }
}
