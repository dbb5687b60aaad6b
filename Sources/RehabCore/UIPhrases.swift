/// Labels of the full-screen app, in both languages by construction (every phrase is a
/// `LocalizedText`). Rule messages live in `Messages`, command-line texts in `Phrase`.
public enum UIPhrase {
    private static func t(_ nl: String, _ en: String) -> LocalizedText {
        LocalizedText(nl: nl, en: en)
    }

    // MARK: tabs and titles

    public static func tabToday() -> LocalizedText { t("Vandaag", "Today") }
    public static func tabPlan() -> LocalizedText { t("Plan", "Plan") }
    public static func tabHistory() -> LocalizedText { t("Logboek", "History") }
    public static func logTitle() -> LocalizedText { t("Training noteren", "Log a session") }
    public static func editTitle() -> LocalizedText { t("Training wijzigen", "Edit a session") }
    public static func morningTitle(_ day: Day) -> LocalizedText {
        t("Ochtendcheck \(day.iso)", "Morning check \(day.iso)")
    }
    public static func helpTitle() -> LocalizedText { t("Toetsen", "Keys") }
    public static func patientsTitle() -> LocalizedText {
        t("Kies een patiënt", "Choose a patient")
    }
    public static func languageTitle() -> LocalizedText {
        t("Taal / Language", "Language / Taal")
    }
    public static func roleTitle() -> LocalizedText {
        t("Wie gebruikt rehab?", "Who is using rehab?")
    }
    public static func roleRunner() -> LocalizedText {
        t("Hardloper (ik volg zelf een plan)", "Runner (I follow a plan myself)")
    }
    public static func rolePhysio() -> LocalizedText {
        t("Fysiotherapeut (ik zet een plan klaar)", "Physio (I set up a plan for a patient)")
    }
    public static func patientNameTitle() -> LocalizedText {
        t("Naam van de patiënt", "Patient's name")
    }
    public static func pickerTitle() -> LocalizedText { t("Kies de blessure", "Choose the injury") }
    public static func filterLabel() -> LocalizedText { t("Zoek", "Filter") }
    public static func loadingPlans() -> LocalizedText { t("Plannen laden…", "Loading plans…") }
    public static func noMatch() -> LocalizedText {
        t("Geen plan past bij de zoekterm.", "No plan matches the filter.")
    }
    public static func expected(_ range: ClosedRange<Int>) -> LocalizedText {
        t(
            "verwacht herstel: \(range.lowerBound)-\(range.upperBound) weken",
            "expected recovery: \(range.lowerBound)-\(range.upperBound) weeks")
    }
    public static func phaseCount(_ count: Int) -> LocalizedText {
        t("\(count) fasen", "\(count) phases")
    }
    public static func questionsTitle(_ index: Int, of count: Int) -> LocalizedText {
        t(
            "Eerst even checken (\(index) van \(count))",
            "A safety check first (\(index) of \(count))")
    }
    public static func questionsIntro() -> LocalizedText {
        t(
            "Bij een ja start er geen plan: dan gaat een arts eerst kijken.",
            "A yes means no plan starts: a doctor should look first.")
    }
    public static func answerHint() -> LocalizedText {
        t("j/y = ja, n = nee", "y = yes, n = no")
    }

    // MARK: Today

    public static func verdictLine(_ level: String, _ action: String) -> LocalizedText {
        t("Oordeel: \(level) → \(action)", "Verdict: \(level) → \(action)")
    }
    public static func todayPlan() -> LocalizedText { t("Vandaag op het plan", "Today's plan") }
    public static func runWalkPassed(_ done: Int, of: Int) -> LocalizedText {
        t(
            "\(done) van \(of) goede sessies op deze stap",
            "\(done) of \(of) good sessions at this step")
    }
    public static func runWalkDone() -> LocalizedText {
        t("Het loop/wandelschema is klaar.", "The run/walk schedule is done.")
    }
    public static func sessionsPerWeek(_ text: String) -> LocalizedText {
        t("Per week: \(text)", "Per week: \(text)")
    }
    public static func morningDueKey(_ day: Day, key: String) -> LocalizedText {
        t(
            "Ochtendcheck van \(day.iso) staat nog open: hoe voelt het bij het opstaan? "
                + "Druk op \(key).",
            "Morning check for \(day.iso) is still open: how does it feel on waking? "
                + "Press \(key).")
    }
    public static func noLoadYet() -> LocalizedText { t("nog niets", "nothing yet") }
    public static func goal() -> LocalizedText { t("Doel", "Goal") }

    // MARK: Log form

    public static func fieldActivity() -> LocalizedText { t("Activiteit", "Activity") }
    public static func fieldDate() -> LocalizedText { t("Datum", "Date") }
    public static func fieldKm() -> LocalizedText { t("Afstand (km)", "Distance (km)") }
    public static func fieldMinutes() -> LocalizedText { t("Minuten", "Minutes") }
    public static func fieldPainDuring() -> LocalizedText { t("Pijn tijdens", "Pain during") }
    public static func fieldPainAfter() -> LocalizedText { t("Pijn na afloop", "Pain after") }
    public static func fieldLasted() -> LocalizedText { t("Pijn > 2 uur", "Pain > 2 hours") }
    public static func fieldFlags() -> LocalizedText { t("Rode vlaggen", "Red flags") }
    public static func fieldShoe() -> LocalizedText { t("Schoen", "Shoe") }
    public static func fieldNote() -> LocalizedText { t("Notitie", "Note") }
    public static func fieldPain() -> LocalizedText { t("Pijn/stijfheid", "Pain/stiffness") }
    public static func yes() -> LocalizedText { t("ja", "yes") }
    public static func no() -> LocalizedText { t("nee", "no") }
    public static func noShoe() -> LocalizedText { t("geen", "none") }
    public static func painUnset() -> LocalizedText { t("kies 0-10", "choose 0-10") }
    public static func chosenCount(_ n: Int) -> LocalizedText {
        t("\(n) aangevinkt", "\(n) ticked")
    }
    public static func formHint() -> LocalizedText {
        t(
            "Tab/↑↓ veld · ←→ kiezen · cijfers = pijn · spatie = aanvinken · Enter opslaan · Esc terug",
            "Tab/↑↓ field · ←→ choose · digits = pain · space = tick · Enter save · Esc back")
    }
    public static func painRequired() -> LocalizedText { t("kies 0-10", "choose 0-10") }
    public static func beforeStart(_ start: Day) -> LocalizedText {
        t(
            "ligt vóór de start van het plan (\(start.iso))",
            "is before the plan started (\(start.iso))")
    }

    // MARK: History

    public static func historyColumns() -> [LocalizedText] {
        [
            t("datum", "date"), t("wat", "what"), t("km", "km"), t("min", "min"),
            t("pijn", "pain"), t("oordeel", "verdict"),
        ]
    }
    public static func morningRow() -> LocalizedText { t("ochtendcheck", "morning check") }
    /// Under History when a shown verdict was changed by a later morning.
    public static func historyRevisedNote() -> LocalizedText {
        t("* herzien door de ochtend erna", "* revised by the next morning")
    }
    public static func emptyHistory() -> LocalizedText {
        t(
            "Nog niets genoteerd. Druk op n om een training te noteren.",
            "Nothing logged yet. Press n to log a session.")
    }
    public static func nothingToUndo() -> LocalizedText {
        t("Er is niets om ongedaan te maken.", "Nothing to undo.")
    }
    public static func undone() -> LocalizedText {
        t("Laatste wijziging ongedaan gemaakt.", "Last change undone.")
    }
    public static func deleted() -> LocalizedText {
        t("Verwijderd. Druk op u om het terug te zetten.", "Deleted. Press u to bring it back.")
    }
    public static func updated() -> LocalizedText {
        t("Gewijzigd. Druk op u om het terug te draaien.", "Changed. Press u to undo.")
    }

    // MARK: Plan

    public static func phasesTitle() -> LocalizedText { t("Fasen", "Phases") }
    public static func currentPhaseDay(_ day: Int) -> LocalizedText {
        t("nu, dag \(day)", "now, day \(day)")
    }
    public static func doneMark() -> LocalizedText { t("gedaan", "done") }
    public static func nextIs(_ name: String, ready: Bool) -> LocalizedText {
        ready
            ? t(
                "Volgende fase: \(name) · klaar om door te gaan (a)",
                "Next phase: \(name) · ready to move on (a)")
            : t("Volgende fase: \(name) · nog niet klaar", "Next phase: \(name) · not ready yet")
    }
    public static func noCriteria() -> LocalizedText {
        t("Deze fase heeft geen doelen om te halen.", "This phase has no goals to meet.")
    }
    public static func notReadyNotice(_ unmet: String) -> LocalizedText {
        t(
            "Nog niet klaar voor de volgende fase. Nog niet gehaald: \(unmet)",
            "Not ready for the next phase yet. Not met: \(unmet)")
    }
    public static func flagsOpen() -> LocalizedText {
        t(
            "Er staan nog rode vlaggen open: eerst moet een arts kijken (zie Stop).",
            "Red flags are still open: a doctor has to look first (see Stop).")
    }
    public static func reasonRequired() -> LocalizedText {
        t("Vul in wie het heeft beoordeeld.", "Say who checked it.")
    }
    public static func firstPhase() -> LocalizedText {
        t(
            "Dit is de eerste fase; verder terug kan niet.",
            "This is the first phase; there is none before it.")
    }

    // MARK: Stop

    public static func stopTitle() -> LocalizedText {
        t("STOP: het plan staat stil", "STOP: the plan is paused")
    }
    public static func stopNotStartedTitle() -> LocalizedText {
        t("STOP: er is geen plan gestart", "STOP: no plan was started")
    }
    public static func reported() -> LocalizedText { t("Gemeld:", "Reported:") }
    public static func contactGP() -> LocalizedText {
        t(
            "Train niet verder en neem contact op met uw huisarts. Zo'n signaal past niet bij gewone overbelasting.",
            "Do not train on; contact your GP. A sign like this does not fit ordinary overload.")
    }
    public static func emergencyLine() -> LocalizedText {
        t(
            "Plotseling hevige pijn met een hoorbare knap en direct functieverlies? Bel 112.",
            "Sudden severe pain with an audible pop and instant loss of function? Call 112.")
    }
    public static func clearHint() -> LocalizedText {
        t(
            "Pas als een arts zegt dat u verder mag: druk op c (vrijgegeven door mijn arts).",
            "Only once a doctor says you may go on: press c (cleared by my doctor).")
    }
    public static func notStartedHint() -> LocalizedText {
        t(
            "Laat eerst een arts kijken en start het plan daarna opnieuw. Esc gaat terug.",
            "Have a doctor look first, then start the plan again. Esc goes back.")
    }

    // MARK: dialogs

    public static func confirmTitle() -> LocalizedText { t("Bevestigen", "Confirm") }
    public static func confirmAdvance(_ name: String) -> LocalizedText {
        t(
            "Door naar de fase '\(name)' vanaf vandaag?",
            "Move on to the phase '\(name)' from today?")
    }
    public static func confirmStepBack(_ name: String) -> LocalizedText {
        t(
            "Terug naar de fase '\(name)' vanaf vandaag?",
            "Step back to the phase '\(name)' from today?")
    }
    public static func confirmDelete(_ what: String) -> LocalizedText {
        t("Verwijderen: \(what)?", "Delete: \(what)?")
    }
    public static func clearTitle() -> LocalizedText {
        t("Vrijgegeven door mijn arts", "Cleared by my doctor")
    }
    public static func clearPrompt() -> LocalizedText {
        t(
            "Wie heeft het beoordeeld en wat zei die? (bijv. huisarts: mag verder) Enter bevestigt.",
            "Who checked it and what did they say? (e.g. GP: may continue) Enter confirms.")
    }
    public static func reasonLabel() -> LocalizedText { t("Reden", "Reason") }
    public static func buttonYes() -> LocalizedText { t("Ja", "Yes") }
    public static func buttonNo() -> LocalizedText { t("Nee", "No") }

    // MARK: notices

    public static func planStartedNotice(_ name: String) -> LocalizedText {
        t("Plan gestart: \(name).", "Plan started: \(name).")
    }
    public static func morningSavedNotice(_ pain: Int) -> LocalizedText {
        t("Ochtendcheck opgeslagen: \(pain)/10.", "Morning check saved: \(pain)/10.")
    }
    public static func reloaded() -> LocalizedText { t("Bijgewerkt.", "Refreshed.") }
    public static func readingWholeLog() -> LocalizedText {
        t("Het hele logboek wordt gelezen…", "Reading the whole log…")
    }
    public static func needsPlan() -> LocalizedText {
        t("Start eerst een plan.", "Start a plan first.")
    }

    // MARK: terminal

    public static func enlarge(_ width: Int, _ height: Int, now: String) -> LocalizedText {
        t(
            "Maak het venster groter: minstens \(width)×\(height) (nu \(now)).",
            "Please enlarge the terminal to at least \(width)×\(height) (now \(now)).")
    }
    public static func enlargeKeys(_ quit: String) -> LocalizedText {
        t("\(quit) stopt", "\(quit) quits")
    }
    public static func notATerminal() -> LocalizedText {
        t(
            "het volledige scherm heeft een terminal nodig. Gebruik zonder terminal de opdrachten, bijv. 'rehab status', 'rehab log --activity run --minutes 30 --pain-during 2 --pain-after 2' of 'rehab morning 1' (zie 'rehab --help').",
            "the full-screen app needs a terminal. Without one, use the commands instead, e.g. 'rehab status', 'rehab log --activity run --minutes 30 --pain-during 2 --pain-after 2' or 'rehab morning 1' (see 'rehab --help')."
        )
    }
    public static func unknownTerminal(_ term: String) -> LocalizedText {
        term.isEmpty
            ? t(
                "TERM is niet gezet, dus het scherm kan niet getekend worden. Zet TERM (bijv. TERM=xterm-256color) of gebruik 'rehab status'.",
                "TERM is not set, so the screen cannot be drawn. Set TERM (e.g. TERM=xterm-256color) or use 'rehab status'."
            )
            : t(
                "het terminaltype '\(term)' is onbekend. Zet TERM op een bekend type (bijv. xterm-256color) of gebruik 'rehab status'.",
                "the terminal type '\(term)' is unknown. Set TERM to a known type (e.g. xterm-256color) or use 'rehab status'."
            )
    }

    // MARK: key help

    public static func contextTabs() -> LocalizedText { t("Hoofdschermen", "Main screens") }
    public static func contextStop() -> LocalizedText { t("Stop", "Stop") }
    public static func contextForm() -> LocalizedText { t("Formulieren", "Forms") }
    public static func contextPicker() -> LocalizedText {
        t("Blessure kiezen (typen = zoeken)", "Injury picker (typing filters)")
    }
    public static func contextList() -> LocalizedText { t("Keuzelijsten", "Choice lists") }
    public static func contextQuestions() -> LocalizedText {
        t("Veiligheidsvragen", "Safety questions")
    }
    public static func contextDialog() -> LocalizedText { t("Bevestigen", "Confirmations") }
    public static func contextHelp() -> LocalizedText { t("Deze hulp", "This help") }
    public static func contextGlobal() -> LocalizedText { t("Overal", "Everywhere") }

    public static func keyLog() -> LocalizedText { t("noteer", "log") }
    public static func keyMorning() -> LocalizedText { t("ochtend", "morning") }
    public static func keyScrollDown() -> LocalizedText { t("omlaag", "scroll down") }
    public static func keyScrollUp() -> LocalizedText { t("omhoog", "scroll up") }
    public static func keyAdvance() -> LocalizedText { t("volgende fase", "advance") }
    public static func keyStepBack() -> LocalizedText { t("fase terug", "step back") }
    public static func keyNextRow() -> LocalizedText { t("volgende regel", "next row") }
    public static func keyPreviousRow() -> LocalizedText { t("vorige regel", "previous row") }
    public static func keyPageDown() -> LocalizedText { t("pagina omlaag", "page down") }
    public static func keyPageUp() -> LocalizedText { t("pagina omhoog", "page up") }
    public static func keyTop() -> LocalizedText { t("nieuwste", "newest") }
    public static func keyBottom() -> LocalizedText { t("oudste", "oldest") }
    public static func keyEdit() -> LocalizedText { t("wijzig", "edit") }
    public static func keyDelete() -> LocalizedText { t("wis", "delete") }
    public static func keyUndo() -> LocalizedText { t("herstel", "undo") }
    public static func keyClearFlags() -> LocalizedText {
        t("vrijgegeven door arts", "cleared by my doctor")
    }
    public static func keyNextTab() -> LocalizedText { t("scherm", "screen") }
    public static func keyPreviousTab() -> LocalizedText { t("vorig scherm", "previous screen") }
    public static func keyRefresh() -> LocalizedText {
        t("opnieuw laden", "reload from the database")
    }
    public static func keyQuit() -> LocalizedText { t("afsluiten", "quit") }
    public static func keyNextField() -> LocalizedText { t("veld", "field") }
    public static func keyPreviousField() -> LocalizedText { t("vorig veld", "previous field") }
    public static func keyLeft() -> LocalizedText {
        t("keuze/pijn omlaag, cursor links", "choice or pain down, cursor left")
    }
    public static func keyRight() -> LocalizedText {
        t("keuze/pijn omhoog, cursor rechts", "choice or pain up, cursor right")
    }
    public static func keyDigits() -> LocalizedText { t("score", "score") }
    public static func keyToggle() -> LocalizedText { t("vink", "tick") }
    public static func keyBackspace() -> LocalizedText { t("teken wissen", "delete a character") }
    public static func keyDeleteForward() -> LocalizedText {
        t("teken rechts wissen", "delete the next character")
    }
    public static func keySave() -> LocalizedText { t("opslaan", "save") }
    public static func keyNextVariant() -> LocalizedText { t("variant", "variant") }
    public static func keyPreviousVariant() -> LocalizedText {
        t("vorige variant", "previous variant")
    }
    public static func keyChoosePlan() -> LocalizedText { t("start dit plan", "start this plan") }
    public static func keyChoose() -> LocalizedText { t("kies", "choose") }
    public static func keyYes() -> LocalizedText { t("ja", "yes") }
    public static func keyNo() -> LocalizedText { t("nee", "no") }
    public static func keySwitchButton() -> LocalizedText { t("andere knop", "other button") }
    public static func keyConfirm() -> LocalizedText { t("bevestig", "confirm") }
    public static func keyHelp() -> LocalizedText { t("hulp", "help") }
    public static func keyBack() -> LocalizedText { t("terug", "back") }
}
