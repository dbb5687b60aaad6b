import Foundation
import RehabCore
import TerminalUI
import Testing

@testable import RehabTUI

/// The Notes screen (issue 18 item 6): the physio reads the patient's dated clinical notes,
/// newest first, and writes a one-line note checked as `rehab note` checks it.
@Suite struct NotesTests {
    static func caseload(notes: [ClinicalNote] = []) -> Caseload {
        var caseload = Fixture.demo()
        caseload.notes[Fixture.sam.id] = notes
        return caseload
    }

    static let older = ClinicalNote(id: 1, date: day("2026-02-10"), text: "Hip abductors weak")
    static let newer = ClinicalNote(id: 2, date: day("2026-02-24"), text: "Runs 3x a week now")

    static func screen(_ state: AppState) -> NotesState? {
        if case .notes(let notes) = state.top { return notes }
        return nil
    }

    static func text(_ state: AppState) -> String {
        render(state).lines().joined(separator: "\n")
    }

    @Test func capitalNOpensTheNotesFromEveryTabAndEscGoesBack() {
        var state = Fixture.state(Self.caseload())
        for tab in 0..<4 {
            #expect(run(&state, [.char("N")]).isEmpty)
            #expect(Self.screen(state) != nil, "N on tab \(tab) should open Notes")
            _ = run(&state, [.escape])
            #expect(Screens.tabIndex(state.top) == tab)
            _ = run(&state, [.tab])
        }
        // The key is offered in the status bar of the patient's screens.
        #expect(KeyTable.hints(for: state).contains { $0.key == "N" })
    }

    @Test func notesAreListedNewestFirst() {
        var state = Fixture.state(Self.caseload(notes: [Self.older, Self.newer]))
        _ = run(&state, [.char("N")])
        let text = Self.text(state)
        let newer = text.range(of: "2026-02-24  Runs 3x a week now")
        let older = text.range(of: "2026-02-10  Hip abductors weak")
        #expect(newer != nil && older != nil)
        if let newer, let older { #expect(newer.lowerBound < older.lowerBound) }
        #expect(text.contains("Clinical notes · Sam (2)"))
    }

    @Test func aNoteIsDatedTodayAndTheEntryWaitsForTheStore() {
        var state = Fixture.state(Self.caseload())
        let effects = run(&state, [.char("N"), .char("a")] + chars("Calf raises 3x15, no pain"))
        #expect(effects.isEmpty)
        // Letters are text while writing: "a" and "N" typed into the note, not commands.
        #expect(Self.screen(state)?.writing?.text == "Calf raises 3x15, no pain")
        let saved = run(&state, [.enter])
        #expect(
            saved == [
                .addNote(
                    patient: 1, ClinicalNote(date: Fixture.today, text: "Calf raises 3x15, no pain")
                )
            ])
        #expect(Self.screen(state)?.writing != nil, "the entry stays until the store says yes")
    }

    @Test func aBlankOrTooLongNoteIsRefusedNamingTheFieldAndAsksNothing() {
        var state = Fixture.state(Self.caseload())
        var effects = run(&state, [.char("N"), .char("a")] + chars("   ") + [.enter])
        #expect(effects.isEmpty)
        #expect(
            Self.screen(state)?.error
                == Messages(.en).validation(
                    ValidationError(
                        field: "note", value: "   ",
                        allowed: .nonEmptyTextUpTo(Validate.maxTextLength))))
        // Typing again clears the stale message.
        _ = run(&state, [.backspace])
        #expect(Self.screen(state)?.error == nil)
        var long = Fixture.state(Self.caseload())
        effects = run(
            &long,
            [.char("N"), .char("a")] + chars(String(repeating: "x", count: 2001)) + [.enter])
        #expect(effects.isEmpty)
        let message = Self.screen(long)?.error ?? ""
        #expect(message.contains("note") && message.contains("2000"))
        // Esc drops the entry, a second Esc leaves the screen.
        _ = run(&long, [.escape])
        #expect(Self.screen(long)?.writing == nil)
        _ = run(&long, [.escape])
        #expect(Self.screen(long) == nil)
    }

    @Test func aSavedNoteShowsOnTopAndInHistory() {
        var app = Fixture.app(Self.caseload(notes: [Self.older]))
        app.press(.char("N"), .char("a"))
        app.type("Pain-free 5 km")
        app.press(.enter)
        guard let screen = Self.screen(app.state) else {
            Issue.record("still on Notes after saving, top is \(app.state.top)")
            return
        }
        #expect(screen.writing == nil)
        #expect(app.state.notice?.text == "Note of 2026-03-02 saved.")
        let text = Self.text(app.state)
        let newest = text.range(of: "2026-03-02  Pain-free 5 km")
        let oldest = text.range(of: "2026-02-10  Hip abductors weak")
        #expect(newest != nil && oldest != nil)
        if let newest, let oldest { #expect(newest.lowerBound < oldest.lowerBound) }
        // History lists the notes among the records of their day.
        let entries = HistoryActions.entries(try! #require(app.state.followed))
        let notes = entries.compactMap { entry -> String? in
            if case .note(let n) = entry { return n.text }
            return nil
        }
        #expect(notes == ["Pain-free 5 km", "Hip abductors weak"])
        if case .note(let first) = entries.first {
            #expect(first.date == Fixture.today)
        } else {
            Issue.record(
                "the newest History row should be today's note: \(String(describing: entries.first))"
            )
        }
    }

    @Test func throughTheStoreTheNoteIsKept() throws {
        var (runner, path) = try PatientsStoreTests.runner()
        defer { PatientsStoreTests.remove(path) }
        let sam = try runner.store.addPatient(name: "Sam", language: .en)
        try runner.store.startPlan(patientID: sam.id, StoreRunnerTests.assignment(Fixture.itbs))
        var app = App(
            state: AppState(
                language: .en, glyphs: .unicode, size: Size(width: 80, height: 24),
                today: Fixture.today,
                loaded: try runner.load(patientID: sam.id, today: Fixture.today),
                newPatientName: "Alex"),
            runner: runner)
        app.press(.char("N"), .char("a"))
        app.type("Reviewed the gait video")
        app.press(.enter)
        let stored = try runner.store.notes(patientID: sam.id)
        #expect(stored.map(\.text) == ["Reviewed the gait video"])
        #expect(stored.map(\.date) == [Fixture.today])
        #expect(app.state.followed?.notes.map(\.text) == ["Reviewed the gait video"])
    }
}

extension ScreenSnapshots {
    @Test func notes() {
        both(
            "notes", NotesTests.caseload(notes: [NotesTests.older, NotesTests.newer]),
            keys: [.char("N")])
    }

    @Test func notesWriting() {
        both(
            "notes-writing", NotesTests.caseload(notes: [NotesTests.older]),
            keys: [.char("N"), .char("a")] + chars("Hop test 90 % of the other side"))
    }
}

/// A clinic's patient login reads what their physio decides: the keys for a note, a
/// discharge and a forced phase move say whose decision it is instead of opening a form the
/// store would refuse (`RehabRepository.readerDecidesCare`).
@Suite struct PatientLoginTests {
    @Test func aClinicPatientReadsNotesAndIsToldWhoDecides() {
        var state = Fixture.state(Fixture.demo())
        state.decidesCare = false
        let told =
            "That is your physio's decision: with your login you log, move on when the "
            + "plan says you are ready, and read your plan and the notes."
        #expect(run(&state, [.char("N"), .char("a")]).isEmpty)
        #expect(state.notice?.text == told && state.notice?.isError == true)
        guard case .notes(let notes) = state.top else {
            Issue.record("not on Notes: \(state.top)")
            return
        }
        #expect(notes.writing == nil)
        let screen = render(state).lines()
        #expect(screen.joined().contains("No notes from your physio yet."))
        #expect(screen.last?.contains("write a note") == false, "\(screen.last ?? "")")
        state.notice = nil
        _ = run(&state, [.escape, .char("D")])
        #expect(state.notice?.text == told)
        #expect(state.top == .today(scroll: 0))
        // The Plan screen's forced move (F) asks for no reason: it is not hers to give.
        state.notice = nil
        _ = run(&state, [.tab, .char("F")])
        #expect(state.notice?.text == told && state.confirmation == nil)
        // A runner on their own decides for themselves.
        var own = Fixture.state(Fixture.demo())
        _ = run(&own, [.char("N"), .char("a")])
        guard case .notes(let mine) = own.top else { return }
        #expect(mine.writing != nil)
        _ = run(&own, [.escape])
        #expect(render(own).lines().last?.contains("a write a note") == true)
    }
}
