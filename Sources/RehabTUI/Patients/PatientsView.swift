import RehabApp
import RehabCore
import TerminalUI

/// The physio's Patients screen: every patient with plan, phase, day, a status light, days
/// since the last log and open red flags (flagged patients first), the selected one described
/// below; plus the name form and the plan set-up form.
enum PatientsView {
    /// Rows under the table for the selected patient (a rule and up to four lines).
    static let detailRows = 5

    /// Table rows on screen at a size: the content less the title, the header and the detail.
    static func visibleRows(_ size: Size) -> Int {
        max(1, Layout.content(size).height - 2 - detailRows)
    }

    /// The table (header included) in the screen's content area; clicks are tested against it.
    static func tableArea(_ area: Rect) -> Rect {
        area.inset(left: 1, right: 1).inset(top: 1, bottom: detailRows)
    }

    static func render(
        _ state: AppState, _ selection: SelectionState, _ area: Rect, _ grid: inout Grid
    ) {
        let body = area.inset(left: 1, right: 1)
        let rows = PatientActions.rows(state)
        let title = state.say(UIPhrase.rosterTitle(rows.count))
        let end = grid.put(title, x: body.x, y: body.y, pen: Theme.heading, clip: body)
        var archived = state.say(
            state.showArchived ? UIPhrase.archivedShownMark() : UIPhrase.archivedHiddenMark())
        if rows.contains(where: { $0.changes?.isChanged ?? false }) {
            archived = state.say(ReviewPhrase.changedLegend()) + " · " + archived
        }
        let room = body.right - end - 2
        if room > 4 {
            let text = TextFit.truncate(archived, to: room, ellipsis: state.glyphs.ellipsis)
            grid.put(
                text, x: body.right - CellWidth.of(text), y: body.y, pen: Theme.dim,
                clip: body)
        }
        guard !rows.isEmpty else {
            Paragraph(state.say(UIPhrase.rosterEmpty())).render(
                in: body.inset(top: 2), on: &grid)
            return
        }
        let tableArea = Self.tableArea(area)
        let titles = UIPhrase.rosterColumns().map { state.say($0) }
        let columns = [
            TableColumn(titles[0]), TableColumn(titles[1]), TableColumn(titles[2]),
            TableColumn(titles[3], width: 3, alignment: .right),
            TableColumn(titles[4], width: 15),
            TableColumn(titles[5], width: 9),
            TableColumn(titles[6], width: 2, alignment: .right),
        ]
        var table = Table(
            columns: columns, rows: rows.map { cells($0, state) }, glyphs: state.glyphs,
            rowPens: rows.map { $0.patient.archived ? Theme.dim : Theme.row($0.level) })
        table.columnSpacing = 1
        var tableState = selection
        table.render(in: tableArea, on: &grid, state: &tableState)
        if let i = selection.selected, rows.indices.contains(i) {
            detail(
                rows[i], state,
                Rect(
                    x: body.x, y: body.bottom - detailRows,
                    width: body.width, height: detailRows), &grid)
        }
    }

    /// A shape per level as well as a colour and a word, so the light reads without colour.
    static func light(_ level: Level, _ state: AppState) -> String {
        let ascii = state.glyphs == .ascii
        let mark: String
        switch level {
        case .green: mark = ascii ? "o" : "●"
        case .amber: mark = ascii ? "^" : "▲"
        case .red: mark = ascii ? "#" : "■"
        case .stop: mark = ascii ? "X" : "×"
        }
        return mark + " " + state.messages.level(level)
    }

    static func cells(_ row: RosterRow, _ state: AppState) -> [String] {
        let changed = row.changes?.isChanged ?? false
        let name =
            (changed ? ReviewPhrase.changedMark() + " " : "") + row.patient.name
            + (row.patient.archived ? " (\(state.say(Phrase.archivedMark())))" : "")
        guard let planID = row.planID else {
            return [name, state.say(Phrase.noPlanLabel()), "-", "-", "-", lastLog(row, state), "-"]
        }
        let plan = [planID, row.variantID].compactMap { $0 }.joined(separator: "/")
        var phase = row.phaseName?.text(state.language) ?? "-"
        if let number = row.phaseNumber, let count = row.phaseCount {
            phase = "\(number)/\(count) " + phase
        }
        // A discharged patient's verdict column says so; the light no longer guides care.
        let shown =
            row.discharged != nil
            ? state.say(ReviewPhrase.dischargedShort())
            : row.level.map { verdict($0, row, state) } ?? "-"
        return [
            name, plan, phase, row.phaseDay.map(String.init) ?? "-", shown, lastLog(row, state),
            row.openFlags.isEmpty ? "-" : String(row.openFlags.count),
        ]
    }

    /// The light and, where the verdict is not green, its main reason in a few words.
    static func verdict(_ level: Level, _ row: RosterRow, _ state: AppState) -> String {
        guard let reason = row.reason else { return light(level, state) }
        let mark = String(light(level, state).prefix(1))
        return mark + " " + state.say(UIPhrase.reasonShort(reason))
    }

    static func lastLog(_ row: RosterRow, _ state: AppState) -> String {
        state.say(
            row.daysSinceLog.map { UIPhrase.daysAgoShort($0) } ?? Phrase.neverLogged())
    }

    /// The selected patient in words: plan and variant by name, the phase, open red flags.
    static func detail(_ row: RosterRow, _ state: AppState, _ area: Rect, _ grid: inout Grid) {
        let rule = String(repeating: state.glyphs.horizontal, count: area.width)
        grid.put(rule, x: area.x, y: area.y, pen: Theme.dim, clip: area)
        let lang = state.language
        var first = row.patient.name
        var second: String
        var secondPen = Pen.plain
        if row.hasPlan {
            first += " · " + (row.planName?.text(lang) ?? row.planID ?? "")
            if let variant = row.variantName { first += " · " + variant.text(lang) }
            second = state.say(
                UIPhrase.rosterPhase(
                    row.phaseNumber ?? 0, of: row.phaseCount ?? 0,
                    name: row.phaseName?.text(lang) ?? "-", day: row.phaseDay ?? 0))
            if !row.openFlags.isEmpty {
                second = state.say(
                    UIPhrase.rosterOpenFlags(row.openFlags.map { $0.text(lang) }))
                secondPen = Theme.error
            } else if let due = MeasureView.rosterDue(row, state) {
                second += " · " + due
            }
        } else {
            second = state.say(UIPhrase.rosterNoPlan())
        }
        let ellipsis = state.glyphs.ellipsis
        grid.put(
            TextFit.truncate(first, to: area.width, ellipsis: ellipsis), x: area.x,
            y: area.y + 1, pen: .bold, clip: area)
        grid.put(
            TextFit.truncate(second, to: area.width, ellipsis: ellipsis), x: area.x,
            y: area.y + 2, pen: secondPen, clip: area)
        if let level = row.level, let text = row.reasonText {
            let since = row.since.map { state.say(UIPhrase.sinceDay($0)) + ": " } ?? ""
            grid.put(
                TextFit.truncate(
                    state.messages.level(level).uppercased() + " " + since + text.text(lang),
                    to: area.width, ellipsis: ellipsis),
                x: area.x, y: area.y + 3, pen: Theme.row(level), clip: area)
        }
        if let discharged = row.discharged {
            grid.put(
                TextFit.truncate(
                    state.say(ReviewPhrase.dischargedOn(discharged.date, by: discharged.by)),
                    to: area.width, ellipsis: ellipsis),
                x: area.x, y: area.y + 4, pen: .bold, clip: area)
        } else if let changes = row.changes {
            // Red flags the physio has not seen yet stand out; the rest is plain.
            grid.put(
                TextFit.truncate(
                    state.say(ReviewPhrase.summary(changes)), to: area.width, ellipsis: ellipsis),
                x: area.x, y: area.y + 4, pen: changes.redFlags.isEmpty ? Theme.dim : Theme.error,
                clip: area)
        }
    }

    // MARK: - Forms

    static func nameForm(_ state: AppState, _ form: NameForm, _ area: Rect, _ grid: inout Grid) {
        let title: String
        switch form.purpose {
        case .add: title = state.say(UIPhrase.addPatientTitle())
        case .rename(let patient): title = state.say(UIPhrase.renamePatientTitle(patient.name))
        case .planFile(let target): title = state.say(UIPhrase.planFileTitle(target.patient.name))
        }
        let label: String
        if case .planFile = form.purpose {
            label = state.say(UIPhrase.planFileLabel())
        } else {
            label = state.say(UIPhrase.nameLabel())
        }
        let width = min(56, area.width - 4)
        let errorRows =
            form.error.map { Paragraph($0, pen: Theme.error).rows(width: width - 4) }
            ?? []
        let inner = FirstRunView.box(
            title,
            rows: 1 + (errorRows.isEmpty ? 0 : 1)
                + errorRows.count, area, state, &grid)
        FormField(
            label: label, value: form.input.text,
            cursor: form.input.cursor, isFocused: true
        ).render(in: inner.row(0), on: &grid)
        for (offset, line) in errorRows.enumerated() {
            grid.put(line, x: inner.x, y: inner.y + 2 + offset, clip: inner)
        }
    }

    static func setupForm(_ state: AppState, _ form: SetupForm, _ area: Rect, _ grid: inout Grid) {
        let body = area.inset(left: 1, right: 1)
        let lang = state.language
        grid.put(
            state.say(UIPhrase.setUpTitle(form.target.patient.name)), x: body.x, y: body.y,
            pen: Theme.heading, clip: body)
        let plan = form.handedOver?.plan ?? state.catalog?.first { $0.id == form.planID }
        var flow = Flow()
        var chosen = plan?.names.text(lang) ?? form.planID
        if let variant = plan?.variant(form.variantID) {
            chosen += " · " + variant.names.text(lang)
        }
        flow.line(chosen, pen: .bold)
        if let handedOver = form.handedOver {
            flow.line(state.say(UIPhrase.planFromFile(handedOver.path)), pen: Theme.dim)
        }
        if let current = form.target.currentPlan {
            flow.line(state.say(UIPhrase.replacesPlan(current)), pen: Theme.error)
        }
        let top = body.inset(top: 2)
        let rows = flow.rows(width: top.width).count
        flow.render(
            in: Rect(x: top.x, y: top.y, width: top.width, height: rows), on: &grid,
            scroll: 0)
        let labels = [state.say(UIPhrase.startDateLabel()), state.say(UIPhrase.weeklyKmLabel())]
        let inputs = [form.date, form.weeklyKm]
        FieldStack(
            fields: SetupForm.Field.allCases.map { field in
                FieldStack.Field(
                    label: labels[field.rawValue], input: inputs[field.rawValue], boxWidth: 14,
                    isFocused: form.focus == field,
                    error: form.error?.field == field.rawValue ? form.error?.message : nil)
            }, hint: state.say(UIPhrase.setUpHint())
        ).render(in: body, from: top.y + rows + 1, on: &grid)
    }
}
