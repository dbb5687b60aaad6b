/// The two languages rehab speaks.
public enum Language: String, CaseIterable, Sendable, Codable {
    case nl, en

    /// nl_* (and plain "nl") choose Dutch; anything else, or nothing, English.
    public static func fromLocale(_ value: String?) -> Language {
        guard let value, value.lowercased().hasPrefix("nl") else { return .en }
        return .nl
    }

    /// Dutch writes "4,5" for four and a half: number entry there takes a comma too.
    public var writesDecimalComma: Bool { self == .nl }
}

/// A text in both languages. Every user-visible text in a plan carries both.
public struct LocalizedText: Hashable, Sendable, Codable {
    public var nl: String
    public var en: String

    public init(nl: String, en: String) {
        self.nl = nl
        self.en = en
    }

    public func text(_ language: Language) -> String { language == .nl ? nl : en }
}

/// A count with its noun, in the singular for exactly one: "1 run", "3 runs"; "1 loop",
/// "3 lopen". Both languages count this way; a text never writes "run(s)".
public func counted(_ count: Int, _ one: String, _ many: String) -> String {
    "\(count) \(count == 1 ? one : many)"
}
