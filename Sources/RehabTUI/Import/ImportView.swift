import RehabApp
import RehabCore
import TerminalUI

/// Importing runs: first the path with what is wrong with it, then one run at a time with its
/// pain scores and shoe, the list of all runs below it.
enum ImportView {
    static func render(_ state: AppState, _ form: ImportForm, _ area: Rect, _ grid: inout Grid) {
        switch form.stage {
        case .path: path(state, form, area, &grid)
        case .runs: runs(state, form, area, &grid)
        }
    }

    static func path(_ state: AppState, _ form: ImportForm, _ area: Rect, _ grid: inout Grid) {
        let inner = area.inset(left: 1, right: 1)
        grid.put(
            state.say(UIPhrase.importTitle()), x: inner.x, y: area.y, pen: Theme.heading,
            clip: inner)
        LogView.text(
            state.say(UIPhrase.importPathLabel()), form.path, true,
            Rect(x: inner.x, y: area.y + 2, width: inner.width, height: 1), &grid)
        var y = area.y + 4
        y = paragraph(state.say(UIPhrase.importPathHint()), pen: Theme.dim, y: y, inner, &grid)
        y += 1
        for error in form.errors {
            guard y < area.bottom else { break }
            y = paragraph(state.say(error), pen: Theme.error, y: y, inner, &grid)
        }
    }

    static func runs(_ state: AppState, _ form: ImportForm, _ area: Rect, _ grid: inout Grid) {
        guard form.runs.indices.contains(form.current) else { return }
        let inner = area.inset(left: 1, right: 1)
        let lang = state.language
        let run = form.runs[form.current]
        grid.put(
            state.say(UIPhrase.importRunTitle(form.current + 1, of: form.runs.count)),
            x: inner.x, y: area.y, pen: Theme.heading, clip: inner)
        grid.put(summary(run.found, state), x: inner.x, y: area.y + 2, pen: .bold, clip: inner)
        grid.put(run.found.run.file, x: inner.x, y: area.y + 3, pen: Theme.dim, clip: inner)

        var y = area.y + 5
        for field in Imports.fields(run, form) {
            guard y < area.bottom else { break }
            let row = Rect(x: inner.x, y: y, width: inner.width, height: 1)
            let focused = form.focus == field
            switch field {
            case .painDuring:
                LogView.pain(
                    Forms.label(.painDuring, lang), run.painDuring, focused,
                    state.painBounds(.run), row, state, &grid)
            case .painAfter:
                LogView.pain(
                    Forms.label(.painAfter, lang), run.painAfter, focused,
                    state.painBounds(.run), row, state, &grid)
            case .shoe:
                let name =
                    run.shoe == 0 || run.shoe > form.shoes.count
                    ? state.say(UIPhrase.noShoe()) : form.shoes[run.shoe - 1]
                LogView.choice(Forms.label(.shoe, lang), name, focused, state.glyphs, row, &grid)
            }
            y += 1
            if let error = form.error, error.field == field.rawValue {
                y = LogView.errorRows(
                    error.message, x: inner.x + LogView.labelWidth + 1, y: y,
                    width: inner.width - LogView.labelWidth - 1, bottom: area.bottom, &grid)
            }
        }

        // Below: the hint at the bottom, what was left out above it, the runs in between.
        let hint = Paragraph(state.say(UIPhrase.importRunHint()), pen: Theme.dim)
            .rows(width: max(1, inner.width))
        var notes: [String] = []
        if let skipped = UIPhrase.importSkipped(
            already: form.alreadyThere, beforeStart: form.beforeStart)
        {
            notes.append(state.say(skipped))
        }
        if form.fitSkipped > 0 { notes.append(state.say(Phrase.fitFilesSkipped(form.fitSkipped))) }
        notes += form.refused.map { state.say($0) }
        let noteRows = notes.flatMap {
            Paragraph($0, pen: Theme.dim).rows(width: max(1, inner.width))
        }
        let bottomRows = hint.count + noteRows.count
        let listTop = y + 1
        let listRows = area.bottom - bottomRows - 1 - listTop
        if form.runs.count > 1, listRows > 0 {
            list(
                state, form, Rect(x: inner.x, y: listTop, width: inner.width, height: listRows),
                &grid)
        }
        var bottom = area.bottom - bottomRows
        guard bottom > y else { return }
        for row in noteRows + hint {
            grid.put(row, x: inner.x, y: bottom, clip: inner)
            bottom += 1
        }
    }

    /// Every run of the import, the current one marked, scrolled so it stays in view.
    static func list(_ state: AppState, _ form: ImportForm, _ area: Rect, _ grid: inout Grid) {
        let first = max(0, min(form.current - area.height / 2, form.runs.count - area.height))
        for (offset, run) in form.runs.dropFirst(first).prefix(area.height).enumerated() {
            let index = first + offset
            let isCurrent = index == form.current
            let mark = isCurrent ? state.glyphs.selection : " "
            let scores = [run.painDuring, run.painAfter].map { $0.map(String.init) ?? "-" }
                .joined(separator: "/")
            let text = "\(mark) \(summary(run.found, state))  \(scores)"
            grid.put(
                TextFit.truncate(text, to: area.width, ellipsis: state.glyphs.ellipsis),
                x: area.x, y: area.y + offset, pen: isCurrent ? .bold : .plain, clip: area)
        }
    }

    /// "2026-03-01 07:12 · running · 8.42 km · 45 min".
    static func summary(_ found: FoundRun, _ state: AppState) -> String {
        var parts = [
            "\(found.day.iso) \(found.time)", found.run.activity.name.text(state.language),
        ]
        if let km = found.run.km { parts.append("\(formatNumber(km, decimals: 2)) km") }
        parts.append("\(found.run.minutes) min")
        return parts.joined(separator: " · ")
    }

    /// Wrapped text from row `y`; returns the row after it.
    static func paragraph(_ text: String, pen: Pen, y: Int, _ area: Rect, _ grid: inout Grid)
        -> Int
    {
        var y = y
        for row in Paragraph(text, pen: pen).rows(width: max(1, area.width)) {
            guard y < area.bottom else { break }
            grid.put(row, x: area.x, y: y, clip: area)
            y += 1
        }
        return y
    }
}
