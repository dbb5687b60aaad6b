// The day-verdict rules (DESIGN section 4, verdict table), one function per finding.

extension Evaluation {
    /// The verdict as of `day`. `includeOverdue: false` leaves out phase_overdue, which itself
    /// depends on readiness (and so on the green-day streak): the streak is counted without it,
    /// or an overdue phase could never become ready again.
    func verdict(on day: Day, includeOverdue: Bool = true) -> Verdict {
        let change = change(at: day)
        let phase = phase(of: change).phase
        let thresholds = plan.thresholds(in: phase)
        var findings: [Finding] = log.openFlags(asOf: day).map {
            Finding(code: .redFlag, date: $0.date, flag: $0.flag)
        }
        if let sessionDay = log.latestSessionDay(atMost: day) {
            findings += sessionFindings(on: sessionDay, asOf: day, thresholds: thresholds)
        }
        let load = loadStatus(on: day, phase: phase, thresholds: thresholds)
        if load.overCap, let cap = load.cap {
            // The percentage is named only when the cap came from last week, not the floor.
            let raised = load.lastWeek * (1 + thresholds.weeklyIncreasePct / 100)
            let fromLastWeek = load.lastWeek > 0 && raised >= cap - loadTolerance
            findings.append(
                Finding(
                    code: .weeklyLoadOverCap, date: load.weekStart, seen: load.thisWeek,
                    limit: cap, unit: phase.loadMetric.unit,
                    percent: fromLastWeek ? thresholds.weeklyIncreasePct : nil))
        }
        if let spike = spikeFinding(on: log.latestSessionDay(atMost: day), thresholds: thresholds) {
            findings.append(spike)
        }
        if includeOverdue, let overdue = overdueFinding(change: change, phase: phase, on: day) {
            findings.append(overdue)
        }
        if let quiet = noRecentLogFinding(on: day) { findings.append(quiet) }
        if let stuck = noImprovementFinding(
            change: change, phase: phase, on: day,
            thresholds: thresholds)
        {
            findings.append(stuck)
        }
        return Verdict(findings: findings)
    }

    /// The findings about session day `sessionDay` itself (pain, lasting pain, next morning),
    /// as of `day`. The spike is separate: step-back counts only these.
    func sessionFindings(on sessionDay: Day, asOf day: Day, thresholds: Thresholds) -> [Finding] {
        let sessions = log.sessions(on: sessionDay)
        guard !sessions.isEmpty else { return [] }
        let during = sessions.map(\.painDuring).max() ?? 0
        let after = sessions.map(\.painAfter).max() ?? 0
        let safe = thresholds.painSafeMax
        let limit = thresholds.painLimit
        var findings: [Finding] = []
        if max(during, after) > limit {
            findings.append(
                Finding(
                    code: .painAboveLimit, date: sessionDay, seen: Double(max(during, after)),
                    limit: Double(limit)))
        }
        if sessions.contains(where: \.lastedOver2h) {
            findings.append(
                Finding(
                    code: .painLasted, date: sessionDay,
                    limit: Double(thresholds.painLastingHours), unit: "h"))
        }
        if let worse = worseNextMorning(after: sessionDay, asOf: day) { findings.append(worse) }
        if during > safe && during <= limit {
            findings.append(
                Finding(
                    code: .painDuringAboveSafe, date: sessionDay, seen: Double(during),
                    limit: Double(safe)))
        }
        if after > safe && after <= limit {
            findings.append(
                Finding(
                    code: .painAfterAboveSafe, date: sessionDay, seen: Double(after),
                    limit: Double(safe)))
        }
        return findings
    }

    /// The morning after a session day scored higher than the latest morning on or before it.
    /// Without an earlier morning there is no baseline and no finding.
    func worseNextMorning(after sessionDay: Day, asOf day: Day) -> Finding? {
        let nextDay = sessionDay.adding(days: 1)
        guard day >= nextDay, let next = log.morning(on: nextDay),
            let baseline = log.latestMorning(atMost: sessionDay), next.pain > baseline.pain
        else { return nil }
        return Finding(
            code: .worseNextMorning, date: nextDay, seen: Double(next.pain),
            limit: Double(baseline.pain))
    }

    /// Load of `day`'s ISO week (through `day`) against the cap built on the week before.
    func loadStatus(on day: Day, phase: Phase, thresholds: Thresholds) -> LoadStatus {
        let weekStart = day.weekStart
        let metric = phase.loadMetric
        let thisWeek = log.load(metric, from: weekStart, through: day)
        let lastWeek = log.load(
            metric, from: weekStart.adding(days: -7), through: weekStart.adding(days: -1))
        // Each run/walk step raises the running inside a fixed session length, faster than
        // 10 % a week by design; the cap takes over once the last step is passed.
        let scheduleSetsLoad =
            !phase.runWalk.isEmpty
            && runWalkPosition(of: change(at: day), today: day)?.completed != true
        let cap =
            scheduleSetsLoad
            ? nil
            : Engine.cap(
                previousWeek: lastWeek, startingVolume: startingVolume(phase),
                increasePct: thresholds.weeklyIncreasePct)
        return LoadStatus(
            metric: metric, weekStart: weekStart, thisWeek: thisWeek, lastWeek: lastWeek, cap: cap,
            overCap: cap.map { thisWeek > $0 + loadTolerance } ?? false,
            scheduleSetsLoad: scheduleSetsLoad)
    }

    /// A run on the session day more than `sessionSpikePct` % longer than the longest run of the
    /// 30 days before (Frandsen et al. 2025). Km where the run has km, else minutes.
    func spikeFinding(on sessionDay: Day?, thresholds: Thresholds) -> Finding? {
        guard let sessionDay else { return nil }
        // Within a run/walk schedule the steps set the session length and their own pace of
        // progress, so a run no longer than the schedule's longest session is not a spike.
        let schedule = phase(of: change(at: sessionDay)).phase.runWalk
        let scheduled = schedule.map(\.totalMinutes).max() ?? 0
        let runs = log.sessions(on: sessionDay).filter {
            $0.activity == .run && (schedule.isEmpty || $0.minutes > scheduled)
        }
        guard !runs.isEmpty else { return nil }
        let before = log.sessions(
            from: sessionDay.adding(days: -30), through: sessionDay.adding(days: -1)
        ).filter { $0.activity == .run }
        let seen: Double
        let longest: Double?
        let unit: String
        if let km = runs.compactMap(\.km).max() {
            seen = km
            longest = before.compactMap(\.km).max()
            unit = "km"
        } else {
            seen = Double(runs.map(\.minutes).max() ?? 0)
            longest = before.map { Double($0.minutes) }.max()
            unit = "min"
        }
        guard let longest, longest > 0 else { return nil }
        let allowed = longest * (1 + thresholds.sessionSpikePct / 100)
        guard seen > allowed + loadTolerance else { return nil }
        return Finding(
            code: .sessionSpike, date: sessionDay, seen: seen, limit: allowed, unit: unit,
            percent: thresholds.sessionSpikePct)
    }

    /// Past max days and the exit criteria still not met.
    func overdueFinding(change: PhaseChange, phase: Phase, on day: Day) -> Finding? {
        let phaseDay = phaseDay(of: change, on: day)
        guard let maxDays = phase.maxDays, phaseDay > maxDays,
            !readiness(of: change, today: day).unmet.isEmpty
        else { return nil }
        return Finding(
            code: .phaseOverdue, date: day, seen: Double(phaseDay), limit: Double(maxDays))
    }

    /// Nothing logged on the day or the two before, once the plan has run three days.
    func noRecentLogFinding(on day: Day) -> Finding? {
        guard assignment.startDate.days(to: day) >= 3,
            !log.hasLog(from: day.adding(days: -2), through: day)
        else { return nil }
        return Finding(code: .noRecentLog, date: day, limit: 3)
    }

    /// In relative rest, pain that has not come down over the last `noImprovementDays` days:
    /// the mean of the scored days among the window's first three against its last three.
    /// seen = late mean, limit = early mean, date = the window's first day.
    func noImprovementFinding(
        change: PhaseChange, phase: Phase, on day: Day, thresholds: Thresholds
    ) -> Finding? {
        let days = thresholds.noImprovementDays
        guard phase.kind == .relativeRest, days >= 1, phaseDay(of: change, on: day) >= days
        else { return nil }
        let windowStart = day.adding(days: 1 - days)
        func mean(from: Day) -> Double? {
            let scores = (0..<3).compactMap { painScore(on: from.adding(days: $0)) }
            return scores.isEmpty ? nil : Double(scores.reduce(0, +)) / Double(scores.count)
        }
        guard let early = mean(from: windowStart), let late = mean(from: day.adding(days: -2)),
            late >= early, late > 0
        else { return nil }
        return Finding(code: .noImprovement, date: windowStart, seen: late, limit: early)
    }

    /// A day's pain: the highest of its session scores and its morning score; nil if unlogged.
    func painScore(on day: Day) -> Int? {
        let sessionPain = log.sessions(on: day).map { max($0.painDuring, $0.painAfter) }.max()
        let morningPain = log.morning(on: day)?.pain
        switch (sessionPain, morningPain) {
        case (let s?, let m?): return max(s, m)
        case (let s?, nil): return s
        case (nil, let m?): return m
        case (nil, nil): return nil
        }
    }
}
