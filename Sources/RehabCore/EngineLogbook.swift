// The history indexed by date, built once per engine call: every rule then looks its days up by
// binary search instead of scanning years of sessions.

/// Index of the first element of a sorted array that is ≥ `value`.
func lowerBound(_ sorted: [Int], _ value: Int) -> Int {
    var low = 0
    var high = sorted.count
    while low < high {
        let mid = (low + high) / 2
        if sorted[mid] < value { low = mid + 1 } else { high = mid }
    }
    return low
}

/// A patient's sessions, morning checks, flag reports and clearings, sorted and searchable by day.
struct Logbook {
    let sessions: [Session]
    /// Day numbers parallel to `sessions`.
    let sessionDays: [Int]
    /// One per date (the last one wins if a date was doubled).
    let mornings: [MorningCheck]
    let morningDays: [Int]
    /// Every flag reported on a session or morning check, by date.
    let reports: [OpenFlag]
    let reportDays: [Int]
    let clearings: [FlagClearing]

    init(_ history: History) {
        // History sorts on init, but its fields are public vars: sort again only when needed.
        var sessions = history.sessions
        if !zip(sessions, sessions.dropFirst()).allSatisfy({ $0.date <= $1.date }) {
            sessions.sort { $0.date < $1.date }
        }
        var rawMornings = history.mornings
        if !zip(rawMornings, rawMornings.dropFirst()).allSatisfy({ $0.date <= $1.date }) {
            rawMornings.sort { $0.date < $1.date }
        }
        var mornings: [MorningCheck] = []
        for check in rawMornings {
            if mornings.last?.date == check.date {
                mornings[mornings.count - 1] = check
            } else {
                mornings.append(check)
            }
        }
        var reports: [OpenFlag] = []
        for session in sessions {
            for flag in session.flags { reports.append(OpenFlag(flag: flag, date: session.date)) }
        }
        for check in mornings {
            for flag in check.flags { reports.append(OpenFlag(flag: flag, date: check.date)) }
        }
        reports.sort { $0.date < $1.date }

        self.sessions = sessions
        sessionDays = sessions.map(\.date.number)
        self.mornings = mornings
        morningDays = mornings.map(\.date.number)
        self.reports = reports
        reportDays = reports.map(\.date.number)
        clearings = history.clearings.sorted { $0.date < $1.date }
    }

    /// Sessions dated `from` … `through` (inclusive), in date order.
    func sessions(from: Day, through: Day) -> ArraySlice<Session> {
        guard from <= through else { return [] }
        let low = lowerBound(sessionDays, from.number)
        let high = lowerBound(sessionDays, through.number + 1)
        return sessions[low..<high]
    }

    func sessions(on day: Day) -> ArraySlice<Session> { sessions(from: day, through: day) }

    /// The latest day with a session on or before `day`.
    func latestSessionDay(atMost day: Day) -> Day? {
        let i = lowerBound(sessionDays, day.number + 1)
        return i > 0 ? Day(number: sessionDays[i - 1]) : nil
    }

    /// The distinct session days `from` … `through`, in order.
    func sessionDates(from: Day, through: Day) -> [Day] {
        var days: [Day] = []
        for session in sessions(from: from, through: through) where days.last != session.date {
            days.append(session.date)
        }
        return days
    }

    /// Mornings dated `from` … `through` (inclusive), in date order.
    func mornings(from: Day, through: Day) -> ArraySlice<MorningCheck> {
        guard from <= through else { return [] }
        let low = lowerBound(morningDays, from.number)
        let high = lowerBound(morningDays, through.number + 1)
        return mornings[low..<high]
    }

    func morning(on day: Day) -> MorningCheck? {
        let i = lowerBound(morningDays, day.number)
        return i < morningDays.count && morningDays[i] == day.number ? mornings[i] : nil
    }

    func latestMorning(atMost day: Day) -> MorningCheck? {
        let i = lowerBound(morningDays, day.number + 1)
        return i > 0 ? mornings[i - 1] : nil
    }

    /// A session or a morning check dated `from` … `through`.
    func hasLog(from: Day, through: Day) -> Bool {
        guard from <= through else { return false }
        let s = lowerBound(sessionDays, from.number)
        if s < sessionDays.count && sessionDays[s] <= through.number { return true }
        let m = lowerBound(morningDays, from.number)
        return m < morningDays.count && morningDays[m] <= through.number
    }

    /// The latest day on or before `day` with a session or a morning check.
    func latestLoggedDay(atMost day: Day) -> Day? {
        let s = lowerBound(sessionDays, day.number + 1)
        let m = lowerBound(morningDays, day.number + 1)
        let latest = max(s > 0 ? sessionDays[s - 1] : Int.min, m > 0 ? morningDays[m - 1] : Int.min)
        return latest == Int.min ? nil : Day(number: latest)
    }

    /// Sessions from `day` to the end of the log.
    func sessions(from day: Day) -> ArraySlice<Session> {
        sessions[lowerBound(sessionDays, day.number)...]
    }

    /// Every report dated on or before `day` that no clearing made on or before `day` covers.
    func openReports(asOf day: Day) -> [FlagReport] {
        let high = lowerBound(reportDays, day.number + 1)
        guard high > 0 else { return [] }
        let effective = clearings.prefix { $0.date <= day }
        return reports[..<high].filter { report in !effective.contains { $0.clears(report) } }
    }

    /// One entry per open flag, with its first open report; ordered by date, then id.
    func openFlags(asOf day: Day) -> [OpenFlag] {
        var seen: Set<String> = []
        var open: [OpenFlag] = []
        for report in openReports(asOf: day) where seen.insert(report.flag).inserted {
            open.append(report)
        }
        return open.sorted { ($0.date, $0.flag) < ($1.date, $1.flag) }
    }

    /// The load metric summed over sessions `from` … `through`.
    func load(_ metric: LoadMetric, from: Day, through: Day) -> Double {
        sessions(from: from, through: through).reduce(0) { $0 + contribution($1, to: metric) }
    }
}

/// What one session adds to a load metric: running km, or minutes of the named activities.
func contribution(_ session: Session, to metric: LoadMetric) -> Double {
    switch metric {
    case .km: session.activity == .run ? session.km ?? 0 : 0
    case .minutes(let activities):
        activities.contains(session.activity) ? Double(session.minutes) : 0
    }
}
