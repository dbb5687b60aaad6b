import Foundation
import RehabCore
import RehabPlans
import TerminalUI
import Testing

@testable import RehabPostgres
@testable import RehabTUI

#if canImport(Glibc)
import Glibc
#endif

/// A scripted terminal: hands out keys in order and runs the script's other steps (freezing
/// the server, looking at the screen) when the loop reads the next key.
struct ScriptedBackend: Backend {
    enum Step {
        case key(Key)
        case run((Grid?) -> Void)
    }

    var screen = MemoryBackend(width: 80, height: 24)
    var steps: [Step]

    var size: Size { screen.size }
    mutating func draw(_ grid: Grid) { screen.draw(grid) }

    mutating func readKey(timeoutMs: Int) -> Key? {
        while !steps.isEmpty {
            switch steps.removeFirst() {
            case .key(let key): return key
            case .run(let step): step(screen.lastFrame)
            }
        }
        return nil
    }
}

/// The full-screen app's loop on a clinic store whose server stops answering (a network that
/// hangs): "saving…" shows while the write waits, keys typed meanwhile apply once it has
/// answered, and a server silent past the answer timeout gives the form back with the reason
/// and Enter saves it once the server is back.
@Suite(
    .serialized,
    .enabled(if: PostgresCluster.available, Comment(rawValue: PostgresCluster.unavailable)))
struct ClinicSlowServerTests {
    final class Notices: @unchecked Sendable {
        var seen: [String] = []
    }

    static func notice(_ grid: Grid?) -> String {
        guard let lines = grid?.lines(), lines.count >= 2 else { return "" }
        return lines[lines.count - 2].trimmingCharacters(in: .whitespaces)
    }

    /// Ann's app on Pia, who follows the ITB plan, and the server process behind ann's
    /// connection (to freeze with SIGSTOP).
    func ready(_ clinic: ClinicTemplate, today: Day) throws -> (
        App<StoreRunner>, ClinicStore, backend: pid_t, database: String
    ) {
        let database = try clinic.freshDatabase()
        let ann = try clinic.store("ann", database: database)
        let pia = try ann.addPatient(name: "Pia")
        try ann.startPlan(
            patientID: pia.id,
            Assignment(
                planID: "itbs", variantID: "acute", startDate: today,
                phaseHistory: [PhaseChange(phase: "calm_down", date: today, reason: .start)]))
        var runner = StoreRunner(store: ann, library: PlanLibrary(folders: []))
        let loaded = try runner.load(patientID: pia.id, today: today)
        let state = AppState(
            language: .en, glyphs: .unicode, size: Size(width: 80, height: 24), today: today,
            loaded: loaded, newPatientName: "Pia")
        let pids = try clinic.psql(
            "SELECT pid FROM pg_stat_activity WHERE usename = 'ann' AND datname = '\(database)'",
            as: "rehab_super", database: database)
        guard pids.count == 1, let pid = pid_t(pids[0]) else {
            throw PostgresCluster.Failure(description: "ann's server process: \(pids)")
        }
        return (App(state: state, runner: runner), ann, pid, database)
    }

    @Test func aSaveToAServerThatHangsShowsSavingAndKeepsTheKeys() throws {
        let clinic = try ClinicTemplate()
        defer { clinic.cluster.stop() }
        let today = Day(iso: "2026-11-02")!
        var (app, _, server, database) = try ready(clinic, today: today)
        defer { kill(server, SIGCONT) }
        let notices = Notices()
        var backend = ScriptedBackend(steps: [
            .key(.char("m")), .key(.char("3")),
            .run { _ in kill(server, SIGSTOP) },
            .key(.enter),
            // Typed while the server does not answer: Tab to the Plan screen.
            .key(.tab),
            .run { frame in
                // The server cannot answer while stopped: what the screen says meanwhile.
                Thread.sleep(forTimeInterval: 0.3)
                notices.seen.append(Self.notice(frame))
                kill(server, SIGCONT)
            },
        ])
        let started = ContinuousClock.now
        app.run(on: &backend, stopWhenIdle: true)
        #expect(notices.seen == ["saving… (1 key waits for the answer)"])
        #expect(app.state.top == .plan(scroll: 0), "the Tab typed meanwhile: \(app.state.top)")
        // The Tab, applied after the answer, cleared the "saved" notice; the store has it.
        #expect(app.state.notice == nil && app.state.followed?.history.mornings.count == 1)
        #expect(
            try clinic.psql(
                "SELECT pain FROM rehab.morning_check", as: "rehab_super", database: database)
                == ["3"])
        print(
            "clinic app: a save to a stopped server showed saving… and kept a key; done \(ContinuousClock.now - started) after Enter"
        )
    }

    @Test func aServerSilentPastTheTimeoutGivesTheFormBackAndEnterSavesItOnce() throws {
        let clinic = try ClinicTemplate()
        defer { clinic.cluster.stop() }
        let today = Day(iso: "2026-11-02")!
        var (app, _, server, database) = try ready(clinic, today: today)
        defer { kill(server, SIGCONT) }
        var backend = ScriptedBackend(steps: [
            .key(.char("m")), .key(.char("4")),
            .run { _ in kill(server, SIGSTOP) },
            .key(.enter),
        ])
        let started = ContinuousClock.now
        app.run(on: &backend, stopWhenIdle: true)
        let waited = ContinuousClock.now - started
        kill(server, SIGCONT)
        guard case .morning(let form) = app.state.top else {
            Issue.record("the form is gone: \(app.state.top)")
            return
        }
        #expect(form.pain == 4)
        let said = app.state.notice?.text ?? ""
        #expect(
            said.hasPrefix(
                "Not saved; what you typed is still here, Enter tries again: the "
                    + "clinic server did not answer within 15 seconds"), "\(said)")
        #expect(waited < .seconds(20), "the refusal came after \(waited)")

        // The silent connection was closed; Enter connects again and saves the check once.
        backend.steps = [.key(.enter)]
        app.run(on: &backend, stopWhenIdle: true)
        #expect(app.state.top == .today(scroll: 0))
        #expect(
            try clinic.psql(
                "SELECT pain FROM rehab.morning_check", as: "rehab_super", database: database)
                == ["4"])
        print("clinic app: a silent server refused the save after \(waited); Enter saved it once")
    }
}
