import Foundation
import RehabCore
import Testing

@testable import RehabFiles

/// `rehab import` of a JSON export reads it a piece at a time (twice over, never whole); the
/// pieces must add up to exactly what decoding the file whole gives, wherever blocks and
/// pieces are cut, and a bad record is named by its place in the whole file.
@Suite struct JSONArchiveReaderTests {
    let archive = Archive(patients: [trickyPatient, plainPatient])

    func pieces(_ text: String, blockSize: Int, limit: Int) throws -> [ArchivePiece] {
        let bytes = Array(text.utf8)
        var reader = try JSONArchiveReader(
            open: {
                var at = 0
                return {
                    guard at < bytes.count else { return nil }
                    defer { at += blockSize }
                    return Array(bytes[at..<min(at + blockSize, bytes.count)])
                }
            }, limit: limit)
        var all: [ArchivePiece] = []
        while let piece = try reader.next() { all.append(piece) }
        return all
    }

    func message(_ text: String, limit: Int = 2) -> String {
        do {
            _ = try pieces(text, blockSize: 5, limit: limit)
            return "no error"
        } catch StoreError.importFailed(let message) {
            return message.en
        } catch {
            return "\(error)"
        }
    }

    /// Blocks of 1, 3 and 4096 bytes (escapes, quotes and multi-byte letters cut in half) and
    /// pieces of 1, 2 and 4096 records give back the archive that was written; the export
    /// sorts its keys, so `mornings` comes before `name`.
    @Test(arguments: [1, 3, 4096]) func anyBlockAndPieceSizeGivesTheSameArchive(block: Int)
        throws
    {
        let json = try ArchiveCodec.json(archive)
        #expect(
            json.range(of: "\"mornings\"")!.lowerBound < json.range(of: "\"name\"")!.lowerBound)
        for limit in [1, 2, 4096] {
            let read = try pieces(json, blockSize: block, limit: limit)
            #expect(joined(read) == archive, "block \(block), limit \(limit)")
            #expect(read.filter(\.isFirst).count == 2)
        }
    }

    /// Compact JSON with a byte-order mark, keys in another order, an unknown key and trailing
    /// commas (which Foundation's decoder takes too) reads the same; a patient with no
    /// records still arrives, as its header.
    @Test func compactOtherOrderAndAnEmptyPatient() throws {
        let text = """
            \u{FEFF}{"patients":[{"sessions":[],"x":{"y":[1,"]"]},"name":"Empty","archived":true,},],\
            "version":1,"format":"rehab-export"}
            """
        let read = try pieces(text, blockSize: 2, limit: 4096)
        #expect(read.count == 1)
        #expect(read.first?.patient.name == "Empty")
        #expect(read.first?.patient.archived == true)
        #expect(read.first?.isFirst == true)
    }

    /// With pieces of 2 records, the fifth session of the second patient is still
    /// `patients[1].sessions[4]` in the message.
    @Test func aBadRecordIsNamedByItsPlaceInTheWholeFile() throws {
        var long = plainPatient
        long.sessions = (1...5).map { i in
            var s = plainPatient.sessions[0]
            s.date = Day(iso: "2026-02-0\(i)")!
            return s
        }
        var json = try ArchiveCodec.json(Archive(patients: [trickyPatient, long]))
        let minutes = "\"minutes\" : \(long.sessions[4].minutes)"
        let last = try #require(json.range(of: minutes, options: .backwards))
        json.replaceSubrange(last, with: "\"minutes\" : 20.5")
        #expect(message(json) == "patients[1].sessions[4].minutes: 20.5 is not a whole number")
    }

    @Test func brokenFilesAreRefusedWithWhereAndWhat() throws {
        let json = try ArchiveCodec.json(archive)
        // Cut just inside the sessions list (not inside a string, which says so instead).
        let cut = String(json[..<json.range(of: "\"sessions\" : [")!.upperBound])
        #expect(message(cut).hasPrefix("not a JSON document: the file ends early at byte "))
        #expect(message("[]").hasPrefix("not a JSON document: expected \"{\" at byte 1"))
        #expect(
            message(#"{"format":"other","version":1,"patients":[]}"#)
                == "format: expected rehab-export, found other")
        #expect(
            message(#"{"format":"rehab-export","version":9,"patients":[]}"#).hasPrefix(
                "version: 9 is not supported"))
        #expect(
            message(#"{"format":"rehab-export","version":1,"patients":[{}]}"#)
                == "patients[0].name: missing")
        #expect(
            message(#"{"format":"rehab-export","version":1,"patients":[]} x"#).hasPrefix(
                "not a JSON document: more after the end"))
        #expect(message(#"{"format":"rehab-export","version":1}"#) == "no error")
        // Read whole, the second list would silently win; streamed, both would be stored.
        #expect(
            message(
                #"{"format":"rehab-export","version":1,"patients":[{"name":"A","sessions":[],"#
                    + #""sessions":[]}]}"#) == "patients[0].sessions: given twice")
        #expect(
            message(#"{"format":"rehab-export","format":"x","version":1}"#)
                == "format: given twice")
    }
}
