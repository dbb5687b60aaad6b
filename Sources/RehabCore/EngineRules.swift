// The day-verdict rules (DESIGN section 4, version 2, verdict table), one function per finding.

extension Evaluation {
    /// The phase in force on a day.
    func phase(on day: Day) -> Phase { phase(of: change(at: day)).phase }

    /// The thresholds of the phase in force on a day, remembered for the call.
    func thresholds(on day: Day) -> Thresholds {
        let change = change(at: day)
        let key = ChangeKey(change)
        if let t = memo.thresholds[key] { return t }
        let t = plan.thresholds(in: phase(of: change).phase)
        memo.thresholds[key] = t
        return t
    }

    /// Osteoarthritis plans and maintenance phases (seed 004): moving more is better and an
    /// occasional overload does no harm.
    func movementIsMedicine(on day: Day) -> Bool {
        osteoarthritisPlan || kind(of: change(at: day)) == .maintenance
    }

    /// The verdict as of `day`, from records dated on or before it. `includeOverdue: false`
    /// leaves out phase_overdue, which itself depends on readiness (and so on the green-day
    /// streak): the streak is counted without it, or an overdue phase could never become ready.
    func verdict(on day: Day, includeOverdue: Bool = true) -> Verdict {
        let change = change(at: day)
        let phase = phase(of: change).phase
        let thresholds = thresholds(on: day)
        var findings: [Finding] = []
        for report in log.openFlags(asOf: day) {
            if plan.isReferral(report.flag) {
                findings.append(Finding(code: .seePhysio, date: report.date, flag: report.flag))
            } else {
                findings.append(
                    Finding(
                        code: .redFlag, date: report.date, flag: report.flag,
                        urgency: plan.urgency(ofFlag: report.flag)))
            }
        }
        if let sessionDay = log.latestSessionDay(atMost: day), sessionDay >= assignment.startDate {
            findings += sessionFindings(on: sessionDay)
        }
        findings += responseFindings(asOf: day)
        if let morning = morningFinding(asOf: day) { findings.append(morning) }
        if let weekly = weekToWeekFinding(asOf: day) { findings.append(weekly) }
        if let over = overCapFinding(on: day) { findings.append(over) }
        // Plain verdicts (green-day streaks) leave completion out: completion reads streaks.
        let complete = includeOverdue && planComplete(asOf: day)
        if includeOverdue, !complete,
            let overdue = overdueFinding(change: change, phase: phase, on: day)
        {
            findings.append(overdue)
        }
        if !complete, let quiet = noRecentLogFinding(on: day) { findings.append(quiet) }
        if let stuck = noImprovementFinding(phase: phase, on: day, thresholds: thresholds) {
            findings.append(stuck)
        }
        if !log.hasLog(from: assignment.startDate, through: day) {
            findings.append(Finding(code: .nothingLoggedYet, date: assignment.startDate))
        }
        return Verdict(findings: findings)
    }

    /// The findings about session day `sessionDay` itself, judged against each session's own
    /// activity thresholds; they hold until the next session day. The day takes the worst: one
    /// finding per code, from the session that scored worst on it.
    func sessionFindings(on sessionDay: Day) -> [Finding] {
        if let memo = memo.sessionFindings[sessionDay.number] { return memo }
        let sessions = log.sessions(on: sessionDay)
        let phase = self.phase(on: sessionDay)
        let thresholds = self.thresholds(on: sessionDay)
        var worst: [ReasonCode: Finding] = [:]
        func keep(_ finding: Finding) {
            guard let current = worst[finding.code] else {
                worst[finding.code] = finding
                return
            }
            if finding.level > current.level
                || (finding.level == current.level && (finding.seen ?? 0) > (current.seen ?? 0))
            {
                worst[finding.code] = finding
            }
        }
        for session in sessions {
            let (safe, limit) = thresholds.pain(for: session.activity)
            let activity = session.activity.rawValue
            let peak = max(session.painDuring, session.painAfter)
            if peak > limit {
                keep(
                    Finding(
                        code: .painAboveLimit, date: sessionDay, seen: Double(peak),
                        limit: Double(limit), flag: activity))
            }
            if session.lastedOver2h {
                keep(
                    Finding(
                        code: .painLasted, date: sessionDay,
                        limit: Double(thresholds.painLastingHours), unit: "h"))
            }
            if session.painDuring > safe && session.painDuring <= limit {
                keep(
                    Finding(
                        code: .painDuringAboveSafe, date: sessionDay,
                        seen: Double(session.painDuring), limit: Double(safe), flag: activity))
            }
            if session.painAfter > safe && session.painAfter <= limit {
                keep(
                    Finding(
                        code: .painAfterAboveSafe, date: sessionDay,
                        seen: Double(session.painAfter), limit: Double(safe), flag: activity))
            }
            if !phase.permits(session.activity) {
                keep(
                    Finding(
                        code: .activityNotAllowed,
                        level: session.activity == .run ? .red : .amber, date: sessionDay,
                        flag: activity))
            }
        }
        if let spike = spikeFinding(on: sessionDay) { keep(spike) }
        if let layoff = layoffFinding(on: sessionDay) { keep(layoff) }
        if sessions.contains(where: { $0.activity == .run }), scheduleRuns(on: sessionDay),
            log.sessions(on: sessionDay.adding(days: -1)).contains(where: { $0.activity == .run })
        {
            keep(Finding(code: .runEveryOtherDay, date: sessionDay))
        }
        let findings = ReasonCode.allCases.compactMap { worst[$0] }
        memo.sessionFindings[sessionDay.number] = findings
        return findings
    }

    /// Past max days without meeting the exit (a phase without exit criteria is open-ended).
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

    /// In relative rest, with at least 5 mornings in the last `no_improvement_days`: the median
    /// of the last 3 above `morning.safe_max` and not at least 1 below the median of the first
    /// 3 (seed 000). Never while mornings stay within safe_max: steady low pain in rest is
    /// recovery, not a reason to see the GP. seen = late median, limit = early median.
    func noImprovementFinding(phase: Phase, on day: Day, thresholds: Thresholds) -> Finding? {
        let days = thresholds.noImprovementDays
        guard phase.kind == .relativeRest, days >= 1 else { return nil }
        let window = Array(log.mornings(from: day.adding(days: 1 - days), through: day))
        guard window.count >= 5, let early = median(window.prefix(3).map(\.pain)),
            let late = median(window.suffix(3).map(\.pain)),
            late > Double(thresholds.morningSafeMax) + loadTolerance,
            late > early - 1 + loadTolerance
        else { return nil }
        return Finding(code: .noImprovement, date: window[0].date, seen: late, limit: early)
    }
}

extension Phase {
    /// Whether the phase lets the runner do an activity: listed in `allowed` (an empty list
    /// allows everything) and not avoided (`avoid: [running]` rules out runs). The phase's own
    /// exercises are always allowed; `other` cannot be judged and is not.
    public func permits(_ activity: Activity) -> Bool {
        if activity == .run && avoid.contains(.running) { return false }
        if activity == .other { return true }
        if (activity == .exercises || activity == .strength) && !exercises.isEmpty { return true }
        return allowed.isEmpty || allowed.contains(activity)
    }

    /// A running phase allows `run` (DESIGN section 4).
    public var allowsRunning: Bool { permits(.run) }
}
