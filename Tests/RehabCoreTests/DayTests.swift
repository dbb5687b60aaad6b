import Testing

@testable import RehabCore

@Suite struct DayTests {
    @Test(arguments: [
        "2026-03-02", "2024-02-29", "2000-02-29", "1970-01-01", "0001-01-01",
        "9999-12-31", "2025-12-31",
    ])
    func isoRoundTrip(_ text: String) throws {
        let parsed = try #require(Day(iso: text))
        #expect(parsed.iso == text)
        #expect(Day(number: parsed.number) == parsed)
    }

    @Test(arguments: [
        "2026-02-30", "2026-2-3", "", "2026-13-01", "2026-00-10", "2026-04-31",
        "2025-02-29", "1900-02-29", "26-03-02", "2026/03/02", "2026-03-02 ", "２０２６-03-02",
    ])
    func invalidDatesAreRejected(_ text: String) {
        #expect(Day(iso: text) == nil)
    }

    @Test func knownWeekdays() {
        #expect(day("1970-01-01").number == 0)
        #expect(day("1970-01-01").weekday == 3)  // a Thursday
        #expect(day("2026-03-02").weekday == 0)  // a Monday
        #expect(day("2026-03-08").weekday == 6)  // a Sunday
        #expect(day("1969-12-29").weekday == 0)  // negative day numbers still work
    }

    @Test func weekStartIsTheMonday() {
        for offset in 0...6 {
            #expect(day("2026-03-02").adding(days: offset).weekStart == day("2026-03-02"))
        }
        #expect(day("2026-03-09").weekStart == day("2026-03-09"))
        #expect(day("2026-03-01").weekStart == day("2026-02-23"))
        #expect(day("2021-01-01").weekStart == day("2020-12-28"))  // across a year end
    }

    @Test func leapYears() {
        #expect(Day(year: 2024, month: 2, day: 29) != nil)
        #expect(Day(year: 2000, month: 2, day: 29) != nil)
        #expect(Day(year: 2100, month: 2, day: 29) == nil)
        #expect(Day(year: 2026, month: 2, day: 29) == nil)
        #expect(day("2024-02-28").adding(days: 1).iso == "2024-02-29")
        #expect(day("2024-02-29").adding(days: 1).iso == "2024-03-01")
        #expect(day("2024-01-01").days(to: day("2025-01-01")) == 366)
        #expect(day("2025-01-01").days(to: day("2026-01-01")) == 365)
    }
}
