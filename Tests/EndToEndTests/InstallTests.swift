import Foundation
import Testing

/// rehab installed anywhere: the binary alone, run from a folder with nothing of the checkout,
/// carries the whole catalogue; plan folders add to it; mistyped commands get a suggestion.
struct InstallTests {
    /// A copy of the built binary alone in an empty folder, run from another empty folder.
    func copiedAlone() throws -> Rehab {
        var rehab = try Rehab()
        let bin = rehab.directory.appendingPathComponent("bin")
        let work = rehab.directory.appendingPathComponent("work")
        for folder in [bin, work] {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        }
        let copy = bin.appendingPathComponent("rehab")
        try FileManager.default.copyItem(at: Rehab.binary, to: copy)
        rehab.executable = copy
        rehab.workingDirectory = work
        return rehab
    }

    @Test func theBinaryAloneCarriesTheCatalogueAndRunsAPlan() throws {
        let rehab = try copiedAlone()
        defer { rehab.cleanUp() }
        let plans = try rehab.run(["plans"])
        #expect(plans.status == 0, "\(plans)")
        let planFiles = try FileManager.default.contentsOfDirectory(
            atPath: Rehab.repoRoot.appendingPathComponent("plans").path
        ).filter { $0.hasSuffix(".yaml") }
        for file in planFiles {
            #expect(plans.stdout.contains("  \(file.dropLast(5)) "), "\(file) missing: \(plans)")
        }
        #expect(plans.stderr.isEmpty, "\(plans)")

        let start = try rehab.run(["start", "itbs", "--weekly-km", "20"])
        #expect(start.status == 0, "\(start)")
        let status = try rehab.json(["status"])
        #expect(value(status, "plan", "id") as? String == "itbs")
        #expect(value(status, "phase", "number") as? Int == 1)

        let show = try rehab.run(["plans", "show", "itbs"])
        #expect(
            show.status == 0 && show.stdout.hasSuffix("Plan file: built into rehab\n"), "\(show)")
        let export = try rehab.run(["plans", "export"])
        #expect(export.status == 0 && export.stdout.contains("id: itbs_runner\n"), "\(export)")
    }

    @Test func theInstallScriptPutsBinaryManPageAndCompletionsUnderThePrefix() throws {
        var rehab = try Rehab()
        defer { rehab.cleanUp() }
        let prefix = rehab.directory.appendingPathComponent("prefix")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = [
            Rehab.repoRoot.appendingPathComponent("scripts/install.sh").path,
            "--binary", Rehab.binary.path, "--prefix", prefix.path,
        ]
        process.environment = ["PATH": "/usr/bin:/bin", "HOME": rehab.directory.path]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = out
        try process.run()
        let output = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(output)")
        #expect(output.contains("is not on your PATH"), "\(output)")
        for file in [
            "bin/rehab", "share/man/man1/rehab.1", "share/bash-completion/completions/rehab",
            "share/zsh/site-functions/_rehab", "share/fish/vendor_completions.d/rehab.fish",
        ] {
            let path = prefix.appendingPathComponent(file).path
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
            #expect(size > 0, "\(file) missing or empty")
        }
        rehab.executable = prefix.appendingPathComponent("bin/rehab")
        rehab.workingDirectory = rehab.directory
        let plans = try rehab.run(["plans"])
        #expect(plans.status == 0 && plans.stdout.contains("  itbs "), "\(plans)")
    }

    @Test func theUserFolderAndPlansOptionAddAndOverridePlans() throws {
        let rehab = try copiedAlone()
        defer { rehab.cleanUp() }
        let data = rehab.directory.appendingPathComponent("xdg")
        let userPlans = data.appendingPathComponent("rehab/plans")
        let extra = rehab.directory.appendingPathComponent("extra")
        for folder in [userPlans, extra] {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        }
        let itbs = try String(
            contentsOf: Rehab.repoRoot.appendingPathComponent("plans/itbs.yaml"), encoding: .utf8)
        let renamed = itbs.replacingOccurrences(of: "id: itbs\n", with: "id: my_knee\n")
        try Data(renamed.utf8).write(to: userPlans.appendingPathComponent("my_knee.yaml"))
        try Data(itbs.utf8).write(to: extra.appendingPathComponent("itbs.yaml"))
        let env = ["XDG_DATA_HOME": data.path]

        let list = try rehab.run(["plans"], environment: env)
        #expect(list.status == 0, "\(list)")
        #expect(list.stdout.contains("  my_knee "), "\(list)")
        #expect(list.stdout.contains("(own file)"), "\(list)")

        let overridden = try rehab.run(
            ["plans", "show", "itbs", "--plans", extra.path], environment: env)
        #expect(
            overridden.stdout.hasSuffix(
                "Plan file: \(extra.path)/itbs.yaml (overrides the built-in plan)\n"),
            "\(overridden)")
        let builtIn = try rehab.run(["plans", "show", "itbs"], environment: env)
        #expect(builtIn.stdout.hasSuffix("Plan file: built into rehab\n"), "\(builtIn)")

        let missing = try rehab.run(["plans", "--plans", "/nonexistent/plans"])
        #expect(missing.status == 1, "\(missing)")
        #expect(
            missing.stderr == "rehab: plans: '/nonexistent/plans' is not a folder of plan files\n")
    }

    @Test func anExportedPlanPassesTheCheckUnderAnyName() throws {
        let rehab = try copiedAlone()
        defer { rehab.cleanUp() }
        #expect(try rehab.run(["patients", "add", "Ann"]).status == 0)
        #expect(try rehab.run(["start", "itbs", "--patient", "Ann"]).status == 0)
        let export = try rehab.run(["plans", "export", "--patient", "Ann"])
        #expect(export.status == 0, "\(export)")
        let file = rehab.workingDirectory.appendingPathComponent("ann.yaml")
        try Data(export.stdout.utf8).write(to: file)
        let check = try rehab.run(["plans", "check", "ann.yaml"])
        #expect(check.status == 0, "\(check)")
        #expect(check.stdout.hasSuffix("1 plan file OK\n"), "\(check)")
        #expect(
            check.stdout.contains("ann.yaml:4:5: warning: id: itbs_ann does not match"), "\(check)")
    }

    @Test(arguments: [
        (
            ["stauts"],
            "rehab: 'rehab stauts': unknown command; did you mean 'status'? (see 'rehab --help')\n"
        ),
        (
            ["help", "stauts"],
            "rehab: 'rehab stauts': unknown command; did you mean 'status'? (see 'rehab --help')\n"
        ),
        (
            ["stauts", "--json"],
            "rehab: 'rehab stauts': unknown command; did you mean 'status'? (see 'rehab --help')\n"
        ),
        (
            ["plans", "shwo", "itbs"],
            "rehab: 'rehab plans shwo': unknown command; did you mean 'show'? (see 'rehab plans --help')\n"
        ),
        (
            ["help", "plans", "chekc"],
            "rehab: 'rehab plans chekc': unknown command; did you mean 'check'? (see 'rehab plans --help')\n"
        ),
    ])
    func aMistypedCommandGetsTheNearestOne(_ arguments: [String], _ expected: String) throws {
        let rehab = try Rehab()
        defer { rehab.cleanUp() }
        let result = try rehab.run(arguments)
        #expect(result.status == 2, "\(result)")
        #expect(result.stdout.isEmpty, "\(result)")
        #expect(result.stderr == expected)
    }

    @Test func aWordLikeNoCommandListsTheCommands() throws {
        let rehab = try Rehab()
        defer { rehab.cleanUp() }
        let result = try rehab.run(["xyzzy"])
        #expect(result.status == 2, "\(result)")
        #expect(
            result.stderr.hasPrefix("rehab: 'rehab xyzzy': unknown command; commands: demo, plans,")
        )
        let help = try rehab.run(["help", "status"])
        #expect(help.status == 0 && help.stdout.contains("USAGE: rehab status"), "\(help)")
    }
}
