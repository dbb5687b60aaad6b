import ArgumentParser
import Foundation
import RehabFiles

/// A command that writes to the database; its successful runs are logged too.
protocol ChangesData {
    static var logName: String { get }
}

extension Demo: ChangesData { static let logName = "demo" }
extension PatientsCommand.Add: ChangesData { static let logName = "patients add" }
extension PatientsCommand.Rename: ChangesData { static let logName = "patients rename" }
extension PatientsCommand.Archive: ChangesData { static let logName = "patients archive" }
extension PatientsCommand.Delete: ChangesData { static let logName = "patients delete" }
extension Tune.Adjust: ChangesData { static let logName = "tune set" }
extension Tune.ExerciseCommand.Add: ChangesData { static let logName = "tune exercise add" }
extension Tune.ExerciseCommand.Remove: ChangesData { static let logName = "tune exercise remove" }
extension Tune.ExerciseCommand.Change: ChangesData { static let logName = "tune exercise set" }
extension Tune.RunWalkCommand: ChangesData { static let logName = "tune run-walk" }
extension Tune.Reset: ChangesData { static let logName = "tune reset" }
extension Start: ChangesData { static let logName = "start" }
extension Log: ChangesData { static let logName = "log" }
extension Morning: ChangesData { static let logName = "morning" }
extension ClearFlags: ChangesData { static let logName = "clear-flags" }
extension Advance: ChangesData { static let logName = "advance" }
extension Import: ChangesData { static let logName = "import" }
extension ShoesCommand.Add: ChangesData { static let logName = "shoes add" }
extension UICommand: ChangesData { static let logName = "ui" }

/// `$XDG_STATE_HOME/rehab/rehab.log`: one line per command that changed data or failed, with
/// the time, the command's name and the outcome. Never arguments or messages: those can hold
/// pain scores, names and notes, and the log is not the place for health data.
enum ActivityLog {
    /// Past this size the log starts over (the old one is kept as rehab.log.1).
    static let maxBytes = 256 * 1024

    static func path(environment: [String: String]) -> String {
        if let xdg = environment["XDG_STATE_HOME"], xdg.hasPrefix("/") {
            return (xdg as NSString).appendingPathComponent("rehab/rehab.log")
        }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return (home as NSString).appendingPathComponent(".local/state/rehab/rehab.log")
    }

    /// Best effort: a log that cannot be written must never stop a command.
    static func record(_ command: any ParsableCommand, outcome: String) {
        let type = type(of: command)
        let changes = type as? any ChangesData.Type
        guard changes != nil || outcome != "ok" else { return }
        let name = changes?.logName ?? type._commandName
        let line = "\(timestamp()) \(name) \(outcome)\n"
        append(line, to: path(environment: ProcessInfo.processInfo.environment))
    }

    /// Now in UTC to the second, "2026-03-02T07:15:00Z": from the C library, since
    /// Foundation's ISO 8601 formatter sets up time zones and calendars first, which cost
    /// every logged command a millisecond or two.
    static func timestamp() -> String {
        var now = time(nil)
        var utc = tm()
        gmtime_r(&now, &utc)
        func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(utc.tm_year + 1900)-\(two(utc.tm_mon + 1))-\(two(utc.tm_mday))T"
            + "\(two(utc.tm_hour)):\(two(utc.tm_min)):\(two(utc.tm_sec))Z"
    }

    static func append(_ line: String, to path: String) {
        let directory = (path as NSString).deletingLastPathComponent
        if !FileManager.default.fileExists(atPath: directory) {
            try? FileManager.default.createDirectory(
                atPath: directory, withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o700])
        }
        var info = stat()
        if stat(path, &info) == 0, info.st_size > maxBytes {
            _ = rename(path, path + ".1")
        }
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return }
        defer { close(fd) }
        let bytes = Array(line.utf8)
        _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    }
}
