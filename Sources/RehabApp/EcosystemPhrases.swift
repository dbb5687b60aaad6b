import RehabCore

/// Texts of run-file import, shoes and the config file, in both languages by construction.
extension Phrase {
    private static func pair(_ nl: String, _ en: EnglishText) -> LocalizedText {
        LocalizedText(nl: nl, en: en)
    }

    // MARK: run files

    public static func runsImported(added: Int, duplicates: Int) -> LocalizedText {
        let skipNL =
            duplicates == 0 ? "" : "; \(duplicates) dubbele overgeslagen (zelfde starttijd)"
        let skipEN: EnglishText =
            duplicates == 0
            ? "" : "; skipped \(count: duplicates, "duplicate", "duplicates") (same start time)"
        return pair(
            "\(counted(added, "loop", "lopen")) geïmporteerd\(skipNL)",
            "imported \(count: added, "run", "runs")" + skipEN)
    }

    public static func runsBeforeStart(_ count: Int, start: Day) -> LocalizedText {
        pair(
            "\(counted(count, "loop", "lopen")) van vóór de start van het plan (\(start.iso)) "
                + "overgeslagen",
            "skipped \(count: count, "run", "runs") from before the plan started (\(start.iso))")
    }

    public static func runFilesFailed(_ count: Int) -> LocalizedText {
        pair(
            "\(counted(count, "bestand", "bestanden")) niet te lezen; er is niets geïmporteerd:",
            "\(count: count, "file", "files") could not be read; nothing was imported:")
    }

    public static func runInFuture(_ day: Day, today: Day) -> LocalizedText {
        pair(
            "de loop is op \(day.iso), na vandaag (\(today.iso)); klopt de klok van het horloge?",
            "the run is on \(day.iso), after today (\(today.iso)); is the watch's clock right?")
    }

    public static func painNeededForRuns() -> LocalizedText {
        pair(
            "pain-during en pain-after: verplicht bij het importeren van lopen (0-10), "
                + "bijv. --pain-during 2 --pain-after 1 (dezelfde scores voor elke loop). Of "
                + "importeer in de app, die per loop naar de pijn vraagt: start 'rehab' en kies "
                + "'lopen importeren' (toets i) op Vandaag",
            "pain-during and pain-after: required when importing runs (0-10), "
                + "e.g. --pain-during 2 --pain-after 1 (the same scores for every run). Or "
                + "import in the app, which asks the pain of each run: start 'rehab' and choose "
                + "'import runs' (key i) on Today")
    }

    public static func runOptionsNeedRunFiles() -> LocalizedText {
        pair(
            "--pain-during, --pain-after en --shoe horen bij .gpx- en .tcx-bestanden, "
                + "niet bij een export",
            "--pain-during, --pain-after and --shoe go with .gpx and .tcx files, not with an "
                + "export")
    }

    public static func unsupportedImportFile(_ path: String) -> LocalizedText {
        pair(
            "\(path): dit bestandstype kan rehab niet importeren; gebruik .json of .csv van "
                + "'rehab export', of loopbestanden .gpx en .tcx",
            "\(path): rehab cannot import this kind of file; use .json or .csv from "
                + "'rehab export', or .gpx and .tcx run files")
    }

    public static func mixedImport() -> LocalizedText {
        pair(
            "importeer één exportbestand (.json of .csv) of loopbestanden (.gpx, .tcx), "
                + "niet allebei",
            "import one export file (.json or .csv) or run files (.gpx, .tcx), not both")
    }

    public static func noRunFiles(_ folder: String) -> LocalizedText {
        pair(
            "\(folder): geen .gpx- of .tcx-bestanden in deze map",
            "\(folder): no .gpx or .tcx files in this folder")
    }

    /// The app's Import screen, which takes run files only (`unsupportedImportFile` for the
    /// CLI, which takes exports too).
    public static func notARunFile(_ path: String) -> LocalizedText {
        pair(
            "\(path): geen loopbestand; kies een .gpx- of .tcx-bestand, of een map waarin ze staan",
            "\(path): not a run file; choose a .gpx or .tcx file, or a folder holding them")
    }

    public static func unreadableFolder(_ path: String) -> LocalizedText {
        pair("\(path): kan deze map niet lezen", "\(path): cannot read this folder")
    }

    public static func fitFilesSkipped(_ count: Int) -> LocalizedText {
        pair(
            "\(counted(count, ".fit-bestand", ".fit-bestanden")) overgeslagen: .fit wordt niet "
                + "ondersteund; exporteer als .gpx of .tcx",
            "skipped \(count: count, ".fit file", ".fit files"): .fit is not supported; export "
                + "them as .gpx or .tcx")
    }

    // MARK: shoes

    public static func shoeAdded(_ name: String, startKm: String, retireKm: String)
        -> LocalizedText
    {
        pair(
            "schoen '\(name)' toegevoegd: begint op \(startKm) km, vervangen na \(retireKm) km",
            "added shoe '\(name)': starts at \(startKm) km, retire after \(retireKm) km")
    }

    public static func duplicateShoe(_ name: String) -> LocalizedText {
        pair(
            "shoe: er is al een schoen '\(name)' (namen zijn niet hoofdlettergevoelig)",
            "shoe: there is already a shoe called '\(name)' (names ignore case)")
    }

    public static func noShoes() -> LocalizedText {
        pair(
            "nog geen schoenen; voeg er een toe met 'rehab shoes add NAAM' of loop met "
                + "'rehab log --shoe NAAM'",
            "no shoes yet; add one with 'rehab shoes add NAME' or log a run with "
                + "'rehab log --shoe NAME'")
    }

    public static func shoeColumns() -> [LocalizedText] {
        [
            pair("schoen", "shoe"), pair("km", "km"), pair("start", "start"),
            pair("vervangen na", "retire at"), pair("staat", "state"),
        ]
    }

    // MARK: config

    public static func configInvalid() -> LocalizedText {
        pair(
            "het configuratiebestand bevat fouten; verbeter ze of zet het bestand opzij:",
            "the config file has errors; fix them or move the file aside:")
    }
}
