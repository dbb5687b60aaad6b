import RehabCore
import RehabFiles

// What the front ends (the CLI's commands, the app's effects) and the patient overview ask of
// stored rehab data, apart from how it is stored. `Store` (SQLite) and the clinic's
// `ClinicStore` (PostgreSQL, module RehabPostgres) implement it. Every implementation must pass
// `RepositoryConformance` (module RehabStoreConformance), which states the behaviour these
// comments promise: what is refused, in what order lists come, what a failed write leaves.
//
// Opening, the file on disk and `backup(to:)` stay with each implementation: they are about
// where the data lives, not what it is.

/// The rehab data of every patient: who they are, the plan each follows and its phase history,
/// their log (sessions, morning checks, flag clearings), shoes and plan files, and the whole
/// collection as an `Archive`. Each call is one transaction: a call that throws has changed
/// nothing. Unknown patients are refused with `StoreError.unknownPatient`.
public protocol RehabRepository: AnyObject, Sendable {
    // MARK: Patients

    /// By name with the case of A-Z ignored, then by id; archived patients only when asked.
    func patients(includeArchived: Bool) throws -> [PatientRecord]
    /// Refuses a name already stored (compared as `Naming` compares) with `duplicatePatient`
    /// and a bad name with a `ValidationError` naming the field.
    func addPatient(name: String, language: Language?) throws -> PatientRecord
    func renamePatient(id: Int64, to newName: String) throws
    func archivePatient(id: Int64, archived: Bool) throws
    /// The patient and every row about them, gone for good.
    func deletePatient(id: Int64) throws

    // MARK: Plan

    /// The patient's plan assignment with its phase history (by date, then order stored).
    func assignment(patientID: Int64) throws -> Assignment?
    /// One plan at a time: a second needs `replacing` (else `planAlreadyStarted`), which drops
    /// the old phase history and any plan file the old plan was started from.
    func startPlan(patientID: Int64, _ assignment: Assignment, replacing: Bool) throws
    /// As `startPlan`, keeping the file the plan was read from; its plan id must be the
    /// assignment's.
    func startPlan(
        patientID: Int64, _ assignment: Assignment, planFile: StoredPlanFile, replacing: Bool
    ) throws
    /// The plan file the patient's plan was started from, if any.
    func planFile(patientID: Int64) throws -> StoredPlanFile?
    /// Refused with `noPlan` for a patient without a plan.
    func addPhaseChange(patientID: Int64, _ change: PhaseChange) throws
    /// Refused with `noPlan` for a patient without a plan.
    func setOverrides(patientID: Int64, _ overrides: PlanOverrides) throws

    // MARK: Log

    /// Sessions by date then order stored, morning checks by date, clearings by date then
    /// order stored.
    func history(patientID: Int64) throws -> History
    /// As `history(patientID:)`, only the days `from` through `through`, both included.
    func history(patientID: Int64, from: Day, through: Day) throws -> History
    /// Only what the engine reads when it judges days from `window.from + window.lookBack` on
    /// (see `Store.history(patientID:window:)` for the exact rows).
    func history(patientID: Int64, window: JudgingWindow) throws -> History
    /// Stores a new session (its `id` is ignored) and returns the id it got.
    @discardableResult func addSession(patientID: Int64, _ session: Session) throws -> Int64
    /// Replaces the session with the same id; `RecordError.unknownSession` when there is none
    /// for this patient.
    func updateSession(patientID: Int64, _ session: Session) throws
    func deleteSession(patientID: Int64, id: Int64) throws
    /// One per date: a second for the same date replaces the first. True when it replaced one.
    @discardableResult func setMorningCheck(patientID: Int64, _ check: MorningCheck) throws -> Bool
    func deleteMorningCheck(patientID: Int64, date: Day) throws
    func addClearing(patientID: Int64, _ clearing: FlagClearing) throws

    // MARK: Shoes and imported runs

    /// In the order added.
    func shoes(patientID: Int64) throws -> [Shoe]
    /// Refuses a name the patient already has (case ignored) with `RecordError.duplicateShoe`.
    func addShoe(patientID: Int64, _ shoe: Shoe) throws
    /// Each shoe's start km plus the km of every run logged with it, to 0.01 km.
    func shoeKm(patientID: Int64) throws -> [String: Double]
    /// All or nothing; a start time already stored (or twice in `runs`) is skipped and counted.
    func importRuns(patientID: Int64, _ runs: [ImportedRun], newShoe: Shoe?) throws
        -> RunImportResult
    /// The start times of imported runs, by session id.
    func runStartTimes(patientID: Int64) throws -> [Int64: String]

    // MARK: Outcome measures and clinical notes

    /// Every measurement of the patient, oldest first.
    func measurements(patientID: Int64) throws -> [MeasureRecord]
    /// Checked against its scale and the patient's earlier answers; nothing stored if refused.
    @discardableResult func addMeasurement(patientID: Int64, _ measurement: MeasureRecord)
        throws -> Int64
    func deleteMeasurement(patientID: Int64, id: Int64) throws
    /// The physio's dated notes, oldest first.
    func notes(patientID: Int64) throws -> [ClinicalNote]
    @discardableResult func addNote(patientID: Int64, _ note: ClinicalNote) throws -> Int64
    /// What was recorded since the patient's last clinical note (everything without one): the
    /// same answer as `ReviewChanges(notes:history:measures:)` over the whole log.
    func reviewChanges(patientID: Int64) throws -> ReviewChanges
    /// The patient's discharge, if they were discharged.
    func discharge(patientID: Int64) throws -> Discharge?
    /// Records the discharge, replacing an earlier one; `by` is checked like a name.
    func setDischarge(patientID: Int64, _ discharge: Discharge) throws
    /// What the physio's review of each patient reads (`reviewChanges`, `measurements`,
    /// `discharge`), for a patient list: the same answers as the one-patient calls; an
    /// unknown patient is refused. A store on a network reads them all in a few statements.
    func reviewRecords(patientIDs: [Int64]) throws -> [Int64: ReviewRecords]

    // MARK: Checkpoints

    /// The patient's stored `TallyCheckpoint`, if any: a cache the engine may read instead of
    /// a long phase's first months. A store that keeps none returns nil.
    func tallyCheckpoint(patientID: Int64) throws -> TallyCheckpoint?
    /// Keeps a checkpoint, replacing the patient's earlier one; the store drops it when a
    /// session, morning check or clearing dated on or before its `guardDay` changes.
    func setTallyCheckpoint(patientID: Int64, _ checkpoint: TallyCheckpoint) throws
    /// False for a store that keeps no checkpoints (nothing is then built step by step).
    var keepsCheckpoints: Bool { get }
    /// Whether whoever reads through this store decides the care: tunes or replaces the plan,
    /// forces a phase, writes clinical notes and the discharge. A runner on their own and a
    /// physio do; a clinic's patient login reads these and the store refuses their change
    /// (clinic schema version 7), so the front ends do not offer it.
    var readerDecidesCare: Bool { get }
    /// As `history(patientID:window:)` without the rows dated after `through`: what one step
    /// of building a checkpoint reads.
    func history(patientID: Int64, window: JudgingWindow, through: Day) throws -> History

    // MARK: The whole collection

    /// A number that changes when another process commits a change (not for this store's own
    /// writes): the app polls it to refresh by itself.
    func dataVersion() throws -> Int64

    /// The patient list with each one's assignment, plan file and log, read at one moment
    /// (see `Store.roster`).
    func roster(
        includeArchived: Bool, today: Day, window: (RosterEntry) -> JudgingWindow?
    ) throws -> [(entry: RosterEntry, log: RosterLog)]
    /// Every patient, archived ones too, by id, session ids left out.
    func exportAll() throws -> Archive
    /// All or nothing: a name already stored is `duplicatePatient`, a bad value `importFailed`
    /// naming the patient, record and field; another format or a newer version is refused.
    @discardableResult func importAll(_ archive: Archive) throws -> RecordCounts
    /// As `importAll`, piece by piece as `next` reads them (one piece in memory at a time),
    /// all in one transaction: the first problem, or a throw from `check`, stores nothing.
    func importPieces(
        _ next: () throws -> ArchivePiece?, check: (ArchivePiece) throws -> Void
    ) throws -> RecordCounts
}

// The usual arguments, written once for every implementation.
extension RehabRepository {
    public func patients() throws -> [PatientRecord] { try patients(includeArchived: false) }

    public func addPatient(name: String) throws -> PatientRecord {
        try addPatient(name: name, language: nil)
    }

    public func startPlan(patientID: Int64, _ assignment: Assignment) throws {
        try startPlan(patientID: patientID, assignment, replacing: false)
    }

    public func startPlan(patientID: Int64, _ assignment: Assignment, planFile: StoredPlanFile)
        throws
    {
        try startPlan(patientID: patientID, assignment, planFile: planFile, replacing: false)
    }

    public func importPieces(_ next: () throws -> ArchivePiece?) throws -> RecordCounts {
        try importPieces(next, check: { _ in })
    }

    public func importRuns(patientID: Int64, _ runs: [ImportedRun]) throws -> RunImportResult {
        try importRuns(patientID: patientID, runs, newShoe: nil)
    }

    /// One patient at a time, through the one-patient calls: a store where each call is
    /// cheap (SQLite, in process) needs nothing more.
    public func reviewRecords(patientIDs: [Int64]) throws -> [Int64: ReviewRecords] {
        var records: [Int64: ReviewRecords] = [:]
        for id in patientIDs where records[id] == nil {
            records[id] = ReviewRecords(
                changes: try reviewChanges(patientID: id),
                measures: try measurements(patientID: id), discharge: try discharge(patientID: id))
        }
        return records
    }

    /// Where the template of a patient's current plan is found.
    public func planSource(patientID: Int64, assignment: Assignment) throws -> PlanSource {
        PlanSource(assignment: assignment, planFile: try planFile(patientID: patientID))
    }
}
