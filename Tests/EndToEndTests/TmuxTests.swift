import Foundation
import RehabTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The real binary in a private tmux server at a fixed size: keys go in with send-keys, the
/// screen comes back with capture-pane, and every step waits on screen content with a deadline.
final class TmuxScreen {
    static let tmux = TmuxProcess.path

    let socket = "rehab-test-\(UUID().uuidString)"
    let rehab: Rehab

    init(_ rehab: Rehab) {
        self.rehab = rehab
    }

    /// Runs tmux on this test's own server and waits for it.
    @discardableResult
    func tmux(_ arguments: [String]) -> (status: Int32, output: String) {
        TmuxProcess.run(socket: socket, arguments)
    }

    /// Starts `rehab ARGS` in an 80×24 pane; after it exits the pane prints the exit code and
    /// the terminal modes, so a test can see the terminal was given back.
    /// - Parameters:
    ///   - environment: replaces or adds variables (e.g. `LANG=C`, `REHAB_TEST_CRASH`).
    ///   - wrapper: a command that runs rehab (e.g. one that blocks signals first).
    ///   - redirect: shell redirections for rehab, e.g. `> out.txt`.
    func start(
        _ arguments: [String] = [], term: String = "xterm-256color", width: Int = 80,
        height: Int = 24, environment: [String: String] = [:], wrapper: [String] = [],
        redirect: String = ""
    ) {
        let command =
            // A trap (not an ignore) lets Ctrl-C reach the app with default handling while the
            // shell survives to print the modes. No core files from the crash and QUIT tests
            // (the pane runs in the repository).
            "trap 'true' INT; ulimit -c 0; "
            + commandLine(arguments, term: term, environment: environment, wrapper: wrapper)
            + " \(redirect); echo \"exit=$?\"; stty -a; exec sleep 600"
        tmux([
            "new-session", "-d", "-s", "t", "-x", "\(width)", "-y", "\(height)", "sh", "-c",
            command,
        ])
    }

    /// `cd REPO && env VARS [WRAPPER] rehab --db DB ARGS`, quoted for sh.
    func commandLine(
        _ arguments: [String] = [], term: String = "xterm-256color",
        environment: [String: String] = [:], wrapper: [String] = []
    ) -> String {
        var variables: [(String, String)] = [
            ("LANG", "C.UTF-8"), ("LC_ALL", "C.UTF-8"), ("TERM", term),
            ("HOME", rehab.directory.path), ("REHAB_TODAY", rehab.today),
            ("SWIFT_BACKTRACE", "interactive=no"),
            ("XDG_STATE_HOME", "\(rehab.directory.path)/state"), ("USER", "runner"),
        ]
        for (key, value) in environment.sorted(by: { $0.key < $1.key }) {
            if let i = variables.firstIndex(where: { $0.0 == key }) {
                variables[i].1 = value
            } else {
                variables.append((key, value))
            }
        }
        let words =
            variables.map { "\($0.0)=\($0.1)" } + wrapper + [Rehab.binary.path]
            + ["--db", rehab.databasePath] + arguments
        let quoted = words.map { "'\($0)'" }
        return "cd '\(Rehab.repoRoot.path)' && env " + quoted.joined(separator: " ")
    }

    /// An interactive bash with job control in the pane (prompt `rehab-test$ `), for Ctrl-Z.
    func startShell(width: Int = 80, height: Int = 24) {
        tmux([
            "new-session", "-d", "-s", "t", "-x", "\(width)", "-y", "\(height)", "env",
            "PS1=rehab-test$ ", "HOME=\(rehab.directory.path)", "bash", "--norc", "--noprofile",
            "-i",
        ])
    }

    /// A tmux format for the pane, e.g. `#{alternate_on}` (1 while the alternate screen is on)
    /// or `#{cursor_flag}` (1 while the cursor is visible).
    func pane(_ format: String) -> String {
        tmux(["display-message", "-p", "-t", "t", format]).output
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The rehab process running in the pane (a descendant of the pane's shell), if any.
    func appPID() -> pid_t? {
        guard let root = pid_t(pane("#{pane_pid}")) else { return nil }
        var children: [pid_t: [pid_t]] = [:]
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        for pid in entries.compactMap(pid_t.init) {
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                let close = stat.lastIndex(of: ")")
            else { continue }
            // After "pid (comm)": state, then the parent's pid.
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            if fields.count > 1, let parent = pid_t(fields[1]) {
                children[parent, default: []].append(pid)
            }
        }
        var queue = [root]
        while !queue.isEmpty {
            let pid = queue.removeFirst()
            let name = (try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8)) ?? ""
            if name.trimmingCharacters(in: .whitespacesAndNewlines) == "rehab" { return pid }
            queue += children[pid] ?? []
        }
        return nil
    }

    /// The visible pane; with `history`, everything printed since the start with wrapped lines
    /// joined (for a pane too small to show the exit code and the modes).
    func screen(history: Bool = false) -> String {
        let (status, output) = tmux(
            ["capture-pane", "-p", "-t", "t"] + (history ? ["-J", "-S", "-"] : []))
        return status == 0 ? output : "(capture-pane failed with \(status))"
    }

    /// The visible pane with its attributes as SGR escapes (`ESC [ 7 m` starts reverse video,
    /// which marks a table's selected row).
    func styledScreen() -> String {
        let (status, output) = tmux(["capture-pane", "-p", "-e", "-t", "t"])
        return status == 0 ? output : "(capture-pane failed with \(status))"
    }

    func send(_ keys: String...) { tmux(["send-keys", "-t", "t"] + keys) }

    func type(_ text: String) { tmux(["send-keys", "-t", "t", "-l", text]) }

    func resize(width: Int, height: Int) {
        tmux(["resize-window", "-t", "t", "-x", "\(width)", "-y", "\(height)"])
    }

    /// Polls the screen every 50 ms until it contains every text, for at most ~10 seconds.
    @discardableResult
    func waitFor(
        _ texts: String..., history: Bool = false,
        sourceLocation: SourceLocation = #_sourceLocation
    ) -> String {
        waitUntil("\(texts)", history: history, sourceLocation: sourceLocation) { screen in
            texts.allSatisfy { screen.contains($0) }
        }
    }

    /// Polls the screen every 50 ms until `condition` holds, for at most `seconds`: long, since
    /// on a loaded 2-core machine (the whole suite at once) a debug build's answer has taken
    /// over 10 s; a passing test waits no longer for it.
    @discardableResult
    func waitUntil(
        _ what: String, history: Bool = false, seconds: Double = 30,
        sourceLocation: SourceLocation = #_sourceLocation, _ condition: (String) -> Bool
    ) -> String {
        let deadline = Date().addingTimeInterval(seconds)
        var last = ""
        while Date() < deadline {
            last = screen(history: history)
            if condition(last) { return last }
            Thread.sleep(forTimeInterval: 0.05)
        }
        Issue.record(
            "timed out waiting for \(what); screen:\n\(last)", sourceLocation: sourceLocation)
        return last
    }

    /// Ends the tmux server (its panes get SIGHUP) but keeps the database.
    func kill() {
        tmux(["kill-server"])
    }

    func stop() {
        kill()
        rehab.cleanUp()
    }
}

/// The stty words after the app has exited: "icanon" and "echo" mean a cooked terminal.
func terminalModes(_ screen: String) -> Set<String> {
    Set(screen.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == ";" }).map(String.init))
}

@Suite(.serialized, .enabled(if: TmuxScreen.tmux != nil, "tmux is not installed; skipping"))
struct TmuxTests {
    static func demo() throws -> TmuxScreen {
        let rehab = try Rehab()
        let result = try rehab.run(["demo", "--db", rehab.databasePath])
        #expect(result.status == 0, "\(result)")
        return TmuxScreen(rehab)
    }

    @Test func firstRunToAStartedPlan() throws {
        let screen = TmuxScreen(try Rehab())
        defer { screen.stop() }
        screen.start()
        screen.waitFor("Language / Taal", "English")
        screen.send("Enter")  // English is chosen from LANG
        screen.waitFor("Who is using rehab?")
        screen.send("Enter")  // runner
        screen.waitFor("Choose the injury")
        screen.type("itb")
        screen.waitFor("Runner's knee (ITB syndrome)", "recovery: 4-6 weeks")
        screen.send("Enter")
        screen.waitFor("A safety check first (1 of 5)")
        screen.send("n", "n", "n", "n", "n")  // the 112 question first (seed 001)
        screen.waitFor("Plan started: Runner's knee", "phase 1 of 3", "Verdict:")
        let status = try screen.rehab.json(["status", "--db", screen.rehab.databasePath])
        #expect(value(status, "plan", "id") as? String == "itbs")
        #expect(value(status, "phase", "id") as? String == "calm_down")
    }

    @Test func loggingASessionShowsTheNewVerdict() throws {
        let screen = try TmuxTests.demo()
        defer { screen.stop() }
        screen.start()
        screen.waitFor("Verdict:", "Today")
        screen.send("n")
        screen.waitFor("Log a session", "Distance (km)")
        screen.send("Tab", "Tab")
        screen.type("5")
        screen.send("Tab")
        screen.type("32")
        screen.send("Tab", "2", "Tab", "4", "Enter")
        let after = screen.waitFor("logged: running, 5.00 km, 32 min, 2/4", "Verdict: AMBER")
        #expect(after.contains("Pain after running on 2026-03-02 was 4/10, above the safe 3/10"))
    }

    @Test func aRedFlagReachesTheStopScreen() throws {
        let screen = try TmuxTests.demo()
        defer { screen.stop() }
        screen.start()
        screen.waitFor("Verdict:")
        screen.send("n")
        screen.waitFor("Log a session")
        screen.send("Tab", "Tab", "Tab")
        screen.type("20")
        screen.send("Tab", "1", "Tab", "1", "Tab", "Tab", "Space", "Enter")
        screen.waitFor("STOP: the plan is paused", "Reported:", "press c")
    }

    @Test func helpAndBack() throws {
        let screen = try TmuxTests.demo()
        defer { screen.stop() }
        screen.start()
        screen.waitFor("Verdict:")
        screen.send("?")
        screen.waitFor("Keys", "Main screens", "reload from the database")
        screen.send("Escape")
        screen.waitFor("Verdict:")
    }

    @Test func resizeToTinyAndBack() throws {
        let screen = try TmuxTests.demo()
        defer { screen.stop() }
        screen.start()
        screen.waitFor("Verdict:")
        screen.resize(width: 50, height: 15)
        screen.waitFor("enlarge the terminal", "(now 50×15)")
        screen.resize(width: 80, height: 24)
        let back = screen.waitFor("Verdict:", "Today  Plan  History")
        #expect(!back.contains("enlarge"))
    }

    @Test func quitRestoresTheTerminal() throws {
        let screen = try TmuxTests.demo()
        defer { screen.stop() }
        screen.start()
        screen.waitFor("Verdict:")
        screen.send("q")
        let after = screen.waitFor("exit=0", "icanon")
        let modes = terminalModes(after)
        #expect(modes.contains("icanon") && modes.contains("echo"), "\(after)")
        #expect(!modes.contains("-icanon") && !modes.contains("-echo"))
    }

    @Test func ctrlCRestoresTheTerminalToo() throws {
        let screen = try TmuxTests.demo()
        defer { screen.stop() }
        screen.start()
        screen.waitFor("Verdict:")
        screen.send("C-c")
        let after = screen.waitFor("exit=", "icanon")
        let modes = terminalModes(after)
        #expect(modes.contains("icanon") && modes.contains("echo"), "\(after)")
        // Interrupted, as a shell reports any program stopped by Ctrl-C.
        #expect(after.contains("exit=130"), "\(after)")
    }

    @Test func anUnknownTermGetsAClearMessage() throws {
        let screen = try TmuxTests.demo()
        defer { screen.stop() }
        screen.start(term: "bogus-terminal")
        let after = screen.waitFor("exit=1")
        #expect(after.contains("the terminal type 'bogus-terminal' is unknown"))
    }
}

@Suite struct NoTerminalTests {
    /// Piped: exit 1, a pointer to the commands, and not one escape code.
    @Test func withoutATerminalTheAppPointsToTheCommands() throws {
        let rehab = try Rehab()
        defer { rehab.cleanUp() }
        let result = try rehab.run([], environment: ["TERM": "xterm-256color"])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("the full-screen app needs a terminal"))
        #expect(result.stderr.contains("'rehab status'"))
        #expect(!result.stderr.contains("\u{1B}"))
        #expect(rehab.databaseBytes() == nil, "nothing is created without a terminal")
    }
}
