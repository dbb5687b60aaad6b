import Foundation
import RehabCore
import RehabFiles
import RehabPlans
import RehabSQLite
import RehabStorage
import RehabStoreConformance
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
    /// When set, the store refuses every write with this message (`FaultyRepository`).
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
        if let refusingWrites {
            repository = FaultyRepository(store, fault: .refusingWrites(refusingWrites))
        }
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
    /// The one folder of this test process that holds them, removed when the process exits.
    private static let parent: URL = {
        let parent = FileManager.default.temporaryDirectory
            .appendingPathComponent("rehab-plans-\(UUID().uuidString)")
        atexit { try? FileManager.default.removeItem(at: Caseload.parent) }
        return parent
    }()

    static func folder(holding plans: [Plan]) -> String {
        let ids = plans.map(\.id).sorted()
        return folders.withLock { made in
            if let folder = made[ids] { return folder }
            let folder = parent.appendingPathComponent(UUID().uuidString)
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
    var refusing: FaultyRepository? { store as? FaultyRepository }
}
