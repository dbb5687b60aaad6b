import Foundation
import Testing

@testable import RehabPlans

/// Plan files written to hurt: alias bombs, deep nesting, huge files, duplicate keys, broken
/// UTF-8 and a wrong type at every level of a valid plan. Each is refused quickly with
/// `file:line:column` and never crashes. (BadFileTests pins the exact messages of the classic
/// cases; these tests sweep wider.)
@Suite struct HostileTests {
    /// Parses and also measures: a refusal must come well within a second.
    static func refusal(_ bytes: [UInt8], file: String = "h.yaml") -> (lines: [String], ms: Int) {
        let clock = ContinuousClock()
        let start = clock.now
        var lines: [String] = ["OK"]
        do {
            _ = try PlanFile.parse(bytes: bytes, file: file)
        } catch {
            lines = error.errors.map(\.description)
        }
        let elapsed = clock.now - start
        let ms =
            Int(elapsed.components.seconds * 1000)
            + Int(elapsed.components.attoseconds / 1_000_000_000_000_000)
        return (lines, ms)
    }

    /// Every line is `file:line:column: message` with a line and a column from 1.
    static func positioned(_ lines: [String], file: String = "h.yaml") -> Bool {
        !lines.isEmpty
            && lines.allSatisfy { line in
                let parts = line.split(separator: ":", maxSplits: 3)
                guard parts.count == 4, parts[0] == file, let l = Int(parts[1]),
                    let c = Int(parts[2])
                else { return false }
                return l >= 1 && c >= 1
            }
    }

    static func valid() throws -> String {
        let url = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        let data = try #require(
            FileManager.default.contents(atPath: url.path + "/valid_minimal.yaml"))
        return String(decoding: data, as: UTF8.self)
    }

    // MARK: - Size and shape

    @Test func aliasBombsOfEveryShapeAreRefusedAtTheFirstAnchor() {
        // Ten levels of ten: 10^10 nodes if expanded.
        var lines = [
            "l0: &l0 [" + Array(repeating: "\"lol\"", count: 10).joined(separator: ",")
                + "]"
        ]
        for i in 1..<10 {
            lines.append(
                "l\(i): &l\(i) ["
                    + Array(repeating: "*l\(i - 1)", count: 10).joined(
                        separator: ",") + "]")
        }
        // The same bomb in block style, and an alias used as a mapping key.
        let block = "a: &a\n  - x\n  - x\nb:\n  - *a\n  - *a\n"
        let keyAlias = "id: &k plan\n*k : 2\n"
        for (text, line, column) in [
            (lines.joined(separator: "\n"), 1, 5), (block, 1, 4), (keyAlias, 1, 5),
        ] {
            let (result, ms) = Self.refusal(Array(text.utf8))
            #expect(Self.positioned(result), "\(result)")
            #expect(result.first?.hasPrefix("h.yaml:\(line):\(column): anchor &") == true)
            #expect(ms < 1000, "took \(ms) ms")
        }
    }

    @Test func nestingFiveThousandDeepIsRefusedInEveryStyle() {
        let depth = 5000
        let flowSequences =
            String(repeating: "[", count: depth)
            + String(repeating: "]", count: depth)
        let flowMappings =
            String(repeating: "{a: ", count: depth)
            + "1" + String(repeating: "}", count: depth)
        let blockSequences = String(repeating: "- ", count: depth) + "x\n"
        let mixed =
            String(repeating: "[{a: ", count: depth / 2) + "1"
            + String(repeating: "}]", count: depth / 2)
        for text in [flowSequences, flowMappings, blockSequences, mixed] {
            let (result, ms) = Self.refusal(Array(text.utf8))
            #expect(Self.positioned(result), "\(result)")
            #expect(result.count == 1, "\(result)")
            #expect(result.first?.contains("nesting deeper than") == true, "\(result)")
            #expect(ms < 1000, "took \(ms) ms")
        }
    }

    @Test func tenMiBFileIsRefusedWithoutBeingRead() throws {
        let path = NSTemporaryDirectory() + "rehab-hostile-\(UUID().uuidString).yaml"
        defer { try? FileManager.default.removeItem(atPath: path) }
        // A valid start, then 10 MiB of comment: refused by size, not after parsing it.
        var data = Data("id: x\n".utf8)
        data.append(Data(("#" + String(repeating: "y", count: 1023) + "\n").utf8))
        let line = data.suffix(1025)
        for _ in 0..<(10 * 1024) { data.append(line) }
        try data.write(to: URL(fileURLWithPath: path))
        let clock = ContinuousClock()
        let start = clock.now
        var caught: [String] = []
        do { _ = try PlanFile.load(path: path) } catch { caught = error.errors.map(\.description) }
        #expect(clock.now - start < .seconds(1))
        #expect(
            caught == ["\(path):1:1: file is \(data.count) bytes; plan files may be at most 1 MiB"])
    }

    // MARK: - Duplicate keys and encodings

    @Test func duplicateKeysAreRefusedAtEveryLevel() throws {
        let plan = try Self.valid()
        // (line to insert after, text, line and column of the second key)
        let cases: [(String, String, Int, Int)] = [
            ("region: knee", "region: hip", 4, 1),
            ("    min_days: 7", "    min_days: 8", 14, 5),
            (
                "    names: { nl: \"Brug\", en: \"Bridge\" }",
                "    names: { nl: \"Brug\", en: \"Bridge\" }", 9, 5
            ),
        ]
        for (after, duplicate, line, column) in cases {
            let text = plan.replacingOccurrences(
                of: after + "\n", with: after + "\n" + duplicate + "\n")
            #expect(text != plan)
            let (result, ms) = Self.refusal(Array(text.utf8))
            #expect(Self.positioned(result), "\(result)")
            #expect(result.contains { $0.hasPrefix("h.yaml:\(line):\(column): ") }, "\(result)")
            #expect(result.contains { $0.contains("duplicate") }, "\(result)")
            #expect(ms < 1000)
        }
        // Inside one flow mapping.
        let flow = plan.replacingOccurrences(
            of: "names: { nl: \"Proef\", en: \"Trial\" }",
            with: "names: { nl: \"Proef\", en: \"Trial\", nl: \"Nog eens\" }")
        let (result, _) = Self.refusal(Array(flow.utf8))
        #expect(
            result.contains { $0.hasPrefix("h.yaml:2:") && $0.contains("duplicate") }, "\(result)")
    }

    @Test func everyKindOfBrokenUTF8IsRefusedAtItsByte() {
        let prefix = Array("id: x\nsummary: \"".utf8)  // the bad byte is on line 2, column 11
        let broken: [[UInt8]] = [
            [0x80],  // a continuation byte on its own
            [0xC0, 0x80],  // overlong NUL
            [0xE0, 0x80, 0x80],  // overlong three-byte form
            [0xED, 0xA0, 0x80],  // a UTF-16 surrogate
            [0xF4, 0x90, 0x80, 0x80],  // above U+10FFFF
            [0xF5, 0x80, 0x80, 0x80],  // a byte that never appears in UTF-8
            [0xE2, 0x82],  // cut short before the quote
            [0xFE, 0xFF],  // a UTF-16 byte order mark
        ]
        for bad in broken {
            let (result, ms) = Self.refusal(prefix + bad + Array("\"\n".utf8))
            #expect(
                result.count == 1 && result[0].hasPrefix("h.yaml:2:11: invalid UTF-8"),
                "\(bad): \(result)")
            #expect(ms < 1000)
        }
        // Cut at the very end of the file.
        let (cut, _) = Self.refusal(Array("id: x\n".utf8) + [0xF0, 0x9F, 0x98])
        #expect(cut == ["h.yaml:2:1: invalid UTF-8 (byte 0xF0); plan files must be UTF-8"])
        // NUL and other control characters are not YAML either: refused, not a crash.
        let (nul, _) = Self.refusal(Array("id: x\u{0}y\n".utf8))
        #expect(Self.positioned(nul), "\(nul)")
    }

    // MARK: - Wrong types at every level

    /// For every value of the valid plan (top level, inside phases, inside flow mappings in
    /// lists), a value of the wrong kind is put in its place: a mapping where a scalar or a list
    /// belongs, a list where a mapping belongs, a number where a list or mapping belongs.
    static func wrongTypeMutations(_ text: String) -> [(text: String, line: Int)] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var out: [(String, Int)] = []
        func replaced(_ index: Int, with line: String, dropChildren: Bool = false) -> String {
            var copy = lines
            copy[index] = line
            if dropChildren {
                let indent = lines[index].prefix { $0 == " " || $0 == "-" }.count
                let next = index + 1
                while next < copy.count, !copy[next].isEmpty,
                    copy[next].prefix(while: { $0 == " " || $0 == "-" }).count > indent
                {
                    copy.remove(at: next)
                }
            }
            return copy.joined(separator: "\n")
        }
        for (i, line) in lines.enumerated() {
            // `- { id: bridge, sets: 3 }`: a flow mapping as a list item, mutated inside.
            if let brace = line.range(of: "- {") {
                let head = String(line[..<brace.lowerBound]) + "-"
                let value = String(line[line.index(after: brace.lowerBound)...])
                    .trimmingCharacters(in: .whitespaces)
                let inner = value.dropFirst().dropLast().split(separator: ",")
                for (k, entry) in inner.enumerated() {
                    guard let c = entry.firstIndex(of: ":") else { continue }
                    var entries = inner.map(String.init)
                    entries[k] = String(entry[..<c]) + ": { x: 1 }"
                    out.append(
                        (
                            replaced(i, with: head + " {" + entries.joined(separator: ",") + " }"),
                            i + 1
                        ))
                }
                out.append((replaced(i, with: head + " 7"), i + 1))
                continue
            }
            let colonSpace = line.range(of: ": ")
            let trailing = line.hasSuffix(":") ? line.range(of: ":", options: .backwards) : nil
            guard let colon = colonSpace ?? trailing else { continue }
            let head = String(line[..<colon.lowerBound])
            let value = line[colon.upperBound...].trimmingCharacters(in: .whitespaces)
            if value.isEmpty {
                // A block follows: a number instead of it.
                out.append((replaced(i, with: head + ": 7", dropChildren: true), i + 1))
            } else if value.hasPrefix("{") {
                out.append((replaced(i, with: head + ": [1, 2]"), i + 1))
                // And each entry inside the flow mapping gets a list instead of its scalar.
                let inner = value.dropFirst().dropLast().split(separator: ",")
                for (k, entry) in inner.enumerated() {
                    guard let c = entry.firstIndex(of: ":") else { continue }
                    var entries = inner.map(String.init)
                    entries[k] = String(entry[..<c]) + ": [9]"
                    out.append(
                        (
                            replaced(i, with: head + ": {" + entries.joined(separator: ",") + " }"),
                            i + 1
                        ))
                }
            } else if value.hasPrefix("[") {
                out.append((replaced(i, with: head + ": { x: 1 }"), i + 1))
            } else {
                out.append((replaced(i, with: head + ": { x: 1 }"), i + 1))
            }
        }
        return out
    }

    @Test func aWrongTypeAtEveryLevelIsRefusedOnItsLine() throws {
        let plan = try Self.valid()
        let mutations = Self.wrongTypeMutations(plan)
        #expect(mutations.count >= 30, "only \(mutations.count) mutations")
        for mutation in mutations {
            let (result, ms) = Self.refusal(Array(mutation.text.utf8))
            #expect(result != ["OK"], "accepted:\n\(mutation.text)")
            #expect(Self.positioned(result), "\(result)")
            #expect(
                result.contains { $0.hasPrefix("h.yaml:\(mutation.line):") },
                "no error on line \(mutation.line): \(result)\n\(mutation.text)")
            #expect(ms < 1000)
        }
    }
}
