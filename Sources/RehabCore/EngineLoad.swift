// Load, caps and single-run spikes (DESIGN section 4 version 2, weekly cap): one computation
// that Today, `status`, `week`, the reports and Progress all read.

/// Minutes of moderate activity a week that osteoarthritis plans never cap below (seed 004).
let weeklyActivityMinutes = 150

/// Marks an over-cap finding whose cap the run/walk step set (its message says so).
public let scheduleMarker = "run_walk"

/// Marks an over-cap finding whose cap a week without load carried on from the week before.
public let weekOffMarker = "week_off"

/// How many weeks back a cap chains through last weeks' caps: enough that only a runner over
/// the cap every week for a quarter of a year meets the end of the chain (whose cap then takes
/// last week's total alone), and short enough that a status reads months, not years.
let capChainWeeks = 12

/// How far before a phase change the floor after a schedule looks for the schedule's last run.
let scheduleLookBackDays = 60

/// The schedule's load: minutes of running, walk breaks included.
let scheduleMetric = LoadMetric.minutes([.run])

extension Engine {
    /// The weekly cap rule: max(min(last week's total, last week's cap) × (1 + pct/100), floor).
    /// An over-cap week does not raise the next cap; an empty last week leaves the floor. With
    /// no floor, an empty week carries its own cap on unraised: read literally the formula gives
    /// 0, and every later cap 0 with it, and no cap at all would let a runner back from a week
    /// off do any volume; "up at most 10 % a week" protects best read as "no more than before
    /// the week off". With no cap last week either there is none.
    public static func cap(lastTotal: Double, lastCap: Double?, floor: Double?, increasePct: Double)
        -> Double?
    {
        let raised =
            lastTotal > 0 ? min(lastTotal, lastCap ?? lastTotal) * (1 + increasePct / 100) : nil
        switch (raised, floor) {
        case (let r?, let f?): return max(r, f)
        case (let r?, nil): return r
        case (nil, let f?): return f
        case (nil, nil): return lastCap
        }
    }
}

extension Evaluation {
    /// Whether a run/walk schedule sets the load on `day`: the phase has steps and the last one
    /// is not passed yet, or was passed this very week (the week's runs were the schedule's; the
    /// km cap starts with the next week).
    /// Remembered per day: every cap, load and verdict of the day asks.
    func scheduleRuns(on day: Day) -> Bool {
        if let runs = memo.scheduleRuns[day.number] { return runs }
        let change = change(at: day)
        var runs = false
        if hasSchedule(change), let position = runWalkPosition(of: change, today: day) {
            runs = !position.completed || position.completedOn?.weekStart == day.weekStart
        }
        memo.scheduleRuns[day.number] = runs
        return runs
    }

    /// The metric the week of `day` is measured in: minutes of running while a schedule runs,
    /// else the phase's own. Remembered per day, as the caps of a chain ask it of each week.
    func metric(on day: Day) -> LoadMetric {
        if let metric = memo.metrics[day.number] { return metric }
        let metric = scheduleRuns(on: day) ? scheduleMetric : loadMetric(of: change(at: day))
        memo.metrics[day.number] = metric
        return metric
    }

    /// Load of `day`'s ISO week (through `day`) against its cap.
    func loadStatus(on day: Day) -> LoadStatus {
        let monday = day.weekStart
        let metric = metric(on: day)
        let thisWeek = log.load(metric, from: monday, through: day)
        let lastWeek = log.load(
            metric, from: monday.adding(days: -7), through: monday.adding(days: -1))
        let cap = cap(on: day)
        return LoadStatus(
            metric: metric, weekStart: monday, thisWeek: thisWeek, lastWeek: lastWeek, cap: cap,
            overCap: cap.map { thisWeek > $0 + loadTolerance } ?? false,
            scheduleSetsLoad: scheduleRuns(on: day))
    }

    /// The cap of `day`'s week, with the phase in force on `day`:
    /// max(min(last week's total, last week's cap) × (1 + pct/100), floor). An over-cap week
    /// does not raise the next cap; last week's cap takes part only in the same metric. While a
    /// schedule runs: per_week × total of the step in force (the largest of the week's steps
    /// since the last step back).
    /// Osteoarthritis plans never cap
    /// moderate activity below 150 minutes a week (seed 004).
    func cap(on day: Day) -> Double? {
        if let memo = memo.caps[day.number] { return memo }
        let cap = computeCap(on: day, chain: capChainWeeks)
        memo.caps[day.number] = .some(cap)
        return cap
    }

    /// `chain`: how many last weeks' caps may still take part.
    private func computeCap(on day: Day, chain: Int) -> Double? {
        let change = change(at: day)
        if scheduleRuns(on: day) {
            // The step in force on the day; when a step was passed during the week, the larger
            // of its steps' caps, so a runner who did exactly what each step asked is not over
            // (a continuous step can be shorter than the run/walk step before it). A step back
            // on a new red day starts again from the step in force after it: the step the
            // runner was sent back from no longer sets the cap (DESIGN section 4).
            var cap = 0
            var index: Int?
            var d = max(day.weekStart, change.date)
            while d <= day {
                if let position = runWalkPosition(of: change, today: d) {
                    let stepCap = position.step.sessionsPerWeek * position.step.totalMinutes
                    let steppedBack = index.map { position.index < $0 } ?? false
                    cap = steppedBack ? stepCap : max(cap, stepCap)
                    index = position.index
                }
                d = d.adding(days: 1)
            }
            return Double(cap)
        }
        let metric = loadMetric(of: change)
        let monday = day.weekStart
        let lastSunday = monday.adding(days: -1)
        let lastTotal = log.load(metric, from: monday.adding(days: -7), through: lastSunday)
        // Last week's cap, where it was measured the same way and inside this cap's chain.
        var lastCap: Double?
        if chain > 0, lastSunday >= chainStart(of: change), self.metric(on: lastSunday) == metric {
            lastCap = computeCap(on: lastSunday, chain: chain - 1).flatMap { $0 > 0 ? $0 : nil }
        }
        var floor = floor(on: day)
        if case .minutes = metric, movementIsMedicine(on: day) {
            floor = max(floor ?? 0, Double(weeklyActivityMinutes))
        }
        let cap = Engine.cap(
            lastTotal: lastTotal, lastCap: lastCap, floor: floor,
            increasePct: thresholds(on: day).weeklyIncreasePct)
        // With no floor, no cap last week and nothing logged in it there is nothing to build a
        // cap on: the first week sets the base, while the spike and layoff rules still bound
        // every run.
        return cap
    }

    /// The first day whose week can pass its cap on: the start of the run of phases measured
    /// the same way that ends with `change` (so a cap never jumps because a phase changed, a
    /// step back included). `firstDayRead` reads this far back.
    func chainStart(of change: PhaseChange) -> Day {
        let key = ChangeKey(change)
        if let start = memo.chainStarts[key] { return start }
        let start: Day
        if var i = assignment.phaseHistory.lastIndex(of: change) {
            let metric = loadMetric(of: change)
            while i > 0, loadMetric(of: assignment.phaseHistory[i - 1]) == metric { i -= 1 }
            start =
                i == 0
                ? min(assignment.phaseHistory[0].date, assignment.startDate)
                : assignment.phaseHistory[i].date
        } else {
            start = min(change.date, assignment.startDate)
        }
        memo.chainStarts[key] = start
        return start
    }

    /// The floor of the cap on `day`: the phase's starting volume; right after a run/walk
    /// schedule, the km logged in the schedule's last week (else the starting volume), and
    /// never more than the starting volume where the phase has one.
    func floor(on day: Day) -> Double? {
        let change = change(at: day)
        let metric = loadMetric(of: change)
        let start = startingVolume(of: change)
        guard metric == .km else { return start }
        // The schedule's last run: the one that passed its last step, or the last run of the
        // schedule phase just left. Its week counts through that run, not the runs after it.
        var lastScheduleRun: Day?
        if hasSchedule(change) {
            lastScheduleRun = runWalkPosition(of: change, today: day)?.completedOn
        } else if let i = assignment.phaseHistory.lastIndex(of: change), i > 0 {
            let previous = assignment.phaseHistory[i - 1]
            if hasSchedule(previous) {
                let lastDay = change.date.adding(days: -1)
                let from = max(previous.date, change.date.adding(days: -scheduleLookBackDays))
                lastScheduleRun =
                    log.sessions(from: from, through: lastDay)
                    .last { $0.activity == .run }?.date
            }
        }
        guard let last = lastScheduleRun else { return start }
        let km = log.load(.km, from: last.weekStart, through: last)
        guard km > 0 else { return start }
        // A floor lets a runner restart after a quiet week; it never allows more than either
        // the schedule's last week or the phase's own starting volume (the reading that protects).
        return start.map { min($0, km) } ?? km
    }

    /// Over the cap. In osteoarthritis plans only in an overloading week (seed 004: an
    /// occasional overload does no harm). The percentage is named when last week set the cap.
    func overCapFinding(on day: Day) -> Finding? {
        let load = loadStatus(on: day)
        guard load.overCap, let cap = load.cap else { return nil }
        if movementIsMedicine(on: day), !overloading(week: load.weekStart, through: day) {
            return nil
        }
        let pct = thresholds(on: day).weeklyIncreasePct
        // Above the floor, the cap came from last week: raised from its load, or carried on
        // unraised when it had none.
        let aboveFloor = !load.scheduleSetsLoad && cap > (floor(on: day) ?? 0) + loadTolerance
        let fromLastWeek = aboveFloor && load.lastWeek > 0
        let carried = aboveFloor && load.lastWeek <= 0
        return Finding(
            code: .weeklyLoadOverCap, date: load.weekStart, seen: load.thisWeek, limit: cap,
            unit: load.metric.unit,
            flag: load.scheduleSetsLoad ? scheduleMarker : carried ? weekOffMarker : nil,
            percent: fromLastWeek ? pct : nil)
    }

    /// At least two different session days of the week with a worse response seen by `day`.
    func overloading(week monday: Day, through day: Day) -> Bool {
        let worse = log.sessionDates(from: monday, through: min(day, monday.adding(days: 6)))
            .filter { sessionDay in
                guard let r = responseDay(of: sessionDay), r <= day else { return false }
                return response(of: sessionDay) != nil
            }
        return worse.count >= 2
    }

    /// A run longer than `session_spike_pct` over the longest run of the 30 days before it
    /// (Frandsen et al. 2025); runs on one date add up, km where every run has km, else
    /// minutes. While a schedule runs: over 110 % of the step's session instead.
    func spikeFinding(on sessionDay: Day) -> Finding? {
        let runs = log.sessions(on: sessionDay).filter { $0.activity == .run }
        guard !runs.isEmpty else { return nil }
        let minutes = Double(runs.reduce(0) { $0 + $1.minutes })
        if scheduleRuns(on: sessionDay),
            let step = runWalkPosition(of: change(at: sessionDay), today: sessionDay)?.step
        {
            let allowed = Double(step.totalMinutes) * 1.1
            guard minutes > allowed + loadTolerance else { return nil }
            return Finding(
                code: .sessionSpike, date: sessionDay, seen: minutes, limit: allowed, unit: "min")
        }
        let km: Double? =
            runs.allSatisfy { $0.km != nil } ? runs.reduce(0) { $0 + ($1.km ?? 0) } : nil
        var longestKm: Double?
        var longestMinutes: Double?
        var day: Day?
        var dayKm: Double? = 0
        var dayMinutes = 0.0
        func close() {
            guard day != nil else { return }
            if let dayKm { longestKm = max(longestKm ?? 0, dayKm) }
            longestMinutes = max(longestMinutes ?? 0, dayMinutes)
        }
        for run in log.sessions(
            from: sessionDay.adding(days: -30), through: sessionDay.adding(days: -1))
        where run.activity == .run {
            if run.date != day {
                close()
                day = run.date
                dayKm = 0
                dayMinutes = 0
            }
            dayKm = dayKm.flatMap { total in run.km.map { total + $0 } }
            dayMinutes += Double(run.minutes)
        }
        close()
        let pct = thresholds(on: sessionDay).sessionSpikePct
        let (seen, longest, unit): (Double, Double?, String) =
            if let km, let longestKm, longestKm > 0 { (km, longestKm, "km") } else {
                (minutes, longestMinutes, "min")
            }
        guard let longest, longest > 0 else { return nil }
        let allowed = longest * (1 + pct / 100)
        guard seen > allowed + loadTolerance else { return nil }
        return Finding(
            code: .sessionSpike, date: sessionDay, seen: seen, limit: allowed, unit: unit,
            percent: pct)
    }

    /// In a running phase, a run after 30 days without one that lasts longer than the first
    /// step of the plan's run/walk schedule (else 30 minutes): reopen the schedule. Days before
    /// the plan count as without a run unless the runner gave their weekly km at the start.
    func layoffFinding(on sessionDay: Day) -> Finding? {
        let runs = log.sessions(on: sessionDay).filter { $0.activity == .run }
        // Before the plan the log knows nothing: a runner who said how far they ran each week
        // was running then, so a layoff is judged only over days the plan has seen.
        let unseen = assignment.startDate > sessionDay.adding(days: -30)
        if unseen, (assignment.startingWeeklyKm ?? 0) > 0 { return nil }
        guard !runs.isEmpty, phase(on: sessionDay).allowsRunning,
            !log.sessions(from: sessionDay.adding(days: -30), through: sessionDay.adding(days: -1))
                .contains(where: { $0.activity == .run })
        else { return nil }
        let first = plan.phases.first { !$0.runWalk.isEmpty }?.runWalk.first?.totalMinutes ?? 30
        let minutes = runs.reduce(0) { $0 + $1.minutes }
        guard minutes > first else { return nil }
        return Finding(
            code: .returnAfterLayoff, date: sessionDay, seen: Double(minutes),
            limit: Double(first), unit: "min")
    }
}
