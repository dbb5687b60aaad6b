import Foundation
import RehabCore

/// A piece of an export as `rehab import` takes it in: one patient's header (name, language,
/// plan, phase changes, plan file) with a bounded run of its records. A long history arrives
/// as several pieces of the same patient, so memory stays bounded however big the file.
public struct ArchivePiece: Sendable {
    /// The header, and this piece's sessions, mornings, clearings and shoes.
    public var patient: ArchivedPatient
    /// The first piece of its patient: the one that adds the patient.
    public var isFirst: Bool
    /// How many of each record kind earlier pieces of this patient held, so messages can
    /// number a record within the whole patient ("session 120001").
    public var offset: RecordCounts

    public init(patient: ArchivedPatient, isFirst: Bool = true, offset: RecordCounts = .init()) {
        self.patient = patient
        self.isFirst = isFirst
        self.offset = offset
    }
}

/// Records of each kind: a piece's offset, or what an import stored.
public struct RecordCounts: Hashable, Sendable {
    public var patients = 0
    public var sessions = 0
    public var mornings = 0
    public var clearings = 0
    public var shoes = 0

    public init() {}

    mutating func add(_ patient: ArchivedPatient) {
        sessions += patient.sessions.count
        mornings += patient.mornings.count
        clearings += patient.clearings.count
        shoes += patient.shoes.count
    }

    /// Counts a stored piece's records (the stores' imports).
    public mutating func count(_ patient: ArchivedPatient) { add(patient) }
}

extension ArchivedPatient {
    /// The same patient with no records: what every piece of it repeats.
    var header: ArchivedPatient {
        var header = self
        header.sessions = []
        header.mornings = []
        header.clearings = []
        header.shoes = []
        header.measurements = []
        header.notes = []
        return header
    }

    var recordCount: Int {
        sessions.count + mornings.count + clearings.count + shoes.count + measurements.count
            + notes.count
    }

    /// Adds a later piece's records.
    mutating func append(records piece: ArchivedPatient) {
        sessions += piece.sessions
        mornings += piece.mornings
        clearings += piece.clearings
        shoes += piece.shoes
        measurements += piece.measurements
        notes += piece.notes
    }
}

extension Archive {
    /// Each patient whole, as one piece: how an archive held in memory is imported.
    public var pieces: [ArchivePiece] { patients.map { ArchivePiece(patient: $0) } }
}

/// Reads what `ArchiveCodec.csv` writes a record at a time, and hands out pieces of at most
/// `limit` records. A patient's rows follow its `patient` row, with the `assignment`,
/// `phase_change` and `plan_file` rows before the others, as an export writes them.
/// Hands out an export a piece at a time (`CSVArchiveReader`, `JSONArchiveReader`).
public protocol ArchiveReading {
    /// The next piece, or nil at the end of the file.
    mutating func next() throws -> ArchivePiece?
}

public struct CSVArchiveReader: ArchiveReading {
    private var table: CSVStream
    private let index: [String: Int]
    private let width: Int
    private let limit: Int
    /// The patient being read: header and the records not handed out yet.
    private var current: ArchivedPatient?
    private var currentStarted = false
    private var offset = RecordCounts()
    /// A `patient` row read while the previous patient still had a piece to hand out.
    private var waiting: CSVTable.Record?
    private var earlier: Set<String> = []

    /// Reads the file a block at a time.
    public init(file: FileHandle, limit: Int = 4096) throws {
        try self.init(
            stream: CSVStream {
                // The end of the file reads as nil or as no bytes.
                guard let data = try file.read(upToCount: 1 << 20), !data.isEmpty else {
                    return nil
                }
                return Array(data)
            },
            limit: limit)
    }

    public init(bytes: [UInt8], limit: Int = 4096) throws {
        var given: [UInt8]? = bytes
        try self.init(
            stream: CSVStream {
                defer { given = nil }
                return given
            }, limit: limit)
    }

    /// Blocks as given (tests split a file at every byte to prove no boundary matters).
    init(blocks: [[UInt8]], limit: Int) throws {
        var rest = blocks[...]
        try self.init(stream: CSVStream { rest.popFirst() }, limit: limit)
    }

    private init(stream: CSVStream, limit: Int) throws {
        table = stream
        self.limit = limit
        guard let header = try table.next() else {
            throw StoreError.importFailed(FormatPhrase.line(1, FormatPhrase.emptyFile()))
        }
        var index: [String: Int] = [:]
        for (i, name) in header.fields.enumerated() {
            let name = name.trimmingCharacters(in: .whitespaces)
            guard ArchiveCodec.columns.contains(name) else {
                throw StoreError.importFailed(
                    FormatPhrase.line(1, FormatPhrase.unknownColumn(ArchiveCodec.shown(name))))
            }
            guard index[name] == nil else {
                throw StoreError.importFailed(
                    FormatPhrase.line(1, FormatPhrase.columnTwice(ArchiveCodec.shown(name))))
            }
            index[name] = i
        }
        guard index["record"] != nil, index["patient"] != nil else {
            throw StoreError.importFailed(
                FormatPhrase.line(1, FormatPhrase.recordAndPatientRequired()))
        }
        self.index = index
        width = header.fields.count
    }

    /// The next piece, or nil at the end of the file.
    public mutating func next() throws -> ArchivePiece? {
        while true {
            guard let row = try waiting.take() ?? table.next() else {
                guard let last = current.take() else { return nil }
                return pending(of: last)
            }
            guard row.fields.count == width else {
                throw StoreError.importFailed(
                    FormatPhrase.line(
                        row.line, FormatPhrase.fieldCount(row.fields.count, header: width)))
            }
            let cells = CSVRow(line: row.line, fields: row.fields, index: index)
            let record = try cells.text("record")
            let name = try cells.text("patient")
            if record == "patient" {
                if let previous = current.take() {
                    earlier.insert(previous.name)
                    if let piece = pending(of: previous) {
                        // Hand out the previous patient's last piece; this row starts the next.
                        waiting = row
                        return piece
                    }
                }
                guard !name.isEmpty else {
                    throw cells.error("patient", FormatPhrase.nameNeeded())
                }
                current = try Self.patient(cells, name: name)
                currentStarted = false
                offset = RecordCounts()
                continue
            }
            guard var patient = current, patient.name == name else {
                if earlier.contains(name) {
                    throw cells.error(
                        "patient", FormatPhrase.rowAfterOtherPatient(ArchiveCodec.shown(name)))
                }
                throw cells.error("patient", FormatPhrase.noPatientRow(ArchiveCodec.shown(name)))
            }
            if ["assignment", "phase_change", "plan_file", "discharge"].contains(record),
                currentStarted || patient.recordCount > 0
            {
                throw cells.error("record", FormatPhrase.headerRecordTooLate(record, name))
            }
            current = nil
            try Self.read(record, cells, into: &patient)
            current = patient
            if patient.recordCount >= limit, let piece = pending(of: patient) {
                current = patient.header
                return piece
            }
        }
    }

    /// The patient's records not handed out yet as a piece (the header alone for a patient
    /// with none), nil when there is nothing left to hand out.
    private mutating func pending(of patient: ArchivedPatient) -> ArchivePiece? {
        guard !currentStarted || patient.recordCount > 0 else { return nil }
        let piece = ArchivePiece(patient: patient, isFirst: !currentStarted, offset: offset)
        currentStarted = true
        offset.add(patient)
        return piece
    }

    private static func patient(_ cells: CSVRow, name: String) throws -> ArchivedPatient {
        var languageValue: Language?
        let language = try cells.text("language")
        if !language.isEmpty {
            guard let l = Language(rawValue: language) else {
                throw cells.error(
                    "language", FormatPhrase.expectedLanguage(found: ArchiveCodec.shown(language)))
            }
            languageValue = l
        }
        return ArchivedPatient(
            name: name, language: languageValue, archived: try cells.bool("archived") ?? false)
    }

    /// One row of a patient other than its `patient` row.
    private static func read(_ record: String, _ cells: CSVRow, into p: inout ArchivedPatient)
        throws
    {
        let name = p.name
        switch record {
        case "assignment":
            guard p.assignment == nil else {
                throw cells.error("record", FormatPhrase.second(record, name))
            }
            let overridesText = try cells.text("overrides")
            var overrides = PlanOverrides()
            if !overridesText.isEmpty {
                do {
                    overrides = try OverridesDoc.overrides(json: overridesText)
                } catch {
                    throw cells.error("overrides", FormatPhrase.badOverrides())
                }
            }
            p.assignment = Assignment(
                planID: try cells.required("plan"),
                variantID: try cells.optionalText("variant"),
                startDate: try cells.day("start_date"),
                startingWeeklyKm: try cells.double("starting_weekly_km"),
                overrides: overrides, phaseHistory: [])
        case "phase_change":
            guard p.assignment != nil else {
                throw cells.error("record", FormatPhrase.phaseChangeBeforeAssignment(name))
            }
            let reasonText = try cells.text("reason")
            guard let reason = PhaseChangeReason(rawValue: reasonText) else {
                let allowed = PhaseChangeReason.allCases.map(\.rawValue).joined(separator: ", ")
                throw cells.error(
                    "reason", FormatPhrase.expectedOneOf(allowed, found: reasonText))
            }
            p.assignment?.phaseHistory.append(
                PhaseChange(
                    phase: try cells.required("phase"), date: try cells.day("date"),
                    reason: reason, note: try cells.optionalText("note")))
        case "session":
            let activityText = try cells.text("activity")
            guard let activity = Activity(rawValue: activityText) else {
                let allowed = Activity.allCases.map(\.rawValue).joined(separator: ", ")
                throw cells.error(
                    "activity", FormatPhrase.expectedOneOf(allowed, found: activityText))
            }
            p.sessions.append(
                Session(
                    id: try cells.int64("id"), date: try cells.day("date"), activity: activity,
                    km: try cells.double("km"), minutes: try cells.requiredInt("minutes"),
                    painDuring: try cells.requiredInt("pain_during"),
                    painAfter: try cells.requiredInt("pain_after"),
                    lastedOver2h: try cells.bool("lasted_over_2h") ?? false,
                    flags: try cells.flags(), shoe: try cells.optionalText("shoe"),
                    note: try cells.text("note"), calfRaises: try cells.int("calf_raises"),
                    hopTest: try cells.int("hop_test"),
                    startTime: try cells.optionalText("start_time")))
        case "discharge":
            guard p.discharge == nil else {
                throw cells.error("record", FormatPhrase.second(record, name))
            }
            p.discharge = Discharge(
                date: try cells.day("date"), by: try cells.required("by"),
                early: try cells.bool("early") ?? false)
        case "plan_file":
            guard p.planFile == nil else {
                throw cells.error("record", FormatPhrase.second(record, name))
            }
            p.planFile = StoredPlanFile(
                planID: try cells.required("plan"), yaml: try cells.required("yaml"))
        case "morning":
            p.mornings.append(
                MorningCheck(
                    date: try cells.day("date"), pain: try cells.requiredInt("pain"),
                    flags: try cells.flags()))
        case "clearing":
            p.clearings.append(
                FlagClearing(
                    date: try cells.day("date"), reason: try cells.text("reason"),
                    cleared: try cells.flags().map { token in
                        guard let report = FlagReport(token: token) else {
                            throw cells.error("flags", FormatPhrase.notAFlagReport(token))
                        }
                        return report
                    }))
        case "shoe":
            guard let start = try cells.double("start_km") else {
                throw cells.error("start_km", FormatPhrase.numberNeeded())
            }
            guard let retire = try cells.double("retire_km") else {
                throw cells.error("retire_km", FormatPhrase.numberNeeded())
            }
            p.shoes.append(Shoe(name: try cells.required("shoe"), startKm: start, retireKm: retire))
        case "measurement":
            p.measurements.append(
                MeasureRecord(
                    date: try cells.day("date"), instrument: try cells.required("instrument"),
                    answers: try MeasureCSV.answers(cells)))
        case "note":
            p.notes.append(
                ClinicalNote(date: try cells.day("date"), text: try cells.required("note")))
        default:
            throw cells.error("record", FormatPhrase.unknownRecord(ArchiveCodec.shown(record)))
        }
    }
}

/// Names for the CSV reader's records.
enum CSVTable {
    struct Record {
        var line: Int
        var fields: [String]
    }
}

/// An RFC 4180 reader over bytes that arrive in blocks: quoted fields may hold commas, quotes
/// and line breaks; lines end with CRLF, LF or CR. Each record keeps the line it starts on,
/// for error messages, and only one record is held at a time.
struct CSVStream {
    /// The next block of the file, nil at its end.
    private let read: () throws -> [UInt8]?
    private var block: [UInt8] = []
    private var position = 0
    private var ended = false
    private var started = false
    private var line = 1

    init(read: @escaping () throws -> [UInt8]?) {
        self.read = read
    }

    private static let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ",")
    private static let cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")

    private mutating func peek() throws -> UInt8? {
        while position == block.count {
            guard !ended, let next = try read() else {
                ended = true
                return nil
            }
            block = next
            position = 0
            if !started { try skipByteOrderMark() }
        }
        return block[position]
    }

    /// A byte order mark from a spreadsheet is not part of the first column's name; it may
    /// arrive split over blocks.
    private mutating func skipByteOrderMark() throws {
        started = true
        while block.count < 3, let more = try read() { block += more }
        if block.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
    }

    mutating func next() throws -> CSVTable.Record? {
        var fields: [String] = []
        var field: [UInt8] = []
        var recordLine = line
        var inQuotes = false
        var wasQuoted = false
        func endField() throws {
            guard let text = String(validating: field, as: UTF8.self) else {
                throw StoreError.importFailed(FormatPhrase.line(line, FormatPhrase.notUTF8()))
            }
            fields.append(text)
            field.removeAll(keepingCapacity: true)
            wasQuoted = false
        }
        while true {
            guard let c = try peek() else {
                if inQuotes {
                    throw StoreError.importFailed(
                        FormatPhrase.line(recordLine, FormatPhrase.quoteNeverClosed()))
                }
                guard !field.isEmpty || !fields.isEmpty || wasQuoted else { return nil }
                try endField()
                return CSVTable.Record(line: recordLine, fields: fields)
            }
            position += 1
            if inQuotes {
                if c == Self.quote {
                    if try peek() == Self.quote {
                        field.append(c)
                        position += 1
                        continue
                    }
                    inQuotes = false
                    wasQuoted = true
                } else {
                    if c == Self.lf { line += 1 }
                    if c == Self.cr, try peek() != Self.lf { line += 1 }
                    field.append(c)
                }
                continue
            }
            switch c {
            case Self.quote:
                guard field.isEmpty, !wasQuoted else {
                    throw StoreError.importFailed(
                        FormatPhrase.line(line, FormatPhrase.quoteInsideField()))
                }
                inQuotes = true
            case Self.comma:
                try endField()
            case Self.cr, Self.lf:
                if c == Self.cr, try peek() == Self.lf { position += 1 }
                try endField()
                line += 1
                // A blank line (one empty field) is not a record.
                if fields.count == 1 && fields[0].isEmpty {
                    fields = []
                    recordLine = line
                    continue
                }
                return CSVTable.Record(line: recordLine, fields: fields)
            default:
                guard !wasQuoted else {
                    throw StoreError.importFailed(
                        FormatPhrase.line(line, FormatPhrase.textAfterClosingQuote()))
                }
                field.append(c)
            }
        }
    }
}

extension Optional {
    /// The value, leaving nil behind.
    fileprivate mutating func take() -> Wrapped? {
        defer { self = nil }
        return self
    }
}
