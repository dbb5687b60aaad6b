import ArgumentParser
import Foundation
import RehabApp
import RehabCore
import RehabFiles
import RehabPostgres
import RehabStorage

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: .translated(
            "Import an export (.json or .csv), or runs from .gpx/.tcx files or folders."),
        discussion: .translated(
            """
            An export from 'rehab export' is imported whole or not at all. Run files give the \
            date, distance and duration of each run; give the pain scores with --pain-during \
            and --pain-after. A run with a start time that is already stored is skipped and \
            counted. A file that cannot be read (or holds an impossible run) is listed and left \
            out; the other runs are stored in one transaction and the exit code is 1. .fit \
            files are not supported: export the run as .gpx or .tcx. On a clinic database as \
            a patient's own login, the export's one patient goes into that login's record.
            """))
    @OptionGroup var global: GlobalOptions
    @Argument(help: .translated("An export file, or .gpx/.tcx run files and folders holding them."))
    var files: [String]
    @Option(name: .customLong("pain-during"), help: .translated("Runs: highest pain during, 0-10."))
    var painDuring: String?
    @Option(name: .customLong("pain-after"), help: .translated("Runs: highest pain after, 0-10."))
    var painAfter: String?
    @Option(help: .translated("Runs: the shoe they were run in (added on first use).")) var shoe:
        String?

    func run() throws {
        let context = try Context(global)
        let search: RunSearch
        do {
            search = try RunSearch(paths: files, takingExports: true)
        } catch {
            throw context.fail(error.text)
        }
        if !search.exports.isEmpty {
            guard search.exports.count == 1, search.files.isEmpty else {
                throw context.fail(Phrase.mixedImport())
            }
            guard painDuring == nil, painAfter == nil, shoe == nil else {
                throw context.fail(Phrase.runOptionsNeedRunFiles())
            }
            try importExport(search.exports[0], context: context)
            return
        }
        try RunBatch(
            search: search, painDuring: painDuring, painAfter: painAfter, shoe: shoe,
            context: context
        ).run()
    }

    /// A problem anywhere stores nothing, and a database made for this import alone is removed
    /// again.
    func importExport(_ file: String, context: Context) throws {
        var archive: ArchiveImport
        do {
            archive = try ArchiveImport(file: file, today: context.today)
        } catch {
            throw context.fail(error.text(file: file, explaining: context.explain))
        }
        let path = context.databasePath
        let existed = FileManager.default.fileExists(atPath: path)
        var check = ArchiveCheck(
            template: { try context.loadPlan($0) },
            catalogue: { ((try? context.loadCatalog()) ?? []).map(\.id) })
        let checked = { (piece: ArchivePiece) in try check.check(piece) }
        let store: any RehabRepository
        // What was stored; nil for a clinic's patient login, which adds no patient to judge.
        var imported: ArchiveImport.Imported?
        var movedIn: ClinicStore.MoveIn?
        do {
            store = try context.openStore()
            // A patient login adds no patient: the file's one patient moves into their own.
            if let clinic = store as? ClinicStore, clinic.role == .patient {
                movedIn = try archive.write(check: checked) { try clinic.moveIn($0, check: $1) }
                    .written
            } else {
                imported = try archive.store(into: store, check: checked)
            }
        } catch let failure as Failure {
            throw failure
        } catch {
            // A SQLite file this import made is removed; a clinic URL names no file.
            if !existed, context.sqlitePath != nil {
                for suffix in ["", "-wal", "-shm", "-journal"] {
                    try? FileManager.default.removeItem(atPath: path + suffix)
                }
            }
            throw context.fail(Phrase.importFailed(file, reason: context.explain(error)))
        }
        if let movedIn, let fileName = movedIn.fileName {
            for line in ClinicPhrase.movedIn(movedIn, fileName: fileName) {
                print(context.say(line))
            }
            return
        }
        guard let counts = imported?.counts ?? movedIn?.counts else { return }
        print(
            context.say(
                Phrase.imported(
                    patients: counts.patients, sessions: counts.sessions,
                    mornings: counts.mornings)))
        if let imported {
            ArchiveImport.judge(imported, in: store, today: context.today) {
                try context.template($0)
            }
        }
    }
}

/// One `rehab import` of run files: every file is read and checked first, then all runs are
/// stored in one transaction, or none when any file failed.
struct RunBatch {
    let search: RunSearch
    let painDuring: String?
    let painAfter: String?
    let shoe: String?
    let context: Context

    func run() throws {
        guard let painDuring, let painAfter else {
            throw context.fail(Phrase.painNeededForRuns())
        }
        let during = try context.check { try Validate.pain(painDuring, field: "pain-during") }
        let after = try context.check { try Validate.pain(painAfter, field: "pain-after") }
        let shoeName = try shoe.map { text in
            try context.check { try Validate.name(text, field: "shoe") }
        }
        let store = try context.openStore()
        let followed = try context.followedPlan(store)

        let read = self.read()
        let placed = PlacedRuns(
            read.runs, today: context.today, planStart: followed.assignment.startDate)
        let failures = read.failures + placed.inFuture
        // One bad file does not hold back the others: the good runs are stored, the bad files
        // listed, and the exit code is 1 so a script notices. With no good run, nothing is.
        let refusal =
            failures.isEmpty ? nil : refusalMessage(failures, imported: !placed.importable.isEmpty)
        if let refusal, placed.importable.isEmpty { throw refusal }

        let known =
            shoeName == nil
            ? [] : try context.storing { try store.shoes(patientID: followed.patient.id) }
        let (runs, newShoe) = placed.imported(
            painDuring: during, painAfter: after, shoe: shoeName, known: known)
        let result = try context.storing {
            try store.importRuns(patientID: followed.patient.id, runs, newShoe: newShoe)
        }
        print(context.say(Phrase.runsImported(added: result.added, duplicates: result.duplicates)))
        if placed.beforeStart > 0 {
            print(
                context.say(
                    Phrase.runsBeforeStart(
                        placed.beforeStart, start: followed.assignment.startDate)))
        }
        if search.fitSkipped > 0 { print(context.say(Phrase.fitFilesSkipped(search.fitSkipped))) }
        if result.added > 0 {
            let updated = try context.followedPlan(store)
            let status = updated.status(on: context.today)
            print(
                StatusText(status: status, followed: updated, context: context).render(brief: true))
        }
        if let refusal { throw refusal }
    }

    func refusalMessage(_ failures: [RunFileError], imported: Bool) -> Failure {
        let lines = failures.map { "  \($0.file): \(context.say($0.reason))" }
        let header =
            imported
            ? Phrase.runFilesRefused(failures.count) : Phrase.runFilesFailed(failures.count)
        return Failure(message: ([context.say(header)] + lines).joined(separator: "\n"))
    }

    /// Reads every file, with a progress bar on a terminal when there are many.
    func read() -> RunsRead {
        var progress = ProgressBar(total: search.files.count)
        let read = search.read(in: TimeZone.current) { done, file in
            progress.show(done: done, label: (file as NSString).lastPathComponent)
        }
        progress.finish()
        return read
    }
}

/// A one-line bar on stderr, drawn only when stderr is a terminal and the batch is large enough
/// to wait for; a pipe or a log file gets no carriage returns.
struct ProgressBar {
    static let minimumFiles = 5
    let total: Int
    let enabled: Bool
    let width = 30

    init(total: Int) {
        self.total = total
        enabled = total >= ProgressBar.minimumFiles && isatty(STDERR_FILENO) == 1
    }

    mutating func show(done: Int, label: String) {
        guard enabled else { return }
        let filled = total == 0 ? 0 : done * width / total
        let bar =
            String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        let shown = TerminalText.visible(label)
        let name = shown.count > 30 ? String(shown.prefix(29)) + "…" : shown
        write("\r\u{1B}[K[\(bar)] \(done)/\(total) \(name)")
    }

    func finish() {
        guard enabled else { return }
        write("\r\u{1B}[K[\(String(repeating: "#", count: width))] \(total)/\(total)\n")
    }

    private func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
