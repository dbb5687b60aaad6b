import Foundation

/// A throwaway PostgreSQL cluster for the clinic tests: made with initdb in a temporary
/// folder, listening only on a Unix socket in that folder, stopped and removed at the end.
/// PostgreSQL refuses to run as root, so under root the server runs as the `postgres` user.
final class PostgresCluster: @unchecked Sendable {
    /// The folder of PostgreSQL's programs, if a server is installed.
    static let binaries: String? = {
        let root = "/usr/lib/postgresql"
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        return versions.sorted { (Int($0) ?? 0) > (Int($1) ?? 0) }
            .map { "\(root)/\($0)/bin" }
            .first { FileManager.default.isExecutableFile(atPath: "\($0)/initdb") }
    }()

    static var available: Bool {
        binaries != nil && FileManager.default.isExecutableFile(atPath: "/usr/bin/psql")
    }

    /// Why the clinic tests do not run here, for the skip message.
    static let unavailable =
        "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb or no psql): "
        + "the clinic tests need it; .ci/run installs it (apt-get install postgresql)"

    let folder: String
    let socket: String
    let port = 5432
    let database = "clinic"
    /// The database and table owner: runs `init` and adds people, never daily work.
    let owner = "clinic_owner"
    private let bin: String
    private let asPostgres: Bool

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// `locale`: the cluster's, and so the databases' (in "C", lower() folds A-Z only).
    init(locale: String = "C.UTF-8") throws {
        guard let bin = Self.binaries else { throw Failure(description: Self.unavailable) }
        self.bin = bin
        asPostgres = getuid() == 0
        folder = NSTemporaryDirectory() + "rehab-pg-" + UUID().uuidString.prefix(8)
        socket = folder + "/socket"
        try FileManager.default.createDirectory(
            atPath: socket, withIntermediateDirectories: true)
        if asPostgres { _ = try run("/bin/chown", ["-R", "postgres:postgres", folder]) }
        try server(
            "initdb",
            [
                "-D", folder + "/data", "-A", "trust", "-U", "rehab_super", "-E",
                "UTF8", "--locale=\(locale)",
            ])
        try resume()
        // Two calls: CREATE DATABASE refuses to run inside psql's one-transaction -c.
        try expectOK(
            psql("CREATE ROLE \(owner) LOGIN CREATEROLE", as: "rehab_super", database: "postgres"))
        try expectOK(
            psql(
                "CREATE DATABASE \(database) OWNER \(owner)", as: "rehab_super",
                database: "postgres"))
    }

    /// Starts the server (again, after `pause`), on its socket only.
    func resume() throws {
        try server(
            "pg_ctl",
            [
                "-D", folder + "/data", "-l", folder + "/log", "-w", "-o",
                "-k \(socket) -c listen_addresses='' -p \(port) -c fsync=off", "start",
            ])
    }

    /// Stops the server the way a restart or fail-over does: clients are cut off.
    func pause() throws {
        try server("pg_ctl", ["-D", folder + "/data", "-m", "fast", "-w", "stop"])
    }

    func stop() {
        _ = try? server("pg_ctl", ["-D", folder + "/data", "-m", "immediate", "stop"])
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// Runs SQL through psql as `role`, bypassing rehab: what the tests trust.
    func psql(_ sql: String, as role: String, database: String? = nil) throws -> Result {
        try run(
            "/usr/bin/psql",
            [
                "-h", socket, "-p", String(port), "-U", role, "-d", database ?? self.database,
                "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-c", sql,
            ])
    }

    struct Result {
        var status: Int32
        var output: String
        var error: String
        var ok: Bool { status == 0 }
        var rows: [String] { output.split(separator: "\n").map(String.init) }
    }

    @discardableResult
    func expectOK(_ result: Result) throws -> Result {
        guard result.ok else {
            throw Failure(
                description: "psql failed (exit \(result.status)): \(result.error)\(result.output)")
        }
        return result
    }

    /// The built rehab binary, beside the test bundle.
    static let rehabBinary: String = {
        var dir = Bundle.main.bundleURL
        if dir.pathExtension == "xctest" { dir.deleteLastPathComponent() }
        return dir.appendingPathComponent("rehab").path
    }()

    /// The clinic database as `--db` takes it, for a login.
    func url(_ login: String) -> String {
        "postgresql://\(login)@/\(database)?host=\(socket)&port=\(port)"
    }

    /// Runs the real binary from an empty folder, as a user would.
    func rehab(_ arguments: [String], in folder: String) throws -> Result {
        try run(Self.rehabBinary, arguments, in: folder)
    }

    private func server(_ program: String, _ arguments: [String]) throws {
        let path = "\(bin)/\(program)"
        let result =
            asPostgres
            ? try run("/usr/sbin/runuser", ["-u", "postgres", "--", path] + arguments)
            : try run(path, arguments)
        guard result.ok else {
            let log = (try? String(contentsOfFile: folder + "/log", encoding: .utf8)) ?? ""
            throw Failure(description: "\(program) failed: \(result.error)\n\(log)")
        }
    }

    private func run(_ path: String, _ arguments: [String], in folder: String = "/") throws
        -> Result
    {
        var environment = ProcessInfo.processInfo.environment
        environment["PGCONNECT_TIMEOUT"] = "10"
        for key in ["PGPASSWORD", "REHAB_DB", "PGHOST", "PGUSER", "PGDATABASE"] {
            environment.removeValue(forKey: key)
        }
        environment["LANG"] = "C.UTF-8"
        environment["REHAB_LANG"] = "en"
        environment["XDG_STATE_HOME"] = folder + "/.state"
        // posix_spawn and waitpid, not Foundation's Process: a server that pg_ctl leaves
        // running kept Process from ever seeing its parent exit. Output goes to files, not
        // pipes, which a server started beside this one would inherit and hold open.
        let base = NSTemporaryDirectory() + "rehab-pg-out-" + UUID().uuidString
        defer {
            try? FileManager.default.removeItem(atPath: base + ".out")
            try? FileManager.default.removeItem(atPath: base + ".err")
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(
            &actions, 1, base + ".out", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(
            &actions, 2, base + ".err", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        // Nothing else this test process has open goes with the child: a server started here
        // would otherwise hold, say, another test's half-written binary and make its exec fail
        // with "text file busy". (glibc's closefrom action, looked up: Swift's Glibc hides it.)
        typealias CloseFrom =
            @convention(c) (
                UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32
            ) -> Int32
        guard let closeFrom = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np") else {
            throw Failure(description: "this C library cannot close inherited files on spawn")
        }
        _ = unsafeBitCast(closeFrom, to: CloseFrom.self)(&actions, 3)
        // env -C: the folder to run in (posix_spawn's chdir action is not in Swift's Glibc).
        let command = ["/usr/bin/env", "-C", folder, path] + arguments
        let argv = command.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv + envp { free(pointer) }
        }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, command[0], &actions, nil, argv, envp)
        guard spawned == 0 else {
            throw Failure(
                description: "\(path): cannot start (\(String(cString: strerror(spawned))))")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let exited = status & 0x7f == 0
        let output = FileManager.default.contents(atPath: base + ".out") ?? Data()
        let error = FileManager.default.contents(atPath: base + ".err") ?? Data()
        return Result(
            status: exited ? (status >> 8) & 0xff : 128 + (status & 0x7f),
            output: String(decoding: output, as: UTF8.self),
            error: String(decoding: error, as: UTF8.self))
    }
}
