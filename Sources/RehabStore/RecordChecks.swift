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

    /// A one-line English account of a validation error, for import messages.
    public static func describe(_ e: ValidationError) -> String { Check.describe(e) }

    /// The plan file must be for the assignment's plan.
    public static func planFile(_ file: StoredPlanFile, for assignment: Assignment) throws {
        guard assignment.planID == file.planID else {
            throw StoreError.importFailed(
                "plan_file.plan_id: \(file.planID) is not the assignment's \(assignment.planID)")
        }
    }

    /// What earlier pieces of an imported patient held that a later one may not repeat.
    public struct SeenRecords {
        var records = Store.SeenRecords()
        public init() {}
    }

    /// Every record of an import piece checked, as the SQLite import checks it, so a refusal
    /// names the patient, the record and the field.
    public static func piece(_ piece: ArchivePiece, seen: inout SeenRecords) throws
        -> ArchivedPatient
    {
        try Store.checked(piece, seen: &seen.records)
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
                "patient \"\(patient)\", measurement (\(m.instrument), \(m.date.iso)): "
                    + MeasurePhrase.error(error).en)
        }
    }
}
