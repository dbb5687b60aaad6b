import Foundation
import Testing

// ARCHITECTURE.md's table of who may import whom, held against every `import` line of
// Sources/<Module>/*.swift: the document is the rule, and this keeps the tree to it.
@Suite struct ArchitectureTests {
    /// One row of the table: the module's layer and the modules it may import.
    struct Row: Equatable {
        var layer: Int
        var imports: Set<String>
    }

    /// The table between the `imports:` markers: module → its layer and what it may import.
    static func table(_ markdown: String) -> [String: Row] {
        var table: [String: Row] = [:]
        var inside = false
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.contains("<!-- imports: begin -->") { inside = true }
            if line.contains("<!-- imports: end -->") { inside = false }
            guard inside, line.hasPrefix("|") else { continue }
            let cells = line.split(separator: "|", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 4, !cells[1].isEmpty, cells[1] != "Module",
                !cells[1].hasPrefix("---")
            else { continue }
            // A row without a readable layer sorts below everything, so every import it allows
            // of the project's modules is reported.
            table[cells[1]] = Row(
                layer: Int(cells[2]) ?? 0,
                imports: Set(
                    cells[3].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                        .filter { !$0.isEmpty }))
        }
        return table
    }

    /// Module → the modules it may import.
    static func allowedImports(_ markdown: String) -> [String: Set<String>] {
        table(markdown).mapValues(\.imports)
    }

    /// Every module of the project a row lets its module import although it is not of a lower
    /// layer, as "A (layer 2) may import B (layer 3)". Modules without a row (Foundation, GRDB)
    /// are outside the layers.
    static func againstTheOrder(_ table: [String: Row]) -> [String] {
        var found: [String] = []
        for (module, row) in table.sorted(by: { $0.key < $1.key }) {
            for name in row.imports.sorted() {
                guard let other = table[name], other.layer >= row.layer else { continue }
                found.append(
                    "\(module) (layer \(row.layer)) may import \(name) (layer \(other.layer))")
            }
        }
        return found
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
        // The engine stays pure: the standard library's Mutex (for a memo) and nothing else.
        #expect(allowed["RehabCore"] == ["Synchronization"])
        #expect(allowed["RehabTUI"]?.contains("RehabPlans") == true)
        #expect(try Self.violations(root: root, allowed: allowed) == [])
        #expect(Self.againstTheOrder(Self.table(markdown)) == [])
    }

    /// The layers the issue asks for: the use cases and the app see the storage protocol and
    /// never a database, and the file formats know no store.
    @Test func theLayersKeepStorageBehindItsProtocol() throws {
        let markdown = try String(
            contentsOf: Rehab.repoRoot.appendingPathComponent("ARCHITECTURE.md"), encoding: .utf8)
        let table = Self.table(markdown)
        let databases: Set = ["RehabSQLite", "RehabPostgres", "GRDB", "PostgresNIO"]
        for module in ["RehabApp", "RehabTUI"] {
            let imports = try #require(table[module]?.imports)
            #expect(imports.contains("RehabStorage"), "\(module)")
            #expect(imports.isDisjoint(with: databases), "\(module)")
        }
        let files = try #require(table["RehabFiles"]?.imports)
        #expect(files.isDisjoint(with: databases.union(["RehabStorage"])))
        let storage = try #require(table["RehabStorage"]?.imports)
        #expect(storage.isDisjoint(with: databases))
    }

    @Test func theTableReadsAsWritten() {
        let markdown = """
            | Module | Layer | May import |
            | --- | --- | --- |
            | Outside | 1 | Core |
            <!-- imports: begin -->
            | Module | Layer | May import |
            | --- | --- | --- |
            | Core | 1 | |
            | App | 2 | Core, Foundation |
            <!-- imports: end -->
            """
        #expect(Self.allowedImports(markdown) == ["Core": [], "App": ["Core", "Foundation"]])
        #expect(
            Self.table(markdown) == [
                "Core": Row(layer: 1, imports: []),
                "App": Row(layer: 2, imports: ["Core", "Foundation"]),
            ])
    }

    /// A row that lets a module import one of a higher or its own layer is reported, however
    /// the sources import; one of a lower layer, and modules outside the table, are not.
    @Test func aRowAgainstTheOrderIsReported() {
        let table: [String: Row] = [
            "Core": Row(layer: 1, imports: []),
            "Files": Row(layer: 2, imports: ["Core", "Foundation"]),
            "Plans": Row(layer: 2, imports: ["Core", "Files"]),
            "Storage": Row(layer: 3, imports: ["Core", "Files"]),
            "Formats": Row(layer: 2, imports: ["Storage"]),
        ]
        #expect(
            Self.againstTheOrder(table) == [
                "Formats (layer 2) may import Storage (layer 3)",
                "Plans (layer 2) may import Files (layer 2)",
            ])
    }

    @Test func importLinesInEveryForm() {
        let source = """
            import Foundation
            @testable import RehabSQLite
            @preconcurrency import GRDB
            import struct TerminalUI.Grid
            // import NotThis
            let text = "import Neither"
            """
        #expect(Self.imports(source) == ["Foundation", "RehabSQLite", "GRDB", "TerminalUI"])
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
