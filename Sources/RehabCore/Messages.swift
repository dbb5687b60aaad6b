// The message catalogue of the rules: reasons, levels, actions, exit criteria, suggestions and
// validation errors, in Dutch and English. Every text is written as a pair, so a message cannot
// exist in one language only.

/// Rule messages in one language. Each reason says what was seen, the rule, and what to do.
public struct Messages: Sendable {
    public let language: Language

    public init(_ language: Language) { self.language = language }

    /// Both texts are required arguments: a missing translation does not compile.
    private func say(nl: String, en: String) -> String { language == .nl ? nl : en }

    // MARK: reasons

    /// The reason for a finding; red flags are named by their built-in name, else their id.
    public func reason(_ finding: Finding) -> String {
        let flag = finding.flag ?? ""
        return reason(
            finding, flagName: RedFlag.builtIn[flag]?.text(language) ?? flag,
            emergency: flag == RedFlag.popLossOfFunction)
    }

    /// The reason for a finding, naming red flags with the plan's own questions.
    public func reason(_ finding: Finding, plan: Plan) -> String {
        let flag = finding.flag ?? ""
        let question = plan.redFlags.first { $0.id == flag }
        return reason(
            finding, flagName: plan.redFlagName(flag).text(language),
            emergency: flag == RedFlag.popLossOfFunction || question?.emergency == true)
    }

    private func reason(_ finding: Finding, flagName: String, emergency: Bool) -> String {
        let date = finding.date?.iso ?? "?"
        let seen = amount(finding.seen, unit: finding.unit)
        let limit = amount(finding.limit, unit: finding.unit)
        let unit = finding.unit.map { " " + $0 } ?? ""
        let backOff = say(
            nl: "Ga terug naar de laatste belasting die goed ging, of neem een rustdag.",
            en: "Go back to the last load that went well, or take a rest day.")
        switch finding.code {
        case .redFlag:
            return emergency
                ? say(
                    nl: "Alarmsignaal gemeld op \(date): \(flagName). Het plan stopt: bel nu 112.",
                    en: "Warning sign reported on \(date): \(flagName). The plan is stopped: "
                        + "call 112 now.")
                : say(
                    nl: "Alarmsignaal gemeld op \(date): \(flagName). Het plan staat stil: neem "
                        + "contact op met je huisarts voordat je weer traint, en zet het signaal "
                        + "pas uit als een arts groen licht geeft.",
                    en: "Warning sign reported on \(date): \(flagName). The plan is paused: "
                        + "contact your GP before you train again, and clear the flag only once "
                        + "a doctor says you may go on.")
        case .painAboveLimit:
            return say(
                nl: "De pijn liep op tot \(seen)/10, boven de grens van \(limit)/10: dat was te "
                    + "veel. \(backOff)",
                en: "Pain reached \(seen)/10, above the limit of \(limit)/10: that was too much. "
                    + backOff)
        case .painLasted:
            return say(
                nl: "Na de activiteit bleef de pijn langer dan \(limit) uur hangen: dat was te "
                    + "veel. \(backOff)",
                en: "Pain stayed for more than \(limit) hours after the activity: that was too "
                    + "much. \(backOff)")
        case .worseNextMorning:
            return say(
                nl: "De ochtend erna (\(date)) was de pijn \(seen)/10, hoger dan de \(limit)/10 "
                    + "daarvoor: je lichaam had de belasting na een nacht nog niet verwerkt. "
                    + backOff,
                en: "The next morning (\(date)) pain was \(seen)/10, higher than the \(limit)/10 "
                    + "before: your body had not absorbed the load overnight. \(backOff)")
        case .painDuringAboveSafe:
            return say(
                nl: "Pijn tijdens was \(seen)/10, boven de veilige \(limit)/10: herhaal deze "
                    + "belasting en bouw nog niet op.",
                en: "Pain during was \(seen)/10, above the safe \(limit)/10: repeat this load, "
                    + "don't increase yet.")
        case .painAfterAboveSafe:
            return say(
                nl: "Pijn na afloop was \(seen)/10, boven de veilige \(limit)/10: herhaal deze "
                    + "belasting en bouw nog niet op.",
                en: "Pain after was \(seen)/10, above the safe \(limit)/10: repeat this load, "
                    + "don't increase yet.")
        case .weeklyLoadOverCap:
            let why =
                finding.percent.map { pct in
                    say(
                        nl: "hoogstens \(formatNumber(pct, decimals: 0)) % meer dan vorige week",
                        en: "at most \(formatNumber(pct, decimals: 0)) % more than last week")
                }
                ?? say(nl: "de startomvang van deze fase", en: "the starting volume of this phase")
            return say(
                nl: "Deze week \(seen)\(unit), boven het maximum van \(limit)\(unit) (\(why)): "
                    + "houd vast en doe deze week niets extra.",
                en: "This week \(seen)\(unit), above the cap of \(limit)\(unit) (\(why)): hold, "
                    + "nothing extra this week.")
        case .sessionSpike:
            let pct = finding.percent.map { formatNumber($0, decimals: 0) + " %" }
            return say(
                nl: "Deze loop was \(seen)\(unit), meer dan de toegestane \(limit)\(unit) "
                    + "(\(pct.map { "hoogstens \($0) " } ?? "")langer dan je langste loop van "
                    + "de afgelopen 30 dagen): houd de volgende lopen op of onder die lengte.",
                en: "This run was \(seen)\(unit), more than the \(limit)\(unit) allowed "
                    + "(\(pct.map { "at most \($0) " } ?? "")longer than your longest run of the "
                    + "past 30 days): keep your next runs at or below that length.")
        case .phaseOverdue:
            return say(
                nl: "Dag \(seen) van deze fase, voorbij het geplande maximum van \(limit) dagen, "
                    + "en de doelen voor de volgende fase zijn nog niet gehaald: houd de "
                    + "belasting gelijk en overleg met je fysiotherapeut.",
                en: "Day \(seen) of this phase, past the planned maximum of \(limit) days, and "
                    + "the goals for the next phase are not met yet: hold the current load and "
                    + "talk it over with your physio.")
        case .noRecentLog:
            return say(
                nl: "De afgelopen \(limit) dagen is niets genoteerd: leg je trainingen en de "
                    + "ochtendcheck vast, zodat het advies blijft kloppen.",
                en: "Nothing logged in the last \(limit) days: log your sessions and morning "
                    + "checks so the advice stays accurate.")
        case .noImprovement:
            return say(
                nl: "De pijn is sinds \(date) niet gezakt (\(limit)/10 toen, \(seen)/10 nu), "
                    + "ondanks relatieve rust: neem contact op met je huisarts of "
                    + "fysiotherapeut.",
                en: "Pain has not come down since \(date) (\(limit)/10 then, \(seen)/10 now) "
                    + "despite relative rest: contact your GP or physio.")
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
        case .hold: say(nl: "vasthouden", en: "hold")
        case .reduce: say(nl: "terugschakelen", en: "reduce")
        case .seeDoctor: say(nl: "naar de huisarts", en: "see your GP")
        case .emergency: say(nl: "bel 112", en: "call 112")
        }
    }

    public func actionAdvice(_ action: Action) -> String {
        switch action {
        case .progress:
            say(
                nl: "Je mag de belasting iets verhogen, binnen het weekmaximum en het plan.",
                en: "You may increase the load a little, within the weekly cap and the plan.")
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
                nl: "Stop met trainen en ga naar je huisarts voordat je verdergaat.",
                en: "Stop training and see your GP before you go on.")
        case .emergency:
            say(nl: "Bel nu 112.", en: "Call 112 now.")
        }
    }

    // MARK: exit criteria

    public func criterionName(_ criterion: Criterion) -> String {
        switch criterion {
        case .minDays: say(nl: "Dagen in deze fase", en: "Days in this phase")
        case .greenDays: say(nl: "Groene dagen op rij", en: "Green days in a row")
        case .painFreeWalkMinutes: say(nl: "Pijnvrije wandeling", en: "Pain-free walk")
        case .weeklyLoad: say(nl: "Weekbelasting", en: "Weekly load")
        case .hopTest: say(nl: "Hinktest", en: "Hop test")
        case .calfRaises: say(nl: "Kuitheffingen op één been", en: "Single-leg calf raises")
        case .runWalkCompleted: say(nl: "Loop-wandelschema afgerond", en: "Run/walk schedule done")
        }
    }

    /// "Green days in a row: 2 of 3", "Weekly load: 10.5 of 15.0 km". `unit` is the phase's load
    /// unit and applies to weekly_load only; the other criteria carry their own (minutes for the
    /// walk, none for counts), so callers may pass the load unit for every line.
    public func criterion(_ status: CriterionStatus, unit loadUnit: String) -> String {
        let name = criterionName(status.criterion)
        let unit: String
        switch status.criterion {
        case .runWalkCompleted:
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
                nl: "Klaar voor de volgende fase: \(name). Ga verder zodra jij en je "
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
                nl: "Deze fase (\(name)) duurt langer dan gepland: neem contact op met je "
                    + "fysiotherapeut om het plan te bekijken.",
                en: "This phase (\(name)) is taking longer than planned: contact your physio to "
                    + "review the plan.")
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
        case .decimal(let range, let places):
            let low = amount(range.lowerBound, unit: nil)
            let high = amount(range.upperBound, unit: nil)
            let decimals = places == 1
                ? (nl: "1 decimaal", en: "1 decimal")
                : (nl: "\(places) decimalen", en: "\(places) decimals")
            hint = say(
                nl: "gebruik een getal van \(low) tot en met \(high), met hoogstens "
                    + "\(decimals.nl) en een punt als scheidingsteken",
                en: "use a number from \(low) to \(high) with at most \(decimals.en) and a "
                    + "dot as separator")
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
