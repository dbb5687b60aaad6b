import RehabCore
import RehabPlans
import TerminalUI
import Testing

@testable import RehabTUI

/// The Progress screen drawn with the demo data (Sam on the ITB plan, eight weeks ending
/// yesterday, today 2026-03-02). Shift-Tab from Today is Progress, the fourth tab.
@Suite struct ProgressSnapshots {
    func both(_ name: String, keys: [Key]) {
        for (width, height) in ScreenSnapshots.sizes {
            expectSnapshot(
                frame(
                    Fixture.demo(), keys: [.backTab] + keys, width: width,
                    height: height),
                "\(name)-\(width)x\(height)")
        }
    }

    /// Two years of the demo career (training blocks and ITB episodes), for paging back.
    static func careerCaseload() -> Caseload {
        var caseload = Caseload(patients: [Fixture.sam], catalog: [Fixture.itbs])
        let itbs = DemoHistory.Injury(plan: Fixture.itbs, variant: "acute")
        let story = DemoHistory.career(
            current: itbs, injuries: [itbs], years: 2, today: Fixture.today, seed: 7)
        caseload.assignments[Fixture.sam.id] = story.assignment
        caseload.histories[Fixture.sam.id] = story.history
        return caseload
    }

    @Test func eightWeeks() { both("progress", keys: []) }

    /// Knee osteoarthritis: its maintenance phase adds the week classification (seed 004) under
    /// adherence; scrolled down to it.
    @Test func osteoarthritisWeeksAreClassified() throws {
        let oa = try PlanFile.load(
            path: Fixture.root.appendingPathComponent("plans/knee_osteoarthritis.yaml").path)
        var caseload = Caseload(patients: [Fixture.sam], catalog: [oa])
        let story = DemoHistory.story(
            plan: oa, variant: oa.variants.first?.id, today: Fixture.today)
        caseload.assignments[Fixture.sam.id] = story.assignment
        caseload.histories[Fixture.sam.id] = story.history
        for (width, height) in ScreenSnapshots.sizes {
            let grid = frame(
                caseload, keys: [.backTab] + Array(repeating: .char("j"), count: 60), width: width,
                height: height)
            expectSnapshot(grid, "progress-oa-\(width)x\(height)")
            let text = grid.lines().joined(separator: "\n")
            #expect(text.contains("W week: ok = healthy"))
        }
    }

    /// Two pages (16 weeks) back in a two-year history, then the whole history, which does not
    /// fit 80 columns a week each and so shows the newest weeks that do, a page back.
    @Test func pagingBackThroughALongHistory() {
        expectSnapshot(
            frame(
                ProgressSnapshots.careerCaseload(), keys: [.backTab, .pageUp, .pageUp],
                width: 80, height: 24), "progress-career-back-80x24")
        expectSnapshot(
            frame(
                ProgressSnapshots.careerCaseload(), keys: [.backTab, .char("3"), .pageUp],
                width: 80, height: 24), "progress-career-all-80x24")
    }

    /// Scrolled to the bottom of the stacked charts: pain, adherence, acute:chronic.
    @Test func chartsBelowTheFold() {
        both("progress-below", keys: Array(repeating: .char("j"), count: 40))
    }

    @Test func inDutchAndASCII() {
        expectSnapshot(
            frame(
                Fixture.demo(), keys: [.backTab], width: 80, height: 24, language: .nl,
                glyphs: .ascii), "progress-nl-ascii-80x24")
        expectSnapshot(
            frame(
                Fixture.demo(), keys: [.backTab] + Array(repeating: .char("j"), count: 40),
                width: 80, height: 24, language: .nl, glyphs: .ascii),
            "progress-below-nl-ascii-80x24")
    }

    @Test func wholeHistory() { both("progress-all", keys: [.char("3")]) }

    @Test func sixMonths() {
        expectSnapshot(
            frame(Fixture.demo(), keys: [.backTab, .char("2")], width: 80, height: 24),
            "progress-6-months-80x24")
    }

    /// A week back (as far as the demo's nine weeks go at eight a page): the window ends with
    /// the week of 2026-02-23 and starts with the first week.
    @Test func scrolledBack() { both("progress-back", keys: [.char("h")]) }
}

@Suite struct ProgressTests {
    static func onProgress(width: Int = 80, height: Int = 24) -> AppState {
        var state = Fixture.state(Fixture.demo(), width: width, height: height)
        _ = run(&state, [.backTab])
        return state
    }

    static func progress(_ state: AppState) -> ProgressState? {
        if case .progress(let progress) = state.top { return progress }
        return nil
    }

    @Test func tabCyclesThroughFourTabs() {
        var state = Fixture.state(Fixture.demo())
        var seen: [Int?] = []
        for _ in 0..<4 {
            _ = run(&state, [.tab])
            seen.append(Screens.tabIndex(state.top))
        }
        #expect(seen == [1, 2, 3, 0])
        _ = run(&state, [.backTab])
        #expect(Self.progress(state) != nil)
        _ = run(&state, [.backTab])
        guard case .history = state.top else {
            Issue.record("Shift-Tab from Progress is History, got \(state.top)")
            return
        }
    }

    @Test func titleBarShowsFourTabsAndGivesUpTheNameFirst() {
        let wide = render(Self.onProgress()).lines()[0]
        #expect(wide.hasPrefix(" rehab · Sam · 2026-03-02"))
        #expect(wide.hasSuffix(" Today  Plan  History  Progress  "))
        var caseload = Fixture.demo()
        caseload.patients[0].name = "Alexandra van der Berg"
        var state = Fixture.state(caseload, width: 60, height: 20)
        let narrow = render(state).lines()[0]
        #expect(narrow == " rehab · Alex… · 2026-03-02 Today  Plan  History  Progress  ")
        state.language = .nl
        let dutch = render(state).lines()[0]
        #expect(dutch == " rehab · A… · 2026-03-02 Vandaag  Plan  Logboek  Voortgang  ")
        #expect(CellWidth.of(dutch) == 60)
    }

    /// ←/→ and h/l move through the weeks on this screen; they switch tabs elsewhere. The demo
    /// has nine weeks, so eight weeks go back one at most.
    @Test func arrowsMoveTheWindowNotTheTab() {
        var state = Self.onProgress()
        // The window shows 8 weeks at 80x24; it can go back to the series' first week.
        let back = max(0, (Self.progress(state)?.series.weeks.count ?? 0) - 8)
        _ = run(&state, [.left])
        #expect(Self.progress(state)?.weeksBack == min(1, back))
        #expect(Screens.tabIndex(state.top) == 3)
        _ = run(&state, Array(repeating: .char("h"), count: back + 2))
        #expect(Self.progress(state)?.weeksBack == back, "never before the first week")
        _ = run(&state, Array(repeating: .right, count: back))
        #expect(Self.progress(state)?.weeksBack == 0)
        _ = run(&state, [.char("l")])
        #expect(Self.progress(state)?.weeksBack == 0, "never past today's week")
        #expect(Screens.tabIndex(state.top) == 3)
        _ = run(&state, [.tab])
        #expect(Screens.tabIndex(state.top) == 0, "Tab still switches")
    }

    @Test func scrollingBackStopsAtTheFirstWeek() throws {
        var state = Self.onProgress()
        let series = try #require(Self.progress(state)?.series)
        let total = series.weeks.count
        // The demo history reaches back past the plan start; the window has 8 of its weeks.
        #expect(total > 8)
        _ = run(&state, Array(repeating: .char("h"), count: total + 5))
        let back = try #require(Self.progress(state))
        #expect(back.weeksBack == total - 8)
        let window = ProgressView.window(back, width: 80)
        #expect(window.from == series.weeks[0].weekStart, "the first week is the oldest shown")
        #expect(window.firstIndex == 0)
        _ = run(&state, [.end])
        #expect(Self.progress(state)?.weeksBack == 0)
        _ = run(&state, [.home])
        #expect(Self.progress(state)?.weeksBack == total - 8)
        // A page is the weeks shown; paging stops at both ends too.
        _ = run(&state, [.pageDown])
        #expect(Self.progress(state)?.weeksBack == max(0, total - 16))
        _ = run(&state, [.pageDown, .pageDown, .pageDown])
        #expect(Self.progress(state)?.weeksBack == 0)
        _ = run(&state, [.pageUp])
        #expect(Self.progress(state)?.weeksBack == min(8, total - 8))
    }

    @Test func spanCyclesAndDigitsChooseIt() throws {
        var state = Self.onProgress()
        #expect(Self.progress(state)?.span == .eightWeeks)
        _ = run(&state, [.char("s")])
        #expect(Self.progress(state)?.span == .sixMonths)
        _ = run(&state, [.char("s")])
        #expect(Self.progress(state)?.span == .all)
        _ = run(&state, [.char("s")])
        #expect(Self.progress(state)?.span == .eightWeeks)
        _ = run(&state, [.char("2")])
        let six = try #require(Self.progress(state))
        #expect(six.span == .sixMonths)
        // 26 weeks need two columns each at 80 columns; the demo has fewer, so no going back.
        #expect(ProgressView.window(six, width: 80).axis.weeks == 26)
        #expect(ProgressView.window(six, width: 80).maxBack == 0)
        _ = run(&state, [.char("h")])
        #expect(Self.progress(state)?.weeksBack == 0)
        _ = run(&state, [.char("3")])
        let all = try #require(Self.progress(state))
        #expect(ProgressView.window(all, width: 80).axis.weeks == all.series.weeks.count)
        _ = run(&state, [.char("1")])
        #expect(Self.progress(state)?.span == .eightWeeks)
    }

    /// Scrolled back, a shorter span keeps the window where it can.
    @Test func spanChangeClampsTheWindow() {
        var state = Self.onProgress()
        _ = run(&state, [.home, .char("2")])
        #expect(Self.progress(state)?.weeksBack == 0)
    }

    @Test func chartsScrollDownAndStop() throws {
        var state = Self.onProgress(width: 60, height: 20)
        let bottom = ProgressView.maxScroll(state, try #require(Self.progress(state)))
        #expect(bottom > 0, "the charts do not fit 60×20 and scroll")
        _ = run(&state, Array(repeating: .char("j"), count: bottom + 5))
        #expect(Self.progress(state)?.scroll == bottom)
        _ = run(&state, Array(repeating: .up, count: bottom + 5))
        #expect(Self.progress(state)?.scroll == 0)
        let first = render(state).lines()
        // The content's last row (title bar, 17 rows of content, notice, status bar).
        #expect(first[17].contains("more below"), "\(first[17])")
        #expect(first[17].contains("pain"))
    }

    /// The series lives in the screen state: a load with a new session recomputes it, a load
    /// with the same data (after a resize) does not need to.
    @Test func aLoadWithNewDataRefreshesTheSeries() throws {
        var state = Self.onProgress()
        var caseload = Fixture.demo()
        var history = caseload.histories[1] ?? History()
        history.sessions.append(
            Session(
                date: Fixture.today, activity: .run, km: 2, minutes: 15, painDuring: 7,
                painAfter: 6))
        caseload.histories[1] = history
        _ = update(&state, .loaded(try caseload.load(patientID: 1, today: Fixture.today)))
        let series = try #require(Self.progress(state)?.series)
        #expect(series.pain.last?.day == Fixture.today)
        #expect(series.pain.last?.during == 7)
        // v2: the red run (7/10) steps the passed schedule back to its last step, so this week
        // is the schedule's again, measured in minutes of running.
        #expect(series.weeks.last?.metric == .minutes([.run]))
        #expect(series.weeks.last?.load == 15)
    }

    @Test func helpListsTheProgressKeys() {
        var state = Self.onProgress()
        _ = run(&state, [.char("?")])
        let flow = HelpView.flow(state).rows(width: 78).compactMap { row -> String? in
            if case .text(let line, _) = row { return line.text }
            return nil
        }
        #expect(flow.contains { $0.contains("Progress") })
        #expect(flow.contains { $0.contains("span: 1 = 8 weeks, 2 = 6 months, 3 = all") })
        #expect(flow.contains { $0.contains("week back") })
    }

    @Test func statusBarListsSpanAndWeeks() {
        let bar = render(Self.onProgress()).lines()[23]
        #expect(bar.contains("s span"))
        #expect(bar.contains("← week back"))
    }
}
