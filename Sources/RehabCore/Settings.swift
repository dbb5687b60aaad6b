/// The user's settings from `config.yaml`: plain values, no file access (RehabPlans reads the
/// file). Anything not set is nil, so flags, environment and built-in defaults can fill it in.
public struct Settings: Hashable, Sendable {
    public var language: Language?
    public var theme: Theme?
    /// Key bindings by action id (see `Settings.keyActions`); each replaces the default keys of
    /// that action.
    public var keys: [String: [KeySpec]]
    /// The patient commands use when neither --patient nor REHAB_PATIENT names one.
    public var patient: String?
    public var units: DistanceUnit?
    /// Clicks and the wheel in the full-screen app. Off unless asked for: mouse mode takes the
    /// terminal's own text selection away.
    public var mouse: Bool?

    public init(
        language: Language? = nil, theme: Theme? = nil, keys: [String: [KeySpec]] = [:],
        patient: String? = nil, units: DistanceUnit? = nil, mouse: Bool? = nil
    ) {
        self.language = language
        self.theme = theme
        self.keys = keys
        self.patient = patient
        self.units = units
        self.mouse = mouse
    }

    /// The settings a config file may hold, in the order the documentation lists them.
    public static let names = ["language", "theme", "keys", "patient", "units", "mouse"]

    /// The actions a key can be bound to: the app's commands in snake_case (`page_up` is the
    /// app's `pageUp`). Digits stay pain scores and are not rebindable.
    public static let keyActions = [
        "up", "down", "left", "right", "page_up", "page_down", "top", "bottom",
        "next_tab", "previous_tab", "next_field", "previous_field",
        "confirm", "back", "quit", "help", "refresh",
        "log_session", "morning_check", "import_runs",
        "advance", "step_back", "edit", "delete", "undo", "clear_flags",
        "toggle", "yes", "no", "backspace", "delete_forward",
        "patients", "add", "rename", "archive", "show_archived", "set_up", "tune", "save",
        "reset", "differences", "start_from_file",
        "span",
        "shoes",
        "measures",
        "exercises_done",
        "force_advance",
        "search",
        "examined",
        "notes",
        "discharge",
    ]

    /// The app's command name for an action id: `page_up` → `pageUp`.
    public static func commandName(forAction id: String) -> String {
        let parts = id.split(separator: "_")
        guard let first = parts.first else { return id }
        return String(first)
            + parts.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }
            .joined()
    }

    /// The action id for an app command name: `pageUp` → `page_up`.
    public static func actionID(forCommand name: String) -> String {
        var id = ""
        for c in name {
            if c.isUppercase {
                id += "_" + c.lowercased()
            } else {
                id.append(c)
            }
        }
        return id
    }
}

/// Colours of the full-screen app. `none` draws without colour, like NO_COLOR.
public enum Theme: String, Sendable, Hashable, CaseIterable, Codable {
    case light, dark, none
}

/// Distances are kept and shown in kilometres: every threshold in the sources is in km.
public enum DistanceUnit: String, Sendable, Hashable, CaseIterable, Codable {
    case km
}

/// A key as written in the config file, before the app turns it into a terminal key.
public enum KeySpec: Hashable, Sendable {
    case char(Character)
    /// Ctrl with a lowercase letter: `ctrl-l`.
    case ctrl(Character)
    /// F1-F12.
    case function(Int)
    case named(NamedKey)

    public enum NamedKey: String, Sendable, Hashable, CaseIterable {
        case up, down, left, right, enter, escape, tab, backtab, backspace, delete
        case home, end
        case pageUp = "page_up"
        case pageDown = "page_down"
    }

    /// The forms the config file accepts, for error messages.
    public static let forms =
        "one character, space, ctrl-<letter>, f1-f12 or one of "
        + NamedKey.allCases.map(\.rawValue).joined(separator: ", ")

    /// Parses "x", "space", "ctrl-l", "f1", "page_up" (names ignore case; single characters
    /// do not). Nil for anything else.
    public init?(_ text: String) {
        if text.count == 1, let c = text.first {
            guard !c.isWhitespace, !c.unicodeScalars.contains(where: { $0.value < 0x20 })
            else { return nil }
            self = .char(c)
            return
        }
        let lower = text.lowercased()
        if lower == "space" {
            self = .char(" ")
        } else if let named = NamedKey(rawValue: lower) {
            self = .named(named)
        } else if lower.hasPrefix("ctrl-"), lower.count == 6, let c = lower.last,
            c.isASCII, c.isLetter
        {
            self = .ctrl(c)
        } else if lower.hasPrefix("f"), let n = Int(lower.dropFirst()), (1...12).contains(n),
            lower.count <= 3
        {
            self = .function(n)
        } else {
            return nil
        }
    }
}
