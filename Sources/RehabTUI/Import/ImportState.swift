import RehabCore
import RehabFiles

/// A run read from a file, as the runner found it: the day and start time where the runner
/// is (the reducer has no clock or time zone to work them out).
public struct FoundRun: Sendable, Hashable {
    public var run: RecordedRun
    public var day: Day
    /// Local start time, "07:12".
    public var time: String

    public init(run: RecordedRun, day: Day, time: String) {
        self.run = run
        self.day = day
        self.time = time
    }
}

/// What reading a path for the import found.
public struct RunsFound: Sendable, Hashable {
    public var path: String
    /// Why nothing could be read at all (no such path, a .fit file, no run files in a folder).
    public var refusal: LocalizedText?
    /// In start order.
    public var runs: [FoundRun]
    public var failures: [RunFileError]
    public var fitSkipped: Int
    /// Start times of the runs the patient already has.
    public var known: Set<String>

    public init(
        path: String, refusal: LocalizedText? = nil, runs: [FoundRun] = [],
        failures: [RunFileError] = [], fitSkipped: Int = 0, known: Set<String> = []
    ) {
        self.path = path
        self.refusal = refusal
        self.runs = runs
        self.failures = failures
        self.fitSkipped = fitSkipped
        self.known = known
    }
}

/// A run waiting for its pain scores. Nil until given: a default of 0 would store pain nobody
/// reported.
public struct PendingRun: Sendable, Hashable {
    public var found: FoundRun
    public var painDuring: Int?
    public var painAfter: Int?
    /// Index into the form's shoes; 0 is "no shoe".
    public var shoe: Int

    public init(found: FoundRun, shoe: Int) {
        self.found = found
        self.shoe = shoe
    }
}

/// Importing run files in the app: a path, then each run's pain scores (and shoe), then one
/// import of them all.
public struct ImportForm: Sendable, Hashable {
    public enum Stage: Sendable, Hashable { case path, runs }
    public enum Field: Int, CaseIterable, Sendable { case painDuring, painAfter, shoe }

    public var stage: Stage = .path
    public var path = TextInput()
    /// What is wrong with the path or its files, one line each, naming the file.
    public var errors: [LocalizedText] = []
    /// Files refused while others were read: shown beside the runs, which go ahead.
    public var refused: [LocalizedText] = []
    public var runs: [PendingRun] = []
    /// The run being asked about.
    public var current = 0
    public var focus: Field = .painDuring
    public var pendingOne = false
    /// The patient's shoe names.
    public var shoes: [String]
    /// Runs not asked about: their start time is already stored, or came twice.
    public var alreadyThere = 0
    /// Runs from before the plan started, left out as the CLI does.
    public var beforeStart = 0
    public var fitSkipped = 0
    /// The field still missing a score, shown under it.
    public var error: FieldError?

    public init(shoes: [String]) {
        self.shoes = shoes
    }
}
