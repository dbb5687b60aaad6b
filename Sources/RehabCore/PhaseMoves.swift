// Moving a patient between phases, decided once for `rehab advance` and the app's Plan screen:
// stepping back is always allowed (the safe direction); moving on needs the exit criteria met
// and no open red flag, unless a physio forces it; skipping phases always needs force. Each
// front end says a refusal in its own words.

/// Which phase to move to.
public enum PhaseMove: Hashable, Sendable {
    /// The phase after the current one.
    case advance
    /// The phase before the current one.
    case stepBack
    /// A phase by id: an earlier one steps back, a later one moves on.
    case to(String)
}

/// Why a move is refused. Phases are given whole so the message can name them.
public enum PhaseMoveRefusal: Error, Hashable, Sendable {
    /// The patient is in the plan's last phase.
    case lastPhase
    /// The patient is in the plan's first phase.
    case firstPhase
    case unknownPhase(String, known: [String])
    case alreadyIn(Phase)
    /// Moving on by more than one phase is a physio's decision (`force`).
    case skipNeedsForce(Phase)
    /// A red flag reported and not cleared blocks moving on (DESIGN section 4).
    case openFlags(Phase)
    /// The exit criteria of the current phase, those not met.
    case notReady(Phase, unmet: [CriterionStatus])
}

extension Engine {
    /// The phase change a move makes on `day`, or why it is refused. `status` is the engine's
    /// status of that day for the same plan; `force` moves on without the exit criteria (never
    /// needed to step back), but not past an open red flag.
    public static func phaseChange(
        _ move: PhaseMove, force: Bool = false, plan: Plan, status: Status, on day: Day
    ) throws(PhaseMoveRefusal) -> PhaseChange {
        let current = status.phase.number - 1
        let target: Int
        switch move {
        case .advance:
            guard current + 1 < plan.phases.count else { throw .lastPhase }
            target = current + 1
        case .stepBack:
            guard current > 0, current - 1 < plan.phases.count else { throw .firstPhase }
            target = current - 1
        case .to(let id):
            guard let index = plan.phaseIndex(id) else {
                throw .unknownPhase(id, known: plan.phases.map(\.id))
            }
            target = index
        }
        let phase = plan.phases[target]
        if target == current { throw .alreadyIn(phase) }
        if target < current { return PhaseChange(phase: phase.id, date: day, reason: .stepBack) }
        // An open red flag stops every move on, forced or not: it is cleared first (with who
        // cleared it, `clear-flags`), never stepped over.
        if !status.openFlags.isEmpty { throw .openFlags(phase) }
        if force { return PhaseChange(phase: phase.id, date: day, reason: .forced) }
        if target > current + 1 { throw .skipNeedsForce(phase) }
        guard status.readiness.ready else {
            throw .notReady(phase, unmet: status.readiness.criteria.filter { !$0.met })
        }
        return PhaseChange(phase: phase.id, date: day, reason: .advance)
    }
}
