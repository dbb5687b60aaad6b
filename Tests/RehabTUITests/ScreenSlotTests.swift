import RehabCore
import TerminalUI
import Testing

@testable import RehabTUI

/// The dispatcher writes a screen's state back for its handler (`Screens.handled`), so a
/// handler cannot lose a change by forgetting to store it.
@Suite struct ScreenSlotTests {
    func state() -> AppState {
        var state = Fixture.state(Fixture.demo())
        state.screens = [.today(scroll: 0), .history(SelectionState(selected: 0))]
        return state
    }

    @Test func aChangeIsWrittenBackEvenUnderAScreenTheHandlerOpened() {
        var state = state()
        let effects = Screens.handled(.history, &state) { selection, state in
            selection.selected = 3
            state.screens.append(.help(scroll: 0))
            return [.quit]
        }
        #expect(effects == [.quit])
        #expect(
            state.screens == [
                .today(scroll: 0), .history(SelectionState(selected: 3)), .help(scroll: 0),
            ])
    }

    @Test func aScreenTheHandlerClosedStaysClosed() {
        var state = state()
        _ = Screens.handled(.history, &state) { selection, state in
            selection.selected = 3
            state.screens.removeLast()
            return []
        }
        #expect(state.screens == [.today(scroll: 0)])
    }

    @Test func anotherKindOnTopIsNotHandled() {
        var state = state()
        var called = false
        let effects = Screens.handled(.progress, &state) { _, _ in
            called = true
            return []
        }
        #expect(effects == nil && !called)
        #expect(state.screens == [.today(scroll: 0), .history(SelectionState(selected: 0))])
    }
}
