import RehabCore

// Why a CSV or JSON archive is refused, in both languages (`StoreError.importFailed`), the
// language chosen by the front end that says it. Field names, keys, record kinds, line and
// column numbers and the file's own values read the same in both.

private func t(_ nl: String, _ en: EnglishText) -> LocalizedText { LocalizedText(nl: nl, en: en) }

enum FormatPhrase {
    // MARK: both formats

    static func wrongFormat(_ found: String) -> LocalizedText {
        t(
            "format: rehab-export verwacht, \(found) gevonden",
            "format: expected rehab-export, found \(found)")
    }

    static func unsupportedVersion(_ version: Int, newest: Int) -> LocalizedText {
        t(
            "version: \(version) wordt niet ondersteund (deze rehab leest tot en met versie "
                + "\(newest))",
            "version: \(version) is not supported (this rehab reads up to \(newest))")
    }

    /// A problem at a key of a stored row or a file (`flag_clearing.cleared`).
    static func at(_ path: String, _ problem: LocalizedText) -> LocalizedText {
        t("\(path): \(problem.nl)", "\(path): \(problem)")
    }

    static func notAFlagReport(_ token: String) -> LocalizedText {
        t(
            "'\(token)' heeft niet de vorm flag@JJJJ-MM-DD",
            "'\(token)' is not flag@YYYY-MM-DD")
    }

    // MARK: JSON

    /// Foundation's own account of why the text is no JSON, which it gives in English only.
    static func notJSON(_ detail: String) -> LocalizedText {
        t("geen JSON-document: \(detail)", "not a JSON document: \(detail)")
    }

    static func notJSON() -> LocalizedText { t("geen JSON-document", "not a JSON document") }

    /// Where the JSON scanner stopped: `what` at a byte counted from 1.
    static func notJSON(_ what: LocalizedText, atByte byte: Int) -> LocalizedText {
        t(
            "geen JSON-document: \(what.nl) bij byte \(byte)",
            "not a JSON document: \(what) at byte \(byte)")
    }

    static func expected(_ token: String) -> LocalizedText {
        t("\(token) verwacht", "expected \(token)")
    }

    static func moreAfterTheEnd() -> LocalizedText { t("meer na het einde", "more after the end") }

    static func keyNotAString() -> LocalizedText {
        t("een sleutel die geen string is", "a key that is not a string")
    }

    static func valueOutsideTheDocument() -> LocalizedText {
        t("een waarde buiten het document", "a value outside the document")
    }

    static func endsEarly() -> LocalizedText {
        t("het bestand eindigt te vroeg", "the file ends early")
    }

    static func expectedAString() -> LocalizedText { t("een string verwacht", "expected a string") }

    static func unendingString() -> LocalizedText {
        t("een string die niet eindigt", "a string that does not end")
    }

    static func givenTwice(_ key: String) -> LocalizedText {
        t("\(key): staat er twee keer in", "\(key): given twice")
    }

    static func changedWhileRead(_ place: String) -> LocalizedText {
        t(
            "\(place): het bestand is veranderd terwijl het werd gelezen",
            "\(place): the file changed while read")
    }

    static func missing(_ path: String) -> LocalizedText {
        t("\(path): ontbreekt", "\(path): missing")
    }

    static func notAWholeNumber(_ path: String, _ value: String) -> LocalizedText {
        t("\(path): \(value) is geen heel getal", "\(path): \(value) is not a whole number")
    }

    /// `type` is the Swift type the field holds (Int, String, Double): a name, not a word.
    static func expectedType(_ path: String, _ type: String) -> LocalizedText {
        t("\(path): \(type) verwacht", "\(path): expected \(type)")
    }

    static func expectedTypeFoundNull(_ path: String, _ type: String) -> LocalizedText {
        t("\(path): \(type) verwacht, null gevonden", "\(path): expected \(type), found null")
    }

    static func notADate(_ path: String, _ text: String) -> LocalizedText {
        t("\(path): geen datum JJJJ-MM-DD: \(text)", "\(path): not a date YYYY-MM-DD: \(text)")
    }

    /// A value that is none of the names its field takes (an activity "jog"); `detail` is
    /// Swift's English account of it.
    static func unknownValue(_ path: String, _ value: String, _ detail: String) -> LocalizedText {
        t("\(path): onbekende waarde \(value)", "\(path): \(detail)")
    }

    /// Foundation's account of a value it could not decode, in English.
    static func badValue(_ path: String, _ detail: String) -> LocalizedText {
        t("\(path): ongeldige waarde (\(detail))", "\(path): \(detail)")
    }

    /// A decoding error of a kind Foundation added later, as Swift prints it.
    static func undecodable(_ detail: String) -> LocalizedText {
        t("onleesbare waarde: \(detail)", "\(detail)")
    }

    // MARK: CSV

    static func line(_ line: Int, _ problem: LocalizedText) -> LocalizedText {
        t("regel \(line): \(problem.nl)", "line \(line): \(problem)")
    }

    static func cell(_ line: Int, _ column: String, _ problem: LocalizedText) -> LocalizedText {
        t(
            "regel \(line), kolom \(column): \(problem.nl)",
            "line \(line), column \(column): \(problem)")
    }

    static func emptyFile() -> LocalizedText { t("leeg bestand", "empty file") }

    static func unknownColumn(_ name: String) -> LocalizedText {
        t("onbekende kolom \"\(name)\"", "unknown column \"\(name)\"")
    }

    static func columnTwice(_ name: String) -> LocalizedText {
        t("kolom \"\(name)\" staat er twee keer in", "column \"\(name)\" twice")
    }

    static func recordAndPatientRequired() -> LocalizedText {
        t(
            "de kolommen record en patient zijn verplicht",
            "the columns record and patient are required")
    }

    static func fieldCount(_ count: Int, header: Int) -> LocalizedText {
        t(
            "\(counted(count, "veld", "velden")), de kopregel heeft er \(header)",
            "\(count) fields, the header has \(header)")
    }

    static func notUTF8() -> LocalizedText { t("geen UTF-8", "not UTF-8") }

    static func quoteNeverClosed() -> LocalizedText {
        t("een veld tussen aanhalingstekens wordt nooit gesloten", "a quoted field is never closed")
    }

    static func quoteInsideField() -> LocalizedText {
        t(
            "een aanhalingsteken in een veld dat er niet mee begint",
            "a quote inside a field that does not start with one")
    }

    static func textAfterClosingQuote() -> LocalizedText {
        t("tekst na een sluitend aanhalingsteken", "text after a closing quote")
    }

    static func valueNeeded() -> LocalizedText { t("een waarde is nodig", "a value is needed") }

    static func nameNeeded() -> LocalizedText { t("een naam is nodig", "a name is needed") }

    static func numberNeeded() -> LocalizedText { t("een getal is nodig", "a number is needed") }

    static func wholeNumberNeeded() -> LocalizedText {
        t("een heel getal is nodig", "a whole number is needed")
    }

    static func expectedDate(found: String) -> LocalizedText {
        t(
            "een datum JJJJ-MM-DD verwacht, \"\(found)\" gevonden",
            "expected a date YYYY-MM-DD, found \"\(found)\"")
    }

    static func expectedWholeNumber(found: String) -> LocalizedText {
        t(
            "een heel getal verwacht, \"\(found)\" gevonden",
            "expected a whole number, found \"\(found)\"")
    }

    static func expectedDotDecimal(found: String) -> LocalizedText {
        t(
            "een getal met een punt voor decimalen verwacht, \"\(found)\" gevonden",
            "expected a number with a dot for decimals, found \"\(found)\"")
    }

    static func expectedBool(found: String) -> LocalizedText {
        t(
            "true of false verwacht, \"\(found)\" gevonden",
            "expected true or false, found \"\(found)\"")
    }

    static func expectedLanguage(found: String) -> LocalizedText {
        t("nl of en verwacht, \"\(found)\" gevonden", "expected nl or en, found \"\(found)\"")
    }

    static func expectedOneOf(_ allowed: String, found: String) -> LocalizedText {
        t(
            "een van \(allowed) verwacht, \"\(found)\" gevonden",
            "expected one of \(allowed), found \"\(found)\"")
    }

    static func rowAfterOtherPatient(_ name: String) -> LocalizedText {
        t(
            "een regel van \"\(name)\" na de regels van een andere patiënt (houd de regels van "
                + "elke patiënt bij elkaar onder de patient-regel)",
            "a row of \"\(name)\" after another patient's rows "
                + "(keep each patient's rows together under its patient row)")
    }

    static func noPatientRow(_ name: String) -> LocalizedText {
        t(
            "\"\(name)\" heeft geen patient-regel boven deze regel",
            "\"\(name)\" has no patient row above this line")
    }

    static func headerRecordTooLate(_ record: String, _ name: String) -> LocalizedText {
        t(
            "\(record) na de sessies, ochtendchecks, vrijgaven of schoenen van \"\(name)\" "
                + "(zet het direct onder de patient-regel, zoals rehab export doet)",
            "\(record) after the sessions, mornings, clearings or shoes of \"\(name)\" "
                + "(put it right under the patient row, as rehab export does)")
    }

    /// A second `assignment`, `discharge` or `plan_file` row for one patient.
    static func second(_ record: String, _ name: String) -> LocalizedText {
        t("een tweede \(record) voor \"\(name)\"", "a second \(record) for \"\(name)\"")
    }

    static func badOverrides() -> LocalizedText {
        t("geen geldig JSON-object met overrides", "not a valid overrides JSON object")
    }

    static func phaseChangeBeforeAssignment(_ name: String) -> LocalizedText {
        t(
            "een phase_change vóór de assignment van \"\(name)\"",
            "a phase_change before the assignment of \"\(name)\"")
    }

    static func unknownRecord(_ found: String) -> LocalizedText {
        t(
            "patient, assignment, phase_change, plan_file, discharge, session, morning, "
                + "clearing, shoe, measurement of note verwacht, \"\(found)\" gevonden",
            "expected patient, assignment, phase_change, plan_file, discharge, session, "
                + "morning, clearing, shoe, measurement or note, found \"\(found)\"")
    }

    static func badAnswers() -> LocalizedText {
        t(
            "een JSON-lijst van {\"item\": …, \"score\": …} verwacht",
            "expected a JSON list of {\"item\": …, \"score\": …}")
    }
}
