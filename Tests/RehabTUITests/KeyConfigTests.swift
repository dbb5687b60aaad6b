import Foundation
import RehabCore
import RehabPlans
import TerminalUI
import Testing

@testable import RehabTUI

/// Key bindings from config.yaml: every command can be named, a rebinding replaces the old
/// keys everywhere the command applies, help and the status bar follow, clashes are found.
@Suite struct KeyConfigTests {
    static func state(_ keys: [String: [KeySpec]]) -> AppState {
        var state = Fixture.state(Fixture.buildUp())
        state.keyBindings = KeyTable.bindings(rebinding: keys)
        return state
    }

    /// A new command without an action id could not be rebound, and an action id without a
    /// command would be accepted by the config reader and then do nothing.
    @Test func actionIDsMapOneToOneOntoTheCommandsExceptDigits() {
        let commands = Command.allCases.filter { $0 != .digit }.map(\.rawValue)
        let named = Settings.keyActions.map { Settings.commandName(forAction: $0) }
        #expect(named.count == Set(named).count, "an action id is listed twice")
        #expect(Set(named) == Set(commands))
        for command in commands {
            #expect(
                Settings.keyActions.contains(Settings.actionID(forCommand: command)),
                "command \(command) has no action id in Settings.keyActions")
        }
        #expect(!Settings.keyActions.contains("digit"))
    }

    @Test func aReboundKeyWorksAndTheOldOneNoLongerDoes() {
        var state = Self.state(["log_session": [.char("+")]])
        #expect(KeyTable.action(for: .char("+"), in: state) == .command(.logSession))
        #expect(KeyTable.action(for: .char("n"), in: state) == nil)
        #expect(run(&state, [.char("n")]).isEmpty)
        #expect(state.top == .today(scroll: 0))
        _ = run(&state, [.char("+")])
        guard case .log = state.top else {
            Issue.record("+ should open the session form, top is \(state.top)")
            return
        }
        // Every context of the command: History too, and the keys of other commands stay.
        var history = Self.state(["log_session": [.char("+")]])
        _ = run(&history, [.tab, .tab])
        guard case .history = history.top else {
            Issue.record("Tab Tab should reach History")
            return
        }
        #expect(KeyTable.action(for: .char("+"), in: history) == .command(.logSession))
        #expect(KeyTable.action(for: .char("n"), in: history) == nil)
        #expect(KeyTable.action(for: .char("m"), in: history) == .command(.morningCheck))
    }

    @Test func theDefaultTableIsUntouchedWithoutSettings() {
        #expect(KeyTable.bindings(rebinding: [:]) == KeyTable.bindings)
        let state = Self.state([:])
        #expect(KeyTable.action(for: .char("n"), in: state) == .command(.logSession))
    }

    @Test func namedKeysChordsAndFunctionKeysAreDecodedAndShown() {
        let state = Self.state([
            "quit": [.ctrl("q"), .function(10), .char("q")], "help": [.named(.pageDown)],
        ])
        #expect(KeyTable.action(for: .ctrl("q"), in: state) == .command(.quit))
        #expect(KeyTable.action(for: .function(10), in: state) == .command(.quit))
        #expect(KeyTable.action(for: .pageDown, in: state) == .command(.help))
        #expect(KeyTable.action(for: .char("?"), in: state) == nil)
        let quit = state.keyBindings.first { $0.command == .quit }
        #expect(quit?.shown == "C-q F10 q")
        // The status bar shows the first key of each command.
        let hints = KeyTable.hints(for: state).map { "\($0.key) \($0.action)" }
        #expect(hints.contains("C-q quit"))
        #expect(hints.contains("PgDn help"))
        #expect(!hints.contains("? help"))
    }

    @Test func helpAndTheStatusBarShowTheReboundKey() {
        var state = Self.state(["log_session": [.char("+")], "morning_check": [.char("M")]])
        let today = render(state).lines()
        #expect(today.last?.contains("+ log") == true, "status bar: \(today.last ?? "")")
        #expect(today.last?.contains("n log") == false)
        let text = today.map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        #expect(text.contains("Press M."), "Today should name the new key")
        _ = run(&state, [.char("?")])
        let help = render(state).lines().map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(help.contains { $0.hasPrefix("+ ") && $0.hasSuffix(" log") }, "\(help)")
        #expect(!help.contains { $0.hasPrefix("n ") && $0.hasSuffix(" log") })
        #expect(help.contains { $0.hasPrefix("M ") && $0.hasSuffix(" morning") })
    }

    @Test func aKeyTakenInTheSameContextIsAClash() {
        let clashes = KeyTable.clashes(rebinding: ["log_session": [.char("m")]])
        #expect(
            clashes == [
                KeyTable.Clash(
                    action: "log_session", key: .char("m"), other: "morning_check",
                    context: .today)
            ])
    }

    @Test func aKeyOfTheGlobalContextClashesEverywhere() {
        let clashes = KeyTable.clashes(rebinding: ["back": [.char("q")]])
        // Named by the other action's context: q quits on the main screens.
        #expect(clashes.map(\.other) == ["quit"])
        #expect(clashes.first?.context == .tabs)
    }

    @Test func swappingTwoKeysOrAFreeKeyIsNoClash() {
        #expect(KeyTable.clashes(rebinding: ["log_session": [.char("+")]]).isEmpty)
        let swapped: [String: [KeySpec]] = [
            "log_session": [.char("m")], "morning_check": [.char("n")],
        ]
        #expect(KeyTable.clashes(rebinding: swapped).isEmpty)
        var state = Self.state(swapped)
        _ = run(&state, [.char("m")])
        guard case .log = state.top else {
            Issue.record("m should now log a session")
            return
        }
        // Digits stay pain scores: a form key on a digit clashes with them.
        let digit = KeyTable.clashes(rebinding: ["toggle": [.char("1")]])
        #expect(digit.map(\.other) == ["digit"])
    }

    @Test func aClashIsPlacedAtTheLineThatGivesTheKey() throws {
        let dir = FileManager.default.temporaryDirectory
            .appendingPathComponent("rehab-keys-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("config.yaml").path
        try "theme: none\nkeys:\n  quit: q\n  log_session: [\"+\", m]\n".write(
            toFile: path, atomically: true, encoding: .utf8)
        let settings = try ConfigFile.load(path: path)
        let clash = try #require(KeyTable.clashes(rebinding: settings.keys).first)
        let error = ConfigFile.keyError(
            action: clash.action, key: clash.key, path: path,
            text: LocalizedText(nl: "taken", en: "taken"))
        #expect(error.description == "\(path):4:22: taken")
    }
}
