// Outcome measures in the app: the Measures form (opened from Today or History with `o`), the
// line on Today saying what is due, and the measures chart on Progress with its MCID band.

import RehabApp
import RehabCore
import TerminalUI

extension Followed {
    /// PSFS, NPRS, GPE and the practice's questionnaires.
    var instruments: [Instrument] { Instrument.builtIn + questionnaires }

    func instrument(_ id: String) -> Instrument? { instruments.first { $0.id == id } }

    /// What the plan's schedule (or the default one) asks for today.
    var measuresDue: [MeasureDue] {
        MeasureSchedule.due(
            plan: plan, assignment: assignment,
            measurements: measures, today: status.date,
            discharging: status.suggestions.contains { $0.code == .planComplete })
    }
}

/// One measure being answered: a row per item (PSFS: per activity, named the first time).
struct MeasureForm: Sendable, Hashable {
    struct Row: Sendable, Hashable {
        /// The activity typed (PSFS the first time) or the item's id.
        var name: TextInput
        var label: String
        var score: Int?
        var nameEditable: Bool
    }

    var instrument: Instrument
    var date: Day
    var rows: [Row]
    /// Index into `fields`.
    var focus = 0
    var pendingOne = false
    var error: String?
    /// Measures still due after this one; the next opens when this one is saved.
    var queue: [String]

    /// The focusable fields in order: (row, is the name).
    var fields: [(row: Int, isName: Bool)] {
        rows.indices.flatMap { i in
            rows[i].nameEditable ? [(i, true), (i, false)] : [(i, false)]
        }
    }

    var focused: (row: Int, isName: Bool) {
        let all = fields
        return all[min(max(0, focus), all.count - 1)]
    }

    var focusIsName: Bool { focused.isName }

    init(
        instrument: Instrument, date: Day, earlier: [MeasureRecord], language: Language,
        queue: [String] = []
    ) {
        self.instrument = instrument
        self.date = date
        self.queue = queue
        switch instrument.items {
        case .fixed(let items):
            rows = items.map { item in
                Row(
                    name: TextInput(item.id), label: item.text.text(language), score: nil,
                    nameEditable: false)
            }
        case .patientSpecific(let range):
            // Later times score the activities named the first time (Stratford et al. 1995).
            if let baseline = earlier.first(where: { $0.instrument == instrument.id }) {
                rows = baseline.answers.map {
                    Row(name: TextInput($0.item), label: $0.item, score: nil, nameEditable: false)
                }
            } else {
                rows = (0..<range.upperBound).map { _ in
                    Row(name: TextInput(), label: "", score: nil, nameEditable: true)
                }
            }
        }
    }
}

enum MeasureActions {
    /// The first measure due, or the PSFS when none is (the patient may always measure).
    static func open(_ state: inout AppState) {
        guard let followed = state.followed else {
            state.notice = Notice(state.say(UIPhrase.needsPlan()), isError: true)
            return
        }
        let due = followed.measuresDue.map(\.instrument).filter { followed.instrument($0) != nil }
        let ids = due.isEmpty ? [Instrument.psfs.id] : due
        openNext(ids, &state)
    }

    static func openNext(_ ids: [String], _ state: inout AppState) {
        guard let followed = state.followed, let first = ids.first,
            let instrument = followed.instrument(first)
        else { return }
        state.screens.append(
            .measure(
                MeasureForm(
                    instrument: instrument, date: state.today, earlier: followed.measures,
                    language: state.language, queue: Array(ids.dropFirst()))))
    }

    static func handle(_ action: AppAction, _ form: inout MeasureForm, _ state: inout AppState)
        -> [Effect]
    {
        if action == .command(.confirm) { return save(&form, &state) }
        let fields = form.fields
        let (row, isName) = form.focused
        switch action {
        case .command(.nextField), .command(.previousField):
            let step = action == .command(.nextField) ? 1 : fields.count - 1
            form.focus = (form.focus + step) % fields.count
            form.pendingOne = false
        case .type(let c) where isName:
            form.rows[row].name.insert(c)
        case .command(.backspace) where isName, .command(.deleteForward) where isName,
            .command(.left) where isName, .command(.right) where isName:
            edit(&form.rows[row].name, action)
        case .digit(let n) where !isName:
            let scale = form.instrument.scale
            if scale.upperBound == 10 && scale.lowerBound == 0 {
                Forms.typePain(n, &form.rows[row].score, &form.pendingOne)
            } else if scale.contains(n) {
                form.rows[row].score = n
            }
            form.error = nil
        case .command(.left) where !isName, .command(.right) where !isName:
            let step = action == .command(.right) ? 1 : -1
            let scale = form.instrument.scale
            // GPE starts at "unchanged"; the others at their lowest answer.
            let start = scale.contains(0) ? 0 : scale.lowerBound
            let current = (form.rows[row].score ?? start) + step
            form.rows[row].score = min(scale.upperBound, max(scale.lowerBound, current))
            form.pendingOne = false
            form.error = nil
        default: break
        }
        Screens.replaceTop(&state, .measure(form))
        return []
    }

    static func save(_ form: inout MeasureForm, _ state: inout AppState) -> [Effect] {
        let instrument = form.instrument
        var answers: [ItemAnswer] = []
        var unscored: [String] = []
        for row in form.rows {
            let name = String(
                row.name.text.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
            if row.nameEditable && name.isEmpty { continue }
            guard let score = row.score else {
                unscored.append(row.nameEditable ? name : row.name.text)
                continue
            }
            answers.append(ItemAnswer(item: name, score: score))
        }
        do {
            if !unscored.isEmpty {
                throw MeasureError.missingItems(instrument: instrument.id, items: unscored)
            }
            let checked = try MeasureInput.check(
                answers, for: instrument, earlier: state.followed?.measures ?? [], on: form.date)
            let record = MeasureRecord(date: form.date, instrument: instrument.id, answers: checked)
            state.screens.removeLast()
            let score = instrument.score(checked).map {
                MeasureText.score($0, instrument, state.language)
            }
            state.notice = Notice(
                state.say(
                    MeasurePhrase.stored(
                        instrument.names.text(state.language), date: form.date, score: score ?? "")
                ))
            openNext(form.queue, &state)
            return state.forPatient { .saveMeasure(patient: $0, record) }
        } catch MeasureError.noAnswers {
            // The form's own words: the command's ITEM=SCORE means nothing here.
            form.error = state.say(UIPhrase.measureNothingScored())
        } catch {
            form.error = state.say(RefusalPhrase.text(error))
        }
        Screens.replaceTop(&state, .measure(form))
        return []
    }
}

enum MeasureView {
    static let labelWidth = 22

    static func render(_ state: AppState, _ form: MeasureForm, _ area: Rect, _ grid: inout Grid) {
        let language = state.language
        let title = "\(form.instrument.names.text(language)) · \(form.date.iso)"
        grid.put(title, x: area.x + 1, y: area.y, pen: Theme.heading, clip: area)
        let inner = area.inset(left: 1, right: 1)
        var y = area.y + 1
        let intro: LocalizedText
        switch form.instrument.items {
        case .patientSpecific where form.rows.first?.nameEditable == true:
            intro = MeasureUIPhrase.psfsFirst()
        case .patientSpecific: intro = MeasureUIPhrase.psfsAgain()
        case .fixed(let items) where items.count == 1: intro = items[0].text
        case .fixed: intro = MeasureUIPhrase.questionnaire(form.instrument.scale)
        }
        for line in Paragraph(state.say(intro), pen: Theme.dim).rows(width: inner.width).prefix(2) {
            grid.put(line, x: inner.x, y: y)
            y += 1
        }
        y += 1
        let focused = form.focused
        for (i, row) in form.rows.enumerated() where y < area.bottom - 2 {
            let line = Rect(x: inner.x, y: y, width: inner.width, height: 1)
            let nameFocused = focused.row == i && focused.isName
            let scoreFocused = focused.row == i && !focused.isName
            var x = inner.x
            if row.nameEditable {
                FormField(
                    label: "\(i + 1).", value: row.name.text, cursor: row.name.cursor,
                    isFocused: nameFocused, labelWidth: 3
                ).render(in: Rect(x: x, y: y, width: labelWidth, height: 1), on: &grid)
            } else {
                let label = form.fields.count == 1 ? "" : row.label
                grid.put(
                    TextFit.truncate(label, to: labelWidth - 1, ellipsis: state.glyphs.ellipsis),
                    x: x, y: y, pen: scoreFocused ? Pen(style: .bold) : .plain, clip: line)
            }
            x += labelWidth
            score(row.score, form.instrument, scoreFocused, x: x, line, state, &grid)
            y += 1
        }
        if let error = form.error {
            y += 1
            LogView.errorRows(
                error, x: inner.x, y: y, width: inner.width, bottom: area.bottom, &grid)
        }
        measureHint(state, typing: form.rows.contains { $0.nameEditable }, below: y, area, &grid)
    }

    /// The form's own hint: scores, not pain, and names typed where the PSFS asks for them.
    static func measureHint(
        _ state: AppState, typing: Bool, below y: Int, _ area: Rect, _ grid: inout Grid
    ) {
        let rows = Paragraph(state.say(MeasureUIPhrase.formHint(typing: typing)), pen: Theme.dim)
            .rows(width: area.width - 2)
        let top = max(y + 1, area.bottom - rows.count)
        guard top + rows.count <= area.bottom else { return }
        for (offset, row) in rows.enumerated() {
            grid.put(row, x: area.x + 1, y: top + offset, clip: area)
        }
    }

    /// A 0-10 answer as a gauge; GPE as its step; a questionnaire answer as "n / max".
    static func score(
        _ value: Int?, _ instrument: Instrument, _ focused: Bool, x: Int, _ row: Rect,
        _ state: AppState, _ grid: inout Grid
    ) {
        let g = state.glyphs
        let pen = focused ? Pen(style: [.bold, .reverse]) : Pen.plain
        var x = x
        if instrument.id == Instrument.gpe.id {
            let text =
                value.flatMap(GPEStep.init(score:)).map { $0.names.text(state.language) }
                ?? state.say(UIPhrase.painUnset())
            x = grid.put(text, x: x, y: row.y, pen: pen, clip: row)
            grid.put(g == .ascii ? "  <- ->" : "  ← →", x: x, y: row.y, pen: Theme.dim, clip: row)
            return
        }
        let span = instrument.scale.upperBound - instrument.scale.lowerBound
        let filled = (value ?? instrument.scale.lowerBound) - instrument.scale.lowerBound
        x = grid.put(String(repeating: g.gaugeFilled, count: filled), x: x, y: row.y, clip: row)
        x = grid.put(
            String(repeating: g.gaugeEmpty, count: span - filled), x: x, y: row.y, pen: Theme.dim,
            clip: row)
        let number =
            value.map { "\($0)/\(instrument.scale.upperBound)" }
            ?? state.say(UIPhrase.painUnset())
        grid.put(" " + number, x: x, y: row.y, pen: pen, clip: row)
    }

    /// "Measures due: PSFS, NPRS (o)" for Today; nil when nothing is due.
    static func dueLine(_ followed: Followed, _ state: AppState) -> (String, Pen)? {
        let due = followed.measuresDue
        guard !due.isEmpty else { return nil }
        let names = due.map { d in
            followed.instrument(d.instrument) == nil || d.instrument.count > 4
                ? d.instrument : d.instrument.uppercased()
        }
        let overdue = due.contains { $0.overdue }
        let key = KeyTable.shownKey(.measures, in: state, contexts: [.today]) ?? "o"
        return (
            state.say(
                MeasureUIPhrase.dueOnToday(
                    names.joined(separator: ", "), overdue: overdue, key: key)),
            overdue ? Theme.level(.amber) : Theme.heading
        )
    }
}

/// The measures chart on Progress: each measure's scores over time, with the band of no
/// important change (the first score ± its MCID) shaded, so a point outside it is a change
/// that counts.
enum MeasuresChart {
    /// One row per answer step on a 0-10 or 7-step scale, at most 11.
    static func plotHeight(_ instrument: Instrument) -> Int {
        let span = Int(instrument.scoreRange.upperBound - instrument.scoreRange.lowerBound)
        return min(11, max(3, span + 1))
    }

    /// Rows the chart takes for `courses` (0 for none).
    static func height(_ courses: [MeasureCourse]) -> Int {
        courses.isEmpty ? 0 : 2 + courses.reduce(0) { $0 + plotHeight($1.instrument) + 3 }
    }

    static func courses(_ followed: Followed) -> [MeasureCourse] {
        followed.instruments.compactMap { MeasureCourse.of($0, in: followed.measures) }
    }

    static func draw(
        _ courses: [MeasureCourse], _ state: AppState, width: Int, _ grid: inout Grid, _ top: Int
    ) {
        let language = state.language
        let g = state.glyphs
        let title = state.say(MeasureUIPhrase.chartTitle(band: g == .ascii ? "." : "░"))
        for (offset, line) in Paragraph(title, pen: Theme.heading).rows(width: max(1, width))
            .prefix(2).enumerated()
        {
            grid.put(line, x: 0, y: top + offset)
        }
        var y = top + 2
        for course in courses {
            let i = course.instrument
            let summary = TextFit.truncate(
                "\(shortName(i, language)) · \(MeasureText.course(course, language))", to: width,
                ellipsis: g.ellipsis)
            let meaning = course.change?.meaning ?? course.meaning
            let pen: Pen =
                switch meaning {
                case .improved: Pen(fg: .green, style: .bold)
                case .worse: Theme.level(.red)
                default: Theme.heading
                }
            grid.put(summary, x: 0, y: y, pen: pen)
            y += 1
            plot(course, state, width: width, &grid, y)
            y += plotHeight(i) + 2
        }
    }

    /// PSFS, NPRS and GPE by their abbreviation; a questionnaire by its name.
    static func shortName(_ i: Instrument, _ language: Language) -> String {
        Instrument.builtIn.contains(i) ? i.id.uppercased() : i.names.text(language)
    }

    /// The y axis spans the score range; one column group per measurement, oldest first.
    static func plot(
        _ course: MeasureCourse, _ state: AppState, width: Int, _ grid: inout Grid, _ top: Int
    ) {
        let i = course.instrument
        let g = state.glyphs
        let low = i.scoreRange.lowerBound
        let high = i.scoreRange.upperBound
        let rows = plotHeight(i)
        func row(_ value: Double) -> Int {
            let share = (value - low) / max(1e-9, high - low)
            return top + rows - 1 - Int((share * Double(rows - 1)).rounded())
        }
        let axisX = 4
        grid.put(MeasureText.number(high).leftPadded(3), x: 0, y: top, pen: Theme.dim)
        grid.put(MeasureText.number(low).leftPadded(3), x: 0, y: top + rows - 1, pen: Theme.dim)
        for r in 0..<rows { grid.put(g.axisVertical, x: axisX - 1, y: top + r, pen: Theme.dim) }
        let slot = 7
        let shown = course.points.suffix(max(1, (width - axisX) / slot))
        let plotWidth = min(width - axisX, shown.count * slot)
        // The band: rows whose value is within the MCID of the first score (GPE: none).
        if let first = course.points.first, i.id != Instrument.gpe.id {
            let bandTop = row(min(high, first.score + i.mcid))
            let bandBottom = row(max(low, first.score - i.mcid))
            for r in bandTop...bandBottom {
                grid.put(
                    String(repeating: g == .ascii ? "." : "░", count: plotWidth), x: axisX, y: r,
                    pen: Theme.dim)
            }
        }
        for (n, point) in shown.enumerated() {
            let x = axisX + n * slot + 2
            grid.put(g == .ascii ? "o" : "●", x: x, y: row(point.score), pen: Theme.heading)
            let (_, month, day) = point.day.components
            let label = (month < 10 ? "0" : "") + "\(month)-" + (day < 10 ? "0" : "") + "\(day)"
            grid.put(label, x: x - 2, y: top + rows, pen: Theme.dim)
        }
    }
}

extension String {
    fileprivate func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}

enum MeasureUIPhrase {
    private static func t(_ nl: String, _ en: EnglishText) -> LocalizedText {
        LocalizedText(nl: nl, en: en)
    }

    static func psfsFirst() -> LocalizedText {
        t(
            "Noem 1-5 activiteiten die lastig zijn door de klacht en scoor elk: 0 = lukt niet, 10 = zoals vóór de blessure.",
            "Name 1-5 activities the complaint makes hard and score each: 0 = cannot do it, 10 = as before the injury."
        )
    }
    static func psfsAgain() -> LocalizedText {
        t(
            "Scoor dezelfde activiteiten opnieuw: 0 = lukt niet, 10 = zoals vóór de blessure.",
            "Score the same activities again: 0 = cannot do it, 10 = as before the injury.")
    }
    static func questionnaire(_ scale: ClosedRange<Int>) -> LocalizedText {
        t(
            "Beantwoord elke vraag (\(scale.lowerBound)-\(scale.upperBound)).",
            "Answer every item (\(scale.lowerBound)-\(scale.upperBound)).")
    }
    static func dueOnToday(_ names: String, overdue: Bool, key: String) -> LocalizedText {
        overdue
            ? t(
                "Metingen te laat: \(names) (toets \(key))",
                "Measures overdue: \(names) (key \(key))")
            : t(
                "Metingen nu invullen: \(names) (toets \(key))",
                "Measures due: \(names) (key \(key))")
    }
    static func chartTitle(band: String) -> LocalizedText {
        t(
            "Uitkomstmaten (\(band) = binnen de MCID van de eerste score: geen relevante verandering)",
            "Outcome measures (\(band) = within the MCID of the first score: no important change)")
    }
    static func formHint(typing: Bool) -> LocalizedText {
        typing
            ? t(
                "Tab/↑↓ veld · typ de activiteit · 0-9 score (1 dan 0 = 10) · ←→ stap · Enter opslaan · Esc terug",
                "Tab/↑↓ field · type the activity · 0-9 score (1 then 0 = 10) · ←→ step · Enter save · Esc back"
            )
            : t(
                "Tab/↑↓ vraag · 0-9 score (1 dan 0 = 10) · ←→ stap · Enter opslaan · Esc terug",
                "Tab/↑↓ item · 0-9 score (1 then 0 = 10) · ←→ step · Enter save · Esc back")
    }
    static func notEditable() -> LocalizedText {
        t(
            "Een meting kunt u niet wijzigen: verwijder hem (d) en vul hem opnieuw in (o).",
            "A measure is not edited: delete it (d) and fill it in again (o).")
    }
    static func keyMeasures() -> LocalizedText { t("metingen invullen", "fill in measures") }
    static func section() -> LocalizedText { t("Uitkomstmaten", "Outcome measures") }
}

extension Charts {
    /// The outcome measures, under the other charts; nothing while none is answered.
    func measures() -> [Section] {
        let courses = MeasuresChart.courses(followed)
        guard !courses.isEmpty else { return [] }
        return [
            Section(name: nil, height: 1) { _, _ in },
            Section(name: MeasureUIPhrase.section(), height: MeasuresChart.height(courses)) {
                [state, width] grid, y in
                MeasuresChart.draw(courses, state, width: width, &grid, y)
            },
        ]
    }
}

extension HistoryActions {
    /// The log's entries with the measures among them, newest first; on one day the measures
    /// above the sessions and the morning check.
    static func entries(_ followed: Followed) -> [HistoryEntry] {
        followed.historyMemo.entries { made(followed) }
    }

    private static func made(_ followed: Followed) -> [HistoryEntry] {
        let log = entries(followed.history, phases: followed.assignment.phaseHistory)
        // Measures and notes by date, newest first; a note above the measures of its day.
        let dated =
            followed.measures.map(HistoryEntry.measure) + followed.notes.map(HistoryEntry.note)
        guard !dated.isEmpty else { return log }
        let measures = Array(
            dated.enumerated().sorted { a, b in
                a.element.date != b.element.date
                    ? a.element.date > b.element.date : a.offset > b.offset
            }.map(\.element))
        var result: [HistoryEntry] = []
        result.reserveCapacity(log.count + measures.count)
        var m = 0
        for entry in log {
            while m < measures.count, measures[m].date >= entry.date {
                result.append(measures[m])
                m += 1
            }
            result.append(entry)
        }
        result += measures[m...]
        return result
    }
}

extension MeasureView {
    /// "PSFS 5.5" for a History row.
    static func historyText(_ record: MeasureRecord, _ state: AppState) -> String {
        guard let instrument = state.followed?.instrument(record.instrument),
            let score = instrument.score(record.answers)
        else { return record.instrument }
        return
            "\(instrument.id.uppercased()) \(MeasureText.score(score, instrument, state.language))"
    }
}

extension MeasureView {
    /// "measures overdue: PSFS, NPRS" for the Patients screen's detail; nil when none is due.
    static func rosterDue(_ row: RosterRow, _ state: AppState) -> String? {
        guard !row.measuresDue.isEmpty else { return nil }
        let builtIn = Set(Instrument.builtIn.map(\.id))
        let names = row.measuresDue.map { due in
            builtIn.contains(due.instrument) ? due.instrument.uppercased() : due.instrument
        }.joined(separator: ", ")
        let overdue = row.measuresDue.contains { $0.overdue }
        return state.say(
            overdue
                ? LocalizedText(nl: "metingen te laat: \(names)", en: "measures overdue: \(names)")
                : LocalizedText(nl: "metingen nu: \(names)", en: "measures due: \(names)"))
    }
}
