import ArgumentParser
import Foundation
import RehabApp
import RehabCore
import RehabPlans
import RehabStorage

/// `rehab discharge`: once the plan is complete (or the physio ends it with --force) and the
/// discharge measures are in, a report of before and after, the phases and the red flags.
struct DischargeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "discharge",
        abstract: .translated(
            "A discharge report (Markdown or HTML): measures before and after, phases, flags.")
    )
    @OptionGroup var global: GlobalOptions
    @OptionGroup var questionnaireFolder: QuestionnaireFolder
    @Option(help: .translated("md or html (default md).")) var format: String?
    @Option(help: .translated("Write to this file (0600) instead of stdout.")) var output: String?
    @Flag(help: .translated("Discharge before the plan is complete (the physio's decision)."))
    var force = false
    @Flag(help: .translated("Replace --output if it exists.")) var replace = false
    @Option(
        help: .translated(
            "Who discharges the patient, recorded with the date (default: your login name)."))
    var by: String?

    func run() throws {
        let context = try Context(global)
        let kind = try context.reportFormat(format)
        let who = try context.check {
            try Validate.name(
                by ?? context.environment["USER"] ?? context.environment["LOGNAME"] ?? "unknown",
                field: "by")
        }
        let shelf = try MeasureShelf(context: context, folder: questionnaireFolder.questionnaires)
        let store = try context.openStore()
        let followed = try context.followedPlan(store)
        let today = context.today
        let status = followed.status(on: today)
        let complete = status.suggestions.contains { $0.code == .planComplete }
        guard complete || force else {
            throw context.fail(
                DischargePhrase.notComplete(
                    phase: status.phase.phase.names.text(context.language),
                    number: status.phase.number, of: status.phase.of))
        }
        let records = try context.storing { try store.measurements(patientID: followed.patient.id) }
        // The final measures are asked before the report: without them there is no "after".
        let missing = DischargeReport.finalMeasuresDue(
            plan: followed.plan, assignment: followed.assignment, measurements: records,
            today: today)
        guard missing.isEmpty else {
            throw context.fail(DischargePhrase.measureFirst(missing.map(\.instrument)))
        }
        let notes = try context.storing { try store.notes(patientID: followed.patient.id) }
        let report = DischargeReport(
            followed: followed, status: status, records: records, notes: notes,
            instruments: shelf.all, language: context.language, today: today, forced: !complete)
        let text = kind == "html" ? report.html() : report.markdown()
        if let output {
            try context.writeUserFile(text, to: output, force: replace)
            print(context.say(Phrase.reportWritten(output)))
        } else {
            print(text, terminator: "")
        }
        // Recorded once the report exists, so the Patients list says "discharged".
        try context.storing {
            try store.setDischarge(
                patientID: followed.patient.id, Discharge(date: today, by: who, early: !complete))
        }
    }
}

/// The outcome measures and notes in `rehab report`.
enum MeasureReportLines {
    static func lines(
        store: any RehabRepository, patientID: Int64, shelf: MeasureShelf, context: Context
    )
        throws -> (measures: [String], notes: [String])
    {
        let records = try context.storing { try store.measurements(patientID: patientID) }
        let notes = try context.storing { try store.notes(patientID: patientID) }
        let language = context.language
        let ids = records.map(\.instrument).reduce(into: [String]()) {
            if !$0.contains($1) { $0.append($1) }
        }
        let measures = ids.compactMap { id -> String? in
            guard let i = shelf.known(id), let course = MeasureCourse.of(i, in: records) else {
                return nil
            }
            let span = "\(course.points.first?.day.iso ?? "")–\(course.points.last?.day.iso ?? "")"
            return "\(i.names.text(language)) (\(span)): \(MeasureText.course(course, language))"
                + " · \(MeasureText.mcid(i, language))"
        }
        return (measures, notes.map { "\($0.date.iso): \($0.text)" })
    }

    static func sections(_ d: ReportData) -> [(String, [String])] {
        [
            (d.say(DischargePhrase.measuresSection()), d.measureLines),
            (d.say(DischargePhrase.notesSection()), d.noteLines),
        ]
    }
}
