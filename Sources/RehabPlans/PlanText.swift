import RehabCore

/// Plan text is shown on terminals and in reports: a control character (a YAML "\e" escape)
/// or a bidi override in it is an error at its place, not something to sanitise later.
enum PlanText {
    static func problems(_ node: YAMLNode?, file: String) -> [PlanError] {
        var found: [PlanError] = []
        if let node { collect(node, file: file, into: &found) }
        return found
    }

    /// Walks the tree once, in document order (a key before its value).
    private static func collect(_ node: YAMLNode, file: String, into found: inout [PlanError]) {
        switch node {
        case .scalar(let text, _, let mark):
            check(text, at: mark, file: file, into: &found)
        case .sequence(let nodes, _):
            for node in nodes { collect(node, file: file, into: &found) }
        case .mapping(let entries, _):
            for entry in entries {
                check(entry.key, at: entry.keyMark, file: file, into: &found)
                collect(entry.value, file: file, into: &found)
            }
        }
    }

    private static func check(
        _ text: String, at mark: Mark, file: String, into found: inout [PlanError]
    ) {
        guard let bad = TerminalText.firstNeedingShowing(in: text) else { return }
        let code = Validate.hex(bad)
        found.append(
            PlanError(
                file: file, line: mark.line, column: mark.column,
                text: t(
                    "stuur- of bidi-teken U+\(code) in tekst; plantekst mag alleen letters, "
                        + "spaties, tabs en regeleinden bevatten",
                    "control or bidi character U+\(code) in text; plan "
                        + "text may hold letters, spaces, tabs and line breaks only")))
    }
}
