/// A small self-check screen for driving a backend from the outside (tmux end-to-end tests):
/// it shows the size, the last key, a frame counter and a line of wide glyphs, and stops on
/// "q". The lines are fixed so a test can wait for them with capture-pane.
public struct TerminalProbe: Sendable {
    public private(set) var lastKey: Key?
    public private(set) var frameCount = 0
    public var glyphs: Glyphs

    public init(glyphs: Glyphs = .unicode) {
        self.glyphs = glyphs
    }

    /// The frame for a screen size. "colour red" is drawn in red, so a test can check colours
    /// (capture-pane -e) and NO_COLOR.
    public func frame(size: Size) -> Grid {
        var grid = Grid(size: size)
        let block = Block(title: "terminal probe", glyphs: glyphs)
        block.render(in: grid.area, on: &grid)
        let inner = block.inner(grid.area)
        let keyText = lastKey.map { "\($0)" } ?? "none"
        let rows: [String] = [
            "size \(size.width)x\(size.height)",
            "frame \(frameCount)",
            "key \(keyText)",
            // Wide glyphs only where the locale can show them.
            glyphs == .unicode ? "wide 日本語 ok" : "wide n/a",
        ]
        for (offset, text) in rows.enumerated() {
            grid.put(text, x: inner.x + 1, y: inner.y + offset, clip: inner)
        }
        grid.put("colour red", x: inner.x + 1, y: inner.y + rows.count, fg: .red, clip: inner)
        StatusBar([KeyHint("q", "quit")]).render(in: inner.splitBottom(1).1, on: &grid)
        return grid
    }

    /// Draws and reads keys until "q" (or until no key comes when `stopWhenIdle` is set, for
    /// scripted backends). Returns the number of frames drawn.
    @discardableResult
    public mutating func run(on backend: inout some Backend, stopWhenIdle: Bool = false) -> Int {
        while true {
            frameCount += 1
            backend.draw(frame(size: backend.size))
            guard let key = backend.readKey(timeoutMs: stopWhenIdle ? 0 : -1) else {
                if stopWhenIdle { return frameCount }
                continue
            }
            lastKey = key
            if key == .char("q") { return frameCount }
        }
    }
}
