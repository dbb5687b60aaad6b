// Texts of the runner's and the physio's daily use of the app: today's log on Today, the
// forms' discard question, undo as a history, the morning checklist, History's other events.

private func t(_ nl: String, _ en: String) -> LocalizedText { LocalizedText(nl: nl, en: en) }

extension UIPhrase {
    public static func confirmDiscardForm() -> LocalizedText {
        t(
            "Het formulier sluiten zonder bewaren? Wat je invulde gaat verloren.",
            "Close the form without saving? What you filled in is lost.")
    }

    /// After `u`: how many earlier changes can still be taken back.
    public static func undoneLeft(_ count: Int) -> LocalizedText {
        switch count {
        case 0: t("Wijziging ongedaan gemaakt.", "Change undone.")
        case 1:
            t(
                "Wijziging ongedaan gemaakt; u maakt nog 1 wijziging ongedaan.",
                "Change undone; u takes back 1 more.")
        default:
            t(
                "Wijziging ongedaan gemaakt; u maakt nog \(count) wijzigingen ongedaan.",
                "Change undone; u takes back \(count) more.")
        }
    }
}
