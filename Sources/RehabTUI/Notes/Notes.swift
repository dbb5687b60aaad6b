import RehabApp
import RehabCore
import TerminalUI

/// The Notes screen: the physio's dated clinical notes about the followed patient (newest
/// first, as `rehab notes` is read in a review) and a one-line entry for a new note.
struct NotesState: Sendable, Hashable {
    var scroll = 0
    /// The note being written; nil while reading.
    var writing: TextInput?
    /// Why the note was refused (naming the field, the value and what is allowed).
    var error: String?

    init(scroll: Int = 0, writing: TextInput? = nil) {
        self.scroll = scroll
        self.writing = writing
    }
}

/// Keys of the Notes screen. The store is reached only through `.addNote`.
enum NoteActions {

    /// Newest first; notes of one date in the order written, the last written on top.
    static func notes(_ state: AppState) -> [ClinicalNote] {
        (state.followed?.notes ?? []).reversed()
    }

    static func open(_ state: inout AppState) -> [Effect] {
        guard state.followed != nil else { return [] }
        state.screens.append(.notes(NotesState()))
        return []
    }

    static func handle(_ action: AppAction, _ screen: inout NotesState, _ state: inout AppState)
        -> [Effect]
    {
        if var input = screen.writing {
            switch action {
            case .command(.back):
                screen.writing = nil
                screen.error = nil
            case .command(.confirm):
                switch note(from: input.text, state) {
                case .failure(let refused):
                    screen.error = refused.message
                case .success(let note):
                    // The entry stays until the store says yes (`.noteAdded`), so a refusal
                    // keeps what was typed.
                    screen.error = nil
                    return state.forPatient { .addNote(patient: $0, note) }
                }
            default:
                edit(&input, action)
                screen.writing = input
                screen.error = nil
            }
            return []
        }
        switch action {
        case .command(.back):
            state.screens.removeLast()
        case .command(.add):
            guard state.mayDecideCare() else { break }
            screen.writing = TextInput()
        case .command(.down):
            screen.scroll = min(screen.scroll + 1, NotesView.maxScroll(state))
        case .command(.up):
            screen.scroll = max(0, screen.scroll - 1)
        case .command(.quit):
            return quit(&state)
        default: break
        }
        return []
    }

    /// Today's note as typed, checked as the store checks it (not blank, at most the text
    /// limit, no control characters), or the message naming the field, value and limit.
    static func note(from text: String, _ state: AppState) -> Result<ClinicalNote, FieldError> {
        let field = state.say(ReviewPhrase.noteRow())
        guard !text.allSatisfy(\.isWhitespace) else {
            return .failure(
                FieldError(
                    field: 0,
                    message: state.messages.validation(
                        ValidationError(
                            field: field, value: text,
                            allowed: .nonEmptyTextUpTo(Validate.maxTextLength)))))
        }
        do throws(ValidationError) {
            _ = try Validate.text(text, field: field)
        } catch {
            return .failure(FieldError(field: 0, message: state.messages.validation(error)))
        }
        return .success(ClinicalNote(date: state.today, text: text))
    }

    /// The store has the note: the entry closes and the newest note shows on top.
    static func added(_ note: ClinicalNote, _ state: inout AppState) -> [Effect] {
        if let i = state.newestIndex(of: .notes),
            case .notes(var screen) = state.screens[i]
        {
            screen.writing = nil
            screen.error = nil
            screen.scroll = 0
            state.screens[i] = .notes(screen)
        }
        state.notice = Notice(state.say(ReviewPhrase.noteSaved(note.date)))
        return []
    }
}

/// The notes, newest first, each under its date; the entry line below when writing.
enum NotesView {
    static func flow(_ state: AppState) -> Flow {
        var flow = Flow()
        let notes = NoteActions.notes(state)
        let name = state.followed?.patient.name ?? ""
        flow.line(
            state.say(ReviewPhrase.notesTitle(name, count: notes.count)), pen: Theme.heading)
        if state.decidesCare {
            flow.line(state.say(ReviewPhrase.notesExplained()), pen: Theme.dim)
        }
        flow.blank()
        if notes.isEmpty {
            let add = KeyTable.shownKey(.add, in: state, contexts: [.notes]) ?? "a"
            flow.line(
                state.say(
                    state.decidesCare
                        ? ReviewPhrase.notesEmpty(addKey: add)
                        : UIPhrase.noPhysioNotes()))
        }
        for note in notes {
            flow.items.append(
                .text(
                    TextLine(spans: [
                        Span(note.date.iso, pen: .bold), Span("  " + note.text),
                    ]), indent: 0, hanging: 12))
        }
        return flow
    }

    /// Rows the entry takes at the bottom while writing: a rule, the field, the error or hint.
    static let entryRows = 4

    static func textArea(_ state: AppState, writing: Bool) -> Rect {
        Layout.text(state.size).inset(bottom: writing ? entryRows : 0)
    }

    static func maxScroll(_ state: AppState) -> Int {
        flow(state).maxScroll(in: textArea(state, writing: false))
    }

    static func render(_ state: AppState, _ screen: NotesState, _ area: Rect, _ grid: inout Grid) {
        let writing = screen.writing != nil
        let text = textArea(state, writing: writing)
        flow(state).render(in: text, on: &grid, scroll: screen.scroll, more: moreHint(state))
        guard let input = screen.writing else { return }
        let body = area.inset(left: 1, right: 1)
        let top = body.bottom - entryRows
        grid.put(
            String(repeating: state.glyphs.horizontal, count: body.width), x: body.x, y: top,
            pen: Theme.dim, clip: body)
        let label = state.say(ReviewPhrase.noteLabel(state.today))
        FormField(
            label: label, value: input.text, cursor: input.cursor, isFocused: true,
            labelWidth: CellWidth.of(label) + 1
        ).render(in: Rect(x: body.x, y: top + 1, width: body.width, height: 1), on: &grid)
        let below =
            screen.error.map { Paragraph($0, pen: Theme.error) }
            ?? Paragraph(state.say(ReviewPhrase.noteHint(Validate.maxTextLength)), pen: Theme.dim)
        below.render(
            in: Rect(x: body.x, y: top + 2, width: body.width, height: entryRows - 2), on: &grid)
    }
}
