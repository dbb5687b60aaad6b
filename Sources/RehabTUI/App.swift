import RehabCore
import TerminalUI

/// The loop: draw the state, read a key, turn it into an action, update, run the effects and
/// feed their results back. Works on any backend, so tests drive it with scripted keys.
public struct App<Runner: EffectRunner> {
    public var state: AppState
    public var runner: Runner
    /// Every effect update asked for, in order (for tests and diagnostics).
    public private(set) var effects: [Effect] = []

    public init(state: AppState, runner: Runner) {
        self.state = state
        self.runner = runner
    }

    /// Runs until quit. With `stopWhenIdle` it also returns when the backend has no key ready
    /// (for scripted backends).
    public mutating func run(on backend: inout some Backend, stopWhenIdle: Bool = false) {
        state.size = backend.size
        // Polled on the read timeout, so a `rehab log` in another shell shows by itself.
        var seen = runner.outsideChanges()
        let timeout = stopWhenIdle ? 0 : seen == nil ? -1 : Self.pollMs
        var wholeLogAsked = false
        while !state.isQuitting {
            if state.followed?.partial == true, state.notice == nil {
                state.notice = Notice(state.say(UIPhrase.readingWholeLog()))
            }
            backend.draw(render(state))
            if state.followed?.partial == true, !wholeLogAsked {
                // The first frame came from today's window; every screen after it reads the
                // whole log, before any key is taken. Asked once: a failing read says so.
                wholeLogAsked = true
                dispatch(.storeChanged)
                if state.notice?.text == state.say(UIPhrase.readingWholeLog()) {
                    state.notice = nil
                }
                continue
            }
            guard let key = backend.readKey(timeoutMs: timeout) else {
                if stopWhenIdle { return }
                let now = runner.outsideChanges()
                if now != seen {
                    seen = now
                    dispatch(.storeChanged)
                }
                continue
            }
            if key == .resize {
                dispatch(.resized(backend.size))
            } else if let action = KeyTable.action(for: key, in: state) {
                dispatch(action)
            }
        }
    }

    /// How often the store's change counter is read while no key comes.
    static var pollMs: Int { 1000 }

    /// Applies an action and everything its effects report back.
    public mutating func dispatch(_ action: AppAction) {
        var queue = [action]
        while !queue.isEmpty {
            let next = queue.removeFirst()
            for effect in update(&state, next) {
                effects.append(effect)
                if effect == .quit { continue }
                queue += runner.perform(effect, in: state)
            }
        }
    }
}
