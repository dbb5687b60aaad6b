import RehabCore
import RehabFiles
import RehabStorage

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

/// The runs read for an import, sorted by `RunPlacement`: the ones a log takes, the ones after
/// today (refused, each with its reason), and how many were from before the plan.
public struct PlacedRuns: Sendable, Hashable {
    /// In the order read.
    public var importable: [FoundRun] = []
    /// `Phrase.runInFuture` for each run after today, in the order read.
    public var inFuture: [RunFileError] = []
    public var beforeStart = 0

    /// `planStart`: nil when the patient follows no plan yet.
    public init(_ runs: [FoundRun], today: Day, planStart: Day?) {
        for found in runs {
            switch RunPlacement(day: found.day, today: today, planStart: planStart) {
            case .inFuture:
                inFuture.append(
                    RunFileError(
                        file: found.run.file, reason: Phrase.runInFuture(found.day, today: today)))
            case .beforePlanStart: beforeStart += 1
            case .importable: importable.append(found)
            }
        }
    }

    /// The runs to store, all with the same pain scores and shoe (`rehab import` takes one of
    /// each for the whole batch). The shoe is matched ignoring case against the patient's
    /// `known` shoes, and the first spelling stays, as with 'rehab log'; `newShoe` is the one
    /// to add when it is not known and a run wears it.
    public func imported(painDuring: Int, painAfter: Int, shoe: String?, known: [Shoe])
        -> (runs: [ImportedRun], newShoe: Shoe?)
    {
        var runs = importable.map {
            $0.run.imported(painDuring: painDuring, painAfter: painAfter, shoe: shoe, on: $0.day)
        }
        guard let shoe else { return (runs, nil) }
        if let existing = known.first(where: { Naming.same($0.name, shoe) }) {
            for i in runs.indices where runs[i].session.shoe != nil {
                runs[i].session.shoe = existing.name
            }
            return (runs, nil)
        }
        return (runs, runs.contains { $0.session.shoe != nil } ? Shoe(name: shoe) : nil)
    }
}
