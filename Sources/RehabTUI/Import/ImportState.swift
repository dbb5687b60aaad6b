import RehabApp
import RehabCore
import RehabFiles

/// What reading a path for the import found.
struct RunsFound: Sendable, Hashable {
    var path: String
    /// Why nothing could be read at all (no such path, a .fit file, no run files in a folder).
    var refusal: LocalizedText?
    /// In start order.
    var runs: [FoundRun] = []
    var failures: [RunFileError] = []
    var fitSkipped = 0
    /// Start times of the runs the patient already has.
    var known: Set<String> = []
}

/// A run waiting for its pain scores. Nil until given: a default of 0 would store pain nobody
/// reported.
struct PendingRun: Sendable, Hashable {
    var found: FoundRun
    var painDuring: Int?
    var painAfter: Int?
    /// Index into the form's shoes; 0 is "no shoe".
    var shoe: Int

    init(found: FoundRun, shoe: Int) {
        self.found = found
        self.shoe = shoe
    }
}

/// Importing run files in the app: a path, then each run's pain scores (and shoe), then one
/// import of them all.
struct ImportForm: Sendable, Hashable {
    enum Stage: Sendable, Hashable { case path, runs }
    enum Field: Int, CaseIterable, Sendable { case painDuring, painAfter, shoe }

    var stage: Stage = .path
    var path = TextInput()
    /// What is wrong with the path or its files, one line each, naming the file.
    var errors: [LocalizedText] = []
    /// Files refused while others were read: shown beside the runs, which go ahead.
    var refused: [LocalizedText] = []
    var runs: [PendingRun] = []
    /// The run being asked about.
    var current = 0
    var focus: Field = .painDuring
    var pendingOne = false
    /// The patient's shoe names.
    var shoes: [String]
    /// Runs not asked about: their start time is already stored, or came twice.
    var alreadyThere = 0
    /// Runs from before the plan started, left out as the CLI does.
    var beforeStart = 0
    var fitSkipped = 0
    /// The field still missing a score, shown under it.
    var error: FieldError?

    init(shoes: [String]) {
        self.shoes = shoes
    }
}
