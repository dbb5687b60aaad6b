import RehabCore

/// The Progress screen: the span of weeks, how far back and how far down it is scrolled, and
/// the engine's series over the whole history. The series is computed when the screen opens
/// and after each load, not every frame: for ten years it takes milliseconds.
struct ProgressState: Sendable, Hashable {
    enum Span: Int, Sendable, Hashable, CaseIterable {
        case eightWeeks, sixMonths, all

        /// Weeks shown; nil = the whole history.
        var weeks: Int? {
            switch self {
            case .eightWeeks: 8
            case .sixMonths: 26
            case .all: nil
            }
        }

        var next: Span {
            Span(rawValue: (rawValue + 1) % Span.allCases.count) ?? .eightWeeks
        }
    }

    var span: Span = .eightWeeks
    /// Weeks between the newest week shown and today's week (0 = ending with this week).
    var weeksBack = 0
    /// Rows the stacked charts are scrolled down.
    var scroll = 0
    var series: ProgressSeries

    init(series: ProgressSeries) {
        self.series = series
    }
}

/// The Progress screen: the span, a week or a page back and forth through the history (never
/// before the first week nor past today's), and scrolling down the stacked charts.
enum ProgressActions {
    static func handle(
        _ action: AppAction, _ progress: inout ProgressState, _ state: inout AppState
    ) -> [Effect] {
        let window = ProgressView.window(progress, width: state.size.width)
        switch action {
        case .command(.left): progress.weeksBack = min(window.maxBack, window.weeksBack + 1)
        case .command(.right): progress.weeksBack = max(0, window.weeksBack - 1)
        case .command(.pageUp):
            progress.weeksBack = min(window.maxBack, window.weeksBack + window.axis.weeks)
        case .command(.pageDown):
            progress.weeksBack = max(0, window.weeksBack - window.axis.weeks)
        case .command(.top): progress.weeksBack = window.maxBack
        case .command(.bottom): progress.weeksBack = 0
        case .command(.span): choose(progress.span.next, &progress, state)
        case .digit(let n) where (1...ProgressState.Span.allCases.count).contains(n):
            choose(ProgressState.Span.allCases[n - 1], &progress, state)
        case .command(.down):
            progress.scroll = min(progress.scroll + 1, ProgressView.maxScroll(state, progress))
        case .command(.up): progress.scroll = max(0, progress.scroll - 1)
        default: return Screens.tabs(action, &state, scroll: 0) { _ in .progress(progress) }
        }
        return []
    }

    /// A new span keeps the newest week shown where it can, and the scroll within the charts.
    static func choose(
        _ span: ProgressState.Span, _ progress: inout ProgressState, _ state: AppState
    ) {
        progress.span = span
        let window = ProgressView.window(progress, width: state.size.width)
        progress.weeksBack = window.weeksBack
        progress.scroll = min(progress.scroll, ProgressView.maxScroll(state, progress))
    }

    /// After a load that changed the plan or the log: the series again, the place kept.
    static func refresh(_ state: inout AppState) {
        guard let followed = state.followed else { return }
        for i in state.screens.indices {
            guard case .progress(var progress) = state.screens[i] else { continue }
            progress.series = ProgressView.series(followed, today: state.today)
            state.screens[i] = .progress(progress)
        }
    }
}
