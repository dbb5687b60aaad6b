import Foundation
import RehabCore
import RehabSQLite
import RehabStorage
import TerminalUI
import Testing

@testable import RehabTUI

/// Most app tests run against `MemoryRunner`, a test double of the store. These run the same
/// keys against it and against the real SQLite store holding the same records, and require the
/// same log, the same verdict and the same screen: the double may not drift from the store.
@Suite struct RunnerParityTests {
    /// The double's records copied into a fresh database in its own temporary directory.
    static func storeRunner(mirroring memory: MemoryRunner) throws -> (StoreRunner, URL) {
        let (store, dir) = try StoreRunnerTests.store()
        for patient in memory.patients {
            let added = try store.addPatient(name: patient.name, language: patient.language)
            #expect(added.id == patient.id, "the copy numbers patients as the double does")
            if let assignment = memory.assignments[patient.id] {
                var started = assignment
                started.phaseHistory = Array(assignment.phaseHistory.prefix(1))
                try store.startPlan(patientID: added.id, started)
                for change in assignment.phaseHistory.dropFirst() {
                    try store.addPhaseChange(patientID: added.id, change)
                }
            }
            let history = memory.histories[patient.id] ?? History()
            for session in history.sessions { try store.addSession(patientID: added.id, session) }
            for check in history.mornings { try store.setMorningCheck(patientID: added.id, check) }
            for clearing in history.clearings {
                try store.addClearing(patientID: added.id, clearing)
            }
            for shoe in memory.shoes[patient.id] ?? [] {
                try store.addShoe(patientID: added.id, shoe)
            }
        }
        let runner = StoreRunner(
            store: store, planDirectories: [Fixture.root.appendingPathComponent("plans").path])
        return (runner, dir)
    }

    /// What must be the same: the log as records (ids left out: each store numbers its own),
    /// the verdict and readiness, the top screen's kind and the drawn frame.
    struct Outcome: Equatable, CustomStringConvertible {
        var sessions: [Session]
        var mornings: [MorningCheck]
        var verdict: Verdict?
        var ready: Bool?
        var frame: [String]

        init(_ state: AppState) {
            let history = state.followed?.history ?? History()
            sessions = history.sessions.map {
                var s = $0
                s.id = nil
                return s
            }
            mornings = history.mornings
            verdict = state.followed?.status.verdict
            ready = state.followed?.status.readiness.ready
            frame = render(state).lines()
        }

        var description: String { frame.joined(separator: "\n") }
    }

    /// Presses `keys` in both apps, compares after each step and returns the outcomes before
    /// and after (so a test can show its keys did something).
    @discardableResult
    func same(_ steps: [[Key]], from memory: MemoryRunner = Fixture.buildUpRunner()) throws
        -> (before: Outcome, after: Outcome)
    {
        var (runner, dir) = try Self.storeRunner(mirroring: memory)
        defer { try? FileManager.default.removeItem(at: dir) }
        var double = App(state: Fixture.state(memory), runner: memory)
        var real = App(state: Fixture.state(memory), runner: runner)
        real.state = AppState(
            language: .en, glyphs: .unicode, size: double.state.size, today: Fixture.today,
            loaded: try runner.load(patientID: 1, today: Fixture.today), newPatientName: "Alex")
        let before = Outcome(double.state)
        #expect(Outcome(real.state) == before, "before any key")
        for (index, keys) in steps.enumerated() {
            for key in keys {
                double.press(key)
                real.press(key)
            }
            let expected = Outcome(double.state)
            let got = Outcome(real.state)
            #expect(got == expected, "after step \(index + 1): \(keys)")
        }
        return (before, Outcome(real.state))
    }

    @Test func loggingASessionAndAMorningCheck() throws {
        let (before, after) = try same([
            [.char("n"), .tab, .tab] + chars("4.5") + [.tab] + chars("45")
                + [.tab, .char("2"), .tab, .char("3"), .enter],
            [.char("m"), .char("3"), .enter],
        ])
        #expect(after.sessions.count == before.sessions.count + 1)
        #expect(after.mornings.last == MorningCheck(date: Fixture.today, pain: 3))
    }

    @Test func editingDeletingAndUndoingInTheHistory() throws {
        let (before, after) = try same([
            [.backTab, .backTab],
            [.char("e"), .tab, .tab, .tab, .backspace, .backspace] + chars("35") + [.enter],
            [.char("d"), .char("y")],
            [.char("u")],
            [.char("u")],
        ])
        // Both undos: the deletion, then the edit.
        #expect(after.sessions == before.sessions)
        #expect(after.frame != before.frame)
    }

    @Test func aPainfulDayTurnsTheVerdictRedInBoth() throws {
        let (_, after) = try same([
            [.char("n"), .tab, .tab] + chars("5") + [.tab] + chars("40")
                + [.tab, .char("7"), .tab, .char("7"), .enter],
            [.char("m"), .char("6"), .enter],
        ])
        #expect(after.verdict?.level == .red)
    }

    @Test func theDemoStoryReadsTheSameFromBoth() throws {
        try same([[.tab], [.backTab, .backTab], [.backTab]], from: Fixture.demoRunner())
    }
}
