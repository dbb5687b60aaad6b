import RehabCore

extension ClinicSchema {
    /// Tables version 3 adds, each holding one patient's health data.
    static let v3PatientTables = ["discharge"]

    /// Version 3: the discharge record of the SQLite store (its migration v7), one a patient,
    /// under the same care-team policy and change log as every other health-data table.
    public static var v3: String {
        let maxName = Validate.maxNameLength
        return """
            CREATE TABLE rehab.discharge (
                patient_id bigint NOT NULL UNIQUE REFERENCES rehab.patient(id) ON DELETE CASCADE,
                date date NOT NULL,
                by_whom text NOT NULL
                    CHECK (length(btrim(by_whom)) > 0 AND length(by_whom) <= \(maxName)),
                early boolean NOT NULL DEFAULT false
            );
            \(careTeamOnly("discharge"))
            \(fasterCarePolicy("discharge"))
            UPDATE rehab.meta SET value = '3' WHERE key = 'schema_version';
            """
    }
}
