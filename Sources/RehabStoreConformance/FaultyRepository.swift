import RehabCore
import RehabFiles
import RehabStorage
import Synchronization

/// A store passing everything to another but for one fault on purpose: for tests that a check
/// (`RepositoryConformance`) or a caller (the app, when a save is refused) notices it.
public final class FaultyRepository: RehabRepository {
    public enum Fault: Sendable, Equatable {
        /// Patients listed in reverse order.
        case patientsReversed
        /// A morning check never says it replaced one.
        case morningNeverReplaces
        /// Every write refused with this message, as with a full disk or a lost clinic
        /// connection; reads, and the checkpoint a read keeps, pass.
        case refusingWrites(String)
    }

    /// The refusal of `.refusingWrites`, in its own words.
    public struct Refused: Error, CustomStringConvertible {
        public var description: String
    }

    public let store: any RehabRepository
    private let current: Mutex<Fault?>

    /// Nil: the store behaves again (the disk is fine again).
    public var fault: Fault? {
        get { current.withLock { $0 } }
        set { current.withLock { $0 = newValue } }
    }

    public init(_ store: any RehabRepository, fault: Fault?) {
        self.store = store
        current = Mutex(fault)
    }

    /// Throws the refusal, if writes are refused; else does the write.
    private func write<T>(_ body: () throws -> T) throws -> T {
        if case .refusingWrites(let message) = fault { throw Refused(description: message) }
        return try body()
    }

    public func patients(includeArchived: Bool) throws -> [PatientRecord] {
        let all = try store.patients(includeArchived: includeArchived)
        return fault == .patientsReversed ? all.reversed() : all
    }
    public func addPatient(name: String, language: Language?) throws -> PatientRecord {
        try write { try store.addPatient(name: name, language: language) }
    }
    public func renamePatient(id: Int64, to newName: String) throws {
        try write { try store.renamePatient(id: id, to: newName) }
    }
    public func archivePatient(id: Int64, archived: Bool) throws {
        try write { try store.archivePatient(id: id, archived: archived) }
    }
    public func deletePatient(id: Int64) throws { try write { try store.deletePatient(id: id) } }
    public func assignment(patientID: Int64) throws -> Assignment? {
        try store.assignment(patientID: patientID)
    }
    public func startPlan(patientID: Int64, _ assignment: Assignment, replacing: Bool) throws {
        try write { try store.startPlan(patientID: patientID, assignment, replacing: replacing) }
    }
    public func startPlan(
        patientID: Int64, _ assignment: Assignment, planFile: StoredPlanFile, replacing: Bool
    ) throws {
        try write {
            try store.startPlan(
                patientID: patientID, assignment, planFile: planFile, replacing: replacing)
        }
    }
    public func planFile(patientID: Int64) throws -> StoredPlanFile? {
        try store.planFile(patientID: patientID)
    }
    public func addPhaseChange(patientID: Int64, _ change: PhaseChange) throws {
        try write { try store.addPhaseChange(patientID: patientID, change) }
    }
    public func setOverrides(patientID: Int64, _ overrides: PlanOverrides) throws {
        try write { try store.setOverrides(patientID: patientID, overrides) }
    }
    public func history(patientID: Int64) throws -> History {
        try store.history(patientID: patientID)
    }
    public func history(patientID: Int64, from: Day, through: Day) throws -> History {
        try store.history(patientID: patientID, from: from, through: through)
    }
    public func history(patientID: Int64, window: JudgingWindow) throws -> History {
        try store.history(patientID: patientID, window: window)
    }
    public func addSession(patientID: Int64, _ session: Session) throws -> Int64 {
        try write { try store.addSession(patientID: patientID, session) }
    }
    public func updateSession(patientID: Int64, _ session: Session) throws {
        try write { try store.updateSession(patientID: patientID, session) }
    }
    public func deleteSession(patientID: Int64, id: Int64) throws {
        try write { try store.deleteSession(patientID: patientID, id: id) }
    }
    public func setMorningCheck(patientID: Int64, _ check: MorningCheck) throws -> Bool {
        let replaced = try write { try store.setMorningCheck(patientID: patientID, check) }
        return fault == .morningNeverReplaces ? false : replaced
    }
    public func deleteMorningCheck(patientID: Int64, date: Day) throws {
        try write { try store.deleteMorningCheck(patientID: patientID, date: date) }
    }
    public func addClearing(patientID: Int64, _ clearing: FlagClearing) throws {
        try write { try store.addClearing(patientID: patientID, clearing) }
    }
    public func shoes(patientID: Int64) throws -> [Shoe] { try store.shoes(patientID: patientID) }
    public func addShoe(patientID: Int64, _ shoe: Shoe) throws {
        try write { try store.addShoe(patientID: patientID, shoe) }
    }
    public func shoeKm(patientID: Int64) throws -> [String: Double] {
        try store.shoeKm(patientID: patientID)
    }
    public func importRuns(patientID: Int64, _ runs: [ImportedRun], newShoe: Shoe?) throws
        -> RunImportResult
    {
        try write { try store.importRuns(patientID: patientID, runs, newShoe: newShoe) }
    }
    public func runStartTimes(patientID: Int64) throws -> [Int64: String] {
        try store.runStartTimes(patientID: patientID)
    }
    public func measurements(patientID: Int64) throws -> [MeasureRecord] {
        try store.measurements(patientID: patientID)
    }
    public func addMeasurement(patientID: Int64, _ measurement: MeasureRecord) throws -> Int64 {
        try write { try store.addMeasurement(patientID: patientID, measurement) }
    }
    public func deleteMeasurement(patientID: Int64, id: Int64) throws {
        try write { try store.deleteMeasurement(patientID: patientID, id: id) }
    }
    public func notes(patientID: Int64) throws -> [ClinicalNote] {
        try store.notes(patientID: patientID)
    }
    public func addNote(patientID: Int64, _ note: ClinicalNote) throws -> Int64 {
        try write { try store.addNote(patientID: patientID, note) }
    }
    public func reviewChanges(patientID: Int64) throws -> ReviewChanges {
        try store.reviewChanges(patientID: patientID)
    }
    public func discharge(patientID: Int64) throws -> Discharge? {
        try store.discharge(patientID: patientID)
    }
    public func setDischarge(patientID: Int64, _ discharge: Discharge) throws {
        try write { try store.setDischarge(patientID: patientID, discharge) }
    }
    public func reviewRecords(patientIDs: [Int64]) throws -> [Int64: ReviewRecords] {
        try store.reviewRecords(patientIDs: patientIDs)
    }
    public func tallyCheckpoint(patientID: Int64) throws -> TallyCheckpoint? {
        try store.tallyCheckpoint(patientID: patientID)
    }
    public func setTallyCheckpoint(patientID: Int64, _ checkpoint: TallyCheckpoint) throws {
        try store.setTallyCheckpoint(patientID: patientID, checkpoint)
    }
    public var keepsCheckpoints: Bool { store.keepsCheckpoints }
    public var readerDecidesCare: Bool { store.readerDecidesCare }
    public func history(patientID: Int64, window: JudgingWindow, through: Day) throws -> History {
        try store.history(patientID: patientID, window: window, through: through)
    }
    public func dataVersion() throws -> Int64 { try store.dataVersion() }
    public func roster(
        includeArchived: Bool, today: Day, window: (RosterEntry) -> JudgingWindow?
    ) throws -> [(entry: RosterEntry, log: RosterLog)] {
        try store.roster(includeArchived: includeArchived, today: today, window: window)
    }
    public func exportAll() throws -> Archive { try store.exportAll() }
    public func importAll(_ archive: Archive) throws -> RecordCounts {
        try write { try store.importAll(archive) }
    }
    public func importPieces(
        _ next: () throws -> ArchivePiece?, check: (ArchivePiece) throws -> Void
    ) throws -> RecordCounts {
        try write { try store.importPieces(next, check: check) }
    }
}
