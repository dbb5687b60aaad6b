import Testing

@testable import TerminalUI

#if canImport(Glibc)
import Glibc
#endif

@Suite struct MemoryBackendTests {
    @Test func recordsFramesAndCountsChangedCells() {
        var backend = MemoryBackend(width: 4, height: 2)
        var grid = Grid(width: 4, height: 2)
        grid.put("ab", x: 0, y: 0)
        backend.draw(grid)
        #expect(backend.lastFrameChangedCells == 8)
        grid.put("c", x: 1, y: 1)
        backend.draw(grid)
        #expect(backend.lastFrameChangedCells == 1)
        backend.draw(grid)
        #expect(backend.lastFrameChangedCells == 0)
        #expect(backend.frames.count == 3)
        #expect(backend.lastFrame?.lines() == ["ab  ", " c  "])
    }

    @Test func handsOutScriptedKeysThenNil() {
        var backend = MemoryBackend(width: 2, height: 1, keys: [.char("j"), .enter])
        #expect(backend.readKey(timeoutMs: 100) == .char("j"))
        #expect(backend.readKey(timeoutMs: 100) == .enter)
        #expect(backend.readKey(timeoutMs: 100) == nil)
    }

    @Test func resizeComesAsAKeyAndForcesAFullFrame() {
        var backend = MemoryBackend(width: 3, height: 1, keys: [.char("q")])
        backend.draw(Grid(width: 3, height: 1))
        backend.resize(width: 2, height: 2)
        #expect(backend.size == Size(width: 2, height: 2))
        #expect(backend.readKey(timeoutMs: 0) == .resize)
        #expect(backend.readKey(timeoutMs: 0) == .char("q"))
        backend.draw(Grid(width: 2, height: 2))
        #expect(backend.lastFrameChangedCells == 4)
    }
}

@Suite struct TerminalProbeTests {
    @Test func echoesKeysUntilQ() {
        var backend = MemoryBackend(width: 30, height: 8, keys: [.char("x"), .down, .char("q")])
        var probe = TerminalProbe()
        let frames = probe.run(on: &backend)
        #expect(frames == 3)
        #expect(backend.frames.count == 3)
        guard let last = backend.lastFrame else { return }
        expectLines(
            last,
            [
                "┌ terminal probe ────────────┐",
                "│ size 30x8                  │",
                "│ frame 3                    │",
                "│ key down                   │",
                "│ wide 日本語 ok             │",
                "│ colour red                 │",
                "│ q quit                     │",
                "└────────────────────────────┘",
            ])
        // Between the 2nd and 3rd frame only the frame number and the key line changed:
        // "2" → "3" and "char(\"x\")" → "down" (9 cells, of which "d" replaced "c").
        #expect(backend.lastFrameChangedCells == 1 + 9)
        #expect(last[2, 5].fg == .red)
    }

    @Test func followsAResize() {
        var backend = MemoryBackend(width: 30, height: 8)
        backend.resize(width: 20, height: 6)
        var probe = TerminalProbe(glyphs: .ascii)
        probe.run(on: &backend, stopWhenIdle: true)
        expectLines(
            backend.lastFrame ?? Grid(width: 0, height: 0),
            [
                "+ terminal probe --+",
                "| size 20x6        |",
                "| frame 2          |",
                "| key resize       |",
                "| q quit           |",
                "+------------------+",
            ])
    }
}

@Suite struct NcursesBackendTests {
    @Test func refusesWithoutATerminal() {
        #expect(
            NcursesBackend.preflight(stdinIsTerminal: false, stdoutIsTerminal: true, term: "xterm")
                == .notATerminal(stream: "standard input"))
        #expect(
            NcursesBackend.preflight(stdinIsTerminal: true, stdoutIsTerminal: false, term: "xterm")
                == .notATerminal(stream: "standard output"))
        #expect(
            NcursesBackend.preflight(stdinIsTerminal: true, stdoutIsTerminal: true, term: nil)
                == .unknownTerminal(term: ""))
        #expect(
            NcursesBackend.preflight(stdinIsTerminal: true, stdoutIsTerminal: true, term: "")
                == .unknownTerminal(term: ""))
        #expect(
            NcursesBackend.preflight(stdinIsTerminal: true, stdoutIsTerminal: true, term: "xterm")
                == nil)
    }

    @Test func refusalsSayWhatIsWrong() {
        #expect(
            "\(TerminalError.notATerminal(stream: "standard output"))"
                == "standard output is not a terminal; the full-screen app needs one")
        #expect(
            "\(TerminalError.unknownTerminal(term: "bogus"))"
                == "the terminal type 'bogus' is unknown to terminfo")
    }

    /// Runs the probe on the real terminal. Off unless REHAB_TERMINAL_PROBE=1, for driving the
    /// test binary from tmux (send-keys, capture-pane); quits on "q".
    @Test(.enabled(if: probeRequested()))
    func probeOnTheRealTerminal() throws {
        let backend = try NcursesBackend()
        var probe = TerminalProbe(glyphs: backend.glyphs)
        var screen = backend
        probe.run(on: &screen)
        backend.restore()
    }
}

private func probeRequested() -> Bool {
    guard let value = getenv("REHAB_TERMINAL_PROBE") else { return false }
    return String(cString: value) == "1"
}
