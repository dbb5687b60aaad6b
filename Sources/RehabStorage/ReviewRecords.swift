import RehabCore

/// What a store reads for one patient's review: the changes since the last clinical note, the
/// outcome measures (for the schedule) and the discharge.
public struct ReviewRecords: Hashable, Sendable {
    public var changes: ReviewChanges
    public var measures: [MeasureRecord]
    public var discharge: Discharge?

    public init(changes: ReviewChanges, measures: [MeasureRecord], discharge: Discharge?) {
        self.changes = changes
        self.measures = measures
        self.discharge = discharge
    }
}
