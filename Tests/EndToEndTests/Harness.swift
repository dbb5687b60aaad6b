import Foundation
import Testing

/// Runs the built `rehab` binary as a process, the way a user would from a shell.
struct Rehab {
    struct Result: CustomStringConvertible {
        let status: Int32
        let stdout: String
        let stderr: String
        var description: String { "exit \(status)\nstdout:\n\(stdout)\nstderr:\n\(stderr)" }
    }

    static let repoRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The binary sits beside the test bundle in the build products directory.
    static let binary: URL = {
        var dir = Bundle.main.bundleURL
        if dir.pathExtension == "xctest" { dir.deleteLastPathComponent() }
        return dir.appendingPathComponent("rehab")
    }()

    let directory: URL
    var today: String
    var language = "en"
    /// The program run: the built binary, or a copy of it elsewhere.
    var executable: URL = Rehab.binary
    /// Where it runs: the checkout, or a folder with nothing of it.
    var workingDirectory: URL = Rehab.repoRoot

    init(today: String = "2026-03-02") throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("rehab-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        self.today = today
    }

    var databasePath: String { directory.appendingPathComponent("data/rehab.sqlite").path }

    @discardableResult
    func run(_ arguments: [String], environment extra: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = workingDirectory
        var env = [
            "PATH": "/usr/bin:/bin", "HOME": directory.path, "LANG": "C.UTF-8",
            "REHAB_DB": databasePath, "REHAB_TODAY": today, "USER": "runner",
            "SWIFT_BACKTRACE": "interactive=no",
            "LC_ALL": language == "nl" ? "nl_NL.UTF-8" : "en_US.UTF-8",
        ]
        for (key, value) in extra { env[key] = value }
        process.environment = env
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Read both pipes to the end before waiting, so a large output cannot block the child.
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }

    /// Runs a command that must succeed and returns its stdout parsed as a JSON object.
    func json(_ arguments: [String]) throws -> [String: Any] {
        let result = try run(arguments + ["--json"])
        #expect(result.status == 0, "\(arguments): \(result)")
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
        return object as? [String: Any] ?? [:]
    }

    func databaseBytes() -> Data? {
        FileManager.default.contents(atPath: databasePath)
    }

    func cleanUp() {
        try? FileManager.default.removeItem(at: directory)
    }
}

/// Reads a nested value from parsed JSON: `value(json, "verdict", "level")`.
func value(_ object: Any?, _ path: String...) -> Any? {
    var current = object
    for key in path {
        if let index = Int(key), let array = current as? [Any] {
            current = index < array.count ? array[index] : nil
        } else {
            current = (current as? [String: Any])?[key]
        }
    }
    return current
}

func codes(_ status: [String: Any]) -> [String] {
    ((value(status, "verdict", "reasons") as? [[String: Any]]) ?? []).compactMap {
        $0["code"] as? String
    }
}
