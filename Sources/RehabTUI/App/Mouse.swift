import RehabCore
import TerminalUI

/// Which way the mouse wheel turned.
enum WheelDirection: Sendable, Hashable {
    case up, down
}

/// What a click landed on. Found with the rectangles the views draw into (`TitleBar.tabFrames`,
/// `Dialog.buttonFrames`, the tables' and lists' areas), never with coordinates of its own, so
/// a layout change moves the click targets with it.
enum MouseTarget: Sendable, Hashable {
    /// A tab in the title bar: 0 Today, 1 Plan, 2 History, 3 Progress.
    case tab(Int)
    /// A button of the open confirmation, in button order (0 = yes).
    case button(Int)
    /// An item of the top screen's table or list: a History entry, a patient, a shoe, a
    /// language or role, or a plan in the picker (an index into the filtered plans, not a
    /// screen row).
    case item(Int)
}

/// Mouse support, a bonus to the keyboard (DESIGN §7): a click or a wheel turn becomes an
/// action, and the reducer turns it into what the keys would have done. Only with mouse mode on
/// (`mouse: true` in config.yaml or `rehab ui --mouse`): it takes text selection away.
enum Mouse {
    /// Rows a text screen (Today, Plan, Help, Progress) moves per wheel notch; a table's
    /// selection moves one row, as ↑/↓ does.
    static let wheelLines = 3

    /// The action for a mouse key: the left button clicks, the wheel (buttons 4 and 5)
    /// scrolls. The middle and right buttons mean nothing here.
    static func action(for key: Key) -> AppAction? {
        guard case .mouse(let x, let y, let button) = key else { return nil }
        switch button {
        case 1: return .click(x: x, y: y)
        case 4: return .scroll(.up)
        case 5: return .scroll(.down)
        default: return nil
        }
    }

    static func handle(_ action: AppAction, _ state: inout AppState) -> [Effect] {
        // The "enlarge the terminal" screen has nothing to click or scroll.
        if state.size.width < Layout.minimum.width || state.size.height < Layout.minimum.height {
            return []
        }
        switch action {
        case .scroll(let direction):
            return scroll(direction, &state)
        case .click(let x, let y):
            guard let target = target(x: x, y: y, in: state) else { return [] }
            state.notice = nil
            return click(target, &state)
        default:
            return []
        }
    }

    /// The wheel does what ↑/↓ do, on the screens where they scroll or move a table's row; in
    /// forms (where ↓ is the next field) and under a dialog it does nothing.
    static func scroll(_ direction: WheelDirection, _ state: inout AppState) -> [Effect] {
        guard state.confirmation == nil else { return [] }
        let steps: Int
        switch state.top {
        case .today, .plan, .help, .progress: steps = wheelLines
        case .notes(let notes) where notes.writing == nil: steps = wheelLines
        case .history, .patients: steps = 1
        case .shoes(let shoes) where shoes.adding == nil: steps = 1
        default: return []
        }
        let command: Command = direction == .up ? .up : .down
        var effects: [Effect] = []
        for _ in 0..<steps { effects += update(&state, .command(command)) }
        return effects
    }

    /// What is under a cell, or nil for anything a click does not act on.
    static func target(x: Int, y: Int, in state: AppState) -> MouseTarget? {
        let content = Layout.content(state.size)
        if let confirmation = state.confirmation {
            // A dialog is modal: only its buttons answer a click.
            let frames =
                DialogView.dialog(state, confirmation, content)?.buttonFrames(in: content) ?? []
            return frames.firstIndex { $0.contains(x: x, y: y) }.map(MouseTarget.button)
        }
        // The tabs answer where Tab does (not on a stop screen before a plan starts).
        if KeyTable.contexts(for: state).contains(.tabs),
            let tab = TitleBar.tabFrames(state).firstIndex(where: { $0.contains(x: x, y: y) })
        {
            return .tab(tab)
        }
        if case .picker(let picker) = state.top { return plan(x: x, y: y, picker, state) }
        guard let list = list(state), list.rows.contains(x: x, y: y) else { return nil }
        return list.selection.item(
            atRow: y - list.rows.y, count: list.count, visibleRows: list.rows.height
        ).map(MouseTarget.item)
    }

    /// A table or list on the top screen: where its rows are drawn (below any header), how many
    /// items it has and its selection. The same areas the views render into.
    struct Rows {
        var rows: Rect
        var count: Int
        var selection: SelectionState
    }

    static func list(_ state: AppState) -> Rows? {
        let content = Layout.content(state.size)
        switch state.top {
        case .history(let selection):
            guard let followed = state.followed else { return nil }
            return Rows(
                rows: Table.body(of: HistoryView.tableArea(content)),
                count: HistoryActions.entries(followed).count, selection: selection)
        case .patients(let selection):
            return Rows(
                rows: Table.body(of: PatientsView.tableArea(content)),
                count: PatientActions.rows(state).count, selection: selection)
        case .shoes(let shoes) where shoes.adding == nil:
            return Rows(
                rows: Table.body(of: ShoesView.tableArea(state, content)),
                count: ShoeActions.shoes(state).count, selection: shoes.selection)
        case .language(let selection):
            return choiceRows(Language.allCases.count, selection, content)
        case .role(let selection):
            // Two choices, as Screens.list is told.
            return choiceRows(2, selection, content)
        default:
            return nil
        }
    }

    private static func choiceRows(_ count: Int, _ selection: SelectionState, _ content: Rect)
        -> Rows
    {
        Rows(
            rows: FirstRunView.boxInside(rows: FirstRunView.choiceRows(count, content), content),
            count: count, selection: selection)
    }

    /// A plan line in the picker's list (its region headings are not clickable).
    static func plan(x: Int, y: Int, _ picker: PickerState, _ state: AppState) -> MouseTarget? {
        guard let catalog = state.catalog else { return nil }
        let plans = Picking.matches(catalog, filter: picker.filter.text, language: state.language)
        guard !plans.isEmpty else { return nil }
        let area = PickerView.panes(Layout.content(state.size)).list
        guard area.contains(x: x, y: y) else { return nil }
        let list = PickerView.planList(plans, picker, state)
        let line = SelectionState(selected: list.selectedRow).item(
            atRow: y - area.y, count: list.lines.count, visibleRows: area.height)
        return line.flatMap { list.plans[$0] }.map(MouseTarget.item)
    }

    static func click(_ target: MouseTarget, _ state: inout AppState) -> [Effect] {
        switch target {
        case .button(let index):
            // Pressing a button: as if it were chosen with Tab and Enter pressed.
            guard var dialog = state.confirmation else { return [] }
            dialog.selected = index
            state.confirmation = dialog
            return update(&state, .command(.confirm))
        case .tab(let index):
            guard let current = Screens.tabIndex(state.top), index != current else { return [] }
            Screens.switchTab(&state, by: index - current)
            return []
        case .item(let index):
            return choose(index, &state)
        }
    }

    /// The first click on an item selects it; a click on the selected one is Enter (History's
    /// Enter edits the entry, the Patients screen's opens the patient; Shoes has none).
    static func choose(_ index: Int, _ state: inout AppState) -> [Effect] {
        if case .picker(var picker) = state.top {
            if picker.selected == index { return update(&state, .command(.confirm)) }
            picker.selected = index
            picker.variant = 0
            Screens.replaceTop(&state, .picker(picker))
            return []
        }
        guard let list = list(state) else { return [] }
        var selection = list.selection
        if selection.selected == index {
            switch state.top {
            case .history: return update(&state, .command(.edit))
            case .shoes: return []  // the Shoes list has no Enter
            default: return update(&state, .command(.confirm))
            }
        }
        // Settle the scroll where the view drew it first, so the clicked row stays put.
        selection.keepVisible(count: list.count, visibleRows: list.rows.height)
        selection.selected = index
        selection.keepVisible(count: list.count, visibleRows: list.rows.height)
        switch state.top {
        case .history: Screens.replaceTop(&state, .history(selection))
        case .patients: Screens.replaceTop(&state, .patients(selection))
        case .language: Screens.replaceTop(&state, .language(selection))
        case .role: Screens.replaceTop(&state, .role(selection))
        case .shoes(var shoes):
            shoes.selection = selection
            Screens.replaceTop(&state, .shoes(shoes))
        default: break
        }
        return []
    }
}
