import RehabCore
import TerminalUI

// The user's settings from config.yaml that shape the app: the theme and the key bindings.

extension ColorTheme {
    /// The theme to draw with: NO_COLOR (set and not empty) wins over the config file, as it
    /// does in the terminal backend; with neither, the pens made for a dark background.
    package static func effective(configured: ColorTheme?, noColor: String?) -> ColorTheme {
        if let noColor, !noColor.isEmpty { return .none }
        return configured ?? .dark
    }
}

/// The user's `keys:` from config.yaml applied to the key table. A function of (table,
/// settings), so bindings other screens add later are rebound the same way.
extension KeyTable {
    /// The table with each configured action's keys in place of its default keys, in every
    /// context the action has. Actions the settings do not name keep their keys.
    package static func bindings(
        _ table: [KeyBinding] = KeyTable.bindings, rebinding keys: [String: [KeySpec]]
    ) -> [KeyBinding] {
        let rebound = commands(keys)
        guard !rebound.isEmpty else { return table }
        return table.map { binding in
            guard let new = rebound[binding.command] else { return binding }
            var changed = binding
            changed.keys = new
            changed.shown = new.map(label).joined(separator: " ")
            return changed
        }
    }

    /// The settings' keys by command; action ids that name no command are left out (the config
    /// reader refuses them before this).
    static func commands(_ keys: [String: [KeySpec]]) -> [Command: [Key]] {
        var result: [Command: [Key]] = [:]
        for (action, specs) in keys {
            guard let command = Command(rawValue: Settings.commandName(forAction: action)),
                command != .digit
            else { continue }
            var unique: [Key] = []
            for key in specs.map(Key.init) where !unique.contains(key) { unique.append(key) }
            result[command] = unique
        }
        return result
    }

    /// A key given to two actions where both would be looked up: in one context, or one of
    /// them in the global context every screen reads. Only clashes that involve a configured
    /// action count: the default table may reuse a key on purpose in contexts never read
    /// together.
    package struct Clash: Sendable, Hashable {
        /// The configured action that takes the key, as written in config.yaml.
        package var action: String
        package var key: KeySpec
        /// The action that already has the key there (default or configured).
        package var other: String
        package var context: KeyContext
    }

    /// The clashes the settings cause in a table, in config order (action, then key).
    package static func clashes(
        _ table: [KeyBinding] = KeyTable.bindings, rebinding keys: [String: [KeySpec]]
    ) -> [Clash] {
        let rebound = bindings(table, rebinding: keys)
        var found: [Clash] = []
        for action in keys.keys.sorted() {
            guard let command = Command(rawValue: Settings.commandName(forAction: action))
            else { continue }
            for spec in keys[action] ?? [] {
                let key = Key(spec)
                for mine in rebound where mine.command == command && mine.keys.contains(key) {
                    for other in rebound
                    where other.command != command && other.keys.contains(key) {
                        guard let context = shared(mine.contexts, other.contexts) else { continue }
                        let clash = Clash(
                            action: action, key: spec,
                            other: Settings.actionID(forCommand: other.command.rawValue),
                            context: context)
                        if !found.contains(clash) { found.append(clash) }
                    }
                }
            }
        }
        return found
    }

    /// A context both bindings are read in, if any.
    static func shared(_ a: [KeyContext], _ b: [KeyContext]) -> KeyContext? {
        if let same = a.first(where: b.contains) { return same }
        if a.contains(.global) { return b.first }
        if b.contains(.global) { return a.first }
        return nil
    }

    /// How a key is written in the status bar and on the help screen.
    static func label(_ key: Key) -> String {
        switch key {
        case .char(" "): "Space"
        case .char(let c): String(c)
        case .up: "↑"
        case .down: "↓"
        case .left: "←"
        case .right: "→"
        case .enter: "↵"
        case .escape: "Esc"
        case .tab: "Tab"
        case .backTab: "S-Tab"
        case .backspace: "⌫"
        case .delete: "Del"
        case .home: "Home"
        case .end: "End"
        case .pageUp: "PgUp"
        case .pageDown: "PgDn"
        case .ctrl(let c): "C-\(c)"
        case .function(let n): "F\(n)"
        case .resize, .mouse: ""
        }
    }

    /// The first key of a command as the status bar shows it, for texts that name the key
    /// ("Press m"); nil when the command has no key in these contexts.
    static func shownKey(_ command: Command, in state: AppState, contexts: [KeyContext]) -> String?
    {
        for context in contexts {
            for binding in state.keyBindings
            where binding.command == command && binding.contexts.contains(context) {
                if let first = binding.shown.split(separator: " ").first { return String(first) }
            }
        }
        return nil
    }
}

extension Key {
    /// The terminal key a config file names.
    init(_ spec: KeySpec) {
        switch spec {
        case .char(let c): self = .char(c)
        case .ctrl(let c): self = .ctrl(c)
        case .function(let n): self = .function(n)
        case .named(let name):
            switch name {
            case .up: self = .up
            case .down: self = .down
            case .left: self = .left
            case .right: self = .right
            case .enter: self = .enter
            case .escape: self = .escape
            case .tab: self = .tab
            case .backtab: self = .backTab
            case .backspace: self = .backspace
            case .delete: self = .delete
            case .home: self = .home
            case .end: self = .end
            case .pageUp: self = .pageUp
            case .pageDown: self = .pageDown
            }
        }
    }
}

extension KeySpec {
    /// The key as a config file writes it: "x", "space", "ctrl-l", "f1", "page_up".
    package var configText: String {
        switch self {
        case .char(" "): "space"
        case .char(let c): String(c)
        case .ctrl(let c): "ctrl-\(c)"
        case .function(let n): "f\(n)"
        case .named(let name): name.rawValue
        }
    }
}
