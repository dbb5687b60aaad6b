// CNcursesw: the C surface TerminalUI needs from ncursesw, plus the few pieces Swift cannot
// express safely: attribute and key macros, the stdscr global (not concurrency-safe in Swift 6),
// and an async-signal-safe crash guard that restores the terminal.
#ifndef REHAB_CNCURSESW_SHIM_H
#define REHAB_CNCURSESW_SHIM_H

// pkg-config's -D_XOPEN_SOURCE=600 is rejected by SwiftPM; without these defines the wide
// character API (cchar_t, setcchar, get_wch) is hidden.
#define _XOPEN_SOURCE_EXTENDED 1
#define NCURSES_WIDECHAR 1

#include <ncursesw/curses.h>
#include <locale.h>
#include <langinfo.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>
#include <wchar.h>

extern int wcwidth(wchar_t c);

static inline WINDOW *rehab_stdscr(void) { return stdscr; }
static inline FILE *rehab_stdin(void) { return stdin; }
static inline FILE *rehab_stdout(void) { return stdout; }
static inline int rehab_lines(void) { return getmaxy(stdscr); }
static inline int rehab_cols(void) { return getmaxx(stdscr); }
// The terminal's size as the kernel knows it now, for when a SIGWINCH got lost in a storm of
// them; 0 when there is no terminal to ask.
static inline int rehab_terminal_size(int *rows, int *cols) {
    struct winsize size;
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) != 0 || size.ws_row == 0 || size.ws_col == 0)
        return 0;
    *rows = size.ws_row;
    *cols = size.ws_col;
    return 1;
}
static inline int rehab_color_pairs(void) { return COLOR_PAIRS; }
static inline int rehab_colors(void) { return COLORS; }

static inline attr_t rehab_a_normal(void) { return A_NORMAL; }
static inline attr_t rehab_a_bold(void) { return A_BOLD; }
static inline attr_t rehab_a_dim(void) { return A_DIM; }
static inline attr_t rehab_a_reverse(void) { return A_REVERSE; }
static inline attr_t rehab_a_underline(void) { return A_UNDERLINE; }

static inline int rehab_key_f(int n) { return KEY_F(n); }

static inline mmask_t rehab_mouse_mask(void) {
    return BUTTON1_PRESSED | BUTTON2_PRESSED | BUTTON3_PRESSED | BUTTON4_PRESSED
        | BUTTON5_PRESSED;
}
static inline mmask_t rehab_button1_pressed(void) { return BUTTON1_PRESSED; }
static inline mmask_t rehab_button2_pressed(void) { return BUTTON2_PRESSED; }
static inline mmask_t rehab_button3_pressed(void) { return BUTTON3_PRESSED; }
static inline mmask_t rehab_button4_pressed(void) { return BUTTON4_PRESSED; }
static inline mmask_t rehab_button5_pressed(void) { return BUTTON5_PRESSED; }

static inline const char *rehab_codeset(void) { return nl_langinfo(CODESET); }

/// 1 when terminfo describes `term`. Reads the database only: nothing is written and, unlike
/// newterm, nothing else needs the terminal, so the app can refuse before it opens its data.
/// Declared here rather than through <term.h>, whose capability macros (lines, columns, ...)
/// would leak into this header.
static inline int rehab_terminfo_known(const char *term) {
    struct term;
    extern int setupterm(const char *, int, int *);
    extern struct term *set_curterm(struct term *);
    extern int del_curterm(struct term *);
    struct term *saved = set_curterm(NULL);
    int status = 0;
    int result = setupterm(term, STDOUT_FILENO, &status);
    struct term *loaded = set_curterm(saved);
    if (loaded != NULL && loaded != saved) del_curterm(loaded);
    return result == OK && status == 1;
}

// ---- Terminal guard -------------------------------------------------------------------------
// Lives in C because a signal handler may only call async-signal-safe functions; Swift code
// cannot promise that. Swift emits the static inline functions it uses (but not file-scope
// variables of a header), so the state is a function-local static; each Swift file that calls
// these gets its own copy, so every call must come from one Swift file (NcursesBackend.swift).
#define REHAB_GUARD_SIGNAL_COUNT 9

struct rehab_guard_state {
    struct termios termios;
    volatile sig_atomic_t armed;
    volatile sig_atomic_t continued;
    volatile sig_atomic_t stop_requested;
    struct sigaction previous[REHAB_GUARD_SIGNAL_COUNT];
    struct sigaction previous_cont;
    struct sigaction previous_tstp;
    /// While set, stderr goes to `capture_fd` and the real one waits in `saved_stderr`.
    volatile sig_atomic_t capturing;
    int capture_fd;
    int saved_stderr;
    /// While set, a first Ctrl-C only asks (a save is on its way); a second one, or any other
    /// signal that ends the app, writes `held_message` after the terminal is restored.
    volatile sig_atomic_t holding_interrupt;
    /// A Ctrl-C was held since the hold began (the next one ends the app).
    volatile sig_atomic_t interrupt_held;
    /// A held Ctrl-C the app has not taken yet (`rehab_guard_take_interrupt`).
    volatile sig_atomic_t interrupt_requested;
    char held_message[512];
    volatile size_t held_message_length;
};

static inline struct rehab_guard_state *rehab_guard(void) {
    static struct rehab_guard_state state;
    return &state;
}

static inline int rehab_guard_signal(size_t i) {
    switch (i) {
    case 0: return SIGILL;
    case 1: return SIGTRAP;
    case 2: return SIGABRT;
    case 3: return SIGSEGV;
    case 4: return SIGBUS;
    case 5: return SIGHUP;
    case 6: return SIGQUIT;
    // Ctrl-C too: ncurses' own handler would clean up inside the signal handler and exit 1;
    // this one restores the terminal and dies of SIGINT, so a shell sees the usual 130.
    case 7: return SIGINT;
    default: return SIGTERM;
    }
}

/// While the screen is ours, stderr goes to `capture_fd` (an unlinked temporary file): a crash
/// message written into the alternate screen would vanish with it. Returns 0 on success.
static inline int rehab_guard_capture_stderr(int capture_fd) {
    struct rehab_guard_state *guard = rehab_guard();
    if (guard->capturing) return -1;
    int saved = dup(STDERR_FILENO);
    if (saved < 0) return -1;
    if (dup2(capture_fd, STDERR_FILENO) < 0) {
        close(saved);
        return -1;
    }
    guard->capture_fd = capture_fd;
    guard->saved_stderr = saved;
    guard->capturing = 1;
    return 0;
}

/// Puts stderr back and writes what was captured to it, once the terminal is ours no more.
/// Async-signal-safe (dup2, lseek, read, write, close), so the crash handler calls it too.
static inline void rehab_guard_replay_stderr(void) {
    struct rehab_guard_state *guard = rehab_guard();
    if (!guard->capturing) return;
    guard->capturing = 0;
    dup2(guard->saved_stderr, STDERR_FILENO);
    close(guard->saved_stderr);
    if (lseek(guard->capture_fd, 0, SEEK_SET) != 0) return;
    char buffer[4096];
    ssize_t got;
    while ((got = read(guard->capture_fd, buffer, sizeof buffer)) > 0) {
        ssize_t done = 0;
        while (done < got) {
            ssize_t put = write(STDERR_FILENO, buffer + done, (size_t)(got - done));
            if (put <= 0) return;
            done += put;
        }
    }
}

static inline void rehab_guard_handler(int sig) {
    struct rehab_guard_state *guard = rehab_guard();
    if (sig == SIGINT && guard->holding_interrupt && !guard->interrupt_held) {
        guard->interrupt_held = 1;
        guard->interrupt_requested = 1;
        return;
    }
    // Any signal that ends the app while a save is on its way leaves it unknown: say so.
    int held = guard->holding_interrupt;
    if (guard->armed) {
        // Mouse reporting off too (modes 1000/1002/1003 and SGR 1006): left on, every click
        // in the shell would type escape codes. Harmless when it was never on.
        static const char reset[] =
            "\033[?1000l\033[?1002l\033[?1003l\033[?1006l\033[?1049l\033[?25h\033[0m";
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &guard->termios);
        ssize_t written = write(STDOUT_FILENO, reset, sizeof reset - 1);
        (void)written;
    }
    rehab_guard_replay_stderr();
    if (held && guard->held_message_length > 0) {
        ssize_t written = write(STDERR_FILENO, guard->held_message, guard->held_message_length);
        (void)written;
    }
    signal(sig, SIG_DFL);
    raise(sig);
}

/// Holds the first Ctrl-C back from now on while saves are on their way (`message` non-NULL:
/// what a second Ctrl-C, which ends the app at once, writes to stderr), or stops holding (NULL).
static inline void rehab_guard_hold_interrupt(const char *message) {
    struct rehab_guard_state *guard = rehab_guard();
    guard->holding_interrupt = 0;
    if (message == NULL) return;
    size_t length = strlen(message);
    if (length > sizeof guard->held_message) length = sizeof guard->held_message;
    memcpy(guard->held_message, message, length);
    guard->held_message_length = length;
    guard->interrupt_held = 0;
    guard->holding_interrupt = 1;
}

/// True once after a held Ctrl-C; clears the flag.
static inline int rehab_guard_take_interrupt(void) {
    struct rehab_guard_state *guard = rehab_guard();
    if (guard->interrupt_requested) {
        guard->interrupt_requested = 0;
        return 1;
    }
    return 0;
}

static inline void rehab_guard_continue_handler(int sig) {
    (void)sig;
    rehab_guard()->continued = 1;
}

// Ctrl-Z only asks; the app stops between two reads (rehab_guard_stop_now). ncurses' own
// handler is not used: it ignores SIGTSTP while it draws (doupdate), so a Ctrl-Z pressed during
// a redraw was lost, and it calls endwin inside the signal handler. Installed before newterm,
// this handler makes ncurses leave SIGTSTP alone.
static inline void rehab_guard_stop_handler(int sig) {
    (void)sig;
    rehab_guard()->stop_requested = 1;
}

/// True once after Ctrl-Z was pressed; clears the flag.
static inline int rehab_guard_take_stop(void) {
    struct rehab_guard_state *guard = rehab_guard();
    if (guard->stop_requested) {
        guard->stop_requested = 0;
        return 1;
    }
    return 0;
}

/// Stops the process the way Ctrl-Z does by default (the shell sees a stopped job) and returns
/// after fg. The caller gives the terminal back first (endwin).
static inline void rehab_guard_stop_now(void) {
    struct sigaction stop, ours;
    memset(&stop, 0, sizeof stop);
    stop.sa_handler = SIG_DFL;
    sigemptyset(&stop.sa_mask);
    sigaction(SIGTSTP, &stop, &ours);
    sigset_t tstp;
    sigemptyset(&tstp);
    sigaddset(&tstp, SIGTSTP);
    pthread_sigmask(SIG_UNBLOCK, &tstp, NULL);
    kill(getpid(), SIGTSTP);
    sigaction(SIGTSTP, &ours, NULL);
}

/// Saves the terminal modes of stdin and installs the handlers. Returns 0 on success.
static inline int rehab_guard_install(void) {
    struct rehab_guard_state *guard = rehab_guard();
    if (tcgetattr(STDIN_FILENO, &guard->termios) != 0) return -1;
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = rehab_guard_handler;
    sigemptyset(&action.sa_mask);
    for (size_t i = 0; i < REHAB_GUARD_SIGNAL_COUNT; i++) {
        sigaction(rehab_guard_signal(i), &action, &guard->previous[i]);
    }
    struct sigaction cont;
    memset(&cont, 0, sizeof cont);
    cont.sa_handler = rehab_guard_continue_handler;
    sigemptyset(&cont.sa_mask);
    cont.sa_flags = SA_RESTART;
    sigaction(SIGCONT, &cont, &guard->previous_cont);
    struct sigaction tstp;
    memset(&tstp, 0, sizeof tstp);
    tstp.sa_handler = rehab_guard_stop_handler;
    sigemptyset(&tstp.sa_mask);
    tstp.sa_flags = SA_RESTART;
    sigaction(SIGTSTP, &tstp, &guard->previous_tstp);
    guard->stop_requested = 0;
    guard->armed = 1;
    return 0;
}

/// Puts the previous handlers back (after endwin, on a normal exit).
static inline void rehab_guard_remove(void) {
    struct rehab_guard_state *guard = rehab_guard();
    if (!guard->armed) return;
    guard->armed = 0;
    for (size_t i = 0; i < REHAB_GUARD_SIGNAL_COUNT; i++) {
        sigaction(rehab_guard_signal(i), &guard->previous[i], NULL);
    }
    sigaction(SIGCONT, &guard->previous_cont, NULL);
    sigaction(SIGTSTP, &guard->previous_tstp, NULL);
}

/// True once after the process was continued (fg after Ctrl-Z); clears the flag.
static inline int rehab_guard_take_continued(void) {
    struct rehab_guard_state *guard = rehab_guard();
    if (guard->continued) {
        guard->continued = 0;
        return 1;
    }
    return 0;
}

#endif
