// Labels and messages of the progress charts, the physio's commands (patients, tune, plan
// export) and the report, in both languages.

private func t(_ nl: String, _ en: EnglishText) -> LocalizedText { LocalizedText(nl: nl, en: en) }

extension Phrase {
    // MARK: rehab week

    public static func loadChartTitle(unit: String, capMark: String) -> LocalizedText {
        t(
            "Belasting per week (\(unit); \(capMark) = grens, ! = boven de grens)",
            "Load per week (\(unit); \(capMark) = cap, ! = over the cap)")
    }

    public static func painChartTitle(days: Int) -> LocalizedText {
        t("Pijn per dag (0-10), laatste \(days) dagen", "Pain per day (0-10), last \(days) days")
    }

    public static func notLogged() -> LocalizedText { t("niet gelogd", "not logged") }

    public static func painRows() -> [LocalizedText] {
        [t("tijdens", "during"), t("na", "after"), t("ochtend", "morning")]
    }

    public static func painMorningNote() -> LocalizedText {
        t(
            "ochtend = de ochtendcheck van de dag erna",
            "morning = the next morning's check")
    }

    public static func adherenceTitle() -> LocalizedText {
        t(
            "Therapietrouw per week (gedaan van gevraagd)",
            "Adherence per week (done of asked)")
    }

    public static func adherenceColumns() -> [LocalizedText] {
        [t("sessies", "sessions"), t("oefeningen", "exercises")]
    }

    public static func acuteChronic(_ ratio: String) -> LocalizedText {
        t(
            "Acuut:chronisch (EWMA 7/28 dagen): \(ratio). Alleen ter informatie: omstreden "
                + "(Impellizzeri 2020) en onbetrouwbaar na een rustfase.",
            "Acute:chronic (EWMA 7/28 days): \(ratio). Information only: disputed "
                + "(Impellizzeri 2020) and unreliable after a rest phase.")
    }

    public static func acuteChronicTooEarly() -> LocalizedText {
        t(
            "Acuut:chronisch (EWMA 7/28 dagen): pas na 28 dagen gegevens.",
            "Acute:chronic (EWMA 7/28 days): needs 28 days of data.")
    }

    // MARK: patients

    public static func patientColumns() -> [LocalizedText] {
        [
            t("naam", "name"), t("plan", "plan"), t("fase", "phase"), t("dag", "day"),
            t("oordeel", "verdict"), t("laatste log", "last log"), t("vlaggen", "flags"),
        ]
    }

    public static func daysAgo(_ days: Int) -> LocalizedText {
        switch days {
        case 0: t("vandaag", "today")
        case 1: t("gisteren", "yesterday")
        default: t("\(days) dagen geleden", "\(days) days ago")
        }
    }

    public static func neverLogged() -> LocalizedText { t("nooit", "never") }
    public static func archivedMark() -> LocalizedText { t("gearchiveerd", "archived") }

    public static func patientRenamed(_ old: String, _ new: String) -> LocalizedText {
        t("'\(old)' heet nu '\(new)'.", "'\(old)' is now called '\(new)'.")
    }

    public static func patientArchived(_ name: String) -> LocalizedText {
        t(
            "\(name) is gearchiveerd; 'rehab patients --archived' toont hem nog, "
                + "'rehab patients archive --undo' haalt hem terug.",
            "\(name) is archived; 'rehab patients --archived' still lists them, "
                + "'rehab patients archive --undo' brings them back.")
    }

    public static func patientUnarchived(_ name: String) -> LocalizedText {
        t("\(name) is niet meer gearchiveerd.", "\(name) is no longer archived.")
    }

    // MARK: tune

    public static func tuneNothingGiven() -> LocalizedText {
        t(
            "tune: geef minstens één aanpassing, of --show om de verschillen te zien",
            "tune: give at least one change, or --show to see the differences")
    }

    public static func tuneNeedsPhase(_ option: String, known: [String]) -> LocalizedText {
        t(
            "\(option): zeg voor welke fase met --phase; fasen: \(known.joined(separator: ", "))",
            "\(option): say which phase with --phase; phases: \(known.joined(separator: ", "))")
    }

    public static func tuneRefused(_ problems: [LocalizedText]) -> LocalizedText {
        t(
            "aanpassing geweigerd; het plan zou ongeldig worden:\n  "
                + problems.map(\.nl).joined(separator: "\n  "),
            "change refused; the plan would not be valid:\n  "
                + problems.map(\.en).joined(separator: "\n  "))
    }

    public static func tuneSaved(_ count: Int) -> LocalizedText {
        t(
            "Aangepast. Het plan wijkt nu op \(counted(count, "punt", "punten")) af van het "
                + "sjabloon ('rehab tune --show').",
            "Saved. The plan now differs from the template in \(count: count, "place", "places") "
                + "('rehab tune --show').")
    }

    public static func tuneReset() -> LocalizedText {
        t(
            "Alle aanpassingen zijn weg; het plan volgt weer het sjabloon.",
            "Every change is gone; the plan follows the template again.")
    }

    public static func noDifferences() -> LocalizedText {
        t("Geen verschillen met het sjabloon.", "No differences from the template.")
    }

    public static func differencesTitle(patient: String, plan: String) -> LocalizedText {
        t(
            "\(patient) · \(plan): verschillen met het sjabloon",
            "\(patient) · \(plan): differences from the template")
    }

    public static func removedLabel() -> LocalizedText { t("verwijderd", "removed") }
    public static func addedLabel() -> LocalizedText { t("toegevoegd", "added") }
    public static func noneLabel() -> LocalizedText { t("geen", "none") }

    public static func unknownExerciseInPhase(_ id: String, phase: String, known: [String])
        -> LocalizedText
    {
        let list = known.isEmpty ? "—" : known.joined(separator: ", ")
        return t(
            "exercise: '\(id)' staat niet in fase '\(phase)'; wel: \(list)",
            "exercise: '\(id)' is not in phase '\(phase)'; it has: \(list)")
    }

    public static func exerciseAlreadyInPhase(_ id: String, phase: String) -> LocalizedText {
        t(
            "exercise: '\(id)' staat al in fase '\(phase)'; gebruik 'rehab tune exercise set'",
            "exercise: '\(id)' is already in phase '\(phase)'; use 'rehab tune exercise set'")
    }

    public static func unknownLibraryExercise(_ id: String, known: [String]) -> LocalizedText {
        t(
            "exercise: '\(id)' staat niet in de oefeningen van het plan; kies uit: "
                + known.joined(separator: ", "),
            "exercise: '\(id)' is not one of the plan's exercises; choose from: "
                + known.joined(separator: ", "))
    }

    public static func stepOutOfRange(_ step: Int, count: Int) -> LocalizedText {
        t(
            "step: \(step) bestaat niet; toegestaan: 1-\(count + 1) "
                + "(\(count + 1) voegt een stap toe)",
            "step: \(step) does not exist; allowed: 1-\(count + 1) (\(count + 1) adds a step)")
    }

    public static func newExerciseNeeds() -> LocalizedText {
        t(
            "exercise: geef --sets, --reps of --hold, en --per-week of --per-day",
            "exercise: give --sets, --reps or --hold, and --per-week or --per-day")
    }

    public static func newStepNeeds() -> LocalizedText {
        t(
            "step: een nieuwe stap heeft --run, --walk en --total nodig",
            "step: a new step needs --run, --walk and --total")
    }

    public static func lastStepStays() -> LocalizedText {
        t(
            "step: de laatste stap kan niet weg; een schema heeft minstens één stap",
            "step: the last step cannot go; a schedule needs at least one step")
    }

    // MARK: plan files

    public static func exportedPlanHeader(patient: String, template: String, variant: String?)
        -> [String]
    {
        [
            "Plan for \(patient), tuned from \(template)"
                + (variant.map { ", variant \($0) folded in" } ?? "") + ".",
            "Check with 'rehab plans check FILE'; the file name must equal the id.",
            "Start with 'rehab start --plan-file FILE'.",
        ]
    }

    public static func planFileStarted(_ file: String) -> LocalizedText {
        t(
            "Het plan uit \(file) is in de database bewaard; het bestand is niet meer nodig.",
            "The plan from \(file) is kept in the database; the file is no longer needed.")
    }

    public static func planOrFile() -> LocalizedText {
        t(
            "start: geef een plan-id of --plan-file BESTAND, niet allebei",
            "start: give a plan id or --plan-file FILE, not both")
    }

    public static func invalidPlanID(_ id: String) -> LocalizedText {
        t(
            "id: '\(id)' is geen geldige id; kleine letters, cijfers en _ (max. 64)",
            "id: '\(id)' is not a valid id; use lowercase letters, digits and _ (at most 64)")
    }

    // MARK: report

    public static func reportTitle() -> LocalizedText {
        t("Voortgangsverslag", "Progress report")
    }

    public static func reportIntro(
        patient: String, plan: String, from: Day, through: Day
    ) -> LocalizedText {
        t(
            "\(patient) · \(plan) · \(from.iso) t/m \(through.iso)",
            "\(patient) · \(plan) · \(from.iso) to \(through.iso)")
    }

    public static func reportNowSection() -> LocalizedText { t("Nu", "Now") }
    public static func reportWeeksSection() -> LocalizedText { t("Weken", "Weeks") }
    public static func reportChartsSection() -> LocalizedText { t("Grafieken", "Charts") }
    public static func reportVerdictsSection() -> LocalizedText {
        t("Oordelen (dagen die niet groen waren)", "Verdicts (days that were not green)")
    }
    public static func reportFlagsSection() -> LocalizedText {
        t("Rode vlaggen en vrijgaven", "Red flags and clearings")
    }
    public static func reportPhasesSection() -> LocalizedText {
        t("Fasen", "Phase history")
    }
    public static func reportTuningSection() -> LocalizedText {
        t("Aanpassingen door de fysio", "Changes by the physio")
    }
    public static func reportAllGreen() -> LocalizedText {
        t(
            "Alle gelogde dagen in deze periode waren groen.",
            "Every logged day in this span was green.")
    }
    public static func reportNoFlags() -> LocalizedText {
        t("Geen rode vlaggen in deze periode.", "No red flags in this span.")
    }
    public static func flagReported(_ name: String, date: Day) -> LocalizedText {
        t("\(date.iso): gemeld: \(name)", "\(date.iso): reported: \(name)")
    }
    public static func flagCleared(date: Day, reason: String, count: Int) -> LocalizedText {
        t(
            "\(date.iso): vrijgegeven (\(counted(count, "melding", "meldingen"))): \(reason)",
            "\(date.iso): cleared (\(count: count, "report", "reports")): \(reason)")
    }
    public static func phaseEntered(_ name: String, date: Day, reason: PhaseChangeReason)
        -> LocalizedText
    {
        let why: LocalizedText =
            switch reason {
            case .start: t("start", "start")
            case .advance: t("door naar de volgende fase", "advanced")
            case .stepBack: t("stap terug", "stepped back")
            case .forced: t("doorgezet zonder dat de criteria gehaald waren", "moved on by force")
            }
        return t(
            "\(date.iso): \(name) (\(why.nl))", "\(date.iso): \(name) (\(why))")
    }
    public static func reportColumns() -> [LocalizedText] {
        [
            t("week", "week"), t("belasting", "load"), t("grens", "cap"), t("sessies", "sessions"),
            t("pijn t/n", "pain d/a"), t("oordeel", "verdict"),
            t("sessies gedaan", "sessions done"), t("oefeningen gedaan", "exercises done"),
            t("soort", "kind"),
        ]
    }
    public static func reportLoadChart(unit: String) -> LocalizedText {
        t("Belasting per week (\(unit)) met de grens", "Load per week (\(unit)) with the cap")
    }
    public static func reportPainDuring() -> LocalizedText { t("tijdens", "during") }
    public static func reportPainAfter() -> LocalizedText { t("na afloop", "after") }
    public static func reportPainMorning() -> LocalizedText {
        t("volgende ochtend", "next morning")
    }
    public static func reportPainChart() -> LocalizedText {
        t(
            "Pijn per dag (0-10): tijdens (doorgetrokken), na (gestreept), "
                + "volgende ochtend (stippen)",
            "Pain per day (0-10): during (solid), after (dashed), next morning (dotted)")
    }
    public static func reportFooter() -> LocalizedText {
        t(
            "Gemaakt met rehab. De regels en hun bronnen staan in het plan; dit verslag is geen "
                + "diagnose.",
            "Made with rehab. The rules and their sources are in the plan; this report is not a "
                + "diagnosis.")
    }
    public static func reportWritten(_ path: String) -> LocalizedText {
        t(
            "Verslag geschreven naar \(path) (alleen voor u leesbaar).",
            "Report written to \(path) (readable by you only).")
    }
}
