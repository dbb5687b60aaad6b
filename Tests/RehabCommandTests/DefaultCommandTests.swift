import ArgumentParser
import Testing

@testable import rehab

/// `rehab` with only the options every command takes opens the app without the parser
/// (`UICommand.defaultCommand`): it must read them exactly as the parser does, and leave
/// everything else to the parser.
struct DefaultCommandTests {
    struct Reading: Equatable, CustomStringConvertible {
        var db, lang, patient, plans, questionnaires: String?
        var mouse: Bool?

        init(_ command: UICommand) {
            db = command.global.db
            lang = command.global.lang
            patient = command.global.patient
            plans = command.global.plans
            questionnaires = command.questionnaireFolder.questionnaires
            mouse = command.mouse
        }

        var description: String {
            "\([db, lang, patient, plans, questionnaires].map { $0 ?? "nil" }) mouse \(String(describing: mouse))"
        }
    }

    static func parsed(_ arguments: [String]) throws -> Reading? {
        (try RehabCommand.parseAsRoot(arguments) as? UICommand).map(Reading.init)
    }

    static let values = [
        "x.sqlite", "/tmp/a b/c.sqlite", "postgresql://ann@/clinic?host=/run/postgresql",
        "nl", "en", "Sam de Vries", "José", "a=b", "0",
    ]

    /// Every order and form of the four options, with values the parser takes as they are.
    @Test func readsTheOptionsAsTheParserDoes() throws {
        var generator = SystemRandomNumberGenerator()
        var cases: [[String]] = [[]]
        for _ in 0..<400 {
            var arguments: [String] = []
            for name in GlobalOptions.names.shuffled(using: &generator)
            where Bool.random(using: &generator) {
                let value = Self.values.randomElement(using: &generator) ?? "x"
                arguments += Bool.random(using: &generator) ? [name + "=" + value] : [name, value]
            }
            cases.append(arguments)
        }
        for arguments in cases {
            let fast = try #require(UICommand.defaultCommand(arguments), "\(arguments)")
            #expect(Reading(fast) == (try Self.parsed(arguments)), "\(arguments)")
        }
    }

    /// What is not only those options is the parser's to read or refuse.
    @Test func leavesEverythingElseToTheParser() {
        let others: [[String]] = [
            ["--db"], ["--db="], ["--db", "-x"], ["--db", "a", "--db", "b"],
            ["--db=a", "--db", "b"],
            ["--mouse"], ["--no-mouse"], ["--questionnaires", "q"], ["ui"], ["status"],
            ["--help"], ["-h"], ["--version"], ["--lang", "nl", "status"], ["--", "--db", "x"],
            ["--database", "x"], ["x"],
        ]
        for arguments in others {
            #expect(UICommand.defaultCommand(arguments) == nil, "\(arguments)")
        }
    }
}
