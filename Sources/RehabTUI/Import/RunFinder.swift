import Foundation
import RehabApp
import RehabCore

/// Finds and reads the run files at a path typed in the app, for both effect runners, the way
/// `rehab import` does (`RunSearch`); a typed path that names nothing is refused by name.
enum RunFinder {
    static func read(
        _ typed: String, known: Set<String>, home: String = RunFinder.home,
        timeZone: TimeZone = .current
    ) -> RunsFound {
        let path = expand(typed, home: home)
        guard FileManager.default.fileExists(atPath: path) else {
            return RunsFound(path: path, refusal: UIPhrase.noSuchPath(path))
        }
        let search: RunSearch
        do {
            search = try RunSearch(paths: [path], takingExports: false)
        } catch {
            return RunsFound(path: path, refusal: error.text)
        }
        var read = search.read(in: timeZone)
        // By start, then by name as `rehab import` reads a folder: of two files with the same
        // start, the first by name is the one kept.
        read.runs.sort { ($0.run.start, $0.run.file) < ($1.run.start, $1.run.file) }
        return RunsFound(
            path: path, runs: read.runs, failures: read.failures, fitSkipped: search.fitSkipped,
            known: known)
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
