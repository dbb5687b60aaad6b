import Foundation
import RehabCore
import Testing

@testable import RehabFiles

/// A CSV export refused for a Dutch user says why in Dutch, with the file's own lines and
/// columns as written. Refusals from the record checks and the store are pinned in
/// RehabStoreTests (`DutchImportRefusalTests`).
@Suite struct DutchFormatRefusalTests {
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

    @Test func aCSVCellIsRefusedInDutchWithItsLineAndColumn() throws {
        let header = ArchiveCodec.columns.joined(separator: ",")
        func row(_ cells: [String: String]) -> String {
            ArchiveCodec.columns.map { cells[$0] ?? "" }.joined(separator: ",")
        }
        let patient = row(["record": "patient", "patient": "Sam"])
        let bad = row([
            "record": "session", "patient": "Sam", "date": "2026-03-01", "activity": "run",
            "minutes": "30", "pain_during": "veel", "pain_after": "1",
        ])
        let text = refusal {
            _ = try ArchiveCodec.archive(csv: [header, patient, bad].joined(separator: "\n"))
        }
        #expect(
            text?.nl == "regel 3, kolom pain_during: een heel getal verwacht, \"veel\" gevonden")
        #expect(text?.en == "line 3, column pain_during: expected a whole number, found \"veel\"")

        #expect(
            refusal { _ = try ArchiveCodec.archive(csv: "record,patient,colour\n") }?.nl
                == "regel 1: onbekende kolom \"colour\"")
        #expect(
            refusal { _ = try ArchiveCodec.archive(csv: header + "\npatient,\"Sam\n") }?.nl
                == "regel 2: een veld tussen aanhalingstekens wordt nooit gesloten")
    }
}
