import ArgumentParser
import Foundation
import RehabCore

/// A mistyped command name (`rehab stauts`, `rehab help stauts`, `rehab plans shwo`) gets "did
/// you mean" and exit 2, instead of the usage of the default command or the general help.
enum CommandSuggestion {
    /// The usage message when `arguments` (without the program name) start with a command name
    /// that does not exist, or nil. Only the words right after the program name (or `help`) are
    /// read as command names, up to the first option: `rehab plans shwo itbs` is read, and
    /// `rehab tune --phase build_up` is not. Called before parsing with `failed` false (only
    /// `rehab help ...` is judged then) and after the parser refused the arguments.
    /// `language` is asked for only when there is a message (it may read the config file).
    static func message(
        for arguments: [String], failed: Bool, language: @autoclosure () -> Language
    ) -> String? {
        var words = arguments[...]
        let asksForHelp = words.first == "help"
        if asksForHelp { words = words.dropFirst() }
        guard asksForHelp || failed else { return nil }
        var command: ParsableCommand.Type = RehabCommand.self
        var path = ["rehab"]
        for word in words {
            if word.hasPrefix("-") { return nil }
            let subcommands = command.configuration.subcommands
            guard !subcommands.isEmpty else { return nil }
            guard let next = subcommands.first(where: { names($0).contains(word) }) else {
                // No default subcommand here takes an argument, so the word is a command name.
                let known = subcommands.map { $0._commandName }
                return text(
                    word, in: path.joined(separator: " "), known: known, language: language())
            }
            command = next
            path.append(word)
        }
        return nil
    }

    static func names(_ command: ParsableCommand.Type) -> [String] {
        [command._commandName] + command.configuration.aliases
    }

    static func text(_ word: String, in parent: String, known: [String], language: Language)
        -> String
    {
        let near = typos(of: word.lowercased(), among: known.map { (name: $0, key: $0) })
        let phrase =
            near.isEmpty
            ? Phrase.unknownCommand(word, in: parent, known: known)
            : Phrase.unknownCommand(word, in: parent, didYouMean: Array(near.prefix(2)))
        return phrase.text(language)
    }

    /// The candidates nearest to `word` that are close enough to be a typo of it (one edit in
    /// a short word, a third of a longer one), by name; `word` and each `key` in the form they
    /// are compared in. Command names and patient names alike.
    static func typos(of word: String, among candidates: [(name: String, key: String)])
        -> [String]
    {
        let close = candidates.map { (name: $0.name, distance: distance(word, $0.key)) }
            .filter { $0.distance <= max(1, word.count / 3) }
        let best = close.map(\.distance).min()
        return close.filter { $0.distance == best }.map(\.name).sorted()
    }

    /// Edit distance with adjacent transpositions (optimal string alignment): "stauts" is one
    /// edit from "status".
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var d = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[a.count][b.count]
    }
}
