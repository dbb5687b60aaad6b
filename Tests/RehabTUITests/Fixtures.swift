import Foundation
import RehabCore
import RehabPlans
import RehabStorage
import TerminalUI
import Testing

@testable import RehabTUI

/// Fixed data for every app test: the ITB plan file from the repository, 2026-03-02 as today,
/// and the demo history.
/// A date the tests write by hand.
func day(_ iso: String) -> Day {
    guard let day = Day(iso: iso) else { preconditionFailure("not a test date: \(iso)") }
    return day
}

enum Fixture {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let today = day("2026-03-02")
    static let itbs: Plan = {
        let path = root.appendingPathComponent("plans/itbs.yaml").path
        do { return try PlanFile.load(path: path) } catch {
            preconditionFailure("plans/itbs.yaml must load: \(error)")
        }
    }()
    static let sam = PatientRecord(id: 1, name: "Sam", language: .en, archived: false)

    /// Sam on the ITB plan with eight weeks of demo history ending yesterday.
    static func demo() -> Caseload { demoCaseload }

    /// Made once: the story takes a while to tell, and it is the same every time.
    private static let demoCaseload: Caseload = {
        var caseload = Caseload(patients: [sam], catalog: [itbs])
        let story = DemoHistory.story(plan: itbs, variant: "acute", today: today)
        caseload.assignments[sam.id] = story.assignment
        caseload.histories[sam.id] = story.history
        caseload.shoes[sam.id] = [Shoe(name: "Demo trainers", startKm: 120)]
        return caseload
    }()

    /// Sam in the build-up phase since 2026-02-23 with a few plain days, so numbers are easy to
    /// compute by hand.
    static func buildUp() -> Caseload {
        var caseload = Caseload(patients: [sam], catalog: [itbs])
        let start = day("2026-02-09")
        caseload.assignments[sam.id] = Assignment(
            planID: "itbs", variantID: "acute", startDate: start,
            phaseHistory: [
                PhaseChange(phase: "calm_down", date: start, reason: .start),
                PhaseChange(phase: "build_up", date: day("2026-02-23"), reason: .advance),
            ])
        caseload.histories[sam.id] = History(
            sessions: [
                Session(
                    date: day("2026-02-27"), activity: .walk, km: 3, minutes: 40,
                    painDuring: 1, painAfter: 1),
                Session(
                    date: day("2026-03-01"), activity: .walk, km: 2.5, minutes: 30,
                    painDuring: 2, painAfter: 2),
            ],
            mornings: [MorningCheck(date: day("2026-03-01"), pain: 1)])
        return caseload
    }

    /// The app's state as it opens on `runner`'s store.
    static func state(
        _ runner: inout StoreRunner, patient: Int64? = 1, width: Int = 80, height: Int = 24,
        language: Language = .en, glyphs: Glyphs = .unicode
    ) -> AppState {
        let loaded: Loaded
        do { loaded = try runner.load(patientID: patient, today: today) } catch {
            preconditionFailure("the seeded store must load: \(error)")
        }
        return AppState(
            language: language, glyphs: glyphs, size: Size(width: width, height: height),
            today: today, loaded: loaded, newPatientName: "Alex")
    }

    static func state(
        _ caseload: Caseload, patient: Int64? = 1, width: Int = 80, height: Int = 24,
        language: Language = .en, glyphs: Glyphs = .unicode
    ) -> AppState {
        var runner = caseload.runner()
        return state(
            &runner, patient: patient, width: width, height: height, language: language,
            glyphs: glyphs)
    }

    static func app(
        _ caseload: Caseload, patient: Int64? = 1, width: Int = 80, height: Int = 24,
        language: Language = .en, glyphs: Glyphs = .unicode
    ) -> App<StoreRunner> {
        var runner = caseload.runner()
        let state = state(
            &runner, patient: patient, width: width, height: height, language: language,
            glyphs: glyphs)
        return App(state: state, runner: runner)
    }
}

extension App {
    /// Feeds keys through the key table, as the loop does.
    mutating func press(_ keys: Key...) {
        for key in keys {
            if let action = KeyTable.action(for: key, in: state) { dispatch(action) }
        }
    }

    mutating func type(_ text: String) {
        for c in text { press(.char(c)) }
    }
}

/// Runs pure `update` over actions, collecting every effect.
func run(_ state: inout AppState, _ keys: [Key]) -> [Effect] {
    var effects: [Effect] = []
    for key in keys {
        if let action = KeyTable.action(for: key, in: state) { effects += update(&state, action) }
    }
    return effects
}

func chars(_ text: String) -> [Key] { text.map { .char($0) } }
