/// The thresholds every rule reads. Defaults come from the sources (DESIGN section 4); a plan,
/// a variant, a phase and a patient's overrides may each change them, in that order.
public struct Thresholds: Hashable, Sendable, Codable {
    /// Pain up to this score (0-10) during and after activity is acceptable (seeds 000, 002).
    public var painSafeMax: Int = 3
    /// Pain above this score is too much (seed 000; Silbernagel 2007).
    public var painLimit: Int = 5
    /// Pain lasting longer than this many hours after activity is too much (seed 000).
    public var painLastingHours: Int = 2
    /// Pain must not worsen within this window; checked with the next morning's score (seed 002).
    public var worseningWindowHours: Int = 24
    /// Weekly load may rise at most this percentage (seeds 000, 001).
    public var weeklyIncreasePct: Double = 10
    /// A single run more than this percentage longer than the longest of the past 30 days is a
    /// spike (Frandsen et al. 2025).
    public var sessionSpikePct: Double = 10
    /// Pain not coming down over this many days of relative rest: see the GP or physio (seed 000).
    public var noImprovementDays: Int = 10
    /// Pain or stiffness on waking up to this score is fine (seeds 000, 002); tendinopathy and
    /// osteoarthritis plans may allow more, with a source (seed 004: morning stiffness expected).
    public var morningSafeMax: Int = 3
    /// A morning above this score is too much (seeds 000, 002).
    public var morningLimit: Int = 5
    /// Pain thresholds of single activities, e.g. tendon loading exercises at 5/10 while walking
    /// stays at 3/10 (Silbernagel 2007). An activity not listed uses `painSafeMax`/`painLimit`.
    public var painByActivity: [Activity: ActivityPain] = [:]

    public init() {}

    /// The pain thresholds a session of `activity` is judged against.
    public func pain(for activity: Activity) -> (safeMax: Int, limit: Int) {
        let own = painByActivity[activity]
        return (own?.safeMax ?? painSafeMax, own?.limit ?? painLimit)
    }
}

/// Pain thresholds of one activity; nil keeps the phase's general value.
public struct ActivityPain: Hashable, Sendable, Codable {
    public var safeMax: Int?
    public var limit: Int?

    public init(safeMax: Int? = nil, limit: Int? = nil) {
        self.safeMax = safeMax
        self.limit = limit
    }

    public var isEmpty: Bool { safeMax == nil && limit == nil }

    /// `other` wins where it says something.
    public func merged(with other: ActivityPain) -> ActivityPain {
        ActivityPain(safeMax: other.safeMax ?? safeMax, limit: other.limit ?? limit)
    }
}

/// A partial set of thresholds; nil means "keep what the layer below says".
public struct ThresholdOverrides: Hashable, Sendable, Codable {
    public var painSafeMax: Int?
    public var painLimit: Int?
    public var painLastingHours: Int?
    public var worseningWindowHours: Int?
    public var weeklyIncreasePct: Double?
    public var sessionSpikePct: Double?
    public var noImprovementDays: Int?
    public var morningSafeMax: Int?
    public var morningLimit: Int?
    /// Per activity; merged activity by activity and field by field.
    public var painByActivity: [Activity: ActivityPain]

    public init(
        painSafeMax: Int? = nil, painLimit: Int? = nil, painLastingHours: Int? = nil,
        worseningWindowHours: Int? = nil, weeklyIncreasePct: Double? = nil,
        sessionSpikePct: Double? = nil, noImprovementDays: Int? = nil,
        morningSafeMax: Int? = nil, morningLimit: Int? = nil,
        painByActivity: [Activity: ActivityPain] = [:]
    ) {
        self.morningSafeMax = morningSafeMax
        self.morningLimit = morningLimit
        self.painByActivity = painByActivity
        self.painSafeMax = painSafeMax
        self.painLimit = painLimit
        self.painLastingHours = painLastingHours
        self.worseningWindowHours = worseningWindowHours
        self.weeklyIncreasePct = weeklyIncreasePct
        self.sessionSpikePct = sessionSpikePct
        self.noImprovementDays = noImprovementDays
    }

    public var isEmpty: Bool { self == ThresholdOverrides() }

    public func applied(to base: Thresholds) -> Thresholds {
        var t = base
        if let painSafeMax { t.painSafeMax = painSafeMax }
        if let painLimit { t.painLimit = painLimit }
        if let painLastingHours { t.painLastingHours = painLastingHours }
        if let worseningWindowHours { t.worseningWindowHours = worseningWindowHours }
        if let weeklyIncreasePct { t.weeklyIncreasePct = weeklyIncreasePct }
        if let sessionSpikePct { t.sessionSpikePct = sessionSpikePct }
        if let noImprovementDays { t.noImprovementDays = noImprovementDays }
        if let morningSafeMax { t.morningSafeMax = morningSafeMax }
        if let morningLimit { t.morningLimit = morningLimit }
        for (activity, pain) in painByActivity {
            t.painByActivity[activity] = (t.painByActivity[activity] ?? ActivityPain()).merged(
                with: pain)
        }
        return t
    }

    /// `other` wins where it says something.
    public func merged(with other: ThresholdOverrides) -> ThresholdOverrides {
        ThresholdOverrides(
            painSafeMax: other.painSafeMax ?? painSafeMax,
            painLimit: other.painLimit ?? painLimit,
            painLastingHours: other.painLastingHours ?? painLastingHours,
            worseningWindowHours: other.worseningWindowHours ?? worseningWindowHours,
            weeklyIncreasePct: other.weeklyIncreasePct ?? weeklyIncreasePct,
            sessionSpikePct: other.sessionSpikePct ?? sessionSpikePct,
            noImprovementDays: other.noImprovementDays ?? noImprovementDays,
            morningSafeMax: other.morningSafeMax ?? morningSafeMax,
            morningLimit: other.morningLimit ?? morningLimit,
            painByActivity: painByActivity.merging(other.painByActivity) { $0.merged(with: $1) })
    }
}

/// What the weekly cap is measured in.
public enum LoadMetric: Hashable, Sendable, Codable {
    /// Kilometres of running (the default).
    case km
    /// Minutes of one or more activities counted together (e.g. cycling in a rest phase,
    /// walking and cycling toward seed 004's 150 minutes a week).
    case minutes([Activity])

    public var unit: String {
        switch self {
        case .km: "km"
        case .minutes: "min"
        }
    }
}

/// An exercise a plan defines once and its phases prescribe with a dosage.
public struct Exercise: Hashable, Sendable, Codable {
    public var id: String
    public var names: LocalizedText
    /// How to do it, one or two sentences.
    public var how: LocalizedText?

    public init(id: String, names: LocalizedText, how: LocalizedText? = nil) {
        self.id = id
        self.names = names
        self.how = how
    }
}

/// A dosage: sets × reps (or a hold), so many times a day or a week.
public struct Prescription: Hashable, Sendable, Codable {
    public var exercise: String
    public var sets: Int
    public var reps: Int?
    public var holdSeconds: Int?
    public var perDay: Int?
    public var perWeek: Int?

    public init(
        exercise: String, sets: Int, reps: Int? = nil, holdSeconds: Int? = nil,
        perDay: Int? = nil, perWeek: Int? = nil
    ) {
        self.exercise = exercise
        self.sets = sets
        self.reps = reps
        self.holdSeconds = holdSeconds
        self.perDay = perDay
        self.perWeek = perWeek
    }
}

/// One step of a run/walk schedule: repeat (run + walk) for `totalMinutes`, `sessionsPerWeek`
/// times a week. A step with `walkMinutes == 0` is continuous running.
public struct RunWalkStep: Hashable, Sendable, Codable {
    public var runMinutes: Double
    public var walkMinutes: Double
    public var totalMinutes: Int
    public var sessionsPerWeek: Int
    /// Sessions within the pain rules needed before moving to the next step.
    public var sessionsToPass: Int

    public init(
        runMinutes: Double, walkMinutes: Double, totalMinutes: Int, sessionsPerWeek: Int = 3,
        sessionsToPass: Int = 3
    ) {
        self.runMinutes = runMinutes
        self.walkMinutes = walkMinutes
        self.totalMinutes = totalMinutes
        self.sessionsPerWeek = sessionsPerWeek
        self.sessionsToPass = sessionsToPass
    }

    /// Run+walk blocks in one session.
    public var repetitions: Int {
        let block = runMinutes + walkMinutes
        return block > 0 ? max(1, Int((Double(totalMinutes) / block).rounded(.down))) : 1
    }
}

/// What a phase asks before the runner may move on. Nil = not required.
public struct ExitCriteria: Hashable, Sendable, Codable {
    /// Days spent in the phase.
    public var minDays: Int?
    /// Consecutive logged days with a green verdict.
    public var greenDays: Int?
    /// A walk of at least this many minutes with pain during ≤ 2.
    public var painFreeWalkMinutes: Int?
    /// The phase's load metric reached in one week (km or minutes).
    public var weeklyLoad: Double?
    /// Single-leg hops logged in one test without pain above the safe maximum.
    public var hopTest: Int?
    /// Single-leg calf raises logged in one test.
    public var calfRaises: Int?
    /// The last step of the run/walk schedule passed.
    public var runWalkCompleted: Bool?

    public init(
        minDays: Int? = nil, greenDays: Int? = nil, painFreeWalkMinutes: Int? = nil,
        weeklyLoad: Double? = nil, hopTest: Int? = nil, calfRaises: Int? = nil,
        runWalkCompleted: Bool? = nil
    ) {
        self.minDays = minDays
        self.greenDays = greenDays
        self.painFreeWalkMinutes = painFreeWalkMinutes
        self.weeklyLoad = weeklyLoad
        self.hopTest = hopTest
        self.calfRaises = calfRaises
        self.runWalkCompleted = runWalkCompleted
    }

    public var isEmpty: Bool { self == ExitCriteria() }
}

public struct Phase: Hashable, Sendable, Codable {
    public var id: String
    public var kind: PhaseKind
    public var names: LocalizedText
    public var goal: LocalizedText?
    public var minDays: Int
    public var maxDays: Int?
    public var allowed: [Activity]
    public var avoid: [Movement]
    public var exercises: [Prescription]
    /// Sessions a week per activity, e.g. cycle 3, run 2.
    public var weeklySessions: [Activity: Int]
    public var runWalk: [RunWalkStep]
    /// Outcome measures this phase adds to the plan's schedule while it is in force (`at:
    /// start` and `every_days` count from the day it began); nil adds none.
    public var measures: [ScheduledMeasure]? = nil
    public var loadMetric: LoadMetric
    /// Floor of the weekly cap in this phase; nil = no floor (the first week sets the baseline).
    public var startingVolume: Double?
    public var thresholds: ThresholdOverrides
    public var exit: ExitCriteria

    public init(
        id: String, kind: PhaseKind, names: LocalizedText, goal: LocalizedText? = nil,
        minDays: Int, maxDays: Int? = nil, allowed: [Activity] = [], avoid: [Movement] = [],
        exercises: [Prescription] = [], weeklySessions: [Activity: Int] = [:],
        runWalk: [RunWalkStep] = [], loadMetric: LoadMetric = .km, startingVolume: Double? = nil,
        thresholds: ThresholdOverrides = ThresholdOverrides(), exit: ExitCriteria = ExitCriteria()
    ) {
        self.id = id
        self.kind = kind
        self.names = names
        self.goal = goal
        self.minDays = minDays
        self.maxDays = maxDays
        self.allowed = allowed
        self.avoid = avoid
        self.exercises = exercises
        self.weeklySessions = weeklySessions
        self.runWalk = runWalk
        self.loadMetric = loadMetric
        self.startingVolume = startingVolume
        self.thresholds = thresholds
        self.exit = exit
    }
}

/// Phase lengths a patient's overrides change.
public struct PhaseDays: Hashable, Sendable, Codable {
    public var minDays: Int?
    public var maxDays: Int?

    public init(minDays: Int? = nil, maxDays: Int? = nil) {
        self.minDays = minDays
        self.maxDays = maxDays
    }
}

/// What a variant changes in one phase. Nil keeps the phase's own value; a schedule or exit
/// criteria given here replace the phase's whole list or set (no merging), so the file says
/// exactly what the variant's runner is asked to do.
public struct PhaseOverride: Hashable, Sendable, Codable {
    public var minDays: Int?
    public var maxDays: Int?
    public var runWalk: [RunWalkStep]?
    public var exit: ExitCriteria?

    public init(
        minDays: Int? = nil, maxDays: Int? = nil, runWalk: [RunWalkStep]? = nil,
        exit: ExitCriteria? = nil
    ) {
        self.minDays = minDays
        self.maxDays = maxDays
        self.runWalk = runWalk
        self.exit = exit
    }

    public var isEmpty: Bool { self == PhaseOverride() }
}

/// A severity level of an injury (e.g. MCL grade 2) with its own durations, schedules, exit
/// criteria and thresholds.
public struct Variant: Hashable, Sendable, Codable {
    public var id: String
    public var names: LocalizedText
    public var description: LocalizedText?
    /// Expected recovery in weeks, from the sources.
    public var expectedWeeks: ClosedRange<Int>
    /// Per phase id: what this variant changes in that phase.
    public var phases: [String: PhaseOverride]
    public var thresholds: ThresholdOverrides

    public init(
        id: String, names: LocalizedText, description: LocalizedText? = nil,
        expectedWeeks: ClosedRange<Int>, phases: [String: PhaseOverride] = [:],
        thresholds: ThresholdOverrides = ThresholdOverrides()
    ) {
        self.id = id
        self.names = names
        self.description = description
        self.expectedWeeks = expectedWeeks
        self.phases = phases
        self.thresholds = thresholds
    }
}

/// How soon a red flag needs a doctor (DESIGN section 4, actions).
public enum Urgency: String, Sendable, Codable, CaseIterable, Comparable {
    /// Contact the GP before training again.
    case seeDoctor = "see_doctor"
    /// See a doctor today: possible thrombosis, cannot bear weight, new leg weakness.
    case sameDay = "same_day"
    /// Call 112: a sudden pop with loss of function, cauda equina signs.
    case emergency

    private var rank: Int {
        switch self {
        case .seeDoctor: 0
        case .sameDay: 1
        case .emergency: 2
        }
    }

    public static func < (lhs: Urgency, rhs: Urgency) -> Bool { lhs.rank < rhs.rank }
}

/// A red-flag question asked before a plan starts and offered on every log.
public struct RedFlagQuestion: Hashable, Sendable, Codable {
    public var id: String
    public var question: LocalizedText
    public var urgency: Urgency

    public init(id: String, question: LocalizedText, urgency: Urgency) {
        self.id = id
        self.question = question
        self.urgency = urgency
    }

    /// Call 112 rather than the GP.
    public var emergency: Bool { urgency == .emergency }
}

/// A question that, answered yes, sends the runner to the physio without stopping the plan
/// (seed 003: e.g. walking still not normal after two days): a `see_physio` advisory.
public struct ReferralQuestion: Hashable, Sendable, Codable {
    public var id: String
    public var question: LocalizedText

    public init(id: String, question: LocalizedText) {
        self.id = id
        self.question = question
    }
}

/// A phased rehabilitation programme for one injury, as read from `plans/*.yaml`.
public struct Plan: Hashable, Sendable, Codable {
    public var id: String
    public var names: LocalizedText
    public var region: BodyRegion
    public var summary: LocalizedText
    public var sources: [String]
    public var thresholds: ThresholdOverrides
    public var variants: [Variant]
    public var redFlags: [RedFlagQuestion]
    /// Physio referrals: reported like flags, judged as `see_physio` (amber), never a stop.
    public var referrals: [ReferralQuestion]
    public var advice: [LocalizedText]
    public var exercises: [Exercise]
    public var phases: [Phase]
    /// Which outcome measures are due when (`measures:` in the file); nil: the default schedule
    /// (`ScheduledMeasure.defaultSchedule`).
    public var measures: [ScheduledMeasure]? = nil

    public init(
        id: String, names: LocalizedText, region: BodyRegion, summary: LocalizedText,
        sources: [String] = [], thresholds: ThresholdOverrides = ThresholdOverrides(),
        variants: [Variant] = [], redFlags: [RedFlagQuestion] = [],
        referrals: [ReferralQuestion] = [], advice: [LocalizedText] = [],
        exercises: [Exercise] = [], phases: [Phase]
    ) {
        self.referrals = referrals
        self.id = id
        self.names = names
        self.region = region
        self.summary = summary
        self.sources = sources
        self.thresholds = thresholds
        self.variants = variants
        self.redFlags = redFlags
        self.advice = advice
        self.exercises = exercises
        self.phases = phases
    }

    public func variant(_ id: String?) -> Variant? {
        guard let id else { return nil }
        return variants.first { $0.id == id }
    }

    public func phaseIndex(_ id: String) -> Int? { phases.firstIndex { $0.id == id } }

    public func exercise(_ id: String) -> Exercise? { exercises.first { $0.id == id } }

    /// The name of a red flag: the plan's own question, else the built-in name, else its id.
    public func redFlagName(_ id: String) -> LocalizedText {
        if let q = redFlags.first(where: { $0.id == id }) { return q.question }
        if let q = referrals.first(where: { $0.id == id }) { return q.question }
        return RedFlag.builtIn[id] ?? LocalizedText(verbatim: id)
    }

    /// How urgent a reported flag is: the plan's own urgency, else the built-in one. An id the
    /// plan does not know is a doctor's matter until cleared (the reading that protects).
    public func urgency(ofFlag id: String) -> Urgency {
        redFlags.first { $0.id == id }?.urgency ?? RedFlag.defaultUrgency(id)
    }

    /// Whether a reported id is one of the plan's physio referrals rather than a red flag.
    public func isReferral(_ id: String) -> Bool { referrals.contains { $0.id == id } }

    /// Thresholds in force in a phase: defaults ← plan ← phase. Variant and patient layers are
    /// already folded in by `resolved(variant:overrides:)`.
    public func thresholds(in phase: Phase) -> Thresholds {
        thresholds.merged(with: phase.thresholds).applied(to: Thresholds())
    }

    /// The plan as one patient follows it: the variant's phase lengths, run/walk schedules, exit
    /// criteria and thresholds, then the patient's own overrides (which win), folded into a plain
    /// plan the engine can read.
    public func resolved(variant variantID: String?, overrides: PlanOverrides = PlanOverrides())
        -> Plan
    {
        var plan = self
        if let variant = variant(variantID) {
            plan.thresholds = plan.thresholds.merged(with: variant.thresholds)
            for (phaseID, change) in variant.phases {
                guard let i = plan.phaseIndex(phaseID) else { continue }
                if let minDays = change.minDays { plan.phases[i].minDays = minDays }
                if let maxDays = change.maxDays { plan.phases[i].maxDays = maxDays }
                if let steps = change.runWalk { plan.phases[i].runWalk = steps }
                if let exit = change.exit { plan.phases[i].exit = exit }
            }
        }
        plan.thresholds = plan.thresholds.merged(with: overrides.thresholds)
        // The patient's thresholds also win over a phase's own (plans/SCHEMA.md layering).
        if !overrides.thresholds.isEmpty {
            for i in plan.phases.indices {
                plan.phases[i].thresholds = plan.phases[i].thresholds.merged(
                    with: overrides.thresholds)
            }
        }
        plan.apply(phaseDays: overrides.phaseDays)
        for (phaseID, exercises) in overrides.exercises {
            if let i = plan.phaseIndex(phaseID) { plan.phases[i].exercises = exercises }
        }
        for (phaseID, steps) in overrides.runWalk {
            if let i = plan.phaseIndex(phaseID) { plan.phases[i].runWalk = steps }
        }
        return plan
    }

    private mutating func apply(phaseDays: [String: PhaseDays]) {
        for (phaseID, days) in phaseDays {
            guard let i = phaseIndex(phaseID) else { continue }
            if let minDays = days.minDays { phases[i].minDays = minDays }
            if let maxDays = days.maxDays { phases[i].maxDays = maxDays }
        }
    }
}

/// What a physio changed for one patient, stored with the assignment.
public struct PlanOverrides: Hashable, Sendable, Codable {
    public var thresholds: ThresholdOverrides
    public var phaseDays: [String: PhaseDays]
    /// Replaces a phase's whole exercise list.
    public var exercises: [String: [Prescription]]
    /// Replaces a phase's run/walk schedule.
    public var runWalk: [String: [RunWalkStep]]

    public init(
        thresholds: ThresholdOverrides = ThresholdOverrides(), phaseDays: [String: PhaseDays] = [:],
        exercises: [String: [Prescription]] = [:], runWalk: [String: [RunWalkStep]] = [:]
    ) {
        self.thresholds = thresholds
        self.phaseDays = phaseDays
        self.exercises = exercises
        self.runWalk = runWalk
    }

    public var isEmpty: Bool { self == PlanOverrides() }
}
