import Testing

/// Help and version go to stdout with exit 0, for the tool and for every command.
struct HelpTests {
    @Test(arguments: [
        ["--help"], ["status", "--help"], ["log", "--help"], ["help", "week"], ["--version"],
    ])
    func helpExitsCleanly(_ arguments: [String]) throws {
        let rehab = try Rehab()
        defer { rehab.cleanUp() }
        let result = try rehab.run(arguments)
        #expect(result.status == 0, "\(result)")
        #expect(result.stderr.isEmpty, "\(result)")
        #expect(
            result.stdout.contains(arguments == ["--version"] ? "0.1.0" : "USAGE:"), "\(result)")
    }
}
