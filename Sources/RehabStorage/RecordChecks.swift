import Foundation
import RehabCore
import RehabFiles

/// The store's checks of whole records, for every `RehabRepository` implementation: the
/// clinic's PostgreSQL store refuses exactly what the SQLite store refuses, with the same
/// `ValidationError`s naming the field, before its database sees a row.
public enum RecordCheck {
    public static func name(_ text: String, field: String) throws -> String {
        try Check.name(text, field: field)
    }

    public static func session(_ s: Session) throws { try Check.session(s) }

    public static func morning(_ m: MorningCheck) throws { try Check.morning(m) }

    public static func clearing(_ c: FlagClearing) throws { try Check.clearing(c) }

    /// The shoe with its name as stored (NFC).
    public static func shoe(_ s: Shoe) throws -> Shoe { try Check.shoe(s) }

    public static func phaseChange(_ c: PhaseChange) throws { try Check.phaseChange(c) }

    public static func assignment(_ a: Assignment) throws { try Check.assignment(a) }

    /// A measurement checked against its scale and the patient's earlier answers, as stored.
    public static func measurement(_ m: MeasureRecord, earlier: [MeasureRecord]) throws
        -> MeasureRecord
    {
        try Check.measurement(m, earlier: earlier)
    }

    public static func note(_ n: ClinicalNote) throws { try Check.note(n) }

    /// A one-line account of a validation error in both languages, for import messages.
    public static func describe(_ e: ValidationError) -> LocalizedText { Check.describe(e) }

    /// The plan file must be for the assignment's plan.
    public static func planFile(_ file: StoredPlanFile, for assignment: Assignment) throws {
        guard assignment.planID == file.planID else {
            throw StoreError.importFailed(
                StoragePhrase.planFileOfAnotherPlan(file.planID, assignment: assignment.planID))
        }
    }

    /// What earlier pieces of an imported patient held that a later one may not repeat.
    public struct SeenRecords {
        var mornings = Set<Day>()
        var shoes = Set<String>()
        public init() {}
    }

    /// Every record of an import piece checked before it is written, as both stores import,
    /// so a refusal names the patient, the record and the field.
    public static func piece(_ piece: ArchivePiece, seen: inout SeenRecords) throws
        -> ArchivedPatient
    {
        let patient = piece.patient
        var p = patient
        let who = StoragePhrase.patient(patient.name)
        func place(_ what: LocalizedText, _ body: () throws -> Void) throws {
            do {
                try body()
            } catch let error as ValidationError {
                throw StoreError.importFailed(StoragePhrase.at(what, Check.describe(error)))
            }
        }
        try place(who) { p.name = try Check.name(patient.name, field: "name") }
        if piece.isFirst {
            if let a = patient.assignment {
                try place(StoragePhrase.assignment(who)) { try Check.assignment(a) }
            }
            if let f = patient.planFile, f.planID != patient.assignment?.planID {
                // A plan file only says which plan the assignment follows; alone it means nothing.
                throw StoreError.importFailed(
                    StoragePhrase.at(
                        StoragePhrase.key(who, "plan_file.plan_id"),
                        StoragePhrase.planFileNotAssigned(
                            f.planID, assignment: patient.assignment?.planID)))
            }
        }
        let o = piece.offset
        for (i, s) in patient.sessions.enumerated() {
            try place(StoragePhrase.session(who, o.sessions + i + 1, s.date)) {
                try Check.session(s)
            }
        }
        for (i, m) in patient.mornings.enumerated() {
            let what = StoragePhrase.morning(who, o.mornings + i + 1)
            try place(StoragePhrase.dated(what, m.date)) { try Check.morning(m) }
            guard seen.mornings.insert(m.date).inserted else {
                throw StoreError.importFailed(
                    StoragePhrase.at(what, StoragePhrase.secondMorning(m.date)))
            }
        }
        for (i, c) in patient.clearings.enumerated() {
            try place(StoragePhrase.clearing(who, o.clearings + i + 1, c.date)) {
                try Check.clearing(c)
            }
        }
        for (i, s) in patient.shoes.enumerated() {
            let what = StoragePhrase.shoe(who, o.shoes + i + 1)
            try place(what) { p.shoes[i] = try Check.shoe(s) }
            guard seen.shoes.insert(Naming.key(p.shoes[i].name)).inserted else {
                throw StoreError.importFailed(
                    StoragePhrase.at(what, StoragePhrase.shoeTwice(s.name)))
            }
        }
        // A later piece's measures are checked as they are stored, against the earlier pieces'.
        try checkMeasuresAndNotes(&p, who: who, againstPiece: piece.isFirst)
        return p
    }

    /// An import read piece by piece, as both stores import: each piece checked (`piece`, the
    /// records seen reset with each patient, then `check`) before `write` stores it, the
    /// first refusal ending the import. `write` is told whether the piece starts a patient.
    public static func importing(
        _ next: () throws -> ArchivePiece?, check: (ArchivePiece) throws -> Void,
        write: (_ patient: ArchivedPatient, _ isFirst: Bool) throws -> Void
    ) throws -> RecordCounts {
        var counts = RecordCounts()
        var seen = SeenRecords()
        while let piece = try next() {
            if piece.isFirst { seen = SeenRecords() }
            let p = try Self.piece(piece, seen: &seen)
            try check(piece)
            try write(p, piece.isFirst)
            if piece.isFirst { counts.patients += 1 }
            counts.count(p)
        }
        return counts
    }

    /// A later piece's measurement, checked against what is stored by then; the refusal names
    /// the patient and the measurement.
    public static func importedMeasurement(
        _ m: MeasureRecord, of patient: String, earlier: [MeasureRecord]
    ) throws -> MeasureRecord {
        do {
            return try Check.measurement(m, earlier: earlier.filter { $0.date <= m.date })
        } catch let error as MeasureError {
            throw StoreError.importFailed(
                StoragePhrase.at(
                    StoragePhrase.measurement(StoragePhrase.patient(patient), nil, m),
                    MeasurePhrase.error(error)))
        }
    }
}

extension RecordCheck {
    /// An archive's measures and notes, checked in date order as if entered one by one.
    static func checkMeasuresAndNotes(
        _ p: inout ArchivedPatient, who: LocalizedText, againstPiece: Bool = true
    ) throws {
        var earlier: [MeasureRecord] = []
        let order = p.measurements.indices.sorted {
            p.measurements[$0].date < p.measurements[$1].date
        }
        for i in order where againstPiece {
            let m = p.measurements[i]
            let place = StoragePhrase.measurement(who, i + 1, m)
            do {
                p.measurements[i] = try Check.measurement(m, earlier: earlier)
            } catch let error as ValidationError {
                throw StoreError.importFailed(StoragePhrase.at(place, Check.describe(error)))
            } catch let error as MeasureError {
                throw StoreError.importFailed(StoragePhrase.at(place, MeasurePhrase.error(error)))
            }
            earlier.append(p.measurements[i])
        }
        for (i, n) in p.notes.enumerated() {
            do {
                try Check.note(n)
            } catch let error as ValidationError {
                throw StoreError.importFailed(
                    StoragePhrase.at(
                        StoragePhrase.note(who, i + 1, n.date), Check.describe(error)))
            }
        }
    }
}
