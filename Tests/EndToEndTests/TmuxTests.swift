import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The real binary in a private tmux server at a fixed size: keys go in with send-keys, the
/// screen comes back with capture-pane, and every step waits on screen content with a deadline.
final class TmuxScreen {
    static let tmux: String? = ["/usr/bin/tmux", "/usr/local/bin/tmux", "/bin/tmux"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    let socket = "rehab-test-\(UUID().uuidString)"
    let rehab: Rehab

    init(_ rehab: Rehab) {
        self.rehab = rehab
    }

    /// Runs tmux and waits for it. Not through Foundation's Process: the first command forks
    /// the tmux server, which would inherit the descriptor Process watches and so hold the
    /// wait open for good. posix_spawn with every inherited descriptor closed avoids that.
    @discardableResult
    func tmux(_ arguments: [String]) -> (status: Int32, output: String) {
        guard let tmux = TmuxScreen.tmux else { return (127, "") }
        let output = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(socket)-\(UUID().uuidString).out").path
        defer { unlink(output) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        let open = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        for fd in open.compactMap(Int32.init) where fd > 2 && fcntl(fd, F_GETFD) != -1 {
            posix_spawn_file_actions_addclose(&actions, fd)
        }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = [tmux, "-L", socket, "-f", "/dev/null"] + arguments
        var cArgs: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        defer { cArgs.forEach { free($0) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, tmux, &actions, nil, &cArgs, environ) == 0 else {
            return (127, "")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
        return ((status >> 8) & 0xff, text)
    }

    /// Starts `rehab ARGS` in an 80×24 pane; after it exits the pane prints the exit code and
    /// the terminal modes, so a test can see the terminal was given back.
    func start(_ arguments: [String] = [], term: String = "xterm-256color") {
        let env = [
            "LANG=C.UTF-8", "LC_ALL=C.UTF-8", "TERM=\(term)", "HOME=\(rehab.directory.path)",
            "REHAB_TODAY=\(rehab.today)", "SWIFT_BACKTRACE=interactive=no",
            "XDG_STATE_HOME=\(rehab.directory.path)/state", "USER=runner",
        ].map { "'\($0)'" }.joined(separator: " ")
        let args = (["--db", rehab.databasePath] + arguments).map { "'\($0)'" }
            .joined(separator: " ")
        let command =
            // A trap (not an ignore) lets Ctrl-C reach the app with default handling while the
            // shell survives to print the modes.
            "trap 'true' INT; cd '\(Rehab.repoRoot.path)' && env \(env) '\(Rehab.binary.path)' \(args); "
            + "echo \"exit=$?\"; stty -a; exec sleep 600"
        tmux(["new-session", "-d", "-s", "t", "-x", "80", "-y", "24", "sh", "-c", command])
    }

    func screen() -> String {
        let (status, output) = tmux(["capture-pane", "-p", "-t", "t"])
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
        _ texts: String..., sourceLocation: SourceLocation = #_sourceLocation
    ) -> String {
        let deadline = Date().addingTimeInterval(10)
        var last = ""
        while Date() < deadline {
            last = screen()
            if texts.allSatisfy({ last.contains($0) }) { return last }
            Thread.sleep(forTimeInterval: 0.05)
        }
        Issue.record("timed out waiting for \(texts); screen:\n\(last)",
            sourceLocation: sourceLocation)
        return last
    }

    func stop() {
        tmux(["kill-server"])
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
        screen.waitFor("A safety check first (1 of 4)")
        screen.send("n", "n", "n", "n")
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
        #expect(after.contains("Pain after was 4/10, above the safe 3/10"))
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
