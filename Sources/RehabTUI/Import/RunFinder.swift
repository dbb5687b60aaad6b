import Foundation
import RehabCore
import RehabFiles

/// Finds and reads the run files at a path typed in the app, for both effect runners, the way
/// `rehab import` does: a folder is searched with its subfolders, a .fit file is refused on its
/// own and counted in a folder, and every file that cannot be read is named with the reason.
enum RunFinder {
    static func read(
        _ typed: String, known: Set<String>, home: String = RunFinder.home,
        timeZone: TimeZone = .current
    ) -> RunsFound {
        let path = expand(typed, home: home)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            return RunsFound(path: path, refusal: UIPhrase.noSuchPath(path))
        }
        var files: [String] = []
        var fit = 0
        if isDirectory.boolValue {
            guard let found = RunFile.files(inFolder: path) else {
                return RunsFound(path: path, refusal: UIPhrase.unreadableFolder(path))
            }
            guard !found.runs.isEmpty else {
                return RunsFound(path: path, refusal: Phrase.noRunFiles(path))
            }
            (files, fit) = found
        } else {
            switch (path as NSString).pathExtension.lowercased() {
            case "gpx", "tcx": files = [path]
            case "fit": return RunsFound(path: path, refusal: Phrase.fitNotSupported(path))
            default: return RunsFound(path: path, refusal: UIPhrase.notARunFile(path))
            }
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        var runs: [FoundRun] = []
        var failures: [RunFileError] = []
        for file in files {
            do {
                let run = try RunFile.read(path: file)
                let c = calendar.dateComponents([.hour, .minute], from: run.start)
                let time = String(format: "%02d:%02d", c.hour ?? 0, c.minute ?? 0)
                runs.append(FoundRun(run: run, day: run.day(in: timeZone), time: time))
            } catch {
                failures.append(error)
            }
        }
        // By start, then by name as `rehab import` reads a folder: of two files with the same
        // start, the first by name is the one kept.
        runs.sort { ($0.run.start, $0.run.file) < ($1.run.start, $1.run.file) }
        return RunsFound(
            path: path, runs: runs, failures: failures, fitSkipped: fit, known: known)
    }

    static var home: String {
        let home = ProcessInfo.processInfo.environment["HOME"] ?? ""
        return home.isEmpty ? NSHomeDirectory() : home
    }

    /// `~` and `~/…` start at the home folder; anything else is used as typed.
    static func expand(_ typed: String, home: String) -> String {
        if typed == "~" { return home }
        guard typed.hasPrefix("~/") else { return typed }
        let rest = String(typed.dropFirst(2))
        return home.hasSuffix("/") ? home + rest : home + "/" + rest
    }
}
