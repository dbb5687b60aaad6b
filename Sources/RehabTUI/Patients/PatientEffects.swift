import RehabApp
import RehabCore
import RehabPlans
import RehabStorage

// The physio's effects (patients, plan set-up, tuning), carried out by both runners alike. A
// change reports back the current patient afresh and, when the Patients screen is on the
// stack, its rows.

extension StoreRunner {
    /// The Patients screen's rows: each patient judged by the engine as `rehab patients` does,
    /// the whole list from one read of the store (see BENCHMARKS.md for 500 patients).
    /// After a change made here, only the patients it touched are read and judged again
    /// (`KeptRoster`); the whole list is read when another process wrote, on another day, or
    /// with archived patients shown or hidden.
    package mutating func roster(includeArchived: Bool, today: Day) throws -> [RosterRow] {
        let version = try? store.dataVersion()
        if var kept = keptRoster, kept.includeArchived == includeArchived, kept.today == today,
            version != nil, kept.version == version
        {
            var overviews: [PatientOverview] = []
            for patient in try store.patients(includeArchived: includeArchived) {
                if let old = kept.overviews[patient.id], old.patient == patient,
                    !kept.touched.contains(patient.id)
                {
                    overviews.append(old)
                    continue
                }
                let fresh = try PatientOverview.load(patient, store: store, today: today) {
                    try self.template(for: $0, $1)
                }
                kept.overviews[patient.id] = fresh
                kept.reviews[patient.id] = try PatientReview.load(fresh, store: store, today: today)
                overviews.append(fresh)
            }
            kept.touched = []
            keptRoster = kept
            return RosterRow.rows(overviews, today: today, reviews: kept.reviews)
        }
        let overviews = try PatientOverview.roster(
            store: store, includeArchived: includeArchived, today: today
        ) { source in try self.template(source) }
        var reviews: [Int64: PatientReview] = [:]
        for review in zip(overviews, try PatientReview.loadAll(overviews, store: store)) {
            reviews[review.0.patient.id] = review.1
        }
        keptRoster = KeptRoster(
            includeArchived: includeArchived, today: today, version: version,
            overviews: Dictionary(overviews.map { ($0.patient.id, $0) }) { first, _ in first },
            reviews: reviews)
        return RosterRow.rows(overviews, today: today, reviews: reviews)
    }

    /// A plan file handed over, read as `rehab start --plan-file` reads it; a problem is a
    /// notice with the file's `file:line:column` messages.
    static func readPlanFile(_ typed: String, for target: SetupTarget, _ language: Language)
        -> AppAction
    {
        let path = RunFinder.expand(typed, home: RunFinder.home)
        do {
            let (plan, text) = try PlanFile.loadHandedOver(path: path)
            return .planFileRead(
                HandedOverPlan(
                    path: path, plan: plan, file: StoredPlanFile(planID: plan.id, yaml: text)),
                for: target)
        } catch {
            return .failed(error.errors.map { $0.description(language) }.joined(separator: "; "))
        }
    }

    /// A plan file kept in the database, parsed.
    static func template(_ stored: StoredPlanFile) throws -> Plan {
        do {
            return try PlanFile.parse(
                bytes: Array(stored.yaml.utf8), file: "\(stored.planID) (stored plan file)")
        } catch {
            throw PlanProblem(planID: stored.planID, text: error.text)
        }
    }

    /// The current patient again, without the start-up roster.
    mutating func current(_ state: AppState) throws -> Loaded {
        guard let id = state.patient?.id,
            try store.patients(includeArchived: true)
                .contains(where: { $0.id == id })
        else { return Loaded(patients: try store.patients(), patient: nil, followed: nil) }
        return try load(patientID: id, today: state.today)
    }

    mutating func shownRoster(_ state: AppState) throws -> [AppAction] {
        guard state.newestIndex(of: .patients) != nil else { return [] }
        return [.rosterLoaded(try roster(includeArchived: state.showArchived, today: state.today))]
    }

    /// The physio's effects; nil for the others.
    mutating func performPatients(_ effect: Effect, _ state: AppState) throws -> [AppAction]? {
        switch effect {
        case .loadRoster(let archived):
            return [.rosterLoaded(try roster(includeArchived: archived, today: state.today))]
        case .addPatient(let name):
            let patient = try store.addPatient(name: name, language: nil)
            return [.loaded(try current(state))] + (try shownRoster(state))
                + [.patientAdded(patient)]
        case .renamePatient(let id, let name):
            try store.renamePatient(id: id, to: name)
            return [.patientRenamed(name), .loaded(try current(state))] + (try shownRoster(state))
        case .archivePatient(let id, let archived):
            try store.archivePatient(id: id, archived: archived)
            return [.loaded(try current(state))] + (try shownRoster(state))
        case .deletePatient(let id):
            try store.deletePatient(id: id)
            return [.loaded(try current(state))] + (try shownRoster(state))
        case .loadTuning(let id):
            guard
                let patient = try store.patients(includeArchived: true).first(where: {
                    $0.id == id
                }),
                let assignment = try store.assignment(patientID: id)
            else { throw StoreError.noPlan(patient: "#\(id)") }
            return [
                .tuningLoaded(
                    TuneSource(
                        patient: patient, template: try template(for: patient, assignment),
                        assignment: assignment))
            ]
        case .setOverrides(let id, let overrides):
            try store.setOverrides(patientID: id, overrides)
            return [.tuningSaved(patientID: id, overrides: overrides), .loaded(try current(state))]
                + (try shownRoster(state))
        case .readPlanFile(let typed, let target):
            return [StoreRunner.readPlanFile(typed, for: target, state.language)]
        case .startPlan(let request) where request.patientID != nil:
            guard let id = request.patientID else { return nil }
            let template = try template(
                request.planFile.map(PlanSource.file) ?? .catalogue(request.planID))
            guard let first = template.phases.first else { return [] }
            let assignment = Assignment(
                planID: template.id, variantID: request.variantID, startDate: request.date,
                startingWeeklyKm: request.weeklyKm,
                phaseHistory: [
                    PhaseChange(
                        phase: first.id, date: request.date, reason: .start,
                        note: request.startNote)
                ])
            if let file = request.planFile {
                try store.startPlan(
                    patientID: id, assignment, planFile: file, replacing: request.replacing)
            } else {
                // A catalogue start: the store drops a plan file the patient was started from.
                try store.startPlan(patientID: id, assignment, replacing: request.replacing)
            }
            return [.planStarted(try load(patientID: id, today: state.today))]
        default:
            return nil
        }
    }
}

/// The Patients screen's last whole read: each patient's overview and review, with what was
/// written here since. Valid for one day, one choice of archived patients, and while no other
/// process writes (the store's `dataVersion`).
struct KeptRoster: Sendable {
    var includeArchived: Bool
    var today: Day
    var version: Int64?
    var overviews: [Int64: PatientOverview]
    var reviews: [Int64: PatientReview]
    /// Patients the runner wrote to since the rows were read.
    var touched: Set<Int64> = []
}
