import RehabCore

// The stores' refusals of records and rows (`StoreError.importFailed`), in both languages, said
// alike by the record checks and both stores (RehabSQLite, RehabPostgres). Field names, table
// and column names and the records' own values read the same in both. The places also name
// the records `ArchiveCheck` refuses, so an import names a record one way whoever refuses it.

private func t(_ nl: String, _ en: EnglishText) -> LocalizedText { LocalizedText(nl: nl, en: en) }

public enum StoragePhrase {
    // MARK: places

    /// `patient "Sam"`
    public static func patient(_ name: String) -> LocalizedText {
        t("patiënt \"\(name)\"", "patient \"\(name)\"")
    }

    /// A problem at a place: `patient "Sam", session 3 (2026-02-01): …`.
    public static func at(_ place: LocalizedText, _ problem: LocalizedText) -> LocalizedText {
        t("\(place.nl): \(problem.nl)", "\(place): \(problem)")
    }

    /// `patient "Sam", plan_file.plan_id`: a key of the file after the patient.
    public static func key(_ who: LocalizedText, _ key: String) -> LocalizedText {
        t("\(who.nl), \(key)", "\(who), \(key)")
    }

    static func assignment(_ who: LocalizedText) -> LocalizedText {
        t("\(who.nl), toewijzing", "\(who), assignment")
    }

    public static func session(_ who: LocalizedText, _ number: Int, _ date: Day) -> LocalizedText {
        t("\(who.nl), sessie \(number) (\(date.iso))", "\(who), session \(number) (\(date.iso))")
    }

    public static func morning(_ who: LocalizedText, _ number: Int) -> LocalizedText {
        t("\(who.nl), ochtendcheck \(number)", "\(who), morning \(number)")
    }

    /// A place with the record's date after it: `morning 2 (2026-02-01)`.
    public static func dated(_ place: LocalizedText, _ date: Day) -> LocalizedText {
        t("\(place.nl) (\(date.iso))", "\(place) (\(date.iso))")
    }

    public static func clearing(_ who: LocalizedText, _ number: Int, _ date: Day) -> LocalizedText {
        t(
            "\(who.nl), vrijgave \(number) (\(date.iso))",
            "\(who), clearing \(number) (\(date.iso))")
    }

    static func shoe(_ who: LocalizedText, _ number: Int) -> LocalizedText {
        t("\(who.nl), schoen \(number)", "\(who), shoe \(number)")
    }

    /// `measurement 2 (hop, 2026-02-01)`; without a number for a measurement stored later.
    public static func measurement(_ who: LocalizedText, _ number: Int?, _ m: MeasureRecord)
        -> LocalizedText
    {
        let n = number.map { " \($0)" } ?? ""
        return t(
            "\(who.nl), meting\(n) (\(m.instrument), \(m.date.iso))",
            "\(who), measurement\(n) (\(m.instrument), \(m.date.iso))")
    }

    static func note(_ who: LocalizedText, _ number: Int, _ date: Day) -> LocalizedText {
        t("\(who.nl), notitie \(number) (\(date.iso))", "\(who), note \(number) (\(date.iso))")
    }

    // MARK: problems

    /// A value the record checks refuse, as one line: the field, the value, what is allowed.
    static func notAllowed(_ e: ValidationError) -> LocalizedText {
        let allowed: LocalizedText
        switch e.allowed {
        case .integer(let r):
            allowed = t(
                "een heel getal \(r.lowerBound)-\(r.upperBound)",
                "a whole number \(r.lowerBound)-\(r.upperBound)")
        case .decimal(let r, let places), .decimalCommaOrDot(let r, let places):
            allowed = t(
                "een getal \(r.lowerBound)-\(r.upperBound) met hoogstens \(places) decimalen",
                "a number \(r.lowerBound)-\(r.upperBound) with at most \(places) decimals")
        case .isoDateNotAfter(let d):
            allowed = t(
                "een datum JJJJ-MM-DD niet na \(d.iso)", "a date YYYY-MM-DD not after \(d.iso)")
        case .isoDateNotBefore(let d):
            allowed = t(
                "een datum JJJJ-MM-DD niet voor \(d.iso)", "a date YYYY-MM-DD not before \(d.iso)")
        case .textUpTo(let n):
            allowed = t("tekst van hoogstens \(n) tekens", "text of at most \(n) characters")
        case .nonEmptyTextUpTo(let n):
            allowed = t(
                "een niet-lege tekst van hoogstens \(n) tekens",
                "a non-empty text of at most \(n) characters")
        case .oneOf(let options):
            let list = options.joined(separator: ", ")
            allowed = t("een van \(list)", "one of \(list)")
        case .flagID: allowed = t("een vlag-id (a-z, 0-9, _)", "a flag id (a-z, 0-9, _)")
        case .utcTimestamp:
            allowed = t("een UTC-tijd JJJJ-MM-DDTuu:mm:ssZ", "a UTC time YYYY-MM-DDThh:mm:ssZ")
        case .plainTextUpTo(let n):
            allowed = t(
                "tekst van hoogstens \(n) tekens zonder NUL of stuurtekens",
                "text of at most \(n) characters without NUL or control characters")
        }
        return t(
            "\(e.field) \"\(e.value)\" is niet toegestaan (verwacht \(allowed.nl))",
            "\(e.field) \"\(e.value)\" is not allowed (expected \(allowed))")
    }

    /// A plan file kept with an assignment of another plan.
    public static func planFileOfAnotherPlan(_ id: String, assignment: String) -> LocalizedText {
        t(
            "plan_file.plan_id: \(id) is niet het plan van de toewijzing, \(assignment)",
            "plan_file.plan_id: \(id) is not the assignment's \(assignment)")
    }

    /// An archive's plan file whose plan is not its assignment's (nil: no assignment).
    static func planFileNotAssigned(_ id: String, assignment: String?) -> LocalizedText {
        t(
            "\(id) is niet het plan van de toewijzing, " + (assignment ?? "(geen)"),
            "\(id) is not the assignment's plan " + (assignment ?? "(none)"))
    }

    static func secondMorning(_ date: Day) -> LocalizedText {
        t("een tweede ochtendcheck op \(date.iso)", "a second morning check on \(date.iso)")
    }

    static func shoeTwice(_ name: String) -> LocalizedText {
        t("\"\(name)\" staat er twee keer in", "\"\(name)\" twice")
    }

    /// A refusal of a record that has no `StoreError` case, said during an import.
    public static func record(_ error: RecordError) -> LocalizedText {
        switch error {
        case .duplicateShoe(let name):
            t(
                "shoe: er is al een schoen '\(name)' (namen zijn niet hoofdlettergevoelig)",
                "shoe: there is already a shoe called '\(name)' (names ignore case)")
        case .unknownSession(let id?):
            t("sessie \(id) bestaat niet voor deze patiënt", "no session \(id) for this patient")
        case .unknownSession(nil):
            t("deze sessie is nooit opgeslagen", "this session was never stored")
        }
    }

    /// The database's own account of a refused row (a CHECK, a unique value), in its words.
    public static func database(_ detail: String) -> LocalizedText {
        t("de database weigert: \(detail)", "\(detail)")
    }

    // MARK: rows read back (a damaged database or a mistake in a store)

    static func notADate(_ column: String, _ text: String) -> LocalizedText {
        t("\(column): geen datum: \(text)", "\(column): not a date: \(text)")
    }

    static func unknownValue(_ column: String, _ text: String) -> LocalizedText {
        t("\(column): onbekende waarde \(text)", "\(column): unknown \(text)")
    }

    /// `query` is the statement, or nil for "this query".
    public static func notAColumn(_ name: String, of query: String?) -> LocalizedText {
        if let query {
            return t("\(name): geen kolom van \(query)", "\(name): not a column of \(query)")
        }
        return t("\(name): geen kolom van deze query", "\(name): not a column of this query")
    }

    public static func unreadable(_ column: String, as type: String) -> LocalizedText {
        t("\(column): niet te lezen als \(type)", "\(column): cannot read it as \(type)")
    }

    public static func noIDReturned() -> LocalizedText {
        t(
            "de database gaf geen id voor de opgeslagen rij",
            "the database returned no id for the stored row")
    }
}
