import RehabApp
import RehabCore
import Testing

/// The one rule both `rehab import` and the app's Import screen apply to a run's day, on the
/// edges: today and the plan's first day are in; a day after today is refused whatever the
/// plan; without a plan only the future is refused.
struct RunPlacementTests {
    @Test(
        arguments: [
            ("2026-03-02", "2026-03-02", "2026-02-01", RunPlacement.importable),
            ("2026-02-01", "2026-03-02", "2026-02-01", .importable),
            ("2026-01-31", "2026-03-02", "2026-02-01", .beforePlanStart),
            ("2026-03-03", "2026-03-02", "2026-02-01", .inFuture),
            ("2026-03-03", "2026-03-02", "2026-04-01", .inFuture),
            ("2020-01-01", "2026-03-02", nil, .importable),
            ("2026-03-03", "2026-03-02", nil, .inFuture),
        ] as [(String, String, String?, RunPlacement)])
    func placement(run: String, today: String, start: String?, expected: RunPlacement) {
        let placement = RunPlacement(
            day: day(run), today: day(today), planStart: start.map { day($0) })
        #expect(placement == expected)
    }
}
