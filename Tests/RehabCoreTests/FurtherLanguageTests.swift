import Foundation
import Testing

@testable import RehabCore

/// A third language is one table per layer, keyed by the English text's shape. These tests use
/// a small German table of RehabCore's texts; `Language.install` is never called, so the rest
/// of the suite still sees Dutch and English only.
@Suite struct FurtherLanguageTests {
    static let coreGerman: [String: String] = [
        "unknown plan '%@'; available: %@ (see 'rehab plans')":
            "unbekannter Plan '%@'; verfügbar: %@ (siehe 'rehab plans')",
        "cleared %@; the plan is running again": "%@ aufgehoben; der Plan läuft wieder",
        "red flag|red flags": "Warnsignal|Warnsignale",
        "running": "Laufen",
        "km: %@ km in %@ min of %@ is not plausible; at most %@ km in %@ min (%@ km/h)":
            "km: %@ km in %@ min %3$@ ist nicht plausibel; höchstens %4$@ km in %5$@ min (%6$@ km/h)",
        "amber": "gelb",
        "reduce": "reduzieren",
    ]

    static let german = Language(
        code: "de", name: "Deutsch", writesDecimalComma: true, tables: [coreGerman])

    @Test func theKeyIsTheEnglishWordsWithAPlaceForEachValue() {
        let text = Phrase.unknownPlan("knee", known: ["achilles", "shin"])
        #expect(text.en == "unknown plan 'knee'; available: achilles, shin (see 'rehab plans')")
        #expect(text.key == "unknown plan '%@'; available: %@ (see 'rehab plans')")
        #expect(Phrase.flagsCleared(2).key == "cleared %@; the plan is running again")
    }

    @Test func aTranslatedTextTakesItsValues() {
        let text = Phrase.unknownPlan("knee", known: ["achilles", "shin"])
        #expect(
            text.text(Self.german)
                == "unbekannter Plan 'knee'; verfügbar: achilles, shin (siehe 'rehab plans')")
        // Dutch and English are still the texts written beside each other.
        #expect(text.text(.nl).hasPrefix("onbekend plan 'knee'"))
        #expect(text.text(.en) == text.en)
    }

    @Test func aCountedNounTakesTheLanguagesForm() {
        #expect(
            Phrase.flagsCleared(1).text(Self.german)
                == "1 Warnsignal aufgehoben; der Plan läuft wieder")
        #expect(
            Phrase.flagsCleared(3).text(Self.german)
                == "3 Warnsignale aufgehoben; der Plan läuft wieder")
        #expect(Phrase.flagsCleared(3).en == "cleared 3 red flags; the plan is running again")
    }

    @Test func aTextInsideATextIsTranslatedAndPlacesMayBeNumbered() {
        let text = Phrase.implausibleSpeed(activity: .run, km: 250, minutes: 10)
        #expect(text.en.contains("of running is not plausible"))
        let german = text.text(Self.german)
        #expect(german.hasPrefix("km: 250"))
        #expect(german.contains("min Laufen ist nicht plausibel; höchstens"))
    }

    @Test func aTextTheTableLacksStaysEnglish() {
        let text = Phrase.errorPrefix()
        #expect(text.text(Self.german) == "error")
        // An empty table changes nothing either.
        let bare = Language(code: "xx", name: "xx", writesDecimalComma: false, tables: [])
        let plan = Phrase.unknownPlan("knee", known: ["shin"])
        #expect(plan.text(bare) == plan.en)
    }

    @Test func theRulesMessagesSpeakTheLanguageToo() {
        let german = Messages(Self.german)
        #expect(german.level(.amber) == "gelb")
        #expect(german.action(.reduce) == "reduzieren")
        // Not in the table: English, never an empty string.
        #expect(german.level(.green) == "green")
    }

    @Test func aListOfTextsIsTranslatedPartByPart() {
        let parts = [Activity.run.name, Activity.walk.name].joined(separator: ", ")
        #expect(parts.en == "running, walking")
        #expect(parts.nl == "hardlopen, wandelen")
        #expect(parts.text(Self.german) == "Laufen, walking")
    }

    @Test func aPercentSignIsNotAPlace() {
        let text = LocalizedText(nl: "10 % meer", en: "at most \(10) % more")
        #expect(text.key == "at most %@ %% more")
        let table = ["at most %@ %% more": "höchstens %@ %% mehr"]
        let language = Language(
            code: "de", name: "Deutsch", writesDecimalComma: true, tables: [table])
        #expect(text.text(language) == "höchstens 10 % mehr")
    }

    @Test(arguments: [
        ("%@ und %@", ["a", "b"], "a und b"),
        ("%2$@ vor %1$@", ["a", "b"], "b vor a"),
        ("100%% %@", ["x"], "100% x"),
        ("%@ %@ %@", ["a"], "a  "),
        ("50 %", [], "50 %"),
    ])
    func placesAreFilled(pattern: String, values: [String], expected: String) {
        #expect(EnglishText.filled(pattern, with: values) == expected)
    }

    @Test func onlyInstalledLanguagesAreKnownByCode() {
        #expect(Language(rawValue: "nl") == .nl)
        #expect(Language(rawValue: "en") == .en)
        #expect(Language(rawValue: "de") == nil)
        #expect(Language.allCases == [.nl, .en])
        #expect(Language.fromLocale("de_DE.UTF-8") == .en)
        #expect(Language.fromLocale("nl_BE.UTF-8") == .nl)
    }

    @Test func aTextIsStoredAsItsTwoWrittenLanguages() throws {
        let text = Phrase.unknownPlan("knee", known: ["shin"])
        let json = String(decoding: try JSONEncoder().encode(text), as: UTF8.self)
        #expect(json.contains("\"nl\"") && json.contains("\"en\"") && !json.contains("key"))
        let back = try JSONDecoder().decode(LocalizedText.self, from: Data(json.utf8))
        #expect(back == text)
        // Read back, a text is its own key: a table can still translate it whole.
        #expect(back.key == text.en)
    }

    @Test func changingTheEnglishTextLeavesNoStaleKey() {
        var text = Phrase.unknownPlan("knee", known: ["shin"])
        text.en = "something else"
        #expect(text.key == "something else")
        #expect(text.text(Self.german) == "something else")
    }
}
