import Foundation
import RehabCore
import RehabPlans
import TerminalUI
import Testing

@testable import RehabTUI

/// Where a text is drawn in a state's frame: the cell of its first character. Tests click where
/// the view drew something, so a hit test that drifted from the drawing fails here.
private func locate(_ text: String, in state: AppState, row: Int? = nil) -> (x: Int, y: Int)? {
    let lines = render(state).lines()
    for (y, line) in lines.enumerated() where row == nil || row == y {
        let cells = Array(line)
        let wanted = Array(text)
        guard cells.count >= wanted.count else { continue }
        for x in 0...(cells.count - wanted.count) where Array(cells[x..<x + wanted.count]) == wanted
        {
            return (x, y)
        }
    }
    return nil
}

extension App {
    mutating func click(_ x: Int, _ y: Int) { press(.mouse(x: x, y: y, button: 1)) }

    /// Clicks the middle of a text drawn on screen; records an issue when it is not there.
    mutating func click(
        on text: String, row: Int? = nil, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        guard let place = locate(text, in: state, row: row) else {
            Issue.record(
                "'\(text)' is not on screen:\n\(render(state).lines().joined(separator: "\n"))",
                sourceLocation: sourceLocation)
            return
        }
        click(place.x + text.count / 2, place.y)
    }

    mutating func wheel(_ direction: WheelDirection, times: Int = 1) {
        for _ in 0..<times { press(.mouse(x: 40, y: 10, button: direction == .up ? 4 : 5)) }
    }
}

/// The whole catalogue from plans/, for a picker with region headings between the plans.
private let catalogue: [Plan] = PlanCatalog.load(
    directories: [Fixture.root.appendingPathComponent("plans").path]
).plans

@Suite struct MouseKeyTests {
    @Test func buttonsBecomeClicksAndWheelTurns() {
        let state = Fixture.state(Fixture.demo())
        #expect(
            KeyTable.action(for: .mouse(x: 5, y: 6, button: 1), in: state) == .click(x: 5, y: 6))
        #expect(KeyTable.action(for: .mouse(x: 5, y: 6, button: 4), in: state) == .scroll(.up))
        #expect(KeyTable.action(for: .mouse(x: 5, y: 6, button: 5), in: state) == .scroll(.down))
        // Middle and right buttons mean nothing.
        #expect(KeyTable.action(for: .mouse(x: 5, y: 6, button: 2), in: state) == nil)
        #expect(KeyTable.action(for: .mouse(x: 5, y: 6, button: 3), in: state) == nil)
    }

    @Test func aClickIsNoTypingInATextField() {
        var state = Fixture.state(Fixture.demo())
        state.screens.append(.picker(PickerState()))
        #expect(KeyTable.isTyping(state))
        #expect(
            KeyTable.action(for: .mouse(x: 5, y: 6, button: 1), in: state) == .click(x: 5, y: 6))
    }
}

@Suite struct TitleBarClickTests {
    @Test func tabsSitWhereTheyAreDrawnAt80x24() {
        let state = Fixture.state(Fixture.demo())
        // " Today  Plan  History  Progress " ends one cell before the right edge (hand count:
        // 7 + 6 + 9 + 10 = 32 cells from x = 80 - 32 - 1 = 47).
        #expect(
            TitleBar.tabFrames(state) == [
                Rect(x: 47, y: 0, width: 7, height: 1), Rect(x: 54, y: 0, width: 6, height: 1),
                Rect(x: 60, y: 0, width: 9, height: 1), Rect(x: 69, y: 0, width: 10, height: 1),
            ])
        #expect(locate("Today", in: state, row: 0)?.x == 48)
        #expect(locate("Progress", in: state, row: 0)?.x == 70)
    }

    @Test func clickingATabOpensThatScreen() {
        var app = Fixture.app(Fixture.demo())
        app.click(62, 0)  // History
        guard case .history(let selection) = app.state.top else {
            Issue.record("History opens: \(app.state.top)")
            return
        }
        #expect(selection.selected == 0)
        app.click(on: "Plan", row: 0)
        #expect(app.state.screens == [.plan(scroll: 0)])
        app.click(on: "Progress", row: 0)
        guard case .progress = app.state.top else {
            Issue.record("Progress opens: \(app.state.top)")
            return
        }
        app.click(47, 0)  // the blank before "Today"
        #expect(app.state.screens == [.today(scroll: 0)])
        #expect(app.effects.isEmpty)
    }

    @Test func theActiveTabAndTheRestOfTheBarDoNothing() {
        var app = Fixture.app(Fixture.demo())
        app.press(.down)  // scrolled, so a reset would show
        let before = app.state
        app.click(on: "Today", row: 0)
        app.click(3, 0)  // "rehab · Sam"
        app.click(79, 0)  // the blank after the tabs
        #expect(app.state == before)
    }

    @Test func tabsAreNotClickableUnderAFormOrADialog() {
        var app = Fixture.app(Fixture.demo())
        app.press(.char("n"))  // the log form hides the tabs
        app.click(62, 0)
        guard case .log = app.state.top else {
            Issue.record("the form stays: \(app.state.top)")
            return
        }
        var history = Fixture.app(Fixture.demo())
        history.press(.tab, .tab, .char("d"))  // History, a delete confirmation
        history.click(on: "Plan", row: 0)
        #expect(history.state.confirmation != nil)
        guard case .history = history.state.top else {
            Issue.record("the dialog is modal: \(history.state.top)")
            return
        }
    }

    @Test func tabsMoveWithTheWidthAt60x20() {
        let state = Fixture.state(Fixture.demo(), width: 60, height: 20)
        #expect(TitleBar.tabFrames(state).first == Rect(x: 27, y: 0, width: 7, height: 1))
        var app = Fixture.app(Fixture.demo(), width: 60, height: 20)
        app.click(62, 0)  // History at 80 columns is off the screen at 60
        #expect(app.state.screens == [.today(scroll: 0)])
        app.click(42, 0)  // History: x = 27 + 7 + 6 = 40..48
        guard case .history = app.state.top else {
            Issue.record("History opens at 60×20: \(app.state.top)")
            return
        }
    }
}

@Suite struct TableClickTests {
    static func history(width: Int = 80, height: Int = 24) -> App<StoreRunner> {
        var app = Fixture.app(Fixture.demo(), width: width, height: height)
        app.press(.tab, .tab)
        return app
    }

    @Test func aHistoryRowIsSelectedThenEditedOnASecondClick() {
        var app = TableClickTests.history()
        let entries = app.state.followed.map { HistoryActions.entries($0) } ?? []
        // Content from row 1: the table's header, then entry 0 on row 2.
        app.click(30, 5)
        #expect(app.state.top == .history(SelectionState(selected: 3)))
        let drawn = render(app.state).lines()[5]
        #expect(drawn.contains(entries[3].date.iso))
        app.click(70, 5)  // anywhere on the selected row: Enter, which edits
        switch (app.state.top, entries[3]) {
        case (.log(let form), .session(let session)): #expect(form.editing == session)
        case (.morning(let form), .morning(let check)): #expect(form.previous == check)
        default: Issue.record("the entry opens for editing: \(app.state.top)")
        }
    }

    @Test func theHeaderAndTheMarginAreNotRows() {
        var app = TableClickTests.history()
        let before = app.state
        app.click(30, 1)  // the header
        app.click(0, 5)  // the margin left of the table
        app.click(30, 22)  // the notice line under the table
        #expect(app.state == before)
    }

    @Test func aClickAfterScrollingSelectsTheRowDrawnThere() {
        var app = TableClickTests.history()
        app.press(.pageDown, .pageDown)  // 20 rows a page at 80×24: entry 40, at the bottom
        let entries = app.state.followed.map { HistoryActions.entries($0) } ?? []
        #expect(app.state.top == .history(SelectionState(selected: 40, offset: 21)))
        app.click(30, 2)  // the first row drawn: entry 21
        #expect(app.state.top == .history(SelectionState(selected: 21, offset: 21)))
        #expect(render(app.state).lines()[2].contains(entries[21].date.iso))
    }

    @Test func historyAt60x20HasFewerRows() {
        var app = TableClickTests.history(width: 60, height: 20)
        app.press(.end)  // the oldest entry; 16 rows a page at 60×20
        let entries = app.state.followed.map { HistoryActions.entries($0) } ?? []
        let count = entries.count
        app.click(30, 2)
        #expect(app.state.top == .history(SelectionState(selected: count - 16, offset: count - 16)))
        #expect(render(app.state).lines()[2].contains(entries[count - 16].date.iso))
    }

    @Test func aPatientIsSelectedThenOpenedOnASecondClick() {
        var app = Clinic.app()
        // The table's header on row 2, then Kim, Sam, Alex.
        app.click(on: "Sam", row: 4)
        #expect(app.state.top == .patients(SelectionState(selected: 1)))
        app.click(on: "Sam", row: 4)
        #expect(app.effects == [.selectPatient(1)])
        #expect(app.state.patient?.name == "Sam")
        #expect(app.state.screens == [.today(scroll: 0)])
    }

    @Test func aShoeIsSelectedByClickAndTheWheel() {
        var caseload = Fixture.demo()
        caseload.shoes[Fixture.sam.id] = [
            Shoe(name: "Demo trainers", startKm: 120), Shoe(name: "Racers"),
            Shoe(name: "Trail shoes", startKm: 300),
        ]
        var app = Fixture.app(caseload)
        app.press(.char("w"))
        app.click(on: "Trail shoes")
        guard case .shoes(let shoes) = app.state.top else {
            Issue.record("still Shoes: \(app.state.top)")
            return
        }
        #expect(shoes.selection.selected == 2)
        app.click(on: "Trail shoes")  // Shoes has no Enter: nothing more happens
        #expect(app.state.top == .shoes(shoes))
        app.wheel(.up)
        #expect(app.state.top == .shoes(ShoesState(selection: SelectionState(selected: 1))))
        #expect(app.effects.isEmpty)
        app.press(.char("a"))  // the add form over the list: no rows to click or scroll
        let adding = app.state
        app.wheel(.down)
        app.click(10, 5)
        #expect(app.state == adding)
    }

    @Test func belowTheLastPatientNothingHappens() {
        var app = Clinic.app()
        let before = app.state
        app.click(10, 6)  // the row under Alex
        #expect(app.state == before)
    }
}

@Suite struct ListClickTests {
    @Test func languageThenRoleThenAPlanByClicks() {
        var app = Fixture.app(Caseload(catalog: catalogue), patient: nil)
        #expect(app.state.top == .language(SelectionState(selected: 1)))  // English from LANG
        app.click(on: "Nederlands")
        #expect(app.state.top == .language(SelectionState(selected: 0)))
        #expect(app.state.language == .en)  // only selected, not yet chosen
        app.click(on: "English")
        app.click(on: "English")
        #expect(app.state.language == .en)
        guard case .role = app.state.top else {
            Issue.record("the role comes next: \(app.state.top)")
            return
        }
        app.click(on: "Physio (I set")
        #expect(app.state.top == .role(SelectionState(selected: 1)))
        app.click(on: "Runner (I follow")
        app.click(on: "Runner (I follow")
        #expect(app.effects == [.loadCatalog])
        guard case .picker(let picker) = app.state.top else {
            Issue.record("the picker opens: \(app.state.top)")
            return
        }
        #expect(picker.selected == 0)
        let plans = Picking.matches(catalogue, filter: "", language: .en)
        let itbs = try! #require(plans.firstIndex { $0.id == "itbs" })
        // Before the click only the list shows the name (then the description does too).
        let line = try! #require(locate("Runner's knee (ITB", in: app.state))
        app.click(line.x + 3, line.y)
        guard case .picker(let chosen) = app.state.top else {
            Issue.record("still the picker: \(app.state.top)")
            return
        }
        #expect(chosen.selected == itbs)
        #expect(locate("Runner's knee (ITB", in: app.state, row: line.y)?.x == line.x)
        app.click(line.x + 3, line.y)
        guard case .questions(let questions) = app.state.top else {
            Issue.record("Enter: the red-flag questions: \(app.state.top)")
            return
        }
        #expect(questions.planID == "itbs")
    }

    @Test func aRegionHeadingIsNotAPlan() {
        var state = Fixture.state(Caseload(catalog: catalogue), patient: nil)
        state.catalog = catalogue
        state.screens.append(.picker(PickerState()))
        let heading = try! #require(
            catalogue.map { $0.region.name.text(.en) }.first { locate($0, in: state) != nil })
        let place = try! #require(locate(heading, in: state))
        var after = state
        _ = update(&after, .click(x: place.x + 1, y: place.y))
        #expect(after == state)
    }

    @Test func theLanguageListAt60x20() {
        var app = Fixture.app(Caseload(catalog: catalogue), patient: nil, width: 60, height: 20)
        let place = try! #require(locate("Nederlands", in: app.state))
        // The box is centred in a smaller content area: 52 wide at x 4, rows 8 and 9.
        #expect(place.y == 8)
        app.click(place.x, place.y)
        #expect(app.state.top == .language(SelectionState(selected: 0)))
    }
}

@Suite struct DialogClickTests {
    static func deleting(width: Int = 80, height: Int = 24) -> App<StoreRunner> {
        var app = Fixture.app(Fixture.demo(), width: width, height: height)
        app.press(.tab, .tab, .char("d"))
        return app
    }

    @Test func clickingYesDeletes() {
        var app = DialogClickTests.deleting()
        guard case .delete(.session(let session))? = app.state.confirmation?.kind,
            let id = session.id
        else {
            Issue.record("a delete confirmation for the newest session")
            return
        }
        #expect(app.state.confirmation?.selected == 1)  // starts on "No"
        app.click(on: "[ Yes ]")
        #expect(app.effects.first == .deleteSession(patient: 1, id))
        #expect(app.state.confirmation == nil)
        #expect(app.state.undos.last == .restoreSession(session))
    }

    @Test func clickingNoKeepsEverything() {
        var app = DialogClickTests.deleting()
        app.click(on: "[ No ]")
        #expect(app.state.confirmation == nil)
        #expect(app.effects.isEmpty)
    }

    @Test func clicksBesideTheButtonsDoNothing() {
        var app = DialogClickTests.deleting()
        let before = app.state
        let yes = try! #require(locate("[ Yes ]", in: app.state))
        app.click(yes.x - 1, yes.y)  // just left of the button
        app.click(yes.x + 1, yes.y - 2)  // the message
        app.click(2, 5)  // the table under the dialog
        #expect(app.state == before)
    }

    @Test func buttonsAt60x20() {
        var app = DialogClickTests.deleting(width: 60, height: 20)
        let frames = try! #require(
            app.state.confirmation.flatMap {
                DialogView.dialog(app.state, $0, Layout.content(app.state.size))?
                    .buttonFrames(in: Layout.content(app.state.size))
            })
        #expect(locate("[ Yes ]", in: app.state).map { $0.x } == frames[0].x)
        app.click(frames[0].x, frames[0].y)
        #expect(app.effects.count == 1)
        #expect(app.state.confirmation == nil)
    }

    @Test func theReasonPromptHasNoButtonsToClick() {
        var state = Fixture.state(Fixture.demo())
        state.confirmation = Confirmation(kind: .clearFlags([]))
        let before = state
        for y in 0..<24 {
            for x in stride(from: 0, to: 80, by: 3) { _ = update(&state, .click(x: x, y: y)) }
        }
        #expect(state == before)
    }
}

@Suite struct WheelTests {
    @Test func theWheelScrollsTodayThreeRowsANotch() {
        var app = Fixture.app(Fixture.demo(), height: 20)
        let most = maxScroll(app.state)
        #expect(most >= 4)  // the demo's Today is longer than 17 rows
        app.wheel(.down)
        #expect(app.state.screens == [.today(scroll: 3)])
        app.wheel(.down, times: 50)
        #expect(app.state.screens == [.today(scroll: most)])
        app.wheel(.up, times: 50)
        #expect(app.state.screens == [.today(scroll: 0)])
    }

    @Test func theWheelMovesTheHistoryRow() {
        var app = TableClickTests.history()
        app.wheel(.down, times: 2)
        #expect(app.state.top == .history(SelectionState(selected: 2)))
        app.wheel(.up)
        #expect(app.state.top == .history(SelectionState(selected: 1)))
    }

    @Test func theWheelScrollsPlanHelpAndProgress() {
        var app = Fixture.app(Fixture.demo(), width: 60, height: 20)
        app.press(.tab)
        app.wheel(.down)
        #expect(app.state.screens == [.plan(scroll: min(3, maxScroll(app.state)))])
        #expect(maxScroll(app.state) > 0)
        app.press(.char("?"))
        app.wheel(.down)
        #expect(app.state.top == .help(scroll: min(3, maxScroll(app.state))))
        app.press(.escape, .tab, .tab)
        guard case .progress(let before) = app.state.top else {
            Issue.record("Progress: \(app.state.top)")
            return
        }
        let most = ProgressView.maxScroll(app.state, before)
        app.wheel(.down)
        guard case .progress(let after) = app.state.top else { return }
        #expect(after.scroll == min(3, most))
        #expect(after.weeksBack == before.weeksBack)  // the wheel scrolls; ←/→ page weeks
    }

    @Test func theWheelDoesNothingInAFormOrUnderADialog() {
        var app = Fixture.app(Fixture.demo())
        app.press(.char("n"))
        let form = app.state
        app.wheel(.down)  // ↓ would move to the next field
        #expect(app.state == form)
        var dialog = DialogClickTests.deleting()
        let before = dialog.state
        dialog.wheel(.down)
        #expect(dialog.state == before)
    }

    @Test func theEnlargeScreenIgnoresTheMouse() {
        var app = Fixture.app(Fixture.demo(), width: 50, height: 15)
        let before = app.state
        app.wheel(.down)
        app.click(30, 0)
        app.click(10, 5)
        #expect(app.state == before)
    }
}

@Suite struct MouseLoopTests {
    @Test func theLoopTurnsMouseKeysIntoScreens() {
        // The same path the terminal takes: backend keys through the app loop.
        var app = Fixture.app(Fixture.demo())
        var backend = MemoryBackend(
            width: 80, height: 24,
            keys: [.mouse(x: 62, y: 0, button: 1), .mouse(x: 40, y: 10, button: 5)])
        app.run(on: &backend, stopWhenIdle: true)
        #expect(app.state.top == .history(SelectionState(selected: 1)))
        #expect(backend.lastFrame?.lines()[0].contains("History") == true)
    }
}

/// `mouse:` in config.yaml, read and checked like the other settings.
@Suite struct MouseSettingTests {
    func parse(_ text: String) throws(PlanFileErrors) -> Settings {
        try ConfigFile.parse(bytes: Array(text.utf8), file: "config.yaml")
    }

    @Test func offUnlessTheFileTurnsItOn() throws {
        #expect(try parse("theme: dark\n").mouse == nil)
        #expect(try parse("mouse: true\n").mouse == true)
        #expect(try parse("language: en\nmouse: false\n").mouse == false)
    }

    @Test func anythingButTrueOrFalseIsAnErrorAtItsPlace() {
        do {
            _ = try parse("language: en\nmouse: yes\nmouse_mode: true\n")
            Issue.record("'yes' is not a boolean here")
        } catch {
            #expect(
                error.errors.map(\.description) == [
                    "config.yaml:2:8: mouse: expected true or false, found yes",
                    "config.yaml:3:1: mouse_mode: unknown key; allowed here: language, theme, "
                        + "keys, patient, units, mouse",
                ])
        }
    }
}
