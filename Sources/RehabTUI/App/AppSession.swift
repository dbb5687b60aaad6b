import RehabCore
import TerminalUI

/// The app as the modules beside this one drive it: `rehab`'s full-screen command and
/// rehab-bench's timings. It opens on what a `StoreRunner` loaded, runs on a backend, and takes
/// keys one at a time; its state, actions, effects and screens stay inside this module.
package struct AppSession {
    private(set) var app: App<StoreRunner>

    package init(
        runner: StoreRunner, loaded: Loaded, language: Language, glyphs: Glyphs, size: Size,
        today: Day, newPatientName: String, keyBindings: [KeyBinding]? = nil,
        theme: ColorTheme? = nil
    ) {
        var state = AppState(
            language: language, glyphs: glyphs, size: size, today: today, loaded: loaded,
            newPatientName: newPatientName)
        if let keyBindings { state.keyBindings = keyBindings }
        if let theme { state.theme = theme }
        state.decidesCare = runner.store.readerDecidesCare
        app = App(state: state, runner: runner)
    }

    /// Runs until the user quits (see `App.run`).
    package mutating func run(on backend: inout some Backend) { app.run(on: &backend) }

    /// Ctrl-C ended the run.
    package var interrupted: Bool { app.interrupted }
    /// Ctrl-C came while a save was under way, and the save was stored before the app ended.
    package var savedBeforeQuitting: Bool { app.savedBeforeQuitting }

    /// One key as the terminal would give it: looked up in the key table, then handled with
    /// the effects it asks for.
    package mutating func press(_ key: Key) {
        if let action = KeyTable.action(for: key, in: app.state) { app.dispatch(action) }
    }

    /// The frame the state draws.
    package var frame: Grid { render(app.state) }

    /// Which of the four main screens is on top (0 Today, 1 Plan, 2 History, 3 Progress);
    /// nil for any other screen.
    package var mainScreen: Int? { Screens.tabIndex(app.state.top) }
}
