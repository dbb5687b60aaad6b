import Foundation
import RehabCore
import RehabPlans
import TerminalUI
import Testing

@testable import RehabTUI

/// The Shoes screen: the list with km toward each retire mark, the add form checked like
/// `rehab shoes add`, the effect it asks for, and the new shoe offered by the log form.
@Suite struct ShoesTests {
    /// The demo runner's state on the Shoes screen with the add form open.
    static func addForm(_ caseload: Caseload = Fixture.demo()) -> AppState {
        var state = Fixture.state(caseload)
        #expect(run(&state, [.char("w"), .char("a")]).isEmpty)
        return state
    }

    static func form(_ state: AppState) -> ShoeForm? {
        if case .shoes(let shoes) = state.top { return shoes.adding }
        return nil
    }

    @Test func wOpensTheShoesScreenFromEveryTabAndEscGoesBack() {
        var state = Fixture.state(Fixture.demo())
        for tab in 0..<4 {
            #expect(run(&state, [.char("w")]).isEmpty)
            guard case .shoes(let shoes) = state.top else {
                Issue.record("w on tab \(tab) should open Shoes, top is \(state.top)")
                return
            }
            #expect(shoes.selection.selected == 0)
            _ = run(&state, [.escape])
            #expect(Screens.tabIndex(state.top) == tab)
            _ = run(&state, [.tab])
        }
    }

    @Test func aValidShoeAsksTheStoreAndKeepsTheFormUntilItSaysYes() {
        var state = Self.addForm()
        let effects = run(
            &state,
            chars("Trail 2") + [.tab] + chars("35.5") + [.tab]
                + chars("650") + [.enter])
        #expect(
            effects == [.addShoe(patient: 1, Shoe(name: "Trail 2", startKm: 35.5, retireKm: 650))])
        #expect(Self.form(state)?.error == nil)
        #expect(Self.form(state) != nil, "the form waits for the store")
    }

    @Test func emptyOptionalFieldsAreTheCommandLineDefaults() {
        var state = Self.addForm()
        let effects = run(&state, chars("  Road  ") + [.enter])
        #expect(effects == [.addShoe(patient: 1, Shoe(name: "Road", startKm: 0, retireKm: 700))])
    }

    @Test func aBadValueIsNamedWithItsRangeAndAsksNothing() {
        var state = Self.addForm()
        var effects = run(&state, chars("Trail") + [.tab, .tab] + chars("900") + [.enter])
        #expect(effects.isEmpty)
        var form = Self.form(state)
        #expect(form?.focus == .retireKm)
        #expect(form?.error?.field == ShoeForm.Field.retireKm.rawValue)
        // The CLI's rule and message, with the form's label for the field.
        #expect(
            form?.error?.message
                == Messages(.en).validation(
                    ValidationError(
                        field: "Retire after km", value: "900", allowed: .integer(600...800))))
        // Start km: at most 2 decimals, like --start-km.
        effects = run(&state, [.tab, .tab] + chars("1.234") + [.enter])
        #expect(effects.isEmpty)
        form = Self.form(state)
        #expect(form?.error?.field == ShoeForm.Field.startKm.rawValue)
        #expect(form?.error?.message.contains("Start km") == true)
        // An empty name is refused before anything else.
        var empty = Self.addForm()
        #expect(run(&empty, [.enter]).isEmpty)
        #expect(Self.form(empty)?.error?.field == ShoeForm.Field.name.rawValue)
    }

    @Test func aNameThePatientHasInAnyCaseIsRefusedNamingIt() {
        var state = Self.addForm()
        let effects = run(&state, chars("demo TRAINERS") + [.enter])
        #expect(effects.isEmpty)
        #expect(
            Self.form(state)?.error
                == FieldError(
                    field: ShoeForm.Field.name.rawValue,
                    message: Phrase.duplicateShoe("demo TRAINERS").text(.en)))
    }

    @Test func escClosesTheFormFirstThenTheScreen() {
        var state = Self.addForm()
        _ = run(&state, chars("half typed") + [.escape])
        guard case .shoes(let shoes) = state.top else {
            Issue.record("Esc in the form should stay on Shoes, top is \(state.top)")
            return
        }
        #expect(shoes.adding == nil)
        _ = run(&state, [.escape])
        #expect(state.top == .today(scroll: 0))
    }

    /// Through the loop and the memory runner: the list grows, the notice names the shoe,
    /// the log form offers it, and a run logged with it counts toward it.
    @Test func aSavedShoeIsListedAndOfferedByTheLogForm() throws {
        var app = Fixture.app(Fixture.buildUp())
        app.press(.char("w"), .char("a"))
        app.type("Trail 2")
        app.press(.tab)
        app.type("12")
        app.press(.enter)
        #expect(try app.runner.store.shoes(patientID: 1) == [Shoe(name: "Trail 2", startKm: 12)])
        guard case .shoes(let shoes) = app.state.top else {
            Issue.record("still on Shoes after saving, top is \(app.state.top)")
            return
        }
        #expect(shoes.adding == nil)
        #expect(shoes.selection.selected == 0)
        #expect(app.state.notice?.text.contains("Trail 2") == true)
        let frame = render(app.state).lines().joined(separator: "\n")
        #expect(frame.contains("Trail 2"))
        // The same name again: refused by the form, nothing stored twice.
        app.press(.char("a"))
        app.type("TRAIL 2")
        app.press(.enter)
        #expect(try app.runner.store.shoes(patientID: 1).count == 1)
        app.press(.escape, .escape, .char("n"))
        guard case .log(var log) = app.state.top else {
            Issue.record("n should open the log form, top is \(app.state.top)")
            return
        }
        #expect(log.shoes == ["Trail 2"])
        // A 5 km run in the new shoe: 12 + 5 on the Shoes screen.
        log.activity = .run
        log.shoe = 1
        app.state.screens[app.state.screens.count - 1] = .log(log)
        app.press(.tab, .tab)
        app.type("5")
        app.press(.tab)
        app.type("30")
        app.press(.tab, .char("1"), .tab, .char("1"), .enter)
        #expect(try app.runner.store.history(patientID: 1).sessions.last?.shoe == "Trail 2")
        app.press(.char("w"))
        let after = render(app.state).lines().joined(separator: "\n")
        #expect(after.contains("17.00"), "\(after)")
    }

    /// The km on the screen are the store's own running total (`store.shoeKm`, the number
    /// `rehab shoes` prints), and a shoe added in the app is stored.
    @Test func theKmShownAreTheStoresRunningTotal() throws {
        let (store, dir) = try StoreRunnerTests.store()
        defer { try? FileManager.default.removeItem(at: dir) }
        let sam = try store.addPatient(name: "Sam", language: .en)
        let story = DemoHistory.story(plan: Fixture.itbs, variant: "acute", today: Fixture.today)
        try store.startPlan(patientID: sam.id, story.assignment)
        try store.addShoe(patientID: sam.id, Shoe(name: "Demo trainers", startKm: 120))
        for session in story.history.sessions {
            try store.addSession(patientID: sam.id, session)
        }
        // A run logged with the name in another case counts too, as in the store.
        try store.addSession(
            patientID: sam.id,
            Session(
                date: Fixture.today, activity: .run, km: 3.25, minutes: 20, painDuring: 1,
                painAfter: 1, shoe: "demo TRAINERS"))
        var runner = StoreRunner(
            store: store, planDirectories: [Fixture.root.appendingPathComponent("plans").path])
        let state = AppState(
            language: .en, glyphs: .unicode, size: Size(width: 80, height: 24),
            today: Fixture.today, loaded: try runner.load(patientID: sam.id, today: Fixture.today),
            newPatientName: "Sam")
        var app = App(state: state, runner: runner)
        app.press(.char("w"))
        let stored = try #require(try store.shoeKm(patientID: sam.id)["Demo trainers"])
        #expect(stored > 120)
        let rows = render(app.state).lines()
        let row = try #require(rows.first { $0.contains("Demo trainers") })
        #expect(row.contains(" " + formatNumber(stored, decimals: 2) + " "), "\(row)")
        // Added through the app: in the store, with the CLI's defaults.
        app.press(.char("a"))
        app.type("Road")
        app.press(.enter)
        #expect(try store.shoes(patientID: sam.id).map(\.name) == ["Demo trainers", "Road"])
        #expect(try store.shoeKm(patientID: sam.id)["Road"] == 0)
        #expect(render(app.state).lines().contains { $0.contains("Road") })
    }
}

extension ScreenSnapshots {
    @Test func shoes() { both("shoes", Fixture.demo(), keys: [.char("w")]) }

    @Test func shoesAddWithAValidationError() {
        both(
            "shoes-add-error", Fixture.demo(),
            keys: [.char("w"), .char("a")] + chars("Trail 2") + [.tab] + chars("12")
                + [.tab] + chars("900") + [.enter])
    }

    @Test func shoesEmpty() {
        expectSnapshot(
            frame(Fixture.buildUp(), keys: [.char("w")], width: 80, height: 24),
            "shoes-empty-80x24")
    }

    @Test func shoesInDutch() {
        expectSnapshot(
            frame(
                Fixture.demo(), keys: [.char("w")], width: 80, height: 24, language: .nl,
                glyphs: .ascii),
            "shoes-nl-ascii-80x24")
    }
}
