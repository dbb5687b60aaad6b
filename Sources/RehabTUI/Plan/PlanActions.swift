import RehabCore

/// Advancing and stepping back on the Plan screen; both need a confirmation.
enum PlanActions {
    static func advance(_ state: inout AppState) -> [Effect] {
        move(.advance, &state)
    }

    /// Moving on though the exit criteria are not met (the CLI's `advance --force`): asks who
    /// decided and why, and stores that with the change. Never past an open red flag.
    static func forceAdvance(_ state: inout AppState) -> [Effect] {
        guard let followed = state.followed, state.mayDecideCare() else { return [] }
        let status = followed.status
        guard let next = status.readiness.next else {
            state.notice = Notice(state.say(Phrase.lastPhase()), isError: true)
            return []
        }
        guard status.openFlags.isEmpty else {
            state.notice = Notice(state.say(UIPhrase.flagsOpen()), isError: true)
            return []
        }
        if status.readiness.ready { return advance(&state) }
        state.confirmation = Confirmation(
            kind: .forceAdvance(PhaseChange(phase: next.id, date: state.today, reason: .forced)))
        return []
    }

    static func stepBack(_ state: inout AppState) -> [Effect] {
        move(.stepBack, &state)
    }

    /// The move as `rehab advance` decides it (`Engine.phaseChange`, never forced here), asked
    /// to be confirmed; a refusal is a notice.
    static func move(_ move: PhaseMove, _ state: inout AppState) -> [Effect] {
        guard let followed = state.followed else { return [] }
        let status = followed.status
        do {
            let change = try Engine.phaseChange(
                move, plan: followed.plan, status: status, on: state.today)
            state.confirmation = Confirmation(
                kind: change.reason == .stepBack ? .stepBack(change) : .advance(change))
        } catch {
            var text = state.say(refusal(error, unit: status.load.metric.unit, state))
            if case .notReady = error, case .advance = move {
                // The way past unmet criteria, for a physio: a forced advance with a reason.
                let key = KeyTable.shownKey(.forceAdvance, in: state, contexts: [.plan]) ?? "F"
                text += " " + state.say(UIPhrase.forceHint(key))
            }
            state.notice = Notice(text, isError: true)
        }
        return []
    }

    static func refusal(_ refusal: PhaseMoveRefusal, unit: String, _ state: AppState)
        -> LocalizedText
    {
        switch refusal {
        case .lastPhase: return Phrase.lastPhase()
        case .firstPhase: return UIPhrase.firstPhase()
        case .openFlags: return UIPhrase.flagsOpen()
        case .notReady(_, let unmet):
            let text = unmet.map { state.messages.criterion($0, unit: unit) }
                .joined(separator: "; ")
            return UIPhrase.notReadyNotice(text)
        // The Plan screen moves one phase at a time: these cannot happen from it.
        case .unknownPhase(let id, let known): return Phrase.unknownPhase(id, known: known)
        case .alreadyIn(let phase): return Phrase.alreadyInPhase(phase.names.text(state.language))
        case .skipNeedsForce(let phase):
            return Phrase.skipPhasesNeedsForce(phase.names.text(state.language))
        }
    }
}
