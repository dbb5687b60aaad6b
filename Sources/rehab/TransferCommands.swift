import ArgumentParser
import Foundation
import RehabCore
import RehabFiles

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: .translated(
            "Export every patient, plan, session, check, clearing and shoe as JSON or CSV."))
    @OptionGroup var global: GlobalOptions
    @Option(
        help: .translated(
            "csv or json; else --output's ending (.csv, .json); else json with --all."))
    var format: String?
    @Flag(
        help: .translated(
            """
            Every table: patients, plans and overrides, phase changes, sessions, morning checks, \
            flag clearings, shoes (JSON unless --format csv or an --output ending in .csv).
            """))
    var all = false
    @OptionGroup var file: OutputOptions

    func run() throws {
        let context = try Context(global)
        // Either format exports every table; --all says so explicitly and picks JSON. A file
        // named x.csv gets CSV: `rehab import` reads a file by its ending, so an export must
        // not end in one format and hold the other.
        let output = file.output
        let ending = output.map { ($0 as NSString).pathExtension.lowercased() }
        let named = ending.flatMap { ["csv", "json"].contains($0) ? $0 : nil }
        // "CSV" is csv, as the ending ".CSV" is.
        let format = self.format?.lowercased()
        if let format, let named, let output, format != named {
            throw context.fail(Phrase.formatAgainstEnding(format, file: output, ending: named))
        }
        guard let format = format ?? named ?? (all ? "json" : nil) else {
            let message = "rehab: " + context.say(Phrase.formatOrAll()) + "\n"
            writeError(message)
            throw ExitCode(2)
        }
        guard ["csv", "json"].contains(format) else {
            throw context.fail(Phrase.unknownFormat(format))
        }
        let store = try context.openStore()
        let archive = try context.storing { try store.exportAll() }
        let text = format == "json" ? try ArchiveCodec.json(archive) : ArchiveCodec.csv(archive)
        guard let output else {
            emitData(text, json: format == "json")
            return
        }
        try context.writeUserFile(text, to: output, force: file.force)
        writeError((context.say(Phrase.exported(output)) + "\n"))
    }
}
