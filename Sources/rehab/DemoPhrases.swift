import RehabCore

// Messages of `rehab demo` for long histories and clinics, in both languages.

private func t(_ nl: String, _ en: EnglishText) -> LocalizedText { LocalizedText(nl: nl, en: en) }

extension Phrase {
    static func demoClinicCreated(
        patients: Int, years: Int, sessions: Int, mornings: Int, path: String
    ) -> LocalizedText {
        t(
            "\(patients) demopatiënten met elk \(years) jaar geschiedenis toegevoegd: "
                + "\(sessions) sessies en \(mornings) ochtendchecks in \(path)",
            "added \(patients) demo patients with \(years) years of history each: "
                + "\(sessions) sessions and \(mornings) morning checks in \(path)")
    }

    static func demoNamesTaken(_ names: [String]) -> LocalizedText {
        let list = names.prefix(5).joined(separator: ", ") + (names.count > 5 ? ", ..." : "")
        return t(
            "deze demopatiënten bestaan al in deze database: \(list); kies een andere --seed "
                + "of een lege database",
            "these demo patients already exist in this database: \(list); choose another "
                + "--seed or an empty database")
    }
}
