// Texts of the physio's review: the Notes screen, "changed since my last review" on the
// Patients list and in `rehab patients`, and the app's discharge step.

private func t(_ nl: String, _ en: String) -> LocalizedText { LocalizedText(nl: nl, en: en) }

public enum ReviewPhrase {
    // MARK: Notes

    public static func keyNotes() -> LocalizedText { t("notities", "notes") }
    public static func keyAddNote() -> LocalizedText { t("notitie schrijven", "write a note") }
    public static func contextNotes() -> LocalizedText {
        t("Klinische notities", "Clinical notes")
    }
    public static func notesTitle(_ patient: String, count: Int) -> LocalizedText {
        t("Klinische notities · \(patient) (\(count))", "Clinical notes · \(patient) (\(count))")
    }
    public static func notesExplained() -> LocalizedText {
        t(
            "Nieuwste eerst. Uw laatste notitie geldt als uw laatste beoordeling: de "
                + "patiëntenlijst markeert wat daarna (of op dezelfde dag) is gelogd.",
            "Newest first. Your last note counts as your last review: the Patients list marks "
                + "what was logged after it (or on the same day).")
    }
    public static func notesEmpty(addKey: String) -> LocalizedText {
        t(
            "Nog geen notities. Druk op \(addKey) om de eerste te schrijven.",
            "No notes yet. Press \(addKey) to write the first.")
    }
    public static func noteLabel(_ day: Day) -> LocalizedText {
        t("Notitie van \(day.iso)", "Note of \(day.iso)")
    }
    public static func noteHint(_ max: Int) -> LocalizedText {
        t(
            "Eén regel, tot \(max) tekens. ↵ bewaart, Esc sluit zonder bewaren.",
            "One line, up to \(max) characters. ↵ saves, Esc closes without saving.")
    }
    public static func noteSaved(_ day: Day) -> LocalizedText {
        t("Notitie van \(day.iso) bewaard.", "Note of \(day.iso) saved.")
    }
    public static func noteRow() -> LocalizedText { t("notitie", "note") }

    // MARK: Changed since the last review

    /// The Patients screen's and `rehab patients`' short mark for a changed patient.
    public static func changedMark() -> String { "+" }
    public static func changedLegend() -> LocalizedText {
        t(
            "+ = nieuw sinds uw laatste notitie",
            "+ = new since your last note")
    }
    public static func neverReviewed() -> LocalizedText {
        t("nog geen notitie: alles is nieuw", "no note yet: everything is new")
    }
    public static func sinceReview(_ day: Day) -> LocalizedText {
        t("sinds uw notitie van \(day.iso)", "since your note of \(day.iso)")
    }
    public static func nothingSinceReview(_ day: Day) -> LocalizedText {
        t(
            "niets nieuw sinds uw notitie van \(day.iso)",
            "nothing new since your note of \(day.iso)")
    }
    public static func sessions(_ n: Int) -> LocalizedText {
        n == 1 ? t("1 sessie", "1 session") : t("\(n) sessies", "\(n) sessions")
    }
    public static func mornings(_ n: Int) -> LocalizedText {
        n == 1
            ? t("1 ochtendcheck", "1 morning check")
            : t("\(n) ochtendchecks", "\(n) morning checks")
    }
    public static func measures(_ n: Int) -> LocalizedText {
        n == 1 ? t("1 meting", "1 measure") : t("\(n) metingen", "\(n) measures")
    }
    public static func redFlags(_ n: Int) -> LocalizedText {
        n == 1 ? t("1 alarmsignaal", "1 red flag") : t("\(n) alarmsignalen", "\(n) red flags")
    }
    /// "since your note of 2026-03-01: 2 sessions, 1 red flag", or that nothing is new.
    public static func summary(_ c: ReviewChanges) -> LocalizedText {
        let parts = [
            c.sessions > 0 ? sessions(c.sessions) : nil,
            c.mornings > 0 ? mornings(c.mornings) : nil,
            c.measures > 0 ? measures(c.measures) : nil,
            c.redFlags.isEmpty ? nil : redFlags(c.redFlags.count),
        ].compactMap { $0 }
        func list(_ language: Language) -> String {
            parts.map { $0.text(language) }.joined(separator: ", ")
        }
        guard let day = c.lastReview else {
            let head = neverReviewed()
            return parts.isEmpty
                ? head : t(head.nl + ": " + list(.nl), head.en + ": " + list(.en))
        }
        guard !parts.isEmpty else { return nothingSinceReview(day) }
        let head = sinceReview(day)
        return t(head.nl + ": " + list(.nl), head.en + ": " + list(.en))
    }
    public static func reviewColumn() -> LocalizedText { t("sinds notitie", "since note") }
    public static func measuresColumn() -> LocalizedText { t("metingen", "measures") }
    public static func measureOverdue(_ ids: String) -> LocalizedText {
        t("te laat: \(ids)", "overdue: \(ids)")
    }
    public static func measureDue(_ ids: String) -> LocalizedText {
        t("nu: \(ids)", "due: \(ids)")
    }
}

extension Phrase {
    /// Under `rehab patients`: what "since note" counts, and why the note's own day counts.
    public static func sinceNoteExplained() -> LocalizedText {
        t(
            "sinds notitie: wat er na uw laatste klinische notitie (rehab note) is vastgelegd, "
                + "de dag van de notitie meegeteld (tijden worden niet bewaard); zonder notitie "
                + "telt alles. ! = met alarmsignalen.",
            "since note: what was recorded after your last clinical note (rehab note), the "
                + "note's own day included (times are not stored); without a note everything "
                + "counts. ! = with red flags.")
    }
}

extension Phrase {
    /// `rehab advance --force` without a reason (issue 16): the app asks for one too.
    public static func forceNeedsReason(given: String?) -> LocalizedText {
        let shown = given.map { " (gegeven: '\($0)')" } ?? ""
        let shownEn = given.map { " (given: '\($0)')" } ?? ""
        return t(
            "--reason: geef een reden bij --force\(shown): wie besloot en waarom de "
                + "uitgangscriteria worden overruled (niet leeg, tot \(Validate.maxTextLength) "
                + "tekens); er is niets bewaard",
            "--reason: give a reason with --force\(shownEn): who decided and why the exit "
                + "criteria are overruled (not empty, up to \(Validate.maxTextLength) "
                + "characters); nothing was stored")
    }
}
