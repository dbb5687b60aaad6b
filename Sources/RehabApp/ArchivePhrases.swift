import RehabCore
import RehabPlans
import RehabStorage

// Why `ArchiveCheck` refuses an archive, in both languages. The places (the patient, then the
// file's own key such as assignment.variant, or a record with its number and date) are
// `StoragePhrase`'s, as the record checks of the stores name them.

private func t(_ nl: String, _ en: EnglishText) -> LocalizedText { LocalizedText(nl: nl, en: en) }

enum ArchivePhrase {
    static func notARegularFile() -> LocalizedText {
        t("geen gewoon bestand", "not a regular file")
    }

    /// The size cap of an export, `most` in MiB.
    static func tooLarge(_ bytes: Int, most: Int) -> LocalizedText {
        t(
            "het bestand is \(bytes) bytes; een export mag hoogstens \(most) MiB zijn",
            "the file is \(bytes) bytes; an export may be at most \(most) MiB")
    }

    /// `patient "Sam", assignment.variant: …`
    static func problem(_ patient: String, place: String, _ what: LocalizedText) -> LocalizedText {
        StoragePhrase.at(StoragePhrase.key(StoragePhrase.patient(patient), place), what)
    }

    /// A plan file's first problem in the plan-file checker's words (`rehab plans check`),
    /// which name the place themselves.
    static func problem(_ patient: String, planFile first: PlanError?) -> LocalizedText {
        let place = first?.located ?? LocalizedText(verbatim: "plan_file")
        return t("patiënt \"\(patient)\", \(place.nl)", "patient \"\(patient)\", \(place)")
    }

    static func notAVariant(_ variant: String, plan: String, expected: String) -> LocalizedText {
        t(
            "\"\(variant)\" is geen variant van \(plan) (verwacht een van \(expected))",
            "\"\(variant)\" is not a variant of \(plan) (expected one of \(expected))")
    }

    static func notAPhase(_ phase: String, plan: String, expected: String) -> LocalizedText {
        t(
            "\"\(phase)\" is geen fase van \(plan) (verwacht een van \(expected))",
            "\"\(phase)\" is not a phase of \(plan) (expected one of \(expected))")
    }

    /// Tuning for a phase the plan does not have.
    static func tunedPhaseMissing(_ phase: String, plan: String, expected: String)
        -> LocalizedText
    {
        t(
            "fase \"\(phase)\" is geen fase van \(plan) (verwacht een van \(expected))",
            "phase \"\(phase)\" is not a phase of \(plan) (expected one of \(expected))")
    }

    static func changeBefore(_ date: Day, _ previous: Day) -> LocalizedText {
        t(
            "\(date.iso) ligt vóór \(previous.iso) (de start van het plan of de wissel ervoor)",
            "\(date.iso) is before \(previous.iso) (the plan start or the change before it)")
    }

    static func noPhaseChanges() -> LocalizedText {
        t(
            "leeg (verwacht de eerste fase bij de start)",
            "empty (expected the first phase at the start)")
    }

    static func noPlanToLog() -> LocalizedText {
        t(
            "geen plan toegewezen (loggen kan alleen met een plan)",
            "no plan assigned (log needs a plan)")
    }

    static func notARedFlag(_ flag: String, plan: String, expected: String) -> LocalizedText {
        t(
            "\"\(flag)\" is geen rode vlag van \(plan) (verwacht een van \(expected))",
            "\"\(flag)\" is not a red flag of \(plan) (expected one of \(expected))")
    }

    static func startTimeOffDate(_ time: String, _ date: Day) -> LocalizedText {
        t(
            "\(time) valt in geen enkele tijdzone op \(date.iso) (verwacht een UTC-tijd binnen "
                + "een dag van de datum)",
            "\(time) is not on \(date.iso) in any time zone (expected a UTC time within a day "
                + "of the date)")
    }

    static func planFileOfAnotherPlan(_ id: String, _ planID: String) -> LocalizedText {
        t(
            "zijn id \(id) is niet het plan van de toewijzing, \(planID)",
            "its id \(id) is not the assignment's plan \(planID)")
    }

    static func unknownPlan(_ id: String, expected: String) -> LocalizedText {
        t(
            "\"\(id)\" is geen plan uit de catalogus (verwacht een van \(expected)) en er is "
                + "geen plan_file",
            "\"\(id)\" is not a plan in the catalogue (expected one of \(expected)) and no "
                + "plan_file is given")
    }

    static func outOfRange(_ value: String, from: String, to: String) -> LocalizedText {
        t(
            "\(value) valt buiten het bereik (verwacht \(from)-\(to))",
            "\(value) is out of range (expected \(from)-\(to))")
    }

    static func safeAboveLimit(_ safe: Int, _ limit: Int) -> LocalizedText {
        t(
            "\(safe) ligt boven pain.limit \(limit) (verwacht safe_max ≤ limit)",
            "\(safe) is above pain.limit \(limit) (expected safe_max ≤ limit)")
    }
}

extension LocalizedText {
    /// The text with the same words added in both languages (a key such as ".flags").
    func appending(_ suffix: String) -> LocalizedText {
        LocalizedText(nl: nl + suffix, en: "\(self)\(suffix)")
    }
}
