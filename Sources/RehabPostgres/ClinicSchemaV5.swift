extension ClinicSchema {
    /// The health-data policy of version 2 in a form PostgreSQL 15 hashes: `= ANY` over the
    /// InitPlan's array compares each row with the login's ids one by one (a physio with 200
    /// patients: about 100 comparisons a row, 84 ms for the review counts of one `rehab
    /// patients`), while `IN (SELECT …)` becomes a hashed SubPlan, built once per statement
    /// and probed once a row. The same rows pass: the ids of `rehab.my_patients()`.
    static func hashedCarePolicy(_ table: String) -> String {
        """
        ALTER POLICY \(table)_care ON rehab.\(table)
            USING (patient_id IN (SELECT unnest(rehab.my_patients())))
            WITH CHECK (patient_id IN (SELECT unnest(rehab.my_patients())));
        """
    }

    /// Version 5, for speed without a wider policy: the health-data policies hashed (see
    /// `hashedCarePolicy`), the login's care teams found by an index, `rehab.is_admin()`
    /// asked once per statement in the patient and care-team policies instead of once a row,
    /// the owner checks without the pg_tables view, and the views of many patients logged in
    /// one statement (`rehab.log_accesses`). Every policy lets the same rows through.
    public static var v5: String {
        """
        \(patientTables.map(Self.hashedCarePolicy).joined(separator: "\n"))

        -- rehab.my_patients() reads the login's care teams in every statement on health data.
        CREATE INDEX care_team_physio ON rehab.care_team (physio, patient_id);

        -- The same conditions as version 1 and 2, with is_admin() an InitPlan (one call per
        -- statement): in a policy it was called for every row the other conditions let pass.
        ALTER POLICY patient_seen ON rehab.patient
            USING (login = session_user OR (SELECT rehab.is_admin())
                   OR EXISTS (SELECT 1 FROM rehab.care_team c
                              WHERE c.patient_id = patient.id AND c.physio = session_user));
        ALTER POLICY patient_changed ON rehab.patient
            USING ((SELECT rehab.is_admin()) OR rehab.cares_for(id))
            WITH CHECK ((SELECT rehab.is_admin()) OR rehab.cares_for(id));
        ALTER POLICY patient_added ON rehab.patient WITH CHECK ((SELECT rehab.is_admin()));
        ALTER POLICY patient_removed ON rehab.patient
            USING ((SELECT rehab.is_admin())
                   OR EXISTS (SELECT 1 FROM rehab.care_team c
                              WHERE c.patient_id = patient.id AND c.physio = session_user));
        ALTER POLICY care_team_seen ON rehab.care_team
            USING (physio = session_user OR (SELECT rehab.is_admin()));
        ALTER POLICY care_team_admin ON rehab.care_team USING ((SELECT rehab.is_admin()))
            WITH CHECK ((SELECT rehab.is_admin()));

        -- The owner checks of version 1 and 2 by a function: the same owner as pg_tables
        -- names, without planning that view (a join of three catalogues) twice in every
        -- statement that reads a patient (5-8 ms on a new connection, 1 ms with this).
        CREATE FUNCTION rehab.table_owner(t name) RETURNS name
            LANGUAGE sql STABLE SET search_path = pg_catalog
            AS $$
                SELECT pg_get_userbyid(c.relowner) FROM pg_class c
                    JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = 'rehab' AND c.relname = t AND c.relkind IN ('r', 'p')
            $$;
        REVOKE ALL ON FUNCTION rehab.table_owner(name) FROM PUBLIC;
        GRANT EXECUTE ON FUNCTION rehab.table_owner(name)
            TO rehab_admin, rehab_physio, rehab_patient;
        ALTER POLICY patient_owner ON rehab.patient
            USING (session_user = (SELECT rehab.table_owner('patient')));
        ALTER POLICY patient_definer ON rehab.patient
            USING (current_user = (SELECT rehab.table_owner('patient')));
        ALTER POLICY care_team_owner ON rehab.care_team
            USING (session_user = (SELECT rehab.table_owner('care_team')));
        ALTER POLICY care_team_definer ON rehab.care_team
            USING (current_user = (SELECT rehab.table_owner('care_team')));

        -- The views (or exports) of many patients, one row each, in one statement: what
        -- rehab.log_access does for one patient, with the care check made once for all of
        -- them against the login's own patients. All or none: one patient outside the
        -- login's care refuses the lot.
        CREATE FUNCTION rehab.log_accesses(ps bigint[], action text, what text,
                                           on_behalf_of name DEFAULT NULL)
            RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog
            AS $$
            DECLARE
                mine bigint[];
                outside bigint;
            BEGIN
                IF NOT rehab.is_admin() THEN
                    mine := rehab.my_patients();
                    SELECT p INTO outside FROM unnest(ps) p
                        WHERE p IS NOT NULL AND NOT p = ANY (mine) LIMIT 1;
                    IF FOUND THEN
                        RAISE EXCEPTION 'patient % is not in your care', outside
                            USING ERRCODE = 'insufficient_privilege';
                    END IF;
                END IF;
                INSERT INTO rehab.access_log (actor, on_behalf_of, patient_id, action, what)
                SELECT session_user, on_behalf_of, u.p, action, left(what, 200)
                FROM unnest(ps) WITH ORDINALITY AS u(p, n) ORDER BY u.n;
            END $$;
        REVOKE ALL ON FUNCTION rehab.log_accesses(bigint[], text, text, name) FROM PUBLIC;
        GRANT EXECUTE ON FUNCTION rehab.log_accesses(bigint[], text, text, name)
            TO rehab_admin, rehab_physio, rehab_patient;

        UPDATE rehab.meta SET value = '5' WHERE key = 'schema_version';
        """
    }
}
