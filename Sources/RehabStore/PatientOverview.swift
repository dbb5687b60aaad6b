import RehabCore

/// One line of the physio's patient list: where the patient is and whether they need a look.
/// `rehab patients` and the app's Patients screen both build their rows from it, so they agree.
public struct PatientOverview: Sendable {
    public let patient: PatientRecord
    public let assignment: Assignment?
    /// The plan as the patient follows it (variant and overrides folded in); nil without a
    /// plan, or when the plan cannot be found any more.
    public let plan: Plan?
    /// Nil exactly when `plan` is.
    public let status: Status?
    public let lastLog: Day?

    /// Judges the patient as of `today` from what the engine needs: pure, no store.
    public init(
        patient: PatientRecord, assignment: Assignment?, plan: Plan?, history: History,
        today: Day
    ) {
        self.patient = patient
        self.assignment = assignment
        self.plan = assignment == nil ? nil : plan
        if let assignment, let plan {
            status = Engine.status(
                plan: plan, assignment: assignment, history: history, today: today)
        } else {
            status = nil
        }
        let lastSession = history.sessions.last { $0.date <= today }?.date
        let lastMorning = history.mornings.last { $0.date <= today }?.date
        lastLog = [lastSession, lastMorning].compactMap { $0 }.max()
    }

    public var openFlags: Int { status?.openFlags.count ?? 0 }

    public func daysSinceLog(today: Day) -> Int? { lastLog.map { max(0, $0.days(to: today)) } }

    /// Reads one patient from the store. `template` finds the plan a patient follows (a stored
    /// plan file or the catalogue's); when it throws, the row has no status rather than the
    /// whole list failing.
    public static func load(
        _ patient: PatientRecord, store: Store, today: Day,
        template: (PatientRecord, Assignment) throws -> Plan
    ) throws -> PatientOverview {
        let assignment = try store.assignment(patientID: patient.id)
        guard let assignment, let template = try? template(patient, assignment) else {
            return PatientOverview(
                patient: patient, assignment: assignment, plan: nil,
                history: try store.history(patientID: patient.id), today: today)
        }
        let plan = template.resolved(
            variant: assignment.variantID, overrides: assignment.overrides)
        // Only what the engine reads for today; it still holds the latest session and morning.
        let history = try store.history(
            patientID: patient.id,
            judgingFrom: Engine.firstDayRead(plan: plan, assignment: assignment, judging: today),
            lookBack: Engine.lookBackDays(plan: plan))
        return PatientOverview(
            patient: patient, assignment: assignment, plan: plan, history: history, today: today)
    }

    /// Open red flags first, then the given order (the store's: by name).
    public static func sorted(_ rows: [PatientOverview]) -> [PatientOverview] {
        rows.enumerated().sorted { a, b in
            let flagged = (a.element.openFlags > 0, b.element.openFlags > 0)
            if flagged.0 != flagged.1 { return flagged.0 }
            return a.offset < b.offset
        }.map(\.element)
    }
}
