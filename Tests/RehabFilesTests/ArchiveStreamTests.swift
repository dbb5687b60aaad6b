import Foundation
import RehabCore
import Testing

@testable import RehabFiles

/// `rehab import` of a CSV export reads it a piece at a time; the pieces must add up to exactly
/// what reading the file whole gives, wherever the blocks and pieces are cut.
@Suite struct ArchiveStreamTests {
    let archive = Archive(patients: [trickyPatient, plainPatient])

    func pieces(_ text: String, blockSize: Int, limit: Int) throws -> [ArchivePiece] {
        let bytes = Array(text.utf8)
        let blocks = stride(from: 0, to: bytes.count, by: blockSize).map {
            Array(bytes[$0..<min($0 + blockSize, bytes.count)])
        }
        var reader = try CSVArchiveReader(blocks: blocks, limit: limit)
        var all: [ArchivePiece] = []
        while let piece = try reader.next() { all.append(piece) }
        return all
    }

    /// Blocks of 1, 2, 7 and 4096 bytes (quotes, CRLF and multi-byte letters cut in half) and
    /// pieces of 1, 2 and 4096 records all give back the archive that was written.
    @Test(arguments: [1, 2, 7, 4096]) func anyBlockAndPieceSizeGivesTheSameArchive(block: Int)
        throws
    {
        let csv = "\u{FEFF}" + ArchiveCodec.csv(archive)
        for limit in [1, 2, 4096] {
            let read = try pieces(csv, blockSize: block, limit: limit)
            #expect(joined(read) == archive, "block \(block), limit \(limit)")
            #expect(read.filter(\.isFirst).count == 2)
        }
    }

    /// With a limit of 2 records a piece, each piece repeats the header and counts what came
    /// before it, so messages can number a record within the whole patient.
    @Test func piecesCarryTheHeaderAndTheirOffset() throws {
        var long = plainPatient
        long.sessions = (1...5).map { i in
            var s = plainPatient.sessions[0]
            s.date = Day(iso: "2026-02-0\(i)")!
            return s
        }
        long.mornings = []
        long.clearings = []
        long.shoes = []
        let read = try pieces(
            ArchiveCodec.csv(Archive(patients: [long])), blockSize: 4096, limit: 2)
        #expect(read.map(\.patient.sessions.count) == [2, 2, 1])
        #expect(read.map(\.offset.sessions) == [0, 2, 4])
        #expect(read.map(\.isFirst) == [true, false, false])
        #expect(read.allSatisfy { $0.patient.assignment == long.assignment })
    }

    @Test func rowsOutOfTheExportsOrderAreRefusedByLine() throws {
        let header = ArchiveCodec.columns.joined(separator: ",")
        func row(_ cells: [String: String]) -> String {
            ArchiveCodec.columns.map { cells[$0] ?? "" }.joined(separator: ",")
        }
        let sam = row(["record": "patient", "patient": "Sam"])
        let kim = row(["record": "patient", "patient": "Kim"])
        let morning = row([
            "record": "morning", "patient": "Sam", "date": "2026-02-02", "pain": "1",
        ])
        let assignment = row([
            "record": "assignment", "patient": "Sam", "plan": "itbs", "start_date": "2026-02-01",
        ])
        expectImportRefused(
            "line 4, column record: assignment after the sessions, mornings, clearings or shoes "
                + "of \"Sam\" (put it right under the patient row, as rehab export does)"
        ) {
            try pieces(
                [header, sam, morning, assignment].joined(separator: "\n"), blockSize: 64, limit: 10
            )
        }
        expectImportRefused(
            "line 4, column patient: a row of \"Sam\" after another patient's rows (keep each "
                + "patient's rows together under its patient row)"
        ) {
            try pieces(
                [header, sam, kim, morning].joined(separator: "\n"), blockSize: 64, limit: 10)
        }
    }

    @Test func badBytesAreRefusedWithTheirLine() throws {
        let header = ArchiveCodec.columns.joined(separator: ",")
        let rest = String(repeating: ",", count: ArchiveCodec.columns.count - 2)
        var bytes = Array((header + "\npatient,Sam\(rest)\npatient,K").utf8)
        bytes += [0xFF] + Array((rest + "\n").utf8)
        var reader = try CSVArchiveReader(blocks: [bytes], limit: 10)
        expectImportRefused("line 3: not UTF-8") {
            while try reader.next() != nil {}
        }
    }
}
