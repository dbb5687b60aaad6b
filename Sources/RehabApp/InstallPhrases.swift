import RehabCore

/// Texts about where plans come from (the built-in catalogue and plan folders), in both
/// languages by construction.
extension Phrase {
    private static func pair(_ nl: String, _ en: EnglishText) -> LocalizedText {
        LocalizedText(nl: nl, en: en)
    }

    public static func noPlanFolder(_ path: String) -> LocalizedText {
        pair(
            "plans: '\(path)' is geen map met planbestanden",
            "plans: '\(path)' is not a folder of plan files")
    }

    /// `rehab plans show`: the plan comes with rehab itself.
    public static func planFromBuiltIn() -> LocalizedText {
        pair("Planbestand: ingebouwd in rehab", "Plan file: built into rehab")
    }

    /// `rehab plans show`: the plan comes from a file in a plan folder.
    public static func planFromFile(_ path: String, overridesBuiltIn: Bool) -> LocalizedText {
        pair(
            "Planbestand: \(path)"
                + (overridesBuiltIn ? " (in plaats van het ingebouwde plan)" : ""),
            "Plan file: \(path)" + (overridesBuiltIn ? " (overrides the built-in plan)" : ""))
    }

    /// `rehab plans`: marks a plan read from a plan folder rather than the built-in catalogue.
    public static func fromFolderMark(overridesBuiltIn: Bool) -> LocalizedText {
        overridesBuiltIn
            ? pair("(eigen bestand, vervangt het ingebouwde)", "(own file, overrides the built-in)")
            : pair("(eigen bestand)", "(own file)")
    }
}

extension Phrase {
    /// A mistyped command with near matches: `rehab stauts`.
    public static func unknownCommand(_ word: String, in parent: String, didYouMean: [String])
        -> LocalizedText
    {
        let nl = didYouMean.map { "'\($0)'" }.joined(separator: " of ")
        let en = didYouMean.map { "'\($0)'" }.joined(separator: " or ")
        return LocalizedText(
            nl:
                "'\(parent) \(word)': onbekend commando; bedoelde u \(nl)? (zie '\(parent) --help')",
            en: "'\(parent) \(word)': unknown command; did you mean \(en)? (see '\(parent) --help')"
        )
    }

    /// A command name that resembles none: the commands there are.
    public static func unknownCommand(_ word: String, in parent: String, known: [String])
        -> LocalizedText
    {
        let list = known.joined(separator: ", ")
        return LocalizedText(
            nl: "'\(parent) \(word)': onbekend commando; commando's: \(list)",
            en: "'\(parent) \(word)': unknown command; commands: \(list)")
    }
}
