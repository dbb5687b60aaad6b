import RehabApp
import RehabCore
import RehabStorage
import TerminalUI

/// What a key asks for, before the screen decides what it means there.
enum Command: String, Sendable, Hashable, CaseIterable {
    case up, down, left, right, pageUp, pageDown, top, bottom
    case nextTab, previousTab, nextField, previousField
    case confirm, back, quit, help, refresh
    case logSession, morningCheck, importRuns
    case advance, stepBack, edit, delete, undo, clearFlags
    case toggle, digit, yes, no, backspace, deleteForward
    case patients, add, rename, archive, showArchived, setUp, tune, save, reset, differences
    case startFromFile
    case span
    case shoes
    case measures
    case exercisesDone
    case forceAdvance
    case search
    case examined
    case notes
    case discharge
}

/// Everything `update` reacts to: commands from keys, typed text, and what effects reported.
enum AppAction: Sendable, Hashable {
    case command(Command)
    case digit(Int)
    /// A printable character typed into a text field or a filter.
    case type(Character)
    case resized(Size)
    /// A left click on a cell (only with mouse mode on, see Mouse.swift).
    case click(x: Int, y: Int)
    /// A turn of the mouse wheel: scrolls what ↑/↓ scroll.
    case scroll(WheelDirection)
    case loaded(Loaded)
    case catalogLoaded([Plan], errors: [String])
    /// A new session was stored under this id (for undo).
    case sessionStored(Int64)
    /// Undo stored a deleted session again, under a new id: older undo steps follow it.
    case sessionRestored(old: Int64, new: Int64)
    case planStarted(Loaded)
    /// What reading the import's path found.
    case runsRead(RunsFound)
    /// The import is stored: runs added, and runs skipped because their start time was there.
    case runsImported(added: Int, duplicates: Int)
    /// The Patients screen's rows, worked out by the runner.
    case rosterLoaded([RosterRow])
    case patientAdded(PatientRecord)
    /// The new name, as the user typed it.
    case patientRenamed(String)
    /// A plan file was read for this patient's start.
    case planFileRead(HandedOverPlan, for: SetupTarget)
    case tuningLoaded(TuneSource)
    case tuningSaved(patientID: Int64, overrides: PlanOverrides)
    /// The store has the shoe of this name.
    case shoeAdded(String)
    /// The store has this clinical note.
    case noteAdded(ClinicalNote)
    /// The discharge report is written here (an absolute path) and the discharge recorded.
    case discharged(path: String)
    case failed(String)
    /// Another process wrote to the store (its change counter moved).
    case storeChanged
}

/// Where a key binding applies. A screen looks its keys up in a few contexts, most specific
/// first, so a key can mean one thing in a form and another in a list.
package enum KeyContext: String, Sendable, Hashable, CaseIterable {
    case tabs, today, plan, history, stop, form, picker, list, questions, dialog, help, global
    case patients, tune, chooser, entry
    case progress
    case shoes
    case notes

    package var title: LocalizedText {
        switch self {
        case .tabs: UIPhrase.contextTabs()
        case .today: UIPhrase.tabToday()
        case .plan: UIPhrase.tabPlan()
        case .history: UIPhrase.tabHistory()
        case .stop: UIPhrase.contextStop()
        case .form: UIPhrase.contextForm()
        case .picker: UIPhrase.contextPicker()
        case .list: UIPhrase.contextList()
        case .questions: UIPhrase.contextQuestions()
        case .dialog: UIPhrase.contextDialog()
        case .help: UIPhrase.contextHelp()
        case .global: UIPhrase.contextGlobal()
        case .patients: UIPhrase.contextPatients()
        case .tune: UIPhrase.contextTune()
        case .chooser: UIPhrase.contextChooser()
        case .entry: UIPhrase.contextEntry()
        case .progress: UIPhrase.tabProgress()
        case .shoes: UIPhrase.contextShoes()
        case .notes: ReviewPhrase.contextNotes()
        }
    }
}

/// One row of the key table: the command, its keys, how they are shown, what it does, and
/// whether the status bar lists it.
package struct KeyBinding: Sendable, Hashable {
    var command: Command
    var keys: [Key]
    var shown: String
    var help: LocalizedText
    var contexts: [KeyContext]
    var inBar: Bool
}

/// The one key table: decoding, the status bar and the help screen all read it, so help is
/// always true.
package enum KeyTable {
    private static func bind(
        _ command: Command, _ keys: [Key], _ shown: String, _ help: LocalizedText,
        _ contexts: [KeyContext], bar: Bool = false
    ) -> KeyBinding {
        KeyBinding(
            command: command, keys: keys, shown: shown, help: help, contexts: contexts,
            inBar: bar)
    }

    private static let digits: [Key] = (0...9).compactMap { n in
        Character(String(n)).isNumber ? .char(Character(String(n))) : nil
    }

    static let bindings: [KeyBinding] = [
        // Today
        bind(
            .logSession, [.char("n")], "n", UIPhrase.keyLog(), [.today, .history, .plan],
            bar: true),
        bind(
            .morningCheck, [.char("m")], "m", UIPhrase.keyMorning(), [.today, .history],
            bar: true),
        bind(.importRuns, [.char("i")], "i", UIPhrase.keyImportRuns(), [.today, .history]),
        bind(.measures, [.char("o")], "o", MeasureUIPhrase.keyMeasures(), [.today, .history]),
        bind(.exercisesDone, [.char("x")], "x", UIPhrase.keyExercisesDone(), [.today]),
        bind(.down, [.down, .char("j")], "↓ j", UIPhrase.keyScrollDown(), [.today, .plan, .stop]),
        bind(.up, [.up, .char("k")], "↑ k", UIPhrase.keyScrollUp(), [.today, .plan, .stop]),
        // Plan
        bind(.advance, [.char("a")], "a", UIPhrase.keyAdvance(), [.plan], bar: true),
        bind(.stepBack, [.char("b")], "b", UIPhrase.keyStepBack(), [.plan], bar: true),
        bind(.forceAdvance, [.char("F")], "F", UIPhrase.keyForceAdvance(), [.plan]),
        bind(.discharge, [.char("D")], "D", ReviewPhrase.keyDischarge(), [.today, .plan]),
        bind(.examined, [.char("e")], "e", ReviewPhrase.keyReferralExamined(), [.today]),
        // History
        bind(.down, [.down, .char("j")], "↓ j", UIPhrase.keyNextRow(), [.history]),
        bind(.up, [.up, .char("k")], "↑ k", UIPhrase.keyPreviousRow(), [.history]),
        bind(.pageDown, [.pageDown], "PgDn", UIPhrase.keyPageDown(), [.history]),
        bind(.pageUp, [.pageUp], "PgUp", UIPhrase.keyPageUp(), [.history]),
        bind(.top, [.home, .char("g")], "Home g", UIPhrase.keyTop(), [.history]),
        bind(.bottom, [.end, .char("G")], "End G", UIPhrase.keyBottom(), [.history]),
        bind(.edit, [.char("e"), .enter], "e ↵", UIPhrase.keyEdit(), [.history], bar: true),
        bind(
            .delete, [.char("d"), .delete], "d Del", UIPhrase.keyDelete(), [.history],
            bar: true),
        bind(.undo, [.char("u")], "u", UIPhrase.keyUndo(), [.history], bar: true),
        bind(.search, [.char("/")], "/", UIPhrase.keySearch(), [.history]),
        // Stop
        bind(.clearFlags, [.char("c")], "c", UIPhrase.keyClearFlags(), [.stop], bar: true),
        // Main screens
        bind(
            .nextTab, [.tab, .right, .char("l")], "Tab", UIPhrase.keyNextTab(), [.tabs],
            bar: true),
        bind(
            .previousTab, [.backTab, .left, .char("h")], "S-Tab", UIPhrase.keyPreviousTab(),
            [.tabs]),
        bind(.refresh, [.char("r"), .ctrl("l")], "r", UIPhrase.keyRefresh(), [.tabs, .patients]),
        bind(.quit, [.char("q")], "q", UIPhrase.keyQuit(), [.tabs, .list, .patients], bar: true),
        // Forms
        bind(.nextField, [.tab, .down], "Tab ↓", UIPhrase.keyNextField(), [.form], bar: true),
        bind(.previousField, [.backTab, .up], "S-Tab ↑", UIPhrase.keyPreviousField(), [.form]),
        bind(.left, [.left], "←", UIPhrase.keyLeft(), [.form]),
        bind(.right, [.right], "→", UIPhrase.keyRight(), [.form]),
        bind(.digit, digits, "0-9", UIPhrase.keyDigits(), [.form], bar: true),
        bind(.toggle, [.char(" ")], "Space", UIPhrase.keyToggle(), [.form], bar: true),
        bind(.backspace, [.backspace], "⌫", UIPhrase.keyBackspace(), [.form, .picker, .dialog]),
        bind(.deleteForward, [.delete], "Del", UIPhrase.keyDeleteForward(), [.form, .dialog]),
        bind(.confirm, [.enter], "↵", UIPhrase.keySave(), [.form], bar: true),
        // Picker and lists
        bind(.down, [.down], "↓", UIPhrase.keyNextRow(), [.picker]),
        bind(.up, [.up], "↑", UIPhrase.keyPreviousRow(), [.picker]),
        bind(.right, [.right, .tab], "→ Tab", UIPhrase.keyNextVariant(), [.picker], bar: true),
        bind(.left, [.left, .backTab], "←", UIPhrase.keyPreviousVariant(), [.picker]),
        bind(.confirm, [.enter], "↵", UIPhrase.keyChoosePlan(), [.picker], bar: true),
        bind(.down, [.down, .char("j")], "↓ j", UIPhrase.keyNextRow(), [.list]),
        bind(.up, [.up, .char("k")], "↑ k", UIPhrase.keyPreviousRow(), [.list]),
        bind(
            .confirm, [.enter, .char("l"), .right], "↵", UIPhrase.keyChoose(), [.list],
            bar: true),
        // Red-flag questions
        bind(.yes, [.char("y"), .char("j")], "y j", UIPhrase.keyYes(), [.questions], bar: true),
        bind(.no, [.char("n")], "n", UIPhrase.keyNo(), [.questions], bar: true),
        bind(.examined, [.char("e")], "e", UIPhrase.keyExamined(), [.questions]),
        // Dialogs
        bind(.yes, [.char("y"), .char("j")], "y j", UIPhrase.keyYes(), [.dialog], bar: true),
        bind(.no, [.char("n")], "n", UIPhrase.keyNo(), [.dialog], bar: true),
        bind(
            .nextField, [.tab, .right, .left, .backTab], "Tab ←→", UIPhrase.keySwitchButton(),
            [.dialog]),
        bind(.confirm, [.enter], "↵", UIPhrase.keyConfirm(), [.dialog], bar: true),
        // Help
        bind(.down, [.down, .char("j")], "↓ j", UIPhrase.keyScrollDown(), [.help]),
        bind(.up, [.up, .char("k")], "↑ k", UIPhrase.keyScrollUp(), [.help]),
        // Patients (the physio's list) and Tune (a patient's plan, value by value)
        bind(.patients, [.char("p")], "p", UIPhrase.keyPatients(), [.tabs]),
        bind(.tune, [.char("t")], "t", UIPhrase.keyTunePlan(), [.plan]),
        bind(
            .down, [.down, .char("j")], "↓ j", UIPhrase.keyNextRow(),
            [.patients, .tune, .chooser]),
        bind(
            .up, [.up, .char("k")], "↑ k", UIPhrase.keyPreviousRow(),
            [.patients, .tune, .chooser]),
        bind(.pageDown, [.pageDown], "PgDn", UIPhrase.keyPageDown(), [.patients, .tune]),
        bind(.pageUp, [.pageUp], "PgUp", UIPhrase.keyPageUp(), [.patients, .tune]),
        bind(.top, [.home, .char("g")], "Home g", UIPhrase.keyFirstRow(), [.patients, .tune]),
        bind(.bottom, [.end, .char("G")], "End G", UIPhrase.keyLastRow(), [.patients, .tune]),
        bind(.confirm, [.enter], "↵", UIPhrase.keyOpenPatient(), [.patients], bar: true),
        bind(.add, [.char("a")], "a", UIPhrase.keyAddPatient(), [.patients], bar: true),
        bind(.setUp, [.char("s")], "s", UIPhrase.keySetUpPlan(), [.patients], bar: true),
        bind(.tune, [.char("t")], "t", UIPhrase.keyTunePlan(), [.patients], bar: true),
        bind(
            .delete, [.char("d"), .delete], "d Del", UIPhrase.keyDeletePatient(), [.patients],
            bar: true),
        bind(.rename, [.char("e")], "e", UIPhrase.keyRenamePatient(), [.patients]),
        bind(.archive, [.char("x")], "x", UIPhrase.keyArchivePatient(), [.patients]),
        bind(.showArchived, [.char("v")], "v", UIPhrase.keyShowArchived(), [.patients]),
        bind(.startFromFile, [.char("f")], "f", UIPhrase.keyStartFromFile(), [.patients]),
        bind(.search, [.char("/")], "/", UIPhrase.keyFindPatient(), [.patients], bar: true),
        bind(.confirm, [.enter], "↵", UIPhrase.keyEditValue(), [.tune], bar: true),
        bind(.right, [.right, .char("l")], "→ l", UIPhrase.keyNextValue(), [.tune]),
        bind(.left, [.left, .char("h")], "← h", UIPhrase.keyPreviousValue(), [.tune]),
        bind(.toggle, [.char(" ")], "Space", UIPhrase.keyToggleKind(), [.tune]),
        bind(.save, [.char("s")], "s", UIPhrase.keySaveTuning(), [.tune], bar: true),
        bind(.differences, [.char("d")], "d", UIPhrase.keyDifferences(), [.tune], bar: true),
        bind(
            .delete, [.char("x"), .delete], "x Del", UIPhrase.keyRemoveItem(), [.tune],
            bar: true),
        bind(.reset, [.char("R")], "R", UIPhrase.keyResetTuning(), [.tune]),
        bind(.confirm, [.enter], "↵", UIPhrase.keyChoose(), [.chooser], bar: true),
        // Typing a name or a value (patient name, plan start, a tuned value)
        bind(.confirm, [.enter], "↵", UIPhrase.keyEntryDone(), [.entry], bar: true),
        bind(.nextField, [.tab, .down], "Tab ↓", UIPhrase.keyNextField(), [.entry]),
        bind(.previousField, [.backTab, .up], "S-Tab ↑", UIPhrase.keyPreviousField(), [.entry]),
        bind(.left, [.left], "←", UIPhrase.keyCursorLeft(), [.entry]),
        bind(.right, [.right], "→", UIPhrase.keyCursorRight(), [.entry]),
        bind(.backspace, [.backspace], "⌫", UIPhrase.keyBackspace(), [.entry]),
        bind(.deleteForward, [.delete], "Del", UIPhrase.keyDeleteForward(), [.entry]),
        // Progress: ←/→ h/l move through the weeks here, not between tabs (Tab still does)
        bind(.span, [.char("s")], "s", UIPhrase.keySpan(), [.progress], bar: true),
        bind(
            .digit, [.char("1"), .char("2"), .char("3")], "1-3", UIPhrase.keySpanDirect(),
            [.progress]),
        bind(.left, [.left, .char("h")], "← h", UIPhrase.keyOlderWeek(), [.progress], bar: true),
        bind(
            .right, [.right, .char("l")], "→ l", UIPhrase.keyNewerWeek(), [.progress],
            bar: true),
        bind(.pageUp, [.pageUp], "PgUp", UIPhrase.keyOlderPage(), [.progress]),
        bind(.pageDown, [.pageDown], "PgDn", UIPhrase.keyNewerPage(), [.progress]),
        bind(.top, [.home], "Home", UIPhrase.keyFirstWeek(), [.progress]),
        bind(.bottom, [.end], "End", UIPhrase.keyThisWeek(), [.progress]),
        bind(.down, [.down, .char("j")], "↓ j", UIPhrase.keyScrollDown(), [.progress]),
        bind(.up, [.up, .char("k")], "↑ k", UIPhrase.keyScrollUp(), [.progress]),
        // Shoes: each shoe's km toward its retire mark; a adds one (its form is an entry)
        bind(.shoes, [.char("w")], "w", UIPhrase.keyShoes(), [.tabs]),
        bind(.add, [.char("a")], "a", UIPhrase.keyAddShoe(), [.shoes], bar: true),
        bind(.down, [.down, .char("j")], "↓ j", UIPhrase.keyNextRow(), [.shoes]),
        bind(.up, [.up, .char("k")], "↑ k", UIPhrase.keyPreviousRow(), [.shoes]),
        // Notes: the physio's clinical notes about the patient; a writes one
        bind(.notes, [.char("N")], "N", ReviewPhrase.keyNotes(), [.tabs], bar: true),
        bind(.add, [.char("a")], "a", ReviewPhrase.keyAddNote(), [.notes], bar: true),
        bind(.down, [.down, .char("j")], "↓ j", UIPhrase.keyScrollDown(), [.notes]),
        bind(.up, [.up, .char("k")], "↑ k", UIPhrase.keyScrollUp(), [.notes]),
        // Everywhere
        bind(.help, [.char("?"), .function(1)], "?", UIPhrase.keyHelp(), [.global], bar: true),
        bind(.back, [.escape], "Esc", UIPhrase.keyBack(), [.global], bar: true),
    ]

    /// The contexts a state's keys are looked up in, most specific first.
    static func contexts(for state: AppState) -> [KeyContext] {
        if let confirmation = state.confirmation {
            // A reason being typed: letters are text, so y/n would be a false hint.
            return confirmation.needsReason ? [.entry, .global] : [.dialog, .global]
        }
        switch state.top {
        case .today: return [.today, .tabs, .global]
        case .plan: return [.plan, .tabs, .global]
        case .history:
            return state.listSearch != nil ? [.entry, .global] : [.history, .tabs, .global]
        case .progress: return [.progress, .tabs, .global]
        case .stop(let stop): return stop.beforeStart ? [.stop, .global] : [.stop, .tabs, .global]
        case .log, .morning, .measure: return [.form, .global]
        case .importRuns(let form):
            return form.stage == .path ? [.entry, .global] : [.form, .global]
        case .picker: return [.picker, .global]
        case .language, .role: return [.list, .global]
        case .patients: return state.listSearch != nil ? [.entry, .global] : [.patients, .global]
        // One line of text: no pain digits or ticks to offer.
        case .patientName, .nameForm, .setup: return [.entry, .global]
        case .tune(let tune):
            if tune.editing != nil { return [.entry, .global] }
            if tune.adding != nil { return [.chooser, .global] }
            return tune.differences != nil ? [.help, .global] : [.tune, .global]
        case .questions: return [.questions, .global]
        case .help: return [.help, .global]
        case .shoes(let shoes): return shoes.adding != nil ? [.entry, .global] : [.shoes, .global]
        case .notes(let notes):
            return notes.writing != nil ? [.entry, .global] : [.notes, .global]
        case .discharge: return [.entry, .global]
        }
    }

    /// True when printable keys go into a text field rather than to commands.
    static func isTyping(_ state: AppState) -> Bool {
        if let confirmation = state.confirmation { return confirmation.needsReason }
        switch state.top {
        case .log(let form): return form.focus.isText
        case .measure(let form): return form.focusIsName
        case .picker, .patientName, .nameForm, .setup: return true
        case .tune(let tune): return tune.editing != nil
        case .importRuns(let form): return form.stage == .path
        case .shoes(let shoes): return shoes.adding != nil
        case .notes(let notes): return notes.writing != nil
        case .discharge: return true
        case .history, .patients: return state.listSearch != nil
        default: return false
        }
    }

    /// The action a key stands for in this state, or nil when it means nothing here.
    static func action(for key: Key, in state: AppState) -> AppAction? {
        if case .mouse = key { return Mouse.action(for: key) }
        if isTyping(state), case .char(let c) = key { return .type(c) }
        for context in contexts(for: state) {
            for binding in state.keyBindings where binding.contexts.contains(context) {
                guard binding.keys.contains(key) else { continue }
                if binding.command == .digit, case .char(let c) = key, let n = c.wholeNumberValue {
                    return .digit(n)
                }
                return .command(binding.command)
            }
        }
        return nil
    }

    /// False on a screen at the bottom of the stack with nothing to close: offering
    /// "Esc back" there promises something that does not happen.
    static func escapeDoesSomething(_ state: AppState) -> Bool {
        if state.confirmation != nil || state.screens.count > 1 { return true }
        switch state.top {
        case .tune, .shoes, .importRuns, .log, .morning, .notes: return true
        default: return false
        }
    }

    /// False for the keys of what a clinic's patient does not decide (`AppState.decidesCare`):
    /// pressed, they say whose decision it is; the bar does not offer them.
    static func offered(_ command: Command, in context: KeyContext, _ state: AppState) -> Bool {
        guard !state.decidesCare else { return true }
        switch command {
        case .discharge, .forceAdvance, .tune: return false
        case .add: return context != .notes
        default: return true
        }
    }

    /// The status bar's hints for a state.
    static func hints(for state: AppState) -> [KeyHint] {
        var seen = Set<Command>()
        var hints: [KeyHint] = []
        for context in contexts(for: state) {
            for binding in state.keyBindings
            where binding.inBar && binding.contexts.contains(context)
                && offered(binding.command, in: context, state)
            {
                if binding.command == .back && !escapeDoesSomething(state) { continue }
                guard seen.insert(binding.command).inserted else { continue }
                let shown = binding.shown.split(separator: " ").first.map(String.init) ?? ""
                hints.append(KeyHint(shown, binding.help.text(state.language)))
            }
        }
        return hints
    }
}
