// Phase progression: exit criteria, readiness for the next phase, suggestions (advance, step
// back, contact the physio) and the position in a run/walk schedule.

extension Evaluation {
    /// The exit criteria of the phase `change` started, as of `today`.
    ///
    /// - min_days counts days completed in the phase (the start day is day 1, completed when the
    ///   next day begins); the required number is the larger of the exit's and the phase's min days.
    /// - green_days counts back from the most recent logged day (a session or a morning check) in
    ///   the phase, while each day's verdict as of that day is green (without phase_overdue, see
    ///   `verdict(on:includeOverdue:)`); it stops counting once the requirement is reached.
    func readiness(of change: PhaseChange, today: Day) -> Readiness {
        let (phase, index) = phase(of: change)
        let exit = phase.exit
        let start = change.date
        let inPhase = log.sessions(from: start, through: today)
        var criteria: [CriterionStatus] = []
        func add(_ criterion: Criterion, required: Double, current: Double) {
            criteria.append(
                CriterionStatus(
                    criterion: criterion, required: required, current: current,
                    met: current >= required - loadTolerance))
        }

        if exit.minDays != nil || phase.minDays > 0 {
            add(
                .minDays, required: Double(max(exit.minDays ?? 0, phase.minDays)),
                current: Double(max(0, start.days(to: today))))
        }
        if let required = exit.greenDays {
            add(
                .greenDays, required: Double(required),
                current: Double(greenStreak(from: start, through: today, upTo: required)))
        }
        if let required = exit.painFreeWalkMinutes {
            let longest = inPhase.filter { $0.activity == .walk && $0.painDuring <= 2 }
                .map(\.minutes).max() ?? 0
            add(.painFreeWalkMinutes, required: Double(required), current: Double(longest))
        }
        if let required = exit.weeklyLoad {
            var byWeek: [Int: Double] = [:]
            for session in inPhase {
                byWeek[session.date.weekStart.number, default: 0] +=
                    contribution(session, to: phase.loadMetric)
            }
            add(.weeklyLoad, required: required, current: byWeek.values.max() ?? 0)
        }
        if let required = exit.hopTest {
            add(
                .hopTest, required: Double(required),
                current: Double(inPhase.compactMap(\.hopTest).max() ?? 0))
        }
        if let required = exit.calfRaises {
            add(
                .calfRaises, required: Double(required),
                current: Double(inPhase.compactMap(\.calfRaises).max() ?? 0))
        }
        if exit.runWalkCompleted == true {
            let done = runWalkPosition(of: change, today: today)?.completed ?? false
            add(.runWalkCompleted, required: 1, current: done ? 1 : 0)
        }

        let unmet = criteria.filter { !$0.met }.map(\.criterion)
        let next = index + 1 < plan.phases.count ? plan.phases[index + 1] : nil
        let ready = unmet.isEmpty && next != nil && log.openFlags(asOf: today).isEmpty
        return Readiness(ready: ready, next: next, criteria: criteria, unmet: unmet)
    }

    /// Consecutive green logged days ending at the latest logged day, counting at most `limit`.
    func greenStreak(from start: Day, through today: Day, upTo limit: Int) -> Int {
        var streak = 0
        for day in log.loggedDays(from: start, through: today).reversed() {
            guard streak < limit, verdict(on: day, includeOverdue: false).level == .green
            else { break }
            streak += 1
        }
        return streak
    }

    func suggestions(today: Day, readiness: Readiness) -> [Suggestion] {
        let change = currentChange
        let (phase, index) = phase(of: change)
        var suggestions: [Suggestion] = []
        if readiness.ready, let next = readiness.next {
            suggestions.append(Suggestion(code: .advance, phase: next.id))
        }
        // Two red session days within 7 days while loading up: one phase back.
        if phase.kind == .loadBuildUp || phase.kind == .returnToRunning, index > 0 {
            let thresholds = plan.thresholds(in: phase)
            let from = max(today.adding(days: -6), change.date)
            let redDays = log.sessionDates(from: from, through: today).filter { day in
                sessionFindings(on: day, asOf: today, thresholds: thresholds)
                    .contains { $0.level == .red }
            }
            if redDays.count >= 2 {
                suggestions.append(
                    Suggestion(code: .stepBack, phase: plan.phases[index - 1].id, dates: redDays))
            }
        }
        if let maxDays = phase.maxDays, phaseDay(of: change, on: today) > maxDays {
            suggestions.append(Suggestion(code: .contactPhysio, phase: phase.id))
        }
        return suggestions
    }

    /// Walks the phase's runs in date order. A run within the safe pain scores (during and after,
    /// not lasting) counts toward the step; `sessionsToPass` of them pass it. A run above the
    /// limit or with lasting pain goes back one step (a completed schedule back to its last step)
    /// and resets the count. Runs in between neither count nor go back: hold. The run's length
    /// is not checked against the step; the runner is trusted to do what the step says.
    func runWalkPosition(of change: PhaseChange, today: Day) -> RunWalkPosition? {
        let phase = phase(of: change).phase
        let steps = phase.runWalk
        guard !steps.isEmpty else { return nil }
        let thresholds = plan.thresholds(in: phase)
        var index = 0
        var passed = 0
        var completed = false
        for run in log.sessions(from: change.date, through: today) where run.activity == .run {
            let tooMuch =
                max(run.painDuring, run.painAfter) > thresholds.painLimit || run.lastedOver2h
            let withinRules =
                max(run.painDuring, run.painAfter) <= thresholds.painSafeMax && !run.lastedOver2h
            if tooMuch {
                if completed { completed = false } else { index = max(0, index - 1) }
                passed = 0
            } else if withinRules && !completed {
                passed += 1
                if passed >= max(1, steps[index].sessionsToPass) {
                    if index == steps.count - 1 {
                        completed = true
                    } else {
                        index += 1
                        passed = 0
                    }
                }
            }
        }
        return RunWalkPosition(
            index: index, step: steps[index], passedAtStep: passed, completed: completed)
    }
}
