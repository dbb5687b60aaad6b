/// A language rehab speaks. Dutch and English are written side by side in every text
/// (`LocalizedText`, `Messages`), so neither can be missing. A further language is one
/// `Catalogue` table per layer, keyed by the English text with `%@` where a value goes
/// (`EnglishText.key`); the executable joins the layers' tables into a `Language` and
/// installs it once at start. A text the catalogue lacks is shown in English.
public struct Language: RawRepresentable, CaseIterable, Hashable, Sendable, Codable,
    CustomStringConvertible
{
    /// The ISO 639-1 code: `--lang`, `REHAB_LANG`, the config file and archives use it.
    public let rawValue: String
    /// The language's own name, for the first-run list.
    public let name: String
    /// Numbers are written "4,5" and number entry takes a comma too.
    public let writesDecimalComma: Bool
    let catalogue: Catalogue?

    public static let nl = Language(code: "nl", name: "Nederlands", decimalComma: true, nil)
    public static let en = Language(code: "en", name: "English", decimalComma: false, nil)

    /// The languages written beside each other in the source. Stored patient languages are
    /// these (the schemas' CHECK lists them), whatever else is installed.
    public static let written: [Language] = [.nl, .en]

    // Written once by the executable before any other work starts, read-only after that
    // (RehabCore imports nothing, so no lock); tests never install.
    fileprivate nonisolated(unsafe) static var installed: [Language] = []

    /// A further language from its tables, one per layer. Where two tables give the same key,
    /// the first wins.
    public init(
        code: String, name: String, writesDecimalComma: Bool, tables: [[String: String]],
        pluralForm: @escaping @Sendable (Int) -> Int = { $0 == 1 ? 0 : 1 }
    ) {
        self.init(
            code: code, name: name, decimalComma: writesDecimalComma,
            Catalogue(tables: tables, pluralForm: pluralForm))
    }

    private init(code: String, name: String, decimalComma: Bool, _ catalogue: Catalogue?) {
        rawValue = code
        self.name = name
        writesDecimalComma = decimalComma
        self.catalogue = catalogue
    }

    /// Dutch, English and whatever was installed; nil for any other code.
    public init?(rawValue: String) {
        guard let known = Self.allCases.first(where: { $0.rawValue == rawValue }) else {
            return nil
        }
        self = known
    }

    public static var allCases: [Language] { written + installed }

    /// Makes further languages known to `--lang`, the config file and the first-run list.
    /// Called once by the executable before anything reads a language.
    public static func install(_ languages: [Language]) {
        installed = languages.filter { new in !written.contains(new) }
    }

    public var description: String { rawValue }

    /// The locale's language if rehab speaks it ("nl_NL.UTF-8" gives Dutch); English otherwise.
    public static func fromLocale(_ value: String?) -> Language {
        guard let code = value?.lowercased().prefix(2) else { return .en }
        return Language(rawValue: String(code)) ?? .en
    }

    public static func == (a: Language, b: Language) -> Bool { a.rawValue == b.rawValue }
    public func hash(into hasher: inout Hasher) { hasher.combine(rawValue) }
}

/// The translations of one further language: English keys (see `EnglishText.key`) to texts
/// with the same `%@` places, or numbered ones (`%2$@ … %1$@`) where the order changes. A
/// counted noun is keyed "run|runs" and translated as its forms in the language's order
/// (`pluralForm` picks one by the count).
struct Catalogue: Sendable {
    let texts: [String: String]
    let pluralForm: @Sendable (Int) -> Int

    init(tables: [[String: String]], pluralForm: @escaping @Sendable (Int) -> Int) {
        texts = tables.reduce(into: [:]) { all, table in
            all.merge(table) { first, _ in first }
        }
        self.pluralForm = pluralForm
    }
}

/// A text in both languages. Every user-visible text in a plan carries both.
public struct LocalizedText: Hashable, Sendable, Codable {
    public var nl: String
    /// English, and through its key the text in any further language. Setting it keeps no
    /// stale key: the new text is its own key.
    public var en: String {
        didSet { shape = nil }
    }
    /// Where the English text is more than its own key (values put in, a percent sign) or
    /// installed languages have texts of their own; nil for most texts, so a plan's many texts
    /// stay two strings each.
    private var shape: Shape?

    private final class Shape: Sendable {
        let english: EnglishText
        /// Further languages' texts made by the code that made the Dutch and English ones.
        let rendered: [String: String]

        init(_ english: EnglishText, rendered: [String: String] = [:]) {
            self.english = english
            self.rendered = rendered
        }
    }

    public init(nl: String, en: EnglishText) {
        self.nl = nl
        self.en = en.text
        shape = en.isItsOwnKey ? nil : Shape(en)
    }

    /// A text that code writes in each language (`Messages(language)`): written now for Dutch,
    /// English and every installed language.
    public init(_ say: (Language) -> String) {
        self.init(nl: say(.nl), en: EnglishText(verbatim: say(.en)))
        let further = Language.installed
        if !further.isEmpty {
            shape = Shape(
                EnglishText(verbatim: en),
                rendered: Dictionary(uniqueKeysWithValues: further.map { ($0.rawValue, say($0)) }))
        }
    }

    /// One text for every language: an id, a name, a plan's own word.
    public init(verbatim text: String) {
        self.init(nl: text, en: EnglishText(verbatim: text))
    }

    public func text(_ language: Language) -> String {
        if language == .nl { return nl }
        if language == .en { return en }
        if let said = shape?.rendered[language.rawValue] { return said }
        return english.text(in: language)
    }

    /// The key a further language's table gives this text under.
    public var key: String { english.key }

    private var english: EnglishText { shape?.english ?? EnglishText(verbatim: en) }

    private enum CodingKeys: String, CodingKey { case nl, en }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            nl: try c.decode(String.self, forKey: .nl),
            en: EnglishText(verbatim: try c.decode(String.self, forKey: .en)))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(nl, forKey: .nl)
        try c.encode(en, forKey: .en)
    }

    public static func == (a: LocalizedText, b: LocalizedText) -> Bool {
        a.nl == b.nl && a.en == b.en
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(nl)
        hasher.combine(en)
    }
}

/// An error that says itself in every language rehab speaks, for the front ends to word with
/// `text` without knowing the module that threw it (the app and the use cases may not import
/// the PostgreSQL store, whose failures they show).
public protocol WordedError: Error {
    var text: LocalizedText { get }
}

extension [LocalizedText] {
    /// The texts one after the other, in whichever language is asked.
    public func joined(separator: String) -> LocalizedText {
        guard let first else { return LocalizedText(verbatim: "") }
        return dropFirst().reduce(first) { all, next in
            LocalizedText(nl: all.nl + separator + next.nl, en: "\(all)\(separator)\(next)")
        }
    }
}

/// An English text that remembers its shape: the words written in the source, and the values
/// put into them. The words with `%@` for each value are the key a further language's table
/// translates; the values go back in, a value that is itself a `LocalizedText` or a counted
/// noun in that language too.
public struct EnglishText: ExpressibleByStringInterpolation, Hashable, Sendable {
    public private(set) var text: String
    public private(set) var key: String
    fileprivate var values: [Value]

    fileprivate enum Value: Hashable, Sendable {
        case plain(String)
        case localized(LocalizedText)
        case counted(Int, one: String, many: String)
    }

    public init(stringLiteral value: String) { self.init(verbatim: value) }

    /// No values and no percent sign: the text is its own key.
    var isItsOwnKey: Bool { values.isEmpty && key == text }

    /// A text made at run time (a plan's own text): the whole text is its key.
    public init(verbatim text: String) {
        self.text = text
        key = Self.escaped(text)
        values = []
    }

    public init(stringInterpolation: StringInterpolation) {
        text = stringInterpolation.text
        key = stringInterpolation.key
        values = stringInterpolation.values
    }

    public struct StringInterpolation: StringInterpolationProtocol {
        var text = ""
        var key = ""
        fileprivate var values: [Value] = []

        public init(literalCapacity: Int, interpolationCount: Int) {
            text.reserveCapacity(literalCapacity * 2)
            key.reserveCapacity(literalCapacity + 2 * interpolationCount)
        }

        public mutating func appendLiteral(_ literal: String) {
            text += literal
            key += EnglishText.escaped(literal)
        }

        public mutating func appendInterpolation(_ value: some CustomStringConvertible) {
            append(.plain(value.description), shown: value.description)
        }

        /// Another English text spliced in: its words join these, its values these values.
        public mutating func appendInterpolation(_ value: EnglishText) {
            text += value.text
            key += value.key
            values += value.values
        }

        /// A text in both languages put into this one: a further language shows its own.
        public mutating func appendInterpolation(_ value: LocalizedText) {
            append(.localized(value), shown: value.en)
        }

        /// "1 run", "3 runs": the noun in the form the count asks for, in any language.
        public mutating func appendInterpolation(count: Int, _ one: String, _ many: String) {
            append(.counted(count, one: one, many: many), shown: counted(count, one, many))
        }

        private mutating func append(_ value: Value, shown: String) {
            text += shown
            key += "%@"
            values.append(value)
        }
    }

    /// Two parts of one text written on two lines of source.
    public static func + (a: EnglishText, b: EnglishText) -> EnglishText { "\(a)\(b)" }

    /// A text made at run time put after the words: a value, as if interpolated.
    public static func + (a: EnglishText, b: String) -> EnglishText {
        a + "\(b)"
    }

    fileprivate static func escaped(_ text: String) -> String {
        text.contains("%")
            ? text.split(separator: "%", omittingEmptySubsequences: false)
                .joined(separator: "%%") : text
    }

    /// The text in a further language, or in English where its catalogue has no entry.
    func text(in language: Language) -> String {
        // Without an entry the English words stay, but the values still speak the language:
        // a list of translated problems needs no entry of its own.
        guard let catalogue = language.catalogue, !values.isEmpty || catalogue.texts[key] != nil
        else { return text }
        let pattern = catalogue.texts[key] ?? key
        let shown = values.map { value in
            switch value {
            case .plain(let text): text
            case .localized(let text): text.text(language)
            case .counted(let n, let one, let many):
                "\(n) " + Self.form(n, one, many, catalogue)
            }
        }
        return Self.filled(pattern, with: shown)
    }

    private static func form(_ n: Int, _ one: String, _ many: String, _ c: Catalogue) -> String {
        guard let forms = c.texts[one + "|" + many]?.split(separator: "|") else {
            return n == 1 ? one : many
        }
        let index = c.pluralForm(n)
        return forms.indices.contains(index) ? String(forms[index]) : String(forms.last ?? "")
    }

    /// Puts the values into a translated pattern: `%@` takes the next value, `%2$@` the second,
    /// `%%` is a percent sign. A place with no value stays empty.
    static func filled(_ pattern: String, with values: [String]) -> String {
        var out = ""
        var next = 0
        var rest = Substring(pattern)
        while let percent = rest.firstIndex(of: "%") {
            out += rest[..<percent]
            rest = rest[rest.index(after: percent)...]
            if rest.first == "%" {
                out += "%"
                rest = rest.dropFirst()
            } else if rest.first == "@" {
                out += values.indices.contains(next) ? values[next] : ""
                next += 1
                rest = rest.dropFirst()
            } else if let dollar = rest.firstIndex(of: "$"), let n = Int(rest[..<dollar]),
                rest[rest.index(after: dollar)...].first == "@"
            {
                out += values.indices.contains(n - 1) ? values[n - 1] : ""
                rest = rest[rest.index(dollar, offsetBy: 2)...]
            } else {
                out += "%"
            }
        }
        return out + rest
    }
}

/// A count with its noun, in the singular for exactly one: "1 run", "3 runs"; "1 loop",
/// "3 lopen". Both languages count this way; a text never writes "run(s)". In a text that a
/// further language may translate, write `\(count: n, "run", "runs")` instead.
public func counted(_ count: Int, _ one: String, _ many: String) -> String {
    "\(count) \(count == 1 ? one : many)"
}
