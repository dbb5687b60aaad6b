import RehabCore

// Texts of the app's run import and of the key bindings from config.yaml.

private func t(_ nl: String, _ en: EnglishText) -> LocalizedText { LocalizedText(nl: nl, en: en) }

extension UIPhrase {
    // MARK: import runs

    static func keyImportRuns() -> LocalizedText { t("lopen importeren", "import runs") }
    static func importTitle() -> LocalizedText { t("Lopen importeren", "Import runs") }
    static func importRunTitle(_ number: Int, of count: Int) -> LocalizedText {
        t(
            "Lopen importeren · loop \(number) van \(count)",
            "Import runs · run \(number) of \(count)")
    }
    static func importPathLabel() -> LocalizedText { t("Bestand of map", "File or folder") }
    static func importPathHint() -> LocalizedText {
        t(
            "Een .gpx- of .tcx-bestand, of een map waarin ze staan (~ is uw thuismap). Daarna "
                + "vraagt rehab per loop de pijnscores; er wordt pas iets opgeslagen na de laatste.",
            "A .gpx or .tcx file, or a folder holding them (~ is your home folder). Then rehab "
                + "asks the pain scores of each run; nothing is stored until the last one.")
    }
    static func importPathRequired() -> LocalizedText {
        t(
            "typ het pad van een .gpx- of .tcx-bestand, of van een map",
            "type the path of a .gpx or .tcx file, or of a folder")
    }
    static func noSuchPath(_ path: String) -> LocalizedText {
        t("\(path): bestand of map bestaat niet", "\(path): no such file or folder")
    }

    /// "1 already there (same start time) · 2 from before the plan started"; empty when both
    /// are 0.
    static func skippedParts(already: Int, beforeStart: Int) -> LocalizedText {
        var parts: [LocalizedText] = []
        if already > 0 {
            parts.append(
                t(
                    "\(already) \(already == 1 ? "stond" : "stonden") er al (zelfde starttijd)",
                    "\(already) already there (same start time)"))
        }
        if beforeStart > 0 {
            parts.append(
                t(
                    "\(beforeStart) van vóór de start van het plan",
                    "\(beforeStart) from before the plan started"))
        }
        return parts.joined(separator: " · ")
    }

    static func noNewRuns(already: Int, beforeStart: Int) -> LocalizedText {
        let parts = skippedParts(already: already, beforeStart: beforeStart)
        guard !parts.en.isEmpty else {
            return t("Geen nieuwe lopen om te importeren", "No new runs to import")
        }
        return t(
            "Geen nieuwe lopen om te importeren: \(parts.nl)", "No new runs to import: \(parts)")
    }

    /// The runs left out of the questions, for the runs screen; nil when none were.
    static func importSkipped(already: Int, beforeStart: Int) -> LocalizedText? {
        let parts = skippedParts(already: already, beforeStart: beforeStart)
        guard !parts.en.isEmpty else { return nil }
        return t("Niet gevraagd: \(parts.nl)", "Not asked: \(parts)")
    }

    static func importRunHint() -> LocalizedText {
        t(
            "Enter: volgende loop; bij de laatste importeert Enter ze allemaal. Esc: terug naar "
                + "het pad.",
            "Enter: next run; on the last run Enter imports them all. Esc: back to the path.")
    }

    static func runsImportedNotice(added: Int, already: Int, beforeStart: Int)
        -> LocalizedText
    {
        let early = beforeStart == 0
        return t(
            "\(added) geïmporteerd, \(already) \(already == 1 ? "stond" : "stonden") er al"
                + (early ? "" : ", \(beforeStart) van vóór de start van het plan overgeslagen"),
            "\(added) imported, \(already) already there"
                + (early ? "" : ", \(beforeStart) from before the plan started left out"))
    }

    // MARK: key bindings

    package static func keyClash(action: String, key: String, other: String, context: String)
        -> LocalizedText
    {
        t(
            "keys.\(action): '\(key)' is al de toets voor \(other) (\(context)); kies een andere "
                + "toets, of geef \(other) ook andere toetsen",
            "keys.\(action): '\(key)' is already the key of \(other) (\(context)); choose another "
                + "key, or rebind \(other) too")
    }
}
