import Foundation
import RehabCore
import TerminalUI

/// The loop: draw the state, read a key, turn it into an action, update, run the effects and
/// feed their results back. Works on any backend, so tests drive it with scripted keys.
///
/// In `run` every effect goes to a worker thread (`Errand`), one at a time and in order, while
/// the loop keeps drawing and reading keys: a write to a clinic server over a network shows
/// "saving…" at once instead of a frozen frame. Keys that come meanwhile wait, and are applied
/// in order once the store has answered, so they act on the screen the save leads to, as they
/// would have without the wait. After a refused write they are dropped, and the notice says
/// how many: the form came back, and keys meant for the screen after it (Enter, a letter that
/// opens another form) would otherwise be typed into it or send it again.
struct App<Runner: EffectRunner> {
    var state: AppState
    var runner: Runner
    /// Every effect update asked for, in order (for tests and diagnostics).
    private(set) var effects: [Effect] = []
    /// Ctrl-C ended the app; it came during a save and waited for its answer.
    private(set) var interrupted = false
    /// The app quit on a Ctrl-C that waited for a save, and the store stored it.
    private(set) var savedBeforeQuitting = false
    /// Actions still to apply, and the effects of the last one applied still to run.
    private var actions: [AppAction] = []
    private var effectsToRun: [Effect] = []
    /// The effect or poll on the worker thread; while set, the runner is the worker's.
    private var errand: Errand<Runner>?
    /// Keys read while an errand ran, first one next.
    private var heldKeys: [Key] = []
    /// The store's change counter as last read; nil when the runner cannot tell.
    private var seen: Int64?
    /// Whether the backend holds a first Ctrl-C back (from a write until the app is idle, so
    /// that writes following one another count one Ctrl-C, not one each).
    private var holdingInterrupt = false

    init(state: AppState, runner: Runner) {
        self.state = state
        self.runner = runner
    }

    /// Runs until quit. With `stopWhenIdle` it also returns when the backend has no key ready
    /// and nothing is on its way to the store (for scripted backends).
    mutating func run(on backend: inout some Backend, stopWhenIdle: Bool = false) {
        state.size = backend.size
        // Polled on the read timeout, so a `rehab log` in another shell shows by itself.
        seen = runner.outsideChanges()
        let timeout = stopWhenIdle ? 0 : seen == nil ? -1 : pollMs
        var wholeLogAsked = false
        while true {
            if errand != nil {
                waitForErrand(on: &backend)
                continue
            }
            if state.isQuitting { return }
            if !heldKeys.isEmpty {
                handle(heldKeys.removeFirst(), size: backend.size)
                continue
            }
            if let partial = state.followed?.partial, !wholeLogAsked {
                // The first frame came from today's window; every screen after it reads the
                // whole log, before any key is taken. Asked once: a failing read says so.
                wholeLogAsked = true
                let reading = Notice(state.say(UIPhrase.readingWholeLog()))
                if partial == .sayingSo { state.notice = state.notice ?? reading }
                backend.draw(render(state))
                dispatch(.storeChanged)
                if state.notice == reading { state.notice = nil }
                continue
            }
            backend.draw(render(state))
            guard let key = backend.readKey(timeoutMs: timeout) else {
                if stopWhenIdle { return }
                // On the worker too: a server that went away must not freeze the frame.
                errand = Errand(.poll, runner: runner)
                continue
            }
            handle(key, size: backend.size)
        }
    }

    /// How often (ms) the store's change counter is read while no key comes.
    var pollMs = 1000
    /// How long the loop waits for the worker's answer between two looks at the keyboard.
    static var answerSliceMs: Int { 20 }
    /// How long a read may take before the notice line says the app waits for the store.
    static var slowReadMs: Int { 1000 }

    /// Applies an action and everything its effects report back, running the effects here
    /// (tests and benchmarks; the loop runs them on a worker thread).
    mutating func dispatch(_ action: AppAction) {
        actions.append(action)
        advance(inline: true)
    }

    private mutating func handle(_ key: Key, size: Size) {
        if key == .resize {
            start(.resized(size))
        } else if key == .ctrl("c") {
            // A terminal sends it as a key only when it was held back for a save (see
            // `Backend.holdInterrupt`); that save has answered by now, so quit as Ctrl-C does.
            interrupted = true
            state.isQuitting = true
        } else if let action = KeyTable.action(for: key, in: state) {
            start(action)
        }
    }

    private mutating func start(_ action: AppAction) {
        actions.append(action)
        advance(inline: false)
    }

    /// Applies queued actions and runs their effects in order, until one effect has to go to
    /// the worker (then the rest wait for its answer) or nothing is left.
    private mutating func advance(inline: Bool) {
        while errand == nil {
            if !effectsToRun.isEmpty {
                let effect = effectsToRun.removeFirst()
                effects.append(effect)
                if effect == .quit { continue }
                if inline {
                    actions += runner.perform(effect, in: state)
                } else {
                    errand = Errand(.perform(effect, state), runner: runner)
                }
            } else if !actions.isEmpty {
                effectsToRun = update(&state, actions.removeFirst())
            } else {
                return
            }
        }
    }

    /// Starts the errand and draws and reads keys until it has answered, then applies the
    /// answer. A second errand never starts before this one has answered.
    private mutating func waitForErrand(on backend: inout some Backend) {
        guard let errand else { return }
        let writes = errand.writes
        if writes {
            // Drawn before the store is called, so a slow server shows "saving…" at once.
            state.saving = Saving(
                keysWaiting: heldKeys.count(where: { $0 != .resize }), quitting: interrupted)
            backend.draw(render(state))
            if !holdingInterrupt {
                backend.holdInterrupt(saying: state.say(UIPhrase.quitDuringSave()) + "\n")
                holdingInterrupt = true
            }
        }
        errand.start()
        let began = ContinuousClock.now
        // A read gets one slice to answer before a frame is drawn (most take far less).
        var drawn = writes
        var answer = errand.answer(waitingMs: Self.answerSliceMs)
        while answer == nil {
            var changed = !drawn
            if !writes, state.saving == nil,
                ContinuousClock.now - began > .milliseconds(Self.slowReadMs)
            {
                state.saving = Saving(reading: true)
                changed = true
            }
            if let key = backend.readKey(timeoutMs: 0) {
                changed = true
                if key == .ctrl("c") {
                    interrupted = true
                } else {
                    // The frame follows the terminal's size now; the resize itself waits.
                    if key == .resize { state.size = backend.size }
                    heldKeys.append(key)
                }
            }
            if changed {
                if state.saving != nil {
                    state.saving = Saving(
                        keysWaiting: heldKeys.count(where: { $0 != .resize }),
                        quitting: interrupted, reading: !writes)
                }
                backend.draw(render(state))
                drawn = true
            }
            answer = errand.answer(waitingMs: Self.answerSliceMs)
        }
        guard let answer else { return }
        self.errand = nil
        runner = answer.runner
        state.saving = nil
        if case .poll = errand.job, answer.version != seen {
            seen = answer.version
            actions.append(.storeChanged)
        }
        let refused = answer.actions.contains { if case .failed = $0 { true } else { false } }
        actions += answer.actions
        advance(inline: false)
        if holdingInterrupt && self.errand?.writes != true {
            backend.holdInterrupt(saying: nil)
            holdingInterrupt = false
        }
        if writes && refused {
            afterRefusal()
        } else if interrupted {
            savedBeforeQuitting = savedBeforeQuitting || writes
            heldKeys.removeAll()
            state.isQuitting = true
        }
    }

    /// A refused write: keys typed meanwhile are dropped, and a held Ctrl-C does not quit, so
    /// the user sees that it was not saved (the form is back, see `AppState.unsaved`).
    private mutating func afterRefusal() {
        var said: [String] = []
        let dropped = heldKeys.count(where: { $0 != .resize })
        heldKeys.removeAll { $0 != .resize }
        if dropped > 0 { said.append(state.say(UIPhrase.keysNotApplied(dropped))) }
        if interrupted {
            interrupted = false
            said.append(state.say(UIPhrase.quitHeldBack()))
        }
        guard !said.isEmpty else { return }
        let notice = state.notice ?? Notice("", isError: true)
        state.notice = Notice(
            ([notice.text] + said).filter { !$0.isEmpty }.joined(separator: " "),
            isError: notice.isError)
    }
}

/// One effect, or one read of the store's change counter, carried out on a worker thread with
/// the app's runner, which the loop leaves alone until the answer is in.
// Unchecked: `result` is written by the worker before it signals `done`, and read by the loop
// only after waiting for `done`; the runner goes to the worker and comes back in the answer.
final class Errand<Runner: EffectRunner>: @unchecked Sendable {
    enum Job {
        case perform(Effect, AppState)
        case poll
    }

    struct Answer {
        var runner: Runner
        var actions: [AppAction]
        /// The change counter (polls only).
        var version: Int64?
    }

    let job: Job
    private let runner: Runner
    private var result: Answer?
    private let done = DispatchSemaphore(value: 0)

    init(_ job: Job, runner: Runner) {
        self.job = job
        self.runner = runner
    }

    var writes: Bool {
        if case .perform(let effect, _) = job { effect.writes } else { false }
    }

    func start() {
        let thread = Thread { [self] in
            var runner = self.runner
            switch job {
            case .perform(let effect, let state):
                let actions = runner.perform(effect, in: state)
                result = Answer(runner: runner, actions: actions)
            case .poll:
                result = Answer(runner: runner, actions: [], version: runner.outsideChanges())
            }
            done.signal()
        }
        // As large as the main thread's, which the store and the engine have always run on.
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// The answer, if it comes within `waitingMs`; call again until it does, and not after.
    func answer(waitingMs: Int) -> Answer? {
        guard done.wait(timeout: .now() + .milliseconds(waitingMs)) == .success else {
            return nil
        }
        return result
    }
}
