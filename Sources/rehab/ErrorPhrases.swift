import RehabApp
import RehabCore
import RehabPostgres

// Errors as the commands say them, in the user's language: what both front ends say
// (`RefusalPhrase`) and the clinic's refusals, which only the CLI meets.

enum ErrorPhrase {
    /// A store's refusal.
    static func store(_ error: StoreError) -> LocalizedText { RefusalPhrase.store(error) }

    /// Any error a command ends with.
    static func text(_ error: any Error) -> LocalizedText {
        if let refusal = error as? ClinicStore.MoveInRefusal {
            return ClinicPhrase.moveInRefused(refusal)
        }
        return RefusalPhrase.text(error)
    }
}
