import Testing

@testable import RehabCore

@Suite struct WeekPainTests {
    /// Three ISO weeks from Monday 2026-03-02, worked out by hand (highest score per series):
    ///
    /// | day        | during | after | next morning | week  |
    /// | 2026-03-01 | 9      | 9     | 9            | before the span: ignored |
    /// | 2026-03-02 | 2      | 4     | 1            | 03-02 |
    /// | 2026-03-04 | 5      | 3     | nil          | 03-02 |
    /// | 2026-03-08 | nil    | nil   | 6            | 03-02 (Sunday; its morning is 03-09) |
    /// | 2026-03-16 | 1      | 1     | 0            | 03-16 |
    /// | 2026-03-23 | 8      | 8     | 8            | after the span: ignored |
    ///
    /// 03-02: during max(2, 5) = 5, after max(4, 3) = 4, morning max(1, 6) = 6.
    /// 03-09: nothing logged, all nil. 03-16: 1, 1, 0 (a zero is a score, not a gap).
    @Test func highestScorePerWeekAndSeries() {
        let days = [
            DayPain(day: day("2026-03-01"), during: 9, after: 9, nextMorning: 9),
            DayPain(day: day("2026-03-02"), during: 2, after: 4, nextMorning: 1),
            DayPain(day: day("2026-03-04"), during: 5, after: 3, nextMorning: nil),
            DayPain(day: day("2026-03-08"), during: nil, after: nil, nextMorning: 6),
            DayPain(day: day("2026-03-16"), during: 1, after: 1, nextMorning: 0),
            DayPain(day: day("2026-03-23"), during: 8, after: 8, nextMorning: 8),
        ]
        let weeks = Engine.weeklyPain(days, from: day("2026-03-04"), weeks: 3)
        #expect(
            weeks == [
                WeekPain(weekStart: day("2026-03-02"), during: 5, after: 4, nextMorning: 6),
                WeekPain(weekStart: day("2026-03-09"), during: nil, after: nil, nextMorning: nil),
                WeekPain(weekStart: day("2026-03-16"), during: 1, after: 1, nextMorning: 0),
            ])
    }

    @Test func noWeeksNoEntries() {
        let one = [DayPain(day: day("2026-03-02"), during: 2, after: 2, nextMorning: 2)]
        #expect(Engine.weeklyPain(one, from: day("2026-03-02"), weeks: 0).isEmpty)
    }
}
