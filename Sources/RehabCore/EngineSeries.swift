// Series for the progress charts, `rehab week` and the report: weekly totals and caps over the
// whole history (from `Engine.weeks`), pain per day, adherence per week, phase bands and the
// EWMA acute:chronic load ratio. Pure: the charts only draw what these functions return.

/// Pain on one session day: the highest score during and after, and the morning check of the
/// next day (the 24-hour response the rules judge). Nil where nothing was logged.
public struct DayPain: Hashable, Sendable {
    public var day: Day
    public var during: Int?
    public var after: Int?
    public var nextMorning: Int?

    public init(day: Day, during: Int?, after: Int?, nextMorning: Int?) {
        self.day = day
        self.during = during
        self.after = after
        self.nextMorning = nextMorning
    }
}

/// What the plan asked of one ISO week and what the log shows was done.
///
/// - Sessions: per activity, the phase's `weeklySessions`, spread over the week's counted days
///   (each day in force carries a seventh of its phase's number; the sum is rounded half up), so
///   a week split between two phases asks a share of each. Counted days run from the plan start
///   (or Monday) through Sunday (or today). Done = sessions of that activity logged on those
///   days, at most the number asked (more running does not make up for missed cycling).
///   `strength` and `exercises` count as one activity: the exercises are the strength work.
/// - Exercises: the phase's exercise routine, as often a week as its most frequent prescription
///   (`per_week`, or 7 × `per_day`), spread over the counted days the same way. Done = sessions
///   logged as `exercises` or `strength` (one session = the routine done once), at most the
///   number asked. The log has no per-exercise entries, so this is the closest honest count.
public struct WeekAdherence: Hashable, Sendable {
    public var weekStart: Day
    /// Days of the week inside the plan and not after today.
    public var days: Int
    public var sessionsPrescribed: Int
    public var sessionsDone: Int
    public var exercisesPrescribed: Int
    public var exercisesDone: Int

    public init(
        weekStart: Day, days: Int, sessionsPrescribed: Int, sessionsDone: Int,
        exercisesPrescribed: Int, exercisesDone: Int
    ) {
        self.weekStart = weekStart
        self.days = days
        self.sessionsPrescribed = sessionsPrescribed
        self.sessionsDone = sessionsDone
        self.exercisesPrescribed = exercisesPrescribed
        self.exercisesDone = exercisesDone
    }

    /// Done ÷ asked, 0…1; nil when nothing was asked.
    public var sessionsShare: Double? {
        sessionsPrescribed > 0 ? Double(sessionsDone) / Double(sessionsPrescribed) : nil
    }

    public var exercisesShare: Double? {
        exercisesPrescribed > 0 ? Double(exercisesDone) / Double(exercisesPrescribed) : nil
    }
}

/// A stretch of days spent in one phase, for the bands along a chart's time axis.
public struct PhaseBand: Hashable, Sendable {
    public var phase: String
    public var kind: PhaseKind
    public var from: Day
    /// The day before the next phase change, or today for the current phase.
    public var through: Day

    public init(phase: String, kind: PhaseKind, from: Day, through: Day) {
        self.phase = phase
        self.kind = kind
        self.from = from
        self.through = through
    }
}

/// One day of the acute:chronic series.
public struct LoadRatioPoint: Hashable, Sendable {
    public var day: Day
    public var load: Double
    public var acute: Double
    public var chronic: Double
    /// Acute ÷ chronic from the 28th day of data on; nil before, and while chronic is 0.
    public var ratio: Double?

    public init(day: Day, load: Double, acute: Double, chronic: Double, ratio: Double?) {
        self.day = day
        self.load = load
        self.acute = acute
        self.chronic = chronic
        self.ratio = ratio
    }
}

/// The EWMA acute:chronic workload ratio (Williams et al. 2017). Information only, never a
/// gate: it is disputed (Impellizzeri et al. 2020) and blows up after a rest phase, when the
/// chronic average is near zero.
public struct AcuteChronic: Hashable, Sendable {
    public static let acuteDays = 7
    public static let chronicDays = 28

    /// The metric of the phase in force today, applied to every day of the history.
    public var metric: LoadMetric
    /// Every day from the first day of data through today, oldest first.
    public var points: [LoadRatioPoint]

    public init(metric: LoadMetric, points: [LoadRatioPoint]) {
        self.metric = metric
        self.points = points
    }

    /// Today's ratio, or nil with fewer than 28 days of data.
    public var latest: Double? { points.last?.ratio }

    /// The last point on or before `day`.
    public func point(atMost day: Day) -> LoadRatioPoint? { points.last { $0.day <= day } }
}

/// Everything the progress charts draw, for one span of ISO weeks ending with today's week.
public struct ProgressSeries: Hashable, Sendable {
    public var today: Day
    /// Oldest first; the same weeks as `adherence`.
    public var weeks: [WeekSummary]
    public var adherence: [WeekAdherence]
    /// Session days (and days whose next morning was checked) inside the span, oldest first.
    public var pain: [DayPain]
    /// Phases as lived, clipped to the span.
    public var phases: [PhaseBand]
    /// Over the whole history (the chronic average needs it), not only the span.
    public var acuteChronic: AcuteChronic

    public init(
        today: Day, weeks: [WeekSummary], adherence: [WeekAdherence], pain: [DayPain],
        phases: [PhaseBand], acuteChronic: AcuteChronic
    ) {
        self.today = today
        self.weeks = weeks
        self.adherence = adherence
        self.pain = pain
        self.phases = phases
        self.acuteChronic = acuteChronic
    }

    /// The first day of the span (the Monday of the oldest week).
    public var from: Day { weeks.first?.weekStart ?? today.weekStart }
}

extension Engine {
    /// The series of the last `weeks` ISO weeks through today's week; nil = the whole history,
    /// from the week of the plan start (or of the first session, if earlier).
    public static func series(
        plan: Plan, assignment: Assignment, history: History, through today: Day,
        weeks: Int? = nil
    ) -> ProgressSeries {
        let evaluation = Evaluation(plan: plan, assignment: assignment, history: history)
        let count = max(1, weeks ?? historyWeeks(assignment: assignment, history: history, today))
        let summaries = evaluation.weeks(through: today, count: count)
        let from = summaries.first?.weekStart ?? today.weekStart
        return ProgressSeries(
            today: today, weeks: summaries,
            adherence: summaries.map { evaluation.adherence(of: $0.weekStart, today: today) },
            pain: painSeries(history: history, from: from, through: today),
            phases: phaseBands(plan: plan, assignment: assignment, from: from, through: today),
            acuteChronic: evaluation.acuteChronic(through: today))
    }

    /// How many ISO weeks the history spans through today's week (at least 1).
    public static func historyWeeks(assignment: Assignment, history: History, _ today: Day) -> Int {
        let first = firstDay(assignment: assignment, history: history)
        guard first <= today else { return 1 }
        return first.weekStart.days(to: today.weekStart) / 7 + 1
    }

    /// The plan start, or the first session if one was logged (or imported) before it.
    static func firstDay(assignment: Assignment, history: History) -> Day {
        let firstSession = history.sessions.map(\.date).min()
        return min(assignment.startDate, firstSession ?? assignment.startDate)
    }

    public static func adherence(
        plan: Plan, assignment: Assignment, history: History, weekStart: Day, today: Day
    ) -> WeekAdherence {
        Evaluation(plan: plan, assignment: assignment, history: history)
            .adherence(of: weekStart.weekStart, today: today)
    }

    /// Pain per session day `from` … `through`, with the next morning's check. A day without a
    /// session but followed by a morning check is listed too (during and after nil), so the
    /// morning line has no gaps on rest days.
    public static func painSeries(history: History, from: Day, through: Day) -> [DayPain] {
        let log = Logbook(history)
        guard from <= through else { return [] }
        var result: [DayPain] = []
        for offset in 0...from.days(to: through) {
            let day = from.adding(days: offset)
            let sessions = log.sessions(on: day)
            // Tomorrow's check only counts once tomorrow has come.
            let next = day < through ? log.morning(on: day.adding(days: 1))?.pain : nil
            guard !sessions.isEmpty || next != nil else { continue }
            result.append(
                DayPain(
                    day: day, during: sessions.map(\.painDuring).max(),
                    after: sessions.map(\.painAfter).max(), nextMorning: next))
        }
        return result
    }

    /// The phases of the assignment's history, each until the day before the next change (the
    /// current one through `through`), clipped to `from` … `through`. Unknown ids keep their
    /// id with the kind of a build-up, as the engine does.
    public static func phaseBands(plan: Plan, assignment: Assignment, from: Day, through: Day)
        -> [PhaseBand]
    {
        let changes = assignment.phaseHistory
        var bands: [PhaseBand] = []
        for (i, change) in changes.enumerated() {
            let end = i + 1 < changes.count ? changes[i + 1].date.adding(days: -1) : through
            let start = max(change.date, from)
            let stop = min(end, through)
            guard start <= stop else { continue }
            let kind = plan.phases.first { $0.id == change.phase }?.kind ?? .loadBuildUp
            bands.append(PhaseBand(phase: change.phase, kind: kind, from: start, through: stop))
        }
        return bands
    }

    /// Exponentially weighted moving averages of a daily series (Williams et al. 2017):
    /// e(t) = λ · load(t) + (1 − λ) · e(t−1), λ = 2 / (N + 1), starting from e(−1) = 0.
    public static func ewma(_ loads: [Double], days: Int) -> [Double] {
        let lambda = 2 / (Double(max(1, days)) + 1)
        var value = 0.0
        return loads.map { load in
            value = lambda * load + (1 - lambda) * value
            return value
        }
    }
}

extension Evaluation {
    /// See `WeekAdherence` for the definitions.
    func adherence(of weekStart: Day, today: Day) -> WeekAdherence {
        let from = max(weekStart, assignment.startDate)
        let end = min(weekStart.adding(days: 6), today)
        guard from <= end else {
            return WeekAdherence(
                weekStart: weekStart, days: 0, sessionsPrescribed: 0, sessionsDone: 0,
                exercisesPrescribed: 0, exercisesDone: 0)
        }
        // Sevenths of a session, summed in integers so 7 × 3/7 is exactly 3.
        var sessionSevenths: [Activity: Int] = [:]
        var exerciseSevenths = 0
        let days = from.days(to: end) + 1
        for offset in 0..<days {
            let phase = phase(of: change(at: from.adding(days: offset))).phase
            for (activity, count) in phase.weeklySessions {
                sessionSevenths[adherenceActivity(activity), default: 0] += count
            }
            exerciseSevenths +=
                phase.exercises.map { $0.perWeek ?? 7 * ($0.perDay ?? 0) }.max() ?? 0
        }
        func roundedShare(_ sevenths: Int) -> Int { (2 * sevenths + 7) / 14 }

        let logged = log.sessions(from: from, through: end)
        var done: [Activity: Int] = [:]
        for session in logged { done[adherenceActivity(session.activity), default: 0] += 1 }
        var prescribed = 0
        var doneSessions = 0
        for (activity, sevenths) in sessionSevenths {
            let asked = roundedShare(sevenths)
            prescribed += asked
            doneSessions += min(asked, done[activity] ?? 0)
        }
        let exercisesAsked = roundedShare(exerciseSevenths)
        return WeekAdherence(
            weekStart: weekStart, days: days, sessionsPrescribed: prescribed,
            sessionsDone: doneSessions, exercisesPrescribed: exercisesAsked,
            exercisesDone: min(exercisesAsked, done[.strength] ?? 0))
    }

    /// Daily load in today's phase metric from the first day of data, with the 7- and 28-day
    /// EWMAs and their ratio from the 28th day on.
    func acuteChronic(through today: Day) -> AcuteChronic {
        let metric = phase(of: currentChange).phase.loadMetric
        let start = min(assignment.startDate, log.sessions.first?.date ?? assignment.startDate)
        guard start <= today else { return AcuteChronic(metric: metric, points: []) }
        let days = (0...start.days(to: today)).map { start.adding(days: $0) }
        let loads = days.map { log.load(metric, from: $0, through: $0) }
        let acute = Engine.ewma(loads, days: AcuteChronic.acuteDays)
        let chronic = Engine.ewma(loads, days: AcuteChronic.chronicDays)
        let points = days.indices.map { i in
            LoadRatioPoint(
                day: days[i], load: loads[i], acute: acute[i], chronic: chronic[i],
                ratio: i + 1 >= AcuteChronic.chronicDays && chronic[i] > loadTolerance
                    ? acute[i] / chronic[i] : nil)
        }
        return AcuteChronic(metric: metric, points: points)
    }
}

/// Strength work and the exercise routine are one thing for adherence.
private func adherenceActivity(_ activity: Activity) -> Activity {
    activity == .exercises ? .strength : activity
}
