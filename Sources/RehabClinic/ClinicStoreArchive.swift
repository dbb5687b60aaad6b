import Foundation
import PostgresNIO
import RehabCore
import RehabStore

// The patient list, export and import on the clinic database: what the login sees, read at
// one moment; imports in one transaction, checked as the SQLite store checks them.
extension ClinicStore {
    /// Every patient the login sees, each read as the one-patient calls read them, in one
    /// REPEATABLE READ transaction; each patient's record is logged as viewed.
    public func roster(
        includeArchived: Bool, today: Day, window: (RosterEntry) -> JudgingWindow?
    ) throws -> [(entry: RosterEntry, log: RosterLog)] {
        try transaction(snapshot: true) { t in
            let patients = try Self.patients(t, includeArchived: includeArchived)
            var rows: [(entry: RosterEntry, log: RosterLog)] = []
            for patient in patients {
                let entry = RosterEntry(
                    patient: patient,
                    assignment: try Self.fetchAssignment(t, patientID: patient.id),
                    planFile: try Self.fetchPlanFile(t, patientID: patient.id))
                if entry.assignment != nil, let w = window(entry) {
                    let history = try Self.window(
                        t, patientID: patient.id, from: w.from, lookBack: w.lookBack)
                    rows.append((entry, .window(history)))
                } else {
                    rows.append((entry, .lastLog(try Self.lastLog(t, patient.id, today: today))))
                }
            }
            try t.viewed(patients.map(\.id))
            return rows
        }
    }

    /// The latest session or morning check on or before `today`.
    static func lastLog(_ t: Transaction, _ patientID: Int64, today: Day) throws -> Day? {
        try t.rows(
            """
            SELECT greatest(
                (SELECT max(date) FROM rehab.session
                 WHERE patient_id = \(patientID) AND date <= \(today.iso)::date),
                (SELECT max(date) FROM rehab.morning_check
                 WHERE patient_id = \(patientID) AND date <= \(today.iso)::date))::text AS last
            """
        ).first?.value("last", String?.self).flatMap(Day.init(iso:))
    }

    /// Every patient the login sees, archived ones too, by id, ids left out; one 'export' row
    /// in the access log per patient.
    public func exportAll() throws -> Archive {
        try transaction(snapshot: true) { t in
            let patients = try t.rows(
                "SELECT id, name, language, archived FROM rehab.patient ORDER BY id"
            ).map(Self.patient(from:))
            let archive = Archive(
                patients: try patients.map { p in
                    let history = try Self.fetchHistory(t, patientID: p.id, from: nil, through: nil)
                    var archived = ArchivedPatient(
                        name: p.name, language: p.language, archived: p.archived,
                        assignment: try Self.fetchAssignment(t, patientID: p.id),
                        sessions: history.sessions.map { s in
                            var s = s
                            s.id = nil
                            return s
                        },
                        mornings: history.mornings, clearings: history.clearings,
                        shoes: try Self.fetchShoes(t, patientID: p.id),
                        planFile: try Self.fetchPlanFile(t, patientID: p.id))
                    archived.measurements = try Self.fetchMeasurements(t, patientID: p.id).map {
                        var m = $0
                        m.id = nil
                        return m
                    }
                    archived.notes = try Self.fetchNotes(t, patientID: p.id).map {
                        var n = $0
                        n.id = nil
                        return n
                    }
                    return archived
                })
            try t.log(patients.map(\.id), action: "export")
            return archive
        }
    }

    @discardableResult
    public func importAll(_ archive: Archive) throws -> RecordCounts {
        try Store.checkFormat(archive)
        var pieces = archive.pieces.makeIterator()
        return try importPieces({ pieces.next() }, check: { _ in })
    }

    /// All pieces in one transaction, each checked before it is written; the new patients go
    /// in through `rehab.add_patient`, so a physio importing is in each one's care team.
    public func importPieces(
        _ next: () throws -> ArchivePiece?, check: (ArchivePiece) throws -> Void
    ) throws -> RecordCounts {
        try transaction { t in
            var counts = RecordCounts()
            var patientID: Int64 = 0
            var seen = RecordCheck.SeenRecords()
            while let piece = try next() {
                if piece.isFirst { seen = RecordCheck.SeenRecords() }
                let p = try RecordCheck.piece(piece, seen: &seen)
                try check(piece)
                try Self.namingRefusals(p) {
                    if piece.isFirst {
                        patientID = try Self.insertPatient(
                            t, name: p.name, language: p.language, archived: p.archived)
                        if let a = p.assignment {
                            if let f = p.planFile {
                                try Self.insertPlanFile(t, patientID: patientID, f)
                            }
                            try Self.insertAssignment(t, patientID: patientID, a)
                        }
                        counts.patients += 1
                    }
                    try Self.insertRecords(t, patientID: patientID, p)
                }
                counts.count(p)
            }
            return counts
        }
    }

    /// A piece's sessions, mornings, clearings, shoes, measures and notes.
    static func insertRecords(_ t: Transaction, patientID id: Int64, _ p: ArchivedPatient) throws {
        for s in p.sessions { _ = try insertSession(t, patientID: id, s) }
        for m in p.mornings { try insertMorning(t, patientID: id, m) }
        for c in p.clearings { try insertClearing(t, patientID: id, c) }
        for s in p.shoes { try insertShoe(t, patientID: id, s) }
        if !p.measurements.isEmpty {
            // Each checked again against what is stored by now: a later piece's PSFS or GPE
            // needs the first one.
            var earlier = try fetchMeasurements(t, patientID: id)
            for m in p.measurements.sorted(by: { $0.date < $1.date }) {
                let checked = try RecordCheck.importedMeasurement(
                    m, of: p.name, earlier: earlier)
                _ = try insertMeasurement(t, patientID: id, checked)
                earlier.append(checked)
            }
        }
        for n in p.notes { _ = try insertNote(t, patientID: id, n) }
    }

    /// The database's and the records' own refusals, named with the patient.
    static func namingRefusals(_ p: ArchivedPatient, _ body: () throws -> Void) throws {
        do {
            try body()
        } catch let failure as ClinicConnection.Failure where failure.code?.hasPrefix("23") == true
        {
            // An integrity rule of the schema (a CHECK, a unique value).
            throw StoreError.importFailed("patient \"\(p.name)\": \(failure.description)")
        } catch let error as RecordError {
            throw StoreError.importFailed("patient \"\(p.name)\": \(error)")
        }
    }
}
