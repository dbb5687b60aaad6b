import RehabCore
import TerminalUI
import Testing

@testable import RehabTUI

@Suite struct TodayTests {
    /// Sam starts the return phase today: the run/walk steps set the load, so there is no cap
    /// to draw a bar against, and the sentence saying so must be readable to its end.
    @Test func withoutACapTheWeekLineWrapsInsteadOfABar() throws {
        var runner = Fixture.buildUpRunner()
        runner.assignments[Fixture.sam.id]?.phaseHistory.append(
            PhaseChange(phase: "return_to_running", date: Fixture.today, reason: .advance))
        let state = Fixture.state(runner, width: 60, height: 20)
        let load = try #require(state.followed?.status.load)
        #expect(load.cap == nil && load.scheduleSetsLoad)
        let text = render(state).lines().map { $0.trimmingCharacters(in: " ") }
            .joined(separator: " ")
        #expect(
            text.contains(
                "This week 0.0 km; the run/walk steps set the load for now, after the last step"
                    + " at most 10 % more a week"))
        #expect(!text.contains("░"))
    }
}
