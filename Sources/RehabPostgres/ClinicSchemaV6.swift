extension ClinicSchema {
    /// Version 6: a patient's latest morning before a day with a given score in one seek, as
    /// the SQLite store's migration v9 (`settledSQL`, which finds how far back worse
    /// responses may still be unresolved).
    public static var v6: String {
        """
        CREATE INDEX morning_check_pain ON rehab.morning_check (patient_id, pain, date);
        UPDATE rehab.meta SET value = '6' WHERE key = 'schema_version';
        """
    }
}
