import RehabApp
import RehabCore
import TerminalUI

/// Today: where in the plan, the verdict with its reasons, the week's load against its cap,
/// today's prescription, the open morning check and advice.
enum TodayView {
    static func flow(_ state: AppState) -> Flow {
        var flow = Flow()
        guard let followed = state.followed else {
            flow.line(state.say(UIPhrase.needsPlan()))
            return flow
        }
        let lang = state.language
        let status = followed.status
        let plan = followed.plan
        let phase = status.phase
        let g = state.glyphs
        let report = StatusReport(status: status, plan: plan, language: lang)

        flow.line(report.phase, pen: Theme.heading)
        flow.line(
            TextLine(spans: [
                Span(
                    state.say(UIPhrase.verdictLine(report.levelWord, report.actionWord)),
                    pen: Theme.level(report.level)),
                Span("  " + report.advice),
            ]))
        for reason in report.reasons { flow.bullet(reason, glyphs: g) }

        let label = report.load
        if let cap = report.cap {
            let gauge = Gauge(value: report.thisWeek, cap: cap, label: label, glyphs: g)
            flow.items.append(.gauge(label: state.say(Phrase.thisWeek()), gauge))
        } else {
            // Without a cap an empty bar says nothing, and the explanation needs to wrap.
            let line = TextLine(spans: [
                Span(state.say(Phrase.thisWeek()) + " ", pen: Theme.heading), Span(label),
            ])
            flow.items.append(.text(line, indent: 0, hanging: 2))
        }

        loggedToday(followed, state, &flow)

        // A shoe past its mark says so with the red pen, a worn one with the amber pen.
        for warning in followed.shoeWarnings {
            flow.line(
                state.say(warning.message),
                pen: Theme.level(warning.state == .retire ? .red : .amber))
        }

        if let due = status.morningCheckDue {
            let key = KeyTable.shownKey(.morningCheck, in: state, contexts: [.today]) ?? "m"
            flow.line(state.say(UIPhrase.morningDueKey(due, key: key)), pen: Theme.heading)
        }
        if let (text, pen) = MeasureView.dueLine(followed, state) {
            flow.line(text, pen: pen)
        }
        for suggestion in report.suggestions {
            flow.line(state.say(Phrase.suggestionsLabel()) + ": " + suggestion, pen: Theme.heading)
        }
        let referrals = followed.openReferrals
        if !referrals.isEmpty {
            // Worded for who answers: the physio examines it here, a runner goes to the physio.
            let questions = referrals.map { plan.redFlagName($0.flag).text(state.language) }
                .joined(separator: "; ")
            let key = KeyTable.shownKey(.examined, in: state, contexts: [.today]) ?? "e"
            flow.line(
                state.say(
                    state.role == .physio
                        ? ReviewPhrase.referralForPhysio(questions, key: key)
                        : ReviewPhrase.referralForRunner(questions, key: key)),
                pen: Theme.level(.amber))
        }
        if let discharged = followed.discharged {
            flow.line(
                state.say(ReviewPhrase.dischargedOn(discharged.date, by: discharged.by)),
                pen: .bold)
        } else if DischargeActions.planComplete(followed) {
            let key = KeyTable.shownKey(.discharge, in: state, contexts: [.today]) ?? "D"
            flow.line(state.say(ReviewPhrase.dischargeOffer(key)), pen: Theme.heading)
        }

        flow.blank()
        flow.line(state.say(UIPhrase.todayPlan()), pen: Theme.heading)
        if let position = status.runWalk {
            let count = phase.phase.runWalk.count
            let step = position.step
            let text =
                position.completed
                ? state.say(UIPhrase.runWalkDone())
                : step.walkMinutes == 0
                    ? state.say(
                        Phrase.continuousRun(
                            step: position.index + 1, of: count, total: step.totalMinutes))
                    : state.say(
                        Phrase.runWalkLine(
                            step: position.index + 1, of: count, run: minutes(step.runMinutes),
                            walk: minutes(step.walkMinutes), total: step.totalMinutes))
            let passed =
                position.completed
                ? ""
                : " ("
                    + state.say(
                        UIPhrase.runWalkPassed(
                            position.passedAtStep, of: step.sessionsToPass)) + ")"
            flow.bullet(text + passed, glyphs: g)
        }
        let perWeek = phase.phase.weeklySessions.sorted { $0.key.rawValue < $1.key.rawValue }
            .map { "\($0.key.name.text(lang)) \($0.value)×" }
        if !perWeek.isEmpty {
            flow.bullet(
                state.say(UIPhrase.sessionsPerWeek(perWeek.joined(separator: ", "))),
                glyphs: g)
        }
        let done = exercisesDone(followed, today: state.today)
        for prescription in phase.phase.exercises {
            let exercise = plan.exercise(prescription.exercise)
            let name = exercise?.names.text(lang) ?? prescription.exercise
            let dose = state.say(
                Phrase.dosage(
                    sets: prescription.sets, reps: prescription.reps,
                    hold: prescription.holdSeconds,
                    perDay: prescription.perDay, perWeek: prescription.perWeek))
            let mark = done.contains(prescription.exercise) ? g.checked : g.unchecked
            flow.items.append(
                .text(TextLine("\(mark) \(name): \(dose)"), indent: 2, hanging: 2))
            if let how = exercise?.how?.text(lang) {
                flow.items.append(.text(TextLine(how, pen: Theme.dim), indent: 4, hanging: 0))
            }
        }
        if !phase.phase.exercises.isEmpty && done.count < phase.phase.exercises.count {
            let key = KeyTable.shownKey(.exercisesDone, in: state, contexts: [.today]) ?? "x"
            flow.line(state.say(UIPhrase.tickExercisesHint(key)), pen: Theme.dim, indent: 2)
        }
        if !phase.phase.allowed.isEmpty {
            flow.bullet(
                state.say(Phrase.allowedLabel()) + ": "
                    + phase.phase.allowed.map { $0.name.text(lang) }.joined(separator: ", "),
                glyphs: g)
        }
        if !phase.phase.avoid.isEmpty {
            flow.bullet(
                state.say(Phrase.avoidLabel()) + ": "
                    + phase.phase.avoid.map { $0.name.text(lang) }.joined(separator: ", "),
                glyphs: g)
        }
        if !plan.advice.isEmpty {
            flow.blank()
            flow.line(state.say(Phrase.adviceLabel()), pen: Theme.heading)
            for advice in plan.advice { flow.bullet(advice.text(lang), glyphs: g) }
        }
        return flow
    }

    /// Sessions and the morning check logged for today, on one line; "nothing yet" before.
    static func loggedToday(_ followed: Followed, _ state: AppState, _ flow: inout Flow) {
        let sessions = followed.history.sessions.filter { $0.date == state.today }
        var parts = sessions.map { Forms.summary($0, state.language) }
        if let morning = followed.history.mornings.last(where: { $0.date == state.today }) {
            parts.append(state.say(UIPhrase.morningLogged(morning.pain)))
        }
        let text =
            parts.isEmpty ? state.say(UIPhrase.nothingLoggedToday()) : parts.joined(separator: "; ")
        flow.items.append(
            .text(
                TextLine(spans: [
                    Span(state.say(UIPhrase.loggedTodayLabel()) + ": ", pen: Theme.heading),
                    Span(text),
                ]), indent: 0, hanging: 2))
    }

    /// The ids of the phase's exercises done today. The exercises form opens a session's note
    /// with the ticked names (in either language); an exercises or strength session whose
    /// note names none of them (typed on the CLI, or older) ticks them all, as adherence
    /// counts that session (EngineSeries counts exercises as strength).
    static func exercisesDone(_ followed: Followed, today: Day) -> Set<String> {
        let sessions = followed.history.sessions.filter {
            $0.date == today && ($0.activity == .exercises || $0.activity == .strength)
        }
        guard !sessions.isEmpty else { return [] }
        let prescribed = followed.status.phase.phase.exercises.map(\.exercise)
        let named = Set(
            prescribed.filter { id in
                let names = followed.plan.exercise(id).map { [$0.names.nl, $0.names.en] } ?? [id]
                return sessions.contains { s in names.contains { s.note.contains($0) } }
            })
        return named.isEmpty ? Set(prescribed) : named
    }

    static func minutes(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : formatNumber(value)
    }
}
