import Foundation
import RehabCore
import Testing

@testable import RehabPlans

/// The plan-file checker and the config reader in Dutch: the same places, keys, values and
/// paths as in English, only the words around them translated.
@Suite struct DutchErrorTests {
    static let minimal = """
        id: valid_minimal
        names: { nl: "Proef", en: "Trial" }
        region: knee
        summary: { nl: "Een kort plan.", en: "A short plan." }
        sources: ["test"]
        exercises:
          - id: bridge
            names: { nl: "Brug", en: "Bridge" }
        phases:
          - id: rest
            kind: relative_rest
            names: { nl: "Rust", en: "Rest" }
            min_days: 7
            exit: { green_days: 3 }
          - id: run
            kind: return_to_running
            names: { nl: "Lopen", en: "Run" }
            min_days: 14
            exercises:
              - { id: bridge, sets: 3, reps: 12, per_week: 3 }

        """

    /// The minimal plan with one text replaced, which must be there.
    static func changed(_ old: String, _ new: String) -> String {
        precondition(minimal.contains(old))
        return minimal.replacingOccurrences(of: old, with: new)
    }

    static func errors(_ yaml: String) -> [PlanError] {
        do {
            _ = try PlanFile.parse(bytes: Array(yaml.utf8), file: "bad.yaml")
            return []
        } catch {
            return error.errors
        }
    }

    /// A bad plan file, one problem it must report, in English and in Dutch.
    static let planCases: [(what: String, yaml: String, en: String, nl: String)] = [
        (
            "missing required key", "id: x\nname: y\n",
            "bad.yaml:1:1: missing required key names",
            "bad.yaml:1:1: verplichte sleutel names ontbreekt"
        ),
        (
            "unknown key with a suggestion", "id: x\nname: y\n",
            "bad.yaml:2:1: name: unknown key; did you mean names?",
            "bad.yaml:2:1: name: onbekende sleutel; bedoelt u names?"
        ),
        (
            "wrong type", changed("min_days: 7", "min_days: seven"),
            "bad.yaml:13:15: phases[0].min_days: expected a whole number 0-365, found seven",
            "bad.yaml:13:15: phases[0].min_days: verwacht een geheel getal 0-365, gevonden: seven"
        ),
        (
            "not a mapping", changed("names: { nl: \"Proef\", en: \"Trial\" }", "names: Proef"),
            "bad.yaml:2:8: names: expected a mapping, found Proef",
            "bad.yaml:2:8: names: verwacht een mapping, gevonden: Proef"
        ),
        (
            "out of range", changed("min_days: 7", "min_days: 400"),
            "bad.yaml:13:15: phases[0].min_days: 400 is out of range; allowed 0-365",
            "bad.yaml:13:15: phases[0].min_days: 400 valt buiten het bereik; toegestaan 0-365"
        ),
        (
            "unknown reference", changed("- { id: bridge, sets", "- { id: brdge, sets"),
            "bad.yaml:20:15: phases[1].exercises[0].id: unknown exercise brdge; did you mean "
                + "bridge?",
            "bad.yaml:20:15: phases[1].exercises[0].id: onbekende oefening brdge; bedoelt u "
                + "bridge?"
        ),
        (
            "unknown value of a vocabulary", changed("region: knee", "region: kne"),
            "bad.yaml:3:9: region: unknown region kne; did you mean knee?",
            "bad.yaml:3:9: region: onbekende regio kne; bedoelt u knee?"
        ),
        (
            "a missing translation", changed("{ nl: \"Brug\", en: \"Bridge\" }", "{ en: Bridge }"),
            "bad.yaml:8:12: exercises[0].names: missing the Dutch text (nl); every text needs nl "
                + "and en",
            "bad.yaml:8:12: exercises[0].names: de Nederlandse tekst (nl) ontbreekt; elke tekst "
                + "heeft zowel nl als en nodig"
        ),
        (
            "a duplicate key", "id: a\nid: b\n",
            "bad.yaml:2:1: duplicate key id (first at line 1)",
            "bad.yaml:2:1: dubbele sleutel id (eerst op regel 1)"
        ),
        (
            "an empty file", "",
            "bad.yaml:1:1: the file is empty; a plan needs id, names, region, summary, sources, "
                + "phases",
            "bad.yaml:1:1: het bestand is leeg; een plan moet bevatten: id, names, region, "
                + "summary, sources, phases"
        ),
    ]

    @Test(arguments: planCases.indices)
    func aBadPlanFileIsExplainedInDutch(_ index: Int) {
        let (what, yaml, en, nl) = Self.planCases[index]
        let errors = Self.errors(yaml)
        #expect(errors.map { $0.description(.en) }.contains(en), "\(what): \(errors)")
        #expect(errors.map { $0.description(.nl) }.contains(nl), "\(what): \(errors)")
        // The English description is the one tests, logs and older callers read.
        #expect(errors.map(\.description) == errors.map { $0.description(.en) })
    }

    /// Every problem of every bad fixture has Dutch words of its own: none is English only.
    @Test func noFixtureProblemIsEnglishOnly() throws {
        for (name, _) in BadFileTests.cases {
            for error in Self.errors(String(decoding: try fixture(name), as: UTF8.self)) {
                #expect(error.text.nl != error.text.en, "\(name): \(error)")
            }
        }
    }

    @Test func aWarningIsInDutchToo() throws {
        var warnings: [PlanError] = []
        _ = try PlanFile.parse(
            bytes: Array(Self.minimal.utf8), file: "other.yaml", expectedID: "other",
            idMismatchIsWarning: true, warnings: &warnings)
        let warning = try #require(warnings.first)
        #expect(
            warning.warningDescription(.en)
                == "other.yaml:1:5: warning: id: valid_minimal does not match the file name "
                + "other.yaml; fine for a plan file handed over (rehab start --plan-file), but in "
                + "a plans folder it must be named valid_minimal.yaml")
        #expect(
            warning.warningDescription(.nl)
                == "other.yaml:1:5: waarschuwing: id: valid_minimal komt niet overeen met de "
                + "bestandsnaam other.yaml; goed voor een overgedragen planbestand (rehab start "
                + "--plan-file), maar in een plannenmap moet het valid_minimal.yaml heten")
    }

    /// A bad config file, one problem it must report, in English and in Dutch.
    static let configCases: [(yaml: String, en: String, nl: String)] = [
        (
            "theme: blue\n",
            "config.yaml:1:8: theme: unknown theme blue; allowed: light, dark, none",
            "config.yaml:1:8: theme: onbekend thema blue; toegestaan: light, dark, none"
        ),
        (
            "langauge: nl\n",
            "config.yaml:1:1: langauge: unknown key; did you mean language?",
            "config.yaml:1:1: langauge: onbekende sleutel; bedoelt u language?"
        ),
        (
            "mouse: yes\n",
            "config.yaml:1:8: mouse: expected true or false, found yes",
            "config.yaml:1:8: mouse: verwacht true of false, gevonden: yes"
        ),
        (
            "units: miles\n",
            "config.yaml:1:8: units: 'miles' is not supported; rehab counts in km, as the "
                + "sources' thresholds (10 % a week, shoes 600-800 km) are in km",
            "config.yaml:1:8: units: 'miles' wordt niet ondersteund; rehab rekent in km, omdat "
                + "de grenzen uit de bronnen (10 % per week, schoenen 600-800 km) in km zijn"
        ),
        (
            "keys:\n  quit: [ctrl-]\n",
            "config.yaml:2:10: keys.quit: unknown key 'ctrl-'; use one character, space, "
                + "ctrl-<letter>, f1-f12 or one of up, down, left, right, enter, escape, tab, "
                + "backtab, backspace, delete, home, end, page_up, page_down",
            "config.yaml:2:10: keys.quit: onbekende toets 'ctrl-'; gebruik één teken, space, "
                + "ctrl-<letter>, f1-f12 of een van up, down, left, right, enter, escape, tab, "
                + "backtab, backspace, delete, home, end, page_up, page_down"
        ),
    ]

    @Test(arguments: configCases.indices)
    func aConfigMistakeIsExplainedInDutch(_ index: Int) {
        let (yaml, en, nl) = Self.configCases[index]
        do {
            _ = try ConfigFile.parse(bytes: Array(yaml.utf8), file: "config.yaml")
            Issue.record("accepted: \(yaml)")
        } catch {
            #expect(error.description(.en).split(separator: "\n").map(String.init).contains(en))
            #expect(error.description(.nl).split(separator: "\n").map(String.init).contains(nl))
        }
    }

    /// A tuned plan is refused in the plan-file checker's words, in both languages.
    @Test func aTunedPlanIsRefusedInDutch() throws {
        let template = try PlanFile.parse(bytes: Array(Self.minimal.utf8), file: "minimal.yaml")
        var overrides = PlanOverrides()
        overrides.thresholds.morningSafeMax = 6
        let tuned = template.resolved(variant: nil, overrides: overrides)
        #expect(
            TunedPlan.problemTexts(tuned) == [
                LocalizedText(
                    nl: "morning: safe_max 6 ligt boven limit 5; safe_max moet <= limit zijn",
                    en: "morning: safe_max 6 is above limit 5; safe_max must be <= limit")
            ])
        #expect(TunedPlan.problems(tuned) == TunedPlan.problemTexts(tuned).map(\.en))
    }
}
