import RehabApp
import RehabCore
import TerminalUI

/// History: sessions and morning checks, newest first, coloured by the day's verdict.
enum HistoryView {
    static func render(
        _ state: AppState, _ selection: SelectionState, _ area: Rect, _ grid: inout Grid
    ) {
        guard let followed = state.followed else { return }
        let entries = HistoryActions.entries(followed)
        guard !entries.isEmpty else {
            Paragraph(state.say(UIPhrase.emptyHistory())).render(
                in: area.inset(left: 1, right: 1), on: &grid)
            return
        }
        let m = state.messages
        let titles = UIPhrase.historyColumns().map { state.say($0) }
        let columns = [
            TableColumn(titles[0], width: 10), TableColumn(titles[1]),
            TableColumn(titles[2], width: 6, alignment: .right),
            TableColumn(titles[3], width: 4, alignment: .right),
            TableColumn(titles[4], width: 5, alignment: .right),
            TableColumn(titles[5], width: 8),
        ]
        // Only the visible rows are judged: a year of history stays one engine call a row.
        let table = tableArea(area)
        var bodyRows = max(1, Table.body(of: table).height)
        var visible = selection
        visible.keepVisible(count: entries.count, visibleRows: bodyRows)
        // One engine index for all visible session days, kept between keys (HistoryMemo).
        var days: [Day] = []
        for entry in entries.dropFirst(visible.offset).prefix(bodyRows) {
            if case .session(let session) = entry, days.last != session.date {
                days.append(session.date)
            }
        }
        let judged = followed.historyMemo.verdicts(of: followed, on: days, asOf: state.today)
        let verdicts = Dictionary(zip(days, judged), uniquingKeysWith: { first, _ in first })
        var tableRect = table
        if judged.contains(where: { $0.revisedBy != nil }), bodyRows > 2 {
            // The last line says what the star means; the table gives up one row for it.
            tableRect.height -= 1
            bodyRows -= 1
            visible = selection
            visible.keepVisible(count: entries.count, visibleRows: bodyRows)
            Paragraph(state.say(UIPhrase.historyRevisedNote())).render(
                in: Rect(x: table.x, y: table.y + table.height - 1, width: table.width, height: 1),
                on: &grid)
        }
        var rows: [[String]] = []
        var pens: [Pen] = []
        for entry in entries.dropFirst(visible.offset).prefix(bodyRows) {
            var verdict: DayVerdict?
            if case .session(let session) = entry { verdict = verdicts[session.date] }
            rows.append(cells(entry, verdict: verdict, state: state, messages: m))
            pens.append(Theme.row(verdict?.shown.level))
        }
        var tableState = SelectionState(
            selected: visible.selected.map { $0 - visible.offset }, offset: 0)
        Table(columns: columns, rows: rows, glyphs: state.glyphs, rowPens: pens)
            .render(in: tableRect, on: &grid, state: &tableState)
    }

    /// The table (header included) in the screen's content area; clicks are tested against it.
    static func tableArea(_ area: Rect) -> Rect { area.inset(left: 1, right: 1) }

    static func cells(
        _ entry: HistoryEntry, verdict: DayVerdict?, state: AppState, messages: Messages
    ) -> [String] {
        let level = verdict?.shown.level
        let revised = verdict?.revisedBy != nil ? "*" : ""
        let flagMark = state.glyphs == .ascii ? " !" : " ⚑"
        switch entry {
        case .session(let s):
            return [
                s.date.iso,
                s.activity.name.text(state.language) + (s.flags.isEmpty ? "" : flagMark),
                s.km.map { formatNumber($0) } ?? "", String(s.minutes),
                "\(s.painDuring)/\(s.painAfter)", level.map { messages.level($0) + revised } ?? "",
            ]
        case .morning(let c):
            // The flags by name: a red flag in the morning is the row that matters most.
            let flags = c.flags.map { LogView.flagName($0, state) }.joined(separator: ", ")
            return [
                c.date.iso,
                state.say(UIPhrase.morningRow()) + (c.flags.isEmpty ? "" : flagMark + " " + flags),
                "", "", String(c.pain), "",
            ]
        case .measure(let r):
            return [r.date.iso, MeasureView.historyText(r, state), "", "", "", ""]
        case .phaseChange, .clearing, .note:
            return [entry.date.iso, event(entry, state), "", "", "", ""]
        }
    }

    /// A phase change or a clearing in words.
    static func event(_ entry: HistoryEntry, _ state: AppState) -> String {
        switch entry {
        case .phaseChange(let c):
            let name =
                state.followed?.plan.phases.first { $0.id == c.phase }?.names.text(state.language)
                ?? c.phase
            return state.say(UIPhrase.phaseEvent(name, reason: c.reason, note: c.note))
        case .clearing(let c):
            return state.say(UIPhrase.clearingEvent(c.reason))
        case .note(let n):
            return state.say(ReviewPhrase.noteRow()) + ": " + n.text
        default:
            return ""
        }
    }

    /// One line for a confirmation: "2026-03-01 running 5.0 km 30 min".
    static func describe(_ entry: HistoryEntry, _ state: AppState) -> String {
        switch entry {
        case .session(let s): "\(s.date.iso) " + Forms.summary(s, state.language)
        case .morning(let c): "\(c.date.iso) \(state.say(UIPhrase.morningRow())) \(c.pain)/10"
        case .measure(let r): "\(r.date.iso) " + MeasureView.historyText(r, state)
        case .phaseChange, .clearing, .note: "\(entry.date.iso) " + event(entry, state)
        }
    }
}
