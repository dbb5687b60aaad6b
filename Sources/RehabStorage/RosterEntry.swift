import RehabCore

// What a store hands the patient list: the rows as stored, and the part of each log read.

/// A patient on the physio's list as stored: who, the plan they follow and the plan file it
/// was started from.
public struct RosterEntry: Sendable {
    public let patient: PatientRecord
    public let assignment: Assignment?
    public let planFile: StoredPlanFile?
    /// The stored `TallyCheckpoint`, from a store that keeps them.
    public let checkpoint: TallyCheckpoint?

    public init(
        patient: PatientRecord, assignment: Assignment?, planFile: StoredPlanFile?,
        checkpoint: TallyCheckpoint? = nil
    ) {
        self.patient = patient
        self.assignment = assignment
        self.planFile = planFile
        self.checkpoint = checkpoint
    }

    /// Where the patient's plan comes from: the plan file they started from while it is still
    /// the assigned plan, else the catalogue's plan of that id (as `rehab status` chooses).
    public var planSource: PlanSource? {
        assignment.map { PlanSource(assignment: $0, planFile: planFile) }
    }
}

/// Where a patient's plan template is found.
public enum PlanSource: Hashable, Sendable {
    /// The catalogue's plan file of this id.
    case catalogue(String)
    /// A plan file kept in the database (`rehab start --plan-file`).
    case file(StoredPlanFile)

    /// The one rule for every reader (CLI, app, patient list): the plan file the patient was
    /// started from while it is still the assigned plan, else the catalogue's plan of that id.
    public init(assignment: Assignment, planFile: StoredPlanFile?) {
        if let planFile, planFile.planID == assignment.planID {
            self = .file(planFile)
        } else {
            self = .catalogue(assignment.planID)
        }
    }
}

/// What the engine reads of one patient's log to judge a day: the arguments of
/// `Store.history(patientID:window:)`.
public struct JudgingWindow: Hashable, Sendable {
    /// The first day read (`Engine.firstDayRead`).
    public var from: Day
    /// The days before the first judged day (`from + lookBack`) the rules read.
    public var lookBack: Int
    /// The plan's lowest `morning.safe_max` (`Engine.lowestMorningSafeMax`): how far back an
    /// older worse response might still be unresolved.
    public var morningSafeMax: Int

    public init(from: Day, lookBack: Int, morningSafeMax: Int) {
        self.from = from
        self.lookBack = lookBack
        self.morningSafeMax = morningSafeMax
    }

    /// What the engine reads to judge `day` and the days after it with `checkpoint`.
    public init(
        plan: Plan, assignment: Assignment, judging day: Day, checkpoint: TallyCheckpoint? = nil
    ) {
        self.init(
            from: Engine.firstDayRead(
                plan: plan, assignment: assignment, judging: day, checkpoint: checkpoint),
            lookBack: Engine.lookBackDays(plan: plan),
            morningSafeMax: Engine.lowestMorningSafeMax(plan: plan))
    }
}

/// The part of a patient's log a roster row needs.
public enum RosterLog: Sendable {
    /// Exactly what `Store.history(patientID:window:)` returns for the window.
    case window(History)
    /// Only the latest session or morning check on or before today: for a row the engine
    /// does not judge (no plan, or its plan cannot be found).
    case lastLog(Day?)
}
