import RehabCore

/// What decides where a patient stands in the physio's list: the Patients screen and `rehab
/// patients` both rank by it, so a physio finds the same patient first in either.
public struct PatientAttention: Hashable, Sendable {
    /// A verdict to rank by: nil without a plan, or when the plan cannot be found.
    public var level: Level?
    public var hasOpenFlags: Bool
    /// A red flag was recorded since the physio's last note (cleared meanwhile or not).
    public var unseenFlags: Bool
    public var discharged: Bool
    public var daysSinceLog: Int?
    /// The verdict's main reason and the day it is about (the oldest comes first in a rank).
    public var reason: ReasonCode?
    public var since: Day?

    public init(
        level: Level?, hasOpenFlags: Bool, unseenFlags: Bool, discharged: Bool,
        daysSinceLog: Int?, reason: ReasonCode?, since: Day?
    ) {
        self.level = level
        self.hasOpenFlags = hasOpenFlags
        self.unseenFlags = unseenFlags
        self.discharged = discharged
        self.daysSinceLog = daysSinceLog
        self.reason = reason
        self.since = since
    }

    /// From a patient's row and review (nil when the review was not read).
    public init(_ overview: PatientOverview, review: PatientReview?, today: Day) {
        let main = overview.mainFinding
        self.init(
            level: overview.assignment == nil ? nil : overview.status?.verdict.level,
            hasOpenFlags: !(overview.status?.openFlags.isEmpty ?? true),
            unseenFlags: review?.flagsSinceReview ?? false,
            discharged: review?.discharged != nil,
            daysSinceLog: overview.daysSinceLog(today: today),
            reason: main?.code, since: overview.mainSince)
    }

    /// Who needs the physio first: open red flags, red days, red flags since the last review
    /// (cleared meanwhile), no log for 3 days or more, an overdue phase, other amber, green,
    /// discharged, then patients without a plan.
    public var rank: Int {
        guard let level else { return 8 }
        if hasOpenFlags || level == .stop { return 0 }
        // A cleared red flag the physio has not seen (none of their notes since) still comes
        // early, also after a discharge, but after a red day today: without any note yet,
        // every old flag counts as unseen, and those must not bury a patient who is red now.
        if level == .red && !discharged { return 1 }
        if unseenFlags { return 2 }
        // Discharged: out of the daily care, so no log or an overdue phase is no alarm.
        if discharged { return 7 }
        if let days = daysSinceLog, days >= 3 { return 3 }
        if reason == .phaseOverdue { return 4 }
        return level == .amber ? 5 : 6
    }

    /// `rows` in attention order; within a rank the oldest reason first, then their order.
    public static func ordered<Row>(_ rows: [Row], by attention: (Row) -> PatientAttention)
        -> [Row]
    {
        let ranked = rows.map { (row: $0, attention: attention($0)) }
        return ranked.enumerated().sorted { a, b in
            let (x, y) = (a.element.attention, b.element.attention)
            if x.rank != y.rank { return x.rank < y.rank }
            switch (x.since, y.since) {
            case (let p?, let q?) where p != q: return p < q
            case (.some, nil): return true
            case (nil, .some): return false
            default: return a.offset < b.offset
            }
        }.map(\.element.row)
    }
}

extension PatientOverview {
    /// The verdict's main reason: its first finding at the verdict's level, unless that is
    /// only "nothing logged yet".
    public var mainFinding: Finding? {
        guard let status else { return nil }
        let main = status.verdict.findings.first { $0.level == status.verdict.level }
        return main?.code == .nothingLoggedYet ? nil : main
    }

    /// The day the main reason began, for "since" in the physio's list and its order (the
    /// oldest first). A finding is dated on the day it is about, and two are about every day
    /// they last: "nothing logged in the last 3 days" began on the third day without a log
    /// (after the last log, or the plan's start), and an overdue phase on the day after its
    /// last allowed day.
    public var mainSince: Day? {
        guard let main = mainFinding, let date = main.date else { return mainFinding?.date }
        switch main.code {
        case .noRecentLog:
            guard let start = assignment?.startDate else { return date }
            return min(max(lastLog ?? start, start).adding(days: 3), date)
        case .phaseOverdue:
            guard let phaseDay = main.seen, let maxDays = main.limit else { return date }
            return date.adding(days: -(Int(phaseDay) - Int(maxDays) - 1))
        default:
            return date
        }
    }
}
