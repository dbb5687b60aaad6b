import ArgumentParser
import RehabCore

/// argument-parser's own usage errors (an unknown option, a missing one, a missing value, an
/// argument too many) in the user's language.
///
/// swift-argument-parser 1.x keeps the kind of error internal (`ParserError`, wrapped in
/// `CommandError`): its public interface gives only the finished English text
/// (`message(for:)`, `fullMessage(for:)`). So the library's wording is the only handle, and
/// each pattern below matches it exactly as `ErrorMessageGenerator` (Usage/UsageGenerator.swift)
/// and `MessageInfo.fullText` write it in 1.8. A message none of them matches stays in English;
/// `UsageErrorTests` runs the binary for each kind in both languages, so a library update that
/// changes a wording fails a test instead of going English without a word.
enum UsagePhrase {
    /// The parser's whole message for `error` (the error, the help line for the option
    /// concerned, the usage and where to read more), in `language` where a translation exists.
    static func fullMessage(for error: any Error, language: Language) -> String {
        let english = RehabCommand.fullMessage(for: error)
        let message = RehabCommand.message(for: error)
        let head = "Error: " + message + "\n"
        guard english.hasPrefix(head), let said = sentence(message) else { return english }
        let frame = english.dropFirst(head.count)
            .split(separator: "\n", omittingEmptySubsequences: false).map { frameLine(String($0)) }
        let error = LocalizedText(nl: "Fout: \(said.nl)", en: "Error: \(said.en)")
        return ([error] + frame).map { $0.text(language) }.joined(separator: "\n")
    }

    /// The library's first line, said again in both languages (the English as it is); nil
    /// for a wording this does not know.
    static func sentence(_ message: String) -> LocalizedText? {
        if let match = message.wholeMatch(of: #/Missing expected argument '(.+)'/#) {
            let name = String(match.1)
            let dutchName = HelpPhrase.dutchNames(name)
            // The library says "argument" for both; an option starts with a dash.
            return LocalizedText(
                nl: name.hasPrefix("-")
                    ? "verplichte optie '\(dutchName)' ontbreekt"
                    : "verplicht argument '\(dutchName)' ontbreekt",
                en: "Missing expected argument '\(name)'")
        }
        if let match = message.wholeMatch(of: #/Unknown option '(.+)'\. Did you mean '(.+)'\?/#) {
            let (name, near) = (String(match.1), String(match.2))
            return LocalizedText(
                nl: "onbekende optie '\(name)'; bedoelt u '\(near)'?",
                en: "Unknown option '\(name)'. Did you mean '\(near)'?")
        }
        if let match = message.wholeMatch(of: #/Unknown option '(.+)'/#) {
            let name = String(match.1)
            return LocalizedText(
                nl: "onbekende optie '\(name)'", en: "Unknown option '\(name)'")
        }
        if let match = message.wholeMatch(of: #/Missing value for '(.+)'/#) {
            let name = String(match.1)
            return LocalizedText(
                nl: "geen waarde opgegeven voor '\(HelpPhrase.dutchNames(name))'",
                en: "Missing value for '\(name)'")
        }
        if let match = message.wholeMatch(
            of: #/The option '(.+)' does not take any value, but '(.*)' was specified\./#)
        {
            let (name, value) = (String(match.1), String(match.2))
            return LocalizedText(
                nl: "de optie '\(name)' neemt geen waarde aan, maar er is '\(value)' opgegeven",
                en: "The option '\(name)' does not take any value, but '\(value)' was specified.")
        }
        if let match = message.wholeMatch(of: #/Unexpected argument '(.*)'/#) {
            let value = String(match.1)
            return LocalizedText(
                nl: "onverwacht argument '\(value)'", en: "Unexpected argument '\(value)'")
        }
        if let match = message.wholeMatch(of: #/(\d+) unexpected arguments: (.+)/#) {
            let (count, values) = (String(match.1), String(match.2))
            return LocalizedText(
                nl: "\(count) onverwachte argumenten: \(values)",
                en: "\(count) unexpected arguments: \(values)")
        }
        return nil
    }

    /// A line after the error: the usage and the pointer to --help are said again, with the
    /// names of values in Dutch as `--help` gives them; the help line quotes the option's help.
    static func frameLine(_ line: String) -> LocalizedText {
        if let match = line.wholeMatch(of: #/Usage: (.*)/#) {
            let usage = String(match.1)
            return LocalizedText(
                nl: "Gebruik: \(HelpPhrase.dutchNames(usage))", en: "Usage: \(usage)")
        }
        if let match = line.wholeMatch(of: #/Help:  (.+)/#) {
            // The option's help itself is already in the user's language (HelpLanguage).
            let help = String(match.1)
            return LocalizedText(nl: "Hulp:  \(HelpPhrase.dutchNames(help))", en: "Help:  \(help)")
        }
        if let match = line.wholeMatch(of: #/  See '(.+)' for more information\./#) {
            let help = String(match.1)
            return LocalizedText(
                nl: "  Zie '\(help)' voor meer informatie.",
                en: "  See '\(help)' for more information.")
        }
        return LocalizedText(verbatim: line)
    }
}
