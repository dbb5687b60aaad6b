import ArgumentParser
import Foundation
import RehabCore
import RehabFiles
import RehabPostgres
import RehabSQLite

/// `rehab backup FILE`: a consistent copy through SQLite's backup API, safe while the app or
/// another command writes (a plain file copy could catch a half-written page or miss the WAL).
struct Backup: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract:
            .translated(
                "Copy the database to FILE (0600) with SQLite's backup API; safe while rehab runs.")
    )
    @OptionGroup var global: GlobalOptions
    @Argument(help: .translated("The copy to write (its folder is created 0700).")) var file: String
    @Flag(
        name: [.customLong("force"), .customLong("replace")],
        help: .translated(
            "Replace FILE when it exists (a symbolic link is replaced, not followed)."))
    var force = false

    func run() throws {
        let context = try Context(global)
        let source = context.databasePath
        // A clinic is backed up with pg_dump; its URL (which may hold a password) is no path.
        if ClinicURL.isClinic(source) {
            throw context.fail(ClinicPhrase.notAFile(ClinicURL.redacted(source)))
        }
        // Opening a missing database would create an empty one and back that up.
        guard FileManager.default.fileExists(atPath: source) else {
            throw context.fail(Phrase.noDatabase(source))
        }
        // Refused before the database is even opened: nothing is touched for a bad FILE.
        do {
            try OutputFile.check(file, database: source, force: force)
        } catch {
            // A missing folder is made by the backup itself.
            if case .noFolder = error.reason {} else { throw context.explain(error, field: "file") }
        }
        let store = try context.openSQLite()
        do {
            try store.backup(to: file, force: force)
        } catch {
            throw context.explain(error, field: "file")
        }
        // Read the counts from the copy itself: this also proves it opens as a rehab database.
        let copy = try context.storing { try Store(path: file).exportAll() }
        let sessions = copy.patients.reduce(0) { $0 + $1.sessions.count }
        print(
            context.say(
                Phrase.backupWritten(file, patients: copy.patients.count, sessions: sessions)))
    }
}
