import Foundation
import RehabCore
import RehabFiles
import RehabSQLite
import RehabStorage
import RehabStoreConformance
import Testing

// The storage protocol's conformance suite on the SQLite store, in memory and on a file (WAL,
// the way `rehab` opens it). The PostgreSQL store runs the same checks in its own target.

@Suite struct SQLiteConformanceTests {
    @Test(arguments: RepositoryConformance.checks)
    func inMemory(_ check: ConformanceCheck) throws {
        try check.run { try Store.inMemory() }
    }

    @Test(arguments: RepositoryConformance.checks)
    func onFile(_ check: ConformanceCheck) throws {
        let folder = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try check.run {
            try Store(path: folder.appendingPathComponent("\(UUID().uuidString).sqlite").path)
        }
    }

    @Test func everyCheckHasItsOwnName() {
        let names = RepositoryConformance.checks.map(\.name)
        #expect(Set(names).count == names.count)
        #expect(names.count >= 20)
    }
}

/// The suite is only worth running if it catches a store that breaks the protocol: two
/// deliberate faults, each caught by the checks that state that behaviour, and no others.
@Suite struct ConformanceSuiteCatchesFaultsTests {
    func failing(_ fault: FaultyRepository.Fault) -> [String] {
        RepositoryConformance.checks.compactMap { check in
            do {
                try check.run { FaultyRepository(try Store.inMemory(), fault: fault) }
                return nil
            } catch let failure as ConformanceFailure {
                #expect(failure.check == check.name)
                return check.name
            } catch {
                return "\(check.name): \(error)"
            }
        }
    }

    @Test func patientsInReverseOrder() {
        #expect(
            failing(.patientsReversed) == [
                "patients listed by name, case ignored, then id",
                "a name is stored once, case ignored",
                "rename, archive and delete",
                "export and import round trip",
            ])
    }

    @Test func morningCheckNeverSaysItReplaced() {
        #expect(failing(.morningNeverReplaces) == ["one morning check per date"])
    }

    @Test func aFailureNamesTheCheckAndWhatDiffered() throws {
        let check = try #require(
            RepositoryConformance.checks.first { $0.name == "one morning check per date" })
        let failure = #expect(throws: ConformanceFailure.self) {
            try check.run { FaultyRepository(try Store.inMemory(), fault: .morningNeverReplaces) }
        }
        #expect(
            failure?.description
                == "one morning check per date: the same date again: expected true, found false")
    }
}

/// The SQLite store with one behaviour broken on purpose.
final class FaultyRepository: RehabRepository {
    enum Fault {
        case patientsReversed
        case morningNeverReplaces
    }

    let store: Store
    let fault: Fault

    init(_ store: Store, fault: Fault) {
        self.store = store
        self.fault = fault
    }

    func patients(includeArchived: Bool) throws -> [PatientRecord] {
        let all = try store.patients(includeArchived: includeArchived)
        return fault == .patientsReversed ? all.reversed() : all
    }

    func setMorningCheck(patientID: Int64, _ check: MorningCheck) throws -> Bool {
        let replaced = try store.setMorningCheck(patientID: patientID, check)
        return fault == .morningNeverReplaces ? false : replaced
    }

    // Everything else as the store does it.
    func addPatient(name: String, language: Language?) throws -> PatientRecord {
        try store.addPatient(name: name, language: language)
    }
    func renamePatient(id: Int64, to newName: String) throws {
        try store.renamePatient(id: id, to: newName)
    }
    func archivePatient(id: Int64, archived: Bool) throws {
        try store.archivePatient(id: id, archived: archived)
    }
    func deletePatient(id: Int64) throws { try store.deletePatient(id: id) }
    func assignment(patientID: Int64) throws -> Assignment? {
        try store.assignment(patientID: patientID)
    }
    func startPlan(patientID: Int64, _ assignment: Assignment, replacing: Bool) throws {
        try store.startPlan(patientID: patientID, assignment, replacing: replacing)
    }
    func startPlan(
        patientID: Int64, _ assignment: Assignment, planFile: StoredPlanFile, replacing: Bool
    ) throws {
        try store.startPlan(
            patientID: patientID, assignment, planFile: planFile, replacing: replacing)
    }
    func planFile(patientID: Int64) throws -> StoredPlanFile? {
        try store.planFile(patientID: patientID)
    }
    func addPhaseChange(patientID: Int64, _ change: PhaseChange) throws {
        try store.addPhaseChange(patientID: patientID, change)
    }
    func setOverrides(patientID: Int64, _ overrides: PlanOverrides) throws {
        try store.setOverrides(patientID: patientID, overrides)
    }
    func history(patientID: Int64) throws -> History { try store.history(patientID: patientID) }
    func history(patientID: Int64, from: Day, through: Day) throws -> History {
        try store.history(patientID: patientID, from: from, through: through)
    }
    func history(patientID: Int64, judgingFrom from: Day, lookBack: Int) throws -> History {
        try store.history(patientID: patientID, judgingFrom: from, lookBack: lookBack)
    }
    func addSession(patientID: Int64, _ session: Session) throws -> Int64 {
        try store.addSession(patientID: patientID, session)
    }
    func updateSession(patientID: Int64, _ session: Session) throws {
        try store.updateSession(patientID: patientID, session)
    }
    func deleteSession(patientID: Int64, id: Int64) throws {
        try store.deleteSession(patientID: patientID, id: id)
    }
    func deleteMorningCheck(patientID: Int64, date: Day) throws {
        try store.deleteMorningCheck(patientID: patientID, date: date)
    }
    func addClearing(patientID: Int64, _ clearing: FlagClearing) throws {
        try store.addClearing(patientID: patientID, clearing)
    }
    func shoes(patientID: Int64) throws -> [Shoe] { try store.shoes(patientID: patientID) }
    func addShoe(patientID: Int64, _ shoe: Shoe) throws {
        try store.addShoe(patientID: patientID, shoe)
    }
    func shoeKm(patientID: Int64) throws -> [String: Double] {
        try store.shoeKm(patientID: patientID)
    }
    func importRuns(patientID: Int64, _ runs: [ImportedRun], newShoe: Shoe?) throws
        -> RunImportResult
    {
        try store.importRuns(patientID: patientID, runs, newShoe: newShoe)
    }
    func runStartTimes(patientID: Int64) throws -> [Int64: String] {
        try store.runStartTimes(patientID: patientID)
    }
    func measurements(patientID: Int64) throws -> [MeasureRecord] {
        try store.measurements(patientID: patientID)
    }
    func addMeasurement(patientID: Int64, _ measurement: MeasureRecord) throws -> Int64 {
        try store.addMeasurement(patientID: patientID, measurement)
    }
    func deleteMeasurement(patientID: Int64, id: Int64) throws {
        try store.deleteMeasurement(patientID: patientID, id: id)
    }
    func notes(patientID: Int64) throws -> [ClinicalNote] { try store.notes(patientID: patientID) }
    func dataVersion() throws -> Int64 { try store.dataVersion() }
    func addNote(patientID: Int64, _ note: ClinicalNote) throws -> Int64 {
        try store.addNote(patientID: patientID, note)
    }
    func reviewChanges(patientID: Int64) throws -> ReviewChanges {
        try store.reviewChanges(patientID: patientID)
    }
    func discharge(patientID: Int64) throws -> Discharge? {
        try store.discharge(patientID: patientID)
    }
    func setDischarge(patientID: Int64, _ discharge: Discharge) throws {
        try store.setDischarge(patientID: patientID, discharge)
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
    func roster(
        includeArchived: Bool, today: Day, window: (RosterEntry) -> JudgingWindow?
    ) throws -> [(entry: RosterEntry, log: RosterLog)] {
        try store.roster(includeArchived: includeArchived, today: today, window: window)
    }
    func exportAll() throws -> Archive { try store.exportAll() }
    func importAll(_ archive: Archive) throws -> RecordCounts { try store.importAll(archive) }
    func importPieces(
        _ next: () throws -> ArchivePiece?, check: (ArchivePiece) throws -> Void
    ) throws -> RecordCounts {
        try store.importPieces(next, check: check)
    }
}
