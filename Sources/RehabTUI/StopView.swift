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
            for open in followed.status.openFlags {
                let name = followed.plan.redFlagName(open.flag).text(state.language)
                flow.bullet("\(open.date.iso): \(name)", glyphs: g)
            }
        }
        flow.blank()
        flow.line(state.say(UIPhrase.contactGP()))
        flow.line(state.say(UIPhrase.emergencyLine()), pen: Theme.heading)
        flow.blank()
        flow.line(state.say(stop.beforeStart ? UIPhrase.notStartedHint() : UIPhrase.clearHint()))
        return flow
    }
}
