/// A value refused at an entry point (CLI, TUI, import, plan file): names the field, the value
/// and what is allowed, so the message can say all three.
public struct ValidationError: Error, Hashable, Sendable {
    public var field: String
    public var value: String
    public var allowed: Allowed

    public enum Allowed: Hashable, Sendable {
        case integer(ClosedRange<Int>)
        case decimal(ClosedRange<Double>, places: Int)
        case isoDateNotAfter(Day)
        case isoDateNotBefore(Day)
        case textUpTo(Int)
        case nonEmptyTextUpTo(Int)
        case oneOf([String])
        case flagID
        /// UTC to the second, as watches' start times are kept: 2026-03-01T07:12:03Z.
        case utcTimestamp
    }

    public init(field: String, value: String, allowed: Allowed) {
        self.field = field
        self.value = value
        self.allowed = allowed
    }
}

/// The validation rules of DESIGN section 3, one place for every entry point.
public enum Validate {
    public static let painRange = 0...10
    public static let kmRange = 0.0...300.0
    public static let minutesRange = 1...1440
    public static let maxTextLength = 2000
    public static let maxNameLength = 100

    public static func pain(_ text: String, field: String) throws(ValidationError) -> Int {
        try integer(text, field: field, in: painRange)
    }

    public static func minutes(_ text: String, field: String = "minutes") throws(ValidationError)
        -> Int
    {
        try integer(text, field: field, in: minutesRange)
    }

    public static func integer(_ text: String, field: String, in range: ClosedRange<Int>)
        throws(ValidationError) -> Int
    {
        let trimmed = text.trimmingSpaces
        guard let value = Int(trimmed), range.contains(value) else {
            throw ValidationError(field: field, value: text, allowed: .integer(range))
        }
        return value
    }

    /// Kilometres: 0-300 with at most 2 decimals, a dot as separator.
    public static func km(_ text: String, field: String = "km") throws(ValidationError) -> Double {
        try decimal(text, field: field, in: kmRange, places: 2)
    }

    public static func decimal(
        _ text: String, field: String, in range: ClosedRange<Double>, places: Int
    ) throws(ValidationError) -> Double {
        let trimmed = text.trimmingSpaces
        let error = ValidationError(
            field: field, value: text, allowed: .decimal(range, places: places))
        let parts = trimmed.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), !parts[0].isEmpty,
            parts.allSatisfy({ $0.unicodeScalars.allSatisfy { ("0"..."9").contains($0) } }),
            parts.count == 1 || (!parts[1].isEmpty && parts[1].count <= places),
            let value = Double(trimmed), value.isFinite, range.contains(value)
        else { throw error }
        return value
    }

    /// An ISO date that is not after `today` (nothing is logged for the future).
    public static func date(_ text: String, field: String = "date", today: Day)
        throws(ValidationError) -> Day
    {
        guard let day = Day(iso: text.trimmingSpaces), day <= today else {
            throw ValidationError(field: field, value: text, allowed: .isoDateNotAfter(today))
        }
        return day
    }

    public static func text(_ text: String, field: String = "note") throws(ValidationError)
        -> String
    {
        guard text.count <= maxTextLength else {
            throw ValidationError(
                field: field, value: String(text.prefix(20)) + "…",
                allowed: .textUpTo(maxTextLength))
        }
        return text
    }

    /// A name (patient, shoe): not empty, not too long, no control characters.
    public static func name(_ text: String, field: String) throws(ValidationError) -> String {
        let trimmed = text.trimmingSpaces
        guard !trimmed.isEmpty, trimmed.count <= maxNameLength,
            !trimmed.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
        else {
            throw ValidationError(
                field: field, value: text, allowed: .nonEmptyTextUpTo(maxNameLength))
        }
        return trimmed
    }

    public static func activity(_ text: String, field: String = "activity") throws(ValidationError)
        -> Activity
    {
        guard let activity = Activity(rawValue: text.trimmingSpaces) else {
            throw ValidationError(
                field: field, value: text, allowed: .oneOf(Activity.allCases.map(\.rawValue)))
        }
        return activity
    }

    public static func flag(_ text: String, field: String = "flag", known: [String])
        throws(ValidationError) -> String
    {
        let id = text.trimmingSpaces
        guard known.contains(id) else {
            throw ValidationError(field: field, value: text, allowed: .oneOf(known))
        }
        return id
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }
}
