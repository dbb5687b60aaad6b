import RehabCore

/// Plan text is shown on terminals and in reports: a control character (a YAML "\e" escape)
/// or a bidi override in it is an error at its place, not something to sanitise later.
enum PlanText {
    static func problems(_ node: YAMLNode?, file: String) -> [PlanError] {
        guard let node else { return [] }
        switch node {
        case .scalar(let text, _, let mark):
            guard let bad = text.unicodeScalars.first(where: TerminalText.needsShowing) else {
                return []
            }
            let code = Validate.hex(bad)
            return [
                PlanError(
                    file: file, line: mark.line, column: mark.column,
                    text: t(
                        "stuur- of bidi-teken U+\(code) in tekst; plantekst mag alleen letters, "
                            + "spaties, tabs en regeleinden bevatten",
                        "control or bidi character U+\(code) in text; plan "
                            + "text may hold letters, spaces, tabs and line breaks only"))
            ]
        case .sequence(let nodes, _):
            return nodes.flatMap { problems($0, file: file) }
        case .mapping(let entries, _):
            return entries.flatMap { entry in
                problems(.scalar(entry.key, plain: true, entry.keyMark), file: file)
                    + problems(entry.value, file: file)
            }
        }
    }
}
