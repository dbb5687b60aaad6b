import Foundation
import Testing

/// Hostile plan files through the real binary: `rehab plans check` refuses each one quickly,
/// with `file:line:column`, and exits 1. (RehabPlansTests check the exact messages.)
struct HostilePlanTests {
    static func hostileFiles() -> [(name: String, bytes: Data)] {
        let laughs =
            ["a: &a [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]"]
            + (1..<9).map { i in
                let letter = String(UnicodeScalar(UInt8(97 + i)))
                let previous = String(UnicodeScalar(UInt8(96 + i)))
                return "\(letter): &\(letter) ["
                    + Array(repeating: "*\(previous)", count: 9)
                    .joined(separator: ", ") + "]"
            }
        var tenMiB = Data("id: big\n".utf8)
        tenMiB.append(Data(repeating: 0x20, count: 10 * 1024 * 1024))
        var badUTF8 = Data("id: x\nnames: { nl: \"".utf8)
        badUTF8.append(contentsOf: [0xC3, 0x28])
        badUTF8.append(Data("\", en: \"x\" }\n".utf8))
        return [
            ("billion_laughs.yaml", Data(laughs.joined(separator: "\n").utf8)),
            (
                "deep_flow.yaml",
                Data(
                    (String(repeating: "[", count: 5000)
                        + String(repeating: "]", count: 5000)).utf8)
            ),
            ("deep_block.yaml", Data((String(repeating: "- ", count: 5000) + "x\n").utf8)),
            ("ten_mib.yaml", tenMiB),
            ("duplicate_keys.yaml", Data("id: dup\nregion: knee\nregion: hip\n".utf8)),
            ("invalid_utf8.yaml", badUTF8),
            ("wrong_types.yaml", Data("id: [1, 2]\nnames: 7\nphases: { a: b }\n".utf8)),
        ]
    }

    @Test func plansCheckRefusesEachHostileFile() throws {
        let rehab = try Rehab()
        defer { rehab.cleanUp() }
        for file in Self.hostileFiles() {
            let path = rehab.directory.appendingPathComponent(file.name).path
            try file.bytes.write(to: URL(fileURLWithPath: path))
            let clock = ContinuousClock()
            let started = clock.now
            let result = try rehab.run(["plans", "check", path])
            let elapsed = clock.now - started
            #expect(result.status == 1, "\(file.name): \(result)")
            let pattern = "\(path):[0-9]+:[0-9]+: "
            let lines = result.stderr.split(separator: "\n") + result.stdout.split(separator: "\n")
            #expect(
                lines.contains { $0.range(of: pattern, options: .regularExpression) != nil },
                "\(file.name): no file:line:column in \(result)")
            // Refused before any expensive work: well under a second even for a debug build.
            #expect(elapsed < .seconds(1), "\(file.name) took \(elapsed)")
        }
    }
}
