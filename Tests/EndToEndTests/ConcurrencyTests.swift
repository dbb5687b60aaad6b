import Foundation
import Synchronization
import Testing

/// Two rehab processes writing one database at the same time: each waits for the other (busy
/// timeout, IMMEDIATE transactions) instead of failing, and no write is lost.
struct ConcurrencyTests {
    @Test func twoLoggersSideBySideLoseNothing() throws {
        let rehab = try Rehab()
        defer { rehab.cleanUp() }
        let started = try rehab.run(["start", "itbs", "--date", "2026-02-16"])
        #expect(started.status == 0, "\(started)")

        let writes = 100
        let failures = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 2) { writer in
            let name = writer == 0 ? "a" : "b"
            for i in 0..<writes {
                let note = "\(name)-\(i)"
                do {
                    let result = try rehab.run(CrashSafetyTests.logArguments(note: note))
                    if result.status != 0 {
                        failures.withLock { $0.append("\(note): \(result)") }
                    }
                } catch {
                    failures.withLock { $0.append("\(note): \(error)") }
                }
            }
        }
        let failed = failures.withLock { $0 }
        #expect(failed.isEmpty, "\(failed.count) writes failed, e.g. \(failed.prefix(3))")
        #expect(!failed.contains { $0.contains("locked") }, "database is locked")

        let counts = try noteCounts(rehab.databasePath)
        for name in ["a", "b"] {
            for i in 0..<writes {
                #expect(counts["\(name)-\(i)"] == 1, "\(name)-\(i): \(counts["\(name)-\(i)"] ?? 0)")
            }
        }
        #expect(counts.values.reduce(0, +) == 2 * writes)
        #expect(try sqlite(rehab.databasePath, "PRAGMA integrity_check") == "ok")
    }

    /// `rehab backup` while another process writes: every copy is a consistent database holding
    /// exactly the writes acknowledged before it, in order (a prefix, never a gap).
    @Test func backupWhileAnotherProcessWrites() throws {
        let rehab = try Rehab()
        defer { rehab.cleanUp() }
        let started = try rehab.run(["start", "itbs", "--date", "2026-02-16"])
        #expect(started.status == 0, "\(started)")

        let writes = 60
        let done = Mutex(-1)  // the last write acknowledged
        let backups = Mutex<[(file: String, doneBefore: Int, result: Rehab.Result)]>([])
        DispatchQueue.concurrentPerform(iterations: 2) { worker in
            if worker == 0 {
                for i in 0..<writes {
                    if let result = try? rehab.run(CrashSafetyTests.logArguments(note: "w-\(i)")),
                        result.status == 0
                    {
                        done.withLock { $0 = i }
                    }
                }
            } else {
                for copy in 0..<6 {
                    // Let a few writes land between copies.
                    usleep(150_000)
                    let file = rehab.directory.appendingPathComponent("copies/copy-\(copy).sqlite")
                        .path
                    let before = done.withLock { $0 }
                    if let result = try? rehab.run(["backup", file]) {
                        backups.withLock { $0.append((file, before, result)) }
                    }
                }
            }
        }
        #expect(done.withLock { $0 } == writes - 1, "every write was acknowledged")
        let copies = backups.withLock { $0 }
        #expect(copies.count == 6)
        var sizes: [Int] = []
        for copy in copies {
            #expect(copy.result.status == 0, "\(copy.result)")
            #expect(copy.result.stdout.contains("backup written to \(copy.file)"), "\(copy.result)")
            #expect(try sqlite(copy.file, "PRAGMA integrity_check") == "ok")
            #expect(try permissions(copy.file) == 0o600)
            let notes = try noteCounts(copy.file)
            let stored = notes.keys.compactMap { Int($0.dropFirst(2)) }.sorted()
            #expect(notes.values.allSatisfy { $0 == 1 })
            #expect(stored == Array(0..<stored.count), "the copy must hold a prefix: \(stored)")
            #expect(stored.count >= copy.doneBefore + 1, "a copy misses acknowledged writes")
            sizes.append(stored.count)
        }
        // The copies really were taken while writing went on.
        #expect(Set(sizes).count > 1, "all copies hold the same \(sizes) sessions")
        // The live database is untouched by the copies and holds every write.
        #expect(try noteCounts(rehab.databasePath).count == writes)
    }
}
