import GRDB
import RehabCore
import RehabStorage

extension Store {
    /// The plan file the patient's plan was started from, if any.
    public func planFile(patientID: Int64) throws -> StoredPlanFile? {
        try read(patient: patientID) { db in
            return try Store.fetchPlanFile(db, patientID: patientID)
        }
    }

    static func fetchPlanFile(_ db: Database, patientID: Int64) throws -> StoredPlanFile? {
        try Row.fetchOne(
            db, sql: "SELECT plan_id, yaml FROM plan_file WHERE patient_id = ?",
            arguments: [patientID]
        ).map { StoredPlanFile(planID: $0["plan_id"], yaml: $0["yaml"]) }
    }

    /// Starts a plan read from a file and keeps the file, in one transaction: either both are
    /// stored or neither. The assignment's plan id must be the file's.
    public func startPlan(
        patientID: Int64, _ assignment: Assignment, planFile: StoredPlanFile,
        replacing: Bool
    ) throws {
        try RecordCheck.assignment(assignment)
        guard assignment.planID == planFile.planID else {
            throw StoreError.importFailed(
                StoragePhrase.planFileOfAnotherPlan(
                    planFile.planID, assignment: assignment.planID))
        }
        try queue.write { db in
            try Store.clearPlan(db, patientID: patientID, replacing: replacing)
            try db.execute(
                sql: "INSERT INTO plan_file (patient_id, plan_id, yaml) VALUES (?, ?, ?)",
                arguments: [patientID, planFile.planID, planFile.yaml])
            try Store.insertAssignment(db, patientID: patientID, assignment)
        }
    }
}
