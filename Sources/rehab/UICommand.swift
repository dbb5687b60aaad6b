import ArgumentParser
import Foundation
import RehabApp
import RehabCore
import RehabPlans
import RehabTUI
import TerminalUI

#if canImport(Glibc)
import Glibc
#endif

/// `rehab` and `rehab ui`: the full-screen app over the same store, plans and engine as the
/// commands.
struct UICommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ui",
        abstract: .translated("The full-screen app (also what 'rehab' alone opens)."))
    @OptionGroup var global: GlobalOptions
    @OptionGroup var questionnaireFolder: QuestionnaireFolder
    @Flag(
        inversion: .prefixedNo,
        help: .translated(
            """
            Clicks and the mouse wheel in the app (default: off, or 'mouse:' in config.yaml). \
            Mouse mode takes the terminal's text selection away; Shift-drag usually still selects.
            """))
    var mouse: Bool?

    func run() throws {
        let context = try Context(global)
        // A key clash is a config error: reported first, like the others.
        let keys = try keyTable(context)
        let theme = ColorTheme.effective(
            configured: context.settings.theme, noColor: context.environment["NO_COLOR"])
        // Refuse before the database or the terminal is touched, so a pipe gets no escapes.
        if let refusal = NcursesBackend.preflight(
            stdinIsTerminal: isatty(STDIN_FILENO) == 1,
            stdoutIsTerminal: isatty(STDOUT_FILENO) == 1, term: context.environment["TERM"])
        {
            throw explain(refusal, context)
        }
        let store = try context.openStore()
        var runner = StoreRunner(store: store, library: context.planLibrary)
        runner.databasePath = context.sqlitePath
        // The questionnaire folder's files that load; `rehab questionnaires` lists the others.
        runner.questionnaires =
            QuestionnaireLibrary.standard(
                explicit: questionnaireFolder.questionnaires, environment: context.environment
            )
            .all().instruments
        // The CLI's patient rule, except that several patients without --patient get a chooser.
        let active = try context.storing { try store.patients() }
        let patientID: Int64? =
            global.patient != nil || active.count == 1 ? try context.resolvePatient(store).id : nil
        let loaded: Loaded
        do {
            loaded = try runner.load(patientID: patientID, today: context.today, window: true)
        } catch let error as StoreError {
            throw context.describe(error)
        } catch let problem as StoreRunner.PlanProblem {
            // The commands' own loader says it in the user's language, with the known plans.
            _ = try context.loadPlan(problem.planID)
            throw Failure(message: problem.text.text(context.language))
        } catch {
            throw context.fail(RefusalPhrase.text(error))
        }
        let backend: NcursesBackend
        do {
            backend = try NcursesBackend(
                mouse: mouse ?? context.settings.mouse ?? false, colors: theme != .none)
        } catch {
            throw explain(error, context)
        }
        let newName = global.patient ?? context.environment["USER"] ?? "runner"
        var app = AppSession(
            runner: runner, loaded: loaded, language: context.language, glyphs: backend.glyphs,
            size: backend.size, today: context.today,
            newPatientName: (try? Validate.name(newName, field: "patient")) ?? "runner",
            keyBindings: keys, theme: theme)
        var screen = backend
        app.run(on: &screen)
        backend.restore()
        if app.interrupted {
            // Ctrl-C waited for a save's answer: say it was stored, and end as Ctrl-C does.
            if app.savedBeforeQuitting {
                FileHandle.standardError.write(
                    Data((context.say(UIPhrase.quitAfterSave()) + "\n").utf8))
            }
            throw ExitCode(130)
        }
    }

    /// The key table with the config file's bindings. A key the file gives to an action that
    /// another action already has where both are read is refused like any config error, at
    /// the line that gives it: silently losing one of the two would break a screen.
    private func keyTable(_ context: Context) throws -> [KeyBinding] {
        let keys = context.settings.keys
        let clashes = KeyTable.clashes(rebinding: keys)
        guard !clashes.isEmpty else { return KeyTable.bindings(rebinding: keys) }
        let path = ConfigFile.path(environment: context.environment)
        let errors = clashes.map { clash in
            ConfigFile.keyError(
                action: clash.action, key: clash.key, path: path,
                text: UIPhrase.keyClash(
                    action: clash.action, key: clash.key.configText, other: clash.other,
                    context: clash.context.title.text(context.language)))
        }
        let lines = PlanFileErrors(errors).errors.map { "  " + $0.description(context.language) }
        throw Failure(
            message: ([context.say(Phrase.configInvalid())] + lines).joined(separator: "\n"))
    }

    private func explain(_ error: TerminalError, _ context: Context) -> Failure {
        switch error {
        case .notATerminal: context.fail(UIPhrase.notATerminal())
        case .unknownTerminal(let term): context.fail(UIPhrase.unknownTerminal(term))
        case .alreadyActive: Failure(message: error.description)
        }
    }
}

extension UICommand {
    /// `rehab`, or `rehab` with only the options every command takes (`--db X --lang nl`),
    /// opens the app: read here as the parser reads them, without the parser's command tree
    /// and its completion-script check, a quarter of the work before the app's first frame
    /// (BENCHMARKS.md). Anything else (another option, a command, `--help`, an option given
    /// twice or with no value) is nil and goes to the parser; `DefaultCommandTests` holds the
    /// two readings equal.
    static func defaultCommand(_ arguments: [String]) -> UICommand? {
        var values: [String: String] = [:]
        var i = 0
        while i < arguments.count {
            let word = arguments[i]
            let name: String
            let value: String
            if let equals = word.firstIndex(of: "=") {
                name = String(word[..<equals])
                value = String(word[word.index(after: equals)...])
                i += 1
            } else {
                guard i + 1 < arguments.count else { return nil }
                (name, value) = (word, arguments[i + 1])
                i += 2
            }
            guard GlobalOptions.names.contains(name), values[name] == nil, !value.isEmpty,
                !value.hasPrefix("-")
            else { return nil }
            values[name] = value
        }
        var global = GlobalOptions()
        global.db = values["--db"]
        global.lang = values["--lang"]
        global.patient = values["--patient"]
        global.plans = values["--plans"]
        var folder = QuestionnaireFolder()
        folder.questionnaires = nil
        var command = UICommand()
        command.global = global
        command.questionnaireFolder = folder
        command.mouse = nil
        return command
    }
}
