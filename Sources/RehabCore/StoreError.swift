// The store's refusals. They live here, below every module that throws them: the file
// formats (RehabFiles) refuse an archive with `importFailed` as the stores do, so a caller
// catches one type whether the file or the database said no.

/// Why the store refused. Bad field values are `RehabCore.ValidationError`s instead, so the
/// message can name the field and the allowed range.
public enum StoreError: Error, Hashable, Sendable {
    /// Written by a newer rehab: refused and left untouched. `version` lists the migrations
    /// this build does not know.
    case newerDatabase(path: String, version: String)
    case duplicatePatient(String)
    /// The name of a patient the login cannot see (a clinic's names are unique across the
    /// practice): said without anything else about that patient.
    case patientNameTaken(String)
    case unknownPatient(String)
    case noPlan(patient: String)
    case planAlreadyStarted(patient: String)
    /// Kept for callers that switch over every case; the store replaces a morning check instead.
    case duplicateMorningCheck(Day)
    /// Names the record and the field (or the line and column of a CSV file), in both
    /// languages: the front end says it in the user's.
    case importFailed(LocalizedText)
    case cannotOpen(path: String, reason: String)
}

/// Refusals about single records that have no `StoreError` case.
public enum RecordError: Error, Hashable, Sendable {
    case duplicateShoe(String)
    /// No session with this id for the patient (nil: the session was never stored).
    case unknownSession(Int64?)
}
