import RehabCore

/// Labels of the full-screen app, in both languages by construction (every phrase is a
/// `LocalizedText`). Rule messages live in `Messages`, command-line texts in `Phrase`.
package enum UIPhrase {
    private static func t(_ nl: String, _ en: EnglishText) -> LocalizedText {
        LocalizedText(nl: nl, en: en)
    }

    // MARK: tabs and titles

    /// A clinic's patient asked for what their physio decides (`AppState.mayDecideCare`).
    static func physioDecides() -> LocalizedText {
        t(
            "Dat beslist uw fysio: met uw login logt u, gaat u door als het plan zegt dat u "
                + "klaar bent en leest u uw plan en de notities.",
            "That is your physio's decision: with your login you log, move on when the plan "
                + "says you are ready, and read your plan and the notes.")
    }
    static func noPhysioNotes() -> LocalizedText {
        t("Nog geen notities van uw fysio.", "No notes from your physio yet.")
    }
    static func tabToday() -> LocalizedText { t("Vandaag", "Today") }
    static func tabPlan() -> LocalizedText { t("Plan", "Plan") }
    static func tabHistory() -> LocalizedText { t("Logboek", "History") }
    static func logTitle() -> LocalizedText { t("Training noteren", "Log a session") }
    static func editTitle() -> LocalizedText { t("Training wijzigen", "Edit a session") }
    static func morningTitle(_ day: Day) -> LocalizedText {
        t("Ochtendcheck \(day.iso)", "Morning check \(day.iso)")
    }
    static func helpTitle() -> LocalizedText { t("Toetsen", "Keys") }
    static func patientsTitle() -> LocalizedText {
        t("Kies een patiënt", "Choose a patient")
    }
    static func languageTitle() -> LocalizedText {
        t("Taal / Language", "Language / Taal")
    }
    static func roleTitle() -> LocalizedText {
        t("Wie gebruikt rehab?", "Who is using rehab?")
    }
    static func roleRunner() -> LocalizedText {
        t("Hardloper (ik volg zelf een plan)", "Runner (I follow a plan myself)")
    }
    static func rolePhysio() -> LocalizedText {
        t("Fysiotherapeut (ik zet een plan klaar)", "Physio (I set up a plan for a patient)")
    }
    static func patientNameTitle() -> LocalizedText {
        t("Naam van de patiënt", "Patient's name")
    }
    static func pickerTitle() -> LocalizedText { t("Kies de blessure", "Choose the injury") }
    static func filterLabel() -> LocalizedText { t("Zoek", "Filter") }
    static func loadingPlans() -> LocalizedText { t("Plannen laden…", "Loading plans…") }
    /// A plan file the picker leaves out, with the first problem, so a physio who wrote one
    /// sees why it is missing.
    static func plansLeftOut(_ count: Int, first: String) -> LocalizedText {
        t(
            "\(counted(count, "fout", "fouten")) in planbestanden, niet in de lijst (zie rehab "
                + "plans check): \(first)",
            "\(count: count, "error", "errors") in plan files, left out (see rehab plans check): "
                + "\(first)")
    }
    static func noMatch() -> LocalizedText {
        t("Geen plan past bij de zoekterm.", "No plan matches the filter.")
    }
    static func expected(_ range: ClosedRange<Int>) -> LocalizedText {
        t(
            "verwacht herstel: \(range.lowerBound)-\(range.upperBound) weken",
            "expected recovery: \(range.lowerBound)-\(range.upperBound) weeks")
    }
    static func phaseCount(_ count: Int) -> LocalizedText {
        t("\(count) fasen", "\(count) phases")
    }
    static func questionsTitle(_ index: Int, of count: Int) -> LocalizedText {
        t(
            "Eerst even checken (\(index) van \(count))",
            "A safety check first (\(index) of \(count))")
    }
    static func questionsIntro() -> LocalizedText {
        t(
            "Bij een ja start er geen plan: dan gaat een arts eerst kijken.",
            "A yes means no plan starts: a doctor should look first.")
    }
    static func answerHint() -> LocalizedText {
        t("j/y = ja, n = nee", "y = yes, n = no")
    }

    // MARK: Today

    static func verdictLine(_ level: String, _ action: String) -> LocalizedText {
        t("Oordeel: \(level) → \(action)", "Verdict: \(level) → \(action)")
    }
    static func todayPlan() -> LocalizedText { t("Vandaag op het plan", "Today's plan") }
    static func flagsStillSaving() -> LocalizedText {
        t(
            "De melding wordt nog bewaard; bevestig het vrijgeven zo opnieuw.",
            "The report is still being saved; confirm the clearing again in a moment.")
    }
    static func runWalkSchedule() -> LocalizedText {
        t("Loop-wandelschema", "Run/walk schedule")
    }
    static func runWalkPassed(_ done: Int, of: Int) -> LocalizedText {
        t(
            "\(done) van \(of) goede sessies op deze stap",
            "\(done) of \(of) good sessions at this step")
    }
    static func runWalkDone() -> LocalizedText {
        t("Het loop-wandelschema is klaar.", "The run/walk schedule is done.")
    }
    static func sessionsPerWeek(_ text: String) -> LocalizedText {
        t("Per week: \(text)", "Per week: \(text)")
    }
    static func morningDueKey(_ day: Day, key: String) -> LocalizedText {
        t(
            "Ochtendcheck van \(day.iso) staat nog open: hoe voelt het bij het opstaan? "
                + "Druk op \(key).",
            "Morning check for \(day.iso) is still open: how does it feel on waking? "
                + "Press \(key).")
    }
    static func noLoadYet() -> LocalizedText { t("nog niets", "nothing yet") }
    static func goal() -> LocalizedText { t("Doel", "Goal") }

    // MARK: Log form

    static func fieldActivity() -> LocalizedText { t("Activiteit", "Activity") }
    static func fieldDate() -> LocalizedText { t("Datum", "Date") }
    static func fieldKm() -> LocalizedText { t("Afstand (km)", "Distance (km)") }
    static func fieldMinutes() -> LocalizedText { t("Minuten", "Minutes") }
    static func fieldPainDuring() -> LocalizedText { t("Pijn tijdens", "Pain during") }
    static func fieldPainAfter() -> LocalizedText { t("Pijn na afloop", "Pain after") }
    static func fieldLasted() -> LocalizedText { t("Pijn > 2 uur", "Pain > 2 hours") }
    static func fieldFlags() -> LocalizedText { t("Rode vlaggen", "Red flags") }
    static func fieldShoe() -> LocalizedText { t("Schoen", "Shoe") }
    static func fieldNote() -> LocalizedText { t("Notitie", "Note") }
    static func fieldPain() -> LocalizedText { t("Pijn/stijfheid", "Pain/stiffness") }
    static func yes() -> LocalizedText { t("ja", "yes") }
    static func no() -> LocalizedText { t("nee", "no") }
    static func noShoe() -> LocalizedText { t("geen", "none") }
    static func painUnset() -> LocalizedText { t("kies 0-10", "choose 0-10") }
    static func chosenCount(_ n: Int) -> LocalizedText {
        t("\(n) aangevinkt", "\(n) ticked")
    }
    static func formHint() -> LocalizedText {
        t(
            "Tab/↑↓ veld · ←→ kiezen · cijfers = pijn · spatie = aanvinken · Enter opslaan · Esc terug",
            "Tab/↑↓ field · ←→ choose · digits = pain · space = tick · Enter save · Esc back")
    }
    static func painRequired() -> LocalizedText { t("kies 0-10", "choose 0-10") }
    static func measureNothingScored() -> LocalizedText {
        t(
            "nog niets ingevuld: geef minstens één score",
            "nothing filled in yet: give at least one score")
    }
    static func beforeStart(_ start: Day) -> LocalizedText {
        t(
            "ligt vóór de start van het plan (\(start.iso))",
            "is before the plan started (\(start.iso))")
    }

    // MARK: History

    static func historyColumns() -> [LocalizedText] {
        [
            t("datum", "date"), t("wat", "what"), t("km", "km"), t("min", "min"),
            t("pijn", "pain"), t("oordeel", "verdict"),
        ]
    }
    static func morningRow() -> LocalizedText { t("ochtendcheck", "morning check") }
    /// Under History when a shown verdict was changed by a later morning.
    static func historyRevisedNote() -> LocalizedText {
        t("* herzien door de ochtend erna", "* revised by the next morning")
    }
    static func emptyHistory() -> LocalizedText {
        t(
            "Nog niets genoteerd. Druk op n om een training te noteren.",
            "Nothing logged yet. Press n to log a session.")
    }
    static func nothingToUndo() -> LocalizedText {
        t("Er is niets om ongedaan te maken.", "Nothing to undo.")
    }
    static func undone() -> LocalizedText {
        t("Laatste wijziging ongedaan gemaakt.", "Last change undone.")
    }
    static func deleted() -> LocalizedText {
        t("Verwijderd. Druk op u om het terug te zetten.", "Deleted. Press u to bring it back.")
    }
    static func updated() -> LocalizedText {
        t("Gewijzigd. Druk op u om het terug te draaien.", "Changed. Press u to undo.")
    }

    // MARK: Plan

    static func phasesTitle() -> LocalizedText { t("Fasen", "Phases") }
    static func currentPhaseDay(_ day: Int) -> LocalizedText {
        t("nu, dag \(day)", "now, day \(day)")
    }
    static func doneMark() -> LocalizedText { t("gedaan", "done") }
    static func nextIs(_ name: String, ready: Bool) -> LocalizedText {
        ready
            ? t(
                "Volgende fase: \(name) · klaar om door te gaan (a)",
                "Next phase: \(name) · ready to move on (a)")
            : t("Volgende fase: \(name) · nog niet klaar", "Next phase: \(name) · not ready yet")
    }
    static func noCriteria() -> LocalizedText {
        t("Deze fase heeft geen doelen om te halen.", "This phase has no goals to meet.")
    }
    static func notReadyNotice(_ unmet: String) -> LocalizedText {
        t(
            "Nog niet klaar voor de volgende fase. Nog niet gehaald: \(unmet)",
            "Not ready for the next phase yet. Not met: \(unmet)")
    }
    static func flagsOpen() -> LocalizedText {
        t(
            "Er staan nog rode vlaggen open: eerst moet een arts kijken (zie Stop).",
            "Red flags are still open: a doctor has to look first (see Stop).")
    }
    static func reasonRequired() -> LocalizedText {
        t("Vul in wie het heeft beoordeeld.", "Say who checked it.")
    }
    static func firstPhase() -> LocalizedText {
        t(
            "Dit is de eerste fase; verder terug kan niet.",
            "This is the first phase; there is none before it.")
    }

    // MARK: Stop

    static func stopTitle() -> LocalizedText {
        t("STOP: het plan staat stil", "STOP: the plan is paused")
    }
    static func stopNotStartedTitle() -> LocalizedText {
        t("STOP: er is geen plan gestart", "STOP: no plan was started")
    }
    static func reported() -> LocalizedText { t("Gemeld:", "Reported:") }
    static func contactGP() -> LocalizedText {
        t(
            "Train niet verder en neem contact op met uw huisarts. Zo'n signaal past niet bij gewone overbelasting.",
            "Do not train on; contact your GP. A sign like this does not fit ordinary overload.")
    }
    static func emergencyLine() -> LocalizedText {
        t(
            "Plotseling hevige pijn met een hoorbare knap en direct functieverlies? Bel 112.",
            "Sudden severe pain with an audible pop and instant loss of function? Call 112.")
    }
    static func clearHint() -> LocalizedText {
        t(
            "Pas als een arts zegt dat u verder mag: druk op c (vrijgegeven door mijn arts).",
            "Only once a doctor says you may go on: press c (cleared by my doctor).")
    }
    static func notStartedHint() -> LocalizedText {
        t(
            "Laat eerst een arts kijken en start het plan daarna opnieuw. Esc gaat terug.",
            "Have a doctor look first, then start the plan again. Esc goes back.")
    }

    // MARK: dialogs

    static func confirmTitle() -> LocalizedText { t("Bevestigen", "Confirm") }
    static func confirmAdvance(_ name: String) -> LocalizedText {
        t(
            "Door naar de fase '\(name)' vanaf vandaag?",
            "Move on to the phase '\(name)' from today?")
    }
    static func confirmStepBack(_ name: String) -> LocalizedText {
        t(
            "Terug naar de fase '\(name)' vanaf vandaag?",
            "Step back to the phase '\(name)' from today?")
    }
    static func confirmDelete(_ what: String) -> LocalizedText {
        t("Verwijderen: \(what)?", "Delete: \(what)?")
    }
    static func clearTitle() -> LocalizedText {
        t("Vrijgegeven door mijn arts", "Cleared by my doctor")
    }
    static func clearPrompt() -> LocalizedText {
        t(
            "Wie heeft het beoordeeld en wat zei die? (bijv. huisarts: mag verder) Enter bevestigt.",
            "Who checked it and what did they say? (e.g. GP: may continue) Enter confirms.")
    }
    static func reasonLabel() -> LocalizedText { t("Reden", "Reason") }
    static func buttonYes() -> LocalizedText { t("Ja", "Yes") }
    static func buttonNo() -> LocalizedText { t("Nee", "No") }

    // MARK: notices

    static func planStartedNotice(_ name: String) -> LocalizedText {
        t("Plan gestart: \(name).", "Plan started: \(name).")
    }
    static func morningSavedNotice(_ pain: Int) -> LocalizedText {
        t("Ochtendcheck opgeslagen: \(pain)/10.", "Morning check saved: \(pain)/10.")
    }
    static func reloaded() -> LocalizedText { t("Bijgewerkt.", "Refreshed.") }
    static func readingWholeLog() -> LocalizedText {
        t("Het hele logboek wordt gelezen…", "Reading the whole log…")
    }
    static func needsPlan() -> LocalizedText {
        t("Start eerst een plan.", "Start a plan first.")
    }

    // MARK: terminal

    static func enlarge(_ width: Int, _ height: Int, now: String) -> LocalizedText {
        t(
            "Maak het venster groter: minstens \(width)×\(height) (nu \(now)).",
            "Please enlarge the terminal to at least \(width)×\(height) (now \(now)).")
    }
    static func enlargeKeys(_ quit: String) -> LocalizedText {
        t("\(quit) stopt", "\(quit) quits")
    }
    package static func notATerminal() -> LocalizedText {
        t(
            "het volledige scherm heeft een terminal nodig. Gebruik zonder terminal de opdrachten, bijv. 'rehab status', 'rehab log --activity run --minutes 30 --pain-during 2 --pain-after 2' of 'rehab morning 1' (zie 'rehab --help').",
            "the full-screen app needs a terminal. Without one, use the commands instead, e.g. 'rehab status', 'rehab log --activity run --minutes 30 --pain-during 2 --pain-after 2' or 'rehab morning 1' (see 'rehab --help')."
        )
    }
    package static func unknownTerminal(_ term: String) -> LocalizedText {
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

    static func contextTabs() -> LocalizedText { t("Hoofdschermen", "Main screens") }
    static func contextStop() -> LocalizedText { t("Stop", "Stop") }
    static func contextForm() -> LocalizedText { t("Formulieren", "Forms") }
    static func contextPicker() -> LocalizedText {
        t("Blessure kiezen (typen = zoeken)", "Injury picker (typing filters)")
    }
    static func contextList() -> LocalizedText { t("Keuzelijsten", "Choice lists") }
    static func contextQuestions() -> LocalizedText {
        t("Veiligheidsvragen", "Safety questions")
    }
    static func contextDialog() -> LocalizedText { t("Bevestigen", "Confirmations") }
    static func contextHelp() -> LocalizedText { t("Deze hulp", "This help") }
    static func contextGlobal() -> LocalizedText { t("Overal", "Everywhere") }

    static func keyLog() -> LocalizedText { t("noteer", "log") }
    static func keyMorning() -> LocalizedText { t("ochtend", "morning") }
    static func keyScrollDown() -> LocalizedText { t("omlaag", "scroll down") }
    static func keyScrollUp() -> LocalizedText { t("omhoog", "scroll up") }
    static func keyAdvance() -> LocalizedText { t("volgende fase", "advance") }
    static func keyStepBack() -> LocalizedText { t("fase terug", "step back") }
    static func keyNextRow() -> LocalizedText { t("volgende regel", "next row") }
    static func keyPreviousRow() -> LocalizedText { t("vorige regel", "previous row") }
    static func keyPageDown() -> LocalizedText { t("pagina omlaag", "page down") }
    static func keyPageUp() -> LocalizedText { t("pagina omhoog", "page up") }
    static func keyTop() -> LocalizedText { t("nieuwste", "newest") }
    static func keyBottom() -> LocalizedText { t("oudste", "oldest") }
    static func keyEdit() -> LocalizedText { t("wijzig", "edit") }
    static func keyDelete() -> LocalizedText { t("wis", "delete") }
    static func keyUndo() -> LocalizedText { t("herstel", "undo") }
    static func keyClearFlags() -> LocalizedText {
        t("vrijgegeven door arts", "cleared by my doctor")
    }
    static func keyNextTab() -> LocalizedText { t("scherm", "screen") }
    static func keyPreviousTab() -> LocalizedText { t("vorig scherm", "previous screen") }
    static func keyRefresh() -> LocalizedText {
        t("opnieuw laden", "reload from the database")
    }
    static func keyQuit() -> LocalizedText { t("afsluiten", "quit") }
    static func keyNextField() -> LocalizedText { t("veld", "field") }
    static func keyPreviousField() -> LocalizedText { t("vorig veld", "previous field") }
    static func keyLeft() -> LocalizedText {
        t("keuze/pijn omlaag, cursor links", "choice or pain down, cursor left")
    }
    static func keyRight() -> LocalizedText {
        t("keuze/pijn omhoog, cursor rechts", "choice or pain up, cursor right")
    }
    static func keyDigits() -> LocalizedText { t("score", "score") }
    static func keyToggle() -> LocalizedText { t("vink", "tick") }
    static func keyBackspace() -> LocalizedText { t("teken wissen", "delete a character") }
    static func keyDeleteForward() -> LocalizedText {
        t("teken rechts wissen", "delete the next character")
    }
    static func keySave() -> LocalizedText { t("opslaan", "save") }
    static func keyNextVariant() -> LocalizedText { t("variant", "variant") }
    static func keyPreviousVariant() -> LocalizedText {
        t("vorige variant", "previous variant")
    }
    static func keyChoosePlan() -> LocalizedText { t("start dit plan", "start this plan") }
    static func keyChoose() -> LocalizedText { t("kies", "choose") }
    static func keyYes() -> LocalizedText { t("ja", "yes") }
    static func keyNo() -> LocalizedText { t("nee", "no") }
    static func keySwitchButton() -> LocalizedText { t("andere knop", "other button") }
    static func keyConfirm() -> LocalizedText { t("bevestig", "confirm") }
    static func keyHelp() -> LocalizedText { t("hulp", "help") }
    static func keyBack() -> LocalizedText { t("terug", "back") }
}
