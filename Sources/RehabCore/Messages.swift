// The message catalogue of the rules: reasons, levels, actions, exit criteria, suggestions and
// validation errors, in Dutch and English. Every text is written as a pair, so a message cannot
// exist in one language only.

/// Rule messages in one language. Each reason says what was seen, the rule, and what to do.
public struct Messages: Sendable {
    public let language: Language

    public init(_ language: Language) { self.language = language }

    /// Both texts are required arguments: a missing translation does not compile.
    private func say(nl: String, en: EnglishText) -> String {
        language == .nl ? nl : language == .en ? en.text : en.text(in: language)
    }

    // MARK: reasons

    /// The reason for a finding; red flags are named by their built-in name, else their id.
    public func reason(_ finding: Finding) -> String {
        let flag = finding.flag ?? ""
        return reason(
            finding, flagName: RedFlag.builtIn[flag]?.text(language) ?? flag,
            urgency: finding.urgency ?? RedFlag.defaultUrgency(flag), underStop: false)
    }

    /// The reason for a finding, naming red flags with the plan's own questions. Under a stop the
    /// lesser findings say what was seen and the rule, not their load advice: the stop's
    /// instruction is the only one (DESIGN section 4, actions).
    public func reason(_ finding: Finding, plan: Plan, underStop: Bool = false) -> String {
        let flag = finding.flag ?? ""
        return reason(
            finding, flagName: plan.redFlagName(flag).text(language),
            urgency: finding.urgency ?? plan.urgency(ofFlag: flag), underStop: underStop)
    }

    /// Every reason of a verdict, in the verdict's order.
    public func reasons(_ verdict: Verdict, plan: Plan) -> [String] {
        verdict.findings.map { reason($0, plan: plan, underStop: verdict.isStop) }
    }

    private func reason(
        _ finding: Finding, flagName: String, urgency: Urgency, underStop: Bool
    ) -> String {
        let (seen, advice) = observation(finding, flagName: flagName, urgency: urgency)
        guard let advice, !underStop || finding.code == .redFlag else { return seen }
        return seen + " " + advice
    }

    /// A name closed as a sentence; a plan's question keeps its own punctuation.
    private func sentence(_ text: String) -> String {
        text.last.map { ".?!".contains($0) } == true ? text : text + "."
    }

    /// What was seen with its rule, and what to do (nil where the finding gives no advice).
    private func observation(_ finding: Finding, flagName: String, urgency: Urgency)
        -> (String, String?)
    {
        let date = finding.date?.iso ?? "?"
        let seen = amount(finding.seen, unit: finding.unit)
        let limit = amount(finding.limit, unit: finding.unit)
        let unit = finding.unit.map { " " + $0 } ?? ""
        let backOff = say(
            nl: "Ga terug naar de laatste belasting die goed ging, of neem een rustdag.",
            en: "Go back to the last load that went well, or take a rest day.")
        let repeatLoad = say(
            nl: "Herhaal deze belasting en bouw nog niet op.",
            en: "Repeat this load; don't increase yet.")
        let activityName = finding.flag.flatMap(Activity.init(rawValue:))?.name.text(language)
        // "while cycling on 2026-03-04", or nothing where the finding does not say.
        let activity = activityName.map { " " + $0 } ?? ""
        let on = finding.date.map { say(nl: " op ", en: " on ") + $0.iso } ?? ""
        switch finding.code {
        case .redFlag:
            let seenFlag = say(
                nl: "Alarmsignaal gemeld op \(date): \(sentence(flagName))",
                en: "Warning sign reported on \(date): \(sentence(flagName))")
            switch urgency {
            case .emergency:
                return (
                    seenFlag,
                    say(
                        nl: "Het plan stopt: bel nu 112.",
                        en: "The plan is stopped: call 112 now.")
                )
            case .sameDay:
                return (
                    seenFlag,
                    say(
                        nl:
                            "Het plan stopt: laat u vandaag nog door een arts onderzoeken (huisarts "
                            + "of, buiten kantooruren, de huisartsenpost). Zet het signaal pas uit "
                            + "als een arts zegt dat u verder mag.",
                        en: "The plan is stopped: have a doctor see you today (your GP or, out of "
                            + "hours, the GP out-of-hours service). Clear the flag only once a "
                            + "doctor says you may go on.")
                )
            case .seeDoctor:
                return (
                    seenFlag,
                    say(
                        nl: "Het plan staat stil: neem contact op met uw huisarts voordat u weer "
                            + "traint, en zet het signaal pas uit als een arts groen licht geeft.",
                        en: "The plan is paused: contact your GP before you train again, and "
                            + "clear the flag only once a doctor says you may go on.")
                )
            }
        case .painAboveLimit:
            return (
                say(
                    nl: "De pijn\(activityName.map { " bij " + $0 } ?? "")\(on) liep op tot "
                        + "\(seen)/10, boven de grens van \(limit)/10: dat was te veel.",
                    en:
                        "Pain\(activityName.map { " during " + $0 } ?? "")\(on) reached \(seen)/10, "
                        + "above the limit of \(limit)/10: that was too much."), backOff
            )
        case .painLasted:
            return (
                say(
                    nl: "Na de activiteit op \(date) bleef de pijn langer dan \(limit) uur hangen: "
                        + "dat was te veel.",
                    en: "Pain stayed for more than \(limit) hours after the activity on \(date): "
                        + "that was too much."), backOff
            )
        case .worseNextMorning:
            let held =
                finding.until.map { score in
                    let until = amount(score, unit: finding.unit)
                    return say(
                        nl: " Dat geldt tot een ochtend weer op of onder \(until)/10 uitkomt.",
                        en: " This holds until a morning is back at or below \(until)/10.")
                } ?? ""
            return (
                say(
                    nl: "De ochtend erna (\(date)) was de pijn \(seen)/10, hoger dan uw gewone "
                        + "\(limit)/10: uw lichaam had de belasting na een nacht nog niet "
                        + "verwerkt.\(held)",
                    en: "The next morning (\(date)) pain was \(seen)/10, above your usual "
                        + "\(limit)/10: your body had not absorbed the load overnight.\(held)"),
                finding.level == .red ? backOff : repeatLoad
            )
        case .morningAboveLimit:
            return (
                say(
                    nl: "Ochtendpijn of -stijfheid op \(date) was \(seen)/10, boven de grens van "
                        + "\(limit)/10.",
                    en: "Pain or stiffness on waking on \(date) was \(seen)/10, above the limit "
                        + "of \(limit)/10."),
                say(
                    nl: "Train vandaag minder of neem een rustdag; blijft het zo, neem dan contact "
                        + "op met uw fysiotherapeut.",
                    en: "Train less today or take a rest day; if it stays like this, contact "
                        + "your physio.")
            )
        case .morningAboveSafe:
            return (
                say(
                    nl: "Ochtendpijn of -stijfheid op \(date) was \(seen)/10, boven de veilige "
                        + "\(limit)/10.",
                    en: "Pain or stiffness on waking on \(date) was \(seen)/10, above the safe "
                        + "\(limit)/10."), repeatLoad
            )
        case .worseWeekToWeek:
            return (
                say(
                    nl: "De ochtenden van deze week (mediaan \(seen)/10) zijn slechter dan die "
                        + "van vorige week (\(limit)/10).",
                    en: "This week's mornings (median \(seen)/10) are worse than last week's "
                        + "(\(limit)/10)."), repeatLoad
            )
        case .painDuringAboveSafe:
            return (
                say(
                    nl: "Pijn tijdens\(activity)\(on) was \(seen)/10, boven de veilige "
                        + "\(limit)/10.",
                    en: "Pain during\(activity)\(on) was \(seen)/10, above the safe "
                        + "\(limit)/10."), repeatLoad
            )
        case .painAfterAboveSafe:
            return (
                say(
                    nl: "Pijn na\(activityName.map { " " + $0 } ?? " afloop")\(on) was \(seen)/10, "
                        + "boven de veilige \(limit)/10.",
                    en: "Pain after\(activity)\(on) was \(seen)/10, above the safe "
                        + "\(limit)/10."), repeatLoad
            )
        case .activityNotAllowed:
            return (
                say(
                    nl: "Op \(date) heeft u\(activity) gedaan, wat in deze fase (nog) niet hoort.",
                    en: "On \(date) you did\(activity), which this phase does not allow (yet)."),
                finding.level == .red
                    ? say(
                        nl: "Loop niet hard tot het plan het toelaat; kies een activiteit die deze "
                            + "fase noemt.",
                        en: "Don't run until the plan allows it; choose an activity this phase "
                            + "lists.")
                    : say(
                        nl: "Kies een activiteit die deze fase noemt.",
                        en: "Choose an activity this phase lists.")
            )
        case .runEveryOtherDay:
            return (
                say(
                    nl: "U liep op \(date) en de dag ervoor: in het loop-wandelschema loopt u om "
                        + "de dag.",
                    en: "You ran on \(date) and the day before: in the run/walk schedule you run "
                        + "every other day."),
                say(
                    nl: "Neem tussen twee loopdagen een dag zonder hardlopen.",
                    en: "Keep a day without running between two running days.")
            )
        case .weeklyLoadOverCap:
            let why =
                finding.percent.map { pct in
                    say(
                        nl: "hoogstens \(formatNumber(pct, decimals: 0)) % meer dan vorige week",
                        en: "at most \(formatNumber(pct, decimals: 0)) % more than last week")
                }
                ?? (finding.flag == scheduleMarker
                    ? say(
                        nl: "sessies per week × minuten van de huidige stap van het schema",
                        en: "sessions a week × minutes of the schedule's current step")
                    : finding.flag == weekOffMarker
                        ? say(
                            nl: "de grens van vorige week, die na een week zonder belasting niet "
                                + "omhooggaat",
                            en: "last week's cap, which a week without load does not raise")
                        : say(
                            nl: "de ondergrens: de startomvang van de fase, uw weekkilometers van "
                                + "voor het plan of de laatste week van het schema",
                            en: "the floor: the phase's starting volume, your weekly km before the "
                                + "plan or the schedule's last week"))
            return (
                say(
                    nl: "Deze week \(seen)\(unit), boven het maximum van \(limit)\(unit) (\(why)).",
                    en: "This week \(seen)\(unit), above the cap of \(limit)\(unit) (\(why))."),
                say(
                    nl: "Houd vast en doe deze week niets extra.",
                    en: "Hold, nothing extra this week.")
            )
        case .sessionSpike:
            let pct = finding.percent.map { formatNumber($0, decimals: 0) + " %" }
            let rule =
                pct.map { p in
                    say(
                        nl: "hoogstens \(p) langer dan uw langste loop van de 30 dagen ervoor",
                        en: "at most \(p) longer than your longest run of the 30 days before")
                }
                ?? say(
                    nl: "hoogstens 10 % langer dan de sessie van deze stap",
                    en: "at most 10 % longer than this step's session")
            return (
                say(
                    nl: "De loop van \(date) was \(seen)\(unit), meer dan de toegestane "
                        + "\(limit)\(unit) (\(rule)).",
                    en: "The run on \(date) was \(seen)\(unit), more than the \(limit)\(unit) "
                        + "allowed (\(rule))."),
                say(
                    nl: "Houd de volgende lopen op of onder die lengte.",
                    en: "Keep your next runs at or below that length.")
            )
        case .returnAfterLayoff:
            return (
                say(
                    nl: "De loop van \(date) duurde \(seen) min, na 30 dagen of langer zonder "
                        + "hardlopen; de eerste stap van het schema is \(limit) min.",
                    en: "The run on \(date) lasted \(seen) min after 30 days or more without "
                        + "running; the schedule's first step is \(limit) min."),
                say(
                    nl: "Begin opnieuw met het loop-wandelschema in plaats van op uw oude "
                        + "afstand.",
                    en: "Start again with the run/walk schedule rather than at your old "
                        + "distance.")
            )
        case .phaseOverdue:
            return (
                say(
                    nl: "Dag \(seen) van deze fase, voorbij het geplande maximum van \(limit) "
                        + "dagen, en de doelen voor de volgende fase zijn nog niet gehaald.",
                    en: "Day \(seen) of this phase, past the planned maximum of \(limit) days, "
                        + "and the goals for the next phase are not met yet."),
                say(
                    nl: "Houd de belasting gelijk en overleg met uw fysiotherapeut.",
                    en: "Hold the current load and talk it over with your physio.")
            )
        case .noRecentLog:
            return (
                say(
                    nl: "De afgelopen \(limit) dagen is niets genoteerd.",
                    en: "Nothing logged in the last \(limit) days."),
                say(
                    nl: "Leg uw trainingen en de ochtendcheck vast, zodat het advies blijft "
                        + "kloppen.",
                    en: "Log your sessions and morning checks so the advice stays accurate.")
            )
        case .noImprovement:
            return (
                say(
                    nl: "De ochtendpijn is sinds \(date) niet gezakt (\(limit)/10 toen, "
                        + "\(seen)/10 nu), ondanks relatieve rust.",
                    en: "Morning pain has not come down since \(date) (\(limit)/10 then, "
                        + "\(seen)/10 now) despite relative rest."),
                say(
                    nl: "Neem contact op met uw huisarts of fysiotherapeut.",
                    en: "Contact your GP or physio.")
            )
        case .seePhysio:
            return (
                say(
                    nl: "U gaf op \(date) aan: \(sentence(flagName))",
                    en: "On \(date) you answered yes to: \(sentence(flagName))"),
                say(
                    nl: "Laat uw fysiotherapeut ernaar kijken; het plan gaat door, zonder op te "
                        + "bouwen.",
                    en: "Have your physio look at it; the plan goes on, without increasing.")
            )
        case .nothingLoggedYet:
            return (
                say(
                    nl: "In dit plan is nog niets genoteerd.",
                    en: "Nothing has been logged in this plan yet."),
                say(
                    nl: "Begin met wat deze fase voorschrijft en noteer elke training en elke "
                        + "ochtend.",
                    en: "Start with what this phase prescribes and log every session and every "
                        + "morning.")
            )
        }
    }

    // MARK: levels and actions

    public func level(_ level: Level) -> String {
        switch level {
        case .green: say(nl: "groen", en: "green")
        case .amber: say(nl: "oranje", en: "amber")
        case .red: say(nl: "rood", en: "red")
        case .stop: say(nl: "stop", en: "stop")
        }
    }

    public func action(_ action: Action) -> String {
        switch action {
        case .progress: say(nl: "opbouwen", en: "progress")
        case .start: say(nl: "beginnen", en: "start")
        case .hold: say(nl: "vasthouden", en: "hold")
        case .reduce: say(nl: "terugschakelen", en: "reduce")
        case .seeDoctor: say(nl: "naar de huisarts", en: "see your GP")
        case .sameDay: say(nl: "vandaag naar een arts", en: "see a doctor today")
        case .emergency: say(nl: "bel 112", en: "call 112")
        }
    }

    public func actionAdvice(_ action: Action) -> String {
        switch action {
        case .progress:
            say(
                nl: "U mag de belasting iets verhogen, binnen de weekgrens en het plan.",
                en: "You may increase the load a little, within the weekly cap and the plan.")
        case .start:
            say(
                nl: "Begin rustig met wat deze fase voorschrijft.",
                en: "Begin gently with what this phase prescribes.")
        case .hold:
            say(
                nl: "Herhaal dezelfde belasting tot de pijn weer binnen de grenzen blijft.",
                en: "Repeat the same load until the pain stays within the limits again.")
        case .reduce:
            say(
                nl: "Ga terug naar de laatste belasting die goed ging, of neem een rustdag.",
                en: "Go back to the last load that went well, or take a rest day.")
        case .seeDoctor:
            say(
                nl: "Stop met trainen en neem contact op met uw huisarts voordat u verdergaat.",
                en: "Stop training and contact your GP before you go on.")
        case .sameDay:
            say(
                nl: "Stop met trainen en laat u vandaag nog door een arts onderzoeken.",
                en: "Stop training and have a doctor see you today.")
        case .emergency:
            say(nl: "Bel nu 112.", en: "Call 112 now.")
        }
    }

    // MARK: exit criteria

    public func criterionName(_ criterion: Criterion) -> String {
        switch criterion {
        case .minDays: say(nl: "Voltooide dagen in deze fase", en: "Days completed in this phase")
        case .greenDays: say(nl: "Groene dagen op rij", en: "Green days in a row")
        case .painFreeWalkMinutes: say(nl: "Pijnvrije wandeling", en: "Pain-free walk")
        case .weeklyLoad: say(nl: "Weekbelasting", en: "Weekly load")
        case .hopTest: say(nl: "Hinktest", en: "Hop test")
        case .calfRaises: say(nl: "Kuitheffingen op één been", en: "Single-leg calf raises")
        case .runWalkCompleted: say(nl: "Loop-wandelschema afgerond", en: "Run/walk schedule done")
        case .greenToday: say(nl: "Vandaag een groen oordeel", en: "A green verdict today")
        }
    }

    /// "Green days in a row: 2 of 3", "Weekly load: 10.5 of 15.0 km". `unit` is the phase's load
    /// unit and applies to weekly_load only; the other criteria carry their own (minutes for the
    /// walk, none for counts), so callers may pass the load unit for every line.
    public func criterion(_ status: CriterionStatus, unit loadUnit: String) -> String {
        let name = criterionName(status.criterion)
        let unit: String
        switch status.criterion {
        case .runWalkCompleted, .greenToday:
            return "\(name): " + (status.met ? say(nl: "ja", en: "yes") : say(nl: "nee", en: "no"))
        case .weeklyLoad: unit = loadUnit
        case .painFreeWalkMinutes: unit = "min"
        case .minDays, .greenDays, .hopTest, .calfRaises: unit = ""
        }
        let unitText = unit.isEmpty ? "" : " " + unit
        let current = amount(status.current, unit: unit)
        let required = amount(status.required, unit: unit)
        return say(
            nl: "\(name): \(current) van \(required)\(unitText)",
            en: "\(name): \(current) of \(required)\(unitText)")
    }

    // MARK: suggestions

    public func suggestion(_ s: Suggestion, plan: Plan) -> String {
        let name =
            s.phase.flatMap { id in plan.phases.first { $0.id == id }?.names.text(language) }
            ?? s.phase ?? "?"
        switch s.code {
        case .advance:
            return say(
                nl: "Klaar voor de volgende fase: \(name). Ga verder zodra u en uw "
                    + "fysiotherapeut het eens zijn.",
                en: "Ready for the next phase: \(name). Move on once you and your physio agree.")
        case .stepBack:
            let dates = s.dates.map(\.iso).joined(separator: ", ")
            return say(
                nl: "Rode dagen op \(dates): twee of meer binnen een week. Overweeg om voorlopig "
                    + "terug te gaan naar de fase \(name).",
                en: "Red days on \(dates): two or more within a week. Consider going back to "
                    + "the phase \(name) for now.")
        case .contactPhysio:
            return say(
                nl: "Deze fase (\(name)) duurt langer dan gepland: neem contact op met uw "
                    + "fysiotherapeut om het plan te bekijken.",
                en: "This phase (\(name)) is taking longer than planned: contact your physio to "
                    + "review the plan.")
        case .reopenSchedule:
            return say(
                nl: "Na een maand of langer zonder hardlopen: begin opnieuw met het "
                    + "loop-wandelschema van de fase \(name).",
                en: "After a month or more without running: start again with the run/walk "
                    + "schedule of the phase \(name).")
        case .planComplete:
            return say(
                nl: "U heeft de laatste fase afgerond: het plan is klaar. Blijf de pijnregels "
                    + "volgen en bouw rustig verder op.",
                en: "You have finished the last phase: the plan is complete. Keep following the "
                    + "pain rules and build up gently from here.")
        }
    }

    // MARK: validation

    /// "pain-after: '11' is not allowed; use a whole number from 0 to 10".
    public func validation(_ error: ValidationError) -> String {
        let hint: String
        switch error.allowed {
        case .integer(let range):
            hint = say(
                nl: "gebruik een heel getal van \(range.lowerBound) tot en met \(range.upperBound)",
                en: "use a whole number from \(range.lowerBound) to \(range.upperBound)")
        case .decimal(let range, let places), .decimalCommaOrDot(let range, let places):
            let low = amount(range.lowerBound, unit: nil)
            let high = amount(range.upperBound, unit: nil)
            let decimals =
                places == 1
                ? LocalizedText(nl: "1 decimaal", en: "1 decimal")
                : LocalizedText(nl: "\(places) decimalen", en: "\(places) decimals")
            let separators =
                error.allowed == .decimalCommaOrDot(range, places: places)
                ? LocalizedText(nl: "een komma of een punt", en: "a comma or a dot")
                : LocalizedText(nl: "een punt", en: "a dot")
            hint = say(
                nl: "gebruik een getal van \(low) tot en met \(high), met hoogstens "
                    + "\(decimals.nl) en \(separators.nl) als scheidingsteken",
                en: "use a number from \(low) to \(high) with at most \(decimals) and "
                    + "\(separators) as separator")
        case .isoDateNotAfter(let day):
            hint = say(
                nl: "gebruik een datum als JJJJ-MM-DD, niet na \(day.iso)",
                en: "use a date as YYYY-MM-DD, not after \(day.iso)")
        case .isoDateNotBefore(let day):
            hint = say(
                nl: "gebruik een datum als JJJJ-MM-DD, niet voor \(day.iso)",
                en: "use a date as YYYY-MM-DD, not before \(day.iso)")
        case .textUpTo(let count):
            hint = say(
                nl: "gebruik hoogstens \(count) tekens", en: "use at most \(count) characters")
        case .nonEmptyTextUpTo(let count):
            hint = say(
                nl: "gebruik 1 tot en met \(count) tekens, zonder stuur- of onzichtbare tekens",
                en: "use 1 to \(count) characters, without control or invisible characters")
        case .oneOf(let options):
            let list = options.joined(separator: ", ")
            hint = say(nl: "kies uit: \(list)", en: "use one of: \(list)")
        case .flagID:
            hint = say(
                nl: "gebruik kleine letters, cijfers en liggende streepjes (hoogstens 64)",
                en: "use lowercase letters, digits and underscores (at most 64)")
        case .utcTimestamp:
            hint = say(
                nl: "gebruik een UTC-tijd als JJJJ-MM-DDTuu:mm:ssZ",
                en: "use a UTC time as YYYY-MM-DDThh:mm:ssZ")
        case .plainTextUpTo(let count):
            hint = say(
                nl: "gebruik hoogstens \(count) tekens, zonder NUL of stuurtekens",
                en: "use at most \(count) characters, without NUL or control characters")
        }
        return say(
            nl: "\(error.field): '\(error.value)' is niet toegestaan; \(hint)",
            en: "\(error.field): '\(error.value)' is not allowed; \(hint)")
    }

    // MARK: weeks

    public func weekClass(_ c: WeekClass) -> String {
        switch c {
        case .tooLittle: say(nl: "te weinig", en: "too little")
        case .overloading: say(nl: "overbelast", en: "overloading")
        case .healthy: say(nl: "gezond", en: "healthy")
        }
    }

    /// Kilometres always with one decimal ("12.0 km"); other numbers whole when they are whole.
    private func amount(_ value: Double?, unit: String?) -> String {
        guard let value else { return "?" }
        if unit == "km" { return formatNumber(value, decimals: 1) }
        return value == value.rounded() ? formatNumber(value, decimals: 0) : formatNumber(value)
    }
}

/// A number with a dot and a fixed count of decimals ("12.1", "10.0"), independent of locale.
public func formatNumber(_ value: Double, decimals: Int = 1) -> String {
    guard value.isFinite else { return value.isNaN ? "-" : (value < 0 ? "-∞" : "∞") }
    let places = max(0, min(decimals, 6))
    var scale: Int64 = 1
    for _ in 0..<places { scale *= 10 }
    // A tiny nudge so 12.05 stored as 12.04999… still rounds half up, as a person would.
    let scaled = (abs(value) * Double(scale) * (1 + 1e-12)).rounded(.toNearestOrAwayFromZero)
    guard scaled < 9e15 else { return String(value) }
    let units = Int64(scaled)
    var text = String(units / scale)
    if places > 0 {
        let fraction = String(units % scale)
        text += "." + String(repeating: "0", count: places - fraction.count) + fraction
    }
    return (value < 0 && units != 0 ? "-" : "") + text
}
