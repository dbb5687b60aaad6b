import RehabCore

// Texts of a save on its way to the store (a clinic server over a network can take seconds):
// the notice line while it runs, keys and Ctrl-C that came meanwhile, and the last words.

private func t(_ nl: String, _ en: EnglishText) -> LocalizedText { LocalizedText(nl: nl, en: en) }

extension UIPhrase {
    static func saving() -> LocalizedText { t("opslaan…", "saving…") }

    /// A read that has taken over a second (a server that went away, a reconnect).
    static func waitingForStore() -> LocalizedText {
        t("wachten op de database…", "waiting for the database…")
    }

    /// After "saving…": keys typed meanwhile, applied in order once the store has answered.
    static func keysWait(_ count: Int) -> LocalizedText {
        count == 1
            ? t("(1 toets wacht op het antwoord)", "(1 key waits for the answer)")
            : t(
                "(\(count) toetsen wachten op het antwoord)",
                "(\(count) keys wait for the answer)")
    }

    /// Ctrl-C while saving: held back until the store has answered.
    static func savingThenQuit() -> LocalizedText {
        // Short enough for an 80-column notice line in both languages.
        t(
            "opslaan… Ctrl-C: rehab stopt na het antwoord; nogmaals Ctrl-C stopt meteen",
            "saving… Ctrl-C: rehab quits after the answer; Ctrl-C again quits now")
    }

    /// After a refused save: keys typed while it ran were meant for the screen after a save
    /// that did not happen, so they are not applied to the form that came back.
    static func keysNotApplied(_ count: Int) -> LocalizedText {
        count == 1
            ? t(
                "1 toets die u tijdens het opslaan typte is niet uitgevoerd.",
                "1 key typed while saving was not applied.")
            : t(
                "\(count) toetsen die u tijdens het opslaan typte zijn niet uitgevoerd.",
                "\(count) keys typed while saving were not applied.")
    }

    /// After a refused save that Ctrl-C came during: the app stays, so the refusal is seen.
    static func quitHeldBack() -> LocalizedText {
        t(
            "Ctrl-C is tegengehouden zodat u dit ziet; nogmaals Ctrl-C stopt.",
            "Ctrl-C was held back so you see this; Ctrl-C again quits.")
    }

    /// On stderr after Ctrl-C during a save, once the store had stored it.
    package static func quitAfterSave() -> LocalizedText {
        t(
            "rehab: gestopt met Ctrl-C nadat het opslaan was gelukt.",
            "rehab: quit on Ctrl-C after the save was stored.")
    }

    /// On stderr when a second Ctrl-C ended the app before the store answered.
    static func quitDuringSave() -> LocalizedText {
        t(
            "rehab: gestopt tijdens het opslaan; de laatste wijziging is misschien wel, misschien "
                + "niet bewaard: kijk dat na voor u die opnieuw invoert.",
            "rehab: quit while saving; the last change may or may not be stored: look before "
                + "entering it again.")
    }
}
