import Foundation
import RehabCore
import Testing

@testable import RehabSQLite

/// The change counter the app polls: another connection's commit moves it, its own does not.
@Suite struct ChangeCounterTests {
    @Test func anotherWriterMovesTheCounterAndOwnWritesDoNot() throws {
        let root = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let path = root.appendingPathComponent("rehab.sqlite").path
        let app = try Store(path: path)
        let start = try app.dataVersion()
        _ = try app.addPatient(name: "Sam")
        #expect(try app.dataVersion() == start)
        let cli = try Store(path: path)
        _ = try cli.addPatient(name: "Kim")
        let moved = try app.dataVersion()
        #expect(moved != start)
        // Reading again without another write: steady.
        #expect(try app.dataVersion() == moved)
    }
}
