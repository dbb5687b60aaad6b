import RehabCore
import TerminalUI

/// Help: every binding of the key table, grouped by where it applies.
enum HelpView {
    static func flow(_ state: AppState) -> Flow {
        var flow = Flow()
        flow.line(state.say(UIPhrase.helpTitle()), pen: Theme.heading)
        // The state's table: the user's keys from config.yaml, so help stays true.
        let width = state.keyBindings.map { CellWidth.of($0.shown) }.max() ?? 8
        for context in order(state) {
            let bindings = state.keyBindings.filter { $0.contexts.contains(context) }
            guard !bindings.isEmpty else { continue }
            flow.blank()
            flow.line(state.say(context.title), pen: Theme.heading)
            for binding in bindings {
                flow.items.append(
                    .text(
                        TextLine(spans: [
                            Span(TextFit.pad(binding.shown, to: width), pen: .bold),
                            Span("  " + binding.help.text(state.language)),
                        ]), indent: 2, hanging: width + 2))
            }
        }
        return flow
    }

    /// The keys of the screen help was opened from come first, then the rest in table order.
    static func order(_ state: AppState) -> [KeyContext] {
        var below = state
        if case .help = below.top { below.screens.removeLast() }
        let first = below.screens.isEmpty ? [] : KeyTable.contexts(for: below)
        return first + KeyContext.allCases.filter { !first.contains($0) }
    }
}
