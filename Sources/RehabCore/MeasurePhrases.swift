/// Text about outcome measures and clinical notes, in both languages by construction.
public enum MeasurePhrase {
    private static func t(_ nl: String, _ en: EnglishText) -> LocalizedText {
        LocalizedText(nl: nl, en: en)
    }

    private static func list(_ items: [String]) -> String {
        items.isEmpty ? "—" : items.joined(separator: ", ")
    }

    public static func error(_ error: MeasureError) -> LocalizedText {
        switch error {
        case .unknownInstrument(let id, let known):
            t(
                "meting: '\(id)' is geen bekende meting; kies uit: \(list(known)) (zie 'rehab questionnaires')",
                "measure: '\(id)' is not a known measure; choose from: \(list(known)) (see 'rehab questionnaires')"
            )
        case .noAnswers(let instrument):
            t(
                "\(instrument): geen antwoorden; geef ITEM=SCORE (zie 'rehab measure --help')",
                "\(instrument): no answers; give ITEM=SCORE (see 'rehab measure --help')")
        case .notAnAnswer(let text):
            t(
                "antwoord: '\(text)' is geen ITEM=SCORE, bijvoorbeeld \"traplopen=4\"",
                "answer: '\(text)' is not ITEM=SCORE, for example \"stairs=4\"")
        case .scoreOutOfRange(let instrument, let item, let value, let allowed):
            t(
                "\(instrument) '\(item)': '\(value)' is geen geldige score; toegestaan: een geheel getal \(allowed.lowerBound)-\(allowed.upperBound)",
                "\(instrument) '\(item)': '\(value)' is not a valid score; allowed: a whole number \(allowed.lowerBound)-\(allowed.upperBound)"
            )
        case .unknownStep(let value, let allowed):
            t(
                "gpe: '\(value)' is geen antwoord; kies uit: \(list(allowed))",
                "gpe: '\(value)' is not an answer; choose from: \(list(allowed))")
        case .tooManyItems(let instrument, let count, let allowed):
            t(
                "\(instrument): \(count) activiteiten; toegestaan: \(allowed.lowerBound)-\(allowed.upperBound)",
                "\(instrument): \(count) activities; allowed: \(allowed.lowerBound)-\(allowed.upperBound)"
            )
        case .duplicateItem(let instrument, let item):
            t(
                "\(instrument): '\(item)' staat er twee keer in; geef elk item één keer",
                "\(instrument): '\(item)' is given twice; give each item once")
        case .unknownItem(let instrument, let item, let known):
            t(
                "\(instrument): '\(item)' is geen item; de items zijn: \(list(known))",
                "\(instrument): '\(item)' is not an item; the items are: \(list(known))")
        case .missingItems(let instrument, let items):
            t(
                "\(instrument): antwoord ontbreekt voor: \(list(items)); elk item is verplicht",
                "\(instrument): no answer for: \(list(items)); every item is required")
        case .notTheBaselineActivities(let expected, let given):
            t(
                "psfs: scoor dezelfde activiteiten als de eerste keer (\(list(expected))), niet \(list(given)); alleen zo is de verandering te vergelijken",
                "psfs: score the same activities as the first time (\(list(expected))), not \(list(given)); only then can the change be compared"
            )
        case .needsBaseline(let instrument):
            t(
                "\(instrument): beoordeelt de verandering sinds de start en wordt pas vanaf de tweede meting gevraagd; meet eerst psfs of nprs en beoordeel de verandering op een latere dag",
                "\(instrument): rates the change since the start and is asked from the second time on; measure psfs or nprs first, and rate the change on a later day"
            )
        case .itemNameTooLong(let item, let max):
            t(
                "psfs: activiteit '\(item.prefix(20))…' is te lang; hoogstens \(max) tekens",
                "psfs: activity '\(item.prefix(20))…' is too long; at most \(max) characters")
        }
    }

    public static func meaning(_ meaning: ChangeMeaning) -> LocalizedText {
        switch meaning {
        case .improved: t("klinisch relevant beter", "clinically important improvement")
        case .worse: t("klinisch relevant slechter", "clinically important worsening")
        case .noImportantChange: t("geen klinisch relevante verandering", "no important change")
        }
    }

    public static func reason(_ reason: DueReason) -> LocalizedText {
        switch reason {
        case .start: t("bij de start", "at the start")
        case .every(let days): t("elke \(days) dagen", "every \(days) days")
        case .phaseChange(let phase):
            t("na de fasewissel naar \(phase)", "after the change to \(phase)")
        case .discharge: t("bij ontslag", "at discharge")
        }
    }

    public static func due(_ name: String, reason: DueReason, since: Day, overdue: Bool)
        -> LocalizedText
    {
        let r = self.reason(reason)
        return overdue
            ? t(
                "\(name): te laat (\(r.nl), sinds \(since.iso))",
                "\(name): overdue (\(r), since \(since.iso))")
            : t("\(name): nu invullen (\(r.nl))", "\(name): due now (\(r))")
    }

    public static func measuresDueLabel() -> LocalizedText { t("Metingen", "Measures") }
    public static func noMeasures() -> LocalizedText {
        t(
            "nog geen metingen; begin met 'rehab measure psfs \"traplopen=4\"' en 'rehab measure nprs 5'",
            "no measures yet; begin with 'rehab measure psfs \"stairs=4\"' and 'rehab measure nprs 5'"
        )
    }
    public static func stored(_ name: String, date: Day, score: String) -> LocalizedText {
        t(
            "\(name) opgeslagen voor \(date.iso): \(score)",
            "\(name) saved for \(date.iso): \(score)")
    }
    public static func first() -> LocalizedText { t("eerste", "first") }
    public static func latest() -> LocalizedText { t("laatste", "latest") }
    public static func change() -> LocalizedText { t("verandering", "change") }
    public static func noteEmpty() -> LocalizedText {
        t(
            "notitie: de tekst is leeg; schrijf wat u zag of besprak",
            "note: the text is empty; write what you saw or discussed")
    }
    /// `writes`: whether the reader may add one (a clinic's patient reads their physio's).
    public static func noNotes(writes: Bool = true) -> LocalizedText {
        guard writes else {
            return t("nog geen notities van uw fysio", "no notes from your physio yet")
        }
        return t(
            "nog geen notities; voeg er een toe met 'rehab note TEKST'",
            "no notes yet; add one with 'rehab note TEXT'")
    }
    /// What changed since the physio's last note (their last review).
    public static func sinceReview(
        _ date: Day, sessions: Int, mornings: Int, measures: Int, flags: Int
    ) -> LocalizedText {
        func n(_ count: Int, _ one: String, _ many: String) -> String {
            "\(count) \(count == 1 ? one : many)"
        }
        let flagsNL = flags == 0 ? "" : ", " + n(flags, "alarmsignaal", "alarmsignalen")
        let flagsEN = flags == 0 ? "" : ", " + n(flags, "red flag", "red flags")
        return t(
            "Sinds de laatste notitie (\(date.iso)): \(n(sessions, "sessie", "sessies")), "
                + "\(n(mornings, "ochtendcheck", "ochtendchecks")), \(n(measures, "meting", "metingen"))"
                + flagsNL + ".",
            "Since the last note (\(date.iso)): \(n(sessions, "session", "sessions")), "
                + "\(n(mornings, "morning check", "morning checks")), "
                + "\(n(measures, "measure", "measures"))" + flagsEN + ".")
    }
    public static func noteStored(_ date: Day) -> LocalizedText {
        t("notitie opgeslagen voor \(date.iso)", "note saved for \(date.iso)")
    }
}

/// How scores and changes are written, the same in the CLI, the reports and the app.
public enum MeasureText {
    /// A mean with one decimal; a sum as a whole number; a GPE answer as its step.
    public static func score(_ value: Double, _ instrument: Instrument, _ language: Language)
        -> String
    {
        if instrument.id == Instrument.gpe.id, let step = GPEStep(score: Int(value)) {
            return step.names.text(language)
        }
        return instrument.method == .mean ? formatNumber(value, decimals: 1) : number(value)
    }

    /// A signed change: "+2.5", "-2", "0".
    public static func delta(_ value: Double, _ instrument: Instrument) -> String {
        let text =
            instrument.method == .mean ? formatNumber(value, decimals: 1) : number(value)
        return value > 0 ? "+" + text : text
    }

    public static func number(_ value: Double) -> String {
        value == value.rounded()
            ? formatNumber(value, decimals: 0) : formatNumber(value, decimals: 1)
    }

    /// "MCID 2" or "MCID 2 / 30 %", with the direction that counts as better.
    public static func mcid(_ instrument: Instrument, _ language: Language) -> String {
        var text = "MCID " + number(instrument.mcid)
        if let percent = instrument.mcidPercent { text += " / " + number(percent) + " %" }
        return text
    }

    /// The one-line summary of a course: "3.0 → 5.5 (+2.5): clinically important improvement".
    public static func course(_ course: MeasureCourse, _ language: Language) -> String {
        let i = course.instrument
        guard let first = course.points.first, let last = course.points.last else { return "" }
        if i.id == Instrument.gpe.id {
            let meaning =
                course.meaning.map { ": " + MeasurePhrase.meaning($0).text(language) } ?? ""
            return score(last.score, i, language) + meaning
        }
        guard let change = course.change else { return score(first.score, i, language) }
        return "\(score(first.score, i, language)) → \(score(last.score, i, language)) "
            + "(\(delta(change.delta, i))): \(MeasurePhrase.meaning(change.meaning).text(language))"
    }
}
