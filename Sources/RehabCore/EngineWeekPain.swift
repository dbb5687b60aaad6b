// Pain per ISO week, for charts too narrow to give every day a column: the highest score of the
// week in each of the three series the rules judge (during, after, the next morning).

/// The highest pain of one ISO week, per series; nil where the week has no such score.
public struct WeekPain: Hashable, Sendable {
    public var weekStart: Day
    public var during: Int?
    public var after: Int?
    /// The highest next-morning check attached to a day of this week (see `DayPain`): the check
    /// after a Sunday counts for the week of that Sunday.
    public var nextMorning: Int?

    public init(weekStart: Day, during: Int?, after: Int?, nextMorning: Int?) {
        self.weekStart = weekStart
        self.during = during
        self.after = after
        self.nextMorning = nextMorning
    }
}

extension Engine {
    /// One entry per week for `weeks` ISO weeks from the week of `from`, oldest first; days
    /// outside those weeks are ignored. The highest score, not the mean: the rules judge the
    /// worst day, and a mean would hide a painful session among easy ones.
    public static func weeklyPain(_ days: some Sequence<DayPain>, from: Day, weeks: Int)
        -> [WeekPain]
    {
        let first = from.weekStart
        var result = (0..<max(0, weeks)).map {
            WeekPain(
                weekStart: first.adding(days: 7 * $0), during: nil, after: nil, nextMorning: nil)
        }
        func highest(_ a: Int?, _ b: Int?) -> Int? {
            guard let a else { return b }
            guard let b else { return a }
            return max(a, b)
        }
        for day in days {
            let offset = first.days(to: day.day)
            guard offset >= 0 else { continue }
            let index = offset / 7
            guard index < result.count else { continue }
            result[index].during = highest(result[index].during, day.during)
            result[index].after = highest(result[index].after, day.after)
            result[index].nextMorning = highest(result[index].nextMorning, day.nextMorning)
        }
        return result
    }
}
