import RehabCore
import TerminalUI

/// Stop: what was reported, that the plan is paused (or not started), whom to contact, and
/// the deliberate way out.
enum StopView {
    static func flow(_ state: AppState, _ stop: StopState) -> Flow {
        var flow = Flow()
        let g = state.glyphs
        let title = stop.beforeStart ? UIPhrase.stopNotStartedTitle() : UIPhrase.stopTitle()
        flow.line(" " + state.say(title) + " ", pen: Theme.level(.stop))
        flow.blank()
        flow.line(state.say(UIPhrase.reported()), pen: Theme.heading)
        if stop.beforeStart {
            let plan = state.catalog?.first { $0.id == stop.planID }
            for id in stop.screening {
                let name = plan?.redFlagName(id) ?? RedFlag.builtIn[id]
                flow.bullet(name?.text(state.language) ?? id, glyphs: g)
            }
        } else if let followed = state.followed {
            for open in reported(followed, stop) {
                let name = followed.plan.redFlagName(open.flag).text(state.language)
                flow.bullet("\(open.date.iso): \(name)", glyphs: g)
            }
        }
        flow.blank()
        // The most urgent flag decides what to do first (DESIGN section 4, actions).
        let action = urgentAction(state, stop)
        flow.line(
            action == .seeDoctor
                ? state.say(UIPhrase.contactGP()) : state.messages.actionAdvice(action),
            pen: Theme.level(.stop))
        if action != .emergency {
            flow.line(state.say(UIPhrase.emergencyLine()), pen: Theme.heading)
        }
        flow.blank()
        flow.line(state.say(stop.beforeStart ? UIPhrase.notStartedHint() : UIPhrase.clearHint()))
        return flow
    }

    /// Call 112, see a doctor today or contact the GP: by the most urgent flag reported.
    static func urgentAction(_ state: AppState, _ stop: StopState) -> Action {
        if stop.beforeStart {
            let plan = state.catalog?.first { $0.id == stop.planID }
            let urgency = stop.screening.map {
                plan?.urgency(ofFlag: $0) ?? RedFlag.defaultUrgency($0)
            }.max()
            return Action(urgency: urgency ?? .seeDoctor)
        }
        guard let followed = state.followed else { return .seeDoctor }
        let verdict = followed.status.verdict
        let saving = stop.saving.map { followed.plan.urgency(ofFlag: $0.flag) }.max()
        switch (verdict.isStop, saving) {
        case (true, nil): return verdict.action
        case (_, let urgency?):
            // The more urgent of the flags open and those being saved.
            let open = followed.stopFlags.map { followed.plan.urgency(ofFlag: $0.flag) }.max()
            return Action(urgency: max(urgency, open ?? urgency))
        case (false, nil): return .seeDoctor
        }
    }

    /// The open flags, then any being saved that the status does not have yet.
    static func reported(_ followed: Followed, _ stop: StopState) -> [OpenFlag] {
        let open = followed.status.openFlags
        return open + stop.saving.filter { report in !open.contains { $0.flag == report.flag } }
    }
}
