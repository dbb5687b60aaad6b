import Foundation
import RehabCore
import Testing

@testable import RehabPlans

func questionnaireProblems(_ name: String) throws -> [String] {
    let stem = URL(fileURLWithPath: name).deletingPathExtension().lastPathComponent
    let bytes = try fixture(name)
    do {
        _ = try QuestionnaireFile.parse(bytes: bytes, file: stem + ".yaml", expectedID: stem)
        return ["OK"]
    } catch {
        return error.errors.map(\.description)
    }
}

@Suite struct QuestionnaireTests {
    @Test func theInventedFixtureLoads() throws {
        let url = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        let q = try QuestionnaireFile.load(path: url.path + "/questionnaires/knee_function.yaml")
        #expect(q.id == "knee_function")
        #expect(q.scale == 0...4)
        #expect(q.method == .sum)
        #expect(q.scoreRange == 0...16)
        #expect(q.mcid == 3)
        #expect(q.higherIsBetter)
        guard case .fixed(let items) = q.items else {
            Issue.record("a questionnaire has fixed items")
            return
        }
        #expect(items.map(\.id) == ["q1", "q2", "q3", "q4"])
        #expect(items[1].text.en == "I squat without pain")
        // Answered 1, 2, 3, 4: sum 10.
        let answers = try MeasureInput.check(
            MeasureInput.answers(["q1=1", "q2=2", "q3=3", "q4=4"], for: q), for: q, earlier: [],
            on: Day(number: 20_000))
        #expect(q.score(answers) == 10)
        let library = QuestionnaireLibrary(folder: url.path + "/questionnaires", explicit: true)
        #expect(library.all().instruments.map(\.id) == ["knee_function"])
        #expect(library.all().errors.isEmpty)
    }

    /// Positions counted by hand in the fixture files.
    @Test func badFixturesGivePositionedErrors() throws {
        let knee = try questionnaireProblems("bad_questionnaires/knee_bad.yaml")
        let range = try questionnaireProblems("bad_questionnaires/range_bad.yaml")
        #expect(
            knee == [
                "knee_bad.yaml:1:5: id: knee_function does not match the file name knee_bad.yaml; they must be equal",
                "knee_bad.yaml:2:8: names: missing the English text (en); every text needs nl and en",
                "knee_bad.yaml:5:20: scoring.method: unknown scoring method total; allowed: sum, mean",
                "knee_bad.yaml:5:62: scoring.higher_is_better: expected true or false, found yes",
                "knee_bad.yaml:8:11: items[1].id: q1 is used twice (first at line 7)",
                "knee_bad.yaml:9:5: items[2]: missing required key text",
                "knee_bad.yaml:9:15: items[2].txt: unknown key; did you mean text?",
            ])
        #expect(
            range == [
                "range_bad.yaml:5:38: scoring.max: 20 does not match 2 items × scale 0-4, which gives 8",
                "range_bad.yaml:5:72: scoring.mcid: 30 must be above 0 and at most the score's span 20",
            ])
    }

    @Test func aBuiltInIDIsRefused() throws {
        let text = """
            id: psfs
            names: { nl: "x", en: "x" }
            source: "x"
            scale: { min: 0, max: 1 }
            scoring: { method: mean, min: 0, max: 1, higher_is_better: true, mcid: 1 }
            items:
              - { id: q1, text: { nl: "x", en: "x" } }
            """
        #expect(throws: PlanFileErrors.self) {
            try QuestionnaireFile.parse(
                bytes: Array(text.utf8), file: "psfs.yaml", expectedID: "psfs")
        }
        do {
            _ = try QuestionnaireFile.parse(
                bytes: Array(text.utf8), file: "psfs.yaml", expectedID: "psfs")
        } catch {
            #expect(
                error.errors.map(\.description) == [
                    "psfs.yaml:1:5: id: psfs is a built-in measure; give the questionnaire another id"
                ])
        }
    }
}

@Suite struct PlanMeasureScheduleTests {
    func plan(_ measures: String) -> (Plan?, [String]) {
        let text = String(decoding: (try? fixture("valid_minimal.yaml")) ?? [], as: UTF8.self)
        let bytes = Array((text + measures).utf8)
        do {
            return (try PlanFile.parse(bytes: bytes, file: "p.yaml"), [])
        } catch {
            return (nil, error.errors.map(\.description))
        }
    }

    @Test func aPlanNamesItsSchedule() throws {
        let (p, errors) = plan(
            """
            measures:
              - { id: psfs, at: [start, discharge], every_days: 21 }
              - { id: knee_function, at: [phase_change] }
            """)
        #expect(errors == [])
        #expect(
            p?.measures == [
                ScheduledMeasure(instrument: "psfs", at: [.start, .discharge], everyDays: 21),
                ScheduledMeasure(instrument: "knee_function", at: [.phaseChange]),
            ])
        // Written back and read again: the same schedule.
        let written = PlanWriter.yaml(try #require(p))
        #expect(
            try PlanFile.parse(bytes: Array(written.utf8), file: "w.yaml").measures == p?.measures)
        #expect(plan("").0?.measures == nil)
    }

    /// A phase names measures of its own (here the last phase of valid_minimal.yaml); they are
    /// written back, and a bad one is placed under its phase.
    @Test func aPhaseNamesItsOwnSchedule() throws {
        let (p, errors) = plan(
            """
                measures:
                  - { id: knee_function, at: [start], every_days: 7 }
            """)
        #expect(errors == [])
        let phase = try #require(p?.phases.last)
        #expect(
            phase.measures == [
                ScheduledMeasure(instrument: "knee_function", at: [.start], everyDays: 7)
            ])
        #expect(p?.phases.first?.measures == nil)
        #expect(p?.measures == nil)
        let written = PlanWriter.yaml(try #require(p))
        #expect(
            try PlanFile.parse(bytes: Array(written.utf8), file: "w.yaml").phases.last?.measures
                == phase.measures)
        #expect(
            plan(
                """
                    measures:
                      - { id: psfs }
                """
            ).1 == [
                "p.yaml:22:9: phases[1].measures[0]: say when: at (start, phase_change, discharge), every_days, or both"
            ])
    }

    /// valid_minimal.yaml has 20 lines; the schedule starts on line 21.
    @Test func badSchedulesArePlaced() {
        #expect(
            plan(
                """
                measures:
                  - { id: gpe, at: [start, weekly], every_days: 0 }
                  - { id: psfs }
                  - { id: gpe, every_days: 14 }
                """
            ).1 == [
                "p.yaml:22:20: measures[0].at: gpe rates the change since the start, so it cannot be asked at start (Kamper et al. 2009)",
                "p.yaml:22:28: measures[0].at[1]: unknown moment weekly; allowed: start, phase_change, discharge",
                "p.yaml:22:49: measures[0].every_days: 0 is out of range; allowed 1-365",
                "p.yaml:23:5: measures[1]: say when: at (start, phase_change, discharge), every_days, or both",
                "p.yaml:24:11: measures[2].id: gpe is scheduled twice (first at line 22)",
            ])
    }
}
