// The rehab executable: argument parsing and wiring only. Rules live in RehabCore, plan files in
// RehabPlans, storage behind RehabStorage (RehabSQLite, RehabPostgres), shared use cases in
// RehabApp; commands here parse, call them and print.
import ArgumentParser
import Foundation
import RehabApp
import RehabCore
import RehabPlans

/// A refused action or bad input: the message goes to stderr and the exit code is 1.
struct Failure: Error {
    let message: String
}

@main
enum Entry {
    static func main() {
        var command: ParsableCommand
        if HelpPhrase.isRequested(Array(CommandLine.arguments.dropFirst())) {
            HelpLanguage.current = usageLanguage()
        }
        let arguments = HelpPhrase.withoutGlobalOptions(
            GlobalOptions.movedAfterCommand(
                Array(CommandLine.arguments.dropFirst()),
                commands: Set(RehabCommand.configuration.subcommands.map { $0._commandName })))
        if let usage = CommandSuggestion.message(
            for: arguments, failed: false, language: usageLanguage(arguments))
        {
            FileHandle.standardError.write(Data(("rehab: " + usage + "\n").utf8))
            exit(2)
        }
        do {
            command = try UICommand.defaultCommand(arguments) ?? RehabCommand.parseAsRoot(arguments)
        } catch {
            // Help and --version exit cleanly; everything else the parser refuses is usage (2).
            if RehabCommand.exitCode(for: error) == .success {
                let text = RehabCommand.fullMessage(for: error)
                if !text.isEmpty {
                    print(HelpPhrase.localized(text, language: HelpLanguage.current))
                }
                exit(0)
            }
            let language = usageLanguage(arguments)
            // The usage's help line is read again from the option: in the user's language.
            HelpLanguage.current = language
            if let usage = CommandSuggestion.message(
                for: arguments, failed: true, language: language)
            {
                FileHandle.standardError.write(Data(("rehab: " + usage + "\n").utf8))
                exit(2)
            }
            writeError(UsagePhrase.fullMessage(for: error, language: language) + "\n")
            exit(2)
        }
        do {
            try command.run()
            ActivityLog.record(command, outcome: "ok")
        } catch let failure as Failure {
            ActivityLog.record(command, outcome: "refused (exit 1)")
            writeError(("rehab: " + failure.message + "\n"))
            exit(1)
        } catch let code as ExitCode {
            ActivityLog.record(command, outcome: "exit \(code.rawValue)")
            exit(code.rawValue)
        } catch  where RehabCommand.exitCode(for: error) == .success {
            // `rehab help` and `rehab help CMD` arrive here as a help command that throws.
            print(
                HelpPhrase.localized(
                    RehabCommand.fullMessage(for: error), language: HelpLanguage.current))
            exit(0)
        } catch {
            ActivityLog.record(command, outcome: "error (exit 1)")
            let language = language(of: command)
            let message =
                Phrase.errorPrefix().text(language) + ": "
                + RefusalPhrase.text(error).text(language)
            writeError(("rehab: " + message + "\n"))
            exit(1)
        }
    }
}

extension Entry {
    /// The language a command's messages are in: its --lang, REHAB_LANG, the config file or
    /// the locale, as `Context` chooses; where that choice fails, as for a usage error.
    static func language(of command: ParsableCommand) -> Language {
        let options = Mirror(reflecting: command).children.lazy
            .compactMap { ($0.value as? OptionGroup<GlobalOptions>)?.wrappedValue }.first
        if let options, let context = try? Context(options) { return context.language }
        return usageLanguage()
    }

    /// The language of usage errors, when the command line could not be parsed: a `--lang`
    /// in it all the same, else REHAB_LANG, the config file's language, the locale.
    static func usageLanguage(
        _ arguments: [String] = Array(CommandLine.arguments.dropFirst())
    ) -> Language {
        var given: String?
        let options = Array(arguments.prefix { $0 != "--" })
        for (index, word) in options.enumerated() {
            if word == "--lang", index + 1 < options.count { given = options[index + 1] }
            if word.hasPrefix("--lang=") { given = String(word.dropFirst("--lang=".count)) }
        }
        let environment = ProcessInfo.processInfo.environment
        for code in [given, environment["REHAB_LANG"]] {
            if let chosen = code.flatMap({ Language(rawValue: $0.lowercased()) }) { return chosen }
        }
        let path = ConfigFile.path(environment: environment)
        if let chosen = (try? ConfigFile.load(path: path))?.language { return chosen }
        return Language.fromLocale(Environment.localeName(environment))
    }
}

struct RehabCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rehab",
        abstract: .translated(
            "A rehab-plan tracker for runners coming back from an injury, and their physios."),
        // One line a paragraph: the help wraps each line to the terminal's width.
        discussion: .translated(
            """
            Pick an injury plan, log each day's sessions with pain scores, and get a verdict \
            with its reasons: progress, hold, reduce or see a doctor. Data stays on this \
            machine. Without a command, rehab opens the full-screen app.

            Every command takes --db, --lang, --patient and --plans. Environment: REHAB_DB, \
            REHAB_LANG, REHAB_PATIENT, REHAB_TODAY=YYYY-MM-DD (fixes today), NO_COLOR. The \
            manual page, rehab(1), has the files, exit status and examples.
            """),
        version: "0.1.0",
        subcommands: [
            Demo.self, PlansCommand.self, PatientsCommand.self, Start.self, Log.self,
            Morning.self, ClearFlags.self, StatusCommand.self, Advance.self, Week.self, Tune.self,
            Report.self, Export.self, Import.self, ShoesCommand.self, Backup.self, UICommand.self,
            MeasureCommand.self, MeasuresCommand.self, QuestionnairesCommand.self,
            DischargeCommand.self, NoteCommand.self, NotesCommand.self, ClinicCommand.self,
            AuditCommand.self,
        ],
        defaultSubcommand: UICommand.self
    )
}
