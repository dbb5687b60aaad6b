import Foundation
import Testing

/// The plan-file checker and the config reader through the binary, in the user's language:
/// a Dutch physio checking a plan file, a Dutch user with a broken config.yaml.
@Suite struct DutchErrorTests {
    @Test func plansCheckSpeaksDutch() throws {
        let rehab = try Rehab()
        defer { rehab.cleanUp() }
        let file = rehab.directory.appendingPathComponent("bad.yaml").path
        try "id: x\nname: y\n".write(toFile: file, atomically: true, encoding: .utf8)
        let result = try rehab.run(["plans", "check", file], environment: ["REHAB_LANG": "nl"])
        #expect(result.status == 1, "\(result)")
        #expect(
            result.stdout == """
                \(file):1:1: verplichte sleutel names ontbreekt
                \(file):1:1: verplichte sleutel region ontbreekt
                \(file):1:1: verplichte sleutel summary ontbreekt
                \(file):1:1: verplichte sleutel sources ontbreekt
                \(file):1:1: verplichte sleutel phases ontbreekt
                \(file):1:5: waarschuwing: id: x komt niet overeen met de bestandsnaam bad.yaml; \
                goed voor een overgedragen planbestand (rehab start --plan-file), maar in een \
                plannenmap moet het x.yaml heten
                \(file):2:1: name: onbekende sleutel; bedoelt u names?

                """)
        #expect(result.stderr == "rehab: 6 fouten in planbestanden\n")
        // The same file in English, chosen by --lang over REHAB_LANG.
        let english = try rehab.run(
            ["plans", "check", file, "--lang", "en"], environment: ["REHAB_LANG": "nl"])
        #expect(english.stdout.contains("\(file):2:1: name: unknown key; did you mean names?"))
        #expect(english.stdout.contains("\(file):1:5: warning: id: x does not match"))
    }

    @Test func startWithABadPlanFileSpeaksDutch() throws {
        let rehab = try Rehab()
        defer { rehab.cleanUp() }
        let file = rehab.directory.appendingPathComponent("tuned.yaml").path
        try "id: x\nnames: y\n".write(toFile: file, atomically: true, encoding: .utf8)
        let result = try rehab.run(
            ["start", "--plan-file", file, "--patient", "Ada"], environment: ["REHAB_LANG": "nl"])
        #expect(result.status == 1, "\(result)")
        #expect(result.stderr.contains("\(file):2:8: names: verwacht een mapping, gevonden: y"))
        #expect(!result.stderr.contains("expected"))
    }

    /// A broken config.yaml stops every command; it says why in the language asked for, even
    /// though the file's own `language` cannot be read.
    @Test func aBrokenConfigSpeaksDutch() throws {
        let rehab = try Rehab()
        defer { rehab.cleanUp() }
        let folder = rehab.directory.appendingPathComponent("xdg/rehab")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("config.yaml").path
        try "language: nl\ntheme: blue\n".write(toFile: file, atomically: true, encoding: .utf8)
        let xdg = rehab.directory.appendingPathComponent("xdg").path
        let result = try rehab.run(
            ["patients", "--lang", "nl"], environment: ["XDG_CONFIG_HOME": xdg])
        #expect(result.status == 1)
        #expect(
            result.stderr == """
                rehab: het configuratiebestand bevat fouten; verbeter ze of zet het bestand opzij:
                  \(file):2:8: theme: onbekend thema blue; toegestaan: light, dark, none

                """)
    }
}
