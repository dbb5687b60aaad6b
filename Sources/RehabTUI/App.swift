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
        while !state.isQuitting {
            backend.draw(render(state))
            guard let key = backend.readKey(timeoutMs: stopWhenIdle ? 0 : -1) else {
                if stopWhenIdle { return }
                continue
            }
            if key == .resize {
                dispatch(.resized(backend.size))
            } else if let action = KeyTable.action(for: key, in: state) {
                dispatch(action)
            }
        }
    }

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
