import RehabApp
import RehabCore
import TerminalUI

/// The session form and the morning-check form: one row a field, the error under its field.
enum LogView {
    static let labelWidth = 16

    static func render(_ state: AppState, _ form: LogForm, _ area: Rect, _ grid: inout Grid) {
        let lang = state.language
        let title = form.editing == nil ? UIPhrase.logTitle() : UIPhrase.editTitle()
        grid.put(state.say(title), x: area.x + 1, y: area.y, pen: Theme.heading, clip: area)
        var y = area.y + 2
        let inner = area.inset(left: 1, right: 1)
        for field in form.fields {
            guard y < area.bottom else { break }
            let focused = form.focus == field
            let row = Rect(x: inner.x, y: y, width: inner.width, height: 1)
            let label = Forms.label(field, lang)
            switch field {
            case .date, .km, .minutes, .note, .hopTest, .calfRaises:
                if let input = field.input {
                    text(label, form[keyPath: input], focused, row, &grid)
                }
            case .activity:
                choice(label, form.activity.name.text(lang), focused, state.glyphs, row, &grid)
            case .painDuring:
                pain(
                    label, form.painDuring, focused, state.painBounds(form.activity), row, state,
                    &grid)
            case .painAfter:
                pain(
                    label, form.painAfter, focused, state.painBounds(form.activity), row, state,
                    &grid)
            case .lasted:
                let mark = form.lasted ? state.glyphs.checked : state.glyphs.unchecked
                let word = state.say(form.lasted ? UIPhrase.yes() : UIPhrase.no())
                plain(label, "\(mark) \(word)", focused, row, &grid)
            case .flags:
                checklist(label, form.flags, focused, state, row, &grid) { flagName($0, state) }
            case .exercises:
                if let exercises = form.exercises {
                    checklist(label, exercises, focused, state, row, &grid, alarming: false) {
                        $0
                    }
                }
            case .shoe:
                let name = form.shoe == 0 ? state.say(UIPhrase.noShoe()) : form.shoes[form.shoe - 1]
                choice(label, name, focused, state.glyphs, row, &grid)
            }
            y += 1
            if let error = form.error, error.field == field.rawValue {
                y = errorRows(
                    error.message, x: inner.x + labelWidth + 1, y: y,
                    width: inner.width - labelWidth - 1, bottom: area.bottom, &grid)
            }
        }
        hint(state, below: y, area, &grid)
    }

    static func morning(
        _ state: AppState, _ form: MorningForm, _ area: Rect, _ grid: inout Grid
    ) {
        grid.put(
            state.say(UIPhrase.morningTitle(form.date)), x: area.x + 1, y: area.y,
            pen: Theme.heading, clip: area)
        let inner = area.inset(left: 1, right: 1)
        var y = area.y + 2
        pain(
            state.say(UIPhrase.fieldPain()), form.pain, form.focus == .pain, state.morningBounds,
            Rect(x: inner.x, y: y, width: inner.width, height: 1), state, &grid)
        y += 1
        if let error = form.error {
            y = errorRows(
                error.message, x: inner.x + labelWidth + 1, y: y,
                width: inner.width - labelWidth - 1, bottom: area.bottom, &grid)
        }
        y += 1
        grid.put(
            state.say(UIPhrase.morningFlagsHeading(form.flags.chosen.count)), x: inner.x, y: y,
            pen: form.focus == .flags ? Theme.heading : .plain, clip: inner)
        y += 1
        // Rows up to the hint's two lines; the window follows the cursor.
        let room = max(1, area.bottom - 3 - y)
        let rows = form.flagRows
        let cursor = form.focus == .flags ? form.flags.cursor : 0
        let first = min(max(0, cursor - room + 1), max(0, rows - room))
        for row in first..<min(rows, first + room) {
            let focused = form.focus == .flags && row == form.flags.cursor
            let pen = focused ? Pen(style: [.bold, .reverse]) : .plain
            let text: String
            if row == form.ownFlags && !form.showOther {
                let hidden = form.flags.options.count - form.ownFlags
                text = "+ " + state.say(UIPhrase.otherFlags(hidden))
            } else {
                let id = form.flags.options[row]
                let mark =
                    form.flags.chosen.contains(id) ? state.glyphs.checked : state.glyphs.unchecked
                text = "\(mark) " + flagName(id, state)
            }
            let fitted = TextFit.truncate(
                text, to: inner.width - 2, ellipsis: state.glyphs.ellipsis)
            grid.put(fitted, x: inner.x + 2, y: y, pen: pen, clip: inner)
            y += 1
        }
        if first + room < rows {
            grid.put(
                state.glyphs == .ascii ? "  v" : "  ↓", x: inner.x, y: y - 1, pen: Theme.dim,
                clip: inner)
        }
        hint(state, below: y, area, &grid, text: UIPhrase.morningHint())
    }

    static func hint(
        _ state: AppState, below y: Int, _ area: Rect, _ grid: inout Grid,
        text: LocalizedText = UIPhrase.formHint()
    ) {
        let rows = Paragraph(state.say(text), pen: Theme.dim)
            .rows(width: area.width - 2)
        let top = max(y + 1, area.bottom - rows.count)
        // Half a hint misleads; the status bar has the main keys anyway.
        guard top + rows.count <= area.bottom else { return }
        for (offset, row) in rows.enumerated() {
            grid.put(row, x: area.x + 1, y: top + offset, clip: area)
        }
    }

    @discardableResult
    static func errorRows(
        _ message: String, x: Int, y: Int, width: Int, bottom: Int, _ grid: inout Grid
    ) -> Int {
        var y = y
        for row in Paragraph(message, pen: Theme.error).rows(width: max(1, width)).prefix(3) {
            guard y < bottom else { break }
            grid.put(row, x: x, y: y)
            y += 1
        }
        return y
    }

    static func labelPen(_ focused: Bool) -> Pen { focused ? Pen(style: .bold) : .plain }

    static func putLabel(_ label: String, _ focused: Bool, _ row: Rect, _ grid: inout Grid) {
        grid.put(
            TextFit.pad(label, to: labelWidth), x: row.x, y: row.y, pen: labelPen(focused),
            clip: row)
    }

    static func text(
        _ label: String, _ input: TextInput, _ focused: Bool, _ row: Rect, _ grid: inout Grid
    ) {
        FormField(
            label: label, value: input.text, cursor: input.cursor, isFocused: focused,
            labelWidth: labelWidth
        ).render(
            in: Rect(
                x: row.x, y: row.y, width: min(row.width, labelWidth + 1 + 40),
                height: 1), on: &grid)
    }

    static func plain(
        _ label: String, _ value: String, _ focused: Bool, _ row: Rect, _ grid: inout Grid
    ) {
        putLabel(label, focused, row, &grid)
        grid.put(
            value, x: row.x + labelWidth + 1, y: row.y,
            pen: focused ? Pen(style: [.bold, .reverse]) : .plain, clip: row)
    }

    static func choice(
        _ label: String, _ value: String, _ focused: Bool, _ glyphs: Glyphs, _ row: Rect,
        _ grid: inout Grid
    ) {
        plain(label, value, focused, row, &grid)
        if focused {
            let x = row.x + labelWidth + 1 + CellWidth.of(value)
            grid.put(
                glyphs == .ascii ? "  <- ->" : "  ← →", x: x, y: row.y, pen: Theme.dim,
                clip: row)
        }
    }

    /// A 0-10 score as a bar of ten cells and the number.
    /// `bounds` are the thresholds the score is judged against: the session's activity's
    /// (exercises may allow more than walking), or the morning's.
    static func pain(
        _ label: String, _ value: Int?, _ focused: Bool, _ bounds: (safeMax: Int, limit: Int),
        _ row: Rect, _ state: AppState, _ grid: inout Grid
    ) {
        putLabel(label, focused, row, &grid)
        let g = state.glyphs
        var x = row.x + labelWidth + 1
        let filled = value ?? 0
        let pen: Pen =
            value.map {
                $0 > bounds.limit
                    ? Theme.level(.red)
                    : $0 > bounds.safeMax ? Theme.level(.amber) : Pen(fg: .green)
            } ?? .plain
        x = grid.put(
            String(repeating: g.gaugeFilled, count: filled), x: x, y: row.y, pen: pen,
            clip: row)
        x = grid.put(
            String(repeating: g.gaugeEmpty, count: 10 - filled), x: x, y: row.y,
            pen: Theme.dim, clip: row)
        let number = value.map { "\($0)/10" } ?? state.say(UIPhrase.painUnset())
        grid.put(
            " " + number, x: x, y: row.y,
            pen: focused ? Pen(style: [.bold, .reverse]) : .plain, clip: row)
    }

    /// A checklist on one row: what is ticked when the row is not focused (red flags in the
    /// error colour), else one option at a time with ← → and Space.
    static func checklist(
        _ label: String, _ choice: FlagChoice, _ focused: Bool, _ state: AppState, _ row: Rect,
        _ grid: inout Grid, alarming: Bool = true, name: (String) -> String
    ) {
        putLabel(label, focused, row, &grid)
        let x = row.x + labelWidth + 1
        let count = state.say(UIPhrase.chosenCount(choice.chosen.count))
        guard focused, choice.options.indices.contains(choice.cursor) else {
            let names = choice.options.filter { choice.chosen.contains($0) }.map(name)
                .joined(separator: ", ")
            grid.put(
                names.isEmpty ? count : names, x: x, y: row.y,
                pen: choice.chosen.isEmpty || !alarming ? .plain : Theme.error, clip: row)
            return
        }
        let id = choice.options[choice.cursor]
        let arrows = state.glyphs == .ascii ? "<- ->" : "← →"
        let mark = choice.chosen.contains(id) ? state.glyphs.checked : state.glyphs.unchecked
        let tail = "  \(choice.cursor + 1)/\(choice.options.count) \(arrows) · \(count)"
        let room = row.right - x - CellWidth.of(tail) - CellWidth.of(mark) - 1
        let shown = TextFit.truncate(name(id), to: max(4, room), ellipsis: state.glyphs.ellipsis)
        let end = grid.put(
            "\(mark) \(shown)", x: x, y: row.y,
            pen: Pen(style: [.bold, .reverse]), clip: row)
        grid.put(tail, x: end, y: row.y, pen: Theme.dim, clip: row)
    }

    /// The short built-in name where there is one; else the plan's question.
    static func flagName(_ id: String, _ state: AppState) -> String {
        if let name = RedFlag.builtIn[id] { return name.text(state.language) }
        let name = state.followed?.plan.redFlagName(id).text(state.language) ?? id
        // The plan words a referral for the patient ("see a physiotherapist"); a physio
        // answering it is told it comes to them, not to a doctor.
        if state.role == .physio, state.followed?.plan.isReferral(id) == true {
            return state.say(ReviewPhrase.referralForYou(name))
        }
        return name
    }
}

extension AppState {
    /// The pain thresholds of one activity in the phase in force.
    func painBounds(_ activity: Activity) -> (safeMax: Int, limit: Int) {
        (followed?.status.thresholds ?? Thresholds()).pain(for: activity)
    }

    /// The morning thresholds in the phase in force.
    var morningBounds: (safeMax: Int, limit: Int) {
        let t = followed?.status.thresholds ?? Thresholds()
        return (t.morningSafeMax, t.morningLimit)
    }
}
