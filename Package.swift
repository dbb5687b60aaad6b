// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "rehab",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "rehab", targets: ["rehab"])
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.0"),
    ],
    targets: [
        // Pure domain: plan model, rules, verdicts, load, messages. No I/O.
        .target(name: "RehabCore"),
        // Plan files: YAML → RehabCore.Plan with file:line:column errors.
        // The catalogue (plans/*.yaml) is embedded at build time by the EmbedCatalogue plugin.
        .target(
            name: "RehabPlans",
            dependencies: ["RehabCore", .product(name: "Yams", package: "Yams")],
            plugins: ["EmbedCatalogue"]
        ),
        .plugin(
            name: "EmbedCatalogue", capability: .buildTool(), dependencies: ["rehab-embed-plans"]),
        // The plugin's tool: writes each plan file's text into a Swift source, byte for byte.
        .executableTarget(name: "rehab-embed-plans"),
        // File formats: GPX/TCX runs, CSV/JSON archives, the JSON of stored columns, and
        // files written whole or not at all. No database.
        .target(name: "RehabFiles", dependencies: ["RehabCore", "CXMLReader"]),
        // libxml2's text reader, loaded with dlopen when a run file is read, not at every start.
        .target(name: "CXMLReader", linkerSettings: [.linkedLibrary("dl")]),
        // The storage protocol (RehabRepository) the front ends and use cases depend on, with
        // the records it speaks and the record checks every implementation applies.
        .target(name: "RehabStorage", dependencies: ["RehabCore", "RehabFiles"]),
        // The behaviour every storage implementation must have (RehabRepository), as checks
        // any test target runs against its own store: SQLite and PostgreSQL.
        .target(
            name: "RehabStoreConformance",
            dependencies: ["RehabCore", "RehabFiles", "RehabStorage"]
        ),
        // SQLite persistence through GRDB: the RehabRepository for one runner's file.
        .target(
            name: "RehabSQLite",
            dependencies: [
                "RehabCore", "RehabFiles", "RehabStorage",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        // Use cases both front ends share: the followed plan, the status report, the patient
        // overview and review, the discharge report, importing run files and exports (checked
        // against the plans: RehabPlans).
        .target(
            name: "RehabApp",
            dependencies: ["RehabCore", "RehabPlans", "RehabFiles", "RehabStorage"]),
        // System library: ncursesw (wide-character curses) through a small C shim. No pkgConfig:
        // its cflags (-D_DEFAULT_SOURCE -D_XOPEN_SOURCE=600) are flags SwiftPM refuses, with a
        // warning on every build; shim.h defines what they would, and the module map links.
        .systemLibrary(
            name: "CNcursesw",
            providers: [.apt(["libncurses-dev"])]
        ),
        // Cell grid, widgets, key decoding and terminal backends; no domain knowledge.
        .target(name: "TerminalUI", dependencies: ["CNcursesw"]),
        // Clinic mode on PostgreSQL: the schema, its roles and row-level security, the people,
        // and ClinicStore, the RehabRepository on it.
        .target(
            name: "RehabPostgres",
            dependencies: [
                "RehabCore", "RehabFiles", "RehabStorage",
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ]
        ),
        // The full-screen app: state, actions, a pure update, one view per screen, effects.
        .target(
            name: "RehabTUI",
            dependencies: [
                "RehabCore", "RehabPlans", "RehabFiles", "RehabStorage", "RehabApp", "TerminalUI",
            ]
        ),
        // Thin executable: argument parsing and wiring only.
        .executableTarget(
            name: "rehab",
            dependencies: [
                "RehabCore", "RehabPlans", "RehabFiles", "RehabStorage", "RehabSQLite", "RehabApp",
                "RehabTUI", "TerminalUI", "RehabPostgres",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // The static runtime's link arguments export every symbol of the executable (43,000
            // of them); nothing looks them up, but the runtime's start-up walks that table.
            linkerSettings: [
                .unsafeFlags(
                    ["-Xlinker", "--no-export-dynamic"],
                    .when(platforms: [.linux], configuration: .release))
            ]
        ),
        // Benchmarks: in-process figures for BENCHMARKS.md (engine, app frames, memory).
        .executableTarget(
            name: "rehab-bench",
            dependencies: [
                "RehabCore", "RehabPlans", "RehabStorage", "RehabSQLite", "RehabApp", "RehabTUI",
                "TerminalUI",
            ]
        ),
        .testTarget(name: "RehabCoreTests", dependencies: ["RehabCore"]),
        .testTarget(
            name: "RehabPlansTests", dependencies: ["RehabPlans"], resources: [.copy("Fixtures")]),
        // The file formats on their own: GPX/TCX runs, CSV/JSON archives, hostile files.
        .testTarget(
            name: "RehabFilesTests", dependencies: ["RehabFiles", "RehabCore", "RehabTestSupport"]),
        .testTarget(
            name: "RehabStoreTests",
            dependencies: [
                "RehabFiles", "RehabStorage", "RehabSQLite", "RehabApp", "RehabStoreConformance",
                "RehabTestSupport",
            ]),
        // The use cases on their own, without a store: run search and placement, the archive
        // check. Those that need a store (roster, checkpoints, archive import) run in
        // RehabStoreTests on SQLite.
        .testTarget(
            name: "RehabAppTests",
            dependencies: ["RehabApp", "RehabPlans", "RehabFiles", "RehabStorage", "RehabCore"]),
        // What several test targets share: driving tmux, the archive fixtures.
        .target(
            name: "RehabTestSupport", dependencies: ["RehabCore", "RehabFiles"],
            path: "Tests/RehabTestSupport"),
        .testTarget(
            name: "EndToEndTests", dependencies: ["RehabCore", "RehabTestSupport"],
            exclude: ["Fixtures"]),
        .testTarget(name: "TerminalUITests", dependencies: ["TerminalUI"]),
        // The command line's reading of its arguments, in process; what the binary does with
        // them is EndToEndTests'.
        .testTarget(
            name: "RehabCommandTests",
            dependencies: [
                "rehab", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .testTarget(
            name: "RehabPostgresTests",
            dependencies: [
                "RehabPostgres", "RehabCore", "RehabFiles", "RehabStorage", "RehabSQLite",
                "RehabStoreConformance", "RehabApp",
                // The app's loop on a clinic store (ClinicSlowServerTests), and in tmux.
                "RehabPlans", "RehabTUI", "TerminalUI", "RehabTestSupport",
            ]),
        .testTarget(
            name: "RehabTUITests",
            dependencies: [
                "RehabTUI", "RehabPlans", "RehabFiles", "RehabStorage", "RehabSQLite", "RehabApp",
                "RehabStoreConformance",
            ],
            exclude: ["Snapshots"]),
    ],
    swiftLanguageModes: [.v6]
)
