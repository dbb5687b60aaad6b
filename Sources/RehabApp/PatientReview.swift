import RehabCore
import RehabStorage

/// The physio's review of one patient beside the overview: what changed since their last
/// clinical note, and which outcome measures are due or overdue. `rehab patients` and the
/// app's Patients screen both read it, so they agree.
public struct PatientReview: Hashable, Sendable {
    public var changes: ReviewChanges
    /// Empty without a plan (no schedule to be due against) and once discharged.
    public var measuresDue: [MeasureDue]
    /// When and by whom the patient was discharged; nil while in care.
    public var discharged: Discharge?

    public init(changes: ReviewChanges, measuresDue: [MeasureDue], discharged: Discharge? = nil) {
        self.changes = changes
        self.measuresDue = measuresDue
        self.discharged = discharged
    }

    /// Pure: from the overview and the patient's notes, log and measures.
    public init(
        _ overview: PatientOverview, notes: [ClinicalNote], history: History,
        measures: [MeasureRecord], discharged: Discharge? = nil
    ) {
        changes = ReviewChanges(notes: notes, history: history, measures: measures)
        self.discharged = discharged
        // A discharged patient's final measures are in: nothing is due any more.
        if discharged == nil, let plan = overview.plan, let assignment = overview.assignment,
            let status = overview.status
        {
            measuresDue = MeasureSchedule.due(
                plan: plan, assignment: assignment, measurements: measures, today: status.date,
                discharging: status.suggestions.contains { $0.code == .planComplete })
        } else {
            measuresDue = []
        }
    }

    /// Reads what the review needs: the changes counted by the store, the measures and the
    /// discharge.
    public static func load(_ overview: PatientOverview, store: any RehabRepository, today: Day)
        throws -> PatientReview
    {
        let id = overview.patient.id
        return PatientReview(
            overview,
            ReviewRecords(
                changes: try store.reviewChanges(patientID: id),
                measures: try store.measurements(patientID: id),
                discharge: try store.discharge(patientID: id)))
    }

    /// The review of every row of a patient list, from one call to the store
    /// (`reviewRecords`): the same reviews as `load` gives one at a time.
    public static func loadAll(_ overviews: [PatientOverview], store: any RehabRepository)
        throws -> [PatientReview]
    {
        let records = try store.reviewRecords(patientIDs: overviews.map(\.patient.id))
        return try overviews.map { overview in
            guard let found = records[overview.patient.id] else {
                throw StoreError.unknownPatient("#\(overview.patient.id)")
            }
            return PatientReview(overview, found)
        }
    }

    /// From the overview and what the store counted and read.
    public init(_ overview: PatientOverview, _ records: ReviewRecords) {
        self.init(
            overview, notes: [], history: History(), measures: records.measures,
            discharged: records.discharge)
        changes = records.changes
    }

    /// Red flags since the review come first, with the open ones: a flag the physio has not
    /// seen yet matters even when someone cleared it meanwhile.
    public var flagsSinceReview: Bool { !changes.redFlags.isEmpty }
}
