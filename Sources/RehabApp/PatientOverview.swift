import RehabCore
import RehabStorage

/// One line of the physio's patient list: where the patient is and whether they need a look.
/// `rehab patients` and the app's Patients screen both build their rows from it, so they agree.
public struct PatientOverview: Equatable, Sendable {
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
        today: Day, checkpoint: TallyCheckpoint? = nil
    ) {
        self.patient = patient
        self.assignment = assignment
        self.plan = assignment == nil ? nil : plan
        if let assignment, let plan {
            status = Engine.status(
                plan: plan, assignment: assignment, history: history, today: today,
                checkpoint: checkpoint)
        } else {
            status = nil
        }
        let lastSession = history.sessions.last { $0.date <= today }?.date
        let lastMorning = history.mornings.last { $0.date <= today }?.date
        lastLog = [lastSession, lastMorning].compactMap { $0 }.max()
    }

    /// A row the engine does not judge: no plan, or its plan cannot be found.
    init(patient: PatientRecord, assignment: Assignment?, lastLog: Day?) {
        self.patient = patient
        self.assignment = assignment
        plan = nil
        status = nil
        self.lastLog = lastLog
    }

    public var openFlags: Int { status?.openFlags.count ?? 0 }

    public func daysSinceLog(today: Day) -> Int? { lastLog.map { max(0, $0.days(to: today)) } }

    /// Reads one patient from the store (three read transactions). `template` finds the plan a
    /// patient follows (a stored plan file or the catalogue's); when it throws, the row has no
    /// status rather than the whole list failing. A list reads `roster` instead, which gives
    /// the same rows (RosterTests) from one read of the store.
    public static func load(
        _ patient: PatientRecord, store: any RehabRepository, today: Day,
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
        let (history, checkpoint) = try FollowedPlan.judgingWindow(
            patientID: patient.id, plan: plan, assignment: assignment, day: today, store: store)
        return PatientOverview(
            patient: patient, assignment: assignment, plan: plan, history: history, today: today,
            checkpoint: checkpoint)
    }

    /// Every patient of the list (archived ones on request), in the store's order, from one
    /// read transaction (`Store.roster`): the same rows as `load` gives one patient at a time.
    /// `template` is asked once per plan source; when it throws, those patients' rows have no
    /// status. Each template is resolved once per variant and overrides.
    public static func roster(
        store: any RehabRepository, includeArchived: Bool, today: Day,
        template: (PlanSource) throws -> Plan
    ) throws -> [PatientOverview] {
        struct Resolution: Hashable {
            var source: PlanSource
            var variant: String?
            var overrides: PlanOverrides
        }
        var templates: [PlanSource: Plan?] = [:]
        var resolved: [Resolution: Plan] = [:]
        var plans: [Int64: Plan] = [:]
        let records = try store.roster(includeArchived: includeArchived, today: today) { entry in
            guard let assignment = entry.assignment, let source = entry.planSource else {
                return nil
            }
            let found: Plan?
            if let known = templates[source] {
                found = known
            } else {
                found = try? template(source)
                templates[source] = found
            }
            guard let found else { return nil }
            let key = Resolution(
                source: source, variant: assignment.variantID, overrides: assignment.overrides)
            let plan =
                resolved[key]
                ?? found.resolved(variant: assignment.variantID, overrides: assignment.overrides)
            resolved[key] = plan
            plans[entry.patient.id] = plan
            return JudgingWindow(
                plan: plan, assignment: assignment, judging: today, checkpoint: entry.checkpoint)
        }
        return records.map { entry, log in
            switch log {
            case .window(let history):
                let plan = plans[entry.patient.id]
                var checkpoint = entry.checkpoint
                if let plan, let assignment = entry.assignment {
                    checkpoint = FollowedPlan.keepCheckpoint(
                        patientID: entry.patient.id, plan: plan, assignment: assignment,
                        history: history, day: today, stored: checkpoint, store: store)
                }
                return PatientOverview(
                    patient: entry.patient, assignment: entry.assignment,
                    plan: plan, history: history, today: today, checkpoint: checkpoint)
            case .lastLog(let day):
                return PatientOverview(
                    patient: entry.patient, assignment: entry.assignment, lastLog: day)
            }
        }
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
