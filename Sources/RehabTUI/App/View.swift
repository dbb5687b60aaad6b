import Foundation
import RehabApp
import RehabCore
import TerminalUI

/// Where things go on the screen: a title bar, the content, a notice line and the status bar.
enum Layout {
    static let minimum = Size(width: 60, height: 20)

    static func content(_ size: Size) -> Rect {
        Rect(x: 0, y: 1, width: size.width, height: size.height - 3)
    }

    /// The content with a margin of one column either side, for running text.
    static func text(_ size: Size) -> Rect { content(size).inset(left: 1, right: 1) }

    /// Body rows of the history table (the content minus its header row).
    static func tableRows(_ size: Size) -> Int { content(size).height - 1 }

    /// Rows a long notice may take, counted up from the notice line over the content.
    static let noticeRows = 3
}

/// The colour theme from config.yaml (RehabCore's name for it would clash with the pens below).
package typealias ColorTheme = RehabCore.Theme

/// Pens for meaning. Colour always repeats what the text already says (the level is written
/// out), so NO_COLOR and monochrome terminals lose nothing. The pens are drawn for a dark
/// background (the `dark` theme); `apply` turns a finished frame into the user's theme, so
/// every screen follows it without knowing about themes.
enum Theme {
    static func level(_ level: Level) -> Pen {
        switch level {
        case .green: Pen(fg: .green, style: .bold)
        case .amber: Pen(fg: .yellow, style: .bold)
        case .red: Pen(fg: .red, style: .bold)
        case .stop: Pen(fg: .red, style: [.bold, .reverse])
        }
    }

    static func row(_ level: Level?) -> Pen {
        switch level {
        case .green: Pen(fg: .green)
        case .amber: Pen(fg: .yellow)
        case .red, .stop: Pen(fg: .red)
        case nil: .plain
        }
    }

    static let heading = Pen.bold
    static let error = Pen(fg: .red, style: .bold)
    static let dim = Pen.dim

    /// A pen in a theme. `none` keeps only attributes, exactly as the terminal backend draws
    /// under NO_COLOR (a coloured background becomes reverse). `light` swaps the colours a
    /// white background swallows (yellow, bright and pale ones) for dark ones; bold amber text
    /// is also underlined, so it stands out on 8-colour terminals where the dark orange falls
    /// back to the default colour.
    static func pen(_ pen: Pen, in theme: ColorTheme) -> Pen {
        switch theme {
        case .dark:
            return pen
        case .none:
            var style = pen.style
            if pen.bg != .default { style.insert(.reverse) }
            return Pen(style: style)
        case .light:
            var style = pen.style
            if style.contains(.bold), pen.fg == .yellow || pen.fg == .brightYellow {
                style.insert(.underline)
            }
            return Pen(fg: onLight(pen.fg), bg: onLight(pen.bg), style: style)
        }
    }

    /// A colour that reads on a white background; 256-colour indexes fall back to the
    /// terminal's default colour on smaller palettes.
    static func onLight(_ color: Color) -> Color {
        switch color {
        case .yellow, .brightYellow: .indexed(130)  // dark orange
        case .green, .brightGreen: .indexed(28)  // dark green
        case .cyan, .brightCyan, .brightBlue: .blue
        case .white, .brightWhite: .default
        case .brightRed: .red
        case .brightMagenta: .magenta
        default: color
        }
    }

    static func apply(_ theme: ColorTheme, to grid: inout Grid) {
        guard theme != .dark else { return }
        for y in 0..<grid.height {
            for x in 0..<grid.width {
                var cell = grid[x, y]
                let themed = pen(cell.pen, in: theme)
                guard themed != cell.pen else { continue }
                cell.pen = themed
                grid.set(cell, x: x, y: y)
            }
        }
    }
}

/// A column of text lines and gauges that wraps to the width and scrolls: Today, Plan, Stop
/// and Help are built from it.
struct Flow {
    enum Item {
        /// Wrapped; rows after the first start `hanging` cells further in.
        case text(TextLine, indent: Int, hanging: Int)
        case gauge(label: String, Gauge)
        case blank
    }

    var items: [Item] = []

    mutating func line(_ text: String, pen: Pen = .plain, indent: Int = 0) {
        items.append(.text(TextLine(text, pen: pen), indent: indent, hanging: 0))
    }

    mutating func line(_ line: TextLine, indent: Int = 0) {
        items.append(.text(line, indent: indent, hanging: 0))
    }

    mutating func bullet(_ text: String, glyphs: Glyphs, pen: Pen = .plain, indent: Int = 2) {
        let mark = glyphs == .ascii ? "* " : "• "
        items.append(.text(TextLine(mark + text, pen: pen), indent: indent, hanging: 2))
    }

    mutating func blank() { items.append(.blank) }

    /// One entry per screen row.
    enum Row {
        case text(TextLine, x: Int)
        case gauge(label: String, Gauge)
        case empty
    }

    func rows(width: Int) -> [Row] {
        var rows: [Row] = []
        for item in items {
            switch item {
            case .blank: rows.append(.empty)
            case .gauge(let label, let gauge): rows.append(.gauge(label: label, gauge))
            case .text(let line, let indent, let hanging):
                let first = Paragraph.wrap(line, width: max(1, width - indent))
                guard let head = first.first else { continue }
                rows.append(.text(head, x: indent))
                if first.count > 1 {
                    // Re-wrap the rest at the hanging indent.
                    let restText = first.dropFirst().map(\.text).joined(separator: " ")
                    let pen = line.spans.last?.pen ?? .plain
                    let rest = Paragraph.wrap(
                        TextLine(restText, pen: pen), width: max(1, width - indent - hanging))
                    rows += rest.map { .text($0, x: indent + hanging) }
                }
            }
        }
        return rows
    }

    func maxScroll(in area: Rect) -> Int {
        max(0, rows(width: area.width).count - area.height)
    }

    /// `more`, when given, is written at the end of the last row while text goes on below it:
    /// cut-off advice must say there is more. The text it covers is cut before it, ending in
    /// the hint's ellipsis, so no word runs into it half-written.
    func render(in area: Rect, on grid: inout Grid, scroll: Int, more: MoreHint? = nil) {
        let all = rows(width: area.width)
        let start = min(max(0, scroll), max(0, all.count - area.height))
        let label = more.map { " " + $0.text + " " }
        let hinted = label != nil && start + area.height < all.count && area.height > 0
        for (offset, row) in all.dropFirst(start).prefix(area.height).enumerated() {
            var rect = area.row(offset)
            let underHint = hinted && offset == area.height - 1
            if underHint, let label { rect.width = max(0, rect.width - CellWidth.of(label)) }
            switch row {
            case .empty: break
            case .text(var line, let x):
                // Rows are wrapped to the area: only the one under the hint can be too wide.
                if underHint, let more {
                    line = line.truncated(to: rect.width - x, ellipsis: more.ellipsis)
                }
                grid.put(line, x: rect.x + x, y: rect.y, clip: rect)
            case .gauge(let label, let gauge):
                let end = grid.put(label, x: rect.x, y: rect.y, pen: Theme.heading, clip: rect)
                // A bar of at most 30 cells keeps the numbers near it on a wide terminal.
                let width = min(rect.right - end - 1, 31 + CellWidth.of(gauge.label))
                gauge.render(in: Rect(x: end + 1, y: rect.y, width: width, height: 1), on: &grid)
            }
        }
        if hinted, let label {
            let row = area.row(area.height - 1)
            let x = max(row.x, row.right - CellWidth.of(label))
            grid.fill(Rect(x: x, y: row.y, width: row.right - x, height: 1))
            grid.put(label, x: x, y: row.y, pen: Pen(style: [.reverse]), clip: row)
        }
    }
}

/// Labelled one-line fields under each other, each with its error below it, then a dim hint:
/// the layout of the small forms (a plan's start, a new shoe).
struct FieldStack {
    struct Field {
        var label: String
        var input: TextInput
        /// Cells after the label column.
        var boxWidth: Int
        var isFocused: Bool
        var error: String?
    }

    var fields: [Field]
    var hint: String

    func render(in body: Rect, from top: Int, on grid: inout Grid) {
        let labelWidth = fields.map { CellWidth.of($0.label) }.max() ?? 10
        var y = top
        for field in fields {
            FormField(
                label: field.label, value: field.input.text, cursor: field.input.cursor,
                isFocused: field.isFocused, labelWidth: labelWidth
            ).render(
                in: Rect(
                    x: body.x, y: y, width: min(body.width, labelWidth + field.boxWidth),
                    height: 1), on: &grid)
            y += 1
            for line in field.error.map({
                Paragraph($0, pen: Theme.error).rows(width: body.width - 2)
            }) ?? [] {
                grid.put(line, x: body.x + 2, y: y, clip: body)
                y += 1
            }
        }
        y += 1
        for line in Paragraph(hint, pen: Theme.dim).rows(width: body.width) {
            grid.put(line, x: body.x, y: y, clip: body)
            y += 1
        }
    }
}

/// How far the top screen's text can scroll at the state's size.
func maxScroll(_ state: AppState) -> Int {
    let area = Layout.text(state.size)
    switch state.top {
    case .today: return TodayView.flow(state).maxScroll(in: area)
    case .plan: return PlanView.flow(state).maxScroll(in: area)
    case .help: return HelpView.flow(state).maxScroll(in: area)
    default: return 0
    }
}

/// What a `Flow` cut off below says on its last row, and how the text it covers ends.
struct MoreHint {
    var text: String
    var ellipsis: String
}

/// "more: ↓ j", with the keys that scroll down where the state is.
func moreHint(_ state: AppState) -> MoreHint {
    let key =
        state.keyBindings.first {
            $0.command == .down && !Set($0.contexts).isDisjoint(with: KeyTable.contexts(for: state))
        }?.shown ?? "↓"
    return MoreHint(text: state.say(UIPhrase.moreTextBelow(key)), ellipsis: state.glyphs.ellipsis)
}

/// Draws the whole state into a grid of the state's size.
func render(_ state: AppState) -> Grid {
    var grid = Grid(size: state.size)
    if state.size.width < Layout.minimum.width || state.size.height < Layout.minimum.height {
        TinyView.render(state, on: &grid)
        Theme.apply(state.theme, to: &grid)
        return grid
    }
    TitleBar.render(state, on: &grid)
    let content = Layout.content(state.size)
    let text = Layout.text(state.size)
    switch state.top {
    case .patients(let selection): PatientsView.render(state, selection, content, &grid)
    case .nameForm(let form): PatientsView.nameForm(state, form, content, &grid)
    case .setup(let form): PatientsView.setupForm(state, form, content, &grid)
    case .tune(let tune): TuneView.render(state, tune, content, &grid)
    case .language(let selection): FirstRunView.language(state, selection, content, &grid)
    case .role(let selection): FirstRunView.role(state, selection, content, &grid)
    case .patientName(let input): FirstRunView.patientName(state, input, content, &grid)
    case .picker(let picker): PickerView.render(state, picker, content, &grid)
    case .questions(let questions): FirstRunView.questions(state, questions, content, &grid)
    case .today(let scroll):
        TodayView.flow(state).render(in: text, on: &grid, scroll: scroll, more: moreHint(state))
    case .plan(let scroll):
        PlanView.flow(state).render(in: text, on: &grid, scroll: scroll, more: moreHint(state))
    case .history(let selection): HistoryView.render(state, selection, content, &grid)
    case .log(let form): LogView.render(state, form, content, &grid)
    case .morning(let form): LogView.morning(state, form, content, &grid)
    case .measure(let form): MeasureView.render(state, form, content, &grid)
    case .stop(let stop): StopView.flow(state, stop).render(in: text, on: &grid, scroll: 0)
    case .help(let scroll):
        HelpView.flow(state).render(in: text, on: &grid, scroll: scroll, more: moreHint(state))
    case .progress(let progress): ProgressView.render(state, progress, content, &grid)
    case .importRuns(let form): ImportView.render(state, form, content, &grid)
    case .shoes(let shoes): ShoesView.render(state, shoes, content, &grid)
    case .notes(let notes): NotesView.render(state, notes, content, &grid)
    case .discharge(let form): DischargeView.render(state, form, content, &grid)
    }
    if let confirmation = state.confirmation {
        DialogView.render(state, confirmation, content, &grid)
    }
    let noticeRow = Rect(x: 0, y: state.size.height - 2, width: state.size.width, height: 1)
    if let saving = state.saving {
        grid.put(
            TextFit.truncate(
                " " + saving.text(state.language), to: noticeRow.width,
                ellipsis: state.glyphs.ellipsis),
            x: 0, y: noticeRow.y, pen: .bold, clip: noticeRow)
    } else if let query = state.listSearch, ListSearch.isOn(state.top) {
        grid.put(
            TextFit.truncate(
                " / " + query.text + "▏", to: noticeRow.width, ellipsis: state.glyphs.ellipsis),
            x: 0, y: noticeRow.y, pen: .bold, clip: noticeRow)
    } else if let notice = state.notice {
        // A long notice (a refused save and the keys it dropped) wraps upwards over the last
        // rows of the screen, up to three; cut short only past that.
        var rows = Paragraph.wrap(TextLine(notice.text), width: max(1, noticeRow.width - 1))
            .map(\.text)
        if rows.count > Layout.noticeRows {
            rows = Array(rows.prefix(Layout.noticeRows))
            rows[rows.count - 1] = TextFit.truncate(
                rows[rows.count - 1] + " " + state.glyphs.ellipsis, to: noticeRow.width - 1,
                ellipsis: state.glyphs.ellipsis)
        }
        for (index, row) in rows.enumerated() {
            let line = Rect(
                x: 0, y: noticeRow.y + index - (rows.count - 1), width: noticeRow.width, height: 1)
            grid.fill(line)
            grid.put(
                " " + row, x: 0, y: line.y, pen: notice.isError ? Theme.error : .bold, clip: line)
        }
    }
    StatusBar(KeyTable.hints(for: state)).render(
        in: Rect(x: 0, y: state.size.height - 1, width: state.size.width, height: 1), on: &grid)
    Theme.apply(state.theme, to: &grid)
    if state.glyphs == .ascii { ASCIIFallback.apply(to: &grid) }
    return grid
}

/// A terminal whose locale is not UTF-8 cannot show "·", "→" or "é": every cell gets a
/// plain ASCII stand-in of the same width, so nothing turns into garbage or shifts.
enum ASCIIFallback {
    static let replacements: [String: String] = [
        "·": ".", "×": "x", "→": ">", "←": "<", "↑": "^", "↓": "v", "…": "~", "–": "-",
        "—": "-", "‘": "'", "’": "'", "“": "\"", "”": "\"", "↵": "<", "⌫": "<", "⚑": "!",
        "≤": "<", "≥": ">", "°": "o", "½": "h", "▶": ">", "◀": "<", "✓": "v", "▏": "|",
    ]

    static func apply(to grid: inout Grid) {
        for y in 0..<grid.height {
            for x in 0..<grid.width {
                let cell = grid[x, y]
                guard !cell.isContinuation, !cell.symbol.allSatisfy(\.isASCII) else { continue }
                var plain = Cell(stand(in: cell.symbol), pen: cell.pen)
                if cell.width == 2 {
                    plain.symbol = "?"
                    grid.set(plain, x: x, y: y)
                    grid.set(Cell("?", pen: cell.pen), x: x + 1, y: y)
                } else {
                    grid.set(plain, x: x, y: y)
                }
            }
        }
    }

    static func stand(in symbol: String) -> String {
        if let known = replacements[symbol] { return known }
        // Letters with accents keep their base letter (é → e, ë → e).
        if let base = symbol.decomposedStringWithCanonicalMapping.unicodeScalars.first,
            base.isASCII
        {
            return String(base)
        }
        return "?"
    }
}

/// The top row: who and when on the left, the three main screens on the right.
enum TitleBar {
    static func render(_ state: AppState, on grid: inout Grid) {
        let row = Rect(x: 0, y: 0, width: state.size.width, height: 1)
        grid.fill(row, pen: .reverse)
        let tabs = labels(state)
        let active = Screens.tabIndex(state.top)
        let frames = tabFrames(state)
        let leftRoom = frames.first?.x ?? row.width
        let date = " · " + state.today.iso
        var left = " rehab" + date
        // While tuning, the patient being tuned (who may be archived or not the app's own).
        let tuned = Tuning.patientName(state)
        if let name = tuned.isEmpty ? state.patient?.name : tuned {
            // The name gives way first, so the date and the tabs stay whole on a narrow screen.
            let room = leftRoom - CellWidth.of(left) - 3
            if room >= 2 {
                left =
                    " rehab · "
                    + TextFit.truncate(name, to: room, ellipsis: state.glyphs.ellipsis) + date
            }
        }
        grid.put(
            TextFit.truncate(left, to: leftRoom, ellipsis: state.glyphs.ellipsis), x: 0,
            y: 0, pen: Pen(style: [.reverse, .bold]), clip: row)
        for (index, (tab, frame)) in zip(tabs, frames).enumerated() {
            let isActive = index == active
            grid.put(" \(tab) ", x: frame.x, y: 0, pen: isActive ? .bold : .reverse, clip: row)
        }
    }

    static func labels(_ state: AppState) -> [String] {
        [
            UIPhrase.tabToday(), UIPhrase.tabPlan(), UIPhrase.tabHistory(),
            UIPhrase.tabProgress(),
        ].map { state.say($0) }
    }

    /// Where each tab is drawn, in tab order; empty when the tabs are not shown. A click is
    /// tested against these same rectangles.
    static func tabFrames(_ state: AppState) -> [Rect] {
        guard state.followed != nil, Screens.tabIndex(state.top) != nil else { return [] }
        let tabs = labels(state)
        // One blank cell after the last tab.
        var x = state.size.width - tabs.reduce(0) { $0 + CellWidth.of($1) + 2 } - 1
        return tabs.map { tab in
            let width = CellWidth.of(tab) + 2
            defer { x += width }
            return Rect(x: x, y: 0, width: width, height: 1)
        }
    }
}

/// Below the minimum size nothing else fits, so the screen only says how big it must be.
enum TinyView {
    /// The key that quits here: a text field takes a typed q as quit, else the table's key.
    static func quitKey(_ state: AppState) -> String {
        if KeyTable.isTyping(state) { return "q" }
        return KeyTable.shownKey(.quit, in: state, contexts: KeyTable.contexts(for: state)) ?? "q"
    }

    static func render(_ state: AppState, on grid: inout Grid) {
        let now = "\(state.size.width)×\(state.size.height)"
        let message = state.say(
            UIPhrase.enlarge(Layout.minimum.width, Layout.minimum.height, now: now))
        let lines =
            Paragraph(message).rows(width: max(1, grid.width - 2))
            + [TextLine(state.say(UIPhrase.enlargeKeys(quitKey(state))), pen: Theme.dim)]
        let top = max(0, (grid.height - lines.count) / 2)
        for (offset, line) in lines.enumerated() {
            grid.put(
                line,
                in: Rect(
                    x: 1, y: top + offset, width: max(0, grid.width - 2),
                    height: 1), alignment: .center)
        }
    }
}

/// Confirmations over the current screen.
enum DialogView {
    static func render(
        _ state: AppState, _ confirmation: Confirmation, _ area: Rect, _ grid: inout Grid
    ) {
        guard let dialog = dialog(state, confirmation, area) else {
            reason(state, confirmation, area, &grid)
            return
        }
        dialog.render(in: area, on: &grid)
    }

    /// The yes/no box for a confirmation; nil for the reason prompt, which has no buttons.
    /// Drawing and clicks both use it.
    static func dialog(_ state: AppState, _ confirmation: Confirmation, _ area: Rect) -> Dialog? {
        let yes = state.say(UIPhrase.buttonYes())
        let no = state.say(UIPhrase.buttonNo())
        let message: String
        switch confirmation.kind {
        case .advance(let change):
            message = state.say(UIPhrase.confirmAdvance(phaseName(change.phase, state)))
        case .stepBack(let change):
            message = state.say(UIPhrase.confirmStepBack(phaseName(change.phase, state)))
        case .delete(let entry):
            message = state.say(UIPhrase.confirmDelete(HistoryView.describe(entry, state)))
        case .clearFlags, .forceAdvance, .examinedReferrals:
            return nil
        case .deletePatient(let patient):
            message = state.say(UIPhrase.confirmDeletePatient(patient.name))
        case .archivePatient(let patient):
            message = state.say(UIPhrase.confirmArchivePatient(patient.name))
        case .resetTuning:
            message = state.say(UIPhrase.confirmResetTuning(Tuning.patientName(state)))
        case .discardTuning:
            message = state.say(UIPhrase.confirmDiscardTuning(Tuning.patientName(state)))
        case .discardForm:
            message = state.say(UIPhrase.confirmDiscardForm())
        }
        return Dialog(
            title: state.say(UIPhrase.confirmTitle()), message: message, buttons: [yes, no],
            selected: confirmation.selected, glyphs: state.glyphs,
            maxWidth: min(56, area.width - 4))
    }

    static func phaseName(_ id: String, _ state: AppState) -> String {
        state.followed?.plan.phases.first { $0.id == id }?.names.text(state.language) ?? id
    }

    /// "Cleared by my doctor": a prompt, a one-line reason and its error.
    static func reason(
        _ state: AppState, _ confirmation: Confirmation, _ area: Rect, _ grid: inout Grid
    ) {
        let width = min(56, area.width - 4)
        let forced: String? =
            if case .forceAdvance(let change) = confirmation.kind {
                phaseName(change.phase, state)
            } else { nil }
        var examined = false
        if case .examinedReferrals = confirmation.kind { examined = true }
        let promptText =
            examined
            ? (state.role == .physio
                ? ReviewPhrase.examinedPromptPhysio() : ReviewPhrase.examinedPromptRunner())
            : forced.map { UIPhrase.forcePrompt($0) } ?? UIPhrase.clearPrompt()
        let prompt = Paragraph(state.say(promptText)).rows(width: width - 4)
        let errorRows =
            confirmation.error.map {
                Paragraph($0, pen: Theme.error).rows(width: width - 4)
            } ?? []
        let box = area.centered(width: width, height: prompt.count + errorRows.count + 4)
        grid.fill(box)
        Block(
            title: TextLine(
                state.say(
                    examined
                        ? ReviewPhrase.examinedTitle()
                        : forced == nil ? UIPhrase.clearTitle() : UIPhrase.forceTitle()),
                pen: .bold),
            glyphs: state.glyphs, borderPen: .bold
        ).render(in: box, on: &grid)
        var y = box.y + 1
        for line in prompt {
            grid.put(line, x: box.x + 2, y: y, clip: box.inset(by: 1))
            y += 1
        }
        let label = state.say(UIPhrase.reasonLabel())
        FormField(
            label: label, value: confirmation.reason.text,
            cursor: confirmation.reason.cursor, isFocused: true
        ).render(in: Rect(x: box.x + 2, y: y + 1, width: box.width - 4, height: 1), on: &grid)
        y += 2
        for line in errorRows {
            grid.put(line, x: box.x + 2, y: y, clip: box.inset(by: 1))
            y += 1
        }
    }
}
