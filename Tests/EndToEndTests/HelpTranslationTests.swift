import Foundation
import Testing

/// `--help` in the user's language: every text written at a command or option has its Dutch
/// (`HelpPhrase.pairs`), and the library's own headings and built-in flags are said in Dutch
/// too. English stays exactly as the library writes it.
@Suite struct HelpTranslationTests {
    /// Every abstract, discussion and option help in the command tree, in order, as
    /// `--experimental-dump-help` lists them.
    static func texts(_ dump: String) throws -> [String] {
        let root = try JSONSerialization.jsonObject(with: Data(dump.utf8)) as? [String: Any]
        var found: [String] = []
        func walk(_ command: [String: Any]) {
            for key in ["abstract", "discussion"] {
                if let text = command[key] as? String, !text.isEmpty { found.append(text) }
            }
            for argument in command["arguments"] as? [[String: Any]] ?? [] {
                for key in ["abstract", "discussion"] {
                    if let text = argument[key] as? String, !text.isEmpty { found.append(text) }
                }
            }
            for sub in command["subcommands"] as? [[String: Any]] ?? [] { walk(sub) }
        }
        walk(root?["command"] as? [String: Any] ?? [:])
        return found
    }

    /// A text added in English without its Dutch shows up here by name.
    @Test func everyHelpTextHasItsDutch() throws {
        let rehab = try Rehab()
        defer { rehab.cleanUp() }
        let english = try HelpTranslationTests.texts(
            rehab.run(["--experimental-dump-help"]).stdout)
        let dutch = try HelpTranslationTests.texts(
            rehab.run(["--experimental-dump-help"], environment: ["REHAB_LANG": "nl"]).stdout)
        #expect(english.count > 400, "\(english.count) texts")
        #expect(english.count == dutch.count)
        // The same in both languages, as it should be: a range needs no translation.
        let alike: Set = ["Sets, 1-10."]
        let untranslated = Set(zip(english, dutch).filter { $0 == $1 }.map(\.0))
        #expect(untranslated.subtracting(alike).isEmpty, "no Dutch for: \(untranslated)")
    }

    /// Every command's help in Dutch names its values in Dutch (a name added without its Dutch
    /// in `HelpPhrase.placeholders` shows up here), and an option's help still starts at the
    /// library's column when the Dutch name is longer or shorter.
    @Test func everyValueIsNamedInDutchAndTheHelpStaysInItsColumn() throws {
        let rehab = try Rehab()
        defer { rehab.cleanUp() }
        let dump = try rehab.run(["--experimental-dump-help"]).stdout
        let root = try JSONSerialization.jsonObject(with: Data(dump.utf8)) as? [String: Any]
        var paths: [[String]] = []
        func walk(_ command: [String: Any], _ path: [String]) {
            paths.append(path)
            for sub in command["subcommands"] as? [[String: Any]] ?? [] {
                walk(sub, path + [sub["commandName"] as? String ?? ""])
            }
        }
        walk(root?["command"] as? [String: Any] ?? [:], [])
        #expect(paths.count > 40, "\(paths.count) commands")
        // The same in both languages.
        let alike: Set = [
            "<db>", "<km>", "<id>", "<login>", "<plan>", "<variant>", "<instrument>",
            "<start-km>", "<per-week>", "<sets>",
        ]
        var english: Set<String> = []
        for path in paths {
            let en = try rehab.run(path + ["--help"]).stdout
            let nl = try rehab.run(path + ["--help"], environment: ["REHAB_LANG": "nl"]).stdout
            let names = { (help: String) in
                Set(help.matches(of: #/<[a-z][a-z-]*>/#).map { String($0.output) })
            }
            english.formUnion(names(en))
            let left = names(nl).intersection(names(en)).subtracting(alike)
            #expect(left.isEmpty, "\(path): no Dutch for \(left.sorted())")
            // A label and its help on one line: the help starts at column 26, as in English.
            for line in nl.split(separator: "\n") where line.hasPrefix("  -") {
                let label = line.dropFirst(2)
                guard let gap = label.range(of: "  "),
                    let start = label[gap.upperBound...].firstIndex(where: { $0 != " " })
                else { continue }
                #expect(line.distance(from: line.startIndex, to: start) == 26, "\(path): \(line)")
            }
        }
        #expect(english.count > 60, "\(english.count) names")
    }

    @Test(arguments: [
        ["--help"], ["log", "--help"], ["help", "log"], ["plans", "-h"],
        ["clinic", "init", "--help"],
        ["tune", "exercise", "add", "--help"],
    ])
    func helpSpeaksTheUsersLanguage(_ arguments: [String]) throws {
        let rehab = try Rehab()
        defer { rehab.cleanUp() }
        let nl = try rehab.run(arguments, environment: ["REHAB_LANG": "nl"])
        #expect(nl.status == 0 && nl.stderr.isEmpty, "\(nl)")
        #expect(nl.stdout.hasPrefix("OVERZICHT: "), "\(nl)")
        #expect(nl.stdout.contains("\nGEBRUIK: rehab") && nl.stdout.contains("\nOPTIES:"))
        #expect(nl.stdout.contains("Toon deze hulp."), "\(nl)")
        for english in ["OVERVIEW:", "USAGE:", "OPTIONS:", "Show help information.", "(default:"] {
            #expect(!nl.stdout.contains(english), "\(english) in \(nl)")
        }
        // --lang anywhere chooses too: before or after the help, with `help` first, and
        // with a group's `-h` (the library alone would refuse it or show a default command).
        for extra in [["--lang", "nl"], ["--lang=nl"]] {
            for given in [arguments + extra, extra + arguments] {
                let chosen = try rehab.run(given)
                #expect(chosen.stdout == nl.stdout, "\(given): \(chosen)")
            }
        }
        // English is the library's own.
        let en = try rehab.run(arguments)
        #expect(en.status == 0 && en.stdout.hasPrefix("OVERVIEW: "), "\(en)")
        #expect(en.stdout.contains("\nOPTIONS:") && en.stdout.contains("Show help information."))
    }

    /// `rehab --lang nl --help` (and --help before it, or -h): the overview in Dutch, not the
    /// app's help, which the library would show as the app is the default command.
    @Test func theOverviewWithTheLanguageGiven() throws {
        let rehab = try Rehab()
        defer { rehab.cleanUp() }
        let overview = try rehab.run(["--help"], environment: ["REHAB_LANG": "nl"])
        #expect(overview.stdout.contains("SUBCOMMANDO'S:"), "\(overview)")
        for arguments in [
            ["--lang", "nl", "--help"], ["--help", "--lang", "nl"], ["--lang=nl", "-h"],
        ] {
            let result = try rehab.run(arguments)
            #expect(
                result.status == 0 && result.stdout == overview.stdout, "\(arguments): \(result)")
        }
        // A patient named "help" is no request for help: the options stay with the command.
        let named = try rehab.run(["patients", "add", "help", "--lang", "nl"])
        #expect(named.status == 0 && !named.stdout.contains("OVERZICHT"), "\(named)")
        // The app's own help is still `rehab ui --help`.
        let app = try rehab.run(["ui", "--help"], environment: ["REHAB_LANG": "nl"])
        #expect(app.stdout.hasPrefix("OVERZICHT: De app op het volle scherm"), "\(app)")
    }

    /// A command's own run (no help asked) never reads the help texts' language: the usual
    /// output, in the user's language as before.
    @Test func aCommandWithoutHelpIsUnchanged() throws {
        let rehab = try Rehab()
        defer { rehab.cleanUp() }
        let result = try rehab.run(["plans"], environment: ["REHAB_LANG": "nl"])
        #expect(result.status == 0 && result.stdout.contains("itbs"), "\(result)")
    }
}
