/// Labels and errors of the command line and the app, in both languages by construction: every
/// phrase is a `LocalizedText`, so a missing translation cannot compile.
/// (Rule messages — reasons, actions, criteria — live in `Messages`.)
public enum Phrase {
    private static func t(_ nl: String, _ en: EnglishText) -> LocalizedText {
        LocalizedText(nl: nl, en: en)
    }

    private static func list(_ items: [String]) -> String {
        items.isEmpty ? "—" : items.joined(separator: ", ")
    }

    // MARK: errors

    public static func errorPrefix() -> LocalizedText { t("fout", "error") }

    public static func unknownPlan(_ id: String, known: [String]) -> LocalizedText {
        t(
            "onbekend plan '\(id)'; beschikbaar: \(list(known)) (zie 'rehab plans')",
            "unknown plan '\(id)'; available: \(list(known)) (see 'rehab plans')")
    }

    public static func unknownVariant(_ id: String, plan: String, known: [String]) -> LocalizedText
    {
        t(
            "variant: '\(id)' bestaat niet in plan '\(plan)'; kies uit: \(list(known))",
            "variant: '\(id)' is not a variant of plan '\(plan)'; choose from: \(list(known))")
    }

    /// How many names an error lists before it counts the rest: a clinic's physio may see
    /// hundreds of patients, and a screenful of names hides the message.
    static let namesListed = 10

    /// Up to `namesListed` names, then how many more ("A, B, … and 190 more").
    private static func someOf(_ names: [String]) -> LocalizedText {
        guard names.count > namesListed else {
            return t(list(names), EnglishText(verbatim: list(names)))
        }
        let shown = list(Array(names.prefix(namesListed)))
        let more = names.count - namesListed
        return t("\(shown) en nog \(more)", "\(shown) and \(more) more")
    }

    /// `near`: the known names closest to the one asked for, nearest first (the command line
    /// works them out); without them a short list of every name, or where to see a long one.
    public static func unknownPatient(_ name: String, known: [String], near: [String] = [])
        -> LocalizedText
    {
        if !near.isEmpty {
            // "'A', 'B' or 'C'", the "or" a word of the text, not of a value.
            var either = t("'\(near[0])'", "'\(near[0])'")
            for (i, other) in near.enumerated().dropFirst() {
                either =
                    i == near.count - 1
                    ? t("\(either.nl) of '\(other)'", "\(either) or '\(other)'")
                    : t("\(either.nl), '\(other)'", "\(either), '\(other)'")
            }
            return t(
                "patient: '\(name)' bestaat niet; bedoelt u \(either.nl)?",
                "patient: no patient called '\(name)'; did you mean \(either)?")
        }
        if known.isEmpty {
            return t("patient: '\(name)' bestaat niet", "patient: no patient called '\(name)'")
        }
        if known.count > namesListed {
            return t(
                "patient: '\(name)' bestaat niet onder de \(known.count) patiënten; "
                    + "'rehab patients' toont ze",
                "patient: no patient called '\(name)' among the "
                    + "\(count: known.count, "patient", "patients"); 'rehab patients' lists them")
        }
        return t(
            "patient: '\(name)' bestaat niet; bekend: \(list(known))",
            "patient: no patient called '\(name)'; known: \(list(known))")
    }

    public static func ambiguousPatient(_ name: String, matches: [String]) -> LocalizedText {
        let some = someOf(matches)
        return t(
            "patient: '\(name)' past bij meerdere patiënten (\(some.nl)); gebruik de volledige naam",
            "patient: '\(name)' matches several patients (\(some)); use the full name")
    }

    public static func noPatients() -> LocalizedText {
        t(
            "er is nog geen patiënt; begin met 'rehab start PLAN', 'rehab patients add NAAM' of 'rehab demo'",
            "there is no patient yet; begin with 'rehab start PLAN', 'rehab patients add NAME' or 'rehab demo'"
        )
    }

    public static func choosePatient(_ names: [String]) -> LocalizedText {
        guard names.count > namesListed else {
            return t(
                "er zijn meerdere patiënten; kies er een met --patient: \(list(names))",
                "there are several patients; choose one with --patient: \(list(names))")
        }
        return t(
            "er zijn \(names.count) patiënten; kies er een met --patient NAAM "
                + "('rehab patients' toont ze)",
            "there are \(count: names.count, "patient", "patients"); choose one with --patient "
                + "NAME ('rehab patients' lists them)")
    }

    public static func duplicatePatient(_ name: String) -> LocalizedText {
        t(
            "patient: er bestaat al een patiënt met de naam '\(name)'",
            "patient: a patient called '\(name)' already exists")
    }

    /// A clinic's names are unique across the practice: the other patient may be outside the
    /// reader's care, and nothing more about them is said.
    public static func patientNameTaken(_ name: String) -> LocalizedText {
        t(
            "naam: '\(name)' is al de naam van een patiënt in deze praktijk (namen zijn uniek in de hele praktijk, ook buiten uw eigen patiënten); kies een andere naam, bijvoorbeeld met een initiaal",
            "name: '\(name)' is already the name of a patient in this practice (names are unique across the whole practice, also outside your own patients); choose another name, for example with an initial"
        )
    }

    public static func noPlan(_ patient: String) -> LocalizedText {
        t(
            "\(patient) volgt nog geen plan; start er een met 'rehab start PLAN' (zie 'rehab plans')",
            "\(patient) has no plan yet; start one with 'rehab start PLAN' (see 'rehab plans')")
    }

    public static func planAlreadyStarted(_ patient: String, plan: String) -> LocalizedText {
        t(
            "\(patient) volgt al plan '\(plan)'; gebruik --replace om het te vervangen (de logboekregels blijven bewaard)",
            "\(patient) already follows plan '\(plan)'; use --replace to replace it (logged sessions are kept)"
        )
    }

    public static func beforePlanStart(field: String, date: Day, start: Day) -> LocalizedText {
        t(
            "\(field): \(date.iso) ligt vóór de start van het plan (\(start.iso)); kies een datum vanaf \(start.iso)",
            "\(field): \(date.iso) is before the plan started (\(start.iso)); use a date from \(start.iso) on"
        )
    }

    public static func invalidToday(_ value: String) -> LocalizedText {
        t(
            "REHAB_TODAY: '\(value)' is geen datum; gebruik JJJJ-MM-DD",
            "REHAB_TODAY: '\(value)' is not a date; use YYYY-MM-DD")
    }

    public static func newerDatabase(_ path: String) -> LocalizedText {
        t(
            "de database \(path) is gemaakt door een nieuwere versie van rehab; werk rehab bij. Er is niets aan veranderd.",
            "the database \(path) was written by a newer version of rehab; please update rehab. It was left unchanged."
        )
    }

    public static func cannotOpen(_ path: String, reason: String) -> LocalizedText {
        t("kan \(path) niet openen: \(reason)", "cannot open \(path): \(reason)")
    }

    public static func unknownPhase(_ id: String, known: [String]) -> LocalizedText {
        t(
            "to: fase '\(id)' bestaat niet in dit plan; kies uit: \(list(known))",
            "to: no phase '\(id)' in this plan; choose from: \(list(known))")
    }

    public static func alreadyInPhase(_ name: String) -> LocalizedText {
        t("u zit al in fase '\(name)'", "you are already in phase '\(name)'")
    }

    public static func lastPhase() -> LocalizedText {
        t(
            "dit is de laatste fase van het plan; er is geen volgende fase",
            "this is the plan's last phase; there is no next phase")
    }

    public static func notReady(_ next: String) -> LocalizedText {
        t(
            "nog niet klaar voor '\(next)'. Nog niet gehaald:",
            "not ready for '\(next)' yet. Not met:")
    }

    public static func forceHint() -> LocalizedText {
        t(
            "Gebruik --force --reason TEKST als uw fysiotherapeut toch wil doorgaan.",
            "Use --force --reason TEXT if your physio decides to go ahead anyway.")
    }

    public static func openFlagsBlock() -> LocalizedText {
        t(
            "er staan nog rode vlaggen open; laat ze eerst door een arts beoordelen ('rehab clear-flags')",
            "red flags are still open; have a doctor look at them first ('rehab clear-flags')")
    }

    public static func skipPhasesNeedsForce(_ name: String) -> LocalizedText {
        t(
            "to: '\(name)' slaat een fase over; dat kan alleen met --force",
            "to: '\(name)' skips a phase; that needs --force")
    }

    public static func noOpenFlags() -> LocalizedText {
        t("er staan geen rode vlaggen open", "there are no open red flags")
    }

    public static func reasonRequired() -> LocalizedText {
        t(
            "reason: vul in wie het heeft beoordeeld, bijv. --reason \"huisarts: mag verder\"",
            "reason: say who checked it, e.g. --reason \"GP: may continue\"")
    }

    public static func unsupportedImport(_ path: String) -> LocalizedText {
        t(
            "\(path): dit bestandstype wordt (nog) niet ondersteund; gebruik .json of .csv van 'rehab export'",
            "\(path): this file type is not supported (yet); use .json or .csv from 'rehab export'")
    }

    public static func fitNotSupported(_ path: String) -> LocalizedText {
        t(
            "\(path): .fit-bestanden worden niet ondersteund; exporteer de loop als .gpx of .tcx",
            "\(path): .fit files are not supported; export the run as .gpx or .tcx")
    }

    public static func importFailed(_ path: String, reason: LocalizedText) -> LocalizedText {
        t(
            "\(path): import mislukt, er is niets opgeslagen: \(reason.nl)",
            "\(path): import failed, nothing was stored: \(reason)")
    }

    public static func cannotRead(_ path: String, reason: String) -> LocalizedText {
        t("kan \(path) niet lezen: \(reason)", "cannot read \(path): \(reason)")
    }

    public static func cannotWrite(_ path: String, reason: String) -> LocalizedText {
        t("kan \(path) niet schrijven: \(reason)", "cannot write \(path): \(reason)")
    }

    public static func planFilesInvalid(_ count: Int) -> LocalizedText {
        t(
            "\(counted(count, "fout", "fouten")) in planbestanden",
            "\(count: count, "error", "errors") in plan files")
    }

    public static func noPlansFound(_ dirs: [String]) -> LocalizedText {
        t(
            "geen plannen gevonden (gezocht in: \(list(dirs))); geef een map op met --plans",
            "no plans found (looked in: \(list(dirs))); point to a folder with --plans")
    }

    public static func unknownFormat(_ value: String) -> LocalizedText {
        t(
            "format: '\(value)' is niet toegestaan; kies csv of json",
            "format: '\(value)' is not allowed; choose csv or json")
    }

    public static func unknownLanguage(_ value: String) -> LocalizedText {
        t(
            "lang: '\(value)' is niet toegestaan; kies nl of en",
            "lang: '\(value)' is not allowed; choose nl or en")
    }

    public static func demoExists(_ name: String) -> LocalizedText {
        t(
            "er bestaat al een demopatiënt '\(name)' in deze database",
            "a demo patient '\(name)' already exists in this database")
    }

    // MARK: confirmations

    public static func patientAdded(_ name: String) -> LocalizedText {
        t("patiënt '\(name)' toegevoegd", "added patient '\(name)'")
    }

    public static func patientCreatedForStart(_ name: String) -> LocalizedText {
        t("patiënt '\(name)' aangemaakt", "created patient '\(name)'")
    }

    public static func planStarted(
        patient: String, plan: String, variant: String?, phase: String, date: Day
    ) -> LocalizedText {
        let v = variant.map { " (\($0))" } ?? ""
        return t(
            "\(patient) start \(plan)\(v) op \(date.iso), in fase '\(phase)'",
            "\(patient) starts \(plan)\(v) on \(date.iso), in phase '\(phase)'")
    }

    /// The change is stored; what came after it (the new verdict) failed.
    public static func savedButThen(_ reason: String) -> LocalizedText {
        t(
            "opgeslagen (niet opnieuw invoeren), maar het nieuwe oordeel lukte niet: \(reason)",
            "saved (do not enter it again), but the new verdict could not be read: \(reason)")
    }

    public static func sessionLogged(_ what: String, date: Day) -> LocalizedText {
        t("opgeslagen: \(what) op \(date.iso)", "logged: \(what) on \(date.iso)")
    }

    public static func morningSaved(pain: Int, date: Day, replaced: Bool) -> LocalizedText {
        replaced
            ? t(
                "ochtendcheck van \(date.iso) vervangen: \(pain)/10",
                "morning check for \(date.iso) replaced: \(pain)/10")
            : t(
                "ochtendcheck van \(date.iso) opgeslagen: \(pain)/10",
                "morning check for \(date.iso) saved: \(pain)/10")
    }

    public static func flagsCleared(_ count: Int) -> LocalizedText {
        t(
            "\(counted(count, "rode vlag", "rode vlaggen")) vrijgegeven; het plan loopt weer",
            "cleared \(count: count, "red flag", "red flags"); the plan is running again")
    }

    public static func advanced(to phase: String, date: Day) -> LocalizedText {
        t(
            "door naar fase '\(phase)' vanaf \(date.iso)",
            "moved on to phase '\(phase)' from \(date.iso)")
    }

    public static func steppedBack(to phase: String, date: Day) -> LocalizedText {
        t(
            "terug naar fase '\(phase)' vanaf \(date.iso)",
            "stepped back to phase '\(phase)' from \(date.iso)")
    }

    public static func demoCreated(_ name: String, sessions: Int, mornings: Int, path: String)
        -> LocalizedText
    {
        t(
            "demopatiënt '\(name)' aangemaakt met \(sessions) sessies en \(mornings) ochtendchecks in \(path)",
            "created demo patient '\(name)' with \(sessions) sessions and \(mornings) morning checks in \(path)"
        )
    }

    public static func exported(_ path: String) -> LocalizedText {
        t("geëxporteerd naar \(path)", "exported to \(path)")
    }

    public static func imported(patients: Int, sessions: Int, mornings: Int) -> LocalizedText {
        t(
            "geïmporteerd: \(counted(patients, "patiënt", "patiënten")), "
                + "\(counted(sessions, "sessie", "sessies")), "
                + counted(mornings, "ochtendcheck", "ochtendchecks"),
            "imported: \(count: patients, "patient", "patients"), "
                + "\(count: sessions, "session", "sessions"), "
                + "\(count: mornings, "morning check", "morning checks")")
    }

    public static func plansOK(_ count: Int) -> LocalizedText {
        t(
            "\(counted(count, "planbestand", "planbestanden")) in orde",
            "\(count: count, "plan file", "plan files") OK")
    }

    // MARK: labels

    public static func phaseLine(number: Int, of: Int, kind: String, day: Int) -> LocalizedText {
        t(
            "fase \(number) van \(of) · \(kind) · dag \(day)",
            "phase \(number) of \(of) · \(kind) · day \(day)")
    }

    public static func verdictLabel() -> LocalizedText { t("Oordeel", "Verdict") }
    /// After a day's verdict that its next morning changed.
    public static func revisedBy(_ morning: Day) -> LocalizedText {
        t("herzien door de ochtend van \(morning.iso)", "revised by the morning of \(morning.iso)")
    }
    public static func allGood() -> LocalizedText {
        t(
            "Alles binnen de regels: u mag de belasting rustig verhogen, binnen de weekgrens en het plan.",
            "Everything within the rules: you may raise the load gently, within the weekly cap and the plan."
        )
    }
    public static func thisWeek() -> LocalizedText { t("Deze week", "This week") }
    public static func loadOfCap(_ load: String, _ cap: String, unit: String) -> LocalizedText {
        t("\(load) van \(cap) \(unit)", "\(load) of \(cap) \(unit)")
    }
    public static func noCapYet(_ load: String, unit: String) -> LocalizedText {
        t(
            "\(load) \(unit) (nog geen grens: deze week is de basis)",
            "\(load) \(unit) (no cap yet: this week sets the baseline)")
    }
    /// The week's running against the run/walk step's cap (sessions a week × minutes); in the
    /// week the last step was passed, that it is the schedule's last week.
    public static func scheduleLoadOfCap(_ load: String, _ cap: String, lastWeek: Bool)
        -> LocalizedText
    {
        lastWeek
            ? t(
                "\(load) van \(cap) min hardlopen (laatste week van het schema)",
                "\(load) of \(cap) min running (the schedule's last week)")
            : t(
                "\(load) van \(cap) min hardlopen (de stap van het loop-wandelschema)",
                "\(load) of \(cap) min running (the run/walk step)")
    }
    public static func scheduleSetsLoad(_ load: String, unit: String) -> LocalizedText {
        t(
            "\(load) \(unit); het loop-wandelschema bepaalt nu de opbouw, na de laatste stap geldt hoogstens 10 % per week",
            "\(load) \(unit); the run/walk steps set the load for now, after the last step at most 10 % more a week"
        )
    }
    public static func overCapMark() -> LocalizedText { t("boven de grens", "over the cap") }
    public static func nextPhase() -> LocalizedText { t("Volgende fase", "Next phase") }
    public static func ready() -> LocalizedText { t("klaar om door te gaan", "ready to move on") }
    public static func notReadyYet() -> LocalizedText { t("nog niet klaar", "not ready yet") }
    public static func lastPhaseLabel() -> LocalizedText {
        t("laatste fase van het plan", "last phase of the plan")
    }
    public static func suggestionsLabel() -> LocalizedText { t("Advies", "Suggestion") }
    public static func morningDue(_ date: Day) -> LocalizedText {
        t(
            "Ochtendcheck van \(date.iso) nog niet ingevuld: hoe voelt het bij het opstaan? 'rehab morning PIJN'",
            "Morning check for \(date.iso) not done yet: how does it feel on waking? 'rehab morning PAIN'"
        )
    }
    public static func runWalkLine(step: Int, of: Int, run: String, walk: String, total: Int)
        -> LocalizedText
    {
        t(
            "Loop-wandelstap \(step) van \(of): \(run) min lopen + \(walk) min wandelen, \(total) min in totaal",
            "Run/walk step \(step) of \(of): run \(run) min + walk \(walk) min, \(total) min in all"
        )
    }
    public static func continuousRun(step: Int, of: Int, total: Int) -> LocalizedText {
        t(
            "Loop-wandelstap \(step) van \(of): \(total) min aan één stuk lopen",
            "Run/walk step \(step) of \(of): \(total) min continuous running")
    }
    public static func noPatientsListed() -> LocalizedText {
        t("nog geen patiënten", "no patients yet")
    }
    public static func noPlanLabel() -> LocalizedText { t("geen plan", "no plan") }
    public static func variantsLabel() -> LocalizedText { t("Varianten", "Variants") }
    public static func weeksLabel(_ range: ClosedRange<Int>) -> LocalizedText {
        t(
            "\(range.lowerBound)-\(range.upperBound) weken",
            "\(range.lowerBound)-\(range.upperBound) weeks")
    }
    public static func phasesLabel() -> LocalizedText { t("Fasen", "Phases") }
    public static func daysLabel(min: Int, max: Int?) -> LocalizedText {
        let m = max.map { "-\($0)" } ?? "+"
        return t("\(min)\(m) dagen", "\(min)\(m) days")
    }
    public static func allowedLabel() -> LocalizedText { t("Toegestaan", "Allowed") }
    public static func avoidLabel() -> LocalizedText { t("Vermijd", "Avoid") }
    public static func exercisesLabel() -> LocalizedText { t("Oefeningen", "Exercises") }
    public static func exitLabel() -> LocalizedText {
        t("Door naar de volgende fase als", "Move on when")
    }
    public static func redFlagsLabel() -> LocalizedText { t("Rode vlaggen", "Red flags") }
    public static func sourcesLabel() -> LocalizedText { t("Bronnen", "Sources") }
    public static func adviceLabel() -> LocalizedText { t("Tips", "Advice") }
    public static func dosage(sets: Int, reps: Int?, hold: Int?, perDay: Int?, perWeek: Int?)
        -> LocalizedText
    {
        let amount = reps.map { "\(sets) × \($0)" } ?? "\(sets) × \(hold ?? 0) s"
        let freqNL = perDay.map { ", \($0)× per dag" } ?? perWeek.map { ", \($0)× per week" } ?? ""
        let freqEN =
            perDay.map { n -> EnglishText in ", \(n)× a day" }
            ?? perWeek.map { n -> EnglishText in ", \(n)× a week" } ?? ""
        return t(amount + freqNL, "\(amount)" + freqEN)
    }
    public static func weekColumns() -> [LocalizedText] {
        [
            t("week", "week"), t("belasting", "load"), t("grens", "cap"), t("sessies", "sessions"),
            t("actieve min", "active min"), t("pijn t/n", "pain d/a"), t("oordeel", "verdict"),
            t("soort", "kind"),
        ]
    }
}
