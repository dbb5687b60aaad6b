import Foundation
import PostgresNIO
import RehabCore

/// One row of the access log (NEN 7513): when (UTC), who, on whose behalf, which patient,
/// what was done and in which command.
public struct AccessLogEntry: Hashable, Sendable, Encodable {
    /// UTC, to the second: "2026-12-03T12:01:02Z".
    public var at: String
    public var actor: String
    public var onBehalfOf: String?
    public var patientID: Int64?
    /// Nil when the patient is no longer stored (their rows of the log stay).
    public var patient: String?
    /// view, change, export or import.
    public var action: String
    public var what: String

    enum CodingKeys: String, CodingKey {
        case at, actor, action, what, patient
        case onBehalfOf = "on_behalf_of"
        case patientID = "patient_id"
    }
}

extension ClinicStore {
    /// The access log as the login may read it (policy access_log_seen): a physio the rows
    /// about the patients in their care, a patient the rows about their own record, and
    /// everyone the rows they wrote themselves. Oldest first; `patientID` and `since` (a UTC
    /// day, included) narrow it. Reading the log is not itself logged.
    public func accessLog(patientID: Int64?, since: Day?) throws -> [AccessLogEntry] {
        try transaction { t in
            if let patientID { try t.patientName(patientID) }
            return try t.rows(
                """
                SELECT to_char(a.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS at,
                    a.actor::text AS actor, a.on_behalf_of::text AS on_behalf_of,
                    a.patient_id, p.name, a.action, a.what
                FROM rehab.access_log a LEFT JOIN rehab.patient p ON p.id = a.patient_id
                WHERE (\(patientID)::bigint IS NULL OR a.patient_id = \(patientID)::bigint)
                    AND (\(since?.iso)::date IS NULL OR a.at >= \(since?.iso)::date)
                ORDER BY a.id
                """
            ).map { row in
                AccessLogEntry(
                    at: try row.value("at", String.self),
                    actor: try row.value("actor", String.self),
                    onBehalfOf: try row.value("on_behalf_of", String?.self),
                    patientID: try row.value("patient_id", Int64?.self),
                    patient: try row.value("name", String?.self),
                    action: try row.value("action", String.self),
                    what: try row.value("what", String.self))
            }
        }
    }
}
