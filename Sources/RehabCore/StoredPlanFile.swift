/// A plan a patient started from a file (`rehab start --plan-file`), kept in the database as the
/// file's YAML, so the plan is found again on every later run without the file, and goes (or is
/// deleted) with the patient's other rows.
public struct StoredPlanFile: Hashable, Sendable {
    public var planID: String
    public var yaml: String

    public init(planID: String, yaml: String) {
        self.planID = planID
        self.yaml = yaml
    }
}
