// Phase progression: exit criteria, readiness for the next phase, plan completion, suggestions
// (advance, step back, reopen the schedule, contact the physio, plan complete) and the position
// in a run/walk schedule.

extension Evaluation {
    /// The exit criteria of the phase `change` started, as of `today`.
    ///
    /// - min_days counts days completed in the phase (the start day is day 1, completed when the
    ///   next day begins); the required number is the larger of the exit's and the phase's.
    /// - green_days counts back from the most recent logged day (a session or a morning check) in
    ///   the phase, while each day's verdict as of that day is green (without phase_overdue, see
    ///   `verdict(on:includeOverdue:)`); it stops counting once the requirement is reached.
    /// - a pain-free walk (pain during and after ≤ 2, no lasting pain) counts once its next
    ///   morning is logged and not worse; hop and calf tests only with pain within safe_max.
    func readiness(of change: PhaseChange, today: Day) -> Readiness {
        let (phase, index) = phase(of: change)
        let exit = phase.exit
        let start = change.date
        let tally = tally(of: change).at(today)
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
                current: Double(greenStreak(of: change, through: today, upTo: required)))
        }
        if let required = exit.painFreeWalkMinutes {
            add(.painFreeWalkMinutes, required: Double(required), current: Double(tally.walk))
        }
        if let required = exit.weeklyLoad {
            add(.weeklyLoad, required: required, current: tally.week)
        }
        if let required = exit.hopTest {
            add(.hopTest, required: Double(required), current: Double(tally.hop))
        }
        if let required = exit.calfRaises {
            add(.calfRaises, required: Double(required), current: Double(tally.calf))
        }
        if exit.runWalkCompleted == true {
            let done = self.tally(of: change).runWalkPosition(through: today)?.completed ?? false
            add(.runWalkCompleted, required: 1, current: done ? 1 : 0)
        }

        let unmet = criteria.filter { !$0.met }.map(\.criterion)
        let next = index + 1 < plan.phases.count ? plan.phases[index + 1] : nil
        let ready = unmet.isEmpty && next != nil && log.openFlags(asOf: today).isEmpty
        return Readiness(ready: ready, next: next, criteria: criteria, unmet: unmet)
    }

    /// Consecutive green logged days of the phase `change` started, ending at the latest
    /// logged day, counting at most `limit`. Past a checkpoint, its own count goes on.
    func greenStreak(of change: PhaseChange, through today: Day, upTo limit: Int) -> Int {
        let checkpoint = checkpoint(for: change)
        var streak = 0
        var next = log.latestLoggedDay(atMost: today)
        while streak < limit, let day = next, day >= change.date {
            if let checkpoint, day <= checkpoint.through {
                return min(limit, streak + checkpoint.greenStreak)
            }
            guard plainVerdict(on: day).level == .green else { break }
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

    /// After the final phase's exit the plan is complete, from the first day its criteria all
    /// held (a final phase without exit criteria is open-ended and never completes).
    func planComplete(asOf day: Day) -> Bool {
        let change = change(at: day)
        guard completes(change) else { return false }
        let phase = phase(of: change).phase
        let key = ChangeKey(change)
        let first: Day?
        if let memo = memo.completions[key] {
            first = memo
        } else {
            first = firstCompletion(of: change, phase: phase)
            memo.completions[key] = .some(first)
        }
        return first.map { $0 <= day } ?? false
    }

    /// Whether the phase `change` started is the final one with exit criteria.
    func completes(_ change: PhaseChange) -> Bool {
        let (phase, index) = phase(of: change)
        return index == plan.phases.count - 1 && !phase.exit.isEmpty
    }

    /// The first day the exit held; past a checkpoint, its answer or the days after it.
    func firstCompletion(of change: PhaseChange, phase: Phase) -> Day? {
        guard let lastDay = log.latestLoggedDay(atMost: Day(number: Int.max / 2)) else {
            return nil
        }
        var day = change.date.adding(days: max(phase.minDays, phase.exit.minDays ?? 0))
        if let checkpoint = checkpoint(for: change) {
            if let completion = checkpoint.completion { return completion }
            day = max(day, checkpoint.through.adding(days: 1))
        }
        while day <= lastDay {
            if readiness(of: change, today: day).unmet.isEmpty { return day }
            day = day.adding(days: 1)
        }
        return nil
    }

    func suggestions(today: Day, readiness: Readiness, verdict: Verdict) -> [Suggestion] {
        let change = currentChange
        let (phase, index) = phase(of: change)
        let complete = planComplete(asOf: today)
        var suggestions: [Suggestion] = []
        if complete {
            suggestions.append(Suggestion(code: .planComplete, phase: phase.id))
        } else if readiness.ready, let next = readiness.next {
            suggestions.append(Suggestion(code: .advance, phase: next.id))
        }
        // Two red days within 7 days while loading up: one phase back. Only the first day of a
        // red finding counts, so one bad session held for days is one red day.
        if phase.kind == .loadBuildUp || phase.kind == .returnToRunning, index > 0 {
            let from = max(today.adding(days: -6), change.date)
            var redDays: [Day] = []
            var day = from
            while day <= today {
                if startsRed(on: day) { redDays.append(day) }
                day = day.adding(days: 1)
            }
            if redDays.count >= 2 {
                suggestions.append(
                    Suggestion(code: .stepBack, phase: plan.phases[index - 1].id, dates: redDays))
            }
        }
        if verdict.findings.contains(where: { $0.code == .returnAfterLayoff }),
            let schedule = plan.phases.first(where: { !$0.runWalk.isEmpty })
        {
            suggestions.append(Suggestion(code: .reopenSchedule, phase: schedule.id))
        }
        if !complete, let maxDays = phase.maxDays, !phase.exit.isEmpty,
            phaseDay(of: change, on: today) > maxDays
        {
            suggestions.append(Suggestion(code: .contactPhysio, phase: phase.id))
        }
        return suggestions
    }

    /// The run/walk position as of `today`; see `RunWalkTracker` for the rules.
    func runWalkPosition(of change: PhaseChange, today: Day) -> RunWalkPosition? {
        tally(of: change).runWalkPosition(through: today)
    }
}
