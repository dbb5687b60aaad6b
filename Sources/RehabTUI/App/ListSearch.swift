import TerminalUI

/// `/` on a list (History, Patients): a line at the foot of the screen takes the text, and
/// Enter moves the selection to the next row below it (round again from the top) that holds
/// the text in any case, as `/` does in less. Esc leaves the line and the selection as they were.
enum ListSearch {
    /// The screens with a search line.
    static func isOn(_ screen: Screen) -> Bool {
        switch screen {
        case .history, .patients: true
        default: false
        }
    }

    /// Keys while the line is open: Esc and Enter close it, the rest edit the text. Nil when
    /// no line is open, so the list handles the key itself. `text` is a row's searchable text,
    /// asked for only on Enter (History has thousands of rows).
    static func handle(
        _ action: AppAction, rows count: Int, text: (Int, AppState) -> String,
        _ selection: inout SelectionState, _ state: inout AppState
    ) -> [Effect]? {
        guard var query = state.listSearch else {
            if action == .command(.search) {
                state.listSearch = TextInput()
                return []
            }
            return nil
        }
        switch action {
        case .command(.back): state.listSearch = nil
        case .command(.confirm):
            state.listSearch = nil
            next(query.text, rows: count, text: text, &selection, &state)
        default:
            edit(&query, action)
            state.listSearch = query
        }
        return []
    }

    /// Moves to the next row holding `query`; says so when none does.
    static func next(
        _ query: String, rows count: Int, text: (Int, AppState) -> String,
        _ selection: inout SelectionState, _ state: inout AppState
    ) {
        let needle = query.lowercased().trimmingCharacters(in: " ")
        guard !needle.isEmpty, count > 0 else { return }
        let start = (selection.selected ?? -1) + 1
        for step in 0..<count {
            let i = (start + step) % count
            if text(i, state).lowercased().contains(needle) {
                selection.selected = i
                return
            }
        }
        state.notice = Notice(state.say(UIPhrase.searchNotFound(query)), isError: true)
    }
}
