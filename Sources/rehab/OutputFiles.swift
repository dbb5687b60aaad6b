import ArgumentParser
import Foundation
import RehabCore
import RehabFiles

/// `--output` and `--force`, for every command that writes a file the user names.
struct OutputOptions: ParsableArguments {
    @Option(help: .translated("Write to this file (0600) instead of stdout.")) var output: String?
    @Flag(
        help: .translated(
            "Replace --output if it exists (a symbolic link is replaced, not followed)."))
    var force = false
}

extension Context {
    /// Writes a file the user named through the one safe writer (`OutputFile`): atomic, 0600,
    /// never the database, never over a file or through a link without --force.
    func writeUserFile(_ text: String, to path: String, force: Bool, field: String = "output")
        throws
    {
        do {
            try OutputFile.write(
                Data(text.utf8), to: path, database: sqlitePath, force: force)
        } catch {
            throw explain(error, field: field)
        }
    }

    /// The SQLite database file in use, or nil for the clinic's PostgreSQL URL.
    var sqlitePath: String? {
        let path = databasePath
        return path.hasPrefix("postgresql://") || path.hasPrefix("postgres://") ? nil : path
    }

    func explain(_ error: OutputFileError, field: String) -> Failure {
        let path = error.path
        switch error.reason {
        case .isDatabase: return fail(Phrase.outputIsDatabase(field, path))
        case .exists: return fail(Phrase.outputExists(field, path))
        case .symlink: return fail(Phrase.outputIsSymlink(field, path))
        case .notRegularFile: return fail(Phrase.outputNotRegular(field, path))
        case .noFolder(let folder): return fail(Phrase.outputNoFolder(field, path, folder: folder))
        case .diskFull: return fail(Phrase.outputDiskFull(path))
        case .system(let reason): return fail(Phrase.outputFailed(path, reason: reason))
        }
    }
}

extension Context {
    /// A name that mixes scripts ("Sаm" with a Cyrillic а) is allowed, but said on stderr.
    func noteMixedScripts(_ name: String) {
        let scripts = Naming.mixedScripts(name)
        guard !scripts.isEmpty else { return }
        let line = say(Phrase.mixedScripts(name, scripts: scripts)) + "\n"
        writeError(("rehab: " + line))
    }
}

extension Context {
    /// The dates REHAB_TODAY may fix.
    static let todayRange: ClosedRange<Day> = {
        let first = Day(year: 2000, month: 1, day: 1) ?? Day(number: 0)
        let last = Day(year: 2100, month: 12, day: 31) ?? Day(number: 0)
        return first...last
    }()
}
