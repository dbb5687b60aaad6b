import RehabCore
import RehabPlans
import TerminalUI

/// Tune: a patient's plan as an editable list (thresholds, each phase's days, exercises and
/// run/walk steps). Values changed from the template carry what they were; the line at the
/// bottom names the selected field, its allowed range and any refusal.
enum TuneView {
    /// Content rows that are not list rows: the title and the two lines at the bottom.
    static let chromeRows = 4

    static func render(_ state: AppState, _ tune: TuneState, _ area: Rect, _ grid: inout Grid) {
        let body = area.inset(left: 1, right: 1)
        let lang = state.language
        let changes = Tuning.differences(tune).count
        let title = state.say(
            UIPhrase.tuneTitle(tune.patient.name, plan: tune.template.names.text(lang)))
        let status = state.say(UIPhrase.tuneChanges(changes, unsaved: tune.isDirty))
        let statusWidth = CellWidth.of(status)
        let end = grid.put(
            TextFit.truncate(
                title, to: max(0, body.width - statusWidth - 2),
                ellipsis: state.glyphs.ellipsis), x: body.x, y: body.y, pen: Theme.heading,
            clip: body)
        if end + 2 + statusWidth <= body.right {
            grid.put(
                status, x: body.right - statusWidth, y: body.y,
                pen: tune.isDirty ? .bold : Theme.dim, clip: body)
        }
        if let scroll = tune.differences {
            differences(state, tune, scroll: scroll, body.inset(top: 2), &grid)
            return
        }
        let list = body.inset(top: 2, bottom: 2)
        let plan = Tuning.tuned(tune)
        let base = Tuning.base(tune)
        let rows = Tuning.rows(plan)
        // The reducer keeps the offset; this only matters right after a resize.
        var scrolled = tune
        Tuning.keepInView(&scrolled, state.size)
        let selection = SelectionState(selected: tune.row, offset: scrolled.offset)
        // Wide enough for the longest label ("Pain during strength training too much above")
        // where the screen has room, leaving the values the 31 cells an exercise's need
        // ("sets 3  hold (s) 30  weekly 3 (was 2)").
        let longest = rows.map { CellWidth.of(label($0, plan, state)) }.max() ?? 0
        let labelWidth = min(longest + 3, max(12, list.width - 31))
        for (offset, row) in rows.dropFirst(selection.offset).prefix(list.height).enumerated() {
            let index = selection.offset + offset
            draw(
                row, selected: index == tune.row, tune: tune, plan: plan, base: base,
                labelWidth: labelWidth, state: state, in: list.row(offset), &grid)
        }
        footer(
            state, tune, rows, plan, base,
            Rect(
                x: body.x, y: body.bottom - 2,
                width: body.width, height: 2), &grid)
        if let choice = tune.adding { chooser(state, choice, plan, area, &grid) }
    }

    static func draw(
        _ row: TuneRow, selected: Bool, tune: TuneState, plan: Plan, base: Plan,
        labelWidth: Int, state: AppState, in line: Rect, _ grid: inout Grid
    ) {
        let lang = state.language
        let ellipsis = state.glyphs.ellipsis
        let mark = selected ? state.glyphs.selection + " " : "  "
        switch row {
        case .thresholdsHeading:
            grid.put(
                state.say(UIPhrase.tuneThresholdsHeading()), x: line.x, y: line.y,
                pen: Theme.heading, clip: line)
            return
        case .phaseHeading(let i):
            let phase = plan.phases[i]
            let text = state.say(
                UIPhrase.tunePhaseHeading(
                    i + 1, of: plan.phases.count,
                    name: phase.names.text(lang), id: phase.id))
            grid.put(
                TextFit.truncate(text, to: line.width, ellipsis: ellipsis), x: line.x,
                y: line.y, pen: Theme.heading, clip: line)
            return
        case .addExercise, .addStep:
            let text: LocalizedText
            if case .addExercise = row {
                text = UIPhrase.tuneAddExercise()
            } else {
                text = UIPhrase.tuneAddStep()
            }
            grid.put(
                mark + "+ " + state.say(text), x: line.x, y: line.y,
                pen: selected ? Pen(style: [.bold, .reverse]) : Theme.dim, clip: line)
            return
        default: break
        }
        // A step has five values and a short label: give the values the room.
        var width = labelWidth
        if case .step = row { width = min(labelWidth, 14) }
        let label = TextFit.pad(
            TextFit.truncate(mark + self.label(row, plan, state), to: width, ellipsis: ellipsis),
            to: width)
        var x = grid.put(label, x: line.x, y: line.y, pen: selected ? .bold : .plain, clip: line)
        let none = state.say(Phrase.noneLabel())
        for (i, field) in Tuning.fields(row, in: plan).enumerated() {
            let focused = selected && i == tune.field
            // A threshold row is one value: its label says what it is.
            if let name = fieldName(field) {
                x = grid.put(
                    state.say(name) + " ", x: x + 1, y: line.y, pen: Theme.dim,
                    clip: line)
            } else {
                x += 1
            }
            let now = Tuning.value(row, field, in: plan)
            let was = Tuning.value(row, field, in: base)
            let changed = now != was
            if focused, let input = tune.editing {
                let width = max(6, CellWidth.of(input.text) + 1)
                FormField(
                    label: "", value: input.text, cursor: input.cursor, isFocused: true,
                    labelWidth: 0
                ).render(
                    in: Rect(x: x - 1, y: line.y, width: width + 1, height: 1)
                        .intersection(line), on: &grid)
                x += width
            } else {
                var pen: Pen = changed ? .bold : .plain
                if focused { pen = pen.patched(with: .reverse) }
                x = grid.put(
                    Tuning.format(now, field, none: none), x: x, y: line.y, pen: pen,
                    clip: line)
            }
            if changed {
                let before =
                    isNew(row, base)
                    ? state.say(UIPhrase.tuneNew())
                    : state.say(UIPhrase.tuneWas(Tuning.format(was, field, none: none)))
                x = grid.put(" " + before, x: x, y: line.y, pen: Theme.dim, clip: line)
            }
            x += 1
        }
    }

    /// An exercise or step the template does not have.
    static func isNew(_ row: TuneRow, _ base: Plan) -> Bool {
        switch row {
        case .exercise(let phase, let id): Tuning.prescription(base, phase, id) == nil
        case .step(let phase, let index): Tuning.step(base, phase, index) == nil
        default: false
        }
    }

    static func label(_ row: TuneRow, _ plan: Plan, _ state: AppState) -> String {
        switch row {
        case .threshold(let field): state.say(thresholdLabel(field))
        case .days: state.say(UIPhrase.tuneDaysLabel())
        case .exercise(_, let id): plan.exercise(id)?.names.text(state.language) ?? id
        case .step(_, let index): state.say(UIPhrase.tuneStepLabel(index + 1))
        default: ""
        }
    }

    static func thresholdLabel(_ field: TuningField) -> LocalizedText {
        if let threshold = field.threshold { return threshold.descriptor.label }
        guard let (activity, isSafeMax) = field.activityPain else {
            return LocalizedText(verbatim: field.key)
        }
        return isSafeMax
            ? UIPhrase.tuneActivitySafeMax(activity) : UIPhrase.tuneActivityLimit(activity)
    }

    /// The short name before a value in a row ("sets 3", "walk 1").
    static func fieldName(_ field: TuningField) -> LocalizedText? {
        switch field {
        case .minDays: UIPhrase.tuneMinDays()
        case .maxDays: UIPhrase.tuneMaxDays()
        case .sets: UIPhrase.tuneSets()
        case .reps: UIPhrase.tuneReps()
        case .hold: UIPhrase.tuneHold()
        case .perWeek, .sessionsPerWeek: UIPhrase.tunePerWeek()
        case .perDay: UIPhrase.tunePerDay()
        case .run: UIPhrase.tuneRun()
        case .walk: UIPhrase.tuneWalk()
        case .total: UIPhrase.tuneTotal()
        case .sessionsToPass: UIPhrase.tunePass()
        default: nil
        }
    }

    /// The selected field's key and range (or the refusal), and what the keys do here.
    static func footer(
        _ state: AppState, _ tune: TuneState, _ rows: [TuneRow], _ plan: Plan, _ base: Plan,
        _ area: Rect, _ grid: inout Grid
    ) {
        let ellipsis = state.glyphs.ellipsis
        if let error = tune.error {
            let lines = Paragraph(error, pen: Theme.error).rows(width: area.width)
            for (offset, line) in lines.prefix(2).enumerated() {
                grid.put(line, x: area.x, y: area.y + offset, clip: area)
            }
            return
        }
        guard rows.indices.contains(tune.row) else { return }
        let row = rows[tune.row]
        let fields = Tuning.fields(row, in: plan)
        guard fields.indices.contains(tune.field) else {
            grid.put(
                TextFit.truncate(
                    state.say(UIPhrase.tuneAddHint()), to: area.width,
                    ellipsis: ellipsis), x: area.x, y: area.y, pen: Theme.dim, clip: area)
            return
        }
        let field = fields[tune.field]
        let range: String
        switch field.allowed {
        case .decimal(let r, let places):
            range = state.say(
                UIPhrase.tuneDecimalRange(
                    formatNumber(
                        r.lowerBound,
                        decimals: r.lowerBound == r.lowerBound.rounded()
                            ? 0 : 1), formatNumber(r.upperBound, decimals: 0), places: places))
        default:
            let r = field.integerRange
            range = state.say(UIPhrase.tuneWholeRange(r.lowerBound, r.upperBound))
        }
        let none = state.say(Phrase.noneLabel())
        let template =
            isNew(row, base)
            ? state.say(UIPhrase.tuneNew())
            : state.say(
                UIPhrase.tuneTemplateValue(
                    Tuning.format(Tuning.value(row, field, in: base), field, none: none)))
        let text = Tuning.name(row, field, in: plan) + " · " + range + " · " + template
        grid.put(
            TextFit.truncate(text, to: area.width, ellipsis: ellipsis), x: area.x,
            y: area.y, pen: Theme.dim, clip: area)
        let hint = tune.editing != nil ? UIPhrase.tuneEditingHint() : toggleHint(field)
        grid.put(
            TextFit.truncate(state.say(hint), to: area.width, ellipsis: ellipsis),
            x: area.x, y: area.y + 1, pen: Theme.dim, clip: area)
    }

    static func toggleHint(_ field: TuningField) -> LocalizedText {
        switch field {
        case .reps, .hold: UIPhrase.tuneToggleRepsHint()
        case .perWeek, .perDay: UIPhrase.tuneToggleFrequencyHint()
        default: UIPhrase.tuneRowsHint()
        }
    }

    /// The plan's exercises the phase lacks, in a box over the list.
    static func chooser(
        _ state: AppState, _ choice: ExerciseChoice, _ plan: Plan, _ area: Rect,
        _ grid: inout Grid
    ) {
        let phase = plan.phases[choice.phase].names.text(state.language)
        let height = min(choice.options.count, max(1, area.height - 6))
        let frame = area.centered(width: min(56, area.width - 4), height: height + 2)
        grid.fill(frame)
        Block(
            title: TextLine(state.say(UIPhrase.chooseExerciseTitle(phase)), pen: .bold),
            glyphs: state.glyphs, borderPen: .bold
        ).render(in: frame, on: &grid)
        let names = choice.options.map { id in
            TextLine(plan.exercise(id)?.names.text(state.language) ?? id)
        }
        var listState = SelectionState(selected: choice.selected)
        List(names, highlightSymbol: state.glyphs.selection + " ", ellipsis: state.glyphs.ellipsis)
            .render(
                in: frame.inset(by: 1).inset(left: 1, right: 1), on: &grid,
                state: &listState)
    }

    /// `rehab tune --show` on screen: every changed key, template → tuned.
    static func differences(
        _ state: AppState, _ tune: TuneState, scroll: Int, _ area: Rect, _ grid: inout Grid
    ) {
        let lines = Tuning.differences(tune, language: state.language)
        var flow = Flow()
        flow.line(state.say(UIPhrase.differencesHeading()), pen: Theme.heading)
        if tune.isDirty { flow.line(state.say(UIPhrase.differencesUnsaved()), pen: .bold) }
        flow.blank()
        if lines.isEmpty {
            flow.line(state.say(Phrase.noDifferences()))
        }
        let width = min(lines.map { CellWidth.of($0.field) }.max() ?? 0, area.width / 2)
        for line in lines {
            flow.items.append(
                .text(
                    TextLine(spans: [
                        Span(TextFit.pad(line.field, to: width), pen: .bold),
                        Span("  \(line.template) → "), Span(line.tuned, pen: .bold),
                    ]), indent: 0, hanging: width + 2))
        }
        flow.render(in: area, on: &grid, scroll: min(scroll, flow.maxScroll(in: area)))
    }
}
