import RehabCore
import TerminalUI

/// One row of the history table.
enum HistoryEntry: Sendable, Hashable {
    case session(Session)
    case morning(MorningCheck)
    /// An outcome measure (listed, deleted with confirmation; not edited in place).
    case measure(MeasureRecord)
    /// A phase started (a start, advance, step back or forced advance with its reason).
    case phaseChange(PhaseChange)
    /// Red flags cleared, with who said so.
    case clearing(FlagClearing)
    /// A physio's clinical note (written on the Notes screen or with `rehab note`).
    case note(ClinicalNote)

    var date: Day {
        switch self {
        case .session(let s): s.date
        case .morning(let m): m.date
        case .measure(let r): r.date
        case .phaseChange(let c): c.date
        case .clearing(let c): c.date
        case .note(let n): n.date
        }
    }

    /// Sessions and morning checks are edited and deleted here, measures deleted (and entered
    /// again); phase changes and clearings are a record.
    var isEditable: Bool {
        switch self {
        case .session, .morning, .measure: true
        case .phaseChange, .clearing, .note: false
        }
    }
}

/// The history table: moving, editing, deleting with confirmation, undo.
enum HistoryActions {
    /// Newest first; on one day the sessions (later in the day) above the morning check.
    static func entries(_ history: History, phases: [PhaseChange] = []) -> [HistoryEntry] {
        var result: [HistoryEntry] = []
        result.reserveCapacity(history.sessions.count + history.mornings.count)
        var s = history.sessions.count - 1
        var m = history.mornings.count - 1
        while s >= 0 || m >= 0 {
            if s >= 0 && (m < 0 || history.sessions[s].date >= history.mornings[m].date) {
                result.append(.session(history.sessions[s]))
                s -= 1
            } else {
                result.append(.morning(history.mornings[m]))
                m -= 1
            }
        }
        // Phase changes and clearings above the records of their day.
        let events =
            history.clearings.map(HistoryEntry.clearing) + phases.map(HistoryEntry.phaseChange)
        for event in events.sorted(by: { $0.date < $1.date }) {
            let at = result.firstIndex { $0.date <= event.date } ?? result.count
            result.insert(event, at: at)
        }
        return result
    }

    /// The text `/` looks in: the row's cells, its note and its shoe.
    static func searchText(_ entry: HistoryEntry, _ state: AppState) -> String {
        HistoryView.cells(entry, verdict: nil, state: state, messages: state.messages)
            .joined(separator: " ") + " " + note(entry)
    }

    static func note(_ entry: HistoryEntry) -> String {
        if case .session(let s) = entry { return s.note + " " + (s.shoe ?? "") }
        return ""
    }

    static func handle(
        _ action: AppAction, _ selection: inout SelectionState, _ state: inout AppState
    ) -> [Effect] {
        guard let followed = state.followed else { return [] }
        let rows = entries(followed)
        let page = max(1, Layout.tableRows(state.size))
        let searched = ListSearch.handle(
            action, rows: rows.count, text: { searchText(rows[$0], $1) }, &selection, &state)
        if let searched {
            selection.keepVisible(count: rows.count, visibleRows: page)
            return searched
        }
        switch action {
        case _ where selection.follow(action, count: rows.count, page: page): break
        case .command(.edit):
            guard let i = selection.selected, rows.indices.contains(i) else { break }
            switch rows[i] {
            case .session(let session):
                state.screens.append(
                    .log(
                        LogForm(
                            editing: session, flagOptions: Forms.flagOptions(followed.plan),
                            shoes: followed.shoes.map(\.name))))
            case .morning(let morning):
                state.screens.append(
                    .morning(
                        Forms.morningForm(followed.plan, date: morning.date, previous: morning)))
            case .phaseChange, .clearing, .note:
                state.notice = Notice(state.say(UIPhrase.eventNotEditable()), isError: true)
            case .measure:
                state.notice = Notice(state.say(MeasureUIPhrase.notEditable()))
            }
        case .command(.delete):
            guard let i = selection.selected, rows.indices.contains(i) else { break }
            guard rows[i].isEditable else {
                state.notice = Notice(state.say(UIPhrase.eventNotEditable()), isError: true)
                break
            }
            state.confirmation = Confirmation(kind: .delete(rows[i]))
        case .command(.undo):
            guard let undo = state.undos.popLast() else {
                state.notice = Notice(state.say(UIPhrase.nothingToUndo()))
                break
            }
            state.notice = Notice(state.say(UIPhrase.undoneLeft(state.undos.count)))
            return state.forPatient { .undo(patient: $0, undo) }
        default:
            return Screens.tabs(action, &state, scroll: 0) { _ in .history(selection) }
        }
        selection.keepVisible(count: rows.count, visibleRows: page)
        return []
    }
}
