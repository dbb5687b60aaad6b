/// Puts grids on a screen and reads keys. The app loop only talks to this, so the same loop
/// runs on a real terminal (NcursesBackend) and in tests (MemoryBackend).
public protocol Backend {
    /// The current screen size; re-read after a `.resize` key.
    var size: Size { get }
    /// Shows a frame, writing only what changed since the last one.
    mutating func draw(_ grid: Grid)
    /// The next key, or nil when none came within `timeoutMs` (negative = wait forever).
    mutating func readKey(timeoutMs: Int) -> Key?
    /// From a call with `lastWords` (saves are on their way) until one with nil, the first
    /// Ctrl-C does not end the app but comes in as the key `.ctrl("c")`; a second one ends it
    /// at once and writes `lastWords` to stderr once the terminal is restored. nil: Ctrl-C
    /// ends the app again.
    mutating func holdInterrupt(saying lastWords: String?)
}

extension Backend {
    /// Backends without signals (scripted ones) get Ctrl-C as a key anyway.
    public mutating func holdInterrupt(saying lastWords: String?) {}
}

/// An in-memory screen for tests: it records every frame and hands out scripted keys.
public struct MemoryBackend: Backend, Sendable {
    public private(set) var size: Size
    public private(set) var frames: [Grid] = []
    /// Keys still to be read, first one next.
    public var pendingKeys: [Key]
    /// Cells the last draw had to write (what a terminal backend would send).
    public private(set) var lastFrameChangedCells = 0
    private var forceFullRedraw = false

    public init(width: Int, height: Int, keys: [Key] = []) {
        size = Size(width: width, height: height)
        pendingKeys = keys
    }

    /// The most recent frame.
    public var lastFrame: Grid? { frames.last }

    public mutating func draw(_ grid: Grid) {
        let previous = forceFullRedraw ? nil : frames.last
        forceFullRedraw = false
        lastFrameChangedCells = grid.changes(from: previous).count
        frames.append(grid)
    }

    public mutating func readKey(timeoutMs: Int) -> Key? {
        pendingKeys.isEmpty ? nil : pendingKeys.removeFirst()
    }

    /// Changes the size as a terminal resize would: the next key read is `.resize` and the
    /// next frame is drawn in full.
    public mutating func resize(width: Int, height: Int) {
        size = Size(width: width, height: height)
        pendingKeys.insert(.resize, at: 0)
        forceFullRedraw = true
    }
}
