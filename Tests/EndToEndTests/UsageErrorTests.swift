import Foundation
import Testing

/// argument-parser's own usage errors through the binary: each kind a user meets, in Dutch and
/// in English, with the usage lines after it (exit 2, nothing on stdout). `UsagePhrase` matches
/// the library's English wording; if an update changes one, the Dutch here goes English and
/// these fail.
@Suite struct UsageErrorTests {
    /// The arguments, the first line in Dutch, and as the library writes it.
    @Test(arguments: [
        (
            ["status", "--frob"], "Fout: onbekende optie '--frob'; bedoelt u '--db'?",
            "Error: Unknown option '--frob'. Did you mean '--db'?"
        ),
        (["status", "-x"], "Fout: onbekende optie '-x'", "Error: Unknown option '-x'"),
        (
            ["log", "--minutes", "30"],
            "Fout: verplichte optie '--activity <activiteit>' ontbreekt",
            "Error: Missing expected argument '--activity <activity>'"
        ),
        (
            ["note"], "Fout: verplicht argument '<tekst>' ontbreekt",
            "Error: Missing expected argument '<text>'"
        ),
        (
            ["status", "--patient"], "Fout: geen waarde opgegeven voor '--patient <patiënt>'",
            "Error: Missing value for '--patient <patient>'"
        ),
        (
            ["status", "--json=yes"],
            "Fout: de optie '--json' neemt geen waarde aan, maar er is 'yes' opgegeven",
            "Error: The option '--json' does not take any value, but 'yes' was specified."
        ),
        (
            ["status", "extra"], "Fout: onverwacht argument 'extra'",
            "Error: Unexpected argument 'extra'"
        ),
        (
            ["status", "a", "b"], "Fout: 2 onverwachte argumenten: 'a', 'b'",
            "Error: 2 unexpected arguments: 'a', 'b'"
        ),
    ])
    func aUsageErrorSpeaksTheUsersLanguage(
        _ arguments: [String], _ dutch: String, _ english: String
    ) throws {
        let rehab = try Rehab()
        defer { rehab.cleanUp() }
        let command = arguments[0]
        let nl = try rehab.run(arguments, environment: ["REHAB_LANG": "nl"])
        #expect(nl.status == 2, "\(nl)")
        #expect(nl.stdout.isEmpty)
        let nlLines = nl.stderr.split(separator: "\n").map(String.init)
        #expect(nlLines.first == dutch, "\(nl)")
        #expect(
            nlLines.dropFirst().contains { $0.hasPrefix("Gebruik: rehab \(command) ") }, "\(nl)")
        #expect(nlLines.last == "  Zie 'rehab \(command) --help' voor meer informatie.", "\(nl)")
        #expect(
            !nl.stderr.contains("Usage:") && !nl.stderr.contains("Error:")
                && !nl.stderr.contains("Help:"), "\(nl)")

        let en = try rehab.run(arguments)
        #expect(en.status == 2, "\(en)")
        let enLines = en.stderr.split(separator: "\n").map(String.init)
        #expect(enLines.first == english, "\(en)")
        #expect(enLines.dropFirst().contains { $0.hasPrefix("Usage: rehab \(command) ") }, "\(en)")
        #expect(enLines.last == "  See 'rehab \(command) --help' for more information.", "\(en)")
        // The lines between (the option's help, the usage) are the same in both.
        #expect(nlLines.count == enLines.count, "\(nl)\n\(en)")
    }

    /// A number that is not one never reaches the library: every option is read as text and
    /// checked by rehab, which names the field and the range in the user's language. Were an
    /// option made an `Int`, the library's English "The value … is invalid" (not translated)
    /// would come instead, and this fails.
    @Test func aWordForANumberIsRehabsOwnRefusal() throws {
        let rehab = try Rehab()
        defer { rehab.cleanUp() }
        let log = ["log", "--activity", "run", "--minutes", "abc"]
        let nl = try rehab.run(
            log + ["--pain-during", "1", "--pain-after", "1"], environment: ["REHAB_LANG": "nl"])
        #expect(nl.status == 1, "\(nl)")
        #expect(
            nl.stderr
                == "rehab: minutes: 'abc' is niet toegestaan; gebruik een heel getal van 1 tot en "
                + "met 1440\n")
        let week = try rehab.run(["week", "--weeks", "x"], environment: ["REHAB_LANG": "nl"])
        #expect(
            week.stderr
                == "rehab: weeks: 'x' is niet toegestaan; gebruik een heel getal van 1 tot en met "
                + "520\n", "\(week)")
    }

    /// The exact whole message once: the option's help line as `--help` words it, in Dutch,
    /// with the names of values in Dutch too.
    @Test func theWholeMessageKeepsTheHelpAndUsageLines() throws {
        let rehab = try Rehab()
        defer { rehab.cleanUp() }
        let result = try rehab.run(["note"], environment: ["REHAB_LANG": "nl"])
        #expect(
            result.stderr.hasPrefix(
                """
                Fout: verplicht argument '<tekst>' ontbreekt
                Hulp:  <tekst>  De notitie.
                Gebruik: rehab note [--db <db>] [--lang <taal>] [--patient <patiënt>] \
                [--plans <plannen>]
                """), "\(result)")
        #expect(result.stderr.hasSuffix("  Zie 'rehab note --help' voor meer informatie.\n"))
    }

    /// The language of a command line that could not be parsed: its own --lang (in either
    /// form), else REHAB_LANG, else the config file's, else the locale's.
    @Test func theLanguageOfAUsageError() throws {
        var rehab = try Rehab()
        defer { rehab.cleanUp() }
        let dutch = "Fout: onbekende optie '--frob'; bedoelt u '--db'?\n"
        let english = "Error: Unknown option '--frob'. Did you mean '--db'?\n"
        func firstLine(_ arguments: [String], _ environment: [String: String] = [:]) throws
            -> String
        {
            let result = try rehab.run(arguments, environment: environment)
            #expect(result.status == 2, "\(result)")
            return String(result.stderr.prefix { $0 != "\n" }) + "\n"
        }
        #expect(try firstLine(["status", "--lang", "nl", "--frob"]) == dutch)
        #expect(try firstLine(["status", "--frob", "--lang=nl"]) == dutch)
        #expect(try firstLine(["--lang", "nl", "status", "--frob"]) == dutch)
        #expect(
            try firstLine(["status", "--lang", "en", "--frob"], ["REHAB_LANG": "nl"]) == english)
        // After "--" a word is an argument, not the language.
        #expect(try firstLine(["status", "--frob", "--", "--lang", "nl"]) == english)

        let folder = rehab.directory.appendingPathComponent("xdg/rehab")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try "language: nl\n".write(
            to: folder.appendingPathComponent("config.yaml"), atomically: true, encoding: .utf8)
        let xdg = ["XDG_CONFIG_HOME": rehab.directory.appendingPathComponent("xdg").path]
        #expect(try firstLine(["status", "--frob"], xdg) == dutch)
        #expect(
            try firstLine(["status", "--frob"], xdg.merging(["REHAB_LANG": "en"]) { $1 }) == english
        )

        rehab.language = "nl"
        #expect(try firstLine(["status", "--frob"]) == dutch)
    }
}
