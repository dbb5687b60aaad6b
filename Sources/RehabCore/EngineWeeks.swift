// Weekly summaries for the week table and the progress charts, with the week classification of
// seed 004 (too little / overloading / healthy).

extension Evaluation {
    func weeks(through today: Day, count: Int) -> [WeekSummary] {
        guard count > 0 else { return [] }
        let lastMonday = today.weekStart
        return (0..<count).reversed().map { back in
            summary(of: lastMonday.adding(days: -7 * back), today: today)
        }
    }

    /// One week, counted through its Sunday or through today, whichever comes first. Load and
    /// cap use the phase in force on that last counted day.
    func summary(of weekStart: Day, today: Day) -> WeekSummary {
        let end = min(weekStart.adding(days: 6), today)
        let load = loadStatus(on: end)
        let sessions = log.sessions(from: weekStart, through: end)
        let sessionDays = log.sessionDates(from: weekStart, through: end)

        let activeMinutes = sessions.filter { $0.activity != .other }.reduce(0) { $0 + $1.minutes }
        let classification: WeekClass =
            overloading(week: weekStart, through: today)
            ? .overloading : activeMinutes < weeklyActivityMinutes ? .tooLittle : .healthy

        return WeekSummary(
            weekStart: weekStart, load: weekStart <= end ? load.thisWeek : 0, cap: load.cap,
            overCap: weekStart <= end && load.overCap,
            runKm: sessions.filter { $0.activity == .run }.reduce(0) { $0 + ($1.km ?? 0) },
            minutes: sessions.reduce(0) { $0 + $1.minutes },
            sessions: sessions.count,
            maxPainDuring: sessions.map(\.painDuring).max(),
            maxPainAfter: sessions.map(\.painAfter).max(),
            worstLevel: sessionDays.map { verdict(on: $0).level }.max(),
            classification: classification, metric: load.metric,
            // Weeks before the plan are not judged (DESIGN 4), nor is a first week the plan
            // only partly covers called "too little" for the days before it.
            classified: movementIsMedicine(on: end) && end >= assignment.startDate
                && !(classification == .tooLittle && weekStart < assignment.startDate))
    }
}
