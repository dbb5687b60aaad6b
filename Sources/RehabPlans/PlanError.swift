// RehabPlans owns the plan files: YAML bytes → RehabCore.Plan, with every problem reported as
// `file:line:column: message`, and finding the catalogue directory. It must not import the store
// or the terminal; it reads files and nothing else.

import RehabCore

/// One problem in a plan, questionnaire or config file, with its place. Its text is in both
/// languages, chosen where it is printed or drawn (`description(_:)`): physios write plan files
/// and every user can have a config file, in Dutch as in English. Keys, values, file names and
/// YAML paths stay as written in both.
public struct PlanError: Error, Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int
    public var text: LocalizedText

    public init(file: String, line: Int, column: Int, text: LocalizedText) {
        self.file = file
        self.line = line
        self.column = column
        self.text = text
    }

    /// The English text, as tests and logs read it.
    public var message: String { text.en }

    public var description: String { description(.en) }

    public func description(_ language: Language) -> String {
        "\(file):\(line):\(column): \(text.text(language))"
    }

    /// `file:line:col: message` in whichever language is asked.
    public var located: LocalizedText {
        LocalizedText(nl: description(.nl), en: "\(file):\(line):\(column): \(text)")
    }

    /// `file:line:col: warning: message`, as `plans check` prints a problem that does not stop
    /// the file from loading.
    public func warningDescription(_ language: Language) -> String {
        let label = t("waarschuwing", "warning").text(language)
        return "\(file):\(line):\(column): \(label): \(text.text(language))"
    }
}

/// Every problem found in one file, in file order.
public struct PlanFileErrors: Error, Hashable, Sendable, CustomStringConvertible {
    public var errors: [PlanError]

    public init(_ errors: [PlanError]) {
        // Stable sort: problems found at the same place keep the order they were found in.
        self.errors = errors.enumerated().sorted {
            ($0.element.line, $0.element.column, $0.offset)
                < ($1.element.line, $1.element.column, $1.offset)
        }.map(\.element)
    }

    public var description: String { description(.en) }

    public func description(_ language: Language) -> String {
        errors.map { $0.description(language) }.joined(separator: "\n")
    }

    /// Every problem, one a line, in both languages.
    public var text: LocalizedText { errors.map(\.located).joined(separator: "\n") }
}

/// A text of the plan-file checker in both languages.
func t(_ nl: String, _ en: EnglishText) -> LocalizedText { LocalizedText(nl: nl, en: en) }
