import Foundation
import Synchronization
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The full-screen app (the real binary in tmux) under faults: a CLI writing the same database,
/// signals in the middle of a form, a forced crash, a resize storm, a 20×5 terminal, a C locale,
/// refusals, and Ctrl-Z. Each test prints the numbers behind its pass for the CI log.
@Suite(.serialized, .enabled(if: TmuxScreen.tmux != nil, "tmux is not installed; skipping"))
struct AppFaultTests {
    // MARK: - App and CLI on one database

    /// The app saves sessions and a morning check while `rehab log` processes write beside it:
    /// nobody sees "database is locked", every confirmed write is stored exactly once, and `r`
    /// shows what the CLI wrote.
    @Test func appAndCommandLineWriteTheSameDatabase() throws {
        let screen = try TmuxTests.demo()
        defer { screen.stop() }
        let rehab = screen.rehab
        let sessionsBefore = try count(rehab, "session")
        let morningsBefore = try count(rehab, "morning_check")
        screen.start()
        screen.waitFor("Verdict:", "Today")

        // The CLI writes 0.1 km runs in a loop until the app is done (at most 80, so the week
        // stays under its cap and the Today screen keeps its "X of Y km" line).
        let stop = Atomic(false)
        let acknowledged = Mutex<[String]>([])
        let failures = Mutex<[String]>([])
        let done = DispatchSemaphore(value: 0)
        let writer = Thread {
            defer { done.signal() }
            var index = 0
            while !stop.load(ordering: .relaxed) && index < 80 {
                let note = "cli-\(index)"
                index += 1
                do {
                    let result = try rehab.run(Self.cliRun(note: note))
                    if result.status == 0 {
                        acknowledged.withLock { $0.append(note) }
                    } else {
                        failures.withLock { $0.append("\(note): \(result)") }
                    }
                } catch {
                    failures.withLock { $0.append("\(note): \(error)") }
                }
            }
        }
        writer.start()

        // Wait until the CLI is really writing, so the app's saves overlap its writes.
        let writing = Date().addingTimeInterval(10)
        while acknowledged.withLock({ $0.count }) < 2 && failures.withLock({ $0.isEmpty })
            && Date() < writing
        {
            Thread.sleep(forTimeInterval: 0.02)
        }
        let appSaves = 8
        var confirmed: [String] = []
        var screens: [String] = []
        for i in 0..<appSaves {
            screen.send("n")
            screen.waitFor("Log a session", "Distance (km)")
            screen.send("Tab", "Tab")
            screen.type("1")
            screen.send("Tab")
            screen.type("\(10 + i)")
            screen.send("Tab", "1", "Tab", "1", "Tab", "Tab", "Tab", "Tab")
            screen.type("app-\(i)")
            screen.send("Enter")
            let after = screen.waitFor("logged:", "1.00 km, \(10 + i) min, 1/1")
            screens.append(after)
            if after.contains("1.00 km, \(10 + i) min, 1/1") { confirmed.append("app-\(i)") }
        }
        screen.send("m")
        screen.waitFor("Morning check \(rehab.today)", "Pain/stiffness")
        // 1/10: one above the demo's calm mornings, so no red day steps the schedule back and
        // the week stays in km.
        screen.send("1", "Enter")
        screens.append(screen.waitFor("Morning check saved: 1/10"))
        let ackedDuringApp = acknowledged.withLock { $0.count }

        stop.store(true, ordering: .relaxed)
        done.wait()
        // Three more CLI writes after the app's last reload, for `r` to pick up.
        for i in 0..<3 {
            let note = "cli-late-\(i)"
            let result = try rehab.run(Self.cliRun(note: note))
            if result.status == 0 {
                acknowledged.withLock { $0.append(note) }
            } else {
                failures.withLock { $0.append("\(note): \(result)") }
            }
        }

        let failed = failures.withLock { $0 }
        let acked = acknowledged.withLock { $0 }
        #expect(failed.isEmpty, "\(failed.count) CLI writes failed, e.g. \(failed.prefix(3))")
        for text in screens + failed {
            #expect(!text.contains("locked") && !text.contains("busy"), "\(text)")
        }
        #expect(confirmed.count == appSaves, "the app confirmed \(confirmed)")

        let notes = try noteCounts(rehab.databasePath)
        for note in acked + confirmed {
            #expect(notes[note] == 1, "\(note) stored \(notes[note] ?? 0)×")
        }
        #expect(
            try count(rehab, "session") == sessionsBefore + acked.count + confirmed.count,
            "no row nobody wrote")
        #expect(try count(rehab, "morning_check") == morningsBefore + 1)
        #expect(
            try sqlite(
                rehab.databasePath,
                "SELECT pain FROM morning_check WHERE date = '\(rehab.today)'") == "1")
        #expect(try sqlite(rehab.databasePath, "PRAGMA integrity_check") == "ok")

        // The week's distance as the database has it; the app shows it after `r` at the latest.
        // (Whether it is still stale before `r` depends on timing: the app also reads outside
        // changes by itself once a second when idle, which a slow machine gives it time to do.)
        let week = try sqlite(
            rehab.databasePath,
            "SELECT printf('%.1f', total(km)) FROM session WHERE date >= '\(rehab.today)'")
        func weekLine(_ text: String) -> String {
            text.split(separator: "\n").first { $0.contains("This week") }.map(String.init) ?? ""
        }
        #expect(!weekLine(screen.screen()).isEmpty, "the Today screen shows this week's load")
        screen.send("r")
        screen.waitUntil("\(week) km this week") { weekLine($0).contains(" \(week) ") }
        print(
            "app + CLI: \(acked.count) CLI writes acknowledged (\(ackedDuringApp) while the app "
                + "worked), \(confirmed.count) app sessions and 1 morning check confirmed, "
                + "\(failed.count) failures, all stored once; after r the app shows \(week) km")
    }

    static func cliRun(note: String) -> [String] {
        [
            "log", "--activity", "run", "--km", "0.1", "--minutes", "5", "--pain-during", "1",
            "--pain-after", "1", "--note", note,
        ]
    }

    // MARK: - Signals during a form

    /// Signals the test runner's children inherit blocked; the wrapper blocks them the same way
    /// before it runs rehab, so the test shows the app unblocks what it handles.
    static let blockSignals: [String] = {
        // Numbers, not names: perl's POSIX module has no SIGWINCH.
        let numbers = [SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP, SIGCONT, SIGWINCH]
            .map(String.init).joined(separator: ", ")
        return [
            "/usr/bin/perl", "-e",
            "use POSIX; sigprocmask(SIG_BLOCK, POSIX::SigSet->new(\(numbers))) or die \"$!\";"
                + " exec { $ARGV[0] } @ARGV or die \"exec: $!\"",
        ]
    }()

    /// SIGTERM, SIGHUP, SIGINT and SIGQUIT sent to rehab itself while the Log form holds half a
    /// session: the process ends, the terminal is cooked again with the alternate screen left
    /// and the cursor shown, and no row is saved. `blocked`: rehab started with those signals
    /// blocked.
    @Test(arguments: [SIGTERM, SIGHUP, SIGINT, SIGQUIT], [false, true])
    func aSignalDuringAFormRestoresTheTerminalAndSavesNothing(signal: Int32, blocked: Bool)
        throws
    {
        if blocked && !FileManager.default.isExecutableFile(atPath: "/usr/bin/perl") {
            print("signals: perl is missing, so the blocked-signal case is skipped")
            return
        }
        let screen = try TmuxTests.demo()
        defer { screen.stop() }
        let rehab = screen.rehab
        let before = try (count(rehab, "session"), count(rehab, "morning_check"))
        screen.start(wrapper: blocked ? Self.blockSignals : [])
        screen.waitFor("Verdict:", "Today")
        screen.send("n")
        screen.waitFor("Log a session", "Distance (km)")
        screen.send("Tab", "Tab")
        screen.type("7.25")
        screen.send("Tab")
        screen.type("4")
        screen.waitFor("7.25")
        guard let pid = screen.appPID() else {
            Issue.record("no rehab process in the pane")
            return
        }
        // A rehab that ignored the signal would outlive the test, so make sure it ends.
        defer { if isRunning(pid) { kill(pid, SIGKILL) } }
        #expect(screen.pane("#{alternate_on}") == "1")
        if blocked {
            #expect(!blockedSignals(pid).contains(signal), "the app left signal \(signal) blocked")
        }
        let sent = ContinuousClock.now
        kill(pid, signal)
        let after = screen.waitFor("exit=", "icanon")
        let took = ContinuousClock.now - sent
        let code = exitCode(after)
        // Every one: the guard restores the terminal and dies of the signal (INT gives 130,
        // as after Ctrl-C in any program).
        let expected: Set<Int> = [128 + Int(signal)]
        #expect(code.map { expected.contains($0) } == true, "exit \(code ?? -1)\n\(after)")
        expectRestored(screen, after)
        #expect(!isRunning(pid), "rehab \(pid) is still running")
        let sessions = try count(rehab, "session")
        let mornings = try count(rehab, "morning_check")
        #expect(sessions == before.0, "a partial session was saved")
        #expect(mornings == before.1)
        #expect(
            try sqlite(rehab.databasePath, "SELECT count(*) FROM session WHERE km = 7.25") == "0")
        print(
            "signal \(signal)\(blocked ? " (inherited blocked)" : ""): exit \(code ?? -1) after "
                + "\(took); alternate screen on: \(screen.pane("#{alternate_on}")); rows saved: "
                + "\(sessions - before.0 + mornings - before.1)")
    }

    /// The terminal goes away and SIGHUP does not reach the app (here: it runs in a session of
    /// its own, so the hangup is not sent to it): it ends by itself instead of spinning on reads
    /// that fail at once.
    @Test func theAppEndsWhenItsTerminalCloses() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/setsid") else {
            print("hangup: setsid is missing, skipped")
            return
        }
        let screen = try TmuxTests.demo()
        defer { screen.stop() }
        screen.start(wrapper: ["/usr/bin/setsid", "--wait"])
        screen.waitFor("Verdict:", "Today")
        guard let pid = screen.appPID() else {
            Issue.record("no rehab process in the pane")
            return
        }
        defer { if isRunning(pid) { kill(pid, SIGKILL) } }
        let closed = ContinuousClock.now
        screen.kill()
        let deadline = Date().addingTimeInterval(5)
        while isRunning(pid) && Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        let ended = !isRunning(pid)
        #expect(ended, "rehab \(pid) outlived its terminal")
        print(
            "hangup without SIGHUP: rehab \(ended ? "ended" : "still running") "
                + "\(ContinuousClock.now - closed) after its pty closed")
    }

    // MARK: - Ctrl-C during a slow save

    /// The Log form sent while another process holds the database's write lock: the app shows
    /// "saving…" and stays responsive while SQLite waits for the lock (up to 5 s).
    func sendASlowSession(_ screen: TmuxScreen, note: String) {
        screen.send("n")
        screen.waitFor("Log a session", "Distance (km)")
        screen.send("Tab", "Tab")
        screen.type("1")
        screen.send("Tab")
        screen.type("33")
        screen.send("Tab", "1", "Tab", "1", "Tab", "Tab", "Tab", "Tab")
        screen.type(note)
        screen.send("Enter")
        screen.waitFor("saving…")
    }

    /// Ctrl-C while a save waits for the store: the app says it quits once the save has
    /// answered, does so when the lock is gone, says the save was stored, and exits 130.
    @Test func ctrlCDuringASlowSaveWaitsForItsAnswer() throws {
        let screen = try TmuxTests.demo()
        defer { screen.stop() }
        let rehab = screen.rehab
        let before = try count(rehab, "session")
        screen.start()
        screen.waitFor("Verdict:", "Today")
        let lock = try WriteLock(rehab.databasePath)
        sendASlowSession(screen, note: "slow-save")
        screen.send("C-c")
        let held = screen.waitFor("Ctrl-C: rehab quits after the answer")
        #expect(!held.contains("exit="), "Ctrl-C ended the app before the save answered")
        let released = ContinuousClock.now
        lock.release()
        let after = screen.waitFor("exit=", "icanon")
        #expect(exitCode(after) == 130, "\(after)")
        #expect(after.contains("rehab: quit on Ctrl-C after the save was stored."), "\(after)")
        expectRestored(screen, after)
        #expect(try count(rehab, "session") == before + 1)
        #expect(
            try sqlite(rehab.databasePath, "SELECT count(*) FROM session WHERE note = 'slow-save'")
                == "1")
        print("Ctrl-C during a save: quit \(ContinuousClock.now - released) after the lock went")
    }

    /// A second Ctrl-C does not wait: the app ends at once and says the save may or may not
    /// be stored (here it was not: SQLite never got the lock).
    @Test func aSecondCtrlCQuitsAtOnceAndSaysTheSaveIsUnknown() throws {
        let screen = try TmuxTests.demo()
        defer { screen.stop() }
        let rehab = screen.rehab
        screen.start()
        screen.waitFor("Verdict:", "Today")
        let lock = try WriteLock(rehab.databasePath)
        defer { lock.release() }
        sendASlowSession(screen, note: "abandoned")
        screen.send("C-c")
        screen.waitFor("Ctrl-C: rehab quits after the answer")
        screen.send("C-c")
        let after = screen.waitFor("exit=", "icanon")
        #expect(exitCode(after) == 130, "\(after)")
        #expect(after.contains("rehab: quit while saving; the last change may or may not be"))
        expectRestored(screen, after)
        lock.release()
        #expect(
            try sqlite(rehab.databasePath, "SELECT count(*) FROM session WHERE note = 'abandoned'")
                == "0")
    }

    /// SIGTERM during a save ends the app at once (as it always does) and says the save may
    /// or may not be stored.
    @Test func aTermDuringASaveSaysTheSaveIsUnknown() throws {
        let screen = try TmuxTests.demo()
        defer { screen.stop() }
        let rehab = screen.rehab
        screen.start()
        screen.waitFor("Verdict:", "Today")
        let lock = try WriteLock(rehab.databasePath)
        defer { lock.release() }
        sendASlowSession(screen, note: "terminated")
        guard let pid = screen.appPID() else {
            Issue.record("no rehab process in the pane")
            return
        }
        defer { if isRunning(pid) { kill(pid, SIGKILL) } }
        kill(pid, SIGTERM)
        let after = screen.waitFor("exit=", "icanon")
        #expect(exitCode(after) == 128 + Int(SIGTERM), "\(after)")
        #expect(after.contains("rehab: quit while saving; the last change may or may not be"))
        expectRestored(screen, after)
    }

    // MARK: - A forced crash

    /// REHAB_TEST_CRASH=after-first-frame traps once the first frame is on screen: the process
    /// dies of the signal, the crash guard has given the terminal back, and the fatal-error
    /// message is on the restored screen.
    @Test func aCrashRestoresTheTerminal() throws {
        let screen = try TmuxTests.demo()
        defer { screen.stop() }
        screen.start(environment: ["REHAB_TEST_CRASH": "after-first-frame"])
        let after = screen.waitFor("exit=", "icanon")
        let code = exitCode(after) ?? -1
        let trapped = [128 + Int(SIGILL), 128 + Int(SIGTRAP)]
        #expect(trapped.contains(code), "exit \(code): not a Swift trap\n\(after)")
        expectRestored(screen, after)
        // The runtime's message was kept aside while the screen was the app's and shows now,
        // so the user can say what happened.
        #expect(after.contains("Fatal error: REHAB_TEST_CRASH"), "\(after)")
        print("crash: rehab died with exit \(code) (signal \(code - 128)), terminal restored")
    }

    // MARK: - Resizes

    /// 50 resizes in a couple of seconds, a third of them below 60×20, then a final size: the
    /// same process is alive, answers keys, and shows exactly what a fresh start at that size
    /// shows.
    @Test func aResizeStormEndsOnTheRightScreen() throws {
        let screen = try TmuxTests.demo()
        defer { screen.stop() }
        screen.start()
        screen.waitFor("Verdict:", "Today")
        let pid = screen.appPID()
        #expect(pid != nil)
        let sizes = [(100, 30), (50, 15), (80, 24), (59, 19), (132, 43), (20, 5), (60, 20)]
        let started = ContinuousClock.now
        var small = 0
        for i in 0..<50 {
            let (width, height) = sizes[i % sizes.count]
            if width < 60 || height < 20 { small += 1 }
            screen.resize(width: width, height: height)
            Thread.sleep(forTimeInterval: 0.02)
        }
        screen.resize(width: 100, height: 30)
        let storm = ContinuousClock.now - started

        // What a fresh start at 100×30 shows, from the same database.
        let fresh = TmuxScreen(screen.rehab)
        defer { fresh.kill() }
        fresh.start(width: 100, height: 30)
        let expected = fresh.waitUntil("a fresh start at 100×30") { Self.settled($0) }
        let settled = screen.waitUntil("the storm's last frame to match a fresh start") {
            $0 == expected
        }
        #expect(settled == expected)
        #expect(screen.appPID() == pid, "rehab restarted or died")
        #expect(pid.map(isRunning) == true)
        screen.send("?")
        screen.waitFor("Keys", "reload from the database")
        screen.send("Escape")
        screen.waitFor("Verdict:", "Today")
        print(
            "resize storm: 51 resizes (\(small) below 60×20) in \(storm), same process alive "
                + "and answering, final 100×30 screen identical to a fresh start")
    }

    /// Started at 20×5 the app asks for a larger terminal in what fits, q still quits and the
    /// terminal is given back.
    @Test func aTwentyByFiveTerminal() throws {
        let screen = try TmuxTests.demo()
        defer { screen.stop() }
        screen.start(width: 20, height: 5)
        let tiny = screen.waitFor("enlarge")
        #expect(tiny.split(separator: "\n").allSatisfy { $0.count <= 20 })
        screen.send("q")
        let after = screen.waitFor("exit=0", "icanon", history: true)
        expectRestored(screen, after)
        print("20×5: the enlarge message showed and q quit with exit 0, terminal restored")
    }

    /// 80×24 → 20×5 → 80×24: the message, then the very same screen as before.
    @Test func shrinkToTwentyByFiveAndBack() throws {
        let screen = try TmuxTests.demo()
        defer { screen.stop() }
        screen.start()
        let before = screen.waitUntil("the first screen, whole log read") { Self.settled($0) }
        screen.resize(width: 20, height: 5)
        screen.waitFor("enlarge")
        screen.resize(width: 80, height: 24)
        let back = screen.waitUntil("the 80×24 screen again") { $0 == before }
        #expect(back == before)
    }

    // MARK: - Locale and refusals

    /// LANG=C: every screen is drawn in ASCII (no UTF-8 bytes shown as garbage such as "M-b")
    /// and still says what it should.
    @Test func aCLocaleGetsASCII() throws {
        let screen = try TmuxTests.demo()
        defer { screen.stop() }
        screen.start(environment: ["LANG": "C", "LC_ALL": "C"])
        var seen: [String] = []
        seen.append(screen.waitFor("Verdict:", "Today", "This week"))
        screen.send("n")
        seen.append(screen.waitFor("Log a session", "Pain during"))
        screen.send("Tab", "Tab", "Tab", "Tab", "3")
        seen.append(screen.waitFor("3/10"))
        // A filled form asks before it is thrown away (issue 16): yes.
        screen.send("Escape")
        seen.append(screen.waitFor("Close the form without saving?"))
        screen.send("y")
        screen.waitFor("Verdict:")
        screen.send("Tab")
        seen.append(screen.waitUntil("another screen") { !$0.contains("Verdict:") })
        screen.send("Tab")
        seen.append(screen.waitUntil("a third screen") { $0 != seen.last })
        screen.send("?")
        seen.append(screen.waitFor("Keys"))
        for text in seen {
            let foreign = text.unicodeScalars.filter { !$0.isASCII }
            #expect(foreign.isEmpty, "not ASCII: \(String(String.UnicodeScalarView(foreign)))")
            #expect(!text.contains("M-") && !text.contains("~@"), "garbage:\n\(text)")
        }
        print("LANG=C: \(seen.count) screens checked, all ASCII")
    }

    /// Where the app refuses to start (unknown or missing TERM, output or input not a terminal)
    /// it says why, leaves the terminal as it was, writes no escape codes anywhere and creates
    /// no database.
    @Test func refusalsLeaveTheTerminalAlone() throws {
        let cases: [(name: String, term: String, redirect: String, says: String)] = [
            ("TERM=bogus", "bogus", "", "the terminal type 'bogus' is unknown"),
            ("TERM empty", "", "", "TERM is not set"),
            ("stdout to a file", "xterm-256color", "> out.txt", "needs a terminal"),
            ("stdin from /dev/null", "xterm-256color", "< /dev/null", "needs a terminal"),
        ]
        for refusal in cases {
            let rehab = try Rehab()
            let screen = TmuxScreen(rehab)
            defer { screen.stop() }
            screen.start(
                term: refusal.term,
                redirect: refusal.redirect.replacingOccurrences(
                    of: "out.txt", with: "'\(rehab.directory.path)/out.txt'"))
            let after = screen.waitFor("exit=", "icanon")
            #expect(exitCode(after) == 1, "\(refusal.name): \(after)")
            #expect(after.contains(refusal.says), "\(refusal.name): \(after)")
            expectRestored(screen, after)
            let out = FileManager.default.contents(
                atPath: rehab.directory.appendingPathComponent("out.txt").path)
            if refusal.redirect.contains("out.txt") {
                #expect(out?.isEmpty == true, "\(refusal.name): wrote \(out?.count ?? -1) bytes")
            }
            #expect(rehab.databaseBytes() == nil, "\(refusal.name): a database was created")
        }
        print(
            "refusals: \(cases.count) cases (\(cases.map(\.name).joined(separator: ", "))), "
                + "exit 1 with a message, terminal untouched, no database created")
    }

    // MARK: - Ctrl-Z

    /// From an interactive shell: Ctrl-Z gives a cooked terminal and the prompt back, `fg`
    /// brings the app back with every line redrawn.
    @Test func suspendAndResumeRedrawsEverything() throws {
        let screen = try TmuxTests.demo()
        defer { screen.stop() }
        screen.startShell()
        screen.waitFor("rehab-test$")
        screen.type(screen.commandLine())
        screen.send("Enter")
        let before = screen.waitUntil("the first screen, whole log read") { Self.settled($0) }
        let pid = screen.appPID()
        screen.send("C-z")
        screen.waitFor("Stopped", "rehab-test$")
        #expect(screen.pane("#{alternate_on}") == "0")
        #expect(screen.pane("#{cursor_flag}") == "1")
        screen.send("C-l")
        screen.type("stty -a")
        screen.send("Enter")
        let modes = terminalModes(screen.waitFor("icanon", "rehab-test$"))
        #expect(modes.contains("icanon") && modes.contains("echo"))
        #expect(!modes.contains("-icanon") && !modes.contains("-echo"))
        let resumed = ContinuousClock.now
        screen.type("fg")
        screen.send("Enter")
        let after = screen.waitUntil("the app's screen again, complete") { $0 == before }
        let took = ContinuousClock.now - resumed
        #expect(after == before)
        #expect(screen.appPID() == pid)

        // Suspended again, the terminal grows meanwhile: fg draws at the new size, the same
        // screen a fresh start at 100×30 shows.
        screen.send("C-z")
        screen.waitFor("Stopped", "rehab-test$")
        screen.resize(width: 100, height: 30)
        let fresh = TmuxScreen(screen.rehab)
        defer { fresh.kill() }
        fresh.start(width: 100, height: 30)
        let expected = fresh.waitUntil("a fresh start at 100×30") { Self.settled($0) }
        screen.send("C-l")
        screen.type("fg")
        screen.send("Enter")
        let grown = screen.waitUntil("the app at 100×30 after fg") { $0 == expected }
        #expect(grown == expected)
        screen.send("q")
        let quit = screen.waitFor("rehab-test$")
        #expect(screen.pane("#{alternate_on}") == "0", "\(quit)")
        print(
            "Ctrl-Z: 2 suspends with a cooked terminal; fg redrew all 24 lines in \(took), and "
                + "drew the new 100×30 size after a resize while stopped")
    }

    // MARK: - Helpers

    /// Today with the whole log read: the first frame comes from today's window and says
    /// "Reading the whole log…" until the rest is in, which a slow machine shows for a while.
    static func settled(_ screen: String) -> Bool {
        screen.contains("Verdict:") && screen.contains("Today")
            && !screen.contains("Reading the whole log")
    }

    /// Whether a process exists and is not a zombie.
    func isRunning(_ pid: pid_t) -> Bool {
        guard kill(pid, 0) == 0,
            let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return false }
        return !stat[stat.index(after: close)...].hasPrefix(" Z")
    }

    func count(_ rehab: Rehab, _ table: String) throws -> Int {
        Int(try sqlite(rehab.databasePath, "SELECT count(*) FROM \(table)")) ?? -1
    }

    /// The number after "exit=" that the pane's shell printed.
    func exitCode(_ screen: String) -> Int? {
        guard let range = screen.range(of: "exit=") else { return nil }
        return Int(screen[range.upperBound...].prefix { $0.isNumber })
    }

    /// Cooked modes (icanon, echo), the alternate screen left and the cursor visible.
    func expectRestored(
        _ screen: TmuxScreen, _ after: String, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let modes = terminalModes(after)
        #expect(
            modes.contains("icanon") && modes.contains("echo") && !modes.contains("-icanon")
                && !modes.contains("-echo"), "\(after)", sourceLocation: sourceLocation)
        #expect(
            screen.pane("#{alternate_on}") == "0", "still on the alternate screen",
            sourceLocation: sourceLocation)
        #expect(
            screen.pane("#{cursor_flag}") == "1", "the cursor is hidden",
            sourceLocation: sourceLocation)
    }

    /// The signals a process's main thread blocks (from /proc/PID/status).
    func blockedSignals(_ pid: pid_t) -> Set<Int32> {
        let status = (try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)) ?? ""
        guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix("SigBlk:") }),
            let mask = UInt64(
                line.dropFirst("SigBlk:".count).trimmingCharacters(in: .whitespaces),
                radix: 16)
        else { return [] }
        return Set((1...64).filter { mask & (1 << UInt64($0 - 1)) != 0 }.map { Int32($0) })
    }
}

/// A sqlite3 shell holding a database's write lock (BEGIN EXCLUSIVE) until `release`.
final class WriteLock {
    private let process = Process()
    private let input = Pipe()
    private var released = false

    init(_ path: String) throws {
        let output = Pipe()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = ["-batch", path]
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        input.fileHandleForWriting.write(Data("BEGIN EXCLUSIVE;\nSELECT 'locked';\n".utf8))
        // Held once sqlite3 has answered the statement after BEGIN.
        var said = Data()
        while !String(decoding: said, as: UTF8.self).contains("locked") {
            let more = output.fileHandleForReading.availableData
            if more.isEmpty { break }
            said.append(more)
        }
    }

    func release() {
        guard !released else { return }
        released = true
        input.fileHandleForWriting.write(Data("COMMIT;\n".utf8))
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }
}
