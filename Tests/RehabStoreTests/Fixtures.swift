import Foundation
import RehabCore
import RehabTestSupport
import Testing

@testable import RehabFiles

func day(_ iso: String) -> Day {
    guard let d = Day(iso: iso) else { fatalError("bad test date \(iso)") }
    return d
}

/// A fresh directory under the system temp dir, removed by the caller's `defer`.
func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("rehab-store-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

func mode(_ path: String) -> Int? {
    guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
        let n = attributes[.posixPermissions] as? NSNumber
    else { return nil }
    return n.intValue & 0o777
}

func bytes(_ path: String) -> Data {
    (try? Data(contentsOf: URL(fileURLWithPath: path))) ?? Data()
}

func contains(_ data: Data, _ text: String) -> Bool {
    data.range(of: Data(text.utf8)) != nil
}

// The shared archive fixtures (RehabTestSupport), under the names the tests use.
var trickyPatient: ArchivedPatient { ArchiveFixtures.trickyPatient }
let trickyPatientRecords = ArchiveFixtures.trickyPatientRecords
let plainPatient = ArchiveFixtures.plainPatient

/// An import refused with `english` as its English text; the Dutch side must be there and
/// differ (the Dutch texts are pinned in `DutchImportRefusalTests`).
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
