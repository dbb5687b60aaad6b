import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// tmux run the way the end-to-end and clinic app tests drive the real binary: one private
/// server per test (`-L socket`, no config file), each command waited for, its output read.
public enum TmuxProcess {
    /// Where tmux is installed, or nil (the tests that need it skip, saying so).
    public static let path: String? = ["/usr/bin/tmux", "/usr/local/bin/tmux", "/bin/tmux"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Runs `tmux -L socket ARGUMENTS` and waits for it. Not through Foundation's Process: the
    /// first command forks the tmux server, which would inherit the descriptor Process watches
    /// and hold the wait open for good. posix_spawn with every inherited descriptor closed
    /// avoids that, and with no signal blocked: the test runner's threads block most signals,
    /// and a server that inherits a blocked SIGTERM ignores kill-server and outlives the test.
    @discardableResult
    public static func run(socket: String, _ arguments: [String]) -> (
        status: Int32, output: String
    ) {
        guard let tmux = path else { return (127, "") }
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
}
