import RehabCore
import RehabFiles
import RehabStorage
import Testing

@testable import RehabApp

/// Every error either front end ends with is said in the user's language, never as Swift
/// prints its value.
@Suite struct RefusalPhraseTests {
    @Test func everyStoreRefusalHasDutch() {
        let refusals: [StoreError] = [
            .newerDatabase(path: "r.sqlite", version: "v99"), .duplicatePatient("Sam"),
            .patientNameTaken("Sam"), .unknownPatient("Sam"), .noPlan(patient: "Sam"),
            .planAlreadyStarted(patient: "Sam"), .duplicateMorningCheck(Day(number: 20_500)),
            .importFailed(LocalizedText(nl: "regel 3: geen UTF-8", en: "line 3: not UTF-8")),
            .cannotOpen(path: "r.sqlite", reason: "disk I/O error"),
        ]
        for refusal in refusals {
            let text = RefusalPhrase.store(refusal)
            #expect(!text.nl.isEmpty && text.nl != text.en, "\(refusal)")
            #expect(!text.en.contains("\(refusal)"), "said as Swift prints it: \(text.en)")
        }
        #expect(
            RefusalPhrase.store(.duplicateMorningCheck(Day(number: 20_500))).nl
                == "er is al een ochtendcheck op 2026-02-16")
        #expect(
            RefusalPhrase.text(
                StoreError.importFailed(
                    LocalizedText(nl: "regel 3: geen UTF-8", en: "line 3: not UTF-8"))
            ).nl == "regel 3: geen UTF-8")
    }

    @Test func otherKnownErrorsAreSaidNotDumped() {
        #expect(
            RefusalPhrase.text(RecordError.unknownSession(7)).nl
                == "sessie 7 bestaat niet voor deze patiënt")
        #expect(RefusalPhrase.text(RecordError.duplicateShoe("Pegasus")).nl.contains("Pegasus"))
        let invalid = ValidationError(field: "pain", value: "11", allowed: .integer(0...10))
        #expect(RefusalPhrase.text(invalid).nl == Messages(.nl).validation(invalid))
        #expect(RefusalPhrase.text(invalid).en == Messages(.en).validation(invalid))
        let run = RunFileError(file: "a.gpx", reason: LocalizedText(nl: "leeg", en: "empty"))
        #expect(RefusalPhrase.text(run).nl == "a.gpx: leeg")
    }

    /// An error of a module the front ends may not import (the clinic's) says itself.
    @Test func aWordedErrorIsSaidInItsOwnWords() {
        struct Lost: WordedError {
            var text: LocalizedText {
                LocalizedText(nl: "de verbinding is verbroken", en: "the connection was lost")
            }
        }
        #expect(RefusalPhrase.text(Lost()).nl == "de verbinding is verbroken")
        #expect(RefusalPhrase.text(Lost()).en == "the connection was lost")
        let refusal = RunSearch.Refusal(text: LocalizedText(nl: "geen map", en: "no folder"))
        #expect(RefusalPhrase.text(refusal).nl == "geen map")
    }
}
