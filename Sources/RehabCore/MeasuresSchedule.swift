// When outcome measures are due: a plan's schedule (at start, every N days, at a phase change, at
// discharge) against what the patient has answered. Pure; today is a parameter.

/// The moments a schedule can name.
public enum MeasureMoment: String, Sendable, Codable, CaseIterable {
    case start
    case phaseChange = "phase_change"
    case discharge
}

/// One measure in a plan's schedule.
public struct ScheduledMeasure: Hashable, Sendable, Codable {
    public var instrument: String
    public var at: [MeasureMoment]
    public var everyDays: Int?

    public init(instrument: String, at: [MeasureMoment], everyDays: Int? = nil) {
        self.instrument = instrument
        self.at = at
        self.everyDays = everyDays
    }

    /// For plans that name no schedule: PSFS and NPRS at the start, every 14 days, at each phase
    /// change and at discharge; GPE (a rating of change since the start) at the same moments
    /// except the start. Fourteen days follows the usual two-to-four-week review rhythm of
    /// outpatient physiotherapy and gives the PSFS and NPRS time to move by their MCID.
    public static let defaultSchedule: [ScheduledMeasure] = [
        ScheduledMeasure(
            instrument: "psfs", at: [.start, .phaseChange, .discharge], everyDays: 14),
        ScheduledMeasure(
            instrument: "nprs", at: [.start, .phaseChange, .discharge], everyDays: 14),
        ScheduledMeasure(instrument: "gpe", at: [.phaseChange, .discharge], everyDays: 14),
    ]
}

/// Why a measure is due.
public enum DueReason: Hashable, Sendable {
    case start
    case every(days: Int)
    case phaseChange(phase: String)
    case discharge

    public var code: String {
        switch self {
        case .start: "start"
        case .every: "every_days"
        case .phaseChange: "phase_change"
        case .discharge: "discharge"
        }
    }
}

public struct MeasureDue: Hashable, Sendable {
    public var instrument: String
    public var reason: DueReason
    /// The day it became due.
    public var since: Day
    public var overdue: Bool

    public init(instrument: String, reason: DueReason, since: Day, overdue: Bool) {
        self.instrument = instrument
        self.reason = reason
        self.since = since
        self.overdue = overdue
    }
}

public enum MeasureSchedule {
    /// What is due on `today` from the plan's schedule (or the default one) and the schedule of
    /// the phase in force, whose entries count from the day that phase began; an instrument
    /// due under both is asked once (the plan's reason).
    public static func due(
        plan: Plan, assignment: Assignment, measurements: [MeasureRecord], today: Day,
        discharging: Bool
    ) -> [MeasureDue] {
        var result = due(
            schedule: plan.measures ?? ScheduledMeasure.defaultSchedule, assignment: assignment,
            measurements: measurements, today: today, discharging: discharging)
        guard let change = Engine.phaseAt(today, assignment: assignment),
            let own = plan.phases.first(where: { $0.id == change.phase })?.measures,
            !own.isEmpty
        else { return result }
        var phaseOnly = assignment
        phaseOnly.startDate = change.date
        phaseOnly.phaseHistory = [
            PhaseChange(phase: change.phase, date: change.date, reason: .start)
        ]
        let asked = Set(result.map(\.instrument))
        result += due(
            schedule: own, assignment: phaseOnly, measurements: measurements, today: today,
            discharging: discharging
        ).filter { !asked.contains($0.instrument) }
        return result
    }

    /// A measure not answered a week after it fell due is overdue (the Patients screen shows it).
    public static let overdueAfterDays = 7
    /// A discharge measure counts when answered in the last week before discharge.
    public static let dischargeWindowDays = 7

    /// What is due on `today`, one entry per instrument (the reason that fell due first), in
    /// schedule order. `discharging`: the plan is complete or the physio is ending it.
    public static func due(
        schedule: [ScheduledMeasure], assignment: Assignment, measurements: [MeasureRecord],
        today: Day, discharging: Bool
    ) -> [MeasureDue] {
        let start = assignment.startDate
        guard today >= start else { return [] }
        var result: [MeasureDue] = []
        for entry in schedule {
            let own = measurements.filter { $0.instrument == entry.instrument && $0.date >= start }
                .map(\.date).filter { $0 <= today }
            let answered = { (since: Day) in own.contains { $0 >= since } }
            // A rating of change (GPE) waits until something was measured on an earlier day to
            // compare with (it is refused on the baseline's own day), and its clock starts there:
            // never "overdue" on a day it cannot be answered.
            var clockStart = start
            if entry.instrument == Instrument.gpe.id {
                guard
                    let baseline = measurements.filter({
                        $0.instrument != entry.instrument && $0.date >= start
                    }).map(\.date).min(), baseline < today
                else { continue }
                clockStart = baseline
            }
            var candidates: [(DueReason, Day)] = []
            if entry.at.contains(.start), !answered(start) {
                candidates.append((.start, start))
            }
            if let every = entry.everyDays {
                let last = own.max() ?? clockStart
                let since = last.adding(days: every)
                if since <= today, !answered(since) {
                    candidates.append((.every(days: every), since))
                }
            }
            if entry.at.contains(.phaseChange),
                let change = assignment.phaseHistory.last(where: {
                    $0.reason != .start && $0.date > clockStart && $0.date <= today
                }), !answered(change.date)
            {
                candidates.append((.phaseChange(phase: change.phase), change.date))
            }
            if discharging, entry.at.contains(.discharge) {
                let window = today.adding(days: -dischargeWindowDays)
                if !own.contains(where: { $0 > window }) { candidates.append((.discharge, today)) }
            }
            guard let first = candidates.min(by: { $0.1 < $1.1 }) else { continue }
            result.append(
                MeasureDue(
                    instrument: entry.instrument, reason: first.0, since: first.1,
                    overdue: today.number - first.1.number >= overdueAfterDays))
        }
        return result
    }
}
