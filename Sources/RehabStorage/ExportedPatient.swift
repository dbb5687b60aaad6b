import RehabCore
import RehabFiles

// Here rather than beside `ArchivedPatient` (RehabFiles): it reads a stored `PatientRecord`, and
// the file formats know no store.

extension ArchivedPatient {
    /// A stored patient as an export writes them: store ids left out, so an import gives new
    /// ones. Both stores' `exportAll` build their patients through it.
    public static func exported(
        _ patient: PatientRecord, assignment: Assignment?, history: History, shoes: [Shoe],
        planFile: StoredPlanFile?, measurements: [MeasureRecord], notes: [ClinicalNote],
        discharge: Discharge?
    ) -> ArchivedPatient {
        var archived = ArchivedPatient(
            name: patient.name, language: patient.language, archived: patient.archived,
            assignment: assignment,
            sessions: history.sessions.map { s in
                var s = s
                s.id = nil
                return s
            },
            mornings: history.mornings, clearings: history.clearings, shoes: shoes,
            planFile: planFile)
        archived.measurements = measurements.map { m in
            var m = m
            m.id = nil
            return m
        }
        archived.notes = notes.map { n in
            var n = n
            n.id = nil
            return n
        }
        archived.discharge = discharge
        return archived
    }
}
