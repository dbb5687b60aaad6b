import RehabCore

// Labels of the full-screen app's Progress screen and its keys, in both languages.

private func t(_ nl: String, _ en: EnglishText) -> LocalizedText { LocalizedText(nl: nl, en: en) }

extension UIPhrase {
    static func tabProgress() -> LocalizedText { t("Voortgang", "Progress") }

    // MARK: span and sections

    static func spanLabel() -> LocalizedText { t("Periode:", "Span:") }
    static func spanEightWeeks() -> LocalizedText { t("8 weken", "8 weeks") }
    static func spanSixMonths() -> LocalizedText { t("6 maanden", "6 months") }
    static func spanAll() -> LocalizedText { t("alles", "all") }

    /// "weeks 3-10 of 61" when the whole history does not fit the width.
    static func weeksShown(_ first: Int, _ last: Int, of total: Int) -> LocalizedText {
        t("week \(first)-\(last) van \(total)", "weeks \(first)-\(last) of \(total)")
    }

    static func loadChartTitle(units: String, cap: String, today: String)
        -> LocalizedText
    {
        t(
            "Belasting per week (\(units)): \(cap) grens (+10 %), ! boven de grens, "
                + "\(today) vandaag",
            "Load per week (\(units)): \(cap) cap (+10 %), ! over the cap, \(today) today")
    }

    static func phasesLegend() -> LocalizedText { t("Fasen:", "Phases:") }

    static func painPerDayTitle(
        during: String, after: String, morning: String,
        both: String
    ) -> LocalizedText {
        t(
            "Pijn per dag (0-10): \(during) tijdens, \(after) na, \(morning) volgende ochtend, "
                + "\(both) samen",
            "Pain per day (0-10): \(during) during, \(after) after, \(morning) next morning, "
                + "\(both) together")
    }

    static func painPerWeekTitle(
        during: String, after: String, morning: String,
        both: String
    ) -> LocalizedText {
        t(
            "Hoogste pijn per week (0-10): \(during) tijdens, \(after) na, \(morning) volgende "
                + "ochtend, \(both) samen",
            "Highest pain per week (0-10): \(during) during, \(after) after, \(morning) next "
                + "morning, \(both) together")
    }

    static func adherenceRowsTitle() -> LocalizedText {
        t(
            "Therapietrouw per week, gedaan/gevraagd: S sessies, O oefeningen",
            "Adherence per week, done/asked: S sessions, E exercises")
    }

    /// The one-letter row names the adherence title explains: sessions, then exercises.
    static func adherenceMarks() -> LocalizedText { t("S O", "S E") }

    /// The week-classification row of plans with a maintenance phase (seed 004).
    static func weekClassTitle() -> LocalizedText {
        t(
            "W week: ok = gezond, laag = te weinig (onder 150 min matig actief), "
                + "over = overbelast (2+ keer de ochtend erna erger)",
            "W week: ok = healthy, low = too little (under 150 min of moderate activity), "
                + "over = overloading (worse next morning 2+ times)")
    }

    /// Row name, then the short marks for healthy, too little and overloading.
    static func weekClassMarks() -> LocalizedText { t("W ok laag over", "W ok low over") }

    static func acuteChronicOn(_ day: Day, ratio: String, unit: String) -> LocalizedText {
        t(
            "Acuut:chronische belasting (EWMA 7/28 dagen, \(unit)) op \(day.iso): \(ratio). "
                + "Alleen ter informatie: omstreden (Impellizzeri 2020), en na een rustfase "
                + "schiet de verhouding omhoog.",
            "Acute:chronic load (EWMA 7/28 days, \(unit)) on \(day.iso): \(ratio). "
                + "Information only: disputed (Impellizzeri 2020), and it blows up after a "
                + "rest phase.")
    }

    static func acuteChronicNotYet(_ day: Day) -> LocalizedText {
        t(
            "Acuut:chronische belasting (EWMA 7/28 dagen) op \(day.iso): pas na 28 dagen "
                + "gegevens.",
            "Acute:chronic load (EWMA 7/28 days) on \(day.iso): needs 28 days of data.")
    }

    static func sectionLoad() -> LocalizedText { t("belasting", "load") }
    static func sectionPain() -> LocalizedText { t("pijn", "pain") }
    static func sectionAdherence() -> LocalizedText { t("therapietrouw", "adherence") }
    static func sectionRatio() -> LocalizedText { t("acuut:chronisch", "acute:chronic") }

    /// The last row when the charts go on below the screen.
    static func moreBelow(_ sections: String) -> LocalizedText {
        t("↓ j: verder naar beneden: \(sections)", "↓ j: more below: \(sections)")
    }

    // MARK: keys

    static func keySpan() -> LocalizedText { t("periode", "span") }
    static func keySpanDirect() -> LocalizedText {
        t(
            "periode: 1 = 8 weken, 2 = 6 maanden, 3 = alles",
            "span: 1 = 8 weeks, 2 = 6 months, 3 = all")
    }
    static func keyOlderWeek() -> LocalizedText { t("week terug", "week back") }
    static func keyNewerWeek() -> LocalizedText { t("week vooruit", "week forward") }
    static func keyOlderPage() -> LocalizedText { t("pagina terug", "page back") }
    static func keyNewerPage() -> LocalizedText { t("pagina vooruit", "page forward") }
    static func keyFirstWeek() -> LocalizedText { t("eerste week", "first week") }
    static func keyThisWeek() -> LocalizedText { t("deze week", "this week") }
}
