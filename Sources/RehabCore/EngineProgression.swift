// Phase progression: exit criteria, readiness for the next phase, suggestions (advance, step
// back, contact the physio) and the position in a run/walk schedule.

extension Evaluation {
    /// The exit criteria of the phase `change` started, as of `today`.
    ///
    /// - min_days counts days completed in the phase (the start day is day 1, completed when the
    ///   next day begins); the required number is the larger of the exit's and the phase's
    ///   min days.
    /// - green_days counts back from the most recent logged day (a session or a morning check) in
    ///   the phase, while each day's verdict as of that day is green (without phase_overdue, see
    ///   `verdict(on:includeOverdue:)`); it stops counting once the requirement is reached.
    func readiness(of change: PhaseChange, today: Day) -> Readiness {
        let (phase, index) = phase(of: change)
        let exit = phase.exit
        let start = change.date
        let tally = tally(of: change)
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
            let longest = tally.value(tally.bestWalk, through: today, otherwise: 0)
            add(.painFreeWalkMinutes, required: Double(required), current: Double(longest))
        }
        if let required = exit.weeklyLoad {
            let best = tally.value(tally.bestWeek, through: today, otherwise: 0)
            add(.weeklyLoad, required: required, current: best)
        }
        if let required = exit.hopTest {
            let best = tally.value(tally.bestHop, through: today, otherwise: 0)
            add(.hopTest, required: Double(required), current: Double(best))
        }
        if let required = exit.calfRaises {
            let best = tally.value(tally.bestCalf, through: today, otherwise: 0)
            add(.calfRaises, required: Double(required), current: Double(best))
        }
        if exit.runWalkCompleted == true {
            let done = tally.runWalkPosition(through: today)?.completed ?? false
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
        var next = log.latestLoggedDay(atMost: today)
        while streak < limit, let day = next, day >= start, plainVerdict(on: day).level == .green {
            streak += 1
            next = log.latestLoggedDay(atMost: day.adding(days: -1))
        }
        return streak
    }

    /// A day's verdict without phase_overdue, remembered for the call.
    func plainVerdict(on day: Day) -> Verdict {
        if let verdict = memo.plainVerdicts[day.number] { return verdict }
        let verdict = verdict(on: day, includeOverdue: false)
        memo.plainVerdicts[day.number] = verdict
        return verdict
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

    /// The run/walk position as of `today`; see `RunWalkTracker` for the rules.
    func runWalkPosition(of change: PhaseChange, today: Day) -> RunWalkPosition? {
        tally(of: change).runWalkPosition(through: today)
    }
}
