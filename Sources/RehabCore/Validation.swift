/// A value refused at an entry point (CLI, TUI, import, plan file): names the field, the value
/// and what is allowed, so the message can say all three.
public struct ValidationError: Error, Hashable, Sendable {
    public var field: String
    public var value: String
    public var allowed: Allowed

    public enum Allowed: Hashable, Sendable {
        case integer(ClosedRange<Int>)
        case decimal(ClosedRange<Double>, places: Int)
        /// As `decimal`, where a comma works as well as a dot (Dutch).
        case decimalCommaOrDot(ClosedRange<Double>, places: Int)
        case isoDateNotAfter(Day)
        case isoDateNotBefore(Day)
        case textUpTo(Int)
        case nonEmptyTextUpTo(Int)
        case oneOf([String])
        case flagID
        /// UTC to the second, as watches' start times are kept: 2026-03-01T07:12:03Z.
        case utcTimestamp
        /// Free text (a note, a reason): at most this many characters, no NUL or other control
        /// characters except tab and line breaks.
        case plainTextUpTo(Int)
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

    /// Kilometres: 0-300 with at most 2 decimals, a dot as separator (or a comma, where the
    /// language writes decimals with one: "4,5" in Dutch).
    public static func km(_ text: String, field: String = "km", comma: Bool = false)
        throws(ValidationError) -> Double
    {
        try decimal(text, field: field, in: kmRange, places: 2, comma: comma)
    }

    /// A number with at most `places` decimals. With `comma`, "4,5" reads as 4.5: there are no
    /// thousands separators to confuse it with, and "1,500" (three decimals) is still refused.
    public static func decimal(
        _ text: String, field: String, in range: ClosedRange<Double>, places: Int,
        comma: Bool = false
    ) throws(ValidationError) -> Double {
        let trimmed =
            comma ? text.trimmingSpaces.replacingComma : text.trimmingSpaces
        let error = ValidationError(
            field: field, value: text,
            allowed: comma
                ? .decimalCommaOrDot(range, places: places) : .decimal(range, places: places))
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

    /// Free text. Its length is counted in code points, as SQLite's CHECK counts it, so the
    /// two never disagree; a NUL would be cut off by SQLite and an escape sequence would reach
    /// a terminal, so control characters other than tab and line breaks are refused.
    public static func text(_ text: String, field: String = "note") throws(ValidationError)
        -> String
    {
        guard text.unicodeScalars.count <= maxTextLength else {
            throw ValidationError(
                field: field, value: String(text.prefix(20)) + "…",
                allowed: .textUpTo(maxTextLength))
        }
        if let bad = text.unicodeScalars.first(where: isRefusedInText) {
            throw ValidationError(
                field: field, value: "U+" + hex(bad), allowed: .plainTextUpTo(maxTextLength))
        }
        return text
    }

    static func isRefusedInText(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "\t", "\n", "\r": false
        default: scalar.properties.generalCategory == .control
        }
    }

    /// "001B" for ESC: how a refused character is named in a message.
    public static func hex(_ scalar: Unicode.Scalar) -> String {
        let digits = String(scalar.value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    /// A name (patient, shoe): in NFC (see `Naming`), not empty, at most 100 code points (the
    /// store's limit, so no name passes here and fails there), no control or invisible
    /// characters.
    public static func name(_ text: String, field: String) throws(ValidationError) -> String {
        let trimmed = Naming.normalized(text.trimmingSpaces)
        guard !trimmed.isEmpty, trimmed.unicodeScalars.count <= maxNameLength,
            Naming.invisible(in: trimmed) == nil
        else {
            let shown =
                Naming.invisible(in: trimmed).map { "U+" + hex($0) }
                ?? (trimmed.unicodeScalars.count > maxNameLength
                    ? String(trimmed.prefix(20)) + "…" : text)
            throw ValidationError(
                field: field, value: shown, allowed: .nonEmptyTextUpTo(maxNameLength))
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
    /// The text without leading and trailing white space (RehabCore has no Foundation).
    public var trimmingSpaces: String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }

    /// One comma as the decimal separator, turned into a dot; two commas stay and are refused.
    var replacingComma: String {
        guard filter({ $0 == "," }).count == 1, !contains(".") else { return self }
        return String(map { $0 == "," ? "." : $0 })
    }
}
