import RehabCore
import RehabStore

/// A plan to start from the first run.
public struct StartRequest: Sendable, Hashable {
    public var planID: String
    public var variantID: String?
    public var date: Day
    /// The name of a patient to create first; nil when the app already has a patient.
    public var newPatientName: String?
    public var language: Language

    public init(
        planID: String, variantID: String?, date: Day, newPatientName: String?,
        language: Language
    ) {
        self.planID = planID
        self.variantID = variantID
        self.date = date
        self.newPatientName = newPatientName
        self.language = language
    }
}

/// What `update` asks the outside world to do. Data, not closures, so a test can assert on
/// exactly what the app asked for.
public enum Effect: Sendable, Hashable {
    /// Read the current patient again (after a change made here or by the CLI elsewhere).
    case reload
    case loadCatalog
    case selectPatient(Int64)
    case startPlan(StartRequest)
    case saveSession(Session)
    case updateSession(Session)
    case deleteSession(Int64)
    case saveMorning(MorningCheck)
    case deleteMorning(Day)
    case advance(PhaseChange)
    case stepBack(PhaseChange)
    case clearFlags(reason: String)
    case undo(Undo)
    /// Find the run files at a path the user typed (`~` is their home folder) and read them.
    case readRunFiles(String)
    /// Store these runs in one transaction, skipping start times already stored.
    case importRuns([ImportedRun])
    case quit
}

/// Carries effects out and reports back with actions (always a fresh `.loaded` after a change,
/// so the screen shows the store's truth).
public protocol EffectRunner {
    mutating func perform(_ effect: Effect, in state: AppState) -> [AppAction]
}
