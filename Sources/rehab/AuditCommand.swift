import ArgumentParser
import Foundation
import RehabCore
import RehabPostgres

/// `rehab audit`: the clinic's access log (NEN 7513), as the login may read it.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: .translated(
            "The clinic's access log: who viewed, changed or exported a patient's record."),
        discussion: .translated(
            """
            Only on a clinic database (--db or REHAB_DB as a postgresql:// URL). A physio sees \
            the log of the patients in their care, a patient who looked at their own record, \
            the administration (rehab_admin) all of it. Times are UTC. --patient narrows it to \
            one patient.
            """))
    @OptionGroup var global: GlobalOptions
    @Option(help: .translated("Only rows from this day on (YYYY-MM-DD, UTC).")) var since: String?
    @Flag(help: .translated("Machine-readable output.")) var json = false

    func run() throws {
        let context = try Context(global)
        let value = context.databasePath
        guard ClinicURL.isClinic(value) else {
            throw context.fail(AuditPhrase.notClinic(value))
        }
        let from = try since.map { try context.date($0, field: "since") }
        let store = try context.openClinic(value, auditOnly: true)
        // Only an explicit --patient narrows the log; the default patient does not.
        let patient = try global.patient.map { _ in try context.resolvePatient(store) }
        let rows = try context.storing {
            try store.accessLog(patientID: patient?.id, since: from)
        }
        if json {
            try context.printJSON(rows)
            return
        }
        if rows.isEmpty { print(context.say(AuditPhrase.empty())) }
        for row in rows {
            let who = row.onBehalfOf.map { "\(row.actor) (\($0))" } ?? row.actor
            let whose = row.patient ?? row.patientID.map { "#\($0)" } ?? "-"
            print([row.at, who, row.action, whose, row.what].joined(separator: "  "))
        }
    }
}

enum AuditPhrase {
    static func notClinic(_ value: String) -> LocalizedText {
        LocalizedText(
            nl: "rehab audit leest het toegangslogboek van een kliniekdatabase; '\(value)' is "
                + "een SQLite-bestand (geef --db of REHAB_DB als postgresql://-URL)",
            en: "rehab audit reads a clinic database's access log; '\(value)' is a SQLite file "
                + "(give --db or REHAB_DB as a postgresql:// URL)")
    }

    static func empty() -> LocalizedText {
        LocalizedText(
            nl: "geen regels in het toegangslogboek die u mag zien",
            en: "no rows of the access log that you may see")
    }
}
