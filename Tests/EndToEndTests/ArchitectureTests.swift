import Foundation
import Testing

// ARCHITECTURE.md's table of who may import whom, held against every `import` line of
// Sources/<Module>/*.swift: the document is the rule, and this keeps the tree to it.
@Suite struct ArchitectureTests {
    /// The table between the `imports:` markers: module → the modules it may import.
    static func allowedImports(_ markdown: String) -> [String: Set<String>] {
        var table: [String: Set<String>] = [:]
        var inside = false
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.contains("<!-- imports: begin -->") { inside = true }
            if line.contains("<!-- imports: end -->") { inside = false }
            guard inside, line.hasPrefix("|") else { continue }
            let cells = line.split(separator: "|", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 3, !cells[1].isEmpty, cells[1] != "Module",
                !cells[1].hasPrefix("---")
            else { continue }
            table[cells[1]] = Set(
                cells[2].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                    .filter { !$0.isEmpty })
        }
        return table
    }

    /// The modules a Swift source imports (`import X`, `@testable import X`,
    /// `@preconcurrency import X`, `import struct X.Y`).
    static func imports(_ source: String) -> Set<String> {
        var modules: Set<String> = []
        for raw in source.split(separator: "\n") {
            var words = raw.split(separator: " ").map(String.init)
            while let first = words.first, first.hasPrefix("@") { words.removeFirst() }
            guard words.first == "import", words.count >= 2 else { continue }
            let kinds: Set = ["struct", "class", "enum", "protocol", "func", "var", "typealias"]
            let name = kinds.contains(words[1]) && words.count >= 3 ? words[2] : words[1]
            modules.insert(String(name.split(separator: ".")[0]))
        }
        return modules
    }

    /// Every import that the table does not allow, as "Module/File.swift imports X".
    static func violations(root: URL, allowed: [String: Set<String>]) throws -> [String] {
        let files = FileManager.default
        let sources = root.appendingPathComponent("Sources")
        var found: [String] = []
        for module in try files.contentsOfDirectory(atPath: sources.path).sorted() {
            let folder = sources.appendingPathComponent(module)
            let swift = (files.enumerator(atPath: folder.path)?.allObjects as? [String] ?? [])
                .filter { $0.hasSuffix(".swift") }.sorted()
            guard !swift.isEmpty else { continue }
            guard let may = allowed[module] else {
                found.append("\(module) has no row in ARCHITECTURE.md")
                continue
            }
            for file in swift {
                let text = try String(
                    contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
                for name in imports(text).sorted() where !may.contains(name) {
                    found.append("\(module)/\(file) imports \(name)")
                }
            }
        }
        return found
    }

    @Test func everyModuleImportsOnlyWhatArchitectureAllows() throws {
        let root = Rehab.repoRoot
        let markdown = try String(
            contentsOf: root.appendingPathComponent("ARCHITECTURE.md"), encoding: .utf8)
        let allowed = Self.allowedImports(markdown)
        #expect(allowed["RehabCore"] == [])
        #expect(allowed["RehabTUI"]?.contains("RehabPlans") == true)
        #expect(try Self.violations(root: root, allowed: allowed) == [])
    }

    @Test func theTableReadsAsWritten() {
        let markdown = """
            | Module | May import |
            | --- | --- |
            | Outside | Core |
            <!-- imports: begin -->
            | Module | May import |
            | --- | --- |
            | Core | |
            | App | Core, Foundation |
            <!-- imports: end -->
            """
        #expect(Self.allowedImports(markdown) == ["Core": [], "App": ["Core", "Foundation"]])
    }

    @Test func importLinesInEveryForm() {
        let source = """
            import Foundation
            @testable import RehabStore
            @preconcurrency import GRDB
            import struct TerminalUI.Grid
            // import NotThis
            let text = "import Neither"
            """
        #expect(Self.imports(source) == ["Foundation", "RehabStore", "GRDB", "TerminalUI"])
    }

    /// A module importing one below it that its row leaves out, and a module with no row, are
    /// both reported.
    @Test func aForbiddenImportIsReported() throws {
        let root = FileManager.default.temporaryDirectory
            .appendingPathComponent("rehab-architecture-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        for (module, text) in [
            ("Core", "import Foundation\n"), ("App", "import Core\n"), ("Extra", "import Core\n"),
        ] {
            let folder = root.appendingPathComponent("Sources/\(module)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try text.write(
                to: folder.appendingPathComponent("Main.swift"), atomically: true, encoding: .utf8)
        }
        let found = try Self.violations(
            root: root, allowed: ["Core": [], "App": ["Core"]])
        #expect(
            found == ["Core/Main.swift imports Foundation", "Extra has no row in ARCHITECTURE.md"])
    }
}
