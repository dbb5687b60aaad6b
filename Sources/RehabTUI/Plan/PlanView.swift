import RehabCore
import TerminalUI

/// Plan: the phase timeline, the current phase's exit criteria as a checklist, and what to do
/// and avoid.
enum PlanView {
    static func flow(_ state: AppState) -> Flow {
        var flow = Flow()
        guard let followed = state.followed else { return flow }
        let lang = state.language
        let g = state.glyphs
        let m = state.messages
        let status = followed.status
        let plan = followed.plan
        let variant =
            followed.template.variant(followed.assignment.variantID)
            .map { " · " + $0.names.text(lang) } ?? ""
        flow.line(plan.names.text(lang) + variant, pen: Theme.heading)
        flow.blank()
        flow.line(state.say(UIPhrase.phasesTitle()), pen: Theme.heading)
        let current = status.phase.number - 1
        let markWidth = max(CellWidth.of(g.checked), CellWidth.of(g.selection))
        for (index, phase) in plan.phases.enumerated() {
            let mark =
                index < current ? g.checked : index == current ? g.selection : ""
            let days = state.say(Phrase.daysLabel(min: phase.minDays, max: phase.maxDays))
            var text =
                "\(TextFit.pad(mark, to: markWidth)) \(index + 1). "
                + "\(phase.names.text(lang)) · \(phase.kind.name.text(lang)) · \(days)"
            if index == current {
                text += " · " + state.say(UIPhrase.currentPhaseDay(status.phase.day))
            }
            flow.line(
                text, pen: index == current ? .bold : index < current ? Theme.dim : .plain,
                indent: 1)
        }
        flow.blank()
        let readiness = status.readiness
        if let next = readiness.next {
            flow.line(
                state.say(UIPhrase.nextIs(next.names.text(lang), ready: readiness.ready)),
                pen: readiness.ready ? Theme.level(.green) : Theme.heading)
        } else {
            flow.line(
                state.say(Phrase.nextPhase()) + ": " + state.say(Phrase.lastPhaseLabel()),
                pen: Theme.heading)
        }
        if readiness.criteria.isEmpty { flow.line(state.say(UIPhrase.noCriteria()), indent: 2) }
        for criterion in readiness.criteria {
            let mark = criterion.met ? g.checked : g.unchecked
            flow.line(
                TextLine(
                    "\(mark) " + m.criterion(criterion, unit: status.load.metric.unit),
                    pen: criterion.met ? Pen(fg: .green) : .plain), indent: 2)
        }
        let phase = status.phase.phase
        if let goal = phase.goal {
            flow.blank()
            flow.line(state.say(UIPhrase.goal()) + ": " + goal.text(lang))
        }
        if !phase.allowed.isEmpty {
            flow.line(
                state.say(Phrase.allowedLabel()) + ": "
                    + phase.allowed.map { $0.name.text(lang) }.joined(separator: ", "))
        }
        if !phase.avoid.isEmpty {
            flow.line(
                state.say(Phrase.avoidLabel()) + ": "
                    + phase.avoid.map { $0.name.text(lang) }.joined(separator: ", "))
        }
        if !phase.exercises.isEmpty {
            flow.line(state.say(Phrase.exercisesLabel()), pen: Theme.heading)
            for p in phase.exercises {
                let exercise = plan.exercise(p.exercise)
                let dose = state.say(
                    Phrase.dosage(
                        sets: p.sets, reps: p.reps, hold: p.holdSeconds, perDay: p.perDay,
                        perWeek: p.perWeek))
                let how = exercise?.how.map { " — " + $0.text(lang) } ?? ""
                flow.bullet(
                    "\((exercise?.names.text(lang)) ?? p.exercise): \(dose)\(how)",
                    glyphs: g)
            }
        }
        if !phase.runWalk.isEmpty {
            flow.line(state.say(UIPhrase.runWalkSchedule()), pen: Theme.heading)
            for (i, step) in phase.runWalk.enumerated() {
                let text =
                    step.walkMinutes == 0
                    ? state.say(
                        Phrase.continuousRun(
                            step: i + 1, of: phase.runWalk.count, total: step.totalMinutes))
                    : state.say(
                        Phrase.runWalkLine(
                            step: i + 1, of: phase.runWalk.count,
                            run: TodayView.minutes(step.runMinutes),
                            walk: TodayView.minutes(step.walkMinutes), total: step.totalMinutes))
                let here = status.runWalk?.index == i ? " " + g.selection : ""
                flow.bullet(text + here, glyphs: g)
            }
        }
        return flow
    }
}
