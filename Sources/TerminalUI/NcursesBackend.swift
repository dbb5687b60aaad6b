import CNcursesw

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why the terminal could not be taken over. Nothing has been written to it in these cases.
public enum TerminalError: Error, Sendable, Hashable, CustomStringConvertible {
    case notATerminal(stream: String)
    case unknownTerminal(term: String)
    case alreadyActive

    public var description: String {
        switch self {
        case .notATerminal(let stream):
            "\(stream) is not a terminal; the full-screen app needs one"
        case .unknownTerminal(let term):
            term.isEmpty
                ? "TERM is not set; the full-screen app cannot tell what terminal this is"
                : "the terminal type '\(term)' is unknown to terminfo"
        case .alreadyActive:
            "the terminal is already in use by another screen"
        }
    }
}

/// The real terminal through ncursesw. Create it on the thread that will run the app loop and
/// use it only there: curses is not thread-safe, so this type is deliberately not Sendable.
public final class NcursesBackend: Backend {
    public private(set) var size: Size
    public let glyphs: Glyphs
    /// Whether colours are drawn (has_colors and NO_COLOR unset or empty).
    public let usesColor: Bool
    /// Whether clicks and the wheel come in as `.mouse` keys: asked for, and the terminal has
    /// mouse support in terminfo.
    public let reportsMouse: Bool
    /// Cells written by the last draw (for benchmarks).
    public private(set) var lastFrameChangedCells = 0

    private let screen: OpaquePointer
    /// The thread's signal mask before the backend unblocked the signals it handles.
    private var savedSignalMask = sigset_t()
    /// Where stderr goes while the screen is ours (see `rehab_guard_capture_stderr`).
    private var capturedStderr: UnsafeMutablePointer<FILE>?
    /// Test-only: trap on purpose once the first frame is on screen (`REHAB_TEST_CRASH`).
    private let crashAfterFirstFrame: Bool
    private var previous: Grid?
    /// Set by a resize: the first quiet moment after it redraws everything once more, since in
    /// a storm of resizes the terminal may drop or crop a frame drawn between two of them.
    private var settleAfterResize = false
    private var pairs: [PairKey: Int16] = [:]
    private var nextPair: Int16 = 1
    private var isActive = true
    // One curses screen per process: a second would fight over the same terminal. Only read
    // and written on the thread that owns the terminal, hence nonisolated(unsafe).
    private nonisolated(unsafe) static var instanceExists = false

    private struct PairKey: Hashable {
        var fg: Int
        var bg: Int
    }

    /// Checks what the constructor refuses on, without touching the terminal.
    /// - Parameter knows: whether terminfo describes a terminal type (replaceable in tests).
    public static func preflight(
        stdinIsTerminal: Bool, stdoutIsTerminal: Bool, term: String?,
        knows: (String) -> Bool = NcursesBackend.terminfoDescribes
    ) -> TerminalError? {
        if !stdinIsTerminal { return .notATerminal(stream: "standard input") }
        if !stdoutIsTerminal { return .notATerminal(stream: "standard output") }
        guard let term, !term.isEmpty else { return .unknownTerminal(term: "") }
        // Asked here, not left to newterm, so an unknown TERM is refused before the app
        // creates or opens its database.
        if !knows(term) { return .unknownTerminal(term: term) }
        return nil
    }

    /// Whether terminfo has an entry for `term`. Reads the terminfo database, writes nothing.
    public static func terminfoDescribes(_ term: String) -> Bool {
        rehab_terminfo_known(term) == 1
    }

    /// Takes over the terminal: alternate screen, no echo, keys one by one.
    /// - Parameter mouse: report mouse presses as `.mouse` keys (off by default, because it
    ///   takes text selection away from the user).
    /// - Parameter colors: false draws without colour, exactly as NO_COLOR does (the app's
    ///   `theme: none`); NO_COLOR turns colour off whatever this says.
    /// LC_ALL, LC_CTYPE and LANG as set, for deciding the codeset asked for.
    static func localeVariables() -> [String: String] {
        var variables: [String: String] = [:]
        for name in ["LC_ALL", "LC_CTYPE", "LANG"] {
            if let value = getenv(name) { variables[name] = String(cString: value) }
        }
        return variables
    }

    public init(mouse: Bool = false, colors: Bool = true) throws(TerminalError) {
        guard !NcursesBackend.instanceExists else { throw .alreadyActive }
        let term = getenv("TERM").map { String(cString: $0) }
        if let refusal = NcursesBackend.preflight(
            stdinIsTerminal: isatty(STDIN_FILENO) == 1,
            stdoutIsTerminal: isatty(STDOUT_FILENO) == 1, term: term)
        {
            throw refusal
        }
        if setlocale(LC_ALL, "") == nil,
            let fallback = Glyphs.fallbackLocale(NcursesBackend.localeVariables())
        {
            // nl_NL.UTF-8 asked for but not installed: the codeset still decides.
            setlocale(LC_ALL, fallback)
        }
        glyphs = Glyphs.forCurrentLocale()
        // Before newterm, so ncurses sees our TERM handler and leaves it alone.
        _ = rehab_guard_install()
        // A Swift runtime error would otherwise be printed into the alternate screen and be
        // gone with it; this way it appears after the terminal is given back.
        capturedStderr = tmpfile()
        if let file = capturedStderr, rehab_guard_capture_stderr(fileno(file)) != 0 {
            fclose(file)
            capturedStderr = nil
        }
        // newterm (unlike initscr) returns nil for an unknown TERM instead of exiting.
        guard let screen = newterm(term, rehab_stdout(), rehab_stdin()) else {
            rehab_guard_replay_stderr()
            if let file = capturedStderr { fclose(file) }
            rehab_guard_remove()
            throw .unknownTerminal(term: term ?? "")
        }
        self.screen = screen
        set_term(screen)
        set_escdelay(25)
        let window = rehab_stdscr()
        keypad(window, true)
        noecho()
        cbreak()
        nonl()
        curs_set(0)
        let noColor = getenv("NO_COLOR").map { String(cString: $0) } ?? ""
        if colors, noColor.isEmpty, has_colors() {
            start_color()
            use_default_colors()
            usesColor = true
        } else {
            usesColor = false
        }
        if mouse {
            // Presses only, with no wait to pair them with a release into a click: a click
            // acts at once, and a double click is simply two presses.
            reportsMouse = mousemask(rehab_mouse_mask(), nil) != 0
            mouseinterval(0)
        } else {
            reportsMouse = false
        }
        size = Size(width: Int(rehab_cols()), height: Int(rehab_lines()))
        crashAfterFirstFrame =
            getenv("REHAB_TEST_CRASH").map { String(cString: $0) } == "after-first-frame"
        NcursesBackend.instanceExists = true
        savedSignalMask = NcursesBackend.unblockHandledSignals()
    }

    /// The signals the guard and ncurses handle: a process can inherit them blocked (children
    /// of Dispatch worker threads do, e.g. under a test runner), and a blocked SIGTERM would
    /// leave the app deaf to kill and the terminal raw after a crash signal. Unblocked last, so
    /// one already pending meets the handlers, not the default action. Returns the old mask.
    private static func unblockHandledSignals() -> sigset_t {
        var handled = sigset_t()
        sigemptyset(&handled)
        for signal in [
            SIGILL, SIGTRAP, SIGABRT, SIGSEGV, SIGBUS, SIGHUP, SIGQUIT, SIGINT, SIGTERM,  // guard
            SIGTSTP, SIGWINCH, SIGCONT,  // ncurses, and the guard's redraw after fg
        ] {
            sigaddset(&handled, signal)
        }
        var old = sigset_t()
        pthread_sigmask(SIG_UNBLOCK, &handled, &old)
        return old
    }

    deinit {
        restore()
    }

    /// Gives the terminal back (endwin) and removes the signal guard. Safe to call twice.
    public func restore() {
        guard isActive else { return }
        isActive = false
        endwin()
        delscreen(screen)
        rehab_guard_replay_stderr()
        if let file = capturedStderr { fclose(file) }
        capturedStderr = nil
        rehab_guard_hold_interrupt(nil)
        rehab_guard_remove()
        pthread_sigmask(SIG_SETMASK, &savedSignalMask, nil)
        NcursesBackend.instanceExists = false
    }

    public func draw(_ grid: Grid) {
        guard isActive else { return }
        if rehab_guard_take_continued() != 0 { previous = nil }
        let window = rehab_stdscr()
        if previous == nil { clearok(window, true) }
        let changes = grid.changes(from: previous)
        // A grid larger than the terminal (between a resize and the next frame) is clipped;
        // a wide glyph that would hang over the right edge is skipped, not wrapped.
        for change in changes
        where change.x + change.cell.width <= size.width && change.y < size.height {
            write(change.cell, x: change.x, y: change.y, window: window)
        }
        lastFrameChangedCells = changes.count
        previous = grid
        wrefresh(window)
        if crashAfterFirstFrame {
            // REHAB_TEST_CRASH=after-first-frame: lets the end-to-end tests prove the crash
            // guard gives the terminal back. Nothing else sets it.
            fatalError("REHAB_TEST_CRASH=after-first-frame: crashing on purpose")
        }
    }

    public func holdInterrupt(saying lastWords: String?) {
        guard isActive else { return }
        if let lastWords {
            lastWords.withCString { rehab_guard_hold_interrupt($0) }
        } else {
            rehab_guard_hold_interrupt(nil)
        }
    }

    public func readKey(timeoutMs: Int) -> Key? {
        guard isActive else { return nil }
        if rehab_guard_take_interrupt() != 0 { return .ctrl("c") }
        if rehab_guard_take_stop() != 0 { return suspend() }
        if rehab_guard_take_continued() != 0 {
            // Back from a stop: the screen may have been overwritten and resized meanwhile.
            return refreshSize()
        }
        let window = rehab_stdscr()
        // A blocking read is restarted after SIGWINCH (ncurses' handler uses SA_RESTART), so
        // a resize would wait for the next key; waiting in slices lets KEY_RESIZE through.
        let slice = 100
        var remaining = timeoutMs
        var code: wint_t = 0
        var status: Int32 = ERR
        while true {
            let wait = remaining < 0 ? slice : min(slice, remaining)
            wtimeout(window, Int32(clamping: wait))
            status = wget_wch(window, &code)
            if status == KEY_CODE_YES, Int32(code) == KEY_MOUSE {
                if let key = readMouse() { return key }
                // A release, or a button the app has no use for: no key, so no new frame.
                continue
            }
            if status != ERR { break }
            if NcursesBackend.terminalHungUp() {
                // Nobody can see or answer the app any more, and every read now fails at once:
                // end the way a hangup does (the guard restores what it can) instead of
                // spinning on the dead terminal. Happens when SIGHUP does not reach the app.
                raise(SIGHUP)
                return nil
            }
            if rehab_guard_take_interrupt() != 0 { return .ctrl("c") }
            if rehab_guard_take_stop() != 0 { return suspend() }
            if rehab_guard_take_continued() != 0 { return refreshSize() }
            if let settled = settledSize() { return settled }
            if remaining >= 0 {
                remaining -= wait
                if remaining <= 0 { return nil }
            }
        }
        if status == KEY_CODE_YES, Int32(code) == KEY_RESIZE { return refreshSize() }
        return KeyDecoder.decode(status: status, code: UInt32(code))
    }

    /// The event behind a KEY_MOUSE (getmouse), as a key; nil when it is not a press.
    private func readMouse() -> Key? {
        var event = MEVENT()
        guard getmouse(&event) == OK else { return nil }
        return KeyDecoder.mouse(x: Int(event.x), y: Int(event.y), buttonMask: UInt(event.bstate))
    }

    /// True once the terminal behind stdin is gone (a closed pty or a hung-up line).
    private static func terminalHungUp() -> Bool {
        var input = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
        guard poll(&input, 1, 0) == 1 else { return false }
        return input.revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0
    }

    /// Ctrl-Z: the shell gets a cooked terminal and its prompt; after fg, ncurses restores the
    /// app's modes on the next refresh and the whole screen is drawn at the current size.
    private func suspend() -> Key {
        endwin()
        rehab_guard_stop_now()
        _ = rehab_guard_take_continued()
        _ = rehab_guard_take_stop()
        var rows: Int32 = 0
        var cols: Int32 = 0
        if rehab_terminal_size(&rows, &cols) != 0 { resizeterm(rows, cols) }
        return refreshSize()
    }

    private func refreshSize() -> Key {
        size = Size(width: Int(rehab_cols()), height: Int(rehab_lines()))
        previous = nil
        settleAfterResize = true
        return .resize
    }

    /// On a quiet read after a resize: a last resize if the kernel's size differs from what
    /// ncurses last heard (a SIGWINCH can be lost between two others), else one full redraw.
    private func settledSize() -> Key? {
        var rows: Int32 = 0
        var cols: Int32 = 0
        if rehab_terminal_size(&rows, &cols) != 0,
            Int(rows) != size.height || Int(cols) != size.width
        {
            resizeterm(rows, cols)
            return refreshSize()
        }
        guard settleAfterResize else { return nil }
        settleAfterResize = false
        previous = nil
        return .resize
    }

    private func write(_ cell: Cell, x: Int, y: Int, window: UnsafeMutablePointer<WINDOW>?) {
        var attributes = rehab_a_normal()
        var style = cell.style
        if !usesColor, cell.bg != .default { style.insert(.reverse) }
        if style.contains(.bold) { attributes |= rehab_a_bold() }
        if style.contains(.dim) { attributes |= rehab_a_dim() }
        if style.contains(.reverse) { attributes |= rehab_a_reverse() }
        if style.contains(.underline) { attributes |= rehab_a_underline() }
        let pair = usesColor ? pairNumber(fg: cell.fg, bg: cell.bg) : 0
        var characters: [wchar_t] = cell.symbol.unicodeScalars.prefix(Int(CCHARW_MAX) - 1)
            .map { wchar_t(bitPattern: $0.value) }
        if characters.isEmpty { characters = [wchar_t(32)] }
        characters.append(0)
        var complex = cchar_t()
        if setcchar(&complex, characters, attributes, pair, nil) != OK {
            // ncurses refuses some clusters (e.g. emoji joined by ZWJ): draw the first scalar.
            let first: [wchar_t] = [characters[0], 0]
            setcchar(&complex, first, attributes, pair, nil)
        }
        mvwadd_wch(window, Int32(y), Int32(x), &complex)
    }

    // Colour pairs are allocated as combinations appear; when the terminal runs out, the
    // default pair is used rather than failing.
    private func pairNumber(fg: Color, bg: Color) -> Int16 {
        let key = PairKey(fg: usable(fg), bg: usable(bg))
        if key.fg == -1 && key.bg == -1 { return 0 }
        if let pair = pairs[key] { return pair }
        guard Int(nextPair) < Int(rehab_color_pairs()) else { return 0 }
        let pair = nextPair
        guard init_pair(pair, Int16(key.fg), Int16(key.bg)) == OK else { return 0 }
        nextPair += 1
        pairs[key] = pair
        return pair
    }

    // A colour the terminal cannot show becomes its 8-colour cousin, or the default.
    private func usable(_ color: Color) -> Int {
        let index = color.paletteIndex
        let count = Int(rehab_colors())
        if index < count { return index }
        if index < 16 { return index - 8 }
        return -1
    }
}

@available(*, unavailable, message: "curses may only be used from the thread that started it")
extension NcursesBackend: Sendable {}
