// rehab-bench: in-process figures for BENCHMARKS.md. Times the engine over a long history, the
// full-screen app's first frame and keypresses rendered into the in-memory backend, and the
// clinic's patient list (one patient at a time and in one read, split into store, plans and
// engine); reports medians and the peak resident memory. Reads a database that
// `rehab demo --years N [--patients M]` wrote; never writes to it.

import Foundation
import RehabApp
import RehabCore
import RehabPlans
import RehabSQLite
import RehabStorage
import RehabTUI
import TerminalUI

struct Options {
    var db = ""
    var plans = "plans"
    var patient: String?
    var today = Day(iso: "2026-03-02") ?? Day(number: 0)
    var runs = 15
    var json = false

    static func parse(_ arguments: [String]) -> Options? {
        var options = Options()
        var rest = arguments.dropFirst()
        while let flag = rest.popFirst() {
            if flag == "--json" {
                options.json = true
                continue
            }
            guard let value = rest.popFirst() else { return nil }
            switch flag {
            case "--db": options.db = value
            case "--plans": options.plans = value
            case "--patient": options.patient = value
            case "--today":
                guard let day = Day(iso: value) else { return nil }
                options.today = day
            case "--runs":
                guard let n = Int(value), n > 0 else { return nil }
                options.runs = n
            default: return nil
            }
        }
        return options.db.isEmpty ? nil : options
    }
}

/// Monotonic seconds.
func now() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_MONOTONIC, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return 0 }
    let mid = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

/// Runs `body` `runs` times and returns the median wall time in seconds.
func timed(_ runs: Int, _ body: () throws -> Void) rethrows -> Double {
    var samples: [Double] = []
    for _ in 0..<runs {
        let start = now()
        try body()
        samples.append(now() - start)
    }
    return median(samples)
}

/// VmHWM from /proc/self/status: the peak resident set, in KiB.
func peakRSSKiB() -> Int? {
    guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else {
        return nil
    }
    for line in text.split(separator: "\n") where line.hasPrefix("VmHWM:") {
        return Int(line.split(separator: " ").dropFirst().first ?? "")
    }
    return nil
}

struct Figure: Encodable {
    var name: String
    var value: Double
    var unit: String
}

var figures: [Figure] = []

@MainActor func report(_ name: String, _ value: Double, _ unit: String) {
    figures.append(Figure(name: name, value: value, unit: unit))
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data(("rehab-bench: " + message + "\n").utf8))
    exit(1)
}

guard let options = Options.parse(CommandLine.arguments) else {
    fail(
        "usage: rehab-bench --db FILE [--plans DIR] [--patient NAME] [--today YYYY-MM-DD] "
            + "[--runs N] [--json]")
}

/// The median time of `runs` runs of `body`, in milliseconds.
@MainActor func reportTime(_ name: String, runs: Int = options.runs, _ body: () -> Void) {
    report(name, timed(runs, body) * 1000, "ms")
}

func openStore() -> Store {
    do { return try Store(path: options.db) } catch { fail("cannot open \(options.db): \(error)") }
}

let store = openStore()
let patients: [PatientRecord]
do { patients = try store.patients() } catch { fail("\(error)") }
guard
    let patient = options.patient.map({ name in
        patients.first { $0.name.lowercased() == name.lowercased() }
    }) ?? patients.first
else { fail("no patient in \(options.db)") }

// MARK: - Engine over the whole history

var runner = StoreRunner(store: store, planDirectories: [options.plans])
let loaded: Loaded
do { loaded = try runner.load(patientID: patient.id, today: options.today) } catch {
    fail("\(error)")
}
guard let followed = loaded.followed else { fail("\(patient.name) follows no plan") }
let history = followed.history
let plan = followed.plan
let assignment = followed.assignment
let today = options.today
report("history sessions", Double(history.sessions.count), "rows")
report("history morning checks", Double(history.mornings.count), "rows")

// Verdicts on every day of the last year, each a separate engine call as the CLI makes it.
let days = (0..<365).map { today.adding(days: -$0) }
var levels = 0
let verdictTime = timed(3) {
    for day in days {
        levels +=
            Engine.verdict(plan: plan, assignment: assignment, history: history, on: day)
            .level.rawValue.count
    }
}
report(
    "engine verdicts per second (one call per day, whole history)",
    Double(days.count) / verdictTime, "verdicts/s")
let indexedTime = timed(3) {
    levels +=
        Engine.verdicts(plan: plan, assignment: assignment, history: history, on: days)
        .count
}
report(
    "engine verdicts per second (Engine.verdicts, one indexed history)",
    Double(days.count) / indexedTime, "verdicts/s")
let judgingWindow = JudgingWindow(plan: plan, assignment: assignment, judging: today)
var window = History()
reportTime("store: the engine's window for today (as rehab status)") {
    window =
        (try? store.history(patientID: patient.id, window: judgingWindow))
        ?? History()
}
report(
    "engine window rows (sessions + morning checks)",
    Double(window.sessions.count + window.mornings.count), "rows")
reportTime("engine status on the window") {
    _ = Engine.status(plan: plan, assignment: assignment, history: window, today: today)
}
reportTime("engine status on the whole history") {
    _ = Engine.status(plan: plan, assignment: assignment, history: history, today: today)
}
reportTime("engine weeks (520)") {
    _ = Engine.weeks(
        plan: plan, assignment: assignment, history: history, through: today, count: 520)
}
reportTime("engine series (520 weeks, as rehab week)") {
    _ = Engine.series(
        plan: plan, assignment: assignment, history: history, through: today, weeks: 520)
}
reportTime("store: whole history of the patient") {
    _ = try? store.history(patientID: patient.id)
}

// MARK: - The full-screen app in memory

let size = (width: 80, height: 24)

/// From opening the database to the first complete frame, as `rehab` does at start.
func firstFrame() -> (AppSession, MemoryBackend) {
    let store = openStore()
    var runner = StoreRunner(store: store, planDirectories: [options.plans])
    let loaded: Loaded
    do { loaded = try runner.load(patientID: patient.id, today: today) } catch { fail("\(error)") }
    let app = AppSession(
        runner: runner, loaded: loaded, language: .en, glyphs: .unicode,
        size: Size(width: size.width, height: size.height), today: today,
        newPatientName: "runner")
    var backend = MemoryBackend(width: size.width, height: size.height)
    backend.draw(app.frame)
    return (app, backend)
}
reportTime("app: start to first frame (open, load, judge, render)") {
    _ = firstFrame()
}

/// Presses `keys` one by one; the median time per key (update, effects, render, diff) and the
/// median cells the diff had to write.
func press(_ keys: [Key], on app: inout AppSession, _ backend: inout MemoryBackend)
    -> (ms: Double, cells: Double)
{
    var times: [Double] = []
    var cells: [Double] = []
    for key in keys {
        let start = now()
        app.press(key)
        backend.draw(app.frame)
        times.append(now() - start)
        cells.append(Double(backend.lastFrameChangedCells))
    }
    return (median(times) * 1000, median(cells))
}

var (app, backend) = firstFrame()
// Today → Plan → History (Tab), then back and forth.
let switching = press(Array(repeating: .tab, count: 12), on: &app, &backend)
report("app: switch screen (Tab), per key", switching.ms, "ms")
report("app: switch screen (Tab), cells written", switching.cells, "cells")
// Land on History and scroll down one row at a time.
for _ in 0..<6 where app.mainScreen != 2 { _ = press([.tab], on: &app, &backend) }
if app.mainScreen == 2 {
    let scrolling = press(Array(repeating: .char("j"), count: 200), on: &app, &backend)
    report("app: scroll history one row (j), per key", scrolling.ms, "ms")
    report("app: scroll history one row (j), cells written", scrolling.cells, "cells")
    let paging = press(Array(repeating: .pageDown, count: 40), on: &app, &backend)
    report("app: page down history, per key", paging.ms, "ms")
    report("app: page down history, cells written", paging.cells, "cells")
}

// MARK: - The Progress screen

// Entering Progress computes the engine's series over the whole history (once, kept in the
// screen state); every frame after that only draws the window of weeks shown.
var entering: [Double] = []
for _ in 0..<options.runs {
    for _ in 0..<6 where app.mainScreen != 2 { _ = press([.tab], on: &app, &backend) }
    entering.append(press([.tab], on: &app, &backend).ms)
}
if app.mainScreen == 3 {
    report(
        "app: open Progress (series of the whole history + first frame)", median(entering),
        "ms")
    for (key, span) in [("1", "8 weeks"), ("2", "6 months"), ("3", "all")] {
        _ = press([.char(Character(key))], on: &app, &backend)
        reportTime("app: Progress frame, \(span) (render only)") {
            _ = app.frame
        }
    }
    _ = press([.char("1")], on: &app, &backend)
    let weekBack = press(Array(repeating: .char("h"), count: 40), on: &app, &backend)
    report("app: Progress a week back (h), per key", weekBack.ms, "ms")
    report("app: Progress a week back (h), cells written", weekBack.cells, "cells")
}

// MARK: - The clinic's patient list, in process

if patients.count > 1 {
    let rounds = max(1, options.runs / 5)
    let n = patients.count
    /// The plans as `rehab patients` finds them: catalogue files through a runner's cache, a
    /// plan file kept in the database parsed.
    func template(_ source: PlanSource, _ runner: inout StoreRunner) throws -> Plan {
        switch source {
        case .catalogue(let id): return try runner.template(id)
        case .file(let stored):
            return try PlanFile.parse(bytes: Array(stored.yaml.utf8), file: stored.planID)
        }
    }

    // One patient at a time (`PatientOverview.load`, what `rehab patients` did before the
    // bulk read), split by phase: store reads (assignment, plan file, the engine's window;
    // a transaction each), finding and resolving plans (catalogue files parsed once a round,
    // as once a command), and the engine's status.
    var single = (store: [Double](), plans: [Double](), engine: [Double]())
    for _ in 0..<rounds {
        var fresh = StoreRunner(store: store, planDirectories: [options.plans])
        var spent = (store: 0.0, plans: 0.0, engine: 0.0)
        var t = now()
        func lap() -> Double {
            let next = now()
            defer { t = next }
            return next - t
        }
        for p in patients {
            _ = lap()
            let a = try? store.assignment(patientID: p.id)
            let file = try? store.planFile(patientID: p.id)
            spent.store += lap()
            let source = RosterEntry(patient: p, assignment: a, planFile: file).planSource
            let plan = source.flatMap { try? template($0, &fresh) }.flatMap { found in
                a.map { found.resolved(variant: $0.variantID, overrides: $0.overrides) }
            }
            spent.plans += lap()
            let h: History
            if let a, let plan {
                h =
                    (try? store.history(
                        patientID: p.id,
                        window: JudgingWindow(plan: plan, assignment: a, judging: today)))
                    ?? History()
            } else {
                h = (try? store.history(patientID: p.id)) ?? History()
            }
            spent.store += lap()
            _ = PatientOverview(patient: p, assignment: a, plan: plan, history: h, today: today)
            spent.engine += lap()
        }
        single.store.append(spent.store)
        single.plans.append(spent.plans)
        single.engine.append(spent.engine)
    }
    report(
        "roster, one patient at a time (\(n) patients): total",
        median(zip(zip(single.store, single.plans), single.engine).map { $0.0 + $0.1 + $1 })
            * 1000, "ms")
    report("roster, one patient at a time: store reads", median(single.store) * 1000, "ms")
    report("roster, one patient at a time: finding plans", median(single.plans) * 1000, "ms")
    report("roster, one patient at a time: engine status", median(single.engine) * 1000, "ms")

    // The bulk read (`PatientOverview.roster`, as `rehab patients` and the app now read it),
    // split the same way: the one read transaction, the plan lookups it asks for, the engine.
    var bulk = (store: [Double](), plans: [Double](), engine: [Double]())
    var windowRows = 0
    for _ in 0..<rounds {
        var fresh = StoreRunner(store: store, planDirectories: [options.plans])
        var inPlans = 0.0
        var plans: [Int64: Plan] = [:]
        var templates: [PlanSource: Plan?] = [:]
        let start = now()
        let records =
            (try? store.roster(includeArchived: false, today: today) { entry in
                let t = now()
                defer { inPlans += now() - t }
                guard let a = entry.assignment, let source = entry.planSource else { return nil }
                if templates[source] == nil { templates[source] = try? template(source, &fresh) }
                guard let found = templates[source] ?? nil else { return nil }
                let plan = found.resolved(variant: a.variantID, overrides: a.overrides)
                plans[entry.patient.id] = plan
                return JudgingWindow(plan: plan, assignment: a, judging: today)
            }) ?? []
        let read = now() - start
        let t = now()
        for (entry, log) in records {
            guard case .window(let h) = log, let plan = plans[entry.patient.id] else { continue }
            _ = PatientOverview(
                patient: entry.patient, assignment: entry.assignment, plan: plan, history: h,
                today: today)
        }
        bulk.engine.append(now() - t)
        windowRows = records.reduce(0) { count, record in
            guard case .window(let h) = record.log else { return count }
            return count + h.sessions.count + h.mornings.count
        }
        bulk.store.append(read - inPlans)
        bulk.plans.append(inPlans)
    }
    report(
        "roster, one read: rows in the windows (sessions + mornings)", Double(windowRows), "rows")
    report("roster, one read: store (one transaction)", median(bulk.store) * 1000, "ms")
    report("roster, one read: finding plans", median(bulk.plans) * 1000, "ms")
    report("roster, one read: engine status", median(bulk.engine) * 1000, "ms")
    reportTime("roster, one read, plans parsed afresh (as rehab patients)", runs: rounds) {
        var fresh = StoreRunner(store: store, planDirectories: [options.plans])
        _ = try? PatientOverview.roster(store: store, includeArchived: false, today: today) {
            try template($0, &fresh)
        }
    }
    // The app's runner keeps the plans and the rows it read: after a change to one patient
    // it reads and judges that patient again, after another process wrote the whole list.
    _ = try? runner.roster(includeArchived: false, today: today)
    reportTime("app: Patients rows again after a change to one patient") {
        runner.changed(patientID: patient.id)
        _ = try? runner.roster(includeArchived: false, today: today)
    }
    reportTime(
        "app: Patients rows again after another process wrote (whole read)",
        runs: max(1, options.runs / 5)
    ) {
        runner.changed(patientID: nil)
        _ = try? runner.roster(includeArchived: false, today: today)
    }
}

report("peak resident memory (VmHWM)", Double(peakRSSKiB() ?? 0) / 1024, "MiB")

if options.json {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted]
    if let data = try? encoder.encode(figures) { print(String(decoding: data, as: UTF8.self)) }
} else {
    for figure in figures {
        let value =
            figure.value >= 100
            ? String(format: "%.0f", figure.value) : String(format: "%.3g", figure.value)
        let name = figure.name.padding(toLength: 66, withPad: " ", startingAt: 0)
        print("\(name) \(value) \(figure.unit)")
    }
}
_ = levels
