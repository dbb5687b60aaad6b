import RehabCore

/// Red flags as a form field: the cursor walks the options, space ticks one.
struct FlagChoice: Sendable, Hashable {
    var options: [String]
    var cursor = 0
    var chosen: [String] = []

    init(options: [String], chosen: [String] = []) {
        self.options = options
        self.chosen = chosen
    }

    mutating func toggle() {
        guard options.indices.contains(cursor) else { return }
        let id = options[cursor]
        if let i = chosen.firstIndex(of: id) {
            chosen.remove(at: i)
        } else {
            chosen.append(id)
        }
    }
}

/// The session form (new or edit).
struct LogForm: Sendable, Hashable {
    enum Field: Int, CaseIterable, Sendable {
        case activity, date
        /// Shown only for the day's exercises (`exercises`, opened from Today).
        case exercises
        case km, minutes, painDuring, painAfter, lasted, flags, shoe, note
        /// Shown only when the phase's exit asks for the test (`tests`).
        case hopTest, calfRaises

        /// The text box a typed-in field edits; nil for a field that is picked, stepped or ticked.
        var input: WritableKeyPath<LogForm, TextInput>? {
            switch self {
            case .date: \.date
            case .km: \.km
            case .minutes: \.minutes
            case .note: \.note
            case .hopTest: \.hopTest
            case .calfRaises: \.calfRaises
            case .activity, .exercises, .painDuring, .painAfter, .lasted, .flags, .shoe: nil
            }
        }
        var isText: Bool { input != nil }
        /// Text fields that hold a number: only digits and a decimal point or comma go in.
        var isNumber: Bool { [.km, .minutes, .hopTest, .calfRaises].contains(self) }
    }

    /// The exit tests this form records (the phase asks for them, or the edited session has
    /// them).
    var tests: Set<Field> = []
    var hopTest = TextInput()
    var calfRaises = TextInput()

    /// The fields shown, in Tab order.
    var fields: [Field] {
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
    var exercises: FlagChoice?

    /// The stored session being edited; nil for a new one.
    var editing: Session?
    var focus: Field = .activity
    var activity: Activity
    var date: TextInput
    var km = TextInput()
    var minutes = TextInput()
    /// Nil until the user gives a score: a default of 0 would log pain nobody reported.
    var painDuring: Int?
    var painAfter: Int?
    /// A "1" was just typed in a pain field, so a "0" next makes 10.
    var pendingOne = false
    var lasted = false
    var flags: FlagChoice
    /// Known shoe names; index 0 of the choice is "no shoe".
    var shoes: [String]
    var shoe = 0
    var note = TextInput()
    var error: FieldError?
    /// Something was typed or chosen: Esc then asks before throwing it away.
    var touched = false
    /// The user picked the shoe: it no longer follows the activity.
    var shoePicked = false

    init(activity: Activity, date: Day, flagOptions: [String], shoes: [String]) {
        self.activity = activity
        self.date = TextInput(date.iso)
        flags = FlagChoice(options: flagOptions)
        self.shoes = shoes
    }

    init(editing session: Session, flagOptions: [String], shoes: [String]) {
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
struct MorningForm: Sendable, Hashable {
    enum Field: Int, CaseIterable, Sendable { case pain, flags }

    var date: Day
    var focus: Field = .pain
    var pain: Int?
    var pendingOne = false
    /// `flags.cursor` is the checklist row in focus; `flags.options` starts with the plan's own.
    var flags: FlagChoice
    /// How many of `flags.options` are the plan's own (shown before "other").
    var ownFlags: Int
    /// "Other" was opened: every flag is listed.
    var showOther = false
    /// The check this replaces (edit from history, or a second one for the date).
    var previous: MorningCheck?
    var error: FieldError?
    /// Something was typed or chosen: Esc then asks before throwing it away.
    var touched = false

    init(
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
    var flagRows: Int {
        showOther || ownFlags == flags.options.count ? flags.options.count : ownFlags + 1
    }

    /// True when the row in focus is the "other" row.
    var onOther: Bool {
        !showOther && flags.cursor == ownFlags && ownFlags < flags.options.count
    }
}
