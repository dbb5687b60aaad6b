import RehabCore

// Phrases of the commands that copy or remove a whole patient or database: `rehab backup`,
// `rehab patients delete`, `rehab export --all`. Both languages by construction.

extension Phrase {
    /// What a patient's deletion would remove, for the refusal without --yes and the receipt.
    static func patientContents(
        plan: String?, sessions: Int, mornings: Int, clearings: Int, shoes: Int
    ) -> LocalizedText {
        let planNL = plan.map { "plan \($0), " } ?? ""
        let planEN = plan.map { "plan \($0), " } ?? ""
        return LocalizedText(
            nl: "\(planNL)sessies: \(sessions), ochtendchecks: \(mornings), "
                + "vrijgaven van rode vlaggen: \(clearings), schoenen: \(shoes)",
            en: "\(planEN)sessions: \(sessions), morning checks: \(mornings), "
                + "red-flag clearings: \(clearings), shoes: \(shoes)")
    }

    static func deleteNeedsYes(_ name: String, contents: LocalizedText) -> LocalizedText {
        LocalizedText(
            nl: "yes: verwijderen van '\(name)' wist de patiënt en alles wat erbij hoort ("
                + contents.nl + "); dit kan niet ongedaan worden; bevestig met --yes",
            en: "yes: deleting '\(name)' removes the patient and everything stored about them ("
                + contents.en + "); this cannot be undone; confirm with --yes")
    }

    /// `fileRewritten`: a SQLite file, rewritten so no deleted page keeps the data; a clinic's
    /// server keeps its own files.
    static func patientDeleted(_ name: String, contents: LocalizedText, fileRewritten: Bool)
        -> LocalizedText
    {
        guard fileRewritten else {
            return LocalizedText(
                nl: "'\(name)' verwijderd (\(contents.nl))", en: "deleted '\(name)' (\(contents))")
        }
        return LocalizedText(
            nl: "'\(name)' verwijderd (\(contents.nl)); het databasebestand is opnieuw geschreven",
            en: "deleted '\(name)' (\(contents)); the database file was rewritten")
    }

    static func noDatabase(_ path: String) -> LocalizedText {
        LocalizedText(
            nl: "db: er is geen database in \(path); niets om te kopiëren",
            en: "db: there is no database at \(path); nothing to copy")
    }

    static func backupWritten(_ path: String, patients: Int, sessions: Int)
        -> LocalizedText
    {
        LocalizedText(
            nl: "kopie geschreven naar \(path): \(counted(patients, "patiënt", "patiënten")), "
                + counted(sessions, "sessie", "sessies"),
            en: "backup written to \(path): \(count: patients, "patient", "patients"), "
                + "\(count: sessions, "session", "sessions")")
    }

    static func formatOrAll() -> LocalizedText {
        LocalizedText(
            nl: "format: kies --format csv of --format json, of --all (alles als JSON)",
            en: "format: choose --format csv or --format json, or --all (everything as JSON)")
    }

    static func formatAgainstEnding(_ format: String, file: String, ending: String)
        -> LocalizedText
    {
        LocalizedText(
            nl: "format: --format \(format) past niet bij \(file), dat op .\(ending) eindigt, en "
                + "rehab import leest een bestand naar zijn einde; kies --format \(ending) of een "
                + "naam op .\(format)",
            en: "format: --format \(format) does not match \(file), which ends in .\(ending), and "
                + "rehab import reads a file by its ending; choose --format \(ending) or a name "
                + "ending in .\(format)")
    }
}
