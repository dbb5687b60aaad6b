extension ClinicSchema {
    /// The plan's tables: a patient's login may start a plan where there is none (moving in
    /// with their own data, `ClinicMoveIn`) and move on to a phase when ready, but not tune
    /// it, replace it, rewrite its history or force a move (`forcedByPhysio`).
    static let physioTunedTables = ["assignment", "plan_file", "phase_change"]

    /// Written by the physio only; a patient's login reads them (their right to see their
    /// record).
    static let physioWrittenTables = ["clinical_note", "discharge"]

    /// Version 7: in a clinic the physio sets up and tunes the plan (DESIGN §1), so a
    /// patient's own login may no longer change it. Until now a patient could raise their own
    /// `pain.limit` with `rehab tune` and every verdict after it followed: the reading that
    /// protects the patient is that limits are loosened only by the physio. Clinical notes
    /// and the discharge are the physio's record, and a patient's note would also have reset
    /// the physio's "new since your last note". Grants where the refusal is the same for every
    /// row, a policy for the one that depends on the row (a forced move); `ClinicConnection
    /// .Failure` words both.
    public static var v7: String {
        let tuned = physioTunedTables.map { "rehab.\($0)" }.joined(separator: ", ")
        let written = physioWrittenTables.map { "rehab.\($0)" }.joined(separator: ", ")
        return """
            REVOKE UPDATE, DELETE ON \(tuned) FROM rehab_patient;
            REVOKE INSERT, UPDATE, DELETE ON \(written) FROM rehab_patient;
            \(forcedByPhysio)
            UPDATE rehab.meta SET value = '7' WHERE key = 'schema_version';
            """
    }

    /// The policy that keeps a forced phase move (the exit criteria overruled) the
    /// physio's. A patient's login may insert one only with a plan it inserted in the same
    /// transaction: moving in brings the runner's own history, forced moves included
    /// (`ClinicMoveIn`, no savepoints); the row's `xmin` is then this transaction's id, the
    /// low 32 bits of `pg_current_xact_id()`.
    static let forcedByPhysioPolicy = "phase_change_forced_by_physio"

    static var forcedByPhysio: String {
        """
        CREATE POLICY \(forcedByPhysioPolicy) ON rehab.phase_change AS RESTRICTIVE FOR INSERT
            WITH CHECK (
                reason <> 'forced'
                OR NOT pg_catalog.pg_has_role(session_user, 'rehab_patient', 'MEMBER')
                OR EXISTS (
                    SELECT 1 FROM rehab.assignment a
                    WHERE a.patient_id = phase_change.patient_id
                      AND a.xmin::text::bigint
                          = pg_catalog.pg_current_xact_id()::text::bigint % 4294967296));
        """
    }
}
