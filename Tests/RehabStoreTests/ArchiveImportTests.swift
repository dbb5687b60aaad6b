import Foundation
import RehabCore
import RehabFiles
import RehabStorage
import Testing

@testable import RehabApp
@testable import RehabSQLite

/// An export imported whole or not at all, as `rehab import` does and an app screen could:
/// files refused before a store is touched, the future refused by patient and field, the
/// caller's check stopping everything, and the patients added named for judging.
@Suite struct ArchiveImportTests {
    let archive = Archive(patients: [trickyPatient, plainPatient])

    func written(_ text: String, _ name: String, in folder: URL) throws -> String {
        let path = folder.appendingPathComponent(name).path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    func openFailure(_ file: String) -> ArchiveImport.OpenFailure? {
        do {
            _ = try ArchiveImport(file: file, today: day("2026-04-01"))
            return nil
        } catch {
            return error
        }
    }

    @Test(arguments: ["json", "csv"]) func anExportComesBackWhole(format: String) throws {
        let folder = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = format == "json" ? try ArchiveCodec.json(archive) : ArchiveCodec.csv(archive)
        let file = try written(text, "export.\(format)", in: folder)
        var checked: [String] = []
        var importing = try ArchiveImport(file: file, today: day("2026-04-01"))
        let store = try Store.inMemory()
        let imported = try importing.store(into: store) {
            if $0.isFirst { checked.append($0.patient.name) }
        }
        #expect(imported.counts.patients == 2)
        #expect(imported.counts.sessions == 4)
        #expect(imported.counts.mornings == 2)
        #expect(imported.names == [Naming.key(trickyPatient.name), Naming.key("-Sam")])
        #expect(checked == [trickyPatient.name, "-Sam"])
        #expect(try store.patients(includeArchived: true).count == 2)
    }

    @Test func aRecordAfterTodayStoresNothingAndNamesThePatientAndField() throws {
        let folder = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = try written(try ArchiveCodec.json(archive), "export.json", in: folder)
        // -Sam walked on 2026-02-01; Zoë's records end on 2026-01-23.
        var importing = try ArchiveImport(file: file, today: day("2026-01-31"))
        let store = try Store.inMemory()
        do {
            _ = try importing.store(into: store) { _ in }
            Issue.record("a record after today was imported")
        } catch let refusal as ArchiveImport.FutureRecord {
            #expect(
                refusal.text.en
                    == "-Sam: session date: '2026-02-01' is not allowed; use a date as YYYY-MM-DD, "
                    + "not after 2026-01-31")
            #expect(refusal.text.nl.hasPrefix("-Sam: session date: "))
            #expect(refusal.text.nl.hasSuffix("niet na 2026-01-31"))
        }
        #expect(try store.patients(includeArchived: true).isEmpty)
    }

    @Test func theCallersCheckStopsTheWholeImport() throws {
        struct Refused: Error {}
        let folder = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = try written(ArchiveCodec.csv(archive), "export.csv", in: folder)
        var importing = try ArchiveImport(file: file, today: day("2026-04-01"))
        let store = try Store.inMemory()
        #expect(throws: Refused.self) {
            try importing.store(into: store) { if $0.patient.name == "-Sam" { throw Refused() } }
        }
        #expect(try store.patients(includeArchived: true).isEmpty)
    }

    /// Another writer (a clinic patient login's move-in) gets the same checked pieces.
    @Test func anotherWriterGetsTheCheckedPieces() throws {
        let folder = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = try written(try ArchiveCodec.json(archive), "export.json", in: folder)
        var importing = try ArchiveImport(file: file, today: day("2026-04-01"))
        func collect(
            _ next: () throws -> ArchivePiece?, _ check: (ArchivePiece) throws -> Void
        ) throws -> [String] {
            var seen: [String] = []
            while let piece = try next() {
                try check(piece)
                if piece.isFirst { seen.append(piece.patient.name) }
            }
            return seen
        }
        let (written, names) = try importing.write(check: { _ in }, into: collect)
        #expect(written == [trickyPatient.name, "-Sam"])
        #expect(names.count == 2)
    }

    @Test func aFolderAMissingFileAndABrokenFileAreRefusedBeforeAnyStore() throws {
        let folder = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let explain: (any Error) -> LocalizedText = { LocalizedText(verbatim: "store: \($0)") }

        let notRegular = try #require(openFailure(folder.path))
        #expect(
            notRegular.text(file: "x.json", explaining: explain).en
                == "x.json: import failed, nothing was stored: not a regular file")

        let missing = folder.appendingPathComponent("nowhere.csv").path
        let gone = try #require(openFailure(missing))
        #expect(
            gone.text(file: missing, explaining: explain).en.hasPrefix("cannot read \(missing): "))

        let broken = try written("[]", "broken.json", in: folder)
        let refused = try #require(openFailure(broken))
        #expect(
            refused.text(file: broken, explaining: explain).en.hasPrefix(
                "\(broken): import failed, nothing was stored: store: "))

        #expect(
            ArchiveImport.OpenFailure.tooLarge(bytes: 600 << 20).text(
                file: "big.json", explaining: explain
            ).en
                == "big.json: import failed, nothing was stored: the file is 629145600 bytes; an "
                + "export may be at most 512 MiB")
    }
}
