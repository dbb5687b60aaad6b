import Foundation
import RehabCore
import RehabFiles
import RehabStorage

/// Importing an export of `rehab export` (.json or .csv), whole or not at all: read, checked
/// and stored a piece at a time in one transaction, so a 100 MB file never sits in memory
/// whole. Which store, and what to do when it refuses, is the caller's.
public struct ArchiveImport {
    let today: Day
    private var reader: any ArchiveReading

    /// The largest export taken; a larger file is refused before anything is read or stored.
    static let maxBytes = 512 << 20

    /// Why the file could not be opened as an export.
    public enum OpenFailure: Error {
        case notARegularFile
        case tooLarge(bytes: Int)
        /// The reader refused the file's start (a `StoreError`), or the file could not be opened.
        case unreadable(any Error)

        /// `explaining` words a store's refusal as the front end does.
        public func text(file: String, explaining: (any Error) -> LocalizedText)
            -> LocalizedText
        {
            switch self {
            case .notARegularFile:
                return Phrase.importFailed(file, reason: ArchivePhrase.notARegularFile())
            case .tooLarge(let bytes):
                return Phrase.importFailed(
                    file,
                    reason: ArchivePhrase.tooLarge(bytes, most: ArchiveImport.maxBytes >> 20))
            case .unreadable(let error as StoreError):
                return Phrase.importFailed(file, reason: explaining(error))
            case .unreadable(let error):
                return Phrase.cannotRead(file, reason: error.localizedDescription)
            }
        }
    }

    /// A record dated after today: nothing is logged for the future, whichever way it comes in.
    public struct FutureRecord: WordedError, Hashable, Sendable {
        public var text: LocalizedText
    }

    /// Opens the file by its extension: .json, else CSV. JSON streams like CSV
    /// (`JSONArchiveReader` reads it twice, never whole).
    public init(file: String, today: Day) throws(OpenFailure) {
        // A device or a pipe named x.json (/dev/zero) would be read forever; an archive is a
        // regular file of a size that fits in memory.
        if let attributes = try? FileManager.default.attributesOfItem(atPath: file) {
            guard attributes[.type] as? FileAttributeType == .typeRegular else {
                throw .notARegularFile
            }
            let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
            guard size <= Self.maxBytes else { throw .tooLarge(bytes: size) }
        }
        self.today = today
        do {
            if (file as NSString).pathExtension.lowercased() == "json" {
                reader = try JSONArchiveReader(file: file)
            } else {
                let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: file))
                reader = try CSVArchiveReader(file: handle)
            }
        } catch {
            throw .unreadable(error)
        }
    }

    /// What an import stored, and the patients it added (`Naming.key`), to judge once.
    public struct Imported: Sendable {
        public var counts: RecordCounts
        var names: Set<String>
    }

    /// The pieces into the store, each refused if it logs the future, then by `check` (the
    /// caller's own checks of plans and records).
    public mutating func store(
        into store: any RehabRepository, check: (ArchivePiece) throws -> Void
    ) throws -> Imported {
        let (counts, names) = try write(check: check) { try store.importPieces($0, check: $1) }
        return Imported(counts: counts, names: names)
    }

    /// The pieces, checked as `store(into:check:)` does, handed to another writer of one
    /// transaction (a clinic's patient login moves the file's one patient into its own record).
    public mutating func write<Written>(
        check: (ArchivePiece) throws -> Void,
        into write: (_ next: () throws -> ArchivePiece?, _ check: (ArchivePiece) throws -> Void)
            throws -> Written
    ) throws -> (written: Written, names: Set<String>) {
        var names: Set<String> = []
        let today = self.today
        // `write` calls `check` only while it runs.
        let written = try withoutActuallyEscaping(check) { check in
            try write(
                { try reader.next() },
                { piece in
                    try Self.refuseFuture(in: piece.patient, today: today)
                    try check(piece)
                    names.insert(Naming.key(piece.patient.name))
                })
        }
        return (written, names)
    }

    static func refuseFuture(in patient: ArchivedPatient, today: Day) throws(FutureRecord) {
        guard let late = futureRecord(in: patient, after: today) else { return }
        let error = ValidationError(
            field: late.field, value: late.day.iso, allowed: .isoDateNotAfter(today))
        throw FutureRecord(
            text: LocalizedText { "\(patient.name): \(Messages($0).validation(error))" })
    }

    /// The first record of an archive dated after `today`, if any.
    static func futureRecord(in p: ArchivedPatient, after today: Day) -> (field: String, day: Day)?
    {
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

    /// Judges the imported patients once, so a long phase's checkpoint is made now, a few
    /// months of log at a time (`FollowedPlan.catchUp`), and the first status after a big
    /// import is as quick as the next. Only a speed-up: the import has landed whatever this
    /// says. A store without checkpoints is not read again (a clinic would log views).
    public static func judge(
        _ imported: Imported, in store: any RehabRepository, today: Day,
        template: (PlanSource) throws -> Plan
    ) {
        guard store.keepsCheckpoints, !imported.names.isEmpty,
            let patients = try? store.patients(includeArchived: true)
        else { return }
        for patient in patients where imported.names.contains(Naming.key(patient.name)) {
            _ = try? FollowedPlan.load(patient, from: store, judging: today, template: template)
        }
    }
}
