import Foundation
import Testing

/// config.yaml (under XDG_CONFIG_HOME, else ~/.config) and the activity log (under
/// XDG_STATE_HOME, else ~/.local/state), through the real binary.
@Suite struct ConfigTests {
    func write(_ text: String, under directory: URL) throws -> URL {
        let folder = directory.appendingPathComponent("rehab")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("config.yaml")
        try text.write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    /// The options every command takes may come before the command's name (git's and
    /// hledger's habit); the parser alone gave them to the app and refused the command.
    @Test func globalOptionsMayComeBeforeTheCommand() throws {
        let rehab = try Rehab()
        defer { rehab.cleanUp() }
        let other = rehab.directory.appendingPathComponent("other.sqlite").path
        #expect(try rehab.run(["patients", "add", "Ada", "--db", other]).status == 0)
        let before = try rehab.run(["--db", other, "--lang=nl", "patients", "--json"])
        #expect(before.status == 0, "\(before)")
        #expect(before.stdout.contains("\"Ada\""))
        // The default database has nobody: the option was not lost on the way.
        #expect(try rehab.run(["patients", "--json"]).stdout.contains("Ada") == false)
        // Not before a command: still the app's options (here without a terminal).
        let app = try rehab.run(["--db", other])
        #expect(app.status != 0)
        #expect(app.stderr.contains("needs a terminal"))
    }

    /// Without REHAB_TODAY, today is the machine's date where it is (TZ). Fourteen hours ahead
    /// of UTC and eleven behind, at any hour at least one of the two dates is not UTC's, so a
    /// today taken in UTC fails one of them.
    @Test(arguments: [("XST-14", 14), ("YST11", -11)])
    func todayIsTheLocalDate(zone: String, hoursFromUTC: Int) throws {
        let rehab = try Rehab()
        defer { rehab.cleanUp() }
        #expect(try rehab.run(["patients", "add", "Ada"]).status == 0)
        #expect(try rehab.run(["start", "itbs", "--patient", "Ada"]).status == 0)
        func localDate() throws -> String {
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = try #require(TimeZone(secondsFromGMT: hoursFromUTC * 3600))
            let c = calendar.dateComponents([.year, .month, .day], from: Date())
            return String(format: "%04d-%02d-%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0)
        }
        let before = try localDate()
        let result = try rehab.run(
            ["status", "--json", "--patient", "Ada"], environment: ["REHAB_TODAY": "", "TZ": zone])
        let after = try localDate()
        #expect(result.status == 0, "\(result)")
        let status = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
        let date = try #require((status as? [String: Any])?["date"] as? String)
        #expect([before, after].contains(date), "TZ=\(zone): \(date), expected \(before)")
    }

    @Test func aBadLineStopsTheCommandWithItsPlace() throws {
        let rehab = try Rehab()
        defer { rehab.cleanUp() }
        let home = rehab.directory.appendingPathComponent(".config")
        let file = try write("language: en\ntheme: blue\n", under: home)
        let result = try rehab.run(["patients"])
        #expect(result.status == 1)
        #expect(
            result.stderr == """
                rehab: the config file has errors; fix them or move the file aside:
                  \(file.path):2:8: theme: unknown theme blue; allowed: light, dark, none

                """)
    }

    @Test func xdgConfigHomeWinsWhenAbsoluteAndIsIgnoredWhenRelative() throws {
        let rehab = try Rehab()
        defer { rehab.cleanUp() }
        let xdg = rehab.directory.appendingPathComponent("xdg")
        let file = try write("keys:\n  jump: [x]\n", under: xdg)
        let absolute = try rehab.run(["patients"], environment: ["XDG_CONFIG_HOME": xdg.path])
        #expect(absolute.status == 1)
        #expect(absolute.stderr.contains("\(file.path):2:3: keys: unknown action jump"))
        // A relative XDG_CONFIG_HOME is ignored, and ~/.config has no file: all is well.
        let relative = try rehab.run(["patients"], environment: ["XDG_CONFIG_HOME": "xdg"])
        #expect(relative.status == 0, "\(relative)")
    }

    @Test func languageAndPatientComeFromTheConfigUnlessAFlagOrVariableSaysOtherwise() throws {
        let rehab = try Rehab()
        defer { rehab.cleanUp() }
        #expect(try rehab.run(["patients", "add", "Sam"]).status == 0)
        #expect(try rehab.run(["patients", "add", "Noor"]).status == 0)
        #expect(try rehab.run(["start", "itbs", "--patient", "Sam"]).status == 0)
        _ = try write(
            "language: nl\npatient: Sam\n", under: rehab.directory.appendingPathComponent(".config")
        )

        // LC_ALL is en_US in the harness; the config's nl wins over the locale.
        let dutch = try rehab.run(["status"])
        #expect(dutch.status == 0, "\(dutch)")
        #expect(dutch.stdout.contains("Oordeel:"))
        #expect(dutch.stdout.hasPrefix("Sam · "))

        let flag = try rehab.run(["status", "--lang", "en"])
        #expect(flag.stdout.contains("Verdict:"))
        let variable = try rehab.run(["status"], environment: ["REHAB_LANG": "en"])
        #expect(variable.stdout.contains("Verdict:"))

        // Noor has no plan: naming her with the flag or REHAB_PATIENT overrides the config.
        let noor = try rehab.run(["status", "--patient", "Noor"])
        #expect(noor.status == 1)
        #expect(noor.stderr.contains("Noor volgt nog geen plan"))
        let noorByVariable = try rehab.run(["status"], environment: ["REHAB_PATIENT": "Noor"])
        #expect(noorByVariable.stderr.contains("Noor volgt nog geen plan"))
    }

    @Test func commandsThatChangeDataAndFailuresAreLoggedWithoutValues() throws {
        let rehab = try Rehab()
        defer { rehab.cleanUp() }
        let state = rehab.directory.appendingPathComponent("state")
        let env = ["XDG_STATE_HOME": state.path]
        #expect(try rehab.run(["start", "itbs"], environment: env).status == 0)
        #expect(try rehab.run(["status"], environment: env).status == 0)
        let bad = try rehab.run(
            [
                "log", "--activity", "run", "--minutes", "30", "--pain-during", "11",
                "--pain-after", "1", "--note", "secret knee",
            ], environment: env)
        #expect(bad.status == 1)
        let log = state.appendingPathComponent("rehab/rehab.log")
        let text = try String(contentsOf: log, encoding: .utf8)
        let lines = text.split(separator: "\n").map {
            $0.split(separator: " ").dropFirst().joined(separator: " ")
        }
        // status only reads, so it is not logged; the refused log is, without its values.
        #expect(lines == ["start ok", "log refused (exit 1)"])
        // Each line starts with the time in UTC to the second, as ISO 8601 writes it.
        for line in text.split(separator: "\n") {
            let stamp = String(line.prefix { $0 != " " })
            let when = ISO8601DateFormatter().date(from: stamp)
            #expect(stamp.count == 20 && stamp.hasSuffix("Z"), "\(line)")
            #expect(when.map { abs($0.timeIntervalSinceNow) < 600 } == true, "\(line)")
        }
        #expect(!text.contains("secret"))
        let mode = try FileManager.default.attributesOfItem(atPath: log.path)[.posixPermissions]
        #expect((mode as? NSNumber)?.intValue == 0o600)
        // Without XDG_STATE_HOME the log goes under ~/.local/state.
        #expect(try rehab.run(["shoes", "add", "Pegasus"]).status == 0)
        let home = rehab.directory.appendingPathComponent(".local/state/rehab/rehab.log")
        #expect(try String(contentsOf: home, encoding: .utf8).hasSuffix(" shoes add ok\n"))
    }

    /// A key the file gives to an action that another action already has on the same screen is
    /// a config error of the app, placed at the key; the commands do not care about keys.
    @Test func aKeyTakenByAnotherActionStopsTheAppAtItsLine() throws {
        let rehab = try Rehab()
        defer { rehab.cleanUp() }
        let home = rehab.directory.appendingPathComponent(".config")
        let file = try write("keys:\n  quit: [q]\n  log_session: [\"+\", m]\n", under: home)
        let app = try rehab.run(["ui"])
        #expect(app.status == 1)
        #expect(
            app.stderr == """
                rehab: the config file has errors; fix them or move the file aside:
                  \(file.path):3:22: keys.log_session: 'm' is already the key of morning_check \
                (Today); choose another key, or rebind morning_check too

                """)
        #expect(try rehab.run(["patients"]).status == 0)
        // Swapping the two keys is fine: the app then gets as far as wanting a terminal.
        _ = try write("keys:\n  log_session: m\n  morning_check: n\n", under: home)
        let swapped = try rehab.run(["ui"])
        #expect(swapped.status == 1)
        #expect(swapped.stderr.contains("needs a terminal"))
    }
}
