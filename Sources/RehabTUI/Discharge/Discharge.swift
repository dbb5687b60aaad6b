import Foundation
import RehabApp
import RehabCore
import RehabFiles
import TerminalUI

/// The discharge step (issue 18 item 5): once the plan is complete, who discharges and the file
/// the report goes to; the final measures are asked first with the Measures form.
struct DischargeForm: Sendable, Hashable {
    enum Field: Int, CaseIterable, Sendable { case by, file }

    var focus: Field = .by
    var by = TextInput()
    /// The report's file: `.md` for Markdown, `.html` for HTML (as `rehab discharge --format`).
    var file: TextInput
    var error: FieldError?

    init(file: String) {
        self.file = TextInput(file)
    }
}

/// What the runner writes: the report to `path` (0600, atomically, never over a file that is
/// there), then the discharge record.
struct DischargeRequest: Sendable, Hashable {
    enum Format: String, Sendable, Hashable { case md, html }

    /// As typed (`~` is the home folder; relative to where the app runs).
    var path: String
    var format: Format
    var discharge: Discharge

}

enum DischargeActions {

    static func planComplete(_ followed: Followed) -> Bool {
        followed.status.suggestions.contains { $0.code == .planComplete }
    }

    /// The final measures the patient has not answered yet.
    static func missing(_ followed: Followed, today: Day) -> [String] {
        DischargeReport.finalMeasuresDue(
            plan: followed.plan, assignment: followed.assignment,
            measurements: followed.measures, today: today
        ).map(\.instrument).filter { followed.instrument($0) != nil }
    }

    /// "discharge-sam-2026-03-02.md": the patient's name in letters and digits only, so the
    /// suggested file name needs no quoting anywhere.
    static func suggestedFile(_ followed: Followed, today: Day) -> String {
        let name = followed.patient.name.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "-" }
        let slug = String(name).split(separator: "-").joined(separator: "-")
        return "discharge-\(slug.isEmpty ? "patient" : slug)-\(today.iso).md"
    }

    /// Offered once the plan is complete; before that, discharging early stays the physio's
    /// deliberate `rehab discharge --force`, and open red flags are dealt with first.
    static func open(_ state: inout AppState) -> [Effect] {
        guard let followed = state.followed else {
            state.notice = Notice(state.say(UIPhrase.needsPlan()), isError: true)
            return []
        }
        let status = followed.status
        guard status.openFlags.isEmpty else {
            state.notice = Notice(state.say(UIPhrase.flagsOpen()), isError: true)
            return []
        }
        guard planComplete(followed) else {
            state.notice = Notice(
                state.say(
                    ReviewPhrase.dischargeNotComplete(
                        phase: status.phase.phase.names.text(state.language),
                        number: status.phase.number, of: status.phase.of)), isError: true)
            return []
        }
        state.screens.append(
            .discharge(DischargeForm(file: suggestedFile(followed, today: state.today))))
        return []
    }

    static func handle(_ action: AppAction, _ form: inout DischargeForm, _ state: inout AppState)
        -> [Effect]
    {
        switch action {
        case .command(.back):
            state.screens.removeLast()
        case .command(.nextField), .command(.previousField):
            form.focus = form.focus == .by ? .file : .by
        case .command(.confirm):
            guard let followed = state.followed else { return [] }
            let missing = missing(followed, today: state.today)
            if !missing.isEmpty {
                // The final measures first, one form after another; then back here.
                state.notice = Notice(
                    state.say(ReviewPhrase.dischargeMeasuresFirst(missing.joined(separator: ", "))))
                MeasureActions.openNext(missing, &state)
                return []
            }
            switch request(form, followed, state) {
            case .failure(let error):
                form.error = error
                form.focus = DischargeForm.Field(rawValue: error.field) ?? form.focus
            case .success(let request):
                // The form stays until the runner says the file is written.
                form.error = nil
                return state.forPatient { .discharge(patient: $0, request) }
            }
        default:
            switch form.focus {
            case .by: edit(&form.by, action)
            case .file: edit(&form.file, action)
            }
            if form.error?.field == form.focus.rawValue { form.error = nil }
        }
        return []
    }

    static func label(_ field: DischargeForm.Field, _ state: AppState) -> String {
        switch field {
        case .by: state.say(ReviewPhrase.dischargedByLabel())
        case .file: state.say(ReviewPhrase.dischargeFileLabel())
        }
    }

    /// The request the form describes, or the first wrong field naming its value and what is
    /// allowed.
    static func request(_ form: DischargeForm, _ followed: Followed, _ state: AppState)
        -> Result<DischargeRequest, FieldError>
    {
        let by: String
        do throws(ValidationError) {
            by = try Validate.name(form.by.text, field: label(.by, state))
        } catch {
            return .failure(
                FieldError(
                    field: DischargeForm.Field.by.rawValue,
                    message: state.messages.validation(error)))
        }
        let path = form.file.text.trimmingCharacters(in: .whitespaces)
        let ext = (path as NSString).pathExtension.lowercased()
        let format: DischargeRequest.Format
        switch ext {
        case "md", "markdown": format = .md
        case "html", "htm": format = .html
        default:
            return .failure(
                FieldError(
                    field: DischargeForm.Field.file.rawValue,
                    message: state.messages.validation(
                        ValidationError(
                            field: label(.file, state), value: path,
                            allowed: .oneOf(["….md", "….html"])))))
        }
        return .success(
            DischargeRequest(
                path: path, format: format,
                discharge: Discharge(
                    date: state.today, by: by, early: !planComplete(followed))))
    }

    /// The report is written and the discharge recorded: back to the patient, saying where.
    static func written(_ path: String, _ state: inout AppState) -> [Effect] {
        state.screens.removeAll(where: ScreenSlot<DischargeForm>.discharge.holds)
        state.notice = Notice(state.say(ReviewPhrase.dischargeWritten(path)))
        return []
    }
}

/// Writes the discharge report for both runners: the same report `rehab discharge` writes.
enum DischargeWriter {
    /// The absolute path written.
    static func write(
        _ request: DischargeRequest, followed: FollowedPlan, measures: [MeasureRecord],
        notes: [ClinicalNote], instruments: [Instrument], language: Language, today: Day,
        database: String?
    ) throws -> String {
        let status = followed.status(on: today)
        let report = DischargeReport(
            followed: followed, status: status, records: measures, notes: notes,
            instruments: instruments, language: language, today: today,
            forced: request.discharge.early)
        let text = request.format == .html ? report.html() : report.markdown()
        var path = RunFinder.expand(request.path, home: RunFinder.home)
        if !path.hasPrefix("/") {
            path = FileManager.default.currentDirectoryPath + "/" + path
        }
        path = (path as NSString).standardizingPath
        try OutputFile.write(Data(text.utf8), to: path, database: database, force: false)
        return path
    }

    /// A refused file in the words the CLI uses for `--output`.
    static func describe(_ error: OutputFileError, field: String, _ language: Language) -> String {
        let path = error.path
        let text: LocalizedText
        switch error.reason {
        case .isDatabase: text = Phrase.outputIsDatabase(field, path)
        case .exists: text = Phrase.outputExists(field, path)
        case .symlink: text = Phrase.outputIsSymlink(field, path)
        case .notRegularFile: text = Phrase.outputNotRegular(field, path)
        case .noFolder(let folder): text = Phrase.outputNoFolder(field, path, folder: folder)
        case .diskFull: text = Phrase.outputDiskFull(path)
        case .system(let reason): text = Phrase.outputFailed(path, reason: reason)
        }
        return text.text(language)
    }
}

enum DischargeView {
    static func render(
        _ state: AppState, _ form: DischargeForm, _ area: Rect, _ grid: inout Grid
    ) {
        let body = area.inset(left: 1, right: 1)
        guard let followed = state.followed else { return }
        grid.put(
            state.say(ReviewPhrase.dischargeTitle(followed.patient.name)), x: body.x, y: body.y,
            pen: Theme.heading, clip: body)
        var flow = Flow()
        flow.line(state.say(ReviewPhrase.dischargeExplained()))
        let missing = DischargeActions.missing(followed, today: state.today)
        if missing.isEmpty {
            flow.line(state.say(ReviewPhrase.dischargeMeasuresDone()), pen: Theme.dim)
        } else {
            flow.line(
                state.say(ReviewPhrase.dischargeMeasuresMissing(missing.joined(separator: ", "))),
                pen: Theme.level(.amber))
        }
        if let earlier = followed.discharged {
            flow.line(
                state.say(ReviewPhrase.dischargedOn(earlier.date, by: earlier.by)), pen: .bold)
        }
        let top = body.inset(top: 2)
        let rows = flow.rows(width: top.width).count
        flow.render(
            in: Rect(x: top.x, y: top.y, width: top.width, height: rows), on: &grid, scroll: 0)
        FieldStack(
            fields: DischargeForm.Field.allCases.map { field in
                FieldStack.Field(
                    label: DischargeActions.label(field, state),
                    input: field == .by ? form.by : form.file, boxWidth: 40,
                    isFocused: form.focus == field,
                    error: form.error?.field == field.rawValue ? form.error?.message : nil)
            }, hint: state.say(ReviewPhrase.dischargeHint())
        ).render(in: body, from: top.y + rows + 1, on: &grid)
    }
}

/// Physio referrals on Today: `e` records that the physio examined them (or, for a runner, that
/// the physio has seen them), with what was found, clearing exactly those reports.
enum Referrals {
    static func examine(_ state: inout AppState) -> [Effect] {
        guard let followed = state.followed else { return [] }
        let open = followed.openReferrals
        guard !open.isEmpty else {
            state.notice = Notice(state.say(ReviewPhrase.noReferralOpen()), isError: true)
            return []
        }
        // Every open report of them, not one a flag: a question answered yes twice is
        // examined once, and both reports are cleared.
        let reports = Engine.openReports(history: followed.history, asOf: state.today)
            .filter { followed.plan.isReferral($0.flag) }
        state.confirmation = Confirmation(kind: .examinedReferrals(reports))
        return []
    }
}
