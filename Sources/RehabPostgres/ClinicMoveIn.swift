import Foundation
import RehabCore
import RehabFiles
import RehabStorage

/// Moving in: a runner who kept their data in SQLite imports their export connected as their
/// own patient login. A patient may add no patient, so the file's one patient goes into the
/// record the login owns, whatever name the file gives it; what that record already holds
/// stays, and whatever of the file is not taken is said.
extension ClinicStore {
    /// What a patient login's import did.
    public struct MoveIn: Hashable, Sendable {
        public var counts = RecordCounts()
        /// The patient's name in the file; nil when the file held no patient.
        public var fileName: String?
        /// The name of the login's own record, which the file's records went into.
        public var clinicName: String
        /// What of the file the record kept its own of.
        public var kept: [Kept] = []
    }

    /// A part of the file's patient that the clinic record already has its own of: the
    /// clinic's stays (the physio set it), the file's is not stored, and the output says so.
    public enum Kept: Hashable, Sendable {
        /// The file's plan, with its phase changes and tuning; the clinic's plan stays.
        case plan(file: String, clinic: String)
        case language(file: Language, clinic: Language)
        case discharge(file: Day, clinic: Day)
        /// A shoe of the same name (sessions name their shoe, so it is taken as the same).
        case shoe(String)
        /// The file marked the patient archived; in the clinic their physio archives records.
        case archived
    }

    /// Why a patient login's import stored nothing.
    public enum MoveInRefusal: Error, Hashable, Sendable, CustomStringConvertible {
        /// The login is a patient role without a patient record (`rehab clinic add-patient`
        /// gives one).
        case noOwnRecord(login: String)
        /// A patient login imports its own record only.
        case severalPatients(first: String, next: String)
        /// A session or morning check that the record holds already: the file was imported
        /// before, or holds what was logged in the clinic too.
        case alreadyStored(what: String, date: Day)

        /// Worded in `ClinicErrorPhrases.swift`.
        public var description: String { text.en }
    }

    /// The file's one patient into the login's own record, in one transaction, every piece
    /// checked as any import's is. Refused whole for a file of several patients and for
    /// records already stored (importing twice would count every session twice).
    public func moveIn(
        _ next: () throws -> ArchivePiece?, check: (ArchivePiece) throws -> Void
    ) throws -> MoveIn {
        let login = self.login
        return try transaction { t in
            guard
                let own = try t.rows(
                    "SELECT id, name, language FROM rehab.patient WHERE login = session_user"
                ).first
            else { throw MoveInRefusal.noOwnRecord(login: login) }
            let id = try own.value("id", Int64.self)
            let language = try own.value("language", String?.self).flatMap(
                Language.init(rawValue:))
            var moved = MoveIn(clinicName: try own.value("name", String.self))
            let stored = try Self.fetchHistory(t, patientID: id, from: nil, through: nil)
            let storedSessions = Set(stored.sessions.map(Self.withoutID))
            let storedMornings = Set(stored.mornings.map(\.date))
            var shoes = Set(try Self.fetchShoes(t, patientID: id).map { Naming.key($0.name) })
            var seen = RecordCheck.SeenRecords()
            while let piece = try next() {
                if piece.isFirst, let first = moved.fileName {
                    throw MoveInRefusal.severalPatients(first: first, next: piece.patient.name)
                }
                var p = try RecordCheck.piece(piece, seen: &seen)
                try check(piece)
                if let session = p.sessions.first(where: {
                    storedSessions.contains(Self.withoutID($0))
                }) {
                    throw MoveInRefusal.alreadyStored(what: "session", date: session.date)
                }
                if let morning = p.mornings.first(where: { storedMornings.contains($0.date) }) {
                    throw MoveInRefusal.alreadyStored(what: "morning check", date: morning.date)
                }
                p.shoes.removeAll { shoe in
                    guard shoes.insert(Naming.key(shoe.name)).inserted else {
                        moved.kept.append(.shoe(shoe.name))
                        return true
                    }
                    return false
                }
                try Self.namingRefusals(p) {
                    if piece.isFirst {
                        moved.fileName = p.name
                        moved.counts.patients = 1
                        moved.kept += try Self.moveInHeader(
                            t, patientID: id, language: language, p)
                    }
                    try Self.insertRecords(t, patientID: id, p)
                }
                moved.counts.count(p)
            }
            return moved
        }
    }

    /// The file's plan, plan file, language and discharge where the record has none; what it
    /// has its own of is kept and returned.
    static func moveInHeader(
        _ t: Transaction, patientID id: Int64, language: Language?, _ p: ArchivedPatient
    ) throws -> [Kept] {
        var kept: [Kept] = []
        if let a = p.assignment {
            if let clinic = try fetchAssignment(t, patientID: id) {
                kept.append(.plan(file: a.planID, clinic: clinic.planID))
            } else {
                if let f = p.planFile { try insertPlanFile(t, patientID: id, f) }
                try insertAssignment(t, patientID: id, a)
            }
        }
        if let file = p.language {
            if let language {
                if language != file { kept.append(.language(file: file, clinic: language)) }
            } else {
                try t.execute(
                    "UPDATE rehab.patient SET language = \(file.rawValue) WHERE id = \(id)")
            }
        }
        if let d = p.discharge {
            if let clinic = try fetchDischarge(t, patientID: id) {
                if clinic != d { kept.append(.discharge(file: d.date, clinic: clinic.date)) }
            } else {
                try insertDischarge(t, patientID: id, d)
            }
        }
        if p.archived { kept.append(.archived) }
        return kept
    }

    static func withoutID(_ s: Session) -> Session {
        var s = s
        s.id = nil
        return s
    }
}
