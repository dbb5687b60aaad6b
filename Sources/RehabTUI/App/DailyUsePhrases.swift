import RehabCore

// Texts of the runner's and the physio's daily use of the app: today's log on Today, the
// forms' discard question, undo as a history, the morning checklist, History's other events.

private func t(_ nl: String, _ en: EnglishText) -> LocalizedText { LocalizedText(nl: nl, en: en) }

extension UIPhrase {
    static func confirmDiscardForm() -> LocalizedText {
        t(
            "Het formulier sluiten zonder bewaren? Wat u invulde gaat verloren.",
            "Close the form without saving? What you filled in is lost.")
    }

    static func loggedTodayLabel() -> LocalizedText {
        t("Vandaag genoteerd", "Logged today")
    }
    static func nothingLoggedToday() -> LocalizedText { t("nog niets", "nothing yet") }
    static func morningLogged(_ pain: Int) -> LocalizedText {
        t("ochtendcheck \(pain)/10", "morning check \(pain)/10")
    }
    static func tickExercisesHint(_ key: String) -> LocalizedText {
        t(
            "\(key): oefeningen afvinken (noteert een sessie oefeningen; vink uit wat u oversloeg)",
            "\(key): tick off exercises (logs an exercises session; untick what you skipped)")
    }
    static func fieldExercises() -> LocalizedText { t("Oefeningen", "Exercises") }
    /// After a save the store refused: the form is back.
    static func entryKept() -> LocalizedText {
        t(
            "Niet bewaard; wat u invulde staat er nog, Enter probeert opnieuw:",
            "Not saved; what you typed is still here, Enter tries again:")
    }
    static func tickAnExercise() -> LocalizedText {
        t(
            "vink minstens één oefening aan (spatie), of noteer een andere activiteit",
            "tick at least one exercise (space), or log another activity")
    }
    static func keyExercisesDone() -> LocalizedText {
        t("oefeningen van vandaag afvinken", "tick off today's exercises")
    }
    static func noExercisesToday() -> LocalizedText {
        t("Deze fase schrijft geen oefeningen voor.", "This phase prescribes no exercises.")
    }
    /// On the last row of a screen whose text goes on below it.
    static func moreTextBelow(_ key: String) -> LocalizedText {
        t("meer: \(key)", "more: \(key)")
    }

    static func morningFlagsHeading(_ ticked: Int) -> LocalizedText {
        t(
            "Alarmsignalen: vink aan wat u merkt (\(ticked) aangevinkt)",
            "Red flags: tick what you notice (\(ticked) ticked)")
    }
    static func otherFlags(_ count: Int) -> LocalizedText {
        t(
            "andere alarmsignalen (\(count), van andere blessures): spatie toont ze",
            "other red flags (\(count), of other injuries): space shows them")
    }
    static func morningHint() -> LocalizedText {
        t(
            "Tab/↑↓ volgende regel · cijfers = pijn · spatie = aanvinken · Enter bewaren · "
                + "Esc terug",
            "Tab/↑↓ next row · digits = pain · space = tick · Enter save · Esc back")
    }

    static func fieldHopTest() -> LocalizedText { t("Hinktest (aantal)", "Hop test (hops)") }
    static func fieldCalfRaises() -> LocalizedText {
        t("Kuitheffingen (aantal)", "Calf raises (count)")
    }

    /// A verdict's main reason in a few words, for the Patients list.
    static func reasonShort(_ code: ReasonCode) -> LocalizedText {
        switch code {
        case .redFlag: t("alarmsignaal", "red flag")
        case .painAboveLimit: t("pijn > grens", "pain > limit")
        case .painLasted: t("pijn bleef", "pain lasted")
        case .worseNextMorning: t("ochtend erger", "morning worse")
        case .morningAboveLimit: t("ochtend > grens", "morning > limit")
        case .morningAboveSafe: t("ochtend > veilig", "morning > safe")
        case .worseWeekToWeek: t("week erger", "week worse")
        case .painDuringAboveSafe: t("pijn tijdens", "pain during")
        case .painAfterAboveSafe: t("pijn na", "pain after")
        case .activityNotAllowed: t("niet toegestaan", "not allowed")
        case .runEveryOtherDay: t("dag na dag", "runs back-to-back")
        case .weeklyLoadOverCap: t("boven weekgrens", "over weekly cap")
        case .sessionSpike: t("piek in duur", "run spike")
        case .returnAfterLayoff: t("na pauze", "after layoff")
        case .phaseOverdue: t("fase over tijd", "phase overdue")
        case .noRecentLog: t("niets gelogd", "no recent log")
        case .noImprovement: t("geen verbetering", "no improvement")
        case .seePhysio: t("naar fysio", "see physio")
        case .nothingLoggedYet: t("nog niets", "nothing yet")
        }
    }
    static func sinceDay(_ day: Day) -> LocalizedText {
        t("sinds \(day.iso)", "since \(day.iso)")
    }

    static func keyForceAdvance() -> LocalizedText {
        t("toch door naar de volgende fase (met reden)", "advance anyway (with a reason)")
    }
    static func forceHint(_ key: String) -> LocalizedText {
        t(
            "Een fysio kan toch doorgaan met \(key) en een reden.",
            "A physio can advance anyway with \(key) and a reason.")
    }
    static func forceTitle() -> LocalizedText {
        t("Toch door naar de volgende fase", "Advance anyway")
    }
    static func forcePrompt(_ phase: String) -> LocalizedText {
        t(
            "Door naar \(phase) terwijl de exitcriteria niet gehaald zijn. Wie besluit dit en "
                + "waarom? De reden wordt bewaard. Enter bevestigt.",
            "Move on to \(phase) although the exit criteria are not met. Who decides this, and "
                + "why? The reason is recorded. Enter confirms.")
    }
    static func forcedNotice() -> LocalizedText {
        t("Doorgegaan; de reden is bewaard.", "Advanced; the reason is recorded.")
    }

    static func eventNotEditable() -> LocalizedText {
        t(
            "Fasewissels en vrijgaven staan vast; alleen trainingen en ochtendchecks zijn te wijzigen.",
            "Phase changes and clearings are a record; only sessions and morning checks change.")
    }
    static func phaseEvent(_ phase: String, reason: PhaseChangeReason, note: String?)
        -> LocalizedText
    {
        let extra = note.map { ": \($0)" } ?? ""
        switch reason {
        case .start: return t("▶ begin: \(phase)", "▶ start: \(phase)")
        case .advance: return t("▶ door naar \(phase)", "▶ on to \(phase)")
        case .stepBack: return t("◀ terug naar \(phase)", "◀ back to \(phase)")
        case .forced:
            return t("▶ toch door naar \(phase)\(extra)", "▶ on to \(phase), forced\(extra)")
        }
    }
    static func clearingEvent(_ reason: String) -> LocalizedText {
        t("✓ alarmsignalen vrijgegeven: \(reason)", "✓ red flags cleared: \(reason)")
    }

    static func keySearch() -> LocalizedText {
        t("zoeken (notities, activiteit, datum)", "search (notes, activity, date)")
    }
    static func searchNotFound(_ query: String) -> LocalizedText {
        t("Niets gevonden voor '\(query)'.", "Nothing found for '\(query)'.")
    }

    static func questionsIntroPhysio(_ patient: String) -> LocalizedText {
        t(
            "Vraag het \(patient), of beantwoord het na uw eigen onderzoek. Bij ja start het plan "
                + "niet en ziet u wat er moet gebeuren.",
            "Ask \(patient), or answer from your own examination. A yes means the plan does not "
                + "start, and you see what should happen.")
    }

    static func keyExamined() -> LocalizedText {
        t("onderzocht, niet aanwezig", "examined, not present")
    }
    static func answerHintPhysio() -> LocalizedText {
        t(
            "y = ja, n = nee, e = door mij onderzocht, niet aanwezig",
            "y = yes, n = no, e = examined by me, not present")
    }
    static func examinedNote(_ flags: String) -> LocalizedText {
        t(
            "Alarmsignalen door de fysio onderzocht voor de start, niet aanwezig: \(flags)",
            "Red flags examined by the physio before the start, not present: \(flags)")
    }

    /// After `u`: how many earlier changes can still be taken back.
    static func undoneLeft(_ count: Int) -> LocalizedText {
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
