import RehabCore
import TerminalUI

/// The Shoes screen: each shoe with its start km, the km run in it (start km plus every run
/// logged with it, the number `rehab shoes` prints), its retire mark, a bar toward that mark
/// and its state in words, the selected shoe described below; and the add-a-shoe form.
enum ShoesView {
    /// Rows under the table for the selected shoe: a rule and up to three lines.
    static let detailRows = 4

    /// The shoes with their km and state, in the store's order.
    static func rows(_ state: AppState) -> [(shoe: Shoe, km: Double, state: ShoeState)] {
        let sessions = state.followed?.history.sessions ?? []
        let shoes = ShoeActions.shoes(state)
        // The app's history is the whole log, so this is the store's running total.
        return zip(shoes, ShoeWear.km(of: shoes, sessions: sessions)).map { shoe, km in
            (shoe, km, ShoeWear.state(of: shoe, km: km))
        }
    }

    static func explanation(_ state: AppState) -> Paragraph {
        Paragraph(
            state.say(
                UIPhrase.shoesExplained(
                    wornFrom: formatNumber(
                        ShoeWear.wornFromKm,
                        decimals: 0))), pen: Theme.dim)
    }

    /// Where the table goes: below the title, the explanation and a blank row, above the
    /// detail.
    static func tableArea(_ state: AppState, _ area: Rect) -> Rect {
        let body = area.inset(left: 1, right: 1)
        let explained = explanation(state).rows(width: body.width).count
        return body.inset(top: 2 + explained, bottom: detailRows)
    }

    /// Table rows on screen (the table area less its header).
    static func visibleRows(_ state: AppState) -> Int {
        max(1, tableArea(state, Layout.content(state.size)).height - 1)
    }

    static func render(
        _ state: AppState, _ screen: ShoesState, _ area: Rect, _ grid: inout Grid
    ) {
        if let form = screen.adding { return self.form(state, form, area, &grid) }
        let body = area.inset(left: 1, right: 1)
        let rows = rows(state)
        grid.put(
            state.say(UIPhrase.shoesTitle(rows.count)), x: body.x, y: body.y, pen: Theme.heading,
            clip: body)
        let explained = explanation(state).rows(width: body.width)
        for (offset, line) in explained.enumerated() {
            grid.put(line, x: body.x, y: body.y + 1 + offset, clip: body)
        }
        guard !rows.isEmpty else {
            let add = KeyTable.shownKey(.add, in: state, contexts: [.shoes]) ?? "a"
            let log = KeyTable.shownKey(.logSession, in: state, contexts: [.today, .tabs]) ?? "n"
            Paragraph(state.say(UIPhrase.shoesEmpty(addKey: add, logKey: log))).render(
                in: body.inset(top: 2 + explained.count), on: &grid)
            return
        }
        let tableArea = tableArea(state, area)
        let titles = UIPhrase.shoeTableColumns().map { state.say($0) }
        let fixed = [7, 8, 6, 9]
        let spacing = 5
        let room = tableArea.width - fixed.reduce(0, +) - spacing
        // The bar takes two fifths of what is left, the name the rest.
        let wear = min(24, max(8, room * 2 / 5))
        let columns = [
            TableColumn(titles[0]),
            TableColumn(titles[1], width: fixed[0], alignment: .right),
            TableColumn(titles[2], width: fixed[1], alignment: .right),
            TableColumn(titles[3], width: fixed[2], alignment: .right),
            TableColumn(titles[4], width: wear),
            TableColumn(titles[5], width: fixed[3]),
        ]
        let cells = rows.map { row in
            [
                row.shoe.name, formatNumber(row.shoe.startKm, decimals: 2),
                formatNumber(row.km, decimals: 2), formatNumber(row.shoe.retireKm, decimals: 0),
                "", state.say(row.state.name),
            ]
        }
        let table = Table(
            columns: columns, rows: cells, glyphs: state.glyphs,
            rowPens: rows.map { pen($0.state) })
        var tableState = screen.selection
        table.render(in: tableArea, on: &grid, state: &tableState)
        // The bars go into the empty wear column, row by row as the table scrolled.
        let widths = table.columnWidths(for: tableArea.width)
        let wearX = tableArea.x + widths.prefix(4).reduce(0, +) + 4 * table.columnSpacing
        for line in 0..<max(0, tableArea.height - 1) {
            let index = tableState.offset + line
            guard rows.indices.contains(index) else { break }
            let row = rows[index]
            let share = Int((row.km / row.shoe.retireKm * 100).rounded())
            var gauge = Gauge(
                value: row.km, cap: row.shoe.retireKm,
                label: state.say(UIPhrase.shoeShare(share)), glyphs: state.glyphs)
            gauge.filledPen = barPen(row.state)
            gauge.labelPen = pen(row.state)
            gauge.render(
                in: Rect(x: wearX, y: tableArea.y + 1 + line, width: widths[4], height: 1),
                on: &grid)
        }
        if let i = screen.selection.selected, rows.indices.contains(i) {
            detail(
                rows[i].shoe, km: rows[i].km, state,
                Rect(
                    x: body.x, y: body.bottom - detailRows, width: body.width,
                    height: detailRows), &grid)
        }
    }

    /// Colour repeats the state written in its column.
    static func pen(_ state: ShoeState) -> Pen {
        switch state {
        case .fine: .plain
        case .worn: Theme.row(.amber)
        case .retire: Theme.row(.red)
        }
    }

    static func barPen(_ state: ShoeState) -> Pen {
        switch state {
        case .fine: Theme.row(.green)
        case .worn: Theme.row(.amber)
        case .retire: Theme.row(.red)
        }
    }

    /// The selected shoe in words: how far to 600 km, or the Today screen's warning.
    static func detail(
        _ shoe: Shoe, km: Double, _ state: AppState, _ area: Rect, _ grid: inout Grid
    ) {
        let rule = String(repeating: state.glyphs.horizontal, count: area.width)
        grid.put(rule, x: area.x, y: area.y, pen: Theme.dim, clip: area)
        let text: String
        let textPen: Pen
        if let warning = ShoeWear.warning(for: shoe, km: km) {
            text = state.say(warning.message)
            textPen = pen(warning.state)
        } else {
            text = state.say(
                UIPhrase.shoeFineDetail(
                    shoe.name, km: formatNumber(km, decimals: 2),
                    toWorn: formatNumber(ShoeWear.wornFromKm - km, decimals: 2),
                    retire: formatNumber(shoe.retireKm, decimals: 0)))
            textPen = .plain
        }
        let lines = Paragraph(text, pen: textPen).rows(width: area.width)
        for (offset, line) in lines.prefix(area.height - 1).enumerated() {
            grid.put(line, x: area.x, y: area.y + 1 + offset, clip: area)
        }
    }

    // MARK: - Add a shoe

    static func form(_ state: AppState, _ form: ShoeForm, _ area: Rect, _ grid: inout Grid) {
        let body = area.inset(left: 1, right: 1)
        grid.put(
            state.say(UIPhrase.addShoeTitle()), x: body.x, y: body.y, pen: Theme.heading,
            clip: body)
        FieldStack(
            fields: ShoeForm.Field.allCases.map { field in
                // The name gets room for a long model name; the numbers a short box.
                FieldStack.Field(
                    label: ShoeActions.label(field, state), input: form.input(field),
                    boxWidth: field == .name ? 36 : 12, isFocused: form.focus == field,
                    error: form.error?.field == field.rawValue ? form.error?.message : nil)
            }, hint: state.say(UIPhrase.addShoeHint())
        ).render(in: body, from: body.y + 2, on: &grid)
    }
}
