import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The real binary in a private tmux server, for the app on a clinic database: keys go in with
/// send-keys, the screen comes back with capture-pane, every step waits on screen content
/// with a deadline. (The end-to-end suite's TmuxScreen drives SQLite files; this one runs any
/// command line, here `rehab --db postgresql://…` as a physio's login.)
final class ClinicScreen {
    static let tmux: String? = ["/usr/bin/tmux", "/usr/local/bin/tmux", "/bin/tmux"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    static let unavailable =
        "tmux is not installed (no /usr/bin/tmux): the clinic app test drives the full-screen "
        + "app in tmux; .ci/run installs it (apt-get install tmux)"

    let socket = "rehab-clinic-\(UUID().uuidString.prefix(8))"

    /// Runs tmux and waits for it: posix_spawn with every inherited descriptor closed (the
    /// first command forks the tmux server, which must not hold the test's files open) and
    /// with no signal blocked (a server that inherits a blocked SIGTERM outlives kill-server).
    @discardableResult
    func tmux(_ arguments: [String]) -> (status: Int32, output: String) {
        guard let tmux = Self.tmux else { return (127, "") }
        let output = NSTemporaryDirectory() + "\(socket)-\(UUID().uuidString).out"
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
        defer { for arg in cArgs { free(arg) } }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        var all = sigset_t()
        sigemptyset(&none)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(
            &attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var pid: pid_t = 0
        guard posix_spawn(&pid, tmux, &actions, &attributes, &cArgs, environ) == 0 else {
            return (127, "")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
        return ((status >> 8) & 0xff, text)
    }

    /// Runs `env VARIABLES rehab ARGUMENTS` from `folder` in a pane of the given size; when
    /// rehab ends the pane prints its exit code.
    func start(
        _ arguments: [String], in folder: String, environment: [String: String],
        width: Int = 100, height: Int = 30
    ) {
        let words =
            environment.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
            + [PostgresCluster.rehabBinary] + arguments
        let command =
            "cd '\(folder)' && env " + words.map { "'\($0)'" }.joined(separator: " ")
            + "; echo \"exit=$?\"; exec sleep 600"
        tmux([
            "new-session", "-d", "-s", "t", "-x", "\(width)", "-y", "\(height)", "sh", "-c",
            command,
        ])
    }

    func screen() -> String {
        let (status, output) = tmux(["capture-pane", "-p", "-t", "t"])
        return status == 0 ? output : "(capture-pane failed with \(status))"
    }

    func send(_ keys: String...) { tmux(["send-keys", "-t", "t"] + keys) }

    func type(_ text: String) { tmux(["send-keys", "-t", "t", "-l", text]) }

    /// Polls the screen every 50 ms until it contains every text, for at most `seconds`.
    @discardableResult
    func waitFor(
        _ texts: String..., seconds: Double = 15,
        sourceLocation: SourceLocation = #_sourceLocation
    ) -> String {
        let deadline = Date().addingTimeInterval(seconds)
        var last = ""
        while Date() < deadline {
            last = screen()
            if texts.allSatisfy({ last.contains($0) }) { return last }
            Thread.sleep(forTimeInterval: 0.05)
        }
        Issue.record(
            "timed out waiting for \(texts); screen:\n\(last)", sourceLocation: sourceLocation)
        return last
    }

    /// Ends the tmux server; its pane's processes get SIGHUP.
    func stop() { tmux(["kill-server"]) }
}
