/// A calendar day without time or time zone, counted from 1970-01-01.
///
/// Rehab logic works in whole days (a session belongs to a date, a week is Monday-Sunday), so a
/// plain day number keeps the engine exact and free of clocks and calendars.
public struct Day: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let number: Int

    public init(number: Int) { self.number = number }

    /// Builds a day from a proleptic Gregorian date; nil when the date does not exist.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
            (1...Day.daysIn(month: month, year: year)).contains(day)
        else { return nil }
        // Days-from-civil (H. Hinnant), exact for every Gregorian date.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        number = era * 146097 + doe - 719468
    }

    /// Parses a strict ISO date `YYYY-MM-DD`.
    public init?(iso: String) {
        // On the bytes, in place: every stored row has dates, and reading them was among the
        // costliest parts of reading a long history.
        var bytes = iso
        guard let day = bytes.withUTF8(Day.parse) else { return nil }
        self = day
    }

    /// `YYYY-MM-DD` from exactly its ten bytes.
    private static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Day? {
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-")
        else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                let digit = bytes[index] &- UInt8(ascii: "0")
                guard digit < 10 else { return nil }
                value = value * 10 + Int(digit)
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10)
        else { return nil }
        return Day(year: year, month: month, day: day)
    }

    public var components: (year: Int, month: Int, day: Int) {
        let z = number + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    public var iso: String {
        let c = components
        func pad(_ v: Int, _ width: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(pad(c.year, 4))-\(pad(c.month, 2))-\(pad(c.day, 2))"
    }

    public var description: String { iso }

    /// 0 = Monday … 6 = Sunday (1970-01-01 was a Thursday).
    public var weekday: Int { ((number + 3) % 7 + 7) % 7 }

    /// The Monday that starts this day's ISO week.
    public var weekStart: Day { Day(number: number - weekday) }

    public func adding(days: Int) -> Day { Day(number: number + days) }

    /// Whole days from `self` to `other` (positive when `other` is later).
    public func days(to other: Day) -> Int { other.number - number }

    public static func < (lhs: Day, rhs: Day) -> Bool { lhs.number < rhs.number }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let day = Day(iso: text) else {
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: decoder.codingPath,
                    debugDescription: "not a date YYYY-MM-DD: \(text)"))
        }
        self = day
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(iso)
    }
}
