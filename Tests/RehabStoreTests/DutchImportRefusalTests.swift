import Foundation
import RehabCore
import RehabStorage
import Testing

@testable import RehabApp
@testable import RehabFiles
@testable import RehabSQLite

/// An import refused for a Dutch user says why in Dutch: the file formats, the record checks
/// and the store each give `StoreError.importFailed` both languages, with the file's own keys,
/// lines and columns as written.
@Suite struct DutchImportRefusalTests {
    func refusal(_ body: () throws -> Void) -> LocalizedText? {
        do {
            try body()
        } catch StoreError.importFailed(let text) {
            return text
        } catch {
            Issue.record("not an import refusal: \(error)")
        }
        return nil
    }

    func streamedJSON(_ text: String, limit: Int = 2) throws {
        var reader = try JSONArchiveReader(bytes: Array(text.utf8), limit: limit)
        while try reader.next() != nil {}
    }

    @Test func aJSONRefusalIsDutchAndNamesThePlaceInTheWholeFile() throws {
        var long = plainPatient
        long.sessions = (1...5).map { i in
            var s = plainPatient.sessions[0]
            s.date = day("2026-02-0\(i)")
            return s
        }
        var json = try ArchiveCodec.json(Archive(patients: [trickyPatient, long]))
        let minutes = "\"minutes\" : \(long.sessions[4].minutes)"
        let last = try #require(json.range(of: minutes, options: .backwards))
        json.replaceSubrange(last, with: "\"minutes\" : 20.5")
        let placed = refusal { try streamedJSON(json) }
        #expect(placed?.nl == "patients[1].sessions[4].minutes: 20.5 is geen heel getal")
        #expect(placed?.en == "patients[1].sessions[4].minutes: 20.5 is not a whole number")

        let missing = refusal {
            try streamedJSON(#"{"format":"rehab-export","version":1,"patients":[{}]}"#)
        }
        #expect(missing?.nl == "patients[0].name: ontbreekt")
        #expect(
            refusal { try streamedJSON("[]") }?.nl
                == "geen JSON-document: \"{\" verwacht bij byte 1"
        )
        #expect(
            refusal { try streamedJSON(#"{"format":"other","version":1,"patients":[]}"#) }?.nl
                == "format: rehab-export verwacht, other gevonden")
        let jog = try ArchiveCodec.json(Archive(patients: [plainPatient]))
            .replacingOccurrences(of: "\"activity\" : \"walk\"", with: "\"activity\" : \"jog\"")
        let unknown = refusal { _ = try ArchiveCodec.archive(json: jog) }
        #expect(unknown?.nl == "patients[0].sessions[0].activity: onbekende waarde jog")
        #expect(unknown?.en.hasPrefix("patients[0].sessions[0].activity: ") == true)
        let badDate = try archive(sessionDate: "2026-02-30")
        #expect(
            refusal { _ = try ArchiveCodec.archive(json: badDate) }?.nl
                == "patients[0].sessions[0].date: geen datum JJJJ-MM-DD: 2026-02-30")
    }

    /// An archive whose one session has `date` as written.
    func archive(sessionDate: String) throws -> String {
        let json = try ArchiveCodec.json(Archive(patients: [plainPatient]))
        let date = "\"date\" : \"\(plainPatient.sessions[0].date.iso)\""
        return json.replacingOccurrences(of: date, with: "\"date\" : \"\(sessionDate)\"")
    }

    @Test func aRecordTheStoreRefusesIsNamedInDutch() throws {
        var bad = plainPatient
        bad.name = "Bo"
        bad.sessions[0].painDuring = 11
        let refused = refusal { try Store.inMemory().importAll(Archive(patients: [bad])) }
        #expect(
            refused?.nl
                == "patiënt \"Bo\", sessie 1 (2026-02-01): pain_during \"11\" is niet toegestaan "
                + "(verwacht een heel getal 0-10)")
        #expect(
            refused?.en
                == "patient \"Bo\", session 1 (2026-02-01): pain_during \"11\" is not allowed "
                + "(expected a whole number 0-10)")

        var twice = plainPatient
        twice.mornings = [
            MorningCheck(date: day("2026-02-02"), pain: 1),
            MorningCheck(date: day("2026-02-02"), pain: 2),
        ]
        #expect(
            refusal { try Store.inMemory().importAll(Archive(patients: [twice])) }?.nl
                == "patiënt \"-Sam\", ochtendcheck 2: een tweede ochtendcheck op 2026-02-02")
    }

    @Test func aFileThatIsNoExportIsRefusedInDutch() throws {
        let folder = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let explain: (any Error) -> LocalizedText = {
            guard case StoreError.importFailed(let text) = $0 else {
                return LocalizedText(verbatim: "\($0)")
            }
            return text
        }
        var failure: ArchiveImport.OpenFailure?
        do {
            _ = try ArchiveImport(file: folder.path, today: day("2026-04-01"))
        } catch {
            failure = error
        }
        #expect(
            failure?.text(file: "x.json", explaining: explain).nl
                == "x.json: import mislukt, er is niets opgeslagen: geen gewoon bestand")
        #expect(
            ArchiveImport.OpenFailure.tooLarge(bytes: 600 << 20).text(
                file: "big.json", explaining: explain
            ).nl
                == "big.json: import mislukt, er is niets opgeslagen: het bestand is 629145600 "
                + "bytes; een export mag hoogstens 512 MiB zijn")

        let broken = folder.appendingPathComponent("broken.json").path
        try Data("[]".utf8).write(to: URL(fileURLWithPath: broken))
        do {
            _ = try ArchiveImport(file: broken, today: day("2026-04-01"))
            Issue.record("opened a broken export")
        } catch {
            #expect(
                error.text(file: "broken.json", explaining: explain).nl
                    == "broken.json: import mislukt, er is niets opgeslagen: geen JSON-document: "
                    + "\"{\" verwacht bij byte 1")
        }
    }
}
