import RehabCore
import Testing

@testable import RehabPlans

/// config.yaml: every setting read, every problem reported at its line and column.
@Suite struct ConfigFileTests {
    func parse(_ text: String) throws(PlanFileErrors) -> Settings {
        try ConfigFile.parse(bytes: Array(text.utf8), file: "config.yaml")
    }

    func errors(_ text: String) -> [String] {
        do {
            _ = try parse(text)
            return []
        } catch {
            return error.errors.map(\.description)
        }
    }

    @Test func everySettingIsRead() throws {
        let settings = try parse(
            """
            # rehab settings
            language: nl
            theme: light
            patient: Sam
            units: km
            keys:
              log_session: [n, "+"]
              quit: ctrl-q
              help: [f1, "?"]
              page_down: [page_down, space]
            """)
        #expect(settings.language == .nl)
        #expect(settings.theme == .light)
        #expect(settings.patient == "Sam")
        #expect(settings.units == .km)
        #expect(settings.keys["log_session"] == [.char("n"), .char("+")])
        #expect(settings.keys["quit"] == [.ctrl("q")])
        #expect(settings.keys["help"] == [.function(1), .char("?")])
        #expect(settings.keys["page_down"] == [.named(.pageDown), .char(" ")])
    }

    @Test func anEmptyFileOrOnlyCommentsMeansDefaults() throws {
        #expect(try parse("") == Settings())
        #expect(try parse("# nothing yet\n") == Settings())
    }

    @Test func badLinesAreReportedWithTheirPlace() {
        #expect(
            errors(
                """
                language: nl
                theme: blue
                colour: dark
                units: mi
                keys:
                  log_sesion: [n]
                  quit: [q, ctrl-qq]
                """)
                == [
                    "config.yaml:2:8: theme: unknown theme blue; allowed: light, dark, none",
                    "config.yaml:3:1: colour: unknown key; allowed here: language, theme, keys, "
                        + "patient, units, mouse",
                    "config.yaml:4:8: units: 'mi' is not supported; rehab counts in km, as the "
                        + "sources' thresholds (10 % a week, shoes 600-800 km) are in km",
                    "config.yaml:6:3: keys: unknown action log_sesion; did you mean log_session?",
                    "config.yaml:7:13: keys.quit: unknown key 'ctrl-qq'; use "
                        + KeySpec.forms,
                ])
    }

    @Test func yamlSyntaxAndAliasesAreRefusedWithAPlace() {
        #expect(
            errors("theme: dark\n  language: nl\n").first?.hasPrefix("config.yaml:2:11:") == true)
        #expect(
            errors("language: &l nl\ntheme: *l\n").contains {
                $0.hasPrefix("config.yaml:1:11: anchor &l")
            })
    }

    @Test func theFileLivesUnderXDGConfigHomeWhenItIsAbsolute() {
        #expect(
            ConfigFile.path(environment: ["XDG_CONFIG_HOME": "/x/conf", "HOME": "/home/r"])
                == "/x/conf/rehab/config.yaml")
        #expect(
            ConfigFile.path(environment: ["XDG_CONFIG_HOME": "conf", "HOME": "/home/r"])
                == "/home/r/.config/rehab/config.yaml")
        #expect(
            ConfigFile.path(environment: ["HOME": "/home/r"]) == "/home/r/.config/rehab/config.yaml"
        )
    }

    @Test func keyNamesAndActionIDs() {
        #expect(KeySpec("x") == .char("x"))
        #expect(KeySpec("Ctrl-L") == .ctrl("l"))
        #expect(KeySpec("F12") == .function(12))
        #expect(KeySpec("f13") == nil)
        #expect(KeySpec("ctrl-1") == nil)
        #expect(KeySpec("enter") == .named(.enter))
        #expect(KeySpec("") == nil)
        #expect(Settings.commandName(forAction: "page_up") == "pageUp")
        #expect(Settings.commandName(forAction: "delete_forward") == "deleteForward")
        #expect(Settings.actionID(forCommand: "logSession") == "log_session")
        for id in Settings.keyActions {
            #expect(Settings.actionID(forCommand: Settings.commandName(forAction: id)) == id)
        }
    }
}
