import Foundation
import Testing

@testable import RehabCore

/// Every text rehab shows exists in Dutch and English. Texts are `LocalizedText` by
/// construction, so a missing translation shows up as an empty side or an English text copied
/// into the Dutch slot; these tests look for both, in the vocabularies, the rule messages, and in
/// every nl/en pair written in RehabCore's sources (phrases of the CLI and the app included), so
/// a phrase added later is checked without touching this file.
/// Plan texts in plans/*.yaml: the plan reader refuses a text without nl or en
/// (RehabPlans' SchemaReader.text), and RehabPlansTests load every catalogue file.
@Suite struct TranslationTests {
    func bothLanguages(_ text: LocalizedText, _ what: String) {
        #expect(!text.nl.trimmingCharacters(in: .whitespaces).isEmpty, "\(what): no Dutch")
        #expect(!text.en.trimmingCharacters(in: .whitespaces).isEmpty, "\(what): no English")
    }

    /// Distinct cases need distinct names in each language, or a reader cannot tell them apart.
    func distinct(_ texts: [LocalizedText], _ what: String) {
        #expect(Set(texts.map(\.nl)).count == texts.count, "\(what): Dutch names repeat")
        #expect(Set(texts.map(\.en)).count == texts.count, "\(what): English names repeat")
    }

    @Test func vocabularies() {
        for a in Activity.allCases { bothLanguages(a.name, "activity \(a)") }
        for m in Movement.allCases { bothLanguages(m.name, "movement \(m)") }
        for r in BodyRegion.allCases { bothLanguages(r.name, "region \(r)") }
        for k in PhaseKind.allCases { bothLanguages(k.name, "phase kind \(k)") }
        for s in ShoeState.allCases { bothLanguages(s.name, "shoe state \(s)") }
        for (id, name) in RedFlag.builtIn { bothLanguages(name, "red flag \(id)") }
        distinct(Activity.allCases.map(\.name), "activities")
        distinct(Movement.allCases.map(\.name), "movements")
        distinct(BodyRegion.allCases.map(\.name), "regions")
        distinct(PhaseKind.allCases.map(\.name), "phase kinds")
        distinct(ShoeState.allCases.map(\.name), "shoe states")
    }

    @Test func ruleMessages() {
        let nl = Messages(.nl)
        let en = Messages(.en)
        for code in ReasonCode.allCases {
            let finding = Finding(
                code: code, date: Day(number: 20_500), seen: 7, limit: 5, unit: "km",
                flag: RedFlag.fever, percent: 10)
            let pair = LocalizedText(
                nl: nl.reason(finding), en: EnglishText(verbatim: en.reason(finding)))
            bothLanguages(pair, "reason \(code.rawValue)")
            #expect(pair.nl != pair.en, "reason \(code.rawValue) is the same in both")
        }
        for level in Level.allCases {
            bothLanguages(
                LocalizedText(nl: nl.level(level), en: EnglishText(verbatim: en.level(level))),
                "level \(level)")
        }
        for action in Action.allCases {
            let name = LocalizedText(
                nl: nl.action(action), en: EnglishText(verbatim: en.action(action)))
            let advice = LocalizedText(
                nl: nl.actionAdvice(action), en: EnglishText(verbatim: en.actionAdvice(action)))
            bothLanguages(name, "action \(action)")
            bothLanguages(advice, "advice \(action)")
            #expect(advice.nl != advice.en, "advice for \(action) is the same in both")
        }
        for criterion in Criterion.allCases {
            let name = LocalizedText(
                nl: nl.criterionName(criterion),
                en: EnglishText(verbatim: en.criterionName(criterion)))
            bothLanguages(name, "criterion \(criterion)")
            #expect(name.nl != name.en, "criterion \(criterion) is the same in both")
        }
    }

    // MARK: - Every nl/en pair in the sources

    /// Texts that are the same word in Dutch and English.
    static let sameInBoth: Set<String> = [
        "Plan", "plan", "stop", "Stop", "km", "start", "week", "Per week:", "min", "Tips", "Esc",
        "OK", "Tab", "variant", "score", "MCID",
    ]

    /// Every source folder: text lives where it is used (rules in RehabCore, the app's in
    /// RehabTUI, the commands' in rehab), and each place must say it in both languages.
    static let sources: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources")

    @Test func everyPairInTheSourcesHasTwoDifferentTexts() throws {
        let files = try FileManager.default.subpathsOfDirectory(atPath: Self.sources.path)
            .filter { $0.hasSuffix(".swift") }.sorted()
        #expect(
            files.contains("RehabCore/Phrases.swift")
                && files.contains("RehabTUI/App/UIPhrases.swift"))
        var checked = 0
        for file in files {
            let text = try String(
                contentsOf: Self.sources.appendingPathComponent(file), encoding: .utf8)
            for pair in SourcePairs.find(in: text) {
                let place = "\(file):\(pair.line)"
                // Both sides built from variables only (e.g. `t(amountNL, amountEN)`): nothing
                // written here to check.
                guard pair.nl.hasLiteral || pair.en.hasLiteral else { continue }
                checked += 1
                // A side built from a variable (e.g. `en: refusal.description`) has no words here.
                if pair.nl.hasLiteral {
                    #expect(!pair.nl.words.isEmpty, "\(place): the Dutch text is empty")
                }
                if pair.en.hasLiteral {
                    #expect(!pair.en.words.isEmpty, "\(place): the English text is empty")
                }
                // A count says its noun once, in the right form (`counted`), never "run(s)".
                #expect(
                    !pair.en.words.contains(/\p{L}\(s\)/)
                        && !pair.nl.words.contains(/\p{L}\((en|s)\)/),
                    "\(place): a plural in brackets; use counted(n, one, many)")
                if pair.nl.words == pair.en.words, pair.nl.words.contains(where: \.isLetter) {
                    #expect(
                        Self.sameInBoth.contains(pair.nl.words),
                        "\(place): '\(pair.nl.words)' is the same in Dutch and English")
                }
            }
        }
        // Phrases, UI phrases, messages, vocabularies: hundreds of pairs. Far fewer means the
        // scanner missed them, not that they are gone.
        #expect(checked > 300, "only \(checked) pairs found")
    }

    @Test func theScannerSeesWhatItShould() {
        let source = #"""
            t("fout", "error")
            t("\(n) dagen", "\(n) days")
            pair("een " + "twee", "one " + "two")
            LocalizedText(nl: "", en: "only English")
            say(nl: "Zelfde", en: "Zelfde")
            private static func t(_ nl: String, _ en: String) -> LocalizedText
            """#
        let pairs = SourcePairs.find(in: source)
        #expect(pairs.map(\.nl.words) == ["fout", "dagen", "een twee", "", "Zelfde", ""])
        #expect(
            pairs.map(\.en.words) == ["error", "days", "one two", "only English", "Zelfde", ""])
        #expect(pairs.map(\.line) == [1, 2, 3, 4, 5, 6])
        #expect(pairs[5].nl.hasLiteral == false)
    }
}

/// A small scanner for `t(…, …)`, `pair(…, …)`, `LocalizedText(nl: …, en: …)` and
/// `say(nl: …, en: …)` calls in Swift source: each argument's string literals, joined, with
/// interpolations left out.
enum SourcePairs {
    struct Side {
        var words = ""
        var hasLiteral = false
    }

    struct Pair {
        var line: Int
        var nl: Side
        var en: Side
    }

    static let markers = ["t(", "pair(", "LocalizedText(", "say("]

    static func find(in text: String) -> [Pair] {
        let c = Array(text)
        var pairs: [Pair] = []
        var i = 0
        var line = 1
        while i < c.count {
            if c[i] == "\n" { line += 1 }
            if c[i] == "\"" {
                let end = skipString(c, i).end
                line += c[i..<end].filter { $0 == "\n" }.count
                i = end
                continue
            }
            if c[i] == "/", i + 1 < c.count, c[i + 1] == "/" {
                while i < c.count, c[i] != "\n" { i += 1 }
                continue
            }
            let before = i > 0 ? c[i - 1] : " "
            if !(before.isLetter || before.isNumber || before == "_" || before == "."),
                let marker = markers.first(where: { matches(c, i, $0) })
            {
                let open = i + marker.count
                if let (args, end) = arguments(c, open), args.count == 2 {
                    let labelled = args.map(stripLabel)
                    if marker == "t(" || marker == "pair(" || labelled[0].0 == "nl" {
                        pairs.append(Pair(line: line, nl: labelled[0].1, en: labelled[1].1))
                    }
                    line += c[i..<end].filter { $0 == "\n" }.count
                    i = end
                    continue
                }
            }
            i += 1
        }
        return pairs
    }

    static func matches(_ c: [Character], _ i: Int, _ marker: String) -> Bool {
        let m = Array(marker)
        guard i + m.count <= c.count else { return false }
        return Array(c[i..<(i + m.count)]) == m
    }

    /// The top-level arguments from just after "(" to the matching ")", each as its literal
    /// text plus the raw text before the first literal (for the label).
    static func arguments(_ c: [Character], _ start: Int) -> ([(String, Side)], Int)? {
        var args: [(String, Side)] = []
        var raw = ""
        var side = Side()
        var depth = 0
        var i = start
        while i < c.count {
            let ch = c[i]
            if ch == "\"" {
                let literal = skipString(c, i)
                side.words += literal.content
                // A literal of values only (`"\(head): \(list)"` joins texts made elsewhere)
                // writes no words of its own; `""` is an empty text.
                side.hasLiteral =
                    side.hasLiteral || !literal.content.isEmpty || literal.end - i == 2
                i = literal.end
                continue
            }
            if ch == "(" || ch == "[" || ch == "{" { depth += 1 }
            if ch == ")" || ch == "]" || ch == "}" {
                if depth == 0 {
                    args.append((raw, side))
                    return (args, i + 1)
                }
                depth -= 1
            }
            if ch == ",", depth == 0 {
                args.append((raw, side))
                raw = ""
                side = Side()
            } else if !side.hasLiteral {
                raw.append(ch)
            }
            i += 1
        }
        return nil
    }

    static func stripLabel(_ arg: (String, Side)) -> (String, Side) {
        let label = arg.0.split(separator: ":").first.map {
            $0.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        var side = arg.1
        side.words = side.words.trimmingCharacters(in: .whitespaces)
        return (label ?? "", side)
    }

    /// A string literal from its opening quote: its text without interpolations, and the index
    /// after it. Multi-line literals are read whole.
    static func skipString(_ c: [Character], _ start: Int) -> (content: String, end: Int) {
        if matches(c, start, "\"\"\""), let close = findTriple(c, start + 3) {
            return (String(c[(start + 3)..<close]), close + 3)
        }
        var content = ""
        var i = start + 1
        while i < c.count {
            let ch = c[i]
            if ch == "\\", i + 1 < c.count {
                if c[i + 1] == "(" {
                    i = skipInterpolation(c, i + 2)
                    continue
                }
                content.append(c[i + 1])
                i += 2
                continue
            }
            if ch == "\"" { return (content, i + 1) }
            content.append(ch)
            i += 1
        }
        return (content, i)
    }

    static func skipInterpolation(_ c: [Character], _ start: Int) -> Int {
        var depth = 1
        var i = start
        while i < c.count {
            if c[i] == "\"" {
                i = skipString(c, i).end
                continue
            }
            if c[i] == "(" { depth += 1 }
            if c[i] == ")" {
                depth -= 1
                if depth == 0 { return i + 1 }
            }
            i += 1
        }
        return i
    }

    static func findTriple(_ c: [Character], _ start: Int) -> Int? {
        var i = start
        while i + 2 < c.count {
            if matches(c, i, "\"\"\"") { return i }
            i += 1
        }
        return nil
    }
}

@Suite struct CountedTests {
    @Test func oneIsSingularEveryOtherCountPlural() {
        #expect(counted(1, "run", "runs") == "1 run")
        #expect(counted(0, "run", "runs") == "0 runs")
        #expect(counted(3, "loop", "lopen") == "3 lopen")
        #expect(Phrase.plansOK(1).en == "1 plan file OK")
        #expect(Phrase.plansOK(2).nl == "2 planbestanden in orde")
    }
}
