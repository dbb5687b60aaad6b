import Foundation
import Testing

/// Shell completion scripts come from the command definitions; the committed man page lists
/// every command the binary has.
@Suite struct ShellTests {
    @Test(arguments: ["bash", "zsh", "fish"])
    func completionScripts(shell: String) throws {
        let rehab = try Rehab()
        defer { rehab.cleanUp() }
        let result = try rehab.run(["--generate-completion-script", shell])
        #expect(result.status == 0, "\(result)")
        for command in ["shoes", "import", "status", "morning"] {
            #expect(result.stdout.contains(command), "\(shell) completion lacks \(command)")
        }
        #expect(result.stdout.contains("pain-during"))
    }

    @Test func theManPageCoversEveryCommand() throws {
        let rehab = try Rehab()
        defer { rehab.cleanUp() }
        let page = try String(
            contentsOf: Rehab.repoRoot.appendingPathComponent("man/rehab.1"), encoding: .utf8)
        #expect(page.contains(".Dt REHAB 1"))
        let dump = try rehab.run(["--experimental-dump-help"])
        let json = try JSONSerialization.jsonObject(with: Data(dump.stdout.utf8))
        let commands = value(json, "command", "subcommands") as? [[String: Any]] ?? []
        #expect(commands.count > 10)
        for command in commands {
            let name = command["commandName"] as? String ?? "?"
            // mdoc writes each subcommand as an item: ".It Em shoes".
            #expect(
                page.contains("Em \(name)"),
                "man/rehab.1 lacks '\(name)': run scripts/generate-manual.sh")
        }
    }
}
