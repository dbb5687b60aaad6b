import RehabCore
import RehabStorage

/// A plan to start from the first run.
struct StartRequest: Sendable, Hashable {
    var planID: String
    var variantID: String?
    var date: Day
    /// The name of a patient to create first; nil when the app already has a patient.
    var newPatientName: String?
    var language: Language
    /// The patient the plan is for: the app's, or the one a physio sets it up for (Patients
    /// screen); nil when the app has no patient yet and adds `newPatientName`.
    var patientID: Int64?
    /// Weekly running km before the plan (`rehab start --weekly-km`); floors the km cap.
    var weeklyKm: Double?
    /// The patient follows a plan already and this one takes its place.
    var replacing = false
    /// The plan file the plan comes from (kept with the patient); nil for the catalogue's.
    var planFile: StoredPlanFile?
    /// Red flags a physio examined and found absent: recorded in the start's note.
    var examined: [String] = []
}

/// What `update` asks the outside world to do. Data, not closures, so a test can assert on
/// exactly what the app asked for.
///
/// An effect on one patient's records names that patient, as shown when the user acted: the
/// runner writes there even if another patient is shown by the time it runs (effects run on a
/// worker while the app says "saving…").
enum Effect: Sendable, Hashable {
    /// Read the patient shown now again (after a change made here or by the CLI elsewhere):
    /// what it reads replaces what is shown, so it is about the state it runs in.
    case reload
    case loadCatalog
    case selectPatient(Int64)
    case startPlan(StartRequest)
    case saveSession(patient: Int64, Session)
    case updateSession(patient: Int64, Session)
    case deleteSession(patient: Int64, Int64)
    case saveMorning(patient: Int64, MorningCheck)
    case deleteMorning(patient: Int64, Day)
    case advance(patient: Int64, PhaseChange)
    case stepBack(patient: Int64, PhaseChange)
    case clearFlags(patient: Int64, reason: String, reports: [FlagReport])
    /// Clears exactly these physio referrals with what the physio found.
    case examinedReferrals(patient: Int64, reason: String, flags: [FlagReport])
    case undo(patient: Int64, Undo)
    /// Find the run files at a path the user typed (`~` is their home folder) and read them,
    /// marking the runs this patient has stored already.
    case readRunFiles(patient: Int64, String)
    /// Store these runs in one transaction, skipping start times already stored.
    case importRuns(patient: Int64, [ImportedRun])
    /// The Patients screen's rows (the engine's status of every patient), archived ones too
    /// when asked.
    case loadRoster(includeArchived: Bool)
    case addPatient(String)
    case renamePatient(Int64, String)
    case archivePatient(Int64, archived: Bool)
    /// Every row of the patient, then the freed pages: nothing of them stays in the file.
    case deletePatient(Int64)
    /// Read a plan file handed over (`~` is the home folder) for a patient's start.
    case readPlanFile(String, for: SetupTarget)
    /// A patient's template and assignment, for the Tune screen.
    case loadTuning(Int64)
    /// A physio's tuning of a patient's plan, already checked like a plan file.
    case setOverrides(Int64, PlanOverrides)
    /// A new shoe, checked like `rehab shoes add`.
    case addShoe(patient: Int64, Shoe)
    /// An outcome measure, already checked against its scale and the earlier answers.
    case saveMeasure(patient: Int64, MeasureRecord)
    case deleteMeasure(patient: Int64, Int64)
    /// A clinical note, already checked like `rehab note`.
    case addNote(patient: Int64, ClinicalNote)
    /// Write the discharge report, then record the discharge.
    case discharge(patient: Int64, DischargeRequest)
    case quit
}

extension Effect {
    /// Whether the effect changes the store (or writes a file): the app shows "saving…" while
    /// it runs and holds a first Ctrl-C back until it has answered.
    var writes: Bool {
        switch self {
        case .reload, .loadCatalog, .selectPatient, .readRunFiles, .loadRoster, .readPlanFile,
            .loadTuning, .quit:
            false
        case .startPlan, .saveSession, .updateSession, .deleteSession, .saveMorning,
            .deleteMorning, .advance, .stepBack, .clearFlags, .examinedReferrals, .undo,
            .importRuns, .addPatient, .renamePatient, .archivePatient, .deletePatient,
            .setOverrides, .addShoe, .saveMeasure, .deleteMeasure, .addNote, .discharge:
            true
        }
    }
}

extension Effect {
    /// The one existing patient a writing effect changes; nil for reads, and for writes that
    /// add a patient (whose rows nothing kept can hold).
    var changedPatient: Int64? {
        switch self {
        case .saveSession(let p, _), .updateSession(let p, _), .deleteSession(let p, _),
            .saveMorning(let p, _), .deleteMorning(let p, _), .advance(let p, _),
            .stepBack(let p, _), .clearFlags(let p, _, _), .examinedReferrals(let p, _, _),
            .undo(let p, _), .importRuns(let p, _), .addShoe(let p, _), .saveMeasure(let p, _),
            .deleteMeasure(let p, _), .addNote(let p, _), .discharge(let p, _):
            p
        case .renamePatient(let p, _), .archivePatient(let p, _), .deletePatient(let p),
            .setOverrides(let p, _):
            p
        case .startPlan(let request): request.newPatientName == nil ? request.patientID : nil
        case .reload, .loadCatalog, .selectPatient, .readRunFiles, .loadRoster, .addPatient,
            .readPlanFile, .loadTuning, .quit:
            nil
        }
    }
}

extension AppState {
    /// An effect on the records of the patient shown now, naming them; none without a patient.
    func forPatient(_ effect: (Int64) -> Effect) -> [Effect] {
        patient.map { [effect($0.id)] } ?? []
    }
}

extension StartRequest {
    /// The start's note: which red flags the physio examined (nil when none).
    var startNote: String? {
        examined.isEmpty
            ? nil : UIPhrase.examinedNote(examined.joined(separator: ", ")).text(language)
    }
}

/// Carries effects out and reports back with actions (always a fresh `.loaded` after a change,
/// so the screen shows the store's truth). Its type goes to the worker thread with it.
protocol EffectRunner: SendableMetatype {
    mutating func perform(_ effect: Effect, in state: AppState) -> [AppAction]
    /// A number that changes when another process (`rehab log` in a second shell) has
    /// written to the store; nil when the runner cannot tell, and the app then never polls.
    func outsideChanges() -> Int64?
}

extension EffectRunner {
    func outsideChanges() -> Int64? { nil }
}
