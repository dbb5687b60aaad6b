import Foundation
import Testing

/// Mouse mode in the real binary. tmux cannot click on its own (`send-keys -M` only forwards a
/// real mouse event it is handling), so these tests type the SGR reports an xterm sends for a
/// click or a wheel turn (`ESC [ < button ; column ; row M`, 1-based; `m` for the release) into
/// the pane with `send-keys -l`. ncurses in the app reads them exactly as from a terminal, and
/// only when the app turned mouse mode on: tmux shows that as the pane's mouse flags.
@Suite(.serialized, .enabled(if: TmuxScreen.tmux != nil, "tmux is not installed; skipping"))
struct MouseTmuxTests {
    /// A left click on a 0-based cell: press and release, as a terminal sends them.
    static func click(_ screen: TmuxScreen, x: Int, y: Int) {
        screen.type("\u{1B}[<0;\(x + 1);\(y + 1)M\u{1B}[<0;\(x + 1);\(y + 1)m")
    }

    /// One notch of the wheel (buttons 64 up and 65 down in SGR reports; no release).
    static func wheel(_ screen: TmuxScreen, down: Bool, x: Int = 40, y: Int = 10) {
        screen.type("\u{1B}[<\(down ? 65 : 64);\(x + 1);\(y + 1)M")
    }

    /// "on" while the pane has SGR mouse reporting on (what the app asked tmux for), else "off".
    static func mouseMode(_ screen: TmuxScreen) -> String {
        screen.pane("#{mouse_sgr_flag}#{mouse_standard_flag}") == "11" ? "on" : "off"
    }

    /// The text of the line drawn in reverse video (a table's selected row), escapes removed.
    static func selectedRow(_ screen: TmuxScreen) -> String? {
        let lines = screen.styledScreen().split(separator: "\n")
        guard let line = lines.first(where: { $0.contains("\u{1B}[7m") && !$0.contains("rehab ·") })
        else { return nil }
        return String(line.replacing(/\x1B\[[0-9;]*m/, with: ""))
    }

    /// The 0-based cell where a text starts on the pane, for clicking what is drawn.
    static func find(_ text: String, in screen: String) -> (x: Int, y: Int)? {
        for (y, line) in screen.split(separator: "\n", omittingEmptySubsequences: false)
            .enumerated()
        {
            let cells = Array(line)
            let wanted = Array(text)
            guard cells.count >= wanted.count else { continue }
            for x in 0...(cells.count - wanted.count)
            where Array(cells[x..<x + wanted.count]) == wanted {
                return (x, y)
            }
        }
        return nil
    }

    @Test func tabsRowsAndTheWheelByMouse() throws {
        let screen = try TmuxTests.demo()
        defer { screen.stop() }
        screen.start(["--mouse"])
        screen.waitFor("Verdict:", "Today  Plan  History  Progress")
        #expect(MouseTmuxTests.mouseMode(screen) == "on")
        let bar = screen.screen()
        let history = try #require(MouseTmuxTests.find("History", in: bar))
        MouseTmuxTests.click(screen, x: history.x + 2, y: history.y)
        screen.waitFor("date", "2026-03-01 exercises", "2026-02-28 morning check")
        // Three notches down, then Enter: the fourth entry (newest first) opens.
        for _ in 0..<3 { MouseTmuxTests.wheel(screen, down: true) }
        // The wheel leaves no trace on screen, so wait for it through a key the app reads after.
        screen.send("Enter")
        screen.waitFor("Morning check 2026-02-28", "Pain/stiffness")
        screen.send("Escape")
        let table = screen.waitFor("2026-03-01 exercises")
        let newest = try #require(MouseTmuxTests.find("2026-03-01 exercises", in: table))
        // A double click: the first selects the row, the second is Enter (edit). The second
        // waits until the first has drawn the row selected, so the two are told apart by what
        // the app did and not by how a loaded machine happens to schedule the test.
        MouseTmuxTests.click(screen, x: newest.x + 3, y: newest.y)
        screen.waitUntil("the clicked row selected") { _ in
            MouseTmuxTests.selectedRow(screen)?.contains("2026-03-01 exercises") == true
        }
        MouseTmuxTests.click(screen, x: newest.x + 3, y: newest.y)
        screen.waitFor("Edit a session", "Distance (km)")
        screen.send("Escape")
        let back = screen.waitFor("2026-03-01 exercises")
        let progress = try #require(MouseTmuxTests.find("Progress", in: back))
        MouseTmuxTests.click(screen, x: progress.x + 1, y: progress.y)
        screen.waitFor("Load per week", "Span:")
        screen.send("q")
        screen.waitFor("exit=0")
        #expect(MouseTmuxTests.mouseMode(screen) == "off")
    }

    @Test func aDialogButtonByMouse() throws {
        let screen = try TmuxTests.demo()
        defer { screen.stop() }
        screen.start(["--mouse"])
        screen.waitFor("Verdict:")
        screen.send("Tab", "Tab", "d")  // History, delete the newest session: starts on "No"
        let dialog = screen.waitFor("[ Yes ]", "[ No ]")
        let yes = try #require(MouseTmuxTests.find("[ Yes ]", in: dialog))
        MouseTmuxTests.click(screen, x: yes.x + 2, y: yes.y)
        screen.waitFor("Deleted. Press u to bring it back.")
        let after = screen.screen()
        #expect(!after.contains("[ Yes ]"))
        #expect(!after.contains("2026-03-01 exercises"))
    }

    @Test func offByDefaultOnFromTheConfigFileAndTheFlagWins() throws {
        let plain = try TmuxTests.demo()
        defer { plain.stop() }
        plain.start()
        plain.waitFor("Verdict:")
        #expect(MouseTmuxTests.mouseMode(plain) == "off")
        plain.kill()

        let config = plain.rehab.directory.appendingPathComponent("xdg/rehab")
        try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
        try "mouse: true\n".write(
            to: config.appendingPathComponent("config.yaml"), atomically: true, encoding: .utf8)
        let xdg = ["XDG_CONFIG_HOME": plain.rehab.directory.appendingPathComponent("xdg").path]
        // A fresh tmux server each time: one just killed may still be going away.
        let configured = TmuxScreen(plain.rehab)
        defer { configured.kill() }
        configured.start(environment: xdg)
        configured.waitFor("Verdict:")
        #expect(MouseTmuxTests.mouseMode(configured) == "on")

        let overruled = TmuxScreen(plain.rehab)
        defer { overruled.kill() }
        overruled.start(["--no-mouse"], environment: xdg)
        overruled.waitFor("Verdict:")
        #expect(MouseTmuxTests.mouseMode(overruled) == "off")
    }

    @Test func aCrashGivesTheMouseBackToo() throws {
        // Mouse reporting left on after a crash would type escape codes into the shell at
        // every click: the crash guard turns it off with the alternate screen.
        let screen = try TmuxTests.demo()
        defer { screen.stop() }
        screen.start(["--mouse"], environment: ["REHAB_TEST_CRASH": "after-first-frame"])
        screen.waitFor("exit=", history: true)
        #expect(MouseTmuxTests.mouseMode(screen) == "off")
    }
}
