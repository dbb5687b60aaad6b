import RehabApp
import RehabCore
import RehabStorage
import TerminalUI

/// One row of the Patients screen: plain values the runner worked out with the engine (the
/// same `PatientOverview` that `rehab patients` prints).
package struct RosterRow: Sendable, Hashable {
    var patient: PatientRecord
    var planID: String?
    var variantID: String?
    var planName: LocalizedText?
    var variantName: LocalizedText?
    /// 1-based, with the number of phases.
    var phaseNumber: Int?
    var phaseCount: Int?
    /// The phase's name; its id when the plan cannot be read.
    var phaseName: LocalizedText?
    var phaseDay: Int?
    var level: Level?
    var daysSinceLog: Int?
    var openFlags: [LocalizedText] = []
    /// Outcome measures due or overdue (Measures.swift); empty without a plan.
    var measuresDue: [MeasureDue] = []
    /// The verdict's main reason (its worst finding), the day it is about, and its message.
    var reason: ReasonCode?
    var since: Day?
    var reasonText: LocalizedText?
    /// What was recorded since the physio's last clinical note; nil when not worked out.
    var changes: ReviewChanges?
    /// When and by whom the patient was discharged; nil while in care.
    var discharged: Discharge?

    init(patient: PatientRecord) {
        self.patient = patient
    }

    init(_ overview: PatientOverview, today: Day) {
        patient = overview.patient
        planID = overview.assignment?.planID
        variantID = overview.assignment?.variantID
        if let plan = overview.plan {
            planName = plan.names
            variantName = plan.variant(variantID)?.names
        }
        if let status = overview.status {
            phaseNumber = status.phase.number
            phaseCount = status.phase.of
            phaseName = status.phase.phase.names
            phaseDay = status.phase.day
            level = status.verdict.level
            openFlags = status.openFlags.map { flag in
                // The short name; a plan's own flag is named by its question.
                RedFlag.builtIn[flag.flag] ?? overview.plan?.redFlagName(flag.flag)
                    ?? LocalizedText(verbatim: flag.flag)
            }
            if let main = overview.mainFinding, let plan = overview.plan {
                reason = main.code
                since = overview.mainSince
                reasonText = LocalizedText {
                    Messages($0).reason(main, plan: plan, underStop: status.verdict.isStop)
                }
            }
        } else if let phase = overview.assignment?.currentPhase?.phase {
            phaseName = LocalizedText(verbatim: phase)
        }
        daysSinceLog = overview.daysSinceLog(today: today)
    }

    var hasPlan: Bool { planID != nil }

    /// Where the row stands in the list (`PatientAttention`, as `rehab patients` ranks).
    var attentionFacts: PatientAttention {
        PatientAttention(
            level: hasPlan ? level : nil, hasOpenFlags: !openFlags.isEmpty,
            unseenFlags: !(changes?.redFlags.isEmpty ?? true), discharged: discharged != nil,
            daysSinceLog: daysSinceLog, reason: reason, since: since)
    }

    var attention: Int { attentionFacts.rank }

    /// In attention order; within a rank the oldest reason first, then the given order.
    static func byAttention(_ rows: [RosterRow]) -> [RosterRow] {
        PatientAttention.ordered(rows) { $0.attentionFacts }
    }

    /// Open red flags first, then the store's order, as `rehab patients` lists them; with
    /// each patient's review (changes since the last note, measures due) where given.
    static func rows(
        _ overviews: [PatientOverview], today: Day, reviews: [Int64: PatientReview] = [:]
    ) -> [RosterRow] {
        byAttention(
            PatientOverview.sorted(overviews).map { overview in
                var row = RosterRow(overview, today: today)
                if let review = reviews[overview.patient.id] {
                    row.changes = review.changes
                    row.measuresDue = review.measuresDue
                    row.discharged = review.discharged
                }
                return row
            })
    }
}

/// Who a plan is being set up for from the Patients screen (rather than the first run).
struct SetupTarget: Sendable, Hashable {
    var patient: PatientRecord
    /// The plan the patient follows now, which the new one replaces.
    var currentPlan: String?

}

/// A patient's name, for a new patient or a new name.
struct NameForm: Sendable, Hashable {
    enum Purpose: Sendable, Hashable {
        case add
        case rename(PatientRecord)
        /// The path of a plan file handed over (`rehab plans export`), to start for a patient.
        case planFile(SetupTarget)
    }

    var purpose: Purpose
    var input: TextInput
    var error: String?

    init(purpose: Purpose) {
        self.purpose = purpose
        if case .rename(let patient) = purpose {
            input = TextInput(patient.name)
        } else {
            input = TextInput()
        }
    }
}

/// The last step of setting up a plan: when it starts and from what weekly volume.
struct SetupForm: Sendable, Hashable {
    enum Field: Int, CaseIterable, Sendable { case date, weeklyKm }

    var target: SetupTarget
    var planID: String
    var variantID: String?
    var focus: Field = .date
    var date: TextInput
    /// Optional: floors the weekly km cap, as `rehab start --weekly-km`.
    var weeklyKm = TextInput()
    var error: FieldError?
    /// A plan read from a file rather than chosen from the catalogue.
    var handedOver: HandedOverPlan?
    /// Red flags the physio examined and found absent, recorded with the start.
    var examined: [String] = []

    init(target: SetupTarget, planID: String, variantID: String?, today: Day) {
        self.target = target
        self.planID = planID
        self.variantID = variantID
        date = TextInput(today.iso)
    }

    init(target: SetupTarget, handedOver: HandedOverPlan, today: Day) {
        self.init(target: target, planID: handedOver.plan.id, variantID: nil, today: today)
        self.handedOver = handedOver
    }
}

/// A plan file read for a start (`rehab start --plan-file` in the app): the plan, and the
/// file's text the store keeps with the patient.
struct HandedOverPlan: Sendable, Hashable {
    var path: String
    var plan: Plan
    var file: StoredPlanFile

}

/// The Patients screen, the name form and the plan set-up: keys to effects.
enum PatientActions {
    /// The rows shown: the runner's roster, or plain names until it arrives.
    static func rows(_ state: AppState) -> [RosterRow] {
        state.roster ?? state.patients.map(RosterRow.init(patient:))
    }

    /// The Patients screen over whatever is showing, with the current patient selected.
    static func open(_ state: inout AppState) -> [Effect] {
        let index = rows(state).firstIndex { $0.patient.id == state.patient?.id } ?? 0
        state.screens.append(.patients(SelectionState(selected: index)))
        return [.loadRoster(includeArchived: state.showArchived)]
    }

    /// Screens that show a followed plan (the tabs), not the stop screen before a start.
    static func needsPlan(_ screen: Screen) -> Bool {
        if case .stop(let stop) = screen, stop.beforeStart { return false }
        return Screens.tabIndex(screen) != nil
    }

    static func list(
        _ action: AppAction, _ selection: inout SelectionState, _ state: inout AppState
    ) -> [Effect] {
        let rows = rows(state)
        let page = PatientsView.visibleRows(state.size)
        // `/` finds a patient by anything their row shows: name, plan, phase, verdict.
        let searched = ListSearch.handle(
            action, rows: rows.count,
            text: { PatientsView.cells(rows[$0], $1).joined(separator: " ") }, &selection,
            &state)
        if let searched {
            selection.keepVisible(count: rows.count, visibleRows: page)
            return searched
        }
        let row = selection.selected.flatMap { rows.indices.contains($0) ? rows[$0] : nil }
        var effects: [Effect] = []
        switch action {
        case _ where selection.follow(action, count: rows.count, page: page): break
        case .command(.quit): return quit(&state)
        case .command(.refresh): effects = [.loadRoster(includeArchived: state.showArchived)]
        case .command(.showArchived):
            state.showArchived.toggle()
            state.notice = Notice(
                state.say(
                    state.showArchived ? UIPhrase.archivedShown() : UIPhrase.archivedHidden()))
            effects = [.loadRoster(includeArchived: state.showArchived)]
        case .command(.add):
            state.screens.append(.nameForm(NameForm(purpose: .add)))
        case .command(.confirm):
            guard let row else { break }
            if row.hasPlan {
                // Opening a patient from the list is the physio's way in: the app words
                // referrals for the physio from here on.
                state.role = .physio
                state.opening = row.patient.id
                effects = [.selectPatient(row.patient.id)]
            } else {
                state.notice = Notice(state.say(UIPhrase.noPlanYet(row.patient.name)))
                effects = setUp(row, &state)
            }
        case .command(.rename):
            guard let row else { break }
            state.screens.append(.nameForm(NameForm(purpose: .rename(row.patient))))
        case .command(.archive):
            guard let row else { break }
            if row.patient.archived {
                effects = [.archivePatient(row.patient.id, archived: false)]
                state.notice = Notice(state.say(Phrase.patientUnarchived(row.patient.name)))
            } else {
                state.confirmation = Confirmation(kind: .archivePatient(row.patient))
            }
        case .command(.delete):
            guard let row else { break }
            state.confirmation = Confirmation(kind: .deletePatient(row.patient))
        case .command(.setUp):
            guard let row else { break }
            effects = setUp(row, &state)
        case .command(.startFromFile):
            guard let row else { break }
            let target = SetupTarget(patient: row.patient, currentPlan: row.planID)
            state.screens.append(.nameForm(NameForm(purpose: .planFile(target))))
        case .command(.tune):
            guard let row, state.mayDecideCare() else { break }
            guard row.hasPlan else {
                state.notice = Notice(
                    state.say(UIPhrase.tuneNeedsPlan(row.patient.name)), isError: true)
                break
            }
            effects = [.loadTuning(row.patient.id)]
        default: break
        }
        selection.keepVisible(count: rows.count, visibleRows: page)
        return effects
    }

    /// The injury picker for one patient; the red-flag questions and the set-up form follow.
    /// A name mixing scripts (a Cyrillic "а" in "Sаm") is allowed, but said, as the CLI says
    /// it: on adding a patient and on renaming one.
    static func noteMixedScripts(_ name: String, _ state: inout AppState) {
        let scripts = Naming.mixedScripts(name)
        guard !scripts.isEmpty else { return }
        state.notice = Notice(state.say(Phrase.mixedScripts(name, scripts: scripts)))
    }

    static func setUp(_ row: RosterRow, _ state: inout AppState) -> [Effect] {
        var picker = PickerState()
        picker.setupFor = SetupTarget(patient: row.patient, currentPlan: row.planID)
        state.screens.append(.picker(picker))
        return state.catalog == nil ? [.loadCatalog] : []
    }

    static func name(_ action: AppAction, _ form: inout NameForm, _ state: inout AppState)
        -> [Effect]
    {
        guard action == .command(.confirm) else {
            edit(&form.input, action)
            form.error = nil
            Screens.replaceTop(&state, .nameForm(form))
            return []
        }
        if case .planFile(let target) = form.purpose {
            // The file is read by the runner; a problem comes back as a notice and the path
            // stays as typed.
            let path = form.input.text.trimmingCharacters(in: " ")
            guard !path.isEmpty else {
                form.error = state.say(UIPhrase.planFilePathNeeded())
                Screens.replaceTop(&state, .nameForm(form))
                return []
            }
            return [.readPlanFile(path, for: target)]
        }
        let name: String
        do throws(ValidationError) {
            name = try Validate.name(form.input.text, field: state.say(UIPhrase.nameLabel()))
        } catch {
            form.error = state.messages.validation(error)
            Screens.replaceTop(&state, .nameForm(form))
            return []
        }
        // The screen stays until the store says yes: a taken name keeps what was typed.
        switch form.purpose {
        case .add: return [.addPatient(name)]
        case .rename(let patient):
            guard name != patient.name else {
                state.screens.removeLast()
                return []
            }
            return [.renamePatient(patient.id, name)]
        case .planFile:
            return []
        }
    }

    static func setup(_ action: AppAction, _ form: inout SetupForm, _ state: inout AppState)
        -> [Effect]
    {
        let fields = SetupForm.Field.allCases
        switch action {
        case .command(.confirm):
            return start(&form, state)
        case .command(.nextField), .command(.previousField):
            let step = action == .command(.nextField) ? 1 : fields.count - 1
            form.focus = fields[(form.focus.rawValue + step) % fields.count]
        default:
            if form.focus == .date {
                edit(&form.date, action)
            } else {
                edit(&form.weeklyKm, action)
            }
            form.error = nil
        }
        return []
    }

    /// Checks the date and volume with the entry-point rules, then asks for the start.
    static func start(_ form: inout SetupForm, _ state: AppState) -> [Effect] {
        let date: Day
        var weekly: Double?
        do throws(ValidationError) {
            date = try Validate.date(
                form.date.text, field: state.say(UIPhrase.startDateLabel()), today: state.today)
        } catch {
            form.error = FieldError(
                field: SetupForm.Field.date.rawValue, message: state.messages.validation(error))
            return []
        }
        let km = form.weeklyKm.text.trimmingCharacters(in: " ")
        if !km.isEmpty {
            do throws(ValidationError) {
                // The range and places of `rehab start --weekly-km`.
                weekly = try Validate.decimal(
                    km, field: state.say(UIPhrase.weeklyKmLabel()), in: 0...300, places: 1,
                    comma: state.language.writesDecimalComma)
            } catch {
                form.error = FieldError(
                    field: SetupForm.Field.weeklyKm.rawValue,
                    message: state.messages.validation(error))
                return []
            }
        }
        form.error = nil
        return [
            .startPlan(
                StartRequest(
                    planID: form.planID, variantID: form.variantID, date: date,
                    newPatientName: nil, language: state.language,
                    patientID: form.target.patient.id, weeklyKm: weekly,
                    replacing: form.target.currentPlan != nil, planFile: form.handedOver?.file,
                    examined: form.examined))
        ]
    }

    /// What the runner reported about patients and tuning.
    static func received(_ action: AppAction, _ state: inout AppState) -> [Effect] {
        switch action {
        case .rosterLoaded(let rows):
            let before = PatientActions.rows(state)
            state.roster = rows
            for i in state.screens.indices {
                guard case .patients(var selection) = state.screens[i] else { continue }
                if rows.isEmpty {
                    selection.selected = nil
                } else if let old = selection.selected, before.indices.contains(old),
                    let moved = rows.firstIndex(where: { $0.patient.id == before[old].patient.id })
                {
                    // The attention order may move the patient: the selection follows them.
                    selection.selected = moved
                } else {
                    selection.selected = min(selection.selected ?? 0, rows.count - 1)
                }
                state.screens[i] = .patients(selection)
            }
            return []
        case .patientAdded(let patient):
            if case .nameForm = state.top { state.screens.removeLast() }
            if let i = rows(state).firstIndex(where: { $0.patient.id == patient.id }),
                let p = state.newestIndex(of: .patients)
            {
                state.screens[p] = .patients(SelectionState(selected: i))
            }
            state.notice = Notice(state.say(UIPhrase.patientAddedSetUp(patient.name)))
            noteMixedScripts(patient.name, &state)
            return setUp(RosterRow(patient: patient), &state)
        case .patientRenamed(let name):
            if case .nameForm = state.top { state.screens.removeLast() }
            noteMixedScripts(name, &state)
            return []
        case .planFileRead(let plan, let target):
            if case .nameForm = state.top { state.screens.removeLast() }
            // The file's own red-flag questions first, as for a catalogue plan.
            var questions = QuestionsState(
                planID: plan.plan.id, variantID: nil, questions: plan.plan.redFlags)
            questions.setupFor = target
            questions.handedOver = plan
            if questions.current == nil { return Picking.finish(questions, &state) }
            state.screens.append(.questions(questions))
            return []
        case .tuningLoaded(let source):
            state.screens.append(.tune(TuneState(source)))
            return []
        case .tuningSaved(let patientID, let overrides):
            for i in state.screens.indices {
                guard case .tune(var tune) = state.screens[i], tune.patient.id == patientID
                else { continue }
                tune.assignment.overrides = overrides
                tune.overrides = overrides
                state.screens[i] = .tune(tune)
                state.notice = Notice(
                    state.say(
                        overrides.isEmpty
                            ? UIPhrase.tuningResetNotice()
                            : UIPhrase.tuneSavedNotice(Tuning.differences(tune).count)))
            }
            return []
        default:
            return []
        }
    }

    /// After a plan started from the set-up: back to the Patients screen, its rows refreshed.
    static func planStarted(_ state: inout AppState) -> [Effect]? {
        guard let p = state.newestIndex(of: .patients) else { return nil }
        state.screens.removeSubrange((p + 1)...)
        if let followed = state.followed {
            state.notice = Notice(
                state.say(
                    UIPhrase.planStartedFor(
                        followed.patient.name, followed.template.names.text(state.language))))
        }
        return [.loadRoster(includeArchived: state.showArchived)]
    }
}
