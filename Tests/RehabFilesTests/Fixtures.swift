import Foundation
import RehabCore
import RehabTestSupport
import Testing

@testable import RehabFiles

func day(_ iso: String) -> Day {
    guard let d = Day(iso: iso) else { fatalError("bad test date \(iso)") }
    return d
}

// The shared archive fixtures (RehabTestSupport), under the names the tests use.
var trickyPatient: ArchivedPatient { ArchiveFixtures.trickyPatient }
let trickyPatientRecords = ArchiveFixtures.trickyPatientRecords
let plainPatient = ArchiveFixtures.plainPatient

/// The pieces a streaming reader handed out, put back together into the archive they came from.
func joined(_ pieces: [ArchivePiece]) -> Archive {
    var patients: [ArchivedPatient] = []
    for piece in pieces {
        if piece.isFirst {
            patients.append(piece.patient)
        } else {
            patients[patients.count - 1].append(records: piece.patient)
        }
    }
    return Archive(patients: patients)
}

/// An import refused with `english` as its English text; the Dutch side must be there and
/// differ (the Dutch texts are pinned in `DutchFormatRefusalTests`).
func expectImportRefused<T>(
    _ english: String, sourceLocation: SourceLocation = #_sourceLocation,
    _ body: () throws -> T
) {
    do {
        _ = try body()
        Issue.record("not refused; expected: \(english)", sourceLocation: sourceLocation)
    } catch StoreError.importFailed(let text) {
        #expect(text.en == english, sourceLocation: sourceLocation)
        #expect(!text.nl.isEmpty && text.nl != text.en, sourceLocation: sourceLocation)
    } catch {
        Issue.record("\(error); expected: \(english)", sourceLocation: sourceLocation)
    }
}
