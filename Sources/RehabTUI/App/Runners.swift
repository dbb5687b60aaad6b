import Foundation
import RehabApp
import RehabCore
import RehabFiles
import RehabPlans
import RehabStorage

/// Runs effects against the store and the plan files on disk.
package struct StoreRunner: EffectRunner {
    package let store: any RehabRepository
    /// Where plans come from: plan folders over the built-in catalogue.
    let library: PlanLibrary
    /// Plan files already read, by id: a reload after each change re-reads only the database.
    var templates: [String: Plan] = [:]
    /// Plans started from a file, by the file's text (the id may be a catalogue plan's).
    private var storedTemplates: [String: Plan] = [:]
    /// Questionnaire files the Measures form can ask, beside PSFS, NPRS and GPE.
    package var questionnaires: [Instrument] = []
    /// The SQLite file in use, which a report must never be written over (nil: none known).
    package var databasePath: String?
    /// The Patients screen's rows as last read, so that after a change only the patients it
    /// touched are read and judged again (`roster`).
    var keptRoster: KeptRoster?
    /// Where the runner is: the day and start time of runs read from files; nil for the
    /// machine's, looked up only when runs are read (`TimeZone.current` loads ICU's time zone
    /// data, a few milliseconds of every start otherwise).
    var timeZone: TimeZone?

    package init(store: any RehabRepository, library: PlanLibrary) {
        self.store = store
        self.library = library
    }

    func outsideChanges() -> Int64? { try? store.dataVersion() }

    /// Plans from these folders only (first wins), without the built-in catalogue.
    package init(store: any RehabRepository, planDirectories: [String]) {
        self.init(
            store: store, library: PlanLibrary(folders: planDirectories, includesBuiltIn: false))
    }

    /// Tells the kept Patients rows (`roster`) that this patient's records changed, or with
    /// nil that anything may have: for every write the runner makes, and for a driver that
    /// writes to the store itself (rehab-bench).
    package mutating func changed(patientID: Int64?) {
        if let patientID {
            keptRoster?.touched.insert(patientID)
        } else {
            keptRoster = nil
        }
    }

    /// A problem loading a plan file, in the plan files' own words, in both languages.
    package struct PlanProblem: Error, CustomStringConvertible, Sendable {
        package var planID: String
        package var text: LocalizedText

        package var description: String { text.en }
    }

    /// One plan by id: reads only its own file (the catalogue waits for the picker).
    package mutating func template(_ id: String) throws -> Plan {
        if let plan = templates[id] { return plan }
        let found: LocatedPlan?
        do {
            found = try library.plan(id)
        } catch {
            throw PlanProblem(planID: id, text: error.text)
        }
        guard let found else {
            let builtIn = library.includesBuiltIn
            let nl = (library.folders + (builtIn ? ["de ingebouwde catalogus"] : []))
            let en = (library.folders + (builtIn ? ["the built-in catalogue"] : []))
            throw PlanProblem(
                planID: id,
                text: LocalizedText(
                    nl: "plan '\(id)' niet gevonden in " + nl.joined(separator: ", "),
                    en: "plan '\(id)' not found in " + en.joined(separator: ", ")))
        }
        templates[id] = found.plan
        return found.plan
    }

    /// The template a patient follows: the plan file they were started from (`rehab start
    /// --plan-file`, e.g. a physio's tuned plan) while it is still the assigned plan, else the
    /// catalogue's plan of that id (`PlanSource`, the CLI's rule too).
    mutating func template(for patient: PatientRecord, _ assignment: Assignment) throws -> Plan {
        try template(try store.planSource(patientID: patient.id, assignment: assignment))
    }

    /// A template by where it is found; parsed plan files are kept by their text.
    mutating func template(_ source: PlanSource) throws -> Plan {
        switch source {
        case .catalogue(let id):
            return try template(id)
        case .file(let stored):
            if let plan = storedTemplates[stored.yaml] { return plan }
            let plan = try StoreRunner.template(stored)
            storedTemplates[stored.yaml] = plan
            return plan
        }
    }

    /// The patient list, the patient, and (when they follow a plan) their plan file, history
    /// and shoes with the engine's status.
    /// With `window`, the patient's history is only what the engine reads for `today` (from
    /// a stored checkpoint on): a first frame that does not wait for years of log.
    package mutating func load(patientID: Int64?, today: Day, window: Bool = false) throws
        -> Loaded
    {
        let patients = try store.patients()
        guard let patientID else {
            // Several patients and none chosen: the app opens on the Patients screen.
            let roster = patients.count > 1 ? try roster(includeArchived: false, today: today) : nil
            return Loaded(patients: patients, patient: nil, followed: nil, roster: roster)
        }
        let all =
            patients.contains { $0.id == patientID }
            ? patients : try store.patients(includeArchived: true)
        guard let patient = all.first(where: { $0.id == patientID }) else {
            return Loaded(patients: patients, patient: nil, followed: nil)
        }
        // The whole log: the app's screens page through all of it. With `window`, first only
        // what judging today reads, which the app draws and then reads the rest: ten years of
        // log took longer than everything else before the first frame.
        guard
            let plan = try FollowedPlan.load(
                patient, from: store, judging: window ? today : nil,
                template: { try template($0) })
        else {
            return Loaded(patients: patients, patient: patient, followed: nil)
        }
        let checkpoint =
            window
            ? plan.checkpoint
            : FollowedPlan.keepCheckpoint(
                patientID: patientID, plan: plan.plan, assignment: plan.assignment,
                history: plan.history, day: today,
                stored: try store.tallyCheckpoint(patientID: patientID), store: store)
        var followed = Followed(
            patient: patient, template: plan.template, assignment: plan.assignment,
            history: plan.history, shoes: try store.shoes(patientID: patientID), today: today,
            checkpoint: checkpoint,
            shoeTotals: window ? try store.shoeKm(patientID: patientID) : nil)
        if window { followed.partial = checkpoint == nil ? .quietly : .sayingSo }
        followed.measures = try store.measurements(patientID: patientID)
        followed.notes = try store.notes(patientID: patientID)
        followed.discharged = try store.discharge(patientID: patientID)
        followed.questionnaires = questionnaires
        return Loaded(patients: patients, patient: patient, followed: followed)
    }

    mutating func perform(_ effect: Effect, in state: AppState) -> [AppAction] {
        // A change goes to the patient its effect names; what is read again afterwards is the
        // patient shown now, so the screen shows the store's truth.
        let shownID = state.patient?.id
        // Before the write, so a write that fails half-way is read again too.
        if effect.writes { changed(patientID: effect.changedPatient) }
        do {
            if let results = try performPatients(effect, state) { return results }
            switch effect {
            case .quit:
                return []
            case .reload:
                return [.loaded(try load(patientID: shownID, today: state.today))]
            case .loadCatalog:
                let (located, errors) = library.all()
                let plans = located.map(\.plan)
                for plan in plans { templates[plan.id] = plan }
                return [
                    .catalogLoaded(plans, errors: errors.map { $0.description(state.language) })
                ]
            case .selectPatient(let id):
                return [.loaded(try load(patientID: id, today: state.today))]
            case .startPlan(let request):
                // A plan for a patient the app has is started above (`performPatients`).
                let template = try template(request.planID)
                // The stores keep the languages written in the source (their CHECK lists
                // them); a further language stays the display language only.
                let stored = Language.written.contains(request.language) ? request.language : nil
                let id = try store.addPatient(
                    name: request.newPatientName ?? "runner", language: stored
                ).id
                guard let first = template.phases.first else { return [] }
                try store.startPlan(
                    patientID: id,
                    Assignment(
                        planID: template.id, variantID: request.variantID,
                        startDate: request.date,
                        phaseHistory: [
                            PhaseChange(
                                phase: first.id, date: request.date,
                                reason: .start)
                        ]))
                return [.planStarted(try load(patientID: id, today: state.today))]
            case .readRunFiles(let patient, let path):
                let known = Set(try store.runStartTimes(patientID: patient).values)
                let zone = timeZone ?? .current
                return [.runsRead(RunFinder.read(path, known: known, timeZone: zone))]
            case .importRuns(let patient, let runs):
                let result = try store.importRuns(patientID: patient, runs)
                return [
                    .runsImported(added: result.added, duplicates: result.duplicates),
                    .loaded(try load(patientID: shownID, today: state.today)),
                ]
            case .addShoe(let patient, let shoe):
                try store.addShoe(patientID: patient, shoe)
                // Loaded first, so the Shoes screen selects the new shoe among the stored ones.
                return [
                    .loaded(try load(patientID: shownID, today: state.today)),
                    .shoeAdded(shoe.name),
                ]
            case .discharge(let patientID, let request):
                guard
                    let patient = try store.patients(includeArchived: true)
                        .first(where: { $0.id == patientID }),
                    let plan = try FollowedPlan.load(
                        patient, from: store, template: { try template($0) })
                else { return [] }
                let path: String
                do {
                    path = try DischargeWriter.write(
                        request, followed: plan,
                        measures: try store.measurements(patientID: patient.id),
                        notes: try store.notes(patientID: patient.id),
                        instruments: Instrument.builtIn + questionnaires,
                        language: state.language, today: state.today, database: databasePath)
                } catch let refused as OutputFileError {
                    let field = ReviewPhrase.dischargeFileLabel().text(state.language)
                    return [
                        .failed(DischargeWriter.describe(refused, field: field, state.language))
                    ]
                }
                // Recorded only once the report is on disk.
                try store.setDischarge(patientID: patient.id, request.discharge)
                return [
                    .loaded(try load(patientID: shownID, today: state.today)),
                    .discharged(path: path),
                ]
            case .addNote(let patient, let note):
                try store.addNote(patientID: patient, note)
                return [
                    .loaded(try load(patientID: shownID, today: state.today)), .noteAdded(note),
                ]
            default:
                var results = try change(effect, today: state.today)
                results.append(.loaded(try load(patientID: shownID, today: state.today)))
                return results
            }
        } catch {
            var results: [AppAction] = [.failed(describe(error, state.language))]
            if let reloaded = try? load(patientID: shownID, today: state.today) {
                results.append(.loaded(reloaded))
            }
            return results
        }
    }

    private func change(_ effect: Effect, today: Day) throws -> [AppAction] {
        switch effect {
        case .saveSession(let patient, let session):
            return [.sessionStored(try store.addSession(patientID: patient, session))]
        case .updateSession(let patient, let session):
            try store.updateSession(patientID: patient, session)
        case .deleteSession(let patient, let id):
            try store.deleteSession(patientID: patient, id: id)
        case .saveMorning(let patient, let check):
            try store.setMorningCheck(patientID: patient, check)
        case .deleteMorning(let patient, let day):
            try store.deleteMorningCheck(patientID: patient, date: day)
        case .advance(let patient, let change), .stepBack(let patient, let change):
            try store.addPhaseChange(patientID: patient, change)
        case .clearFlags(let patient, let reason, let reports):
            try store.addClearing(
                patientID: patient, FlagClearing(date: today, reason: reason, cleared: reports))
        case .examinedReferrals(let patient, let reason, let flags):
            try store.addClearing(
                patientID: patient, FlagClearing(date: today, reason: reason, cleared: flags))
        case .undo(let patient, let undo):
            switch undo {
            case .removeSession(let id): try store.deleteSession(patientID: patient, id: id)
            case .restoreSession(var session):
                let old = session.id
                session.id = nil
                let new = try store.addSession(patientID: patient, session)
                if let old { return [.sessionRestored(old: old, new: new)] }
            case .revertSession(let session): try store.updateSession(patientID: patient, session)
            case .restoreMorning(let check): try store.setMorningCheck(patientID: patient, check)
            case .removeMorning(let day):
                try store.deleteMorningCheck(patientID: patient, date: day)
            }
        case .quit, .reload, .loadCatalog, .selectPatient, .startPlan, .readRunFiles, .importRuns:
            break
        case .addShoe, .addNote, .discharge:
            break
        case .saveMeasure(let patient, let record):
            try store.addMeasurement(patientID: patient, record)
        case .deleteMeasure(let patient, let id):
            try store.deleteMeasurement(patientID: patient, id: id)
        case .loadRoster, .addPatient, .renamePatient, .archivePatient, .deletePatient,
            .loadTuning, .setOverrides, .readPlanFile:
            break
        }
        return []
    }

    /// A refused effect in the user's language, worded as the commands word it.
    private func describe(_ error: Error, _ language: Language) -> String {
        if let problem = error as? PlanProblem { return problem.text.text(language) }
        return RefusalPhrase.text(error).text(language)
    }
}
