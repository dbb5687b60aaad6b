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
}
