import Foundation
import RehabCore

/// Reads what `ArchiveCodec.json` writes without holding the file: a 100 MB export is a few
/// patients with a million sessions each, so a patient is handed out in pieces of at most
/// `limit` records, like `CSVArchiveReader`. JSON keys come in any order (an export sorts them,
/// so `mornings` comes before `name`), so the file is read twice: the first pass keeps each
/// patient's small fields (name, language, assignment, plan file) and the export's format and
/// version; the second reads the record lists a batch at a time. Each batch is decoded by the
/// same `Codable` types as a whole archive, so a record is checked the same way, and a message
/// names the record in the whole file ("patients[0].sessions[120001].minutes: ...").
public struct JSONArchiveReader: ArchiveReading {
    /// The keys of a patient that hold record lists; every other key is the patient's header.
    static let recordKeys = ["shoes", "sessions", "mornings", "clearings", "measurements", "notes"]

    private var scanner: JSONScanner
    private let limit: Int
    /// Per patient, in file order: the header members as they were written (`"key":value`).
    private let headers: [[String]]
    private let format: String
    private var state = State.top
    private var opened = false
    private var patient = -1
    private var started = false
    private var offset = RecordCounts()
    /// Records of each list already handed out for the current patient, for messages.
    private var done: [String: Int] = [:]
    private var batch: [[UInt8]] = []
    private var batchKey = ""

    private enum State { case top, patients, members, elements, end }

    /// `open` gives a fresh reader of the file's bytes (nil or no bytes at the end); it is
    /// called twice.
    public init(open: () throws -> () throws -> [UInt8]?, limit: Int = 4096) throws {
        var first = JSONScanner(read: try open())
        (headers, format) = try Self.skim(&first)
        scanner = JSONScanner(read: try open())
        self.limit = limit
        // The export's own fields first: a wrong format or version says so before any record.
        let top = try ArchiveCodec.archive(json: "{\(format)\"patients\":[]}")
        try top.checkFormat()
    }

    public init(file path: String, limit: Int = 4096) throws {
        try self.init(
            open: {
                let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
                return {
                    guard let data = try handle.read(upToCount: 1 << 20), !data.isEmpty else {
                        try? handle.close()
                        return nil
                    }
                    return Array(data)
                }
            }, limit: limit)
    }

    public init(bytes: [UInt8], limit: Int = 4096) throws {
        try self.init(
            open: {
                var given: [UInt8]? = bytes
                return {
                    defer { given = nil }
                    return given
                }
            }, limit: limit)
    }

    /// The first pass: each patient's header members and the export's format and version.
    private static func skim(_ s: inout JSONScanner) throws -> ([[String]], String) {
        var headers: [[String]] = []
        var top: [String] = []
        try s.expect(UInt8(ascii: "{"))
        var keys = Set<String>()
        while let key = try s.member() {
            guard keys.insert(key).inserted else {
                throw StoreError.importFailed(FormatPhrase.givenTwice(key))
            }
            guard key == "patients" else {
                let value = try s.value(keep: key == "format" || key == "version")
                if key == "format" || key == "version" { top.append(member(key, value)) }
                continue
            }
            try s.expect(UInt8(ascii: "["))
            while try s.element() {
                try s.expect(UInt8(ascii: "{"))
                var header: [String] = []
                var keys = Set<String>()
                while let key = try s.member() {
                    // Read whole, the last of two would win unseen; streamed, both lists would
                    // be stored: neither is what the file's maker meant.
                    guard keys.insert(key).inserted else {
                        throw StoreError.importFailed(
                            FormatPhrase.givenTwice("patients[\(headers.count)].\(key)"))
                    }
                    let isRecords = recordKeys.contains(key)
                    let value = try s.value(keep: !isRecords)
                    if !isRecords { header.append(member(key, value)) }
                }
                headers.append(header)
            }
        }
        try s.expectEnd()
        return (headers, top.map { $0 + "," }.joined())
    }

    private static func member(_ key: String, _ value: [UInt8]) -> String {
        "\(JSONScanner.quoted(key)):" + String(decoding: value, as: UTF8.self)
    }

    /// The next piece, or nil at the end of the file.
    public mutating func next() throws -> ArchivePiece? {
        while true {
            switch state {
            case .end:
                return nil
            case .top:
                if !opened {
                    try scanner.expect(UInt8(ascii: "{"))
                    opened = true
                }
                guard let key = try scanner.member() else {
                    try scanner.expectEnd()
                    state = .end
                    continue
                }
                if key == "patients" {
                    try scanner.expect(UInt8(ascii: "["))
                    state = .patients
                } else {
                    _ = try scanner.value(keep: false)
                }
            case .patients:
                guard try scanner.element() else {
                    state = .top
                    continue
                }
                try scanner.expect(UInt8(ascii: "{"))
                patient += 1
                started = false
                offset = RecordCounts()
                done = [:]
                state = .members
            case .members:
                guard let key = try scanner.member() else {
                    state = .patients
                    // A patient with no records still arrives, as its header alone.
                    if !started { return try piece() }
                    continue
                }
                if Self.recordKeys.contains(key) {
                    try scanner.expect(UInt8(ascii: "["))
                    batchKey = key
                    state = .elements
                } else {
                    _ = try scanner.value(keep: false)
                }
            case .elements:
                guard try scanner.element() else {
                    state = .members
                    if !batch.isEmpty { return try piece() }
                    continue
                }
                batch.append(try scanner.value(keep: true))
                if batch.count >= limit { return try piece() }
            }
        }
    }

    /// The current patient's header with the batch read so far, decoded as a whole archive of
    /// one patient would be.
    private mutating func piece() throws -> ArchivePiece {
        guard headers.indices.contains(patient) else {
            throw StoreError.importFailed(
                FormatPhrase.changedWhileRead("patients[\(patient)]"))
        }
        var members = headers[patient]
        if !batch.isEmpty {
            let list = batch.map { String(decoding: $0, as: UTF8.self) }.joined(separator: ",")
            members.append("\(JSONScanner.quoted(batchKey)):[\(list)]")
        }
        let json = "{\(format)\"patients\":[{\(members.joined(separator: ","))}]}"
        // A message names the path of the one-patient batch as the whole file's.
        let archive = try ArchiveCodec.archive(json: json, placing: placed)
        guard let decoded = archive.patients.first else {
            throw StoreError.importFailed(FormatPhrase.missing("patients[\(patient)]"))
        }
        let piece = ArchivePiece(patient: decoded, isFirst: !started, offset: offset)
        started = true
        offset.add(decoded)
        done[batchKey, default: 0] += batch.count
        batch = []
        return piece
    }

    /// A path in the one-patient batch as the patient's and the record's place in the whole
    /// file.
    private func placed(_ path: String) -> String {
        guard path.hasPrefix("patients[0]") else { return path }
        var rest = String(path.dropFirst("patients[0]".count))
        let list = ".\(batchKey)["
        if !batchKey.isEmpty, rest.hasPrefix(list),
            let close = rest.firstIndex(of: "]"),
            let index = Int(rest[rest.index(rest.startIndex, offsetBy: list.count)..<close])
        {
            rest = list + String(index + done[batchKey, default: 0]) + String(rest[close...])
        }
        return "patients[\(patient)]" + rest
    }
}

/// Just enough of a JSON reader to walk an export's structure a value at a time: members of an
/// object, elements of an array, and any value's bytes (kept or skipped). The values it keeps
/// are decoded by Foundation afterwards, which checks them fully.
struct JSONScanner {
    private let read: () throws -> [UInt8]?
    private var buffer: [UInt8] = []
    private var position = 0
    /// Bytes before `buffer`, for messages.
    private var consumed = 0
    /// Whether the current object or array already had a member or element.
    private var counted: [Bool] = []
    private var finished = false

    init(read: @escaping () throws -> [UInt8]?) {
        self.read = read
    }

    static func quoted(_ key: String) -> String {
        let data = try? JSONEncoder().encode(key)
        return data.map { String(decoding: $0, as: UTF8.self) } ?? "\"\""
    }

    private func failure(_ what: LocalizedText) -> StoreError {
        .importFailed(FormatPhrase.notJSON(what, atByte: consumed + position + 1))
    }

    private mutating func peek() throws -> UInt8? {
        while position >= buffer.count {
            guard !finished, let more = try read(), !more.isEmpty else {
                finished = true
                return nil
            }
            consumed += buffer.count
            buffer = more
            position = 0
        }
        return buffer[position]
    }

    private mutating func take() throws -> UInt8? {
        let byte = try peek()
        if byte != nil { position += 1 }
        return byte
    }

    private mutating func skipSpace() throws {
        while let byte = try peek(), byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 {
            position += 1
        }
    }

    /// Skips a byte-order mark the first time.
    mutating func expect(_ byte: UInt8) throws {
        try skipSpace()
        if consumed == 0, position == 0, try peek() == 0xEF {
            for _ in 0..<3 { _ = try take() }
            try skipSpace()
        }
        guard try peek() == byte else {
            throw failure(FormatPhrase.expected("\"\(Character(.init(byte)))\""))
        }
        position += 1
        counted.append(false)
    }

    /// Nothing but white space after the document.
    mutating func expectEnd() throws {
        try skipSpace()
        if try peek() != nil { throw failure(FormatPhrase.moreAfterTheEnd()) }
    }

    /// The next member's key of the object being read (its ":" taken), nil at its end.
    mutating func member() throws -> String? {
        guard try nextItem(closing: UInt8(ascii: "}")) else { return nil }
        let raw = try string()
        guard let key = try? JSONDecoder().decode(String.self, from: Data(raw)) else {
            throw failure(FormatPhrase.keyNotAString())
        }
        try skipSpace()
        guard try peek() == UInt8(ascii: ":") else { throw failure(FormatPhrase.expected("\":\"")) }
        position += 1
        return key
    }

    /// True when the array being read has another element (positioned at it), false at its
    /// end.
    mutating func element() throws -> Bool {
        try nextItem(closing: UInt8(ascii: "]"))
    }

    private mutating func nextItem(closing: UInt8) throws -> Bool {
        try skipSpace()
        if try peek() == closing {
            position += 1
            counted.removeLast()
            return false
        }
        if counted.last == true {
            guard try peek() == UInt8(ascii: ",") else {
                throw failure(FormatPhrase.expected("\",\""))
            }
            position += 1
            try skipSpace()
            // A comma before the closing bracket: Foundation's decoder takes it, so this does.
            if try peek() == closing {
                position += 1
                counted.removeLast()
                return false
            }
        }
        guard !counted.isEmpty else { throw failure(FormatPhrase.valueOutsideTheDocument()) }
        counted[counted.count - 1] = true
        if try peek() == nil { throw failure(FormatPhrase.endsEarly()) }
        return true
    }

    private mutating func string() throws -> [UInt8] {
        try skipSpace()
        guard try peek() == UInt8(ascii: "\"") else {
            throw failure(FormatPhrase.expectedAString())
        }
        var bytes: [UInt8] = []
        try scanString(into: &bytes, keep: true)
        return bytes
    }

    /// A string from its opening quote to its closing one.
    private mutating func scanString(into bytes: inout [UInt8], keep: Bool) throws {
        guard let open = try take() else { throw failure(FormatPhrase.endsEarly()) }
        if keep { bytes.append(open) }
        var escaped = false
        while let byte = try take() {
            if keep { bytes.append(byte) }
            if escaped {
                escaped = false
            } else if byte == UInt8(ascii: "\\") {
                escaped = true
            } else if byte == UInt8(ascii: "\"") {
                return
            }
        }
        throw failure(FormatPhrase.unendingString())
    }

    /// One value, whole: its bytes when `keep`, else skipped (nothing kept, however large).
    mutating func value(keep: Bool) throws -> [UInt8] {
        try skipSpace()
        var bytes: [UInt8] = []
        var depth = 0
        repeat {
            guard let byte = try peek() else { throw failure(FormatPhrase.endsEarly()) }
            switch byte {
            case UInt8(ascii: "\""):
                try scanString(into: &bytes, keep: keep)
                continue
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                if depth == 0 { return bytes }
                depth -= 1
            case UInt8(ascii: ","):
                if depth == 0 { return bytes }
            default:
                break
            }
            position += 1
            if keep { bytes.append(byte) }
        } while try depth > 0 || !atScalarEnd()
        return bytes
    }

    /// After a byte of a scalar (or a closing bracket at depth 0): whether the value ended.
    private mutating func atScalarEnd() throws -> Bool {
        guard let byte = try peek() else { return true }
        return [0x20, 0x0A, 0x0D, 0x09, UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]")]
            .contains(byte)
    }
}
