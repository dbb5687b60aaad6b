import RehabCore
import RehabPlans
import RehabStorage
import Testing

@testable import RehabApp

/// The physio's list says since when a patient has been quiet or overdue, and puts the
/// oldest first: "nothing logged in the last 3 days" and "phase overdue" are dated by the
/// engine on the day judged, but began days before it.
struct PatientAttentionTests {
    static let today = day("2026-03-02")
    static let plan: Plan = {
        let library = PlanLibrary.standard(explicit: nil, environment: [:])
        guard let plan = try? library.plan("itbs")?.plan else { fatalError("no itbs plan") }
        return plan.resolved(variant: "acute", overrides: PlanOverrides())
    }()

    static func assignment(_ start: Day) -> Assignment {
        Assignment(
            planID: "itbs", variantID: "acute", startDate: start,
            phaseHistory: [PhaseChange(phase: "calm_down", date: start, reason: .start)])
    }

    /// An easy walk on each of `logs`, and nothing else.
    static func history(_ logs: [Day]) -> History {
        History(
            sessions: logs.map {
                Session(date: $0, activity: .walk, minutes: 30, painDuring: 1, painAfter: 1)
            })
    }

    /// A patient whose only log is an easy walk on each of `logs`.
    static func patient(_ id: Int64, logs: [Day], start: Day, today: Day = today)
        -> PatientOverview
    {
        PatientOverview(
            patient: PatientRecord(id: id, name: "P\(id)", language: .en, archived: false),
            assignment: assignment(start), plan: plan,
            history: history(logs), today: today)
    }

    /// `since` is the first day of the finding's run: the engine finds it that day and every
    /// day after, and not the day before.
    static func expectRun(
        _ code: ReasonCode, since: Day, logs: [Day], start: Day,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        func has(_ day: Day) -> Bool {
            Engine.status(
                plan: plan, assignment: assignment(start),
                history: history(logs), today: day
            ).verdict.findings.contains { $0.code == code }
        }
        #expect(!has(since.adding(days: -1)), sourceLocation: sourceLocation)
        var d = since
        while d <= today {
            #expect(has(d), "\(d.iso)", sourceLocation: sourceLocation)
            d = d.adding(days: 1)
        }
    }

    @Test func aSilenceDatesFromItsThirdDayAndTheLongestComesFirst() {
        let start = day("2026-02-20")
        let recent = Self.patient(1, logs: [day("2026-02-25")], start: start)
        let longer = Self.patient(2, logs: [day("2026-02-21")], start: start)
        let never = Self.patient(3, logs: [day("2026-02-01")], start: start)
        for overview in [recent, longer, never] {
            #expect(overview.mainFinding?.code == .noRecentLog)
            #expect(overview.mainFinding?.date == Self.today)
        }
        #expect(recent.mainSince == day("2026-02-28"))
        #expect(longer.mainSince == day("2026-02-24"))
        // Only a log from before the plan: quiet from the plan's third day.
        #expect(never.mainSince == day("2026-02-23"))
        Self.expectRun(
            .noRecentLog, since: day("2026-02-28"), logs: [day("2026-02-25")], start: start)
        Self.expectRun(
            .noRecentLog, since: day("2026-02-23"), logs: [day("2026-02-01")], start: start)
        let ordered = PatientAttention.ordered([recent, longer, never]) {
            PatientAttention($0, review: nil, today: Self.today)
        }
        #expect(ordered.map(\.patient.id) == [3, 2, 1])
    }

    @Test func anOverduePhaseDatesFromTheDayAfterItsLastDay() throws {
        let start = day("2026-01-05")
        let logs = (0..<56).map { start.adding(days: $0) }
        let overview = Self.patient(1, logs: logs, start: start)
        let main = try #require(overview.mainFinding)
        #expect(main.code == .phaseOverdue)
        let maxDays = try #require(Self.plan.phases.first?.maxDays)
        let since = try #require(overview.mainSince)
        #expect(since < Self.today)
        // The phase's first day is day 1: day maxDays + 1 is the first one too many.
        #expect(since == start.adding(days: maxDays))
        Self.expectRun(.phaseOverdue, since: since, logs: logs, start: start)
    }
}
