import RehabCore
import TerminalUI
import Testing

@testable import RehabTUI

@Suite struct TodayTests {
    /// Sam starts the return phase today: the run/walk step sets the cap (v2: per_week × total
    /// minutes of running), and the line says it is the step's.
    @Test func theScheduleStepSetsTheWeeksCap() throws {
        var caseload = Fixture.buildUp()
        caseload.assignments[Fixture.sam.id]?.phaseHistory.append(
            PhaseChange(phase: "return_to_running", date: Fixture.today, reason: .advance))
        let state = Fixture.state(caseload, width: 60, height: 20)
        let load = try #require(state.followed?.status.load)
        #expect(load.scheduleSetsLoad)
        let step = try #require(state.followed?.status.runWalk?.step)
        #expect(load.cap == Double(step.sessionsPerWeek * step.totalMinutes))
        let text = render(state).lines().map { $0.trimmingCharacters(in: " ") }
            .joined(separator: " ")
        #expect(text.contains("0 of \(step.sessionsPerWeek * step.totalMinutes) min running"))
        #expect(text.contains("░"))
    }

    /// The Plan screen lists the phase's whole run/walk schedule under its own heading, not
    /// under Today's "Today's plan", with the current step marked; in Dutch too.
    @Test func thePlanScreenNamesTheSchedule() throws {
        var caseload = Fixture.buildUp()
        caseload.assignments[Fixture.sam.id]?.phaseHistory.append(
            PhaseChange(phase: "return_to_running", date: Fixture.today, reason: .advance))
        for (language, heading, step) in [
            (Language.en, "Run/walk schedule", "Run/walk step 1 of"),
            (.nl, "Loop-wandelschema", "Loop-wandelstap 1 van"),
        ] {
            var state = Fixture.state(caseload, width: 100, height: 60, language: language)
            Screens.replaceTop(&state, .plan(scroll: 0))
            let lines = render(state).lines().map { $0.trimmingCharacters(in: " ") }
            let at = try #require(lines.firstIndex(of: heading), "\(lines)")
            #expect(lines[at + 1].contains(step), "\(lines)")
            #expect(lines[at + 1].hasSuffix("▶"), "the current step: \(lines[at + 1])")
            #expect(!lines.contains("Today's plan") && !lines.contains("Vandaag op het plan"))
        }
    }
}
