import Foundation
import RehabCore
import RehabFiles
import RehabPlans

/// An archive is checked as if each record were typed in through the command that makes it:
/// the plan must exist (or its plan file must pass `plans check`), the variant, phases and
/// flags must be the plan's, the tuning must stay in the ranges `tune` allows, phase changes
/// must follow the start in order, no session may be faster than a body goes, and a watch's
/// start time must agree with the date. The first problem is reported with the patient, the record and the field, and
/// nothing is stored.
struct ArchiveCheck {
    let context: Context

    init(context: Context) {
        self.context = context
    }

    struct Problem: Error {
        let message: String
    }

    /// What the patient being read may log, kept across the pieces of its history.
    private var rules: Rules?

    struct Rules {
        let name: String
        /// The plan's and the built-in red flags; nil for a patient without a plan.
        let flags: Set<String>?
        let planID: String
    }

    mutating func check(_ archive: Archive) throws(Problem) {
        for patient in archive.patients { try check(ArchivePiece(patient: patient)) }
    }

    /// The header once per patient (its first piece), then the piece's records.
    mutating func check(_ piece: ArchivePiece) throws(Problem) {
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

    private func refusal(_ patient: ArchivedPatient, _ place: String, _ what: String) -> Problem {
        Problem(message: "patient \"\(patient.name)\", \(place): \(what)")
    }

    /// The plan, its variant, the tuning and the phase changes.
    func header(_ patient: ArchivedPatient) throws(Problem) -> Rules {
        let who = "patient \"\(patient.name)\""
        func refuse(_ place: String, _ what: String) -> Problem {
            refusal(patient, place, what)
        }
        guard let assignment = patient.assignment else {
            return Rules(name: patient.name, flags: nil, planID: "")
        }
        let template = try plan(for: patient, assignment: assignment, who: who)
        if let variant = assignment.variantID, template.variant(variant) == nil {
            throw refuse(
                "assignment.variant",
                "\"\(variant)\" is not a variant of \(template.id) (expected one of "
                    + "\(list(template.variants.map(\.id))))")
        }
        try checkOverrides(
            assignment.overrides, template: template, variant: assignment.variantID, who: who)
        let phaseIDs = template.phases.map(\.id)
        var previous = assignment.startDate
        for (i, change) in assignment.phaseHistory.enumerated() {
            let place = "assignment.phase_history[\(i)]"
            guard phaseIDs.contains(change.phase) else {
                throw refuse(
                    place + ".phase",
                    "\"\(change.phase)\" is not a phase of \(template.id) (expected one of "
                        + "\(list(phaseIDs)))")
            }
            guard change.date >= previous else {
                throw refuse(
                    place + ".date",
                    "\(change.date.iso) is before \(previous.iso) (the plan start or the "
                        + "change before it)")
            }
            previous = change.date
        }
        if assignment.phaseHistory.isEmpty {
            throw refuse(
                "assignment.phase_history", "empty (expected the first phase at the start)")
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
        func refuse(_ place: String, _ what: String) -> Problem {
            refusal(patient, place, what)
        }
        guard let flags = rules.flags else {
            // Without a plan there is nothing to log against (as `rehab log` says).
            if let s = patient.sessions.first {
                throw refuse(
                    "session \(o.sessions + 1) (\(s.date.iso))",
                    "no plan assigned (log needs a plan)")
            }
            if let m = patient.mornings.first {
                throw refuse(
                    "morning \(o.mornings + 1) (\(m.date.iso))",
                    "no plan assigned (log needs a plan)")
            }
            return
        }
        func checkFlags(_ ids: [String], _ place: String) throws(Problem) {
            for id in ids where !flags.contains(id) {
                throw refuse(
                    place + ".flags",
                    "\"\(id)\" is not a red flag of \(rules.planID) (expected one of "
                        + "\(list(flags.sorted())))")
            }
        }
        // Sessions and mornings before the plan start are allowed: `start --replace` keeps the
        // log of the plan it replaces, so a patient's own export holds them, and refusing them
        // would make that export impossible to restore. (`rehab log` refuses new ones.)
        for (i, s) in patient.sessions.enumerated() {
            let place = "session \(o.sessions + i + 1) (\(s.date.iso))"
            try checkFlags(s.flags, place)
            if Plausibility.tooFast(km: s.km, minutes: s.minutes, activity: s.activity),
                let km = s.km
            {
                throw refuse(
                    place,
                    context.say(
                        Phrase.implausibleSpeed(activity: s.activity, km: km, minutes: s.minutes)))
            }
            if let time = s.startTime, let utcDay = Day(iso: String(time.prefix(10))),
                abs(utcDay.days(to: s.date)) > 1
            {
                throw refuse(
                    place + ", start_time",
                    "\(time) is not on \(s.date.iso) in any time zone (expected a UTC time "
                        + "within a day of the date)")
            }
        }
        for (i, m) in patient.mornings.enumerated() {
            try checkFlags(m.flags, "morning \(o.mornings + i + 1) (\(m.date.iso))")
        }
        for (i, c) in patient.clearings.enumerated() {
            try checkFlags(c.cleared.map(\.flag), "clearing \(o.clearings + i + 1) (\(c.date.iso))")
        }
    }

    /// The template: the patient's plan file checked like `plans check` (size, aliases,
    /// UTF-8, every rule), else the catalogue plan of that id.
    func plan(for patient: ArchivedPatient, assignment: Assignment, who: String)
        throws(Problem) -> Plan
    {
        if let file = patient.planFile {
            let bytes = Array(file.yaml.utf8)
            let plan: Plan
            do {
                plan = try PlanFile.parse(bytes: bytes, file: "plan_file")
            } catch {
                let first = error.errors.first.map(\.description) ?? "not a valid plan file"
                throw Problem(message: "\(who), \(first)")
            }
            guard plan.id == assignment.planID else {
                throw Problem(
                    message: "\(who), plan_file: its id \(plan.id) is not the assignment's plan "
                        + assignment.planID)
            }
            return plan
        }
        do {
            return try context.loadPlan(assignment.planID)
        } catch {
            let known = ((try? context.loadCatalog()) ?? []).map(\.id)
            throw Problem(
                message: "\(who), assignment.plan: \"\(assignment.planID)\" is not a plan in the "
                    + "catalogue (expected one of \(list(known))) and no plan_file is given")
        }
    }

    /// Each threshold against the range of its row in `ThresholdDescriptor.all` (named by its
    /// plan-file key), then the whole tuned plan through the plan-file checker.
    func checkOverrides(_ o: PlanOverrides, template: Plan, variant: String?, who: String)
        throws(Problem)
    {
        let place = "\(who), assignment.overrides"
        func range(_ value: Double?, _ r: ClosedRange<Double>, _ key: String) throws(Problem) {
            guard let value else { return }
            guard value.isFinite, r.contains(value) else {
                throw Problem(
                    message: "\(place).\(key): \(shown(value)) is out of range (expected "
                        + "\(shown(r.lowerBound))-\(shown(r.upperBound)))")
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
            throw Problem(
                message: "\(place).pain.safe_max: \(safe) is above pain.limit \(limit) (expected "
                    + "safe_max ≤ limit)")
        }
        let phaseIDs = template.phases.map(\.id)
        let named =
            Array(o.phaseDays.keys) + Array(o.exercises.keys) + Array(o.runWalk.keys)
        for id in named.sorted() where !phaseIDs.contains(id) {
            throw Problem(
                message: "\(place): phase \"\(id)\" is not a phase of \(template.id) (expected "
                    + "one of \(list(phaseIDs)))")
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
        if let problem = TunedPlan.problems(tuned).first {
            throw Problem(message: "\(place): \(problem)")
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
