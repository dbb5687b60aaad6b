import RehabCore
import TerminalUI

/// The first run (language, role, a physio's patient name, the red-flag questions): small
/// centred boxes.
enum FirstRunView {
    static func box(
        _ title: String, rows: Int, _ area: Rect, _ state: AppState, _ grid: inout Grid
    ) -> Rect {
        let frame = area.centered(width: min(56, area.width - 4), height: rows + 2)
        Block(title: TextLine(title, pen: .bold), glyphs: state.glyphs).render(
            in: frame, on: &grid)
        return inside(frame)
    }

    /// The inside of a box drawn in `area` with `rows` rows of content (what `box` returns).
    static func boxInside(rows: Int, _ area: Rect) -> Rect {
        inside(area.centered(width: min(56, area.width - 4), height: rows + 2))
    }

    private static func inside(_ frame: Rect) -> Rect {
        frame.inset(top: 1, left: 2, bottom: 1, right: 2)
    }

    /// Rows a choice list of `count` items gets in `area`.
    static func choiceRows(_ count: Int, _ area: Rect) -> Int { min(count, area.height - 2) }

    static func choices(
        _ title: String, _ items: [String], _ selection: SelectionState, _ area: Rect,
        _ state: AppState, _ grid: inout Grid
    ) {
        let inner = box(title, rows: choiceRows(items.count, area), area, state, &grid)
        var listState = selection
        List(
            items.map { TextLine($0) }, highlightSymbol: state.glyphs.selection + " ",
            ellipsis: state.glyphs.ellipsis
        )
        .render(in: inner, on: &grid, state: &listState)
    }

    static func language(
        _ state: AppState, _ selection: SelectionState, _ area: Rect, _ grid: inout Grid
    ) {
        choices(
            state.say(UIPhrase.languageTitle()), Language.allCases.map(\.name), selection, area,
            state, &grid)
    }

    static func role(
        _ state: AppState, _ selection: SelectionState, _ area: Rect, _ grid: inout Grid
    ) {
        choices(
            state.say(UIPhrase.roleTitle()),
            [state.say(UIPhrase.roleRunner()), state.say(UIPhrase.rolePhysio())], selection,
            area, state, &grid)
    }

    static func patientName(
        _ state: AppState, _ input: TextInput, _ area: Rect, _ grid: inout Grid
    ) {
        let inner = box(state.say(UIPhrase.patientNameTitle()), rows: 1, area, state, &grid)
        FormField(
            label: "", value: input.text, cursor: input.cursor, isFocused: true,
            labelWidth: 0
        ).render(in: inner, on: &grid)
    }

    static func questions(
        _ state: AppState, _ questions: QuestionsState, _ area: Rect, _ grid: inout Grid
    ) {
        guard let question = questions.current else { return }
        let width = min(56, area.width - 4) - 4
        let text = Paragraph(question.question.text(state.language), pen: .bold)
            .rows(width: width)
        // A physio setting a plan up answers for someone else: the questions say so.
        let patient =
            questions.setupFor?.patient.name
            ?? (state.role == .physio ? state.newPatientName : nil)
        let intro = Paragraph(
            state.say(
                patient.map { UIPhrase.questionsIntroPhysio($0) } ?? UIPhrase.questionsIntro()),
            pen: Theme.dim
        ).rows(width: width)
        let hint = TextLine(
            state.say(
                questions.setupFor == nil ? UIPhrase.answerHint() : UIPhrase.answerHintPhysio()),
            pen: Theme.heading)
        let lines = text + [TextLine("")] + intro + [TextLine(""), hint]
        let inner = box(
            state.say(
                UIPhrase.questionsTitle(
                    questions.answers.count + 1, of: questions.questions.count)),
            rows: lines.count, area, state, &grid)
        for (offset, line) in lines.enumerated() where offset < inner.height {
            grid.put(line, x: inner.x, y: inner.y + offset, clip: inner)
        }
    }
}

/// The injury picker: plans grouped by body region on the left, filtered as you type; the
/// chosen plan's summary, variants and expected recovery on the right.
enum PickerView {
    static func render(
        _ state: AppState, _ picker: PickerState, _ area: Rect, _ grid: inout Grid
    ) {
        let lang = state.language
        let title =
            picker.setupFor.map { UIPhrase.pickerTitle(for: $0.patient.name) }
            ?? UIPhrase.pickerTitle()
        grid.put(state.say(title), x: area.x + 1, y: area.y, pen: Theme.heading, clip: area)
        FormField(
            label: state.say(UIPhrase.filterLabel()), value: picker.filter.text,
            cursor: picker.filter.cursor, isFocused: true
        ).render(
            in: Rect(
                x: area.x + 1, y: area.y + 1, width: min(40, area.width - 2),
                height: 1), on: &grid)
        // On the row between the filter and the list, for as long as the picker is open: a
        // physio who wrote a plan file sees why it is not in the list.
        if let first = state.catalogErrors.first {
            let said = state.say(UIPhrase.plansLeftOut(state.catalogErrors.count, first: first))
            grid.put(
                TextFit.truncate(said, to: area.width - 2, ellipsis: state.glyphs.ellipsis),
                x: area.x + 1, y: area.y + 2, pen: Theme.error, clip: area)
        }
        let body = bodyArea(area)
        guard let catalog = state.catalog else {
            grid.put(state.say(UIPhrase.loadingPlans()), x: body.x, y: body.y, clip: body)
            return
        }
        let plans = Picking.matches(catalog, filter: picker.filter.text, language: lang)
        guard !plans.isEmpty else {
            grid.put(state.say(UIPhrase.noMatch()), x: body.x, y: body.y, clip: body)
            return
        }
        let (listArea, right) = panes(area)
        let list = planList(plans, picker, state)
        var listState = SelectionState(selected: list.selectedRow)
        List(list.lines, ellipsis: state.glyphs.ellipsis)
            .render(in: listArea, on: &grid, state: &listState)

        let index = min(picker.selected, plans.count - 1)
        let plan = plans[index]
        var flow = Flow()
        flow.line(plan.names.text(lang), pen: Theme.heading)
        flow.line(
            plan.region.name.text(lang) + " · "
                + state.say(UIPhrase.phaseCount(plan.phases.count)), pen: Theme.dim)
        for (i, variant) in plan.variants.enumerated() {
            let chosen = i == picker.variant
            let mark = chosen ? state.glyphs.selection : " "
            flow.line(
                "\(mark) \(variant.names.text(lang)) · "
                    + state.say(UIPhrase.expected(variant.expectedWeeks)),
                pen: chosen ? .bold : .plain)
        }
        flow.blank()
        flow.line(plan.summary.text(lang))
        flow.render(in: right.inset(left: 1), on: &grid, scroll: 0)
    }

    /// Below the title and the filter.
    static func bodyArea(_ area: Rect) -> Rect { area.inset(top: 3, left: 1, right: 1) }

    /// The plan list on the left and the description on the right, below the title and the
    /// filter; clicks are tested against the same list area.
    static func panes(_ area: Rect) -> (list: Rect, detail: Rect) {
        let body = bodyArea(area)
        let (left, right) = body.splitLeft(max(24, body.width * 2 / 5))
        return (left.inset(right: 1), right)
    }

    /// The list's lines: region headings between the plans. `plans[line]` is the plan index
    /// a line shows (nil for a heading: only plans are selectable).
    static func planList(_ plans: [Plan], _ picker: PickerState, _ state: AppState)
        -> (lines: [TextLine], plans: [Int?], selectedRow: Int)
    {
        let lang = state.language
        var lines: [TextLine] = []
        var indexes: [Int?] = []
        var selectedRow = 0
        var region: BodyRegion?
        for (index, plan) in plans.enumerated() {
            if plan.region != region {
                region = plan.region
                lines.append(TextLine(plan.region.name.text(lang), pen: Theme.dim))
                indexes.append(nil)
            }
            let isSelected = index == picker.selected
            if isSelected { selectedRow = lines.count }
            lines.append(
                TextLine(
                    (isSelected ? state.glyphs.selection + " " : "  ")
                        + plan.names.text(lang)))
            indexes.append(index)
        }
        return (lines, indexes, selectedRow)
    }
}
