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
        abstract: "Import an export (.json or .csv), or runs from .gpx/.tcx files or folders.",
        discussion: """
            An export from 'rehab export' is imported whole or not at all. Run files give the \
            date, distance and duration of each run; give the pain scores with --pain-during \
            and --pain-after. A run with a start time that is already stored is skipped and \
            counted. A file that cannot be read (or holds an impossible run) is listed and left \
            out; the other runs are stored in one transaction and the exit code is 1. .fit \
            files are not supported: export the run as .gpx or .tcx. On a clinic database as \
            a patient's own login, the export's one patient goes into that login's record.
            """)
    @OptionGroup var global: GlobalOptions
    @Argument(help: "An export file, or .gpx/.tcx run files and folders holding them.")
    var files: [String]
    @Option(name: .customLong("pain-during"), help: "Runs: highest pain during, 0-10.")
    var painDuring: String?
    @Option(name: .customLong("pain-after"), help: "Runs: highest pain after, 0-10.")
    var painAfter: String?
    @Option(help: "Runs: the shoe they were run in (added on first use).") var shoe: String?

    func run() throws {
        let context = try Context(global)
        var exports: [String] = []
        var runs: [String] = []
        var fitInFolders = 0
        for path in files {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory),
                isDirectory.boolValue
            {
                let found = try runFiles(in: path, context: context)
                runs += found.runs
                fitInFolders += found.fit
                continue
            }
            switch (path as NSString).pathExtension.lowercased() {
            case "json", "csv": exports.append(path)
            case "gpx", "tcx": runs.append(path)
            case "fit": throw context.fail(Phrase.fitNotSupported(path))
            default: throw context.fail(Phrase.unsupportedImportFile(path))
            }
        }
        if !exports.isEmpty {
            guard exports.count == 1, runs.isEmpty else { throw context.fail(Phrase.mixedImport()) }
            guard painDuring == nil, painAfter == nil, shoe == nil else {
                throw context.fail(Phrase.runOptionsNeedRunFiles())
            }
            try importExport(exports[0], context: context)
            return
        }
        try RunBatch(
            files: runs, fitSkipped: fitInFolders, painDuring: painDuring, painAfter: painAfter,
            shoe: shoe, context: context
        ).run()
    }

    /// The run files in a folder and its subfolders, in name order, and how many .fit files.
    func runFiles(in folder: String, context: Context) throws -> (runs: [String], fit: Int) {
        guard let found = RunFile.files(inFolder: folder) else {
            throw context.fail(Phrase.cannotRead(folder, reason: "not a readable folder"))
        }
        guard !found.runs.isEmpty else { throw context.fail(Phrase.noRunFiles(folder)) }
        return found
    }

    /// Archives are read whole (see issue 15: streaming is still to do), so their size is capped.
    static let maxArchiveBytes = 512 << 20

    func importExport(_ file: String, context: Context) throws {
        let ext = (file as NSString).pathExtension.lowercased()
        // A device or a pipe named x.json (/dev/zero) would be read forever; an archive is a
        // regular file of a size that fits in memory.
        let attributes = try? FileManager.default.attributesOfItem(atPath: file)
        if let attributes {
            guard attributes[.type] as? FileAttributeType == .typeRegular else {
                throw context.fail(Phrase.importFailed(file, reason: "not a regular file"))
            }
            let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
            guard size <= Import.maxArchiveBytes else {
                throw context.fail(
                    Phrase.importFailed(
                        file,
                        reason: "the file is \(size) bytes; an export may be at most "
                            + "\(Import.maxArchiveBytes >> 20) MiB"))
            }
        }
        let (counts, movedIn, names) =
            ext == "json"
            ? try importJSON(file, context: context) : try importCSV(file, context: context)
        if let movedIn, let fileName = movedIn.fileName {
            for line in ClinicPhrase.movedIn(movedIn, fileName: fileName) {
                print(context.say(line))
            }
            return
        }
        print(
            context.say(
                Phrase.imported(
                    patients: counts.patients, sessions: counts.sessions,
                    mornings: counts.mornings)))
        // Judge the imported patients once now, so a long phase's checkpoint is made here, a few
        // months of log at a time (`FollowedPlan.catchUp`), and the first `status` after a big
        // import is as quick as the next. Only a speed-up: the import has landed whatever this
        // says. A store without checkpoints is not read again (a clinic would log views).
        if let store = try? context.openStore(), store.keepsCheckpoints,
            let patients = try? store.patients(includeArchived: true)
        {
            for patient in patients where names.contains(Naming.key(patient.name)) {
                _ = try? FollowedPlan.load(patient, from: store, judging: context.today) {
                    try context.template($0)
                }
            }
        }
    }

    /// What an import stored; for a clinic's patient login, what moved into their record.
    /// The counts, a patient login's move-in, and the patients added (`Naming.key`).
    typealias Imported = (counts: RecordCounts, movedIn: ClinicStore.MoveIn?, names: Set<String>)

    /// A JSON export streams like a CSV one (`JSONArchiveReader` reads it twice, never whole).
    func importJSON(_ file: String, context: Context) throws -> Imported {
        try importStream(file, context: context) { try JSONArchiveReader(file: file) }
    }

    func importCSV(_ file: String, context: Context) throws -> Imported {
        try importStream(file, context: context) {
            let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: file))
            return try CSVArchiveReader(file: handle)
        }
    }

    /// An export is read, checked and stored a piece at a time in one transaction, so a
    /// 100 MB file never sits in memory whole. A problem anywhere stores nothing, and a
    /// database made for this import alone is removed again.
    func importStream<Reader: ArchiveReading>(
        _ file: String, context: Context, open: () throws -> Reader
    ) throws -> Imported {
        var reader: Reader
        do {
            reader = try open()
        } catch let error as StoreError {
            throw context.fail(Phrase.importFailed(file, reason: context.explain(error)))
        } catch {
            throw context.fail(Phrase.cannotRead(file, reason: error.localizedDescription))
        }
        let path = context.databasePath
        let existed = FileManager.default.fileExists(atPath: path)
        var check = ArchiveCheck(context: context)
        do {
            let store = try context.openStore()
            let next = { try reader.next() }
            var names: Set<String> = []
            let checked = { (piece: ArchivePiece) in
                try refuseFuture(in: piece.patient, context: context)
                try check.check(piece)
                names.insert(Naming.key(piece.patient.name))
            }
            // A patient login adds no patient: the file's one patient moves into their own.
            if let clinic = store as? ClinicStore, clinic.role == .patient {
                let moved = try clinic.moveIn(next, check: checked)
                return (moved.counts, moved, [])
            }
            return (try store.importPieces(next, check: checked), nil, names)
        } catch let failure as Failure {
            throw failure
        } catch {
            // A SQLite file this import made is removed; a clinic URL names no file.
            if !existed, context.sqlitePath != nil {
                for suffix in ["", "-wal", "-shm", "-journal"] {
                    try? FileManager.default.removeItem(atPath: path + suffix)
                }
            }
            let reason =
                (error as? ArchiveCheck.Problem)?.message ?? context.explain(error)
            throw context.fail(Phrase.importFailed(file, reason: reason))
        }
    }

    /// Nothing is logged for the future, whichever way it comes in.
    func refuseFuture(in patient: ArchivedPatient, context: Context) throws(ArchiveCheck.Problem) {
        guard let late = futureRecord(in: patient, after: context.today) else { return }
        let reason = context.messages.validation(
            RehabCore.ValidationError(
                field: late.field, value: late.day.iso, allowed: .isoDateNotAfter(context.today)))
        throw ArchiveCheck.Problem(message: "\(patient.name): \(reason)")
    }
}

/// One `rehab import` of run files: every file is read and checked first, then all runs are
/// stored in one transaction, or none when any file failed.
struct RunBatch {
    let files: [String]
    let fitSkipped: Int
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

        let recorded = read()
        var failures = recorded.failures
        var runs: [ImportedRun] = []
        var beforeStart = 0
        let timeZone = TimeZone.current
        for run in recorded.runs {
            let day = run.day(in: timeZone)
            switch RunPlacement(
                day: day, today: context.today, planStart: followed.assignment.startDate)
            {
            case .inFuture:
                failures.append(
                    RunFileError(
                        file: run.file, reason: Phrase.runInFuture(day, today: context.today)))
                continue
            case .beforePlanStart:
                beforeStart += 1
                continue
            case .importable: break
            }
            runs.append(
                run.imported(painDuring: during, painAfter: after, shoe: shoeName, on: day))
        }
        // One bad file does not hold back the others: the good runs are stored, the bad files
        // listed, and the exit code is 1 so a script notices. With no good run, nothing is.
        let refusal = failures.isEmpty ? nil : refusalMessage(failures, imported: !runs.isEmpty)
        if let refusal, runs.isEmpty { throw refusal }

        // Shoe names match ignoring case; the first spelling stays, as with 'rehab log'.
        var newShoe: Shoe?
        if let shoeName {
            let known = try context.storing { try store.shoes(patientID: followed.patient.id) }
            if let existing = known.first(where: { Naming.same($0.name, shoeName) }) {
                for i in runs.indices where runs[i].session.shoe != nil {
                    runs[i].session.shoe = existing.name
                }
            } else if runs.contains(where: { $0.session.shoe != nil }) {
                newShoe = Shoe(name: shoeName)
            }
        }
        let result = try context.storing {
            try store.importRuns(patientID: followed.patient.id, runs, newShoe: newShoe)
        }
        print(context.say(Phrase.runsImported(added: result.added, duplicates: result.duplicates)))
        if beforeStart > 0 {
            print(
                context.say(
                    Phrase.runsBeforeStart(beforeStart, start: followed.assignment.startDate)))
        }
        if fitSkipped > 0 { print(context.say(Phrase.fitFilesSkipped(fitSkipped))) }
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
    func read() -> (runs: [RecordedRun], failures: [RunFileError]) {
        var progress = ProgressBar(total: files.count)
        var runs: [RecordedRun] = []
        var failures: [RunFileError] = []
        for (index, file) in files.enumerated() {
            progress.show(done: index, label: (file as NSString).lastPathComponent)
            do {
                runs.append(try RunFile.read(path: file))
            } catch {
                failures.append(error)
            }
        }
        progress.finish()
        return (runs, failures)
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

/// The first record of an archive dated after `today`, if any.
func futureRecord(in p: ArchivedPatient, after today: Day) -> (field: String, day: Day)? {
    let dated: [(String, Day)] =
        p.sessions.map { ("session date", $0.date) }
        + p.mornings.map { ("morning date", $0.date) }
        + p.clearings.map { ("clearing date", $0.date) }
        + (p.assignment.map {
            [("start_date", $0.startDate)]
                + $0.phaseHistory.map { ("phase_change date", $0.date) }
        } ?? [])
    return dated.first(where: { $0.1 > today }).map { (field: $0.0, day: $0.1) }
}
