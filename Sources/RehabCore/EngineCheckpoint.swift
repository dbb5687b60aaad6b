// A phase's tallies as they stood at the end of a past week, so that judging today reads the
// last months of the log instead of every day back to the phase's start: a phase can last
// years, and a long import can put a million sessions into one. The engine makes and reads
// checkpoints; the store keeps one per patient and drops it when a record on or before its
// day changes (see `TallyCheckpoint.guardDay`).

import Synchronization

/// What the exit criteria of the current phase had counted through `through`.
public struct TallyCheckpoint: Sendable, Hashable, Codable {
    /// The plan, the assignment and the phase change it was counted for: any other gives
    /// another key, and a checkpoint with another key is never read.
    public var key: String
    /// The last day counted: a Sunday, at least `Engine.checkpointAgeDays` before the day it
    /// was made.
    public var through: Day
    /// The bests of the phase through that day (`PhaseTally.Snapshot`).
    public var walk: Int
    public var week: Double
    public var hop: Int
    public var calf: Int
    /// Green logged days in a row ending at the last logged day on or before `through`,
    /// counted up to the exit's green_days.
    public var greenStreak: Int
    /// The first day a final phase's exit held, when it held on or before `through`.
    public var completion: Day?

    public init(
        key: String, through: Day, walk: Int, week: Double, hop: Int, calf: Int,
        greenStreak: Int, completion: Day?
    ) {
        self.key = key
        self.through = through
        self.walk = walk
        self.week = week
        self.hop = hop
        self.calf = calf
        self.greenStreak = greenStreak
        self.completion = completion
    }

    /// A change to a record dated on or before this day can change what was counted, so the
    /// store drops the checkpoint then (a week to spare beyond `through`).
    public var guardDay: Day { through.adding(days: 7) }
}

extension Engine {
    /// How far behind the day it is made a checkpoint ends: a back-dated entry of the last
    /// fortnight, the usual kind, then leaves the checkpoint standing.
    static let checkpointAgeDays = 14

    /// What the tallies count and how, as a number: raised whenever a change to the rules
    /// changes what a checkpoint holds, so that a checkpoint stored by an older build has
    /// another key and is counted again from the records instead of read. 2: a run or walk
    /// counts only with its own response morning (not S+2's when S+1 had a session). 3: a
    /// worse response stays in force past 28 days until a morning resolves it, and a week off
    /// with no floor carries its cap on (both can turn a once-green day amber, and so change
    /// the green-day streak a checkpoint keeps). 4: a morning that judges two session days
    /// holds until a morning comes down to the lower of their baselines.
    static let tallyRulesVersion = 4

    /// The key of a checkpoint of the current phase: the same plan (variant and tuning folded
    /// in), assignment and phase change give the same key in every run of the program, as
    /// long as the counting rules (`tallyRulesVersion`) are the same.
    public static func checkpointKey(plan: Plan, assignment: Assignment) -> String {
        let inputs = KeyInputs(plan: plan, assignment: assignment)
        if let key = keys.withLock({ $0[inputs] }) { return key }
        var hash = planHashes.withLock { known in
            if let hash = known[plan] { return hash }
            var hash = StableHash()
            hash.add(tallyRulesVersion)
            hash.add(plan)
            if known.count >= 64 { known.removeAll() }
            known[plan] = hash
            return hash
        }
        hash.add(assignment)
        hash.add(assignment.currentPhase as Any)
        let key = hash.hex
        keys.withLock { known in
            if known.count >= 4096 { known.removeAll() }
            known[inputs] = key
        }
        return key
    }

    /// Keys already worked out, and the key's hash after the rules' version and the plan, by
    /// plan. Hashing by reflection costs about 4 M instructions for a plan and 0.5 M for an
    /// assignment; judging one patient asks for the key three times, and a patient list asks
    /// for the same few plans hundreds of times. Every key is still the whole hash.
    private static let keys = Mutex<[KeyInputs: String]>([:])
    private static let planHashes = Mutex<[Plan: StableHash]>([:])

    private struct KeyInputs: Hashable {
        let plan: Plan
        let assignment: Assignment
    }

    /// `checkpoint` when the engine would read it to judge `day`: made for this plan,
    /// assignment and current phase (never a run/walk schedule's), ending before `day`.
    public static func readableCheckpoint(
        _ checkpoint: TallyCheckpoint?, plan: Plan, assignment: Assignment, judging day: Day
    ) -> TallyCheckpoint? {
        Evaluation(
            plan: plan, assignment: assignment, history: History(), checkpoint: checkpoint,
            judging: day
        ).checkpoint
    }

    /// A new checkpoint of the current phase when one is worth keeping: the phase is half a
    /// year older than the checkpoint's day and `existing` (made by an earlier run) is
    /// missing or months behind. `history` must hold what `firstDayRead` with `existing`
    /// asked for. Phases with a run/walk schedule are not checkpointed: their caps read the
    /// schedule's position weeks back, which a checkpoint does not keep.
    public static func checkpoint(
        plan: Plan, assignment: Assignment, history: History, today: Day,
        existing: TallyCheckpoint?
    ) -> TallyCheckpoint? {
        // The Sunday at least a fortnight back. The phase must have run half a year before
        // it: the window from a checkpoint still reaches 4 to 5 months back (the cap's chain of
        // 12 last weeks and the look-back), so a younger phase is read from its start anyway.
        let through = today.adding(days: -checkpointAgeDays).weekStart.adding(days: -1)
        let phaseStart = assignment.currentPhaseStart
        guard phaseStart.days(to: through) >= 182 else { return nil }
        let evaluation = Evaluation(
            plan: plan, assignment: assignment, history: history, checkpoint: existing,
            judging: today)
        // One this call may read and less than a month behind is kept as it is.
        if let old = evaluation.checkpoint, old.through.days(to: through) < 28 { return nil }
        let change = evaluation.currentChange
        guard evaluation.phase(of: change).phase.runWalk.isEmpty else { return nil }
        return evaluation.makeCheckpoint(of: change, through: through)
    }
}

extension Evaluation {
    /// The checkpoint for `change` when this call may read it (only the current phase's).
    func checkpoint(for change: PhaseChange) -> TallyCheckpoint? {
        change == currentChange ? checkpoint : nil
    }

    func makeCheckpoint(of change: PhaseChange, through: Day) -> TallyCheckpoint {
        let (phase, _) = phase(of: change)
        let snapshot = tally(of: change).at(through)
        let streak = phase.exit.greenDays.map {
            greenStreak(of: change, through: through, upTo: $0)
        }
        var completion: Day?
        if completes(change), let first = firstCompletion(of: change, phase: phase),
            first <= through
        {
            completion = first
        }
        return TallyCheckpoint(
            key: Engine.checkpointKey(plan: plan, assignment: assignment), through: through,
            walk: snapshot.walk, week: snapshot.week, hop: snapshot.hop, calf: snapshot.calf,
            greenStreak: streak ?? 0, completion: completion)
    }
}

/// FNV-1a over a value's structure (type, field names and values, dictionary entries in a
/// sorted order), so the same plan hashes the same in every run; Swift's own `Hasher` is
/// seeded anew for each process.
struct StableHash {
    private var state: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func add(_ value: Any) {
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .dictionary?, .set?:
            // Each entry on its own, then in order of their hashes.
            let entries = mirror.children.map { child -> UInt64 in
                var entry = StableHash()
                entry.add(child.value)
                return entry.state
            }.sorted()
            add(text: "{\(entries.count)")
            for entry in entries { add(text: String(entry)) }
        case .optional?:
            if let child = mirror.children.first {
                add(text: "?")
                add(child.value)
            } else {
                add(text: "nil")
            }
        case nil:
            add(text: "\(type(of: value))=\(value)")
        default:
            add(text: "\(mirror.subjectType)(\(mirror.children.count)")
            if mirror.children.isEmpty { add(text: "\(value)") }
            for child in mirror.children {
                add(text: child.label ?? "_")
                add(child.value)
            }
        }
    }

    private mutating func add(text: String) {
        for byte in text.utf8 {
            state ^= UInt64(byte)
            state = state &* 0x100_0000_01b3
        }
        // A separator, so "ab"+"c" and "a"+"bc" differ.
        state ^= 0xff
        state = state &* 0x100_0000_01b3
    }

    var hex: String {
        let digits = String(state, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
