// RehabTUI owns the full-screen app: its state, the key table, the pure `update`, the effects it
// asks for, and one view per screen drawing into a TerminalUI grid. It decides nothing about
// rehab itself (that is RehabCore's engine) and never touches ncurses or SQLite directly: the
// store is reached only through an `EffectRunner`, the terminal only through a `Backend`.

import RehabCore
import RehabFiles
import RehabStorage
import TerminalUI

/// Who is holding the keyboard on the first run: a physio sets a plan up for a named patient.
public enum Role: String, Sendable, CaseIterable, Hashable {
    case runner, physio
}

/// The current patient's plan and log, with the engine's status as of today.
public struct Followed: Sendable, Hashable {
    public var patient: PatientRecord
    public var template: Plan
    /// The template with the variant and the patient's overrides folded in.
    public var plan: Plan
    public var assignment: Assignment
    public var history: History
    public var shoes: [Shoe]
    public var status: Status
    /// Shoes from 600 km or past their retire mark, worst first. Worked out once per load:
    /// the app's history is the whole log, so the km include every run with each shoe.
    public var shoeWarnings: [ShoeWarning]
    /// Outcome measures answered so far, oldest first (Measures.swift).
    public var measures: [MeasureRecord] = []
    /// The practice's questionnaire files (RehabPlans.QuestionnaireLibrary), beside the built-ins.
    public var questionnaires: [Instrument] = []
    /// The physio's clinical notes, oldest first (as the store gives them).
    public var notes: [ClinicalNote] = []
    /// When and by whom the patient was discharged; nil while in care.
    public var discharged: Discharge?
    /// `history` holds only what the engine reads for today (the first frame of a long log);
    /// the app reads the whole log right after drawing it.
    public var partial = false

    /// `checkpoint`: the stored tallies of a long phase (`TallyCheckpoint`); the whole log
    /// gives the same status with it, in the time of the last months instead of the phase.
    public init(
        patient: PatientRecord, template: Plan, assignment: Assignment, history: History,
        shoes: [Shoe], today: Day, checkpoint: TallyCheckpoint? = nil
    ) {
        self.patient = patient
        self.template = template
        plan = template.resolved(variant: assignment.variantID, overrides: assignment.overrides)
        self.assignment = assignment
        self.history = history
        self.shoes = shoes
        status = Engine.status(
            plan: plan, assignment: assignment, history: history, today: today,
            checkpoint: checkpoint)
        shoeWarnings = ShoeWear.warnings(shoes: shoes, sessions: history.sessions)
    }

    /// Open red flags that stop the plan. A physio referral (see_physio) is an advisory, never
    /// a stop: it must not send the user to "contact your GP".
    public var stopFlags: [OpenFlag] { status.openFlags.filter { !plan.isReferral($0.flag) } }

    /// Open physio referrals, oldest first.
    public var openReferrals: [OpenFlag] { status.openFlags.filter { plan.isReferral($0.flag) } }
}

/// What a (re)load from the store found.
public struct Loaded: Sendable, Hashable {
    public var patients: [PatientRecord]
    /// The patient the app is about; nil before one is chosen or created.
    public var patient: PatientRecord?
    /// Nil while the patient has no plan.
    public var followed: Followed?
    /// The Patients screen's rows, when it is what the app opens on (several patients, none
    /// chosen); nil otherwise.
    public var roster: [RosterRow]?

    public init(
        patients: [PatientRecord], patient: PatientRecord?, followed: Followed?,
        roster: [RosterRow]? = nil
    ) {
        self.patients = patients
        self.patient = patient
        self.followed = followed
        self.roster = roster
    }
}

/// A line of text being edited, with its cursor (in characters).
public struct TextInput: Sendable, Hashable {
    public var text: String
    public var cursor: Int

    public init(_ text: String = "") {
        self.text = text
        cursor = text.count
    }

    public mutating func insert(_ character: Character) {
        var characters = Array(text)
        characters.insert(character, at: min(cursor, characters.count))
        text = String(characters)
        cursor += 1
    }

    public mutating func backspace() {
        guard cursor > 0 else { return }
        var characters = Array(text)
        characters.remove(at: cursor - 1)
        text = String(characters)
        cursor -= 1
    }

    public mutating func deleteForward() {
        var characters = Array(text)
        guard cursor < characters.count else { return }
        characters.remove(at: cursor)
        text = String(characters)
    }

    public mutating func move(by offset: Int) {
        cursor = min(max(0, cursor + offset), text.count)
    }
}

/// The injury picker: a filter typed by the user, the chosen plan and variant.
public struct PickerState: Sendable, Hashable {
    public var filter = TextInput()
    /// Index into the filtered plans (region headings are not selectable).
    public var selected = 0
    public var variant = 0
    /// Set when a physio sets a plan up from the Patients screen.
    public var setupFor: SetupTarget?

    public init() {}
}

/// The plan's red-flag questions, asked one by one before the plan starts.
public struct QuestionsState: Sendable, Hashable {
    public var planID: String
    public var variantID: String?
    public var questions: [RedFlagQuestion]
    public var answers: [Bool] = []
    public var setupFor: SetupTarget?
    /// The plan file the questions come from (Patients, `f`); its set-up follows the answers.
    public var handedOver: HandedOverPlan?
    /// Flags a physio examined and found absent (`e`), recorded with the start.
    public var examined: [String] = []

    public init(planID: String, variantID: String?, questions: [RedFlagQuestion]) {
        self.planID = planID
        self.variantID = variantID
        self.questions = questions
    }

    public var current: RedFlagQuestion? {
        answers.count < questions.count ? questions[answers.count] : nil
    }
}

/// The stop screen: red flags reported, the plan paused (or, before a start, not started).
public struct StopState: Sendable, Hashable {
    /// Flags answered "yes" before a plan started; empty when showing the open flags of a plan.
    public var screening: [String]
    public var planID: String?

    public init(screening: [String] = [], planID: String? = nil) {
        self.screening = screening
        self.planID = planID
    }

    public var beforeStart: Bool { !screening.isEmpty }
}

/// Red flags as a form field: the cursor walks the options, space ticks one.
public struct FlagChoice: Sendable, Hashable {
    public var options: [String]
    public var cursor = 0
    public var chosen: [String] = []

    public init(options: [String], chosen: [String] = []) {
        self.options = options
        self.chosen = chosen
    }

    public mutating func toggle() {
        guard options.indices.contains(cursor) else { return }
        let id = options[cursor]
        if let i = chosen.firstIndex(of: id) {
            chosen.remove(at: i)
        } else {
            chosen.append(id)
        }
    }
}

/// The field a validation error belongs to, and the message naming it.
public struct FieldError: Error, Sendable, Hashable {
    public var field: Int
    public var message: String

    public init(field: Int, message: String) {
        self.field = field
        self.message = message
    }
}

/// The session form (new or edit).
public struct LogForm: Sendable, Hashable {
    public enum Field: Int, CaseIterable, Sendable {
        case activity, date
        /// Shown only for the day's exercises (`exercises`, opened from Today).
        case exercises
        case km, minutes, painDuring, painAfter, lasted, flags, shoe, note
        /// Shown only when the phase's exit asks for the test (`tests`).
        case hopTest, calfRaises

        var isText: Bool { [.date, .km, .minutes, .note, .hopTest, .calfRaises].contains(self) }
        /// Text fields that hold a number: only digits and a decimal point or comma go in.
        var isNumber: Bool { [.km, .minutes, .hopTest, .calfRaises].contains(self) }
    }

    /// The exit tests this form records (the phase asks for them, or the edited session has
    /// them).
    public var tests: Set<Field> = []
    public var hopTest = TextInput()
    public var calfRaises = TextInput()

    /// The fields shown, in Tab order.
    public var fields: [Field] {
        Field.allCases.filter {
            switch $0 {
            case .hopTest, .calfRaises: tests.contains($0)
            case .exercises: exercises != nil
            default: true
            }
        }
    }

    /// The phase's exercises by name, each ticked when done; the ticked names open the stored
    /// note, which is how Today knows which of them were done.
    public var exercises: FlagChoice?

    /// The stored session being edited; nil for a new one.
    public var editing: Session?
    public var focus: Field = .activity
    public var activity: Activity
    public var date: TextInput
    public var km = TextInput()
    public var minutes = TextInput()
    /// Nil until the user gives a score: a default of 0 would log pain nobody reported.
    public var painDuring: Int?
    public var painAfter: Int?
    /// A "1" was just typed in a pain field, so a "0" next makes 10.
    public var pendingOne = false
    public var lasted = false
    public var flags: FlagChoice
    /// Known shoe names; index 0 of the choice is "no shoe".
    public var shoes: [String]
    public var shoe = 0
    public var note = TextInput()
    public var error: FieldError?
    /// Something was typed or chosen: Esc then asks before throwing it away.
    public var touched = false
    /// The user picked the shoe: it no longer follows the activity.
    public var shoePicked = false

    public init(activity: Activity, date: Day, flagOptions: [String], shoes: [String]) {
        self.activity = activity
        self.date = TextInput(date.iso)
        flags = FlagChoice(options: flagOptions)
        self.shoes = shoes
    }

    public init(editing session: Session, flagOptions: [String], shoes: [String]) {
        self.init(
            activity: session.activity, date: session.date, flagOptions: flagOptions,
            shoes: shoes)
        editing = session
        km = TextInput(session.km.map { formatNumber($0, decimals: 2) } ?? "")
        minutes = TextInput(String(session.minutes))
        painDuring = session.painDuring
        painAfter = session.painAfter
        lasted = session.lastedOver2h
        flags.chosen = session.flags
        if let name = session.shoe, let i = shoes.firstIndex(of: name) { shoe = i + 1 }
        note = TextInput(session.note)
        if let hops = session.hopTest {
            tests.insert(.hopTest)
            hopTest = TextInput(String(hops))
        }
        if let raises = session.calfRaises {
            tests.insert(.calfRaises)
            calfRaises = TextInput(String(raises))
        }
    }
}

/// The next-morning check form: the pain score, then the red flags as a checklist, one row
/// each. The plan's own questions come first; the flags of other injuries (an Achilles
/// patient need not read "does the knee lock") wait behind an "other" row.
public struct MorningForm: Sendable, Hashable {
    public enum Field: Int, CaseIterable, Sendable { case pain, flags }

    public var date: Day
    public var focus: Field = .pain
    public var pain: Int?
    public var pendingOne = false
    /// `flags.cursor` is the checklist row in focus; `flags.options` starts with the plan's own.
    public var flags: FlagChoice
    /// How many of `flags.options` are the plan's own (shown before "other").
    public var ownFlags: Int
    /// "Other" was opened: every flag is listed.
    public var showOther = false
    /// The check this replaces (edit from history, or a second one for the date).
    public var previous: MorningCheck?
    public var error: FieldError?
    /// Something was typed or chosen: Esc then asks before throwing it away.
    public var touched = false

    public init(
        date: Day, flagOptions: [String], previous: MorningCheck?, ownFlags: Int? = nil
    ) {
        self.date = date
        flags = FlagChoice(options: flagOptions, chosen: previous?.flags ?? [])
        self.ownFlags = min(ownFlags ?? flagOptions.count, flagOptions.count)
        pain = previous?.pain
        self.previous = previous
        // A flag of another injury ticked before stays in sight.
        showOther = flags.chosen.contains { id in
            flags.options.firstIndex(of: id).map { $0 >= self.ownFlags } ?? false
        }
    }

    /// Checklist rows: the flags shown, then "other" while the rest are hidden.
    public var flagRows: Int {
        showOther || ownFlags == flags.options.count ? flags.options.count : ownFlags + 1
    }

    /// True when the row in focus is the "other" row.
    public var onOther: Bool {
        !showOther && flags.cursor == ownFlags && ownFlags < flags.options.count
    }
}

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

/// One row of the history table.
public enum HistoryEntry: Sendable, Hashable {
    case session(Session)
    case morning(MorningCheck)
    /// An outcome measure (listed, deleted with confirmation; not edited in place).
    case measure(MeasureRecord)
    /// A phase started (a start, advance, step back or forced advance with its reason).
    case phaseChange(PhaseChange)
    /// Red flags cleared, with who said so.
    case clearing(FlagClearing)
    /// A physio's clinical note (written on the Notes screen or with `rehab note`).
    case note(ClinicalNote)

    public var date: Day {
        switch self {
        case .session(let s): s.date
        case .morning(let m): m.date
        case .measure(let r): r.date
        case .phaseChange(let c): c.date
        case .clearing(let c): c.date
        case .note(let n): n.date
        }
    }

    /// Sessions and morning checks are edited and deleted here, measures deleted (and entered
    /// again); phase changes and clearings are a record.
    public var isEditable: Bool {
        switch self {
        case .session, .morning, .measure: true
        case .phaseChange, .clearing, .note: false
        }
    }
}

/// How to take back one change (History, `u`); the app keeps a stack of them, newest last.
public enum Undo: Sendable, Hashable {
    /// A new session was stored with this id: delete it.
    case removeSession(Int64)
    /// A session was deleted: store it again.
    case restoreSession(Session)
    /// A session was edited: put the old values back.
    case revertSession(Session)
    /// A morning check was deleted or replaced: put this one back.
    case restoreMorning(MorningCheck)
    /// A morning check was added where there was none: remove it.
    case removeMorning(Day)

    /// The same step after a session's id changed (undo stored it again under a new one).
    func renumbered(_ old: Int64, to new: Int64) -> Undo {
        switch self {
        case .removeSession(let id) where id == old: return .removeSession(new)
        case .revertSession(var session) where session.id == old:
            session.id = new
            return .revertSession(session)
        case .restoreSession(var session) where session.id == old:
            session.id = new
            return .restoreSession(session)
        default: return self
        }
    }
}

/// A question the user must answer before a deliberate action happens.
public struct Confirmation: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case advance(PhaseChange)
        case stepBack(PhaseChange)
        case delete(HistoryEntry)
        /// "Cleared by my doctor": needs a reason (who said so).
        case clearFlags
        case deletePatient(PatientRecord)
        case archivePatient(PatientRecord)
        case resetTuning
        case discardTuning
        /// Esc on a log or morning form with something filled in.
        case discardForm
        /// Advancing although the exit criteria are not met: needs a reason, which is stored
        /// with the phase change.
        case forceAdvance(PhaseChange)
        /// Open physio referrals examined (or seen by the physio): what was found is stored
        /// as the clearing of exactly these reports.
        case examinedReferrals([FlagReport])
    }

    public var kind: Kind
    /// 0 = yes, 1 = no. Deleting starts on "no" so a reflexive Enter loses nothing.
    public var selected: Int
    public var reason = TextInput()
    public var error: String?

    public init(kind: Kind) {
        self.kind = kind
        switch kind {
        case .delete, .deletePatient, .resetTuning, .discardTuning, .discardForm: selected = 1
        default: selected = 0
        }
    }

    public var needsReason: Bool {
        switch kind {
        case .clearFlags, .forceAdvance, .examinedReferrals: true
        default: false
        }
    }
}

/// A line shown above the status bar until the next key.
public struct Notice: Sendable, Hashable {
    public var text: String
    public var isError: Bool

    public init(_ text: String, isError: Bool = false) {
        self.text = text
        self.isError = isError
    }
}

/// The Progress screen: the span of weeks, how far back and how far down it is scrolled, and
/// the engine's series over the whole history. The series is computed when the screen opens
/// and after each load, not every frame: for ten years it takes milliseconds.
public struct ProgressState: Sendable, Hashable {
    public enum Span: Int, Sendable, Hashable, CaseIterable {
        case eightWeeks, sixMonths, all

        /// Weeks shown; nil = the whole history.
        public var weeks: Int? {
            switch self {
            case .eightWeeks: 8
            case .sixMonths: 26
            case .all: nil
            }
        }

        public var next: Span {
            Span(rawValue: (rawValue + 1) % Span.allCases.count) ?? .eightWeeks
        }
    }

    public var span: Span = .eightWeeks
    /// Weeks between the newest week shown and today's week (0 = ending with this week).
    public var weeksBack = 0
    /// Rows the stacked charts are scrolled down.
    public var scroll = 0
    public var series: ProgressSeries

    public init(series: ProgressSeries) {
        self.series = series
    }
}

/// Every screen the app can show; the app keeps a stack of them (the last one is on top).
public enum Screen: Sendable, Hashable {
    case patients(SelectionState)
    case language(SelectionState)
    case role(SelectionState)
    case patientName(TextInput)
    case picker(PickerState)
    case questions(QuestionsState)
    case today(scroll: Int)
    case plan(scroll: Int)
    case history(SelectionState)
    case log(LogForm)
    case morning(MorningForm)
    case stop(StopState)
    case help(scroll: Int)
    case nameForm(NameForm)
    case setup(SetupForm)
    case tune(TuneState)
    case progress(ProgressState)
    case importRuns(ImportForm)
    case shoes(ShoesState)
    case measure(MeasureForm)
    case notes(NotesState)
    case discharge(DischargeForm)
}

/// Everything the app shows and remembers; `update` is the only thing that changes it.
/// A submitted form and the undo history's length before it (see `AppState.unsaved`).
public struct UnsavedForm: Sendable, Hashable {
    public var screen: Screen
    public var undoCount: Int
}

/// What the notice line says while a save runs: keys typed meanwhile wait for its answer, and a
/// Ctrl-C meanwhile quits once it has answered.
/// `reading`: not a save but a read that is taking long (a server that went away).
public struct Saving: Sendable, Hashable {
    public var keysWaiting = 0
    public var quitting = false
    public var reading = false

    public init(keysWaiting: Int = 0, quitting: Bool = false, reading: Bool = false) {
        self.keysWaiting = keysWaiting
        self.quitting = quitting
        self.reading = reading
    }

    func text(_ language: Language) -> String {
        if quitting && !reading { return UIPhrase.savingThenQuit().text(language) }
        let doing = (reading ? UIPhrase.waitingForStore() : UIPhrase.saving()).text(language)
        guard keysWaiting > 0 else { return doing }
        return doing + " " + UIPhrase.keysWait(keysWaiting).text(language)
    }
}

public struct AppState: Sendable, Hashable {
    public var language: Language
    public var glyphs: Glyphs
    public var size: Size
    public var today: Day
    public var screens: [Screen]
    public var patients: [PatientRecord]
    public var patient: PatientRecord?
    public var followed: Followed?
    /// The plan catalogue; loaded when the picker first opens, not at start.
    public var catalog: [Plan]?
    public var catalogErrors: [String] = []
    public var role: Role = .runner
    /// The name a new patient gets when the first run starts a plan.
    public var newPatientName: String
    public var confirmation: Confirmation?
    public var notice: Notice?
    /// What `/` on History is typing; nil when not searching.
    public var historySearch: TextInput?
    /// Changes `u` can take back, newest last (at most `undoDepth`).
    public var undos: [Undo] = []
    /// A form whose save is on its way to the store, with the undo history as it was before:
    /// if the store refuses (a locked or full disk, a lost clinic connection), the form comes
    /// back as typed and the undo entry for the save that did not happen goes.
    public var unsaved: UnsavedForm?
    public var isQuitting = false
    /// A save on its way to the store, shown on the notice line; set and cleared by the app
    /// loop around the store call, never by `update`.
    public var saving: Saving?
    /// The Patients screen's rows (nil until the runner worked them out).
    public var roster: [RosterRow]?
    public var showArchived = false
    /// The patient Enter on the Patients screen opens, until the store has loaded them.
    public var opening: Int64?
    /// The key table with the user's bindings from config.yaml; decoding, the status bar and
    /// help all read this one.
    public var keyBindings: [KeyBinding] = KeyTable.bindings
    /// Colours from config.yaml (`none` under NO_COLOR); `render` applies it to every cell.
    public var theme: ColorTheme = .dark

    public init(
        language: Language, glyphs: Glyphs, size: Size, today: Day, loaded: Loaded,
        newPatientName: String
    ) {
        self.language = language
        self.glyphs = glyphs
        self.size = size
        self.today = today
        patients = loaded.patients
        patient = loaded.patient
        followed = loaded.followed
        roster = loaded.roster
        self.newPatientName = newPatientName
        if let followed = loaded.followed {
            screens = [followed.stopFlags.isEmpty ? .today(scroll: 0) : .stop(StopState())]
        } else if loaded.patient == nil && loaded.patients.count > 1 {
            screens = [.patients(SelectionState(selected: 0))]
        } else {
            screens = [.language(SelectionState(selected: language == .nl ? 0 : 1))]
        }
    }

    public var top: Screen {
        screens.last ?? .today(scroll: 0)
    }

    var messages: Messages { Messages(language) }

    static let undoDepth = 50

    /// Remembers how to take a change back; the oldest falls off past `undoDepth`.
    mutating func remember(_ undo: Undo) {
        undos.append(undo)
        if undos.count > Self.undoDepth { undos.removeFirst(undos.count - Self.undoDepth) }
    }

    func say(_ text: LocalizedText) -> String { text.text(language) }
}
