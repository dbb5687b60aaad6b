// Reading one plan file: size and encoding checks before YAML, then the schema.

import Foundation
import RehabCore

public enum PlanFile {
    /// Plan files are small; anything bigger is refused before it is read whole.
    public static let maxBytes = 1 << 20

    /// Reads and validates `plans/<id>.yaml`; the plan id must equal the file name stem.
    public static func load(path: String) throws(PlanFileErrors) -> Plan {
        let bytes = try read(path: path)
        let stem = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        return try parse(bytes: bytes, file: path, expectedID: stem)
    }

    /// Checks one file as `rehab plans check` does: its errors, and its warnings (deprecated
    /// keys, walking or running allowed above 3/10, an id other than the file name), each sorted
    /// by place. A file with errors still reports the warnings found before the schema gave up.
    /// The id only must equal the file name in a plans folder (`load(path:)`): a file handed
    /// over, such as `rehab plans export > ann.yaml`, is checked on its own.
    public static func check(path: String) -> (errors: [PlanError], warnings: [PlanError]) {
        do {
            let bytes = try read(path: path)
            let stem = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
            var warnings: [PlanError] = []
            do {
                _ = try parse(
                    bytes: bytes, file: path, expectedID: stem, idMismatchIsWarning: true,
                    warnings: &warnings)
                return ([], PlanFileErrors(warnings).errors)
            } catch {
                return (error.errors, PlanFileErrors(warnings).errors)
            }
        } catch {
            return (error.errors, [])
        }
    }

    /// A plan file handed over (e.g. a physio's tuned plan for `rehab start --plan-file`): read
    /// with the same limits and checks as any plan file, but its id need not match its name.
    /// Returns the plan and the file's text, to be kept with the patient.
    public static func loadHandedOver(path: String) throws(PlanFileErrors)
        -> (plan: Plan, text: String)
    {
        let bytes = try read(path: path)
        let plan = try parse(bytes: bytes, file: path, expectedID: nil)
        // The parser accepts valid UTF-8 only, so the decoding replaces nothing.
        return (plan, String(decoding: bytes, as: UTF8.self))
    }

    /// Validates plan bytes; `file` only names them in errors.
    public static func parse(bytes: [UInt8], file: String) throws(PlanFileErrors) -> Plan {
        try parse(bytes: bytes, file: file, expectedID: nil)
    }

    public static func parse(data: Data, file: String) throws(PlanFileErrors) -> Plan {
        try parse(bytes: [UInt8](data), file: file, expectedID: nil)
    }

    static func parse(bytes: [UInt8], file: String, expectedID: String?)
        throws(PlanFileErrors) -> Plan
    {
        var warnings: [PlanError] = []
        return try parse(bytes: bytes, file: file, expectedID: expectedID, warnings: &warnings)
    }

    static func parse(
        bytes: [UInt8], file: String, expectedID: String?, idMismatchIsWarning: Bool = false,
        warnings: inout [PlanError]
    ) throws(PlanFileErrors) -> Plan {
        let root = try Self.root(bytes, file: file) { bad in
            t(
                "ongeldige UTF-8 (byte 0x\(hex(bad))); planbestanden moeten UTF-8 zijn",
                "invalid UTF-8 (byte 0x\(hex(bad))); plan files must be UTF-8")
        }
        var schema = PlanSchema(file: file, expectedID: expectedID)
        schema.idMismatchIsWarning = idMismatchIsWarning
        let plan = schema.plan(root)
        warnings = schema.reader.warnings
        guard let plan, schema.reader.errors.isEmpty else {
            throw PlanFileErrors(schema.reader.errors)
        }
        return plan
    }

    /// The YAML tree of a plan or questionnaire file, refused whole when it is too big, is not
    /// UTF-8 (`notUTF8` words that, given the first bad byte) or holds text no file may.
    static func root(_ bytes: [UInt8], file: String, notUTF8: (UInt8) -> LocalizedText)
        throws(PlanFileErrors) -> YAMLNode?
    {
        func refuse(_ mark: Mark, _ text: LocalizedText) -> PlanFileErrors {
            PlanFileErrors([
                PlanError(file: file, line: mark.line, column: mark.column, text: text)
            ])
        }
        guard bytes.count <= maxBytes else {
            throw refuse(Mark(line: 1, column: 1), tooBig(bytes.count))
        }
        if let bad = firstInvalidUTF8(bytes) {
            throw refuse(YAMLTree.position(ofByte: bad, in: bytes), notUTF8(bytes[bad]))
        }
        let root = try YAMLTree.root(bytes, file: file)
        let textProblems = PlanText.problems(root, file: file)
        if !textProblems.isEmpty { throw PlanFileErrors(textProblems) }
        return root
    }

    // MARK: - Bytes

    static func read(path: String) throws(PlanFileErrors) -> [UInt8] {
        func refuse(_ text: LocalizedText) -> PlanFileErrors {
            PlanFileErrors([PlanError(file: path, line: 1, column: 1, text: text)])
        }
        // Opened before it is measured, so the file measured is the file read; without
        // blocking, so a named pipe is refused instead of waited on. (Asking FileManager for the
        // attributes first also looked up the owner's and group's names in the system's user
        // database, for every plan file of every command.)
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw refuse(
                t(
                    "kan het bestand niet lezen: het bestaat niet of er is geen toestemming",
                    "cannot read the file: no such file or no permission"))
        }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            throw refuse(t("geen gewoon bestand", "not a regular file"))
        }
        guard info.st_size <= maxBytes else { throw refuse(tooBig(Int(info.st_size))) }
        // Read one byte more than allowed, in case the file grew since it was measured.
        let data: Data
        do {
            data = try handle.read(upToCount: maxBytes + 1) ?? Data()
        } catch {
            let reason = error.localizedDescription
            throw refuse(
                t(
                    "kan het bestand niet lezen: \(reason)",
                    "cannot read the file: \(reason)"))
        }
        guard data.count <= maxBytes else { throw refuse(tooBig(data.count)) }
        return [UInt8](data)
    }

    static func tooBig(_ size: Int) -> LocalizedText {
        t(
            "het bestand is \(size) bytes; planbestanden mogen hoogstens 1 MiB zijn",
            "file is \(size) bytes; plan files may be at most 1 MiB")
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
    }

    /// Offset of the first byte that is not part of valid UTF-8, or nil.
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar):
                offset += scalar.count
            case .emptyInput:
                return nil
            case .error:
                return offset
            }
        }
    }
}
