import RehabCore

// Texts of the physio's review: the Notes screen, "changed since my last review" on the
// Patients list and in `rehab patients`, and the app's discharge step.

private func t(_ nl: String, _ en: EnglishText) -> LocalizedText { LocalizedText(nl: nl, en: en) }

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
    static func neverReviewed() -> LocalizedText {
        t("nog geen notitie: alles is nieuw", "no note yet: everything is new")
    }
    public static func sinceReview(_ day: Day) -> LocalizedText {
        t("sinds uw notitie van \(day.iso)", "since your note of \(day.iso)")
    }
    static func nothingSinceReview(_ day: Day) -> LocalizedText {
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
        let list = parts.joined(separator: ", ")
        guard let day = c.lastReview else {
            let head = neverReviewed()
            return parts.isEmpty ? head : t("\(head.nl): \(list.nl)", "\(head): \(list)")
        }
        guard !parts.isEmpty else { return nothingSinceReview(day) }
        let head = sinceReview(day)
        return t("\(head.nl): \(list.nl)", "\(head): \(list)")
    }
    // MARK: Discharge

    public static func dischargedShort() -> LocalizedText { t("ontslagen", "discharged") }
    public static func dischargedOn(_ day: Day, by: String) -> LocalizedText {
        t("Ontslagen op \(day.iso) door \(by).", "Discharged on \(day.iso) by \(by).")
    }
    public static func keyDischarge() -> LocalizedText { t("ontslag", "discharge") }
    public static func dischargeOffer(_ key: String) -> LocalizedText {
        t(
            "Het plan is af: druk op \(key) voor het ontslag (eindmetingen en verslag).",
            "The plan is complete: press \(key) to discharge (final measures and report).")
    }
    public static func dischargeNotComplete(phase: String, number: Int, of: Int)
        -> LocalizedText
    {
        t(
            "Het plan is nog niet af (fase \(number) van \(of): \(phase)). Eerder ontslaan is "
                + "de beslissing van de fysio: rehab discharge --force.",
            "The plan is not complete yet (phase \(number) of \(of): \(phase)). Discharging "
                + "early is the physio's decision: rehab discharge --force.")
    }
    public static func dischargeTitle(_ patient: String) -> LocalizedText {
        t("Ontslag · \(patient)", "Discharge · \(patient)")
    }
    public static func dischargeExplained() -> LocalizedText {
        t(
            "Het verslag (voor en na, fasen, alarmsignalen, notities) is hetzelfde als dat van "
                + "rehab discharge: .md voor Markdown, .html voor HTML. Het bestand wordt nieuw "
                + "gemaakt (0600), nooit over een bestaand bestand heen.",
            "The report (before and after, phases, red flags, notes) is the one rehab "
                + "discharge writes: .md for Markdown, .html for HTML. The file is created new "
                + "(0600), never over a file that is there.")
    }
    public static func dischargeMeasuresDone() -> LocalizedText {
        t("De eindmetingen zijn binnen.", "The final measures are in.")
    }
    public static func dischargeMeasuresMissing(_ ids: String) -> LocalizedText {
        t(
            "Eerst de eindmetingen: \(ids). ↵ opent ze een voor een.",
            "The final measures first: \(ids). ↵ opens them one by one.")
    }
    public static func dischargeMeasuresFirst(_ ids: String) -> LocalizedText {
        t(
            "Eerst de eindmetingen (\(ids)); zonder eindmeting is er geen 'na'.",
            "The final measures first (\(ids)); without a final measure there is no 'after'.")
    }
    public static func dischargedByLabel() -> LocalizedText { t("Ontslagen door", "Discharged by") }
    public static func dischargeFileLabel() -> LocalizedText { t("Verslag naar", "Report to") }
    public static func dischargeHint() -> LocalizedText {
        t(
            "Tab wisselt van veld, ↵ schrijft het verslag en legt het ontslag vast, Esc terug.",
            "Tab switches fields, ↵ writes the report and records the discharge, Esc goes back.")
    }
    public static func dischargeWritten(_ path: String) -> LocalizedText {
        // The path last: on a narrow status line the end of a long sentence is cut off.
        t(
            "Ontslag vastgelegd; verslag (0600): \(path)",
            "Discharge recorded; report (0600): \(path)")
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
    /// `ownNotes`: the reader writes the notes (a physio, a runner on their own); a clinic's
    /// patient reads their physio's.
    public static func sinceNoteExplained(ownNotes: Bool = true) -> LocalizedText {
        guard ownNotes else {
            return t(
                "sinds notitie: wat er na de laatste klinische notitie van uw fysio is "
                    + "vastgelegd, de dag van de notitie meegeteld (tijden worden niet bewaard); "
                    + "zonder notitie telt alles. ! = met alarmsignalen.",
                "since note: what was recorded after your physio's last clinical note, the "
                    + "note's own day included (times are not stored); without a note everything "
                    + "counts. ! = with red flags.")
        }
        return t(
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

/// Physio referrals (see_physio) worded for who is at the keyboard (issue 16).
extension ReviewPhrase {
    public static func keyReferralExamined() -> LocalizedText {
        t("verwijzing naar fysio: onderzocht vastleggen", "physio referral: record the examination")
    }
    public static func referralForPhysio(_ questions: String, key: String) -> LocalizedText {
        t(
            "Verwijzing naar de fysio open (\(questions)). U bent de fysio: onderzoek het en leg "
                + "met \(key) vast wat u vond. Het plan gaat door, zonder op te bouwen.",
            "Physio referral open (\(questions)). You are the physio: examine it, then record "
                + "what you found with \(key). The plan goes on, without increasing.")
    }
    public static func referralForRunner(_ questions: String, key: String) -> LocalizedText {
        t(
            "Verwijzing naar de fysio open (\(questions)): laat uw fysio ernaar kijken. Heeft die "
                + "dat gedaan, leg het dan vast met \(key).",
            "Physio referral open (\(questions)): have your physio look at it. Once they have, "
                + "record it with \(key).")
    }
    public static func referralForYou(_ question: String) -> LocalizedText {
        t(
            "Verwijzing naar u als fysio (geen arts nodig): \(question)",
            "Referral to you as the physio (no doctor needed): \(question)")
    }
    public static func noReferralOpen() -> LocalizedText {
        t("Er staat geen verwijzing naar de fysio open.", "No physio referral is open.")
    }
    public static func examinedTitle() -> LocalizedText {
        t("Verwijzing naar de fysio", "Physio referral")
    }
    public static func examinedPromptPhysio() -> LocalizedText {
        t(
            "U hebt het onderzocht: wat vond u? (wordt met uw onderzoek vastgelegd)",
            "You examined it: what did you find? (recorded as your examination)")
    }
    public static func examinedPromptRunner() -> LocalizedText {
        t(
            "Uw fysio heeft ernaar gekeken: wie, en wat zei die?",
            "Your physio looked at it: who, and what did they say?")
    }
    public static func examinedByPhysio(_ finding: String) -> LocalizedText {
        t("Onderzocht door de fysio: \(finding)", "Examined by the physio: \(finding)")
    }
    public static func seenByPhysio(_ finding: String) -> LocalizedText {
        t("Gezien door de fysio: \(finding)", "Seen by the physio: \(finding)")
    }
    public static func examinedNotice() -> LocalizedText {
        t("Vastgelegd: de verwijzing is afgehandeld.", "Recorded: the referral is dealt with.")
    }
}
