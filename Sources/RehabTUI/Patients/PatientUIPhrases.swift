import RehabCore

// Texts of the app's Patients screen, plan set-up and Tune screen (the physio's workflow).

private func t(_ nl: String, _ en: EnglishText) -> LocalizedText { LocalizedText(nl: nl, en: en) }

extension UIPhrase {
    // MARK: patients

    static func contextPatients() -> LocalizedText { t("Patiënten", "Patients") }
    static func rosterTitle(_ count: Int) -> LocalizedText {
        t("Patiënten (\(count))", "Patients (\(count))")
    }
    static func rosterColumns() -> [LocalizedText] {
        [
            t("Naam", "Name"), t("Plan", "Plan"), t("Fase", "Phase"), t("Dag", "Day"),
            t("Oordeel", "Verdict"), t("Sinds log", "Last log"), t("⚑", "⚑"),
        ]
    }
    static func daysAgoShort(_ days: Int) -> LocalizedText {
        switch days {
        case 0: t("vandaag", "today")
        default: t("\(days) d", "\(days) d ago")
        }
    }
    static func archivedShownMark() -> LocalizedText {
        t("met gearchiveerden (v)", "archived shown (v)")
    }
    static func archivedHiddenMark() -> LocalizedText {
        t("gearchiveerden verborgen (v)", "archived hidden (v)")
    }
    static func archivedShown() -> LocalizedText {
        t("Gearchiveerde patiënten staan er nu bij.", "Archived patients are listed too now.")
    }
    static func archivedHidden() -> LocalizedText {
        t("Gearchiveerde patiënten zijn weer verborgen.", "Archived patients are hidden again.")
    }
    static func rosterEmpty() -> LocalizedText {
        t("Nog geen patiënten. Met a voegt u er een toe.", "No patients yet. Press a to add one.")
    }
    static func rosterPhase(_ number: Int, of count: Int, name: String, day: Int)
        -> LocalizedText
    {
        t(
            "Fase \(number) van \(count): \(name), dag \(day)",
            "Phase \(number) of \(count): \(name), day \(day)")
    }
    static func rosterOpenFlags(_ flags: [String]) -> LocalizedText {
        let list = flags.joined(separator: "; ")
        return t("Open alarmsignalen: \(list)", "Open red flags: \(list)")
    }
    static func rosterNoPlan() -> LocalizedText {
        t("Nog geen plan: s zet er een klaar.", "No plan yet: s sets one up.")
    }
    static func noPlanYet(_ name: String) -> LocalizedText {
        t("\(name) heeft nog geen plan: kies er een.", "\(name) has no plan yet: choose one.")
    }
    static func tuneNeedsPlan(_ name: String) -> LocalizedText {
        t(
            "\(name) heeft nog geen plan om af te stemmen; s zet er een klaar.",
            "\(name) has no plan to tune yet; s sets one up.")
    }
    static func addPatientTitle() -> LocalizedText { t("Nieuwe patiënt", "New patient") }
    static func renamePatientTitle(_ name: String) -> LocalizedText {
        t("\(name) een andere naam geven", "Rename \(name)")
    }
    static func nameLabel() -> LocalizedText { t("Naam", "Name") }
    static func patientAddedSetUp(_ name: String) -> LocalizedText {
        t("\(name) toegevoegd. Kies nu de blessure.", "Added \(name). Now choose the injury.")
    }
    static func patientDeletedNotice(_ name: String) -> LocalizedText {
        t(
            "\(name) is verwijderd, ook uit het databasebestand.",
            "\(name) is deleted, from the database file too.")
    }
    static func patientArchivedNotice(_ name: String) -> LocalizedText {
        t(
            "\(name) is gearchiveerd; v toont gearchiveerde patiënten.",
            "\(name) is archived; v shows archived patients.")
    }
    static func confirmDeletePatient(_ name: String) -> LocalizedText {
        t(
            "\(name) verwijderen? Alles van \(name) gaat voorgoed weg: elke training, "
                + "ochtendcheck, schoen en het plan, ook uit het databasebestand. Dit kan niet "
                + "ongedaan worden gemaakt.",
            "Delete \(name)? Every entry of \(name) is removed for good: each session, morning "
                + "check, shoe and the plan, from the database file too. This cannot be undone.")
    }
    static func confirmArchivePatient(_ name: String) -> LocalizedText {
        t(
            "\(name) archiveren? \(name) verdwijnt uit de lijst; er wordt niets gewist en v "
                + "toont gearchiveerde patiënten.",
            "Archive \(name)? \(name) leaves the list; nothing is deleted, and v shows archived "
                + "patients.")
    }

    // MARK: plan set-up

    static func pickerTitle(for name: String) -> LocalizedText {
        t("Kies de blessure van \(name)", "Choose \(name)'s injury")
    }
    static func setUpTitle(_ name: String) -> LocalizedText {
        t("Plan klaarzetten voor \(name)", "Set up a plan for \(name)")
    }
    static func replacesPlan(_ planID: String) -> LocalizedText {
        t(
            "Vervangt het huidige plan (\(planID)); het logboek blijft, de fasegeschiedenis niet.",
            "Replaces the current plan (\(planID)); the log stays, the phase history does not.")
    }
    static func startDateLabel() -> LocalizedText { t("Startdatum", "Start date") }
    static func weeklyKmLabel() -> LocalizedText {
        t("Km per week vooraf", "Weekly km before")
    }
    static func setUpHint() -> LocalizedText {
        t(
            "Startdatum als JJJJ-MM-DD, niet in de toekomst. Km per week mag leeg blijven; "
                + "ingevuld komt de weekgrens daar nooit onder. Tab gaat naar het volgende "
                + "veld, Enter start het plan.",
            "Start date as YYYY-MM-DD, not in the future. Weekly km may stay empty; when given "
                + "it is the floor of the weekly cap. Tab goes to the next field, Enter starts "
                + "the plan.")
    }
    static func planStartedFor(_ name: String, _ plan: String) -> LocalizedText {
        t(
            "Plan gestart voor \(name): \(plan). Met t stemt u het af.",
            "Plan started for \(name): \(plan). t tunes it.")
    }

    // MARK: tune

    static func contextTune() -> LocalizedText { t("Afstemmen", "Tune") }
    static func contextChooser() -> LocalizedText {
        t("Kiezen uit een lijst", "Choosing from a list")
    }
    static func tuneTitle(_ name: String, plan: String) -> LocalizedText {
        t("Afstemmen · \(name) · \(plan)", "Tune · \(name) · \(plan)")
    }
    static func tuneChanges(_ count: Int, unsaved: Bool) -> LocalizedText {
        let nl = counted(count, "afwijking", "afwijkingen")
        let en: EnglishText = "\(count: count, "change", "changes")"
        return unsaved ? t(nl + ", niet bewaard", en + ", not saved") : t(nl, en)
    }
    static func tuneThresholdsHeading() -> LocalizedText {
        t("Grenzen (hele plan)", "Thresholds (whole plan)")
    }
    static func tunePhaseHeading(_ number: Int, of count: Int, name: String, id: String)
        -> LocalizedText
    {
        t(
            "Fase \(number) van \(count): \(name) (\(id))",
            "Phase \(number) of \(count): \(name) (\(id))")
    }
    /// Pain allowed during one activity, e.g. "Oefeningen: pijn toegestaan tot".
    static func tuneActivitySafeMax(_ activity: Activity) -> LocalizedText {
        let name = activity.name
        return t(
            "Pijn bij \(name.nl) toegestaan tot", "Pain allowed during \(name) up to")
    }
    static func tuneActivityLimit(_ activity: Activity) -> LocalizedText {
        let name = activity.name
        return t("Pijn bij \(name.nl) te veel boven", "Pain during \(name) too much above")
    }
    static func tuneDaysLabel() -> LocalizedText { t("Dagen in de fase", "Days in phase") }
    static func tuneStepLabel(_ number: Int) -> LocalizedText {
        t("Loop/wandel \(number)", "Run/walk \(number)")
    }
    static func tuneMinDays() -> LocalizedText { t("minstens", "min") }
    static func tuneMaxDays() -> LocalizedText { t("hoogstens", "max") }
    static func tuneSets() -> LocalizedText { t("series", "sets") }
    static func tuneReps() -> LocalizedText { t("herh.", "reps") }
    static func tuneHold() -> LocalizedText { t("vasthouden (s)", "hold (s)") }
    static func tunePerWeek() -> LocalizedText { t("per week", "weekly") }
    static func tunePerDay() -> LocalizedText { t("per dag", "daily") }
    static func tuneRun() -> LocalizedText { t("lopen", "run") }
    static func tuneWalk() -> LocalizedText { t("wandelen", "walk") }
    static func tuneTotal() -> LocalizedText { t("totaal", "total") }
    static func tunePass() -> LocalizedText { t("halen", "pass") }
    static func tuneWas(_ value: String) -> LocalizedText {
        t("(voorheen \(value))", "(was \(value))")
    }
    static func tuneNew() -> LocalizedText { t("(nieuw)", "(new)") }
    static func tuneTemplateValue(_ value: String) -> LocalizedText {
        t("sjabloon: \(value)", "template: \(value)")
    }
    static func tuneAddExercise() -> LocalizedText {
        t("oefening toevoegen", "add an exercise")
    }
    static func tuneAddStep() -> LocalizedText {
        t("loop-wandelstap toevoegen", "add a run/walk step")
    }
    static func tuneAddHint() -> LocalizedText {
        t(
            "Enter voegt toe; daarna past u de waarden aan.",
            "Enter adds one; then adjust its values.")
    }
    static func tuneWholeRange(_ low: Int, _ high: Int) -> LocalizedText {
        t("heel getal \(low)-\(high)", "whole number \(low)-\(high)")
    }
    static func tuneDecimalRange(_ low: String, _ high: String, places: Int)
        -> LocalizedText
    {
        t(
            "getal \(low)-\(high), hoogstens \(places) decimaal",
            "number \(low)-\(high), at most \(places) decimal")
    }
    static func tuneRowsHint() -> LocalizedText {
        t(
            "↑↓ regel, ←→ waarde, Enter wijzigt, x haalt weg, s bewaart, d toont verschillen",
            "↑↓ row, ←→ value, Enter edits, x removes, s saves, d shows differences")
    }
    static func tuneToggleRepsHint() -> LocalizedText {
        t(
            "Spatie wisselt tussen herhalingen en vasthouden.",
            "Space switches between repetitions and a hold.")
    }
    static func tuneToggleFrequencyHint() -> LocalizedText {
        t("Spatie wisselt tussen per week en per dag.", "Space switches between weekly and daily.")
    }
    static func tuneEditingHint() -> LocalizedText {
        t(
            "Enter neemt de waarde over, Esc laat hem staan.",
            "Enter takes the value, Esc leaves it as it was.")
    }
    static func tuneRefusedInApp(_ problems: String) -> LocalizedText {
        t(
            "Niet overgenomen; het plan zou ongeldig worden: \(problems)",
            "Not taken; the plan would not be valid: \(problems)")
    }
    static func tuneSavedNotice(_ count: Int) -> LocalizedText {
        t(
            "Bewaard. Het plan wijkt op \(counted(count, "punt", "punten")) af van het sjabloon.",
            "Saved. The plan differs from the template in \(count: count, "place", "places").")
    }
    static func tuningResetNotice() -> LocalizedText {
        t(
            "Alle aanpassingen zijn weg; het plan volgt het sjabloon weer.",
            "Every change is gone; the plan follows the template again.")
    }
    static func nothingToSave() -> LocalizedText {
        t("Niets gewijzigd sinds het bewaren.", "Nothing changed since the last save.")
    }
    static func nothingToReset() -> LocalizedText {
        t("Het plan volgt het sjabloon al.", "The plan follows the template already.")
    }
    static func libraryExhausted() -> LocalizedText {
        t(
            "Elke oefening uit het plan zit al in deze fase.",
            "Every exercise of the plan is in this phase already.")
    }
    static func chooseExerciseTitle(_ phase: String) -> LocalizedText {
        t("Oefening voor \(phase)", "Exercise for \(phase)")
    }
    static func differencesHeading() -> LocalizedText {
        t("Verschillen met het sjabloon", "Differences from the template")
    }
    static func differencesUnsaved() -> LocalizedText {
        t("Nog niet bewaard: Esc en dan s bewaart ze.", "Not saved yet: Esc, then s saves them.")
    }
    static func confirmResetTuning(_ name: String) -> LocalizedText {
        t(
            "Alle aanpassingen aan het plan van \(name) terugdraaien? Het volgt dan weer het "
                + "sjabloon.",
            "Undo every change to \(name)'s plan? It then follows the template again.")
    }
    static func confirmDiscardTuning(_ name: String) -> LocalizedText {
        t(
            "Weg zonder bewaren? De aanpassingen aan het plan van \(name) gaan verloren.",
            "Leave without saving? The changes to \(name)'s plan are lost.")
    }

    // MARK: keys

    static func keyPatients() -> LocalizedText { t("patiënten", "patients") }
    static func keyOpenPatient() -> LocalizedText { t("volg", "open") }
    static func keyAddPatient() -> LocalizedText { t("nieuw", "add") }
    static func keyFindPatient() -> LocalizedText { t("zoek", "find") }
    static func keyRenamePatient() -> LocalizedText { t("andere naam", "rename") }
    static func keyArchivePatient() -> LocalizedText {
        t("archiveer/terughalen", "archive/restore")
    }
    static func keyShowArchived() -> LocalizedText {
        t("toon/verberg gearchiveerden", "show/hide archived")
    }
    static func keyDeletePatient() -> LocalizedText { t("verwijder", "delete") }
    static func keySetUpPlan() -> LocalizedText { t("plan klaarzetten", "set up plan") }
    static func keyTunePlan() -> LocalizedText { t("afstemmen", "tune") }
    static func keyEditValue() -> LocalizedText { t("wijzig/voeg toe", "edit/add") }
    static func keyNextValue() -> LocalizedText { t("volgende waarde", "next value") }
    static func keyPreviousValue() -> LocalizedText { t("vorige waarde", "previous value") }
    static func keyToggleKind() -> LocalizedText {
        t("herhalingen/vasthouden, per week/per dag", "reps/hold, weekly/daily")
    }
    static func keyRemoveItem() -> LocalizedText { t("weghalen", "remove") }
    static func keySaveTuning() -> LocalizedText { t("bewaar", "save") }
    static func keyResetTuning() -> LocalizedText {
        t("alles terugdraaien", "reset all")
    }
    static func keyDifferences() -> LocalizedText { t("verschillen", "differences") }
    static func contextEntry() -> LocalizedText {
        t("Een naam of waarde typen", "Typing a name or a value")
    }
    static func keyEntryDone() -> LocalizedText { t("klaar", "done") }
    static func keyFirstRow() -> LocalizedText { t("eerste regel", "first row") }
    static func keyLastRow() -> LocalizedText { t("laatste regel", "last row") }
    static func keyCursorLeft() -> LocalizedText { t("cursor links", "cursor left") }
    static func keyCursorRight() -> LocalizedText { t("cursor rechts", "cursor right") }

    // Starting a plan from a plan file handed over (`rehab plans export`).
    static func keyStartFromFile() -> LocalizedText {
        t("plan uit een bestand", "plan from a file")
    }
    static func planFileTitle(_ name: String) -> LocalizedText {
        t("Plan voor \(name) uit een bestand", "\(name)'s plan from a file")
    }
    static func planFileLabel() -> LocalizedText { t("Planbestand", "Plan file") }
    static func planFilePathNeeded() -> LocalizedText {
        t(
            "Typ het pad van een planbestand (.yaml), bijvoorbeeld ~/itbs_ann.yaml.",
            "Type the path of a plan file (.yaml), for example ~/itbs_ann.yaml.")
    }
    static func planFromFile(_ path: String) -> LocalizedText {
        t(
            "Uit \(path); het bestand wordt bij de patiënt bewaard.",
            "From \(path); the file is kept with the patient.")
    }
}
