import Foundation
import RehabTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The real binary in a private tmux server, for the app on a clinic database: keys go in with
/// send-keys, the screen comes back with capture-pane, every step waits on screen content
/// with a deadline. (The end-to-end suite's TmuxScreen drives SQLite files; this one runs any
/// command line, here `rehab --db postgresql://…` as a physio's login.)
final class ClinicScreen {
    static let tmux = TmuxProcess.path

    static let unavailable =
        "tmux is not installed (no /usr/bin/tmux): the clinic app test drives the full-screen "
        + "app in tmux; .ci/run installs it (apt-get install tmux)"

    let socket = "rehab-clinic-\(UUID().uuidString.prefix(8))"

    /// Runs tmux on this test's own server and waits for it.
    @discardableResult
    func tmux(_ arguments: [String]) -> (status: Int32, output: String) {
        TmuxProcess.run(socket: socket, arguments)
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
