import RehabCore
import RehabFiles
import RehabPlans
import RehabStorage

// Errors as both front ends say them, in the user's language: a store's refusals and every
// other error type a use case can end with. No error is shown as Swift writes its value.

private func t(_ nl: String, _ en: EnglishText) -> LocalizedText { LocalizedText(nl: nl, en: en) }

public enum RefusalPhrase {
    /// A store's refusal.
    public static func store(_ error: StoreError) -> LocalizedText {
        switch error {
        case .newerDatabase(let path, _): Phrase.newerDatabase(path)
        case .duplicatePatient(let name): Phrase.duplicatePatient(name)
        case .patientNameTaken(let name): Phrase.patientNameTaken(name)
        case .unknownPatient(let name): Phrase.unknownPatient(name, known: [])
        case .noPlan(let patient): Phrase.noPlan(patient)
        case .planAlreadyStarted(let patient): Phrase.planAlreadyStarted(patient, plan: "?")
        case .cannotOpen(let path, let reason): Phrase.cannotOpen(path, reason: reason)
        case .importFailed(let reason): reason
        case .duplicateMorningCheck(let day):
            t(
                "er is al een ochtendcheck op \(day.iso)",
                "there is already a morning check on \(day.iso)")
        }
    }

    /// Any error a use case ends with; one of a type rehab does not know is said as Swift
    /// describes it (a system library's own words, SQLite's for a damaged file).
    public static func text(_ error: any Error) -> LocalizedText {
        switch error {
        case let e as StoreError: store(e)
        case RecordError.duplicateShoe(let name): Phrase.duplicateShoe(name)
        case let e as RecordError: StoragePhrase.record(e)
        case let e as ValidationError: LocalizedText { Messages($0).validation(e) }
        case let e as MeasureError: MeasurePhrase.error(e)
        case let e as PlanFileErrors: LocalizedText { e.description($0) }
        case let e as RunFileError: t("\(e.file): \(e.reason.nl)", "\(e.file): \(e.reason)")
        case let e as any WordedError: e.text
        default: LocalizedText(verbatim: "\(error)")
        }
    }
}
