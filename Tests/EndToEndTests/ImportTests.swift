import Foundation
import Testing

/// `rehab import` of watch files: the sample files in Fixtures/runs, written by hand so every
/// expected number can be worked out from them.
@Suite struct ImportTests {
    static let runs = "Tests/EndToEndTests/Fixtures/runs"
    static let amsterdam = ["TZ": "Europe/Amsterdam"]

    /// A runner on the ITBS plan since 2026-02-23; today is 2026-03-02.
    func runner() throws -> Rehab {
        let rehab = try Rehab()
        let started = try rehab.run(["start", "itbs", "--variant", "acute", "--date", "2026-02-23"])
        #expect(started.status == 0, "\(started)")
        return rehab
    }

    /// JSON numbers as doubles, whether the encoder wrote 5 or 5.0.
    func number(_ any: Any?) -> Double? { (any as? NSNumber)?.doubleValue }

    func sessions(_ rehab: Rehab) throws -> [[String: Any]] {
        let export = try rehab.run(["export", "--format", "json"])
        #expect(export.status == 0, "\(export)")
        let json = try JSONSerialization.jsonObject(with: Data(export.stdout.utf8))
        return value(json, "patients", "0", "sessions") as? [[String: Any]] ?? []
    }

    /// libxml2 reads GPX and TCX files, and is opened when one is read: linked into the
    /// executable, it and the ICU it needs were loaded at every start of every command.
    @Test func libxml2IsNotLoadedAtStart() throws {
        let ldd = Process()
        ldd.executableURL = URL(fileURLWithPath: "/usr/bin/ldd")
        ldd.arguments = [Rehab.binary.path]
        let out = Pipe()
        ldd.standardOutput = out
        try ldd.run()
        let libraries = String(
            decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        ldd.waitUntilExit()
        #expect(libraries.contains("libsqlite3"), "\(libraries)")
        #expect(!libraries.contains("libxml2"), "\(libraries)")
        #expect(!libraries.contains("libicu"), "\(libraries)")
    }

    @Test func aFolderImportsEveryRunOnceAndCountsTheDuplicate() throws {
        let rehab = try runner()
        defer { rehab.cleanUp() }
        let result = try rehab.run(
            ["import", "\(Self.runs)/ok", "--pain-during", "2", "--pain-after", "1"],
            environment: Self.amsterdam)
        #expect(result.status == 0, "\(result)")
        // morning-run.gpx and morning-run-again.gpx start at the same second.
        #expect(
            result.stdout.contains("imported 3 runs; skipped 1 duplicate (same start time)"))
        #expect(result.stdout.contains("skipped 1 .fit file"))

        let stored = try sessions(rehab)
        #expect(stored.count == 3)
        // Folder order is by name: morning-run-again.gpx comes first and is the one kept.
        // GPX: 0.045° of latitude along a meridian = 5003.8 m; 07:00 to 07:30.
        #expect(stored[0]["date"] as? String == "2026-02-28")
        #expect(number(stored[0]["km"]) == 5.0)
        #expect(stored[0]["minutes"] as? Int == 30)
        #expect(stored[0]["activity"] as? String == "run")
        #expect(stored[0]["pain_during"] as? Int == 2)
        #expect(stored[0]["pain_after"] as? Int == 1)
        #expect(stored[0]["note"] as? String == "morning-run-again.gpx")
        // TCX laps: 2100 + 2110.5 m and 780 + 754.4 s; it starts 23:30 UTC on 28 February,
        // which is 00:30 on 1 March in Amsterdam.
        #expect(stored[1]["date"] as? String == "2026-03-01")
        #expect(number(stored[1]["km"]) == 4.21)
        #expect(stored[1]["minutes"] as? Int == 26)
        #expect(stored[1]["note"] as? String == "race.tcx")
        // No GPS: the treadmill file has only its lap summary, 6000 m in 1800 s.
        #expect(number(stored[2]["km"]) == 6.0)
        #expect(stored[2]["minutes"] as? Int == 30)
        #expect(stored[2]["note"] as? String == "treadmill.tcx")

        let again = try rehab.run(
            ["import", "\(Self.runs)/ok", "--pain-during", "2", "--pain-after", "1"],
            environment: Self.amsterdam)
        #expect(again.status == 0, "\(again)")
        #expect(again.stdout.contains("imported 0 runs; skipped 4 duplicates"))
        #expect(try sessions(rehab).count == 3)
    }

    /// A backup made with `rehab export` and restored elsewhere still knows which runs came
    /// from which watch file, so importing the same folder again adds nothing.
    @Test func aRestoredExportStillRecognisesImportedRuns() throws {
        for format in ["json", "csv"] {
            let rehab = try runner()
            defer { rehab.cleanUp() }
            let imported = try rehab.run(
                ["import", "\(Self.runs)/ok", "--pain-during", "2", "--pain-after", "1"],
                environment: Self.amsterdam)
            #expect(imported.status == 0, "\(imported)")
            let file = rehab.directory.appendingPathComponent("backup.\(format)").path
            let export = try rehab.run(["export", "--format", format, "--output", file])
            #expect(export.status == 0, "\(export)")

            let restored = try Rehab()
            defer { restored.cleanUp() }
            let load = try restored.run(["import", file])
            #expect(load.status == 0, "\(load)")
            let again = try restored.run(
                ["import", "\(Self.runs)/ok", "--pain-during", "2", "--pain-after", "1"],
                environment: Self.amsterdam)
            #expect(again.status == 0, "\(again)")
            #expect(again.stdout.contains("imported 0 runs; skipped 4 duplicates"), "\(format)")
            #expect(try sessions(restored).count == 3)
        }
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script")))
    func aProgressBarOnlyWhenStderrIsATerminalAndTheBatchIsLarge() throws {
        let rehab = try runner()
        defer { rehab.cleanUp() }
        let files = ["race.tcx", "race.tcx", "race.tcx", "treadmill.tcx", "morning-run.gpx"]
            .map { "\(Self.runs)/ok/\($0)" }
        let arguments = ["import"] + files + ["--pain-during", "1", "--pain-after", "1"]
        // A pipe gets no bar.
        let piped = try rehab.run(arguments)
        #expect(piped.status == 0, "\(piped)")
        #expect(piped.stderr == "")
        // util-linux `script` gives the command a terminal; only stderr is kept.
        let command = ([Rehab.binary.path] + arguments).joined(separator: " ") + " 2>&1 >/dev/null"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-q", "-e", "-c", command, "/dev/null"]
        process.currentDirectoryURL = Rehab.repoRoot
        process.environment = [
            "PATH": "/usr/bin:/bin", "HOME": rehab.directory.path, "REHAB_DB": rehab.databasePath,
            "REHAB_TODAY": rehab.today, "LC_ALL": "en_US.UTF-8", "TERM": "dumb",
        ]
        let out = Pipe()
        process.standardOutput = out
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(text)")
        #expect(text.contains("] 0/5 race.tcx"))
        #expect(
            text.contains(
                "[" + String(repeating: "#", count: 18) + String(repeating: "-", count: 12)
                    + "] 3/5 treadmill.tcx"))
        #expect(text.hasSuffix("[" + String(repeating: "#", count: 30) + "] 5/5\r\n"))
    }

    @Test func theStartDateIsTheLocalDate() throws {
        let rehab = try runner()
        defer { rehab.cleanUp() }
        let result = try rehab.run(
            ["import", "\(Self.runs)/ok/race.tcx", "--pain-during", "0", "--pain-after", "0"],
            environment: ["TZ": "UTC"])
        #expect(result.status == 0, "\(result)")
        #expect(try sessions(rehab).first?["date"] as? String == "2026-02-28")
    }

    @Test func aBrokenFileIsListedAndTheOthersAreImported() throws {
        let rehab = try runner()
        defer { rehab.cleanUp() }
        let result = try rehab.run(
            [
                "import", "\(Self.runs)/ok/treadmill.tcx", "\(Self.runs)/bad/broken.gpx",
                "\(Self.runs)/bad/no-track.gpx", "--pain-during", "1", "--pain-after", "1",
            ], environment: Self.amsterdam)
        // Exit 1 so a script notices; the good run is stored all the same.
        #expect(result.status == 1)
        #expect(result.stdout.hasPrefix("imported 1 run"), "\(result)")
        #expect(
            result.stderr == """
                rehab: 2 files refused; the other runs go ahead:
                  \(Self.runs)/bad/broken.gpx: the file ends at line:column 7:14 while <trkseg> \
                is still open (a cut-off export?)
                  \(Self.runs)/bad/no-track.gpx: no track points: no time or distance to \
                import; log this run with 'rehab log'

                """)
        #expect(try sessions(rehab).count == 1)
    }

    @Test func onlyBadFilesImportNothing() throws {
        let rehab = try runner()
        defer { rehab.cleanUp() }
        let before = rehab.databaseBytes()
        let result = try rehab.run(
            ["import", "\(Self.runs)/bad", "--pain-during", "1", "--pain-after", "1"],
            environment: Self.amsterdam)
        #expect(result.status == 1)
        #expect(
            result.stderr.hasPrefix("rehab: 2 files could not be read; nothing was imported:"))
        #expect(rehab.databaseBytes() == before)
    }

    /// Hostile run files in a folder with a good one: none crashes rehab (a TCX lap of inf
    /// seconds used to trap), each is named with its reason, and the good run goes in.
    @Test func hostileRunFilesInAFolderAreEachRefused() throws {
        let rehab = try runner()
        defer { rehab.cleanUp() }
        let folder = rehab.directory.appendingPathComponent("watch")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            atPath: "\(Self.runs)/ok/treadmill.tcx",
            toPath: folder.appendingPathComponent("a-good.tcx").path)
        func tcx(_ seconds: String, _ meters: String) -> String {
            """
            <TrainingCenterDatabase><Activities><Activity Sport="Running">
            <Id>2026-03-01T10:00:00Z</Id><Lap StartTime="2026-03-01T10:00:00Z">
            <TotalTimeSeconds>\(seconds)</TotalTimeSeconds><DistanceMeters>\(meters)</DistanceMeters></Lap>
            </Activity></Activities></TrainingCenterDatabase>
            """
        }
        let hostile = [
            "b-inf.tcx": tcx("inf", "5000"), "c-nan.tcx": tcx("nan", "5000"),
            "d-1e300.tcx": tcx("1e300", "5000"), "e-fast.tcx": tcx("600", "250000"),
            "f-lat.gpx":
                #"<gpx><trk><trkseg><trkpt lat="500" lon="5"><time>2026-03-01T06:00:00Z</time></trkpt><trkpt lat="52" lon="5"><time>2026-03-01T06:30:00Z</time></trkpt></trkseg></trk></gpx>"#,
        ]
        for (name, text) in hostile {
            try Data(text.utf8).write(to: folder.appendingPathComponent(name))
        }
        let result = try rehab.run(
            ["import", folder.path, "--pain-during", "1", "--pain-after", "1"],
            environment: Self.amsterdam)
        #expect(result.status == 1, "\(result)")
        #expect(result.stderr.contains("5 files refused"), "\(result)")
        for name in hostile.keys { #expect(result.stderr.contains(name), "\(name): \(result)") }
        #expect(result.stderr.contains("not a duration"))
        #expect(result.stderr.contains("not plausible"))
        #expect(result.stderr.contains("not on Earth"))
        #expect(try sessions(rehab).count == 1)
    }

    @Test func aFileWithoutGPSIsExplainedInDutch() throws {
        var rehab = try runner()
        defer { rehab.cleanUp() }
        rehab.language = "nl"
        let result = try rehab.run(
            ["import", "\(Self.runs)/bad/no-track.gpx", "--pain-during", "1", "--pain-after", "1"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("1 bestand niet te lezen; er is niets geïmporteerd"))
        #expect(result.stderr.contains("geen trackpunten"))
    }

    @Test func runsNeedPainScoresLikeALog() throws {
        let rehab = try runner()
        defer { rehab.cleanUp() }
        let missing = try rehab.run(["import", "\(Self.runs)/ok/treadmill.tcx"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("pain-during and pain-after: required"))
        // Without the options, the app is the other way: it asks the pain of each run.
        #expect(missing.stderr.contains("Or import in the app, which asks the pain of each run"))
        let bad = try rehab.run(
            ["import", "\(Self.runs)/ok/treadmill.tcx", "--pain-during", "11", "--pain-after", "1"])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("pain-during: '11' is not allowed"))
        #expect(try sessions(rehab).isEmpty)
    }

    @Test func aFitFileGetsAClearMessage() throws {
        let rehab = try runner()
        defer { rehab.cleanUp() }
        let result = try rehab.run(["import", "\(Self.runs)/ok/watch.fit"])
        #expect(result.status == 1)
        #expect(
            result.stderr
                == "rehab: \(Self.runs)/ok/watch.fit: .fit files are not supported; export the "
                + "run as .gpx or .tcx\n")
    }

    @Test func aRunBeforeThePlanStartedIsSkipped() throws {
        let rehab = try Rehab()
        defer { rehab.cleanUp() }
        #expect(try rehab.run(["start", "itbs", "--date", "2026-03-01"]).status == 0)
        let result = try rehab.run(
            [
                "import", "\(Self.runs)/ok/morning-run.gpx", "--pain-during", "1", "--pain-after",
                "1",
            ],
            environment: Self.amsterdam)
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("imported 0 runs"))
        #expect(
            result.stdout.contains("skipped 1 run from before the plan started (2026-03-01)"))
    }

    @Test func theShoeGetsTheImportedKilometres() throws {
        let rehab = try runner()
        defer { rehab.cleanUp() }
        let result = try rehab.run(
            [
                "import", "\(Self.runs)/ok/treadmill.tcx", "\(Self.runs)/ok/race.tcx",
                "--pain-during", "1", "--pain-after", "1", "--shoe", "Pegasus",
            ], environment: Self.amsterdam)
        #expect(result.status == 0, "\(result)")
        let shoes = try rehab.run(["shoes", "--json"])
        let list =
            try JSONSerialization.jsonObject(with: Data(shoes.stdout.utf8)) as? [[String: Any]]
        #expect(list?.first?["name"] as? String == "Pegasus")
        #expect(number(list?.first?["km"]) == 10.21)
    }
}
