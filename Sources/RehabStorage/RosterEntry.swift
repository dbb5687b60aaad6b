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
/// `Store.history(patientID:judgingFrom:lookBack:)`.
public struct JudgingWindow: Hashable, Sendable {
    public var from: Day
    public var lookBack: Int

    public init(from: Day, lookBack: Int) {
        self.from = from
        self.lookBack = lookBack
    }
}

/// The part of a patient's log a roster row needs.
public enum RosterLog: Sendable {
    /// Exactly what `Store.history(patientID:judgingFrom:lookBack:)` returns for the window.
    case window(History)
    /// Only the latest session or morning check on or before today: for a row the engine
    /// does not judge (no plan, or its plan cannot be found).
    case lastLog(Day?)
}
