import Foundation
import RehabApp
import RehabCore
import RehabFiles
import RehabStorage
import TerminalUI

@testable import RehabTUI

/// Runs effects against plain values, for tests: the same outcomes as the store, no database.
public struct MemoryRunner: EffectRunner {
    public var patients: [PatientRecord]
    public var catalog: [Plan]
    public var assignments: [Int64: Assignment] = [:]
    public var histories: [Int64: History] = [:]
    public var shoes: [Int64: [Shoe]] = [:]
    public var measures: [Int64: [MeasureRecord]] = [:]
    public var notes: [Int64: [ClinicalNote]] = [:]
    public var discharges: [Int64: Discharge] = [:]
    public var questionnaires: [Instrument] = []
    /// Plans started from a file, by patient (they win over the catalogue, as in the store).
    public var planFiles: [Int64: Plan] = [:]
    /// Start times of imported runs, per patient (the store keeps them per session).
    public var runStarts: [Int64: Set<String>] = [:]
    /// Where the runner is, for the day and start time of runs read from files.
    public var timeZone = TimeZone.current
    /// When set, every write is refused with this message, as a store with a full disk or a
    /// lost clinic connection would (tests of what the app keeps when a save fails).
    public var refusingWrites: String?
    private var nextID: Int64 = 1

    public init(patients: [PatientRecord] = [], catalog: [Plan]) {
        self.patients = patients
        self.catalog = catalog
    }

    /// Stores a history, giving sessions without an id one.
    public mutating func setHistory(_ history: History, for patientID: Int64) {
        var sessions = history.sessions
        for i in sessions.indices where sessions[i].id == nil {
            sessions[i].id = nextID
            nextID += 1
        }
        histories[patientID] = History(
            sessions: sessions, mornings: history.mornings, clearings: history.clearings)
    }

    public func load(patientID: Int64?, today: Day) -> Loaded {
        guard let patient = patients.first(where: { $0.id == patientID }) else {
            let active = patients.filter { !$0.archived }
            return Loaded(
                patients: patients, patient: nil, followed: nil,
                roster: patientID == nil && active.count > 1
                    ? roster(includeArchived: false, today: today) : nil)
        }
        guard let assignment = assignments[patient.id],
            let template = planFiles[patient.id].flatMap({ $0.id == assignment.planID ? $0 : nil })
                ?? catalog.first(where: { $0.id == assignment.planID })
        else { return Loaded(patients: patients, patient: patient, followed: nil) }
        var followed = Followed(
            patient: patient, template: template, assignment: assignment,
            history: histories[patient.id] ?? History(), shoes: shoes[patient.id] ?? [],
            today: today)
        followed.measures = measures[patient.id] ?? []
        followed.notes = notes[patient.id] ?? []
        followed.discharged = discharges[patient.id]
        followed.questionnaires = questionnaires
        return Loaded(patients: patients, patient: patient, followed: followed)
    }

    public mutating func perform(_ effect: Effect, in state: AppState) -> [AppAction] {
        var id = state.patient?.id
        if let refusal = refusingWrites {
            switch effect {
            case .saveSession, .updateSession, .deleteSession, .saveMorning, .deleteMorning:
                return [.failed(refusal), .loaded(load(patientID: id, today: state.today))]
            default: break
            }
        }
        var extra: [AppAction] = []
        var history = id.flatMap { histories[$0] } ?? History()
        if let results = performPatients(effect, state) { return results }
        switch effect {
        case .quit: return []
        case .loadRoster, .addPatient, .renamePatient, .archivePatient, .deletePatient,
            .loadTuning, .setOverrides, .readPlanFile:
            return []
        case .reload, .selectPatient:
            if case .selectPatient(let chosen) = effect { id = chosen }
            return [.loaded(load(patientID: id, today: state.today))]
        case .loadCatalog:
            return [.catalogLoaded(catalog, errors: [])]
        case .readRunFiles(let path):
            let known = id.flatMap { runStarts[$0] } ?? []
            return [.runsRead(RunFinder.read(path, known: known, timeZone: timeZone))]
        case .importRuns(let runs):
            guard let id else { return [] }
            var added = 0
            var duplicates = 0
            for run in runs {
                guard runStarts[id, default: []].insert(run.startTime).inserted else {
                    duplicates += 1
                    continue
                }
                var session = run.session
                session.id = nextID
                nextID += 1
                history.sessions.append(session)
                added += 1
            }
            history.sessions.sort { $0.date < $1.date }
            extra.append(.runsImported(added: added, duplicates: duplicates))
        case .startPlan(let request):
            if id == nil {
                let record = PatientRecord(
                    id: (patients.map(\.id).max() ?? 0) + 1,
                    name: request.newPatientName ?? "runner",
                    language: request.language, archived: false)
                patients.append(record)
                id = record.id
            }
            guard let id, let plan = catalog.first(where: { $0.id == request.planID }),
                let first = plan.phases.first
            else { return [] }
            assignments[id] = Assignment(
                planID: plan.id, variantID: request.variantID, startDate: request.date,
                phaseHistory: [PhaseChange(phase: first.id, date: request.date, reason: .start)])
            return [.planStarted(load(patientID: id, today: state.today))]
        case .saveSession(var session):
            session.id = nextID
            nextID += 1
            history.sessions.append(session)
            extra.append(.sessionStored(session.id ?? 0))
        case .updateSession(let session), .undo(.revertSession(let session)):
            if let i = history.sessions.firstIndex(where: { $0.id == session.id }) {
                history.sessions[i] = session
            }
        case .deleteSession(let sessionID), .undo(.removeSession(let sessionID)):
            history.sessions.removeAll { $0.id == sessionID }
        case .undo(.restoreSession(var session)):
            let old = session.id
            session.id = nextID
            nextID += 1
            history.sessions.append(session)
            if let old { extra.append(.sessionRestored(old: old, new: session.id ?? 0)) }
        case .saveMorning(let check), .undo(.restoreMorning(let check)):
            history.mornings.removeAll { $0.date == check.date }
            history.mornings.append(check)
        case .deleteMorning(let day), .undo(.removeMorning(let day)):
            history.mornings.removeAll { $0.date == day }
        case .advance(let change), .stepBack(let change):
            if let id { assignments[id]?.phaseHistory.append(change) }
        case .clearFlags(let reason):
            history.clearings.append(FlagClearing(date: state.today, reason: reason))
        case .examinedReferrals(let reason, let flags):
            history.clearings.append(
                FlagClearing(date: state.today, reason: reason, cleared: flags))
        case .saveMeasure(var record):
            record.id = nextID
            nextID += 1
            if let id { measures[id, default: []].append(record) }
        case .deleteMeasure(let measureID):
            if let id { measures[id]?.removeAll { $0.id == measureID } }
        case .addShoe(let shoe):
            guard let id else { return [] }
            // As the store: names are unique per patient without regard to case.
            let name = shoe.name.lowercased()
            if shoes[id, default: []].contains(where: { $0.name.lowercased() == name }) {
                return [.failed(Phrase.duplicateShoe(shoe.name).text(state.language))]
            }
            shoes[id, default: []].append(shoe)
            return [.loaded(load(patientID: id, today: state.today)), .shoeAdded(shoe.name)]
        case .discharge(let request):
            guard let id, let patient = patients.first(where: { $0.id == id }),
                let assignment = assignments[id],
                let template = planFiles[id] ?? catalog.first(where: { $0.id == assignment.planID })
            else { return [] }
            let plan = FollowedPlan(
                patient: patient, assignment: assignment, template: template,
                plan: template.resolved(
                    variant: assignment.variantID, overrides: assignment.overrides),
                history: histories[id] ?? History())
            do {
                let path = try DischargeWriter.write(
                    request, followed: plan, measures: measures[id] ?? [], notes: notes[id] ?? [],
                    instruments: Instrument.builtIn + questionnaires, language: state.language,
                    today: state.today, database: nil)
                discharges[id] = request.discharge
                return [.loaded(load(patientID: id, today: state.today)), .discharged(path: path)]
            } catch let refused as OutputFileError {
                let field = ReviewPhrase.dischargeFileLabel().text(state.language)
                return [.failed(DischargeWriter.describe(refused, field: field, state.language))]
            } catch {
                return [.failed("\(error)")]
            }
        case .addNote(var note):
            guard let id else { return [] }
            note.id = nextID
            nextID += 1
            notes[id, default: []].append(note)
            return [.loaded(load(patientID: id, today: state.today)), .noteAdded(note)]
        }
        guard let id else { return [] }
        histories[id] = History(
            sessions: history.sessions, mornings: history.mornings, clearings: history.clearings)
        return extra + [.loaded(load(patientID: id, today: state.today))]
    }
}

extension MemoryRunner {
    /// As the store's roster, in the order of `patients`.
    public func roster(includeArchived: Bool, today: Day) -> [RosterRow] {
        let overviews = patients.filter { includeArchived || !$0.archived }.map { patient in
            let assignment = assignments[patient.id]
            let plan = assignment.flatMap { a in
                catalog.first { $0.id == a.planID }?.resolved(
                    variant: a.variantID, overrides: a.overrides)
            }
            return PatientOverview(
                patient: patient, assignment: assignment, plan: plan,
                history: histories[patient.id] ?? History(), today: today)
        }
        var reviews: [Int64: PatientReview] = [:]
        for overview in overviews {
            let id = overview.patient.id
            reviews[id] = PatientReview(
                overview, notes: notes[id] ?? [], history: histories[id] ?? History(),
                measures: measures[id] ?? [], discharged: discharges[id])
        }
        return RosterRow.rows(overviews, today: today, reviews: reviews)
    }

    func shownRoster(_ state: AppState) -> [AppAction] {
        guard state.newestIndex(of: .patients) != nil else { return [] }
        return [.rosterLoaded(roster(includeArchived: state.showArchived, today: state.today))]
    }

    func current(_ state: AppState) -> Loaded {
        var loaded = load(patientID: state.patient?.id, today: state.today)
        loaded.roster = nil
        // As the store lists them: archived patients only on request.
        loaded.patients.removeAll(where: \.archived)
        return loaded
    }

    func taken(_ name: String, except id: Int64? = nil) -> Bool {
        patients.contains { Naming.same($0.name, name) && $0.id != id }
    }

    /// The physio's effects; nil for the others.
    mutating func performPatients(_ effect: Effect, _ state: AppState) -> [AppAction]? {
        let duplicate = { (name: String) in
            [AppAction.failed(Phrase.duplicatePatient(name).text(state.language))]
        }
        switch effect {
        case .loadRoster(let archived):
            return [.rosterLoaded(roster(includeArchived: archived, today: state.today))]
        case .addPatient(let name):
            guard !taken(name) else { return duplicate(name) }
            let patient = PatientRecord(
                id: (patients.map(\.id).max() ?? 0) + 1, name: name, language: nil,
                archived: false)
            patients.append(patient)
            return [.loaded(current(state))] + shownRoster(state) + [.patientAdded(patient)]
        case .renamePatient(let id, let name):
            guard !taken(name, except: id) else { return duplicate(name) }
            if let i = patients.firstIndex(where: { $0.id == id }) { patients[i].name = name }
            return [.patientRenamed(name), .loaded(current(state))] + shownRoster(state)
        case .archivePatient(let id, let archived):
            if let i = patients.firstIndex(where: { $0.id == id }) {
                patients[i].archived = archived
            }
            return [.loaded(current(state))] + shownRoster(state)
        case .deletePatient(let id):
            patients.removeAll { $0.id == id }
            assignments[id] = nil
            histories[id] = nil
            shoes[id] = nil
            return [.loaded(current(state))] + shownRoster(state)
        case .loadTuning(let id):
            guard let patient = patients.first(where: { $0.id == id }),
                let assignment = assignments[id],
                let template = catalog.first(where: { $0.id == assignment.planID })
            else { return [.failed(Phrase.noPlan("#\(id)").text(state.language))] }
            return [
                .tuningLoaded(
                    TuneSource(patient: patient, template: template, assignment: assignment))
            ]
        case .setOverrides(let id, let overrides):
            assignments[id]?.overrides = overrides
            return [.tuningSaved(patientID: id, overrides: overrides), .loaded(current(state))]
                + shownRoster(state)
        case .readPlanFile(let typed, let target):
            return [StoreRunner.readPlanFile(typed, for: target)]
        case .startPlan(let request) where request.patientID != nil:
            let handedOver = request.planFile.flatMap { try? StoreRunner.template($0) }
            guard let id = request.patientID,
                let plan = handedOver ?? catalog.first(where: { $0.id == request.planID }),
                let first = plan.phases.first
            else { return [] }
            planFiles[id] = handedOver
            if let current = assignments[id], !request.replacing {
                let name = patients.first { $0.id == id }?.name ?? "#\(id)"
                return [
                    .failed(
                        Phrase.planAlreadyStarted(name, plan: current.planID).text(state.language))
                ]
            }
            assignments[id] = Assignment(
                planID: plan.id, variantID: request.variantID, startDate: request.date,
                startingWeeklyKm: request.weeklyKm,
                phaseHistory: [
                    PhaseChange(
                        phase: first.id, date: request.date, reason: .start,
                        note: request.startNote)
                ])
            return [.planStarted(load(patientID: id, today: state.today))]
        default:
            return nil
        }
    }
}
