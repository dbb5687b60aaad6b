import Foundation
import RehabApp
import RehabCore
import TerminalUI

/// A field of the JSON shapes written as `null` when it has no value, where Swift's synthesised
/// encoding would leave its key out: a reader sees every key the contract names.
@propertyWrapper
struct NullWhenAbsent<Value: Encodable>: Encodable {
    var wrappedValue: Value?

    /// Spelled out: the compiler does not take the synthesised one as the wrapper's.
    init(wrappedValue value: Value?) { wrappedValue = value }

    func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        if let wrappedValue { try c.encode(wrappedValue) } else { try c.encodeNil() }
    }
}

/// The JSON shapes of DESIGN section 6. Field names are a contract: change them only with it.
struct StatusJSON: Encodable {
    struct PlanRef: Encodable {
        let id: String
        @NullWhenAbsent var variant: String?
    }
    struct PhaseRef: Encodable {
        let id: String
        let kind: String
        let number: Int
        let of: Int
        let day: Int
    }
    struct Reason: Encodable {
        let code: String
        let level: String
        let date: String?
        let message: String
        let source: String
        let flag: String?
        let urgency: String?
    }
    struct VerdictJSON: Encodable {
        let level: String
        let action: String
        let reasons: [Reason]
    }
    struct LoadJSON: Encodable {
        let metric: String
        let weekStart: String
        let thisWeek: Double
        let lastWeek: Double
        @NullWhenAbsent var cap: Double?
        let overCap: Bool
        let scheduleSetsLoad: Bool
        enum CodingKeys: String, CodingKey {
            case metric, cap
            case scheduleSetsLoad = "schedule_sets_load"
            case weekStart = "week_start"
            case thisWeek = "this_week"
            case lastWeek = "last_week"
            case overCap = "over_cap"
        }
    }
    struct AdvanceJSON: Encodable {
        let ready: Bool
        @NullWhenAbsent var next: String?
        let unmet: [String]
    }
    struct SuggestionJSON: Encodable {
        let code: String
        let phase: String?
        let message: String
    }
    /// Where the runner stands in the phase's run/walk schedule.
    struct RunWalkJSON: Encodable {
        let step: Int
        let of: Int
        let passed: Int
        let pass: Int
        let completed: Bool
        @NullWhenAbsent var lastCounted: String?
        enum CodingKeys: String, CodingKey {
            case step, of, passed, pass, completed
            case lastCounted = "last_counted"
        }
    }
    struct OpenFlagJSON: Encodable {
        let flag: String
        let date: String
    }

    let patient: String
    let date: String
    let plan: PlanRef
    let phase: PhaseRef
    let verdict: VerdictJSON
    let load: LoadJSON
    let advance: AdvanceJSON
    let suggestions: [SuggestionJSON]
    let openFlags: [OpenFlagJSON]
    @NullWhenAbsent var morningCheckDue: String?
    @NullWhenAbsent var runWalk: RunWalkJSON?
    /// Outcome measures due on the date, from the plan's schedule (or the default one).
    var measuresDue: [MeasureDueJSON] = []

    enum CodingKeys: String, CodingKey {
        case patient, date, plan, phase, verdict, load, advance, suggestions
        case measuresDue = "measures_due"
        case runWalk = "run_walk"
        case openFlags = "open_flags"
        case morningCheckDue = "morning_check_due"
    }

    init(_ status: Status, followed: FollowedPlan, messages: Messages) {
        let plan = followed.plan
        patient = followed.patient.name
        date = status.date.iso
        self.plan = PlanRef(id: plan.id, variant: followed.assignment.variantID)
        phase = PhaseRef(
            id: status.phase.phase.id, kind: status.phase.phase.kind.rawValue,
            number: status.phase.number, of: status.phase.of, day: status.phase.day)
        verdict = VerdictJSON(
            level: status.verdict.level.rawValue, action: status.verdict.action.rawValue,
            reasons: status.verdict.findings.map {
                Reason(
                    code: $0.code.rawValue, level: $0.level.rawValue, date: $0.date?.iso,
                    message: messages.reason($0, plan: plan, underStop: status.verdict.isStop),
                    source: $0.code.source, flag: $0.flag, urgency: $0.urgency?.rawValue)
            })
        load = LoadJSON(
            metric: status.load.metric.unit, weekStart: status.load.weekStart.iso,
            thisWeek: rounded(status.load.thisWeek), lastWeek: rounded(status.load.lastWeek),
            cap: status.load.cap.map(rounded), overCap: status.load.overCap,
            scheduleSetsLoad: status.load.scheduleSetsLoad)
        advance = AdvanceJSON(
            ready: status.readiness.ready, next: status.readiness.next?.id,
            unmet: status.readiness.unmet.map(\.rawValue))
        suggestions = status.suggestions.map {
            SuggestionJSON(
                code: $0.code.rawValue, phase: $0.phase,
                message: messages.suggestion($0, plan: plan))
        }
        openFlags = status.openFlags.map { OpenFlagJSON(flag: $0.flag, date: $0.date.iso) }
        morningCheckDue = status.morningCheckDue?.iso
        runWalk = status.runWalk.map {
            RunWalkJSON(
                step: $0.index + 1, of: status.phase.phase.runWalk.count, passed: $0.passedAtStep,
                pass: $0.step.sessionsToPass, completed: $0.completed,
                lastCounted: $0.lastCounted?.iso)
        }
    }
}

/// Two decimals: enough for km and minutes, and free of binary noise like 12.100000000000001.
func rounded(_ value: Double) -> Double { (value * 100).rounded() / 100 }

/// A widget drawn on a grid of `width` × `height` cells and returned as printed rows, so the
/// CLI's charts are the app's widgets and text is measured in cells, not characters.
func printed(_ widget: some Widget, width: Int, height: Int = 1) -> [String] {
    var grid = Grid(width: max(1, width), height: max(1, height))
    widget.render(in: grid.area, on: &grid)
    return grid.printedLines()
}
