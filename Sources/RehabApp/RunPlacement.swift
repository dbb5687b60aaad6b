import RehabCore

/// Where a run read from a GPX or TCX file stands for a patient's log: one rule for
/// `rehab import` and the app's Import screen, so a file one of them takes the other takes too.
public enum RunPlacement: Equatable, Sendable {
    case importable
    /// Dated after today (a clock or time-zone mistake): refused, with `Phrase.runInFuture`.
    case inFuture
    /// Dated before the plan started: left out and counted, not refused (a folder of old runs
    /// is normal).
    case beforePlanStart

    /// `planStart`: nil when the patient follows no plan yet.
    public init(day: Day, today: Day, planStart: Day?) {
        if day > today {
            self = .inFuture
        } else if let planStart, day < planStart {
            self = .beforePlanStart
        } else {
            self = .importable
        }
    }
}
