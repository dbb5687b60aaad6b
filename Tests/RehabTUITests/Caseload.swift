import Foundation
import RehabCore
import RehabFiles
import RehabPlans
import RehabSQLite
import RehabStorage
import Synchronization

@testable import RehabTUI

/// The records an app test starts from. A test changes them as plain values, then `runner()`
/// writes them into a fresh SQLite store in memory: the app runs on the real store.
struct Caseload: Equatable {
    /// Numbered 1, 2, … in order, as the store numbers them.
    var patients: [PatientRecord]
    /// The plans the runner knows; the picker lists those with a file in plans/.
    var catalog: [Plan]
    var assignments: [Int64: Assignment] = [:]
    var histories: [Int64: History] = [:]
    var shoes: [Int64: [Shoe]] = [:]
    var measures: [Int64: [MeasureRecord]] = [:]
    var notes: [Int64: [ClinicalNote]] = [:]
    var questionnaires: [Instrument] = []
    /// Where the runner is, for the day and start time of runs read from files.
    var timeZone = TimeZone.current
    /// When set, the store refuses every write with this message (see `RefusingStore`).
    var refusingWrites: String?

    init(patients: [PatientRecord] = [], catalog: [Plan]) {
        self.patients = patients
        self.catalog = catalog
    }

    /// A runner over a new in-memory store holding these records.
    func runner() -> StoreRunner {
        let store: Store
        do { store = try seeded().copyInMemory() } catch {
            preconditionFailure("cannot copy the test's store: \(error)")
        }
        var repository: any RehabRepository = store
        if let refusingWrites { repository = RefusingStore(store, refusal: refusingWrites) }
        var runner = StoreRunner(
            store: repository, planDirectories: [Self.folder(holding: catalog)])
        // The plans as the test made them (a test may change a catalogue plan).
        for plan in catalog { runner.templates[plan.id] = plan }
        runner.questionnaires = questionnaires
        runner.timeZone = timeZone
        return runner
    }

    /// Stores already holding a caseload's records, which runners copy: equal records are
    /// imported once per test process.
    private static let stores = Mutex<[(records: Caseload, store: Store)]>([])

    /// A store holding these records, in one import; not to be written (runners get copies).
    private func seeded() -> Store {
        if let made = Self.stores.withLock({ $0.first { $0.records == self }?.store }) {
            return made
        }
        let archive = Archive(
            patients: patients.map { patient in
                let history = histories[patient.id] ?? History()
                var archived = ArchivedPatient(
                    name: patient.name, language: patient.language, archived: patient.archived,
                    assignment: assignments[patient.id], sessions: history.sessions,
                    mornings: history.mornings, clearings: history.clearings,
                    shoes: shoes[patient.id] ?? [])
                archived.measurements = measures[patient.id] ?? []
                archived.notes = notes[patient.id] ?? []
                return archived
            })
        let store: Store
        do {
            store = try Store.inMemory()
            try store.importAll(archive)
            let stored = try store.patients(includeArchived: true).sorted { $0.id < $1.id }
            precondition(stored == patients, "patients are numbered 1, 2, … in order")
        } catch {
            preconditionFailure("the test's records must go into the store: \(error)")
        }
        Self.stores.withLock { $0.append((self, store)) }
        return store
    }

    /// What the app loads from a store holding these records.
    func load(patientID: Int64?, today: Day) throws -> Loaded {
        var runner = runner()
        return try runner.load(patientID: patientID, today: today)
    }

    /// The Patients screen's rows from a store holding these records.
    func roster(includeArchived: Bool, today: Day) throws -> [RosterRow] {
        var runner = runner()
        return try runner.roster(includeArchived: includeArchived, today: today)
    }

    /// Folders holding just these plans' files from plans/, made once per set of plans.
    private static let folders = Mutex<[[String]: String]>([:])

    static func folder(holding plans: [Plan]) -> String {
        let ids = plans.map(\.id).sorted()
        return folders.withLock { made in
            if let folder = made[ids] { return folder }
            let folder = FileManager.default.temporaryDirectory
                .appendingPathComponent("rehab-plans-\(UUID().uuidString)")
            do {
                try FileManager.default.createDirectory(
                    at: folder, withIntermediateDirectories: true)
                for id in ids {
                    let file = Fixture.root.appendingPathComponent("plans/\(id).yaml")
                    guard FileManager.default.fileExists(atPath: file.path) else { continue }
                    try FileManager.default.copyItem(
                        at: file, to: folder.appendingPathComponent("\(id).yaml"))
                }
            } catch {
                preconditionFailure("cannot make a plan folder: \(error)")
            }
            made[ids] = folder.path
            return folder.path
        }
    }
}

extension StoreRunner {
    /// The store refusing writes the test set up (`Caseload.refusingWrites`).
    var refusing: RefusingStore? { store as? RefusingStore }
}

/// The real store, refusing every write with one message while `refusal` is set, as a store
/// with a full disk or a lost clinic connection would: what the app keeps when a save fails.
/// Reads, and the checkpoint a read keeps, pass through.
final class RefusingStore: RehabRepository {
    let store: Store
    let refusal: Mutex<String?>

    struct Refused: Error, CustomStringConvertible {
        var description: String
    }

    init(_ store: Store, refusal: String) {
        self.store = store
        self.refusal = Mutex(refusal)
    }

    /// Throws the refusal, if any; else does the write.
    private func write<T>(_ body: () throws -> T) throws -> T {
        if let message = refusal.withLock({ $0 }) { throw Refused(description: message) }
        return try body()
    }

    func patients(includeArchived: Bool) throws -> [PatientRecord] {
        try store.patients(includeArchived: includeArchived)
    }
    func addPatient(name: String, language: Language?) throws -> PatientRecord {
        try write { try store.addPatient(name: name, language: language) }
    }
    func renamePatient(id: Int64, to newName: String) throws {
        try write { try store.renamePatient(id: id, to: newName) }
    }
    func archivePatient(id: Int64, archived: Bool) throws {
        try write { try store.archivePatient(id: id, archived: archived) }
    }
    func deletePatient(id: Int64) throws { try write { try store.deletePatient(id: id) } }
    func assignment(patientID: Int64) throws -> Assignment? {
        try store.assignment(patientID: patientID)
    }
    func startPlan(patientID: Int64, _ assignment: Assignment, replacing: Bool) throws {
        try write { try store.startPlan(patientID: patientID, assignment, replacing: replacing) }
    }
    func startPlan(
        patientID: Int64, _ assignment: Assignment, planFile: StoredPlanFile, replacing: Bool
    ) throws {
        try write {
            try store.startPlan(
                patientID: patientID, assignment, planFile: planFile, replacing: replacing)
        }
    }
    func planFile(patientID: Int64) throws -> StoredPlanFile? {
        try store.planFile(patientID: patientID)
    }
    func addPhaseChange(patientID: Int64, _ change: PhaseChange) throws {
        try write { try store.addPhaseChange(patientID: patientID, change) }
    }
    func setOverrides(patientID: Int64, _ overrides: PlanOverrides) throws {
        try write { try store.setOverrides(patientID: patientID, overrides) }
    }
    func history(patientID: Int64) throws -> History { try store.history(patientID: patientID) }
    func history(patientID: Int64, from: Day, through: Day) throws -> History {
        try store.history(patientID: patientID, from: from, through: through)
    }
    func history(patientID: Int64, judgingFrom from: Day, lookBack: Int) throws -> History {
        try store.history(patientID: patientID, judgingFrom: from, lookBack: lookBack)
    }
    func addSession(patientID: Int64, _ session: Session) throws -> Int64 {
        try write { try store.addSession(patientID: patientID, session) }
    }
    func updateSession(patientID: Int64, _ session: Session) throws {
        try write { try store.updateSession(patientID: patientID, session) }
    }
    func deleteSession(patientID: Int64, id: Int64) throws {
        try write { try store.deleteSession(patientID: patientID, id: id) }
    }
    func setMorningCheck(patientID: Int64, _ check: MorningCheck) throws -> Bool {
        try write { try store.setMorningCheck(patientID: patientID, check) }
    }
    func deleteMorningCheck(patientID: Int64, date: Day) throws {
        try write { try store.deleteMorningCheck(patientID: patientID, date: date) }
    }
    func addClearing(patientID: Int64, _ clearing: FlagClearing) throws {
        try write { try store.addClearing(patientID: patientID, clearing) }
    }
    func shoes(patientID: Int64) throws -> [Shoe] { try store.shoes(patientID: patientID) }
    func addShoe(patientID: Int64, _ shoe: Shoe) throws {
        try write { try store.addShoe(patientID: patientID, shoe) }
    }
    func shoeKm(patientID: Int64) throws -> [String: Double] {
        try store.shoeKm(patientID: patientID)
    }
    func importRuns(patientID: Int64, _ runs: [ImportedRun], newShoe: Shoe?) throws
        -> RunImportResult
    {
        try write { try store.importRuns(patientID: patientID, runs, newShoe: newShoe) }
    }
    func runStartTimes(patientID: Int64) throws -> [Int64: String] {
        try store.runStartTimes(patientID: patientID)
    }
    func measurements(patientID: Int64) throws -> [MeasureRecord] {
        try store.measurements(patientID: patientID)
    }
    func addMeasurement(patientID: Int64, _ measurement: MeasureRecord) throws -> Int64 {
        try write { try store.addMeasurement(patientID: patientID, measurement) }
    }
    func deleteMeasurement(patientID: Int64, id: Int64) throws {
        try write { try store.deleteMeasurement(patientID: patientID, id: id) }
    }
    func notes(patientID: Int64) throws -> [ClinicalNote] { try store.notes(patientID: patientID) }
    func addNote(patientID: Int64, _ note: ClinicalNote) throws -> Int64 {
        try write { try store.addNote(patientID: patientID, note) }
    }
    func reviewChanges(patientID: Int64) throws -> ReviewChanges {
        try store.reviewChanges(patientID: patientID)
    }
    func discharge(patientID: Int64) throws -> Discharge? {
        try store.discharge(patientID: patientID)
    }
    func setDischarge(patientID: Int64, _ discharge: Discharge) throws {
        try write { try store.setDischarge(patientID: patientID, discharge) }
    }
    func reviewRecords(patientIDs: [Int64]) throws -> [Int64: ReviewRecords] {
        try store.reviewRecords(patientIDs: patientIDs)
    }
    func tallyCheckpoint(patientID: Int64) throws -> TallyCheckpoint? {
        try store.tallyCheckpoint(patientID: patientID)
    }
    func setTallyCheckpoint(patientID: Int64, _ checkpoint: TallyCheckpoint) throws {
        try store.setTallyCheckpoint(patientID: patientID, checkpoint)
    }
    var keepsCheckpoints: Bool { store.keepsCheckpoints }
    func history(patientID: Int64, judgingFrom from: Day, lookBack: Int, through: Day) throws
        -> History
    {
        try store.history(
            patientID: patientID, judgingFrom: from, lookBack: lookBack, through: through)
    }
    func dataVersion() throws -> Int64 { try store.dataVersion() }
    func roster(
        includeArchived: Bool, today: Day, window: (RosterEntry) -> JudgingWindow?
    ) throws -> [(entry: RosterEntry, log: RosterLog)] {
        try store.roster(includeArchived: includeArchived, today: today, window: window)
    }
    func exportAll() throws -> Archive { try store.exportAll() }
    func importAll(_ archive: Archive) throws -> RecordCounts {
        try write { try store.importAll(archive) }
    }
    func importPieces(
        _ next: () throws -> ArchivePiece?, check: (ArchivePiece) throws -> Void
    ) throws -> RecordCounts {
        try write { try store.importPieces(next, check: check) }
    }
}
