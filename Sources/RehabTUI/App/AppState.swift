// RehabTUI owns the full-screen app: its state, the key table, the pure `update`, the effects it
// asks for, and one view per screen drawing into a TerminalUI grid. It decides nothing about
// rehab itself (that is RehabCore's engine) and never touches ncurses or SQLite directly: the
// store is reached only through an `EffectRunner`, the terminal only through a `Backend`.

import RehabCore
import RehabFiles
import RehabStorage
import TerminalUI

/// Who is holding the keyboard on the first run: a physio sets a plan up for a named patient.
enum Role: String, Sendable, CaseIterable, Hashable {
    case runner, physio
}

/// The current patient's plan and log, with the engine's status as of today.
package struct Followed: Sendable, Hashable {
    var patient: PatientRecord
    var template: Plan
    /// The template with the variant and the patient's overrides folded in.
    package var plan: Plan { didSet { historyMemo = HistoryMemo() } }
    package var assignment: Assignment { didSet { historyMemo = HistoryMemo() } }
    package var history: History { didSet { historyMemo = HistoryMemo() } }
    var shoes: [Shoe]
    var status: Status
    /// Shoes from 600 km or past their retire mark, worst first. Worked out once per load,
    /// from every run with each shoe: the whole log's, or the store's totals while `history`
    /// is only the first frame's window.
    var shoeWarnings: [ShoeWarning]
    /// Outcome measures answered so far, oldest first (Measures.swift).
    var measures: [MeasureRecord] = [] { didSet { historyMemo = HistoryMemo() } }
    /// The practice's questionnaire files (RehabPlans.QuestionnaireLibrary), beside the built-ins.
    var questionnaires: [Instrument] = []
    /// The physio's clinical notes, oldest first (as the store gives them).
    var notes: [ClinicalNote] = [] { didSet { historyMemo = HistoryMemo() } }
    /// When and by whom the patient was discharged; nil while in care.
    var discharged: Discharge?
    /// Nil when `history` is the whole log; otherwise it holds only what the engine reads for
    /// today (the first frame), and the app reads the whole log right after drawing it.
    var partial: PartialLog?
    /// History's rows and its engine index, made from the fields above when first asked for
    /// and dropped when one of them changes.
    private(set) var historyMemo = HistoryMemo()

    /// `checkpoint`: the stored tallies of a long phase (`TallyCheckpoint`); the whole log
    /// gives the same status with it, in the time of the last months instead of the phase.
    init(
        patient: PatientRecord, template: Plan, assignment: Assignment, history: History,
        shoes: [Shoe], today: Day, checkpoint: TallyCheckpoint? = nil,
        shoeTotals: [String: Double]? = nil
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
        // The store's running totals when `history` is only a window that misses older runs.
        shoeWarnings =
            shoeTotals.map { ShoeWear.warnings(shoes: shoes, totals: $0) }
            ?? ShoeWear.warnings(shoes: shoes, sessions: history.sessions)
    }

    /// Open red flags that stop the plan. A physio referral (see_physio) is an advisory, never
    /// a stop: it must not send the user to "contact your GP".
    var stopFlags: [OpenFlag] { status.openFlags.filter { !plan.isReferral($0.flag) } }

    /// Open physio referrals, oldest first.
    var openReferrals: [OpenFlag] { status.openFlags.filter { plan.isReferral($0.flag) } }
}

/// How the app reads the rest of a log it drew the first frame from.
enum PartialLog: Sendable, Hashable {
    /// A few milliseconds of reading: no notice, which would only flicker.
    case quietly
    /// A long phase judged from a checkpoint, whose months of log take a while: the notice
    /// line says the whole log is being read.
    case sayingSo
}

/// What a (re)load from the store found.
package struct Loaded: Sendable, Hashable {
    var patients: [PatientRecord]
    /// The patient the app is about; nil before one is chosen or created.
    var patient: PatientRecord?
    /// Nil while the patient has no plan.
    package var followed: Followed?
    /// The Patients screen's rows, when it is what the app opens on (several patients, none
    /// chosen); nil otherwise.
    var roster: [RosterRow]?
}

/// A line of text being edited, with its cursor (in characters).
struct TextInput: Sendable, Hashable {
    var text: String
    var cursor: Int

    init(_ text: String = "") {
        self.text = text
        cursor = text.count
    }

    mutating func insert(_ character: Character) {
        var characters = Array(text)
        characters.insert(character, at: min(cursor, characters.count))
        text = String(characters)
        cursor += 1
    }

    mutating func backspace() {
        guard cursor > 0 else { return }
        var characters = Array(text)
        characters.remove(at: cursor - 1)
        text = String(characters)
        cursor -= 1
    }

    mutating func deleteForward() {
        var characters = Array(text)
        guard cursor < characters.count else { return }
        characters.remove(at: cursor)
        text = String(characters)
    }

    mutating func move(by offset: Int) {
        cursor = min(max(0, cursor + offset), text.count)
    }
}

/// The field a validation error belongs to, and the message naming it.
struct FieldError: Error, Sendable, Hashable {
    var field: Int
    var message: String

}

/// How to take back one change (History, `u`); the app keeps a stack of them, newest last.
enum Undo: Sendable, Hashable {
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
struct Confirmation: Sendable, Hashable {
    enum Kind: Sendable, Hashable {
        case advance(PhaseChange)
        case stepBack(PhaseChange)
        case delete(HistoryEntry)
        /// "Cleared by my doctor": needs a reason (who said so). The reports open when it was
        /// asked: the clearing covers those, so a flag reported after it stays open.
        case clearFlags([FlagReport])
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

    var kind: Kind
    /// 0 = yes, 1 = no. Deleting starts on "no" so a reflexive Enter loses nothing.
    var selected: Int
    var reason = TextInput()
    var error: String?

    init(kind: Kind) {
        self.kind = kind
        switch kind {
        case .delete, .deletePatient, .resetTuning, .discardTuning, .discardForm: selected = 1
        default: selected = 0
        }
    }

    var needsReason: Bool {
        switch kind {
        case .clearFlags, .forceAdvance, .examinedReferrals: true
        default: false
        }
    }
}

/// A line shown above the status bar until the next key.
struct Notice: Sendable, Hashable {
    var text: String
    var isError: Bool

    init(_ text: String, isError: Bool = false) {
        self.text = text
        self.isError = isError
    }
}

/// Every screen the app can show; the app keeps a stack of them (the last one is on top).
enum Screen: Sendable, Hashable {
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
struct UnsavedForm: Sendable, Hashable {
    var screen: Screen
    var undoCount: Int
}

/// What the notice line says while a save runs: keys typed meanwhile wait for its answer, and a
/// Ctrl-C meanwhile quits once it has answered.
/// `reading`: not a save but a read that is taking long (a server that went away).
struct Saving: Sendable, Hashable {
    var keysWaiting = 0
    var quitting = false
    var reading = false

    init(keysWaiting: Int = 0, quitting: Bool = false, reading: Bool = false) {
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

struct AppState: Sendable, Hashable {
    var language: Language
    var glyphs: Glyphs
    var size: Size
    var today: Day
    var screens: [Screen]
    var patients: [PatientRecord]
    var patient: PatientRecord?
    var followed: Followed?
    /// The plan catalogue; loaded when the picker first opens, not at start.
    var catalog: [Plan]?
    var catalogErrors: [String] = []
    var role: Role = .runner
    /// False for a clinic's patient login (`RehabRepository.readerDecidesCare`): the plan's
    /// tuning, a forced phase, clinical notes and the discharge are their physio's, so the
    /// keys for them say so instead of opening a form the store would refuse.
    var decidesCare = true
    /// The name a new patient gets when the first run starts a plan.
    var newPatientName: String
    var confirmation: Confirmation?
    var notice: Notice?
    /// What `/` on a list (History, Patients) is typing; nil when not searching.
    var listSearch: TextInput?
    /// Changes `u` can take back, newest last (at most `undoDepth`).
    var undos: [Undo] = []
    /// A form whose save is on its way to the store, with the undo history as it was before:
    /// if the store refuses (a locked or full disk, a lost clinic connection), the form comes
    /// back as typed and the undo entry for the save that did not happen goes.
    var unsaved: UnsavedForm?
    var isQuitting = false
    /// A save on its way to the store, shown on the notice line; set and cleared by the app
    /// loop around the store call, never by `update`.
    var saving: Saving?
    /// The Patients screen's rows (nil until the runner worked them out).
    var roster: [RosterRow]?
    var showArchived = false
    /// The patient Enter on the Patients screen opens, until the store has loaded them.
    var opening: Int64?
    /// The key table with the user's bindings from config.yaml; decoding, the status bar and
    /// help all read this one.
    var keyBindings: [KeyBinding] = KeyTable.bindings
    /// Colours from config.yaml (`none` under NO_COLOR); `render` applies it to every cell.
    var theme: ColorTheme = .dark

    init(
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
            let shown = Language.allCases.firstIndex(of: language) ?? 0
            screens = [.language(SelectionState(selected: shown))]
        }
    }

    var top: Screen {
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

extension AppState {
    /// Where the newest screen of `slot`'s kind sits in the stack; nil when none is open.
    func newestIndex<State>(of slot: ScreenSlot<State>) -> Int? {
        screens.lastIndex(where: slot.holds)
    }
}

/// A kind of screen with state of its own: how its state is read out of a `Screen` and put
/// back (see `Screens.handled`).
struct ScreenSlot<State> {
    let read: (Screen) -> State?
    let make: (State) -> Screen

    /// Whether `screen` is of this kind.
    func holds(_ screen: Screen) -> Bool { read(screen) != nil }

    static var tune: ScreenSlot<TuneState> {
        ScreenSlot<TuneState>(
            read: { if case .tune(let s) = $0 { s } else { nil } }, make: Screen.tune)
    }
    static var shoes: ScreenSlot<ShoesState> {
        ScreenSlot<ShoesState>(
            read: { if case .shoes(let s) = $0 { s } else { nil } }, make: Screen.shoes)
    }
    static var notes: ScreenSlot<NotesState> {
        ScreenSlot<NotesState>(
            read: { if case .notes(let s) = $0 { s } else { nil } }, make: Screen.notes)
    }
    static var discharge: ScreenSlot<DischargeForm> {
        ScreenSlot<DischargeForm>(
            read: { if case .discharge(let s) = $0 { s } else { nil } }, make: Screen.discharge)
    }
    static var setup: ScreenSlot<SetupForm> {
        ScreenSlot<SetupForm>(
            read: { if case .setup(let s) = $0 { s } else { nil } }, make: Screen.setup)
    }
    static var picker: ScreenSlot<PickerState> {
        ScreenSlot<PickerState>(
            read: { if case .picker(let s) = $0 { s } else { nil } }, make: Screen.picker)
    }
    static var history: ScreenSlot<SelectionState> {
        ScreenSlot<SelectionState>(
            read: { if case .history(let s) = $0 { s } else { nil } }, make: Screen.history)
    }
    static var patients: ScreenSlot<SelectionState> {
        ScreenSlot<SelectionState>(
            read: { if case .patients(let s) = $0 { s } else { nil } }, make: Screen.patients)
    }
    static var importRuns: ScreenSlot<ImportForm> {
        ScreenSlot<ImportForm>(
            read: { if case .importRuns(let s) = $0 { s } else { nil } }, make: Screen.importRuns)
    }
    static var progress: ScreenSlot<ProgressState> {
        ScreenSlot<ProgressState>(
            read: { if case .progress(let s) = $0 { s } else { nil } }, make: Screen.progress)
    }
}

extension AppState {
    /// True where the reader decides the care; else says whose decision it is.
    mutating func mayDecideCare() -> Bool {
        if !decidesCare { notice = Notice(say(UIPhrase.physioDecides()), isError: true) }
        return decidesCare
    }
}
