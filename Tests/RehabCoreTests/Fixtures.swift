@testable import RehabCore

// A small three-phase plan built in Swift, so engine tests do not depend on plan files.

func day(_ iso: String) -> Day {
    guard let day = Day(iso: iso) else { preconditionFailure("not a test date: \(iso)") }
    return day
}

let restPhase = Phase(
    id: "rest", kind: .relativeRest, names: LocalizedText(nl: "Rust", en: "Rest"),
    minDays: 3, maxDays: 14, allowed: [.cycle, .walk], loadMetric: .minutes([.cycle]),
    exit: ExitCriteria(greenDays: 2, painFreeWalkMinutes: 30))

let buildPhase = Phase(
    id: "build", kind: .loadBuildUp, names: LocalizedText(nl: "Opbouw", en: "Build-up"),
    minDays: 7, maxDays: 28, allowed: [.run, .cycle, .strength], loadMetric: .km,
    exit: ExitCriteria(greenDays: 3, weeklyLoad: 15, calfRaises: 25))

let returnPhase = Phase(
    id: "return", kind: .returnToRunning, names: LocalizedText(nl: "Terug", en: "Return"),
    minDays: 0, maxDays: 60,
    runWalk: [
        RunWalkStep(runMinutes: 1, walkMinutes: 1, totalMinutes: 30, sessionsToPass: 2),
        RunWalkStep(runMinutes: 2, walkMinutes: 1, totalMinutes: 30, sessionsToPass: 2),
        RunWalkStep(runMinutes: 4, walkMinutes: 1, totalMinutes: 30, sessionsToPass: 2),
    ],
    exit: ExitCriteria(runWalkCompleted: true))

let testPlan = Plan(
    id: "test_knee", names: LocalizedText(nl: "Testknie", en: "Test knee"), region: .knee,
    summary: LocalizedText(nl: "Voor tests.", en: "For tests."),
    redFlags: [
        RedFlagQuestion(
            id: "numb_foot", question: LocalizedText(nl: "Voet gevoelloos?", en: "Numb foot?"),
            urgency: .emergency)
    ],
    phases: [restPhase, buildPhase, returnPhase])

/// An assignment that went through the given phases, each from its date.
func assignment(
    start: String, _ phases: [(String, String)], weeklyKm: Double? = nil
) -> Assignment {
    Assignment(
        planID: testPlan.id, variantID: nil, startDate: day(start), startingWeeklyKm: weeklyKm,
        phaseHistory: phases.enumerated().map { i, p in
            PhaseChange(phase: p.0, date: day(p.1), reason: i == 0 ? .start : .advance)
        })
}

func cycle(
    _ date: String, during: Int = 0, after: Int = 0, minutes: Int = 30,
    lasted: Bool = false, flags: [String] = []
) -> Session {
    Session(
        date: day(date), activity: .cycle, minutes: minutes, painDuring: during,
        painAfter: after, lastedOver2h: lasted, flags: flags)
}

func run(
    _ date: String, km: Double?, minutes: Int = 30, during: Int = 0, after: Int = 0,
    lasted: Bool = false
) -> Session {
    Session(
        date: day(date), activity: .run, km: km, minutes: minutes, painDuring: during,
        painAfter: after, lastedOver2h: lasted)
}

func walk(_ date: String, minutes: Int, during: Int = 0, after: Int = 0) -> Session {
    Session(
        date: day(date), activity: .walk, minutes: minutes, painDuring: during, painAfter: after)
}

func morning(_ date: String, _ pain: Int, flags: [String] = []) -> MorningCheck {
    MorningCheck(date: day(date), pain: pain, flags: flags)
}
