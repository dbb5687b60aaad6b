// Typed reading of YAML nodes with errors that name the key path, the value found and what is
// allowed. Every reader records its problem and returns nil, so one pass reports everything.

import RehabCore

/// A mapping whose keys were checked against what the schema allows at its place.
struct Fields {
    let path: String
    let mark: Mark
    let entries: [String: YAMLEntry]

    subscript(key: String) -> YAMLNode? { entries[key]?.value }

    func path(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }
}

struct SchemaReader {
    let file: String
    private(set) var errors: [PlanError] = []
    /// Problems that do not stop the file loading (a deprecated key, a threshold above what the
    /// sources allow for walking and running); `plans check` prints them.
    private(set) var warnings: [PlanError] = []

    init(file: String) { self.file = file }

    mutating func fail(_ mark: Mark, _ text: LocalizedText) {
        errors.append(PlanError(file: file, line: mark.line, column: mark.column, text: text))
    }

    mutating func warn(_ mark: Mark, _ text: LocalizedText) {
        warnings.append(PlanError(file: file, line: mark.line, column: mark.column, text: text))
    }

    /// A plan's or a questionnaire's id that is not its file's name: a folder finds a file by
    /// its id.
    static func idMismatch(_ id: String, expected: String) -> LocalizedText {
        t(
            "id: \(id) komt niet overeen met de bestandsnaam \(expected).yaml; die "
                + "moeten gelijk zijn",
            "id: \(id) does not match the file name \(expected).yaml; they must be "
                + "equal")
    }

    /// Keeps where a list item's id stands; at a second place, reports it in the words of
    /// `twice`, which is told the place before.
    mutating func once(
        _ id: String, at mark: Mark, seen: inout [String: Mark],
        twice: (_ first: Mark) -> LocalizedText
    ) {
        if let first = seen[id] { fail(mark, twice(first)) }
        seen[id] = mark
    }

    /// Reports unknown keys (with a suggestion when one is close) and missing required keys.
    /// The top mapping of a `kind` file (plan, questionnaire); an empty file is told what it
    /// needs.
    mutating func topFields(
        _ root: YAMLNode?, of kind: Noun, required: [String], optional: [String]
    ) -> Fields? {
        guard let root else {
            let keys = required.joined(separator: ", ")
            fail(
                Mark(line: 1, column: 1),
                t(
                    "het bestand is leeg; een \(kind.name.nl) moet bevatten: \(keys)",
                    "the file is empty; a \(kind.name) needs \(keys)"))
            return nil
        }
        return fields(root, "", required: required, optional: optional)
    }

    mutating func fields(
        _ node: YAMLNode, _ path: String, required: [String], optional: [String] = []
    ) -> Fields? {
        guard case .mapping(let list, let mark) = node else {
            fail(node.mark, expected(label(path), t("een mapping", "a mapping"), node))
            return nil
        }
        let allowed = required + optional
        var entries: [String: YAMLEntry] = [:]
        for entry in list {
            guard allowed.contains(entry.key) else {
                let keyPath = path.isEmpty ? entry.key : "\(path).\(entry.key)"
                if let near = closest(to: entry.key, in: allowed) {
                    fail(
                        entry.keyMark,
                        t(
                            "\(keyPath): onbekende sleutel; bedoelt u \(near)?",
                            "\(keyPath): unknown key; did you mean \(near)?"))
                } else {
                    let list = allowed.joined(separator: ", ")
                    fail(
                        entry.keyMark,
                        t(
                            "\(keyPath): onbekende sleutel; hier toegestaan: \(list)",
                            "\(keyPath): unknown key; allowed here: \(list)"))
                }
                continue
            }
            entries[entry.key] = entry
        }
        for key in required where entries[key] == nil {
            fail(
                mark,
                t(
                    "\(label(path))verplichte sleutel \(key) ontbreekt",
                    "\(label(path))missing required key \(key)"))
        }
        return Fields(path: path, mark: mark, entries: entries)
    }

    mutating func list(_ node: YAMLNode?, _ path: String) -> [YAMLNode]? {
        guard let node else { return nil }
        guard case .sequence(let nodes, _) = node else {
            fail(node.mark, expected("\(path): ", t("een lijst", "a list"), node))
            return nil
        }
        return nodes
    }

    mutating func int(_ node: YAMLNode?, _ path: String, _ range: ClosedRange<Int>) -> Int? {
        guard let node else { return nil }
        // Worded only for a message: most values are read without one.
        var allowed: String { "\(range.lowerBound)-\(range.upperBound)" }
        guard case .scalar(let text, plain: true, _) = node, isDecimal(text, fraction: false),
            let value = Int(text)
        else {
            fail(
                node.mark,
                expected(
                    "\(path): ", t("een geheel getal \(allowed)", "a whole number \(allowed)"),
                    node))
            return nil
        }
        guard range.contains(value) else {
            fail(node.mark, outOfRange(path, "\(value)", allowed))
            return nil
        }
        return value
    }

    mutating func number(_ node: YAMLNode?, _ path: String, _ range: ClosedRange<Double>) -> Double?
    {
        guard let node else { return nil }
        var allowed: String { "\(format(range.lowerBound))-\(format(range.upperBound))" }
        guard case .scalar(let text, plain: true, _) = node, isDecimal(text, fraction: true),
            let value = Double(text)
        else {
            fail(
                node.mark,
                expected("\(path): ", t("een getal \(allowed)", "a number \(allowed)"), node))
            return nil
        }
        guard range.contains(value) else {
            fail(node.mark, outOfRange(path, text, allowed))
            return nil
        }
        return value
    }

    mutating func bool(_ node: YAMLNode?, _ path: String) -> Bool? {
        guard let node else { return nil }
        if case .scalar(let text, plain: true, _) = node {
            if text == "true" { return true }
            if text == "false" { return false }
        }
        fail(node.mark, expected("\(path): ", t("true of false", "true or false"), node))
        return nil
    }

    /// A non-empty text scalar (quoted or not).
    mutating func string(_ node: YAMLNode?, _ path: String) -> String? {
        guard let node else { return nil }
        guard case .scalar(let text, _, _) = node, !node.isNull else {
            fail(node.mark, expected("\(path): ", t("tekst", "text"), node))
            return nil
        }
        guard !text.trimmingSpaces.isEmpty else {
            fail(node.mark, t("\(path): de tekst is leeg", "\(path): text is empty"))
            return nil
        }
        return text
    }

    /// An id: lowercase letters, digits and underscores, as red flag ids are.
    mutating func identifier(_ node: YAMLNode?, _ path: String) -> String? {
        guard let text = string(node, path), let node else { return nil }
        guard RedFlag.isWellFormed(text) else {
            fail(
                node.mark,
                t(
                    "\(path): \(quoted(text)) is geen geldige id; gebruik kleine letters, cijfers "
                        + "en onderstrepingstekens (hoogstens 64)",
                    "\(path): \(quoted(text)) is not a valid id; use lowercase letters, digits and "
                        + "underscores (at most 64)"))
            return nil
        }
        return text
    }

    /// A text in both languages, both non-empty.
    mutating func text(_ node: YAMLNode?, _ path: String) -> LocalizedText? {
        guard let node, let fields = fields(node, path, required: [], optional: ["nl", "en"])
        else { return nil }
        for key in ["nl", "en"] where fields[key] == nil {
            let language = key == "nl" ? t("Nederlandse", "Dutch") : t("Engelse", "English")
            fail(
                fields.mark,
                t(
                    "\(path): de \(language.nl) tekst (\(key)) ontbreekt; elke tekst heeft zowel "
                        + "nl als en nodig",
                    "\(path): missing the \(language) text (\(key)); every text needs nl and en"
                ))
        }
        let nl = string(fields["nl"], fields.path("nl"))
        let en = string(fields["en"], fields.path("en"))
        guard let nl, let en else { return nil }
        return LocalizedText(nl: nl, en: EnglishText(verbatim: en))
    }

    /// One value of a closed vocabulary (activity, movement, region, kind).
    mutating func choice<Value: RawRepresentable & CaseIterable>(
        _ node: YAMLNode?, _ path: String, _ what: Noun
    ) -> Value? where Value.RawValue == String {
        guard let text = string(node, path), let node else { return nil }
        if let value = Value(rawValue: text) { return value }
        unknown(text, what: what, among: Value.allCases.map(\.rawValue), at: node.mark, path)
        return nil
    }

    /// Reports a name that is not one of `known`, with a suggestion or the whole list.
    mutating func unknown(
        _ text: String, what: Noun, among known: [String], at mark: Mark, _ path: String
    ) {
        let name = "\(path): \(what.unknown.nl) \(quoted(text))"
        let nameEn: EnglishText = "\(path): \(what.unknown) \(quoted(text))"
        if let near = closest(to: text, in: known) {
            fail(mark, t("\(name); bedoelt u \(near)?", "\(nameEn); did you mean \(near)?"))
        } else if known.isEmpty {
            fail(mark, t("\(name); het bestand definieert er geen", "\(nameEn); none are defined"))
        } else {
            let list = known.joined(separator: ", ")
            fail(mark, t("\(name); toegestaan: \(list)", "\(nameEn); allowed: \(list)"))
        }
    }

    // MARK: - Wording

    private func label(_ path: String) -> String { path.isEmpty ? "" : "\(path): " }

    /// "phases: expected a list, found a mapping"; `label` is the path and its colon, or empty.
    func expected(_ label: String, _ wanted: LocalizedText, _ node: YAMLNode) -> LocalizedText {
        let found = describe(node)
        return t(
            "\(label)verwacht \(wanted.nl), gevonden: \(found.nl)",
            "\(label)expected \(wanted), found \(found)")
    }

    private func outOfRange(_ path: String, _ value: String, _ allowed: String) -> LocalizedText {
        t(
            "\(path): \(value) valt buiten het bereik; toegestaan \(allowed)",
            "\(path): \(value) is out of range; allowed \(allowed)")
    }

    func describe(_ node: YAMLNode) -> LocalizedText {
        switch node {
        case .scalar(let text, let plain, _):
            if node.isNull { return t("niets", "nothing") }
            if plain { return LocalizedText(verbatim: quoted(text)) }
            return t("de tekst \"\(shortened(text))\"", "the text \"\(shortened(text))\"")
        case .sequence: return t("een lijst", "a list")
        case .mapping: return t("een mapping", "a mapping")
        }
    }

    /// Plain values are shown as written unless they would be confusing bare.
    func quoted(_ text: String) -> String {
        let bare = text.unicodeScalars.allSatisfy {
            $0.properties.isAlphabetic || ("0"..."9").contains($0)
                || "_-.+".unicodeScalars.contains($0)
        }
        return bare && !text.isEmpty ? shortened(text) : "\"\(shortened(text))\""
    }

    private func shortened(_ text: String) -> String {
        text.count > 40 ? String(text.prefix(40)) + "…" : text
    }

    private func format(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }

    /// Digits, with one "-" before them and (for a fraction) one "." between them.
    private func isDecimal(_ text: String, fraction: Bool) -> Bool {
        var bytes = Substring(text).utf8[...]
        if bytes.first == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
        var whole = 0
        var decimals = 0
        var points = 0
        for byte in bytes {
            if byte == UInt8(ascii: ".") {
                points += 1
            } else if (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
                if points == 0 { whole += 1 } else { decimals += 1 }
            } else {
                return false
            }
        }
        return whole > 0 && (points == 0 || (fraction && points == 1 && decimals > 0))
    }
}

/// The known name closest to a misspelt one, when it is close enough to be a typo.
func closest(to word: String, in known: [String]) -> String? {
    let limit = word.count <= 4 ? 1 : 2
    var best: (name: String, distance: Int)?
    for name in known {
        let d = editDistance(word, name)
        if d <= limit, d < (best?.distance ?? .max) { best = (name, d) }
    }
    return best?.name
}

/// Levenshtein distance over characters.
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a)
    let b = Array(b)
    if a.isEmpty { return b.count }
    var previous = Array(0...b.count)
    for i in 1...a.count {
        var current = [i] + Array(repeating: 0, count: b.count)
        for j in stride(from: 1, through: b.count, by: 1) {
            let cost = a[i - 1] == b[j - 1] ? 0 : 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        }
        previous = current
    }
    return previous[b.count]
}

/// The names the checker gives what it reads, for "unknown activity run2" and "the id x is
/// already used for another phase". Dutch adjectives follow the noun: "onbekende activiteit",
/// "onbekend thema".
enum Noun {
    case plan, questionnaire
    case activity, region, movement, phase, phaseKind, exercise, metric, urgency, moment
    case redFlag, referral, variant
    case language, theme, action, scoringMethod

    var name: LocalizedText {
        switch self {
        case .plan: t("plan", "plan")
        case .questionnaire: t("vragenlijst", "questionnaire")
        case .activity: t("activiteit", "activity")
        case .region: t("regio", "region")
        case .movement: t("beweging", "movement")
        case .phase: t("fase", "phase")
        case .phaseKind: t("fasesoort", "phase kind")
        case .exercise: t("oefening", "exercise")
        case .metric: t("eenheid", "metric")
        case .urgency: t("urgentie", "urgency")
        case .moment: t("tijdstip", "moment")
        case .redFlag: t("rode vlag", "red flag")
        case .referral: t("verwijzing", "referral")
        case .variant: t("variant", "variant")
        case .language: t("taal", "language")
        case .theme: t("thema", "theme")
        case .action: t("actie", "action")
        case .scoringMethod: t("scoremethode", "scoring method")
        }
    }

    /// Het-words take "onbekend", de-words "onbekende".
    var unknown: LocalizedText {
        let neuter: Set<Noun> = [.plan, .moment, .theme]
        return t(
            (neuter.contains(self) ? "onbekend " : "onbekende ") + name.nl, "unknown " + name.en)
    }
}
