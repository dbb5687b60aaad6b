import Foundation
import RehabCore
import TerminalUI
import Testing

@testable import RehabTUI

/// The discharge step in the app (issue 18 item 5): the demo runner's plan is complete on
/// 2026-03-02; the final measures are asked with the Measures form, then the report that
/// `rehab discharge` writes goes to a named file and the discharge is recorded.
@Suite struct DischargeTests {
    /// Sam's first measures at the plan's start and the final ones today.
    static func measured() -> Caseload {
        var caseload = Fixture.demo()
        let start = caseload.assignments[Fixture.sam.id]?.startDate ?? Fixture.today
        caseload.measures[Fixture.sam.id] = [
            MeasureRecord(
                id: 1, date: start, instrument: "psfs",
                answers: [ItemAnswer(item: "running 5 km", score: 2)]),
            MeasureRecord(
                id: 2, date: start, instrument: "nprs",
                answers: [ItemAnswer(item: "pain", score: 6)]),
            MeasureRecord(
                id: 3, date: Fixture.today, instrument: "psfs",
                answers: [ItemAnswer(item: "running 5 km", score: 8)]),
            MeasureRecord(
                id: 4, date: Fixture.today, instrument: "nprs",
                answers: [ItemAnswer(item: "pain", score: 1)]),
            MeasureRecord(
                id: 5, date: Fixture.today, instrument: "gpe",
                answers: [ItemAnswer(item: "effect", score: 3)]),
        ]
        return caseload
    }

    static func form(_ state: AppState) -> DischargeForm? {
        if case .discharge(let form) = state.top { return form }
        return nil
    }

    @Test func todayOffersTheDischargeOnceThePlanIsComplete() {
        let state = Fixture.state(Self.measured())
        let text = render(state).lines().joined(separator: "\n")
        #expect(text.contains("The plan is complete: press D to discharge"), "\(text)")
        // Before the plan is complete, D says why not and opens nothing.
        var early = Fixture.state(Fixture.buildUp())
        #expect(run(&early, [.char("D")]).isEmpty)
        #expect(Self.form(early) == nil)
        #expect(early.notice?.isError == true)
        #expect(early.notice?.text.contains("not complete yet (phase 2 of 3") == true)
        #expect(early.notice?.text.contains("rehab discharge --force") == true)
    }

    @Test func theFinalMeasuresComeFirstInTheMeasuresForm() {
        var state = Fixture.state(Fixture.demo())
        _ = run(&state, [.char("D")])
        #expect(Self.form(state)?.file.text == "discharge-sam-2026-03-02.md")
        let missing = DischargeActions.missing(try! #require(state.followed), today: state.today)
        #expect(missing == ["psfs", "nprs"])
        let effects = run(&state, chars("Joke") + [.enter])
        #expect(effects.isEmpty, "no report without the final measures")
        guard case .measure(let measure) = state.top else {
            Issue.record("Enter should open the Measures form, top is \(state.top)")
            return
        }
        #expect(measure.instrument.id == "psfs")
        #expect(measure.queue == ["nprs"])
        // Esc goes back to the discharge step, with what was typed.
        _ = run(&state, [.escape])
        #expect(Self.form(state)?.by.text == "Joke")
    }

    @Test func withTheMeasuresInEnterAsksForTheReportAndTheRecord() {
        var state = Fixture.state(Self.measured())
        let effects = run(&state, [.char("D")] + chars("Joke de Vries") + [.enter])
        #expect(
            effects == [
                .discharge(
                    patient: 1,
                    DischargeRequest(
                        path: "discharge-sam-2026-03-02.md", format: .md,
                        discharge: Discharge(date: Fixture.today, by: "Joke de Vries")))
            ])
        #expect(Self.form(state) != nil, "the form waits for the runner")
        // .html picks HTML, as rehab discharge --format html.
        var html = Fixture.state(Self.measured())
        let asked = run(
            &html,
            [.char("D")] + chars("Joke") + [.tab, .backspace, .backspace] + chars("html")
                + [.enter])
        #expect(
            asked.first
                == .discharge(
                    patient: 1,
                    DischargeRequest(
                        path: "discharge-sam-2026-03-02.html", format: .html,
                        discharge: Discharge(date: Fixture.today, by: "Joke"))))
    }

    @Test func badFieldsAreNamedAndNothingIsAsked() {
        var state = Fixture.state(Self.measured())
        var effects = run(&state, [.char("D"), .enter])
        #expect(effects.isEmpty)
        #expect(Self.form(state)?.error?.field == DischargeForm.Field.by.rawValue)
        #expect(Self.form(state)?.error?.message.contains("Discharged by") == true)
        effects = run(
            &state, chars("Joke") + [.tab, .backspace, .backspace] + chars("txt") + [.enter])
        #expect(effects.isEmpty)
        let form = Self.form(state)
        #expect(form?.focus == .file)
        #expect(
            form?.error?.message
                == Messages(.en).validation(
                    ValidationError(
                        field: "Report to", value: "discharge-sam-2026-03-02.txt",
                        allowed: .oneOf(["….md", "….html"]))))
    }

    @Test func theReportIsWrittenOnceAndTheDischargeShows() throws {
        let dir = FileManager.default.temporaryDirectory
            .appendingPathComponent("rehab-discharge-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("sam.md").path
        var app = Fixture.app(Self.measured())
        app.press(.char("D"))
        app.type("Joke de Vries")
        app.press(.tab)
        for _ in 0..<40 { app.press(.backspace) }
        app.type(path)
        app.press(.enter)
        #expect(Self.form(app.state) == nil, "back to the patient once written")
        #expect(app.state.notice?.text == "Discharge recorded; report (0600): \(path)")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.hasPrefix("# Discharge report · Sam"))
        #expect(text.contains("the plan is complete"))
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(
            try app.runner.store.discharge(patientID: Fixture.sam.id)
                == Discharge(date: Fixture.today, by: "Joke de Vries"))
        let today = render(app.state).lines().joined(separator: "\n")
        #expect(today.contains("Discharged on 2026-03-02 by Joke de Vries."))
        // The Patients list says so in the verdict column.
        let row = try app.runner.roster(includeArchived: false, today: Fixture.today).first
        #expect(row?.discharged?.by == "Joke de Vries")
        #expect(PatientsView.cells(try #require(row), app.state)[4] == "discharged")
        // A second report to the same file is refused; the first stays as it was.
        app.press(.char("D"))
        app.type("Piet")
        app.press(.tab)
        for _ in 0..<40 { app.press(.backspace) }
        app.type(path)
        app.press(.enter)
        #expect(app.state.notice?.isError == true)
        #expect(
            app.state.notice?.text.contains("already exists") == true,
            "\(String(describing: app.state.notice))")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == text)
        #expect(try app.runner.store.discharge(patientID: Fixture.sam.id)?.by == "Joke de Vries")
    }
}

extension ScreenSnapshots {
    @Test func discharge() {
        both("discharge", DischargeTests.measured(), keys: [.char("D")] + chars("Joke de Vries"))
    }
}
