import RehabCore
import RehabStorage

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
    /// The tallies `history` starts after, when it was read for judging a day past a long
    /// phase's first months (`TallyCheckpoint`).
    public let checkpoint: TallyCheckpoint?

    public init(
        patient: PatientRecord, assignment: Assignment, template: Plan, plan: Plan,
        history: History, checkpoint: TallyCheckpoint? = nil
    ) {
        self.patient = patient
        self.assignment = assignment
        self.template = template
        self.plan = plan
        self.history = history
        self.checkpoint = checkpoint
    }

    public func status(on day: Day) -> Status {
        Engine.status(
            plan: plan, assignment: assignment, history: history, today: day,
            checkpoint: checkpoint)
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
        guard let day else {
            return FollowedPlan(
                patient: patient, assignment: assignment, template: template, plan: plan,
                history: try store.history(patientID: patient.id))
        }
        let (history, checkpoint) = try judgingWindow(
            patientID: patient.id, plan: plan, assignment: assignment, day: day, store: store)
        return FollowedPlan(
            patient: patient, assignment: assignment, template: template, plan: plan,
            history: history, checkpoint: checkpoint)
    }

    /// The history the engine reads to judge `day`, from the stored checkpoint on when there
    /// is one, and the checkpoint to judge it with: a new one when the engine makes one
    /// (`Engine.checkpoint`), which is kept for the next run.
    static func judgingWindow(
        patientID: Int64, plan: Plan, assignment: Assignment, day: Day,
        store: any RehabRepository
    ) throws -> (History, TallyCheckpoint?) {
        var stored = try store.tallyCheckpoint(patientID: patientID)
        if store.keepsCheckpoints {
            stored = try catchUp(
                patientID: patientID, plan: plan, assignment: assignment, day: day,
                stored: stored, store: store)
        }
        let history = try store.history(
            patientID: patientID,
            window: JudgingWindow(
                plan: plan, assignment: assignment, judging: day, checkpoint: stored))
        return (
            history,
            keepCheckpoint(
                patientID: patientID, plan: plan, assignment: assignment, history: history,
                day: day, stored: stored, store: store)
        )
    }

    /// Months between the steps of `catchUp`.
    static let catchUpStep = 120

    /// Brings a long phase's checkpoint up to a few months before `day`, a step of
    /// `catchUpStep` days at a time, each step reading only its own months: read from its
    /// start in one go, a phase of 1.4 million sessions held 500 MB at once. A phase younger
    /// than that, or one the engine does not checkpoint, costs nothing here.
    static func catchUp(
        patientID: Int64, plan: Plan, assignment: Assignment, day: Day,
        stored: TallyCheckpoint?, store: any RehabRepository
    ) throws -> TallyCheckpoint? {
        var current = Engine.readableCheckpoint(
            stored, plan: plan, assignment: assignment, judging: day)
        let phaseStart = assignment.currentPhaseStart
        // The first day a checkpoint can be made for: its Sunday is then half a year in.
        var step =
            current.map { $0.through.adding(days: catchUpStep) } ?? phaseStart.adding(days: 210)
        while step < day.adding(days: -catchUpStep) {
            let history = try store.history(
                patientID: patientID,
                window: JudgingWindow(
                    plan: plan, assignment: assignment, judging: step, checkpoint: current),
                through: step)
            guard
                let fresh = Engine.checkpoint(
                    plan: plan, assignment: assignment, history: history, today: step,
                    existing: current)
            else { break }
            try? store.setTallyCheckpoint(patientID: patientID, fresh)
            current = fresh
            step = step.adding(days: catchUpStep)
        }
        return current ?? stored
    }

    /// A new checkpoint from `history` (read with `stored`) when one is due, kept in the
    /// store; else `stored`. Keeping it is best effort: a read-only or busy file still judges.
    public static func keepCheckpoint(
        patientID: Int64, plan: Plan, assignment: Assignment, history: History, day: Day,
        stored: TallyCheckpoint?, store: any RehabRepository
    ) -> TallyCheckpoint? {
        guard store.keepsCheckpoints,
            let fresh = Engine.checkpoint(
                plan: plan, assignment: assignment, history: history, today: day,
                existing: stored)
        else { return stored }
        try? store.setTallyCheckpoint(patientID: patientID, fresh)
        return fresh
    }
}
