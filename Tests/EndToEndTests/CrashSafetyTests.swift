import Foundation
import Testing

/// `rehab log` killed with SIGKILL at random moments: the database stays sound and every write
/// that was acknowledged (exit 0) is there exactly once.
struct CrashSafetyTests {
    @Test func killedWritersLoseNothingAcknowledged() throws {
        let rehab = try Rehab()
        defer { rehab.cleanUp() }
        let started = try rehab.run(["start", "itbs", "--date", "2026-02-16"])
        #expect(started.status == 0, "\(started)")

        // Reproducible "random": the seed is in every failure message.
        let seed = UInt64(Date().timeIntervalSince1970 * 1000)
        var random = SeededRandom(seed: seed)
        var acknowledged: [String] = []
        var unknown: [String] = []  // killed: the write may or may not have landed
        var refused: [String: String] = [:]
        var kills = 0
        var index = 0
        // How long an unkilled write takes, so kills can aim at the whole life of a process,
        // the commit included, not only its start-up.
        var typicalMicroseconds = 50_000.0
        // At least 200 writes and 20 kills that really hit a running process.
        while (index < 200 || kills < 20) && index < 600 {
            let note = "crash-\(index)"
            index += 1
            let launchedAt = ContinuousClock.now
            let writer = try rehab.launch(Self.logArguments(note: note))
            // One write in four is killed, at 30-110 % of a typical write's time.
            let killed = random.next(below: 4) == 0
            if killed {
                let fraction = 0.3 + Double(random.next(below: 800)) / 1000
                usleep(UInt32(typicalMicroseconds * fraction))
                kill(writer.process.processIdentifier, SIGKILL)
            }
            writer.process.waitUntilExit()
            if !killed {
                let took = ContinuousClock.now - launchedAt
                let micros =
                    Double(took.components.seconds) * 1e6
                    + Double(took.components.attoseconds) / 1e12
                typicalMicroseconds = typicalMicroseconds * 0.8 + micros * 0.2
            }
            let status = writer.process.terminationStatus
            if writer.process.terminationReason == .uncaughtSignal && status == SIGKILL {
                kills += 1
                unknown.append(note)
            } else if status == 0 {
                acknowledged.append(note)
            } else {
                refused[note] = "exit \(status): \(writer.errorOutput())"
            }
        }
        let context = "seed \(seed), \(index) writes, \(kills) kills"
        #expect(kills >= 20, "\(context)")
        #expect(index >= 200, "\(context)")
        #expect(refused.isEmpty, "no write may fail for a reason other than the kill: \(refused)")

        #expect(try sqlite(rehab.databasePath, "PRAGMA integrity_check") == "ok", "\(context)")
        #expect(try sqlite(rehab.databasePath, "PRAGMA foreign_key_check") == "", "\(context)")
        let counts = try noteCounts(rehab.databasePath)
        for note in acknowledged {
            #expect(
                counts[note] == 1, "acknowledged \(note) stored \(counts[note] ?? 0)×; \(context)")
        }
        for note in unknown {
            #expect((counts[note] ?? 0) <= 1, "killed \(note) stored twice; \(context)")
        }
        let expected = Set(acknowledged + unknown)
        #expect(Set(counts.keys).isSubset(of: expected), "rows nobody wrote; \(context)")
        let landed = unknown.filter { counts[$0] == 1 }.count
        // One line for the CI log: the numbers behind the pass.
        print(
            "crash safety: \(index) writes, \(kills) SIGKILLs (\(landed) of those writes had "
                + "landed), \(acknowledged.count) acknowledged, all present once; \(context)")
        // And rehab itself still opens it and counts them in the week.
        let status = try rehab.run(["status"])
        #expect(status.status == 0, "\(status)")
    }

    static func logArguments(note: String) -> [String] {
        [
            "log", "--activity", "walk", "--minutes", "30", "--pain-during", "1", "--pain-after",
            "1", "--note", note,
        ]
    }
}

// MARK: - Helpers for tests that start processes side by side

/// A rehab process started without waiting for it, so a test can kill it or run another beside
/// it. Its output goes to files, which cannot fill up and block the child like a pipe.
struct Launched {
    let process: Process
    let stdoutFile: URL
    let stderrFile: URL

    func errorOutput() -> String {
        (try? String(contentsOf: stderrFile, encoding: .utf8)) ?? ""
    }
}

extension Rehab {
    /// The environment `run` uses, so launched processes see the same database and date.
    func environment(_ extra: [String: String] = [:]) -> [String: String] {
        var env = [
            "PATH": "/usr/bin:/bin", "HOME": directory.path, "LANG": "C.UTF-8",
            "LC_ALL": "en_US.UTF-8", "REHAB_DB": databasePath, "REHAB_TODAY": today,
            "USER": "runner", "SWIFT_BACKTRACE": "interactive=no",
        ]
        for (key, value) in extra { env[key] = value }
        return env
    }

    /// Starts `rehab ARGS`; with `umask`, through `sh` so the child is created under that mask.
    func launch(
        _ arguments: [String], environment extra: [String: String] = [:], umask: String? = nil,
        in folder: URL? = nil
    ) throws -> Launched {
        let process = Process()
        if let umask {
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments =
                ["-c", "umask \(umask) && exec \"$0\" \"$@\"", Rehab.binary.path] + arguments
        } else {
            process.executableURL = Rehab.binary
            process.arguments = arguments
        }
        process.currentDirectoryURL = folder ?? Rehab.repoRoot
        process.environment = environment(extra)
        let name = UUID().uuidString
        let out = directory.appendingPathComponent("out-\(name)")
        let err = directory.appendingPathComponent("err-\(name)")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return Launched(process: process, stdoutFile: out, stderrFile: err)
    }

    /// Runs to the end; returns the exit status and both outputs.
    func runLaunched(
        _ arguments: [String], environment extra: [String: String] = [:], umask: String? = nil,
        in folder: URL? = nil
    ) throws -> Result {
        let launched = try launch(arguments, environment: extra, umask: umask, in: folder)
        launched.process.waitUntilExit()
        return Result(
            status: launched.process.terminationStatus,
            stdout: (try? String(contentsOf: launched.stdoutFile, encoding: .utf8)) ?? "",
            stderr: launched.errorOutput())
    }
}

/// Runs the sqlite3 shell on a database and returns its output without the final newline.
func sqlite(_ database: String, _ sql: String) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
    process.arguments = ["-batch", database, sql]
    let out = Pipe()
    process.standardOutput = out
    process.standardError = out
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    var text = String(decoding: data, as: UTF8.self)
    while text.hasSuffix("\n") { text.removeLast() }
    return text
}

/// How many sessions carry each note.
func noteCounts(_ database: String) throws -> [String: Int] {
    let rows = try sqlite(database, "SELECT note, count(*) FROM session GROUP BY note")
    var counts: [String: Int] = [:]
    for line in rows.split(separator: "\n") {
        let parts = line.split(separator: "|")
        if parts.count == 2, let n = Int(parts[1]) { counts[String(parts[0])] = n }
    }
    return counts
}

/// SplitMix64: small, fast, and the same sequence for the same seed.
struct SeededRandom {
    var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func next(below bound: UInt64) -> UInt64 { next() % bound }
}
