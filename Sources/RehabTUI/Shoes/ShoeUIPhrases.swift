import RehabCore

// Texts of the app's Shoes screen and its add-a-shoe form.

private func t(_ nl: String, _ en: EnglishText) -> LocalizedText { LocalizedText(nl: nl, en: en) }

extension UIPhrase {
    // MARK: keys

    static func contextShoes() -> LocalizedText { t("Schoenen", "Shoes") }
    static func keyShoes() -> LocalizedText { t("schoenen", "shoes") }
    static func keyAddShoe() -> LocalizedText { t("schoen toevoegen", "add a shoe") }

    // MARK: the list

    static func shoesTitle(_ count: Int) -> LocalizedText {
        t("Schoenen (\(count))", "Shoes (\(count))")
    }
    static func shoesExplained(wornFrom: String) -> LocalizedText {
        t(
            "Km per schoen: de begin-km plus elke loop die ermee is gelogd. Versleten vanaf "
                + "\(wornFrom) km, vervangen voorbij de eigen grens.",
            "Km per shoe: its start km plus every run logged with it. Worn from \(wornFrom) "
                + "km, replace past its own mark.")
    }
    static func shoeTableColumns() -> [LocalizedText] {
        [
            t("Schoen", "Shoe"), t("Begin", "Start"), t("Totaal", "Total"),
            t("Grens", "Retire"), t("Slijtage", "Wear"), t("Staat", "State"),
        ]
    }
    static func shoesEmpty(addKey: String, logKey: String) -> LocalizedText {
        t(
            "Nog geen schoenen. Met \(addKey) voegt u er een toe (naam, km die er al op staan, "
                + "vervangen na 600-800 km); daarna kiest u hem per loop in het logformulier "
                + "(\(logKey)).",
            "No shoes yet. Press \(addKey) to add one (name, km already on it, retire after "
                + "600-800 km); then pick it per run in the log form (\(logKey)).")
    }
    /// The selected shoe while it is fine; worn and retired shoes say their warning instead.
    static func shoeFineDetail(_ name: String, km: String, toWorn: String, retire: String)
        -> LocalizedText
    {
        t(
            "'\(name)' staat op \(km) km: nog \(toWorn) km tot de demping afneemt (600 km); "
                + "vervangen na \(retire) km.",
            "'\(name)' is at \(km) km: \(toWorn) km to go before the cushioning fades "
                + "(600 km); retire after \(retire) km.")
    }
    /// Left of the wear bar: the share of the retire mark used up.
    static func shoeShare(_ percent: Int) -> LocalizedText {
        t("\(percent) %", "\(percent)%")
    }

    // MARK: the form

    static func addShoeTitle() -> LocalizedText { t("Nieuwe schoen", "New shoe") }
    static func shoeStartKmLabel() -> LocalizedText { t("Begin-km", "Start km") }
    static func shoeRetireKmLabel() -> LocalizedText {
        t("Vervangen na km", "Retire after km")
    }
    static func addShoeHint() -> LocalizedText {
        t(
            "Begin-km: wat er al op staat, 0-100000 (leeg is 0). Vervangen na: 600-800 km "
                + "(leeg is 700). Tab naar het volgende veld, Enter bewaart, Esc annuleert.",
            "Start km: what is already on it, 0-100000 (empty is 0). Retire after: 600-800 km "
                + "(empty is 700). Tab to the next field, Enter saves, Esc cancels.")
    }
    static func shoeAddedNotice(_ name: String, logKey: String) -> LocalizedText {
        t(
            "Schoen '\(name)' toegevoegd; kies hem per loop in het logformulier (\(logKey)).",
            "Added shoe '\(name)'; pick it per run in the log form (\(logKey)).")
    }
}
