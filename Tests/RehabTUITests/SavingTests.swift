import Foundation
import RehabCore
import Synchronization
import TerminalUI
import Testing

@testable import RehabTUI

/// Where a write waits until the test lets it through: a clinic server over a slow network.
final class SaveGate: Sendable {
    private let opened = DispatchSemaphore(value: 0)
    private let arrivals = DispatchSemaphore(value: 0)
    private let state = Mutex((isOpen: false, arrived: 0, running: 0, mostAtOnce: 0))

    /// Called by the runner's write on the worker thread; returns once the gate is open.
    func pass() {
        let wasOpen = state.withLock { gate in
            gate.arrived += 1
            gate.running += 1
            gate.mostAtOnce = max(gate.mostAtOnce, gate.running)
            return gate.isOpen
        }
        arrivals.signal()
        if !wasOpen {
            opened.wait()
            opened.signal()
        }
    }

    func left() { state.withLock { $0.running -= 1 } }

    /// Waits (at most 10 s) until a write stands at the gate.
    func awaitArrival() -> Bool { arrivals.wait(timeout: .now() + 10) == .success }

    func open() {
        state.withLock { $0.isOpen = true }
        opened.signal()
    }

    var hasArrivals: Bool { state.withLock { $0.arrived > 0 } }
    /// Whether a write is in the store now.
    var isRunning: Bool { state.withLock { $0.running > 0 } }
    /// The most writes that were ever in the store at the same moment.
    var mostAtOnce: Int { state.withLock { $0.mostAtOnce } }
}

/// The store's runner, with every write held at the gate first.
struct GatedRunner: EffectRunner {
    var inner: StoreRunner
    let gate: SaveGate
    /// The writes, in the order they reached the store.
    var written: [Effect] = []

    mutating func perform(_ effect: Effect, in state: AppState) -> [AppAction] {
        guard effect.writes else { return inner.perform(effect, in: state) }
        gate.pass()
        defer { gate.left() }
        written.append(effect)
        return inner.perform(effect, in: state)
    }
}

/// Hands out the keys before the save; once a write stands at the gate, the keys typed
/// during it; then opens the gate and has no more keys (the loop returns once idle).
struct SlowSaveBackend: Backend {
    var screen: MemoryBackend
    var before: [Key]
    var during: [Key]
    let gate: SaveGate
    /// The size a `.resize` among `during` changes the terminal to.
    var resizeTo = Size(width: 60, height: 20)
    /// Frames drawn, each with whether a write had reached the store by then.
    private(set) var drawn: [(grid: Grid, storeCalled: Bool)] = []
    /// What the app asked of Ctrl-C, in order (nil: it ends the app again).
    private(set) var holds: [String?] = []
    private var waited = false
    private(set) var gateOpened = false

    init(width: Int, height: Int, before: [Key], during: [Key], gate: SaveGate) {
        screen = MemoryBackend(width: width, height: height)
        self.before = before
        self.during = during
        self.gate = gate
    }

    var size: Size { screen.size }
    var lastFrame: Grid? { screen.lastFrame }
    /// The frames drawn while the first write waited at the gate.
    var duringSave: [Grid] { drawn.filter(\.storeCalled).map(\.grid) }

    mutating func draw(_ grid: Grid) {
        screen.draw(grid)
        if !gateOpened { drawn.append((grid, gate.hasArrivals)) }
    }

    mutating func holdInterrupt(saying lastWords: String?) { holds.append(lastWords) }

    mutating func readKey(timeoutMs: Int) -> Key? {
        if !before.isEmpty { return before.removeFirst() }
        guard !gateOpened else { return nil }
        if !waited {
            waited = true
            if !gate.awaitArrival() {
                Issue.record("no write reached the store")
                gateOpened = true
                gate.open()
                return nil
            }
        }
        if !during.isEmpty {
            let key = during.removeFirst()
            if key == .resize { screen.resize(width: resizeTo.width, height: resizeTo.height) }
            return key == .resize ? screen.readKey(timeoutMs: 0) : key
        }
        gateOpened = true
        gate.open()
        return nil
    }
}

func noticeLine(_ grid: Grid?) -> String {
    guard let grid else { return "" }
    let lines = grid.lines()
    return lines[lines.count - 2].trimmingCharacters(in: .whitespaces)
}

/// A write that takes a while (a clinic over a network): "saving…" shows before the store is
/// called, the loop keeps drawing and reading keys, keys typed meanwhile are applied in order
/// once it has answered, a second save waits for the first, and Ctrl-C or q during a save
/// never leaves it unknown.
@Suite struct SlowSaveTests {
    /// A session typed into the Log form, Enter last.
    static let logASession: [Key] =
        [.char("n"), .tab, .tab, .tab] + chars("30") + [.tab, .char("2"), .tab, .char("1"), .enter]

    func slowRun(
        _ caseload: Caseload = Fixture.buildUp(), during: [Key],
        language: Language = .en, width: Int = 80, height: Int = 24
    ) -> (App<GatedRunner>, SlowSaveBackend) {
        let gate = SaveGate()
        let direct = Fixture.app(caseload, width: width, height: height, language: language)
        var app = App(state: direct.state, runner: GatedRunner(inner: direct.runner, gate: gate))
        var backend = SlowSaveBackend(
            width: width, height: height, before: Self.logASession, during: during, gate: gate)
        app.run(on: &backend, stopWhenIdle: true)
        return (app, backend)
    }

    @Test func savingShowsBeforeTheStoreIsCalledAndKeysMeanwhileApplyAfter() throws {
        // A morning check (a second save, typed during the first), then Tab to the next screen.
        let during: [Key] = [.char("m"), .char("3"), .enter, .tab]
        let (app, backend) = slowRun(during: during)

        let beforeStore = backend.drawn.filter { !$0.storeCalled }.map { noticeLine($0.grid) }
        #expect(beforeStore.last == "saving…", "the last frame before the store: \(beforeStore)")
        // The loop kept drawing and reading keys while the store was busy: one frame a key.
        #expect(
            backend.duringSave.map(noticeLine) == [
                "saving… (1 key waits for the answer)", "saving… (2 keys wait for the answer)",
                "saving… (3 keys wait for the answer)", "saving… (4 keys wait for the answer)",
            ])

        // The same keys without any wait end in exactly the same place.
        var direct = Fixture.app(Fixture.buildUp())
        for key in Self.logASession + during {
            if let action = KeyTable.action(for: key, in: direct.state) { direct.dispatch(action) }
        }
        #expect(app.state == direct.state)
        #expect(app.state.saving == nil)
        #expect(
            try app.runner.inner.store.history(patientID: 1)
                == direct.runner.store.history(patientID: 1))
        #expect(app.effects == direct.effects)
        #expect(backend.lastFrame == render(direct.state))
        // Both saves reached the store, one after the other.
        #expect(app.runner.written.count == 2)
        #expect(app.runner.gate.mostAtOnce == 1)
        guard case .saveSession(_, let session) = app.runner.written.first,
            case .saveMorning(_, let morning) = app.runner.written.last
        else {
            Issue.record("writes: \(app.runner.written)")
            return
        }
        #expect(session.minutes == 30 && morning.pain == 3)
        // Ctrl-C is held back exactly while each write runs.
        #expect(backend.holds.map { $0 != nil } == [true, false, true, false])
    }

    @Test func theSavingFrame() {
        let (_, backend) = slowRun(during: [.char("q")])
        guard let frame = backend.duringSave.last else {
            Issue.record("no frame while saving")
            return
        }
        expectSnapshot(frame, "saving-80x24")
    }

    @Test func dutchSaysOpslaan() {
        let (_, backend) = slowRun(during: [], language: .nl)
        #expect(backend.drawn.map { noticeLine($0.grid) }.contains("opslaan…"))
    }

    @Test func quitDuringASaveQuitsOnceItIsStored() throws {
        let (app, backend) = slowRun(during: [.char("q")])
        #expect(backend.duringSave.map(noticeLine).contains("saving… (1 key waits for the answer)"))
        #expect(app.state.isQuitting)
        #expect(!app.interrupted)
        #expect(
            try app.runner.inner.store.history(patientID: Fixture.sam.id).sessions.last?.minutes
                == 30)
    }

    @Test func ctrlCDuringASaveWaitsForItsAnswer() throws {
        let (app, backend) = slowRun(during: [.ctrl("c")])
        #expect(
            backend.duringSave.map(noticeLine).contains(
                "saving… Ctrl-C: rehab quits after the answer; Ctrl-C again quits now"))
        #expect(app.state.isQuitting && app.interrupted && app.savedBeforeQuitting)
        #expect(
            try app.runner.inner.store.history(patientID: Fixture.sam.id).sessions.last?.minutes
                == 30)
        // What a second Ctrl-C would have said on its way out.
        let lastWords = backend.holds.first ?? nil
        #expect(
            lastWords?.hasPrefix("rehab: quit while saving; the last change may or may not") == true
        )
    }

    @Test func aRefusedSlowSaveKeepsTheFormDropsTheKeysAndDoesNotQuit() {
        var caseload = Fixture.buildUp()
        caseload.refusingWrites = "the connection to the clinic server was lost"
        let (app, _) = slowRun(caseload, during: [.char("m"), .char("4"), .ctrl("c")])
        var typed = Fixture.app(caseload)
        for key in Self.logASession.dropLast() {
            if let action = KeyTable.action(for: key, in: typed.state) { typed.dispatch(action) }
        }
        guard case .log = app.state.top else {
            Issue.record("the form is gone: \(app.state.top)")
            return
        }
        #expect(app.state.top == typed.state.top)
        #expect(!app.state.isQuitting && !app.interrupted)
        #expect(
            app.state.notice?.text
                == "Not saved; what you typed is still here, Enter tries again: the connection "
                + "to the clinic server was lost 2 keys typed while saving were not applied. "
                + "Ctrl-C was held back so you see this; Ctrl-C again quits.")
        #expect(app.runner.written.count == 1)
    }

    @Test func aResizeDuringASaveRedrawsAtTheNewSize() {
        let (app, backend) = slowRun(during: [.resize])
        let resized = backend.duringSave.filter { $0.width == 60 && $0.height == 20 }
        #expect(resized.map(noticeLine).contains("saving…"))
        #expect(app.state.size == Size(width: 60, height: 20))
        #expect(backend.lastFrame?.width == 60)
    }
}

/// The change poll (a `rehab log` in another shell) never runs while a save is on its way: it
/// shares the runner, so it would queue behind the save (on a clinic, the same connection).
@Suite struct PollDuringSaveTests {
    /// For each read of the change counter, whether a write was in the store.
    final class PollLog: Sendable {
        let seen = Mutex<[Bool]>([])
    }

    /// A gated runner that reports a change counter and notes whether a write was running
    /// each time it was asked.
    struct PollingRunner: EffectRunner {
        var gated: GatedRunner
        let polls = PollLog()

        mutating func perform(_ effect: Effect, in state: AppState) -> [AppAction] {
            gated.perform(effect, in: state)
        }

        func outsideChanges() -> Int64? {
            polls.seen.withLock { $0.append(gated.gate.isRunning) }
            return 7
        }
    }

    /// Reads time out (as a quiet terminal does) for a while during the save and after it,
    /// then q.
    struct QuietBackend: Backend {
        var screen = MemoryBackend(width: 80, height: 24)
        var before: [Key]
        let gate: SaveGate
        var quietReads = 0

        var size: Size { screen.size }
        mutating func draw(_ grid: Grid) { screen.draw(grid) }

        mutating func readKey(timeoutMs: Int) -> Key? {
            if !before.isEmpty { return before.removeFirst() }
            quietReads += 1
            if timeoutMs > 0 { Thread.sleep(forTimeInterval: Double(timeoutMs) / 1000) }
            if quietReads == 1 { _ = gate.awaitArrival() }
            // Quiet for a while with the write at the gate, then let it through.
            if quietReads == 10 { gate.open() }
            return quietReads < 20 ? nil : .char("q")
        }
    }

    @Test func noPollWhileASaveRuns() {
        let gate = SaveGate()
        let runner = PollingRunner(
            gated: GatedRunner(inner: Fixture.buildUp().runner(), gate: gate))
        var app = App(state: Fixture.state(Fixture.buildUp()), runner: runner)
        app.pollMs = 5
        var backend = QuietBackend(before: SlowSaveTests.logASession, gate: gate)
        app.run(on: &backend)
        let polls = app.runner.polls.seen.withLock { $0 }
        #expect(app.state.isQuitting && app.runner.gated.written.count == 1)
        // The first read is at start, before any key; the others come once the save is done.
        #expect(polls.count > 1 && !polls.contains(true), "\(polls)")
    }
}
