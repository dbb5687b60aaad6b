import Foundation
import RehabCore
import RehabFiles
import RehabPlans
import RehabStorage

/// An archive is checked as if each record were typed in through the command that makes it:
/// the plan must exist (or its plan file must pass `plans check`), the variant, phases and
/// flags must be the plan's, the tuning must stay in the ranges `tune` allows, phase changes
/// must follow the start in order, no session may be faster than a body goes, and a watch's
/// start time must agree with the date. The first problem is reported with the patient, the
/// record and the field, in both languages, and nothing is stored. `rehab import` hands it to
/// `ArchiveImport` as the check of every piece.
public struct ArchiveCheck {
    /// A catalogue plan by id (throws for an unknown one), and the ids a refusal lists.
    let template: (String) throws -> Plan
    let catalogue: () -> [String]

    public init(
        template: @escaping (String) throws -> Plan, catalogue: @escaping () -> [String]
    ) {
        self.template = template
        self.catalogue = catalogue
    }

    /// The first problem: whose record, where in the file, and what is wrong.
    public struct Problem: WordedError {
        public let text: LocalizedText
    }

    /// What the patient being read may log, kept across the pieces of its history.
    private var rules: Rules?

    struct Rules {
        let name: String
        /// The plan's and the built-in red flags; nil for a patient without a plan.
        let flags: Set<String>?
        let planID: String
    }

    public mutating func check(_ archive: Archive) throws(Problem) {
        for patient in archive.patients { try check(ArchivePiece(patient: patient)) }
    }

    /// The header once per patient (its first piece), then the piece's records.
    public mutating func check(_ piece: ArchivePiece) throws(Problem) {
        let patient = piece.patient
        let rules: Rules
        if !piece.isFirst, let known = self.rules, known.name == patient.name {
            rules = known
        } else {
            rules = try header(patient)
        }
        self.rules = rules
        try records(piece, rules)
    }

    /// The plan, its variant, the tuning and the phase changes.
    func header(_ patient: ArchivedPatient) throws(Problem) -> Rules {
        func refuse(_ place: String, _ what: LocalizedText) -> Problem {
            Problem(text: ArchivePhrase.problem(patient.name, place: place, what))
        }
        guard let assignment = patient.assignment else {
            return Rules(name: patient.name, flags: nil, planID: "")
        }
        let template = try plan(for: patient, assignment: assignment)
        if let variant = assignment.variantID, template.variant(variant) == nil {
            throw refuse(
                "assignment.variant",
                ArchivePhrase.notAVariant(
                    variant, plan: template.id, expected: list(template.variants.map(\.id))))
        }
        try checkOverrides(
            assignment.overrides, template: template, variant: assignment.variantID,
            patient: patient.name)
        let phaseIDs = template.phases.map(\.id)
        var previous = assignment.startDate
        for (i, change) in assignment.phaseHistory.enumerated() {
            let place = "assignment.phase_history[\(i)]"
            guard phaseIDs.contains(change.phase) else {
                throw refuse(
                    place + ".phase",
                    ArchivePhrase.notAPhase(
                        change.phase, plan: template.id, expected: list(phaseIDs)))
            }
            guard change.date >= previous else {
                throw refuse(place + ".date", ArchivePhrase.changeBefore(change.date, previous))
            }
            previous = change.date
        }
        if assignment.phaseHistory.isEmpty {
            throw refuse("assignment.phase_history", ArchivePhrase.noPhaseChanges())
        }
        let plan = template.resolved(variant: assignment.variantID, overrides: assignment.overrides)
        return Rules(
            name: patient.name, flags: Set(RedFlag.builtIn.keys).union(plan.redFlags.map(\.id)),
            planID: plan.id)
    }

    /// Sessions, mornings and clearings, numbered within the whole patient.
    func records(_ piece: ArchivePiece, _ rules: Rules) throws(Problem) {
        let patient = piece.patient
        let o = piece.offset
        let who = StoragePhrase.patient(patient.name)
        func refuse(_ place: LocalizedText, _ what: LocalizedText) -> Problem {
            Problem(text: StoragePhrase.at(place, what))
        }
        // Records are named as the stores' record checks name them.
        func session(_ number: Int, _ date: Day) -> LocalizedText {
            StoragePhrase.session(who, number, date)
        }
        func morning(_ number: Int, _ date: Day) -> LocalizedText {
            StoragePhrase.dated(StoragePhrase.morning(who, number), date)
        }
        guard let flags = rules.flags else {
            // Without a plan there is nothing to log against (as `rehab log` says).
            if let s = patient.sessions.first {
                throw refuse(session(o.sessions + 1, s.date), ArchivePhrase.noPlanToLog())
            }
            if let m = patient.mornings.first {
                throw refuse(morning(o.mornings + 1, m.date), ArchivePhrase.noPlanToLog())
            }
            return
        }
        func checkFlags(_ ids: [String], _ place: LocalizedText) throws(Problem) {
            for id in ids where !flags.contains(id) {
                throw refuse(
                    place.appending(".flags"),
                    ArchivePhrase.notARedFlag(
                        id, plan: rules.planID, expected: list(flags.sorted())))
            }
        }
        // Sessions and mornings before the plan start are allowed: `start --replace` keeps the
        // log of the plan it replaces, so a patient's own export holds them, and refusing them
        // would make that export impossible to restore. (`rehab log` refuses new ones.)
        for (i, s) in patient.sessions.enumerated() {
            let place = session(o.sessions + i + 1, s.date)
            try checkFlags(s.flags, place)
            if Plausibility.tooFast(km: s.km, minutes: s.minutes, activity: s.activity),
                let km = s.km
            {
                throw refuse(
                    place,
                    Phrase.implausibleSpeed(activity: s.activity, km: km, minutes: s.minutes))
            }
            if let time = s.startTime, let utcDay = Day(iso: String(time.prefix(10))),
                abs(utcDay.days(to: s.date)) > 1
            {
                throw refuse(
                    place.appending(", start_time"), ArchivePhrase.startTimeOffDate(time, s.date))
            }
        }
        for (i, m) in patient.mornings.enumerated() {
            try checkFlags(m.flags, morning(o.mornings + i + 1, m.date))
        }
        for (i, c) in patient.clearings.enumerated() {
            try checkFlags(
                c.cleared.map(\.flag), StoragePhrase.clearing(who, o.clearings + i + 1, c.date))
        }
    }

    /// The template: the patient's plan file checked like `plans check` (size, aliases,
    /// UTF-8, every rule), else the catalogue plan of that id.
    func plan(for patient: ArchivedPatient, assignment: Assignment) throws(Problem) -> Plan {
        func refuse(_ place: String, _ what: LocalizedText) -> Problem {
            Problem(text: ArchivePhrase.problem(patient.name, place: place, what))
        }
        if let file = patient.planFile {
            let bytes = Array(file.yaml.utf8)
            let plan: Plan
            do {
                plan = try PlanFile.parse(bytes: bytes, file: "plan_file")
            } catch {
                // The plan-file checker's own words (`rehab plans check` says them so too),
                // which name their place in the file.
                throw Problem(
                    text: ArchivePhrase.problem(patient.name, planFile: error.errors.first))
            }
            guard plan.id == assignment.planID else {
                throw refuse(
                    "plan_file", ArchivePhrase.planFileOfAnotherPlan(plan.id, assignment.planID))
            }
            return plan
        }
        do {
            return try template(assignment.planID)
        } catch {
            throw refuse(
                "assignment.plan",
                ArchivePhrase.unknownPlan(assignment.planID, expected: list(catalogue())))
        }
    }

    /// Each threshold against the range of its row in `ThresholdDescriptor.all` (named by its
    /// plan-file key), then the whole tuned plan through the plan-file checker.
    func checkOverrides(_ o: PlanOverrides, template: Plan, variant: String?, patient: String)
        throws(Problem)
    {
        func refuse(_ key: String, _ what: LocalizedText) -> Problem {
            let place = "assignment.overrides" + (key.isEmpty ? "" : ".\(key)")
            return Problem(text: ArchivePhrase.problem(patient, place: place, what))
        }
        func range(_ value: Double?, _ r: ClosedRange<Double>, _ key: String) throws(Problem) {
            guard let value else { return }
            guard value.isFinite, r.contains(value) else {
                throw refuse(
                    key,
                    ArchivePhrase.outOfRange(
                        shown(value), from: shown(r.lowerBound), to: shown(r.upperBound)))
            }
        }
        let t = o.thresholds
        for d in ThresholdDescriptor.all {
            try range(d.value(in: t), d.decimalRange, d.path)
        }
        let base = template.thresholds
        let safe = t.painSafeMax ?? base.painSafeMax ?? 3
        let limit = t.painLimit ?? base.painLimit ?? 5
        if safe > limit {
            throw refuse("pain.safe_max", ArchivePhrase.safeAboveLimit(safe, limit))
        }
        let phaseIDs = template.phases.map(\.id)
        let named =
            Array(o.phaseDays.keys) + Array(o.exercises.keys) + Array(o.runWalk.keys)
        for id in named.sorted() where !phaseIDs.contains(id) {
            throw refuse(
                "",
                ArchivePhrase.tunedPhaseMissing(id, plan: template.id, expected: list(phaseIDs)))
        }
        for (id, days) in o.phaseDays.sorted(by: { $0.key < $1.key }) {
            try range(
                days.minDays.map(Double.init), TuningField.minDays.decimalRange,
                "phases.\(id).min_days")
            try range(
                days.maxDays.map(Double.init), TuningField.maxDays.decimalRange,
                "phases.\(id).max_days")
        }
        let tuned = template.resolved(variant: variant, overrides: o)
        if let problem = TunedPlan.problemTexts(tuned).first {
            // The plan-file checker's words, as for a plan file above.
            throw refuse("", problem)
        }
    }

    private func list(_ items: [String]) -> String {
        items.count > 12
            ? items.prefix(12).joined(separator: ", ") + ", …"
            : items.joined(separator: ", ")
    }

    private func shown(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}
