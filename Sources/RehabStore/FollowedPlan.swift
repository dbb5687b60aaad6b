import RehabCore

// Loading the plan a patient follows, once for the CLI's commands and the app: the assignment,
// the template it came from (`PlanSource`: a stored plan file or the catalogue), the plan with
// variant and overrides folded in, and the log the engine reads.

/// A patient with a started plan, and everything the engine needs about them.
public struct FollowedPlan: Sendable {
    public let patient: PatientRecord
    public let assignment: Assignment
    public let template: Plan
    /// The template with the variant and the patient's overrides folded in.
    public let plan: Plan
    public let history: History

    public init(
        patient: PatientRecord, assignment: Assignment, template: Plan, plan: Plan,
        history: History
    ) {
        self.patient = patient
        self.assignment = assignment
        self.template = template
        self.plan = plan
        self.history = history
    }

    public func status(on day: Day) -> Status {
        Engine.status(plan: plan, assignment: assignment, history: history, today: day)
    }

    /// Nil when the patient has no plan. With `judging`, only the history the engine reads to
    /// judge that day and later ones (`Engine.firstDayRead`): the same answers without reading
    /// years of log; without, the whole log. `template` finds a plan by where it comes from.
    public static func load(
        _ patient: PatientRecord, from store: any RehabRepository, judging day: Day? = nil,
        template: (PlanSource) throws -> Plan
    ) throws -> FollowedPlan? {
        guard let assignment = try store.assignment(patientID: patient.id) else { return nil }
        let template = try template(
            try store.planSource(patientID: patient.id, assignment: assignment))
        let plan = template.resolved(
            variant: assignment.variantID, overrides: assignment.overrides)
        let history: History
        if let day {
            history = try store.history(
                patientID: patient.id,
                judgingFrom: Engine.firstDayRead(plan: plan, assignment: assignment, judging: day),
                lookBack: Engine.lookBackDays(plan: plan))
        } else {
            history = try store.history(patientID: patient.id)
        }
        return FollowedPlan(
            patient: patient, assignment: assignment, template: template, plan: plan,
            history: history)
    }
}
