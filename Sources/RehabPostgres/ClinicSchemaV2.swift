import RehabCore

extension ClinicSchema {
    /// Tables version 2 adds, each holding one patient's health data.
    static let v2PatientTables = ["measurement", "clinical_note"]

    static func fasterCarePolicy(_ table: String) -> String {
        """
        ALTER POLICY \(table)_care ON rehab.\(table)
            USING (patient_id = ANY ((SELECT rehab.my_patients())::bigint[]))
            WITH CHECK (patient_id = ANY ((SELECT rehab.my_patients())::bigint[]));
        """
    }

    /// A health-data table: forced row-level security through `cares_for`, every change
    /// logged by the database, open to the physios and patients the policy lets through (the
    /// administration gets no grant: it is refused, not shown an empty table).
    static func careTeamOnly(_ table: String) -> String {
        """
        ALTER TABLE rehab.\(table) ENABLE ROW LEVEL SECURITY;
        ALTER TABLE rehab.\(table) FORCE ROW LEVEL SECURITY;
        CREATE POLICY \(table)_care ON rehab.\(table)
            USING (rehab.cares_for(patient_id)) WITH CHECK (rehab.cares_for(patient_id));
        CREATE TRIGGER \(table)_logged AFTER INSERT OR UPDATE OR DELETE ON rehab.\(table)
            FOR EACH ROW EXECUTE FUNCTION rehab.log_change();
        GRANT SELECT, INSERT, UPDATE, DELETE ON rehab.\(table) TO rehab_physio, rehab_patient;
        """
    }

    /// Version 2, for the clinic's `RehabRepository` (`ClinicStore`): the outcome measures
    /// and clinical notes of the SQLite store (its migration v5), the note of a phase change
    /// (v6), physios adding their own patients, and the connection that wrote each log row.
    public static var v2: String {
        let maxText = Validate.maxTextLength
        let patientData = v2PatientTables.map(Self.careTeamOnly).joined(separator: "\n")
        return """
            ALTER TABLE rehab.phase_change ADD COLUMN note text
                CHECK (note IS NULL OR length(note) BETWEEN 1 AND \(maxText));

            CREATE TABLE rehab.measurement (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                patient_id bigint NOT NULL REFERENCES rehab.patient(id) ON DELETE CASCADE,
                date date NOT NULL,
                instrument text NOT NULL CHECK (instrument ~ '^[a-z0-9_]{1,64}$'),
                answers jsonb NOT NULL
                    CHECK (jsonb_typeof(answers) = 'array'
                        AND jsonb_array_length(answers) BETWEEN 1 AND 100),
                created timestamptz NOT NULL DEFAULT now()
            );
            CREATE INDEX measurement_patient_date ON rehab.measurement (patient_id, date);

            CREATE TABLE rehab.clinical_note (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                patient_id bigint NOT NULL REFERENCES rehab.patient(id) ON DELETE CASCADE,
                date date NOT NULL,
                text text NOT NULL CHECK (length(btrim(text)) > 0 AND length(text) <= \(maxText)),
                created timestamptz NOT NULL DEFAULT now()
            );
            CREATE INDEX clinical_note_patient_date ON rehab.clinical_note (patient_id, date);

            \(patientData)

            -- The server process that wrote a log row: a store tells another connection's
            -- changes from its own by it (ClinicStore.dataVersion, which the app polls).
            ALTER TABLE rehab.access_log ADD COLUMN backend integer DEFAULT pg_backend_pid();
            CREATE INDEX access_log_changes ON rehab.access_log (id) WHERE action = 'change';

            -- What a function of the owner's runs as the owner (SECURITY DEFINER, such as
            -- add_patient) writes patients and care teams as the owner: the v1 policies ask
            -- who logged in (session_user), which inside such a function is still the caller.
            -- No daily role can become the owner, so only those functions pass here.
            CREATE POLICY patient_definer ON rehab.patient
                USING (current_user = (SELECT tableowner FROM pg_catalog.pg_tables
                                       WHERE schemaname = 'rehab' AND tablename = 'patient'));
            CREATE POLICY care_team_definer ON rehab.care_team
                USING (current_user = (SELECT tableowner FROM pg_catalog.pg_tables
                                       WHERE schemaname = 'rehab' AND tablename = 'care_team'));

            -- A physio adds a patient and is put in that patient's care team by the database,
            -- in the same statement, so they see the patient they added; the administration
            -- adds patients to no care team (rehab clinic assign does that). Patients add no
            -- one. Runs as the owner, so it checks the caller itself.
            CREATE FUNCTION rehab.add_patient(patient_name text, patient_language text,
                                              patient_archived boolean DEFAULT false)
                RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog
                AS $$
                DECLARE
                    added bigint;
                    physio boolean := pg_has_role(session_user, 'rehab_physio', 'MEMBER');
                BEGIN
                    IF NOT (physio OR rehab.is_admin()) THEN
                        RAISE EXCEPTION '% may not add patients (only a physio or the '
                            'administration may)', session_user
                            USING ERRCODE = 'insufficient_privilege';
                    END IF;
                    INSERT INTO rehab.patient (name, language, archived)
                        VALUES (patient_name, patient_language, patient_archived)
                        RETURNING id INTO added;
                    IF physio THEN
                        INSERT INTO rehab.care_team (patient_id, physio)
                            VALUES (added, session_user);
                    END IF;
                    INSERT INTO rehab.access_log (actor, patient_id, action, what)
                        VALUES (session_user, added, 'change', 'insert patient');
                    RETURN added;
                END $$;
            -- Patients may call it too, to be told why they may not.
            REVOKE ALL ON FUNCTION rehab.add_patient(text, text, boolean) FROM PUBLIC;
            GRANT EXECUTE ON FUNCTION rehab.add_patient(text, text, boolean)
                TO rehab_admin, rehab_physio, rehab_patient;

            -- A physio in the care team may remove the patient (rehab patients delete); the
            -- patient's own login may not (no DELETE grant).
            DROP POLICY patient_removed ON rehab.patient;
            CREATE POLICY patient_removed ON rehab.patient FOR DELETE
                USING (rehab.is_admin()
                       OR EXISTS (SELECT 1 FROM rehab.care_team c
                                  WHERE c.patient_id = patient.id AND c.physio = session_user));
            GRANT DELETE ON rehab.patient TO rehab_physio;

            -- The same rule as cares_for, asked once per statement instead of once per row:
            -- cares_for cannot be inlined (it sets its search_path), and called for each of a
            -- patient's rows it cost about 50 µs a row (a physio's patient list took 1.8 s
            -- for 27 patients with two years each). The scalar subquery makes the list of the
            -- login's patients an InitPlan, computed once per statement.
            -- PL/pgSQL, which keeps its plan for the session: an SQL function is planned
            -- again at every call (a few milliseconds a statement).
            CREATE FUNCTION rehab.my_patients() RETURNS bigint[]
                LANGUAGE plpgsql STABLE SET search_path = pg_catalog
                AS $$
                BEGIN
                    RETURN (SELECT coalesce(array_agg(id), '{}') FROM (
                        SELECT id FROM rehab.patient WHERE login = session_user
                        UNION
                        SELECT patient_id FROM rehab.care_team WHERE physio = session_user) mine);
                END $$;
            REVOKE ALL ON FUNCTION rehab.my_patients() FROM PUBLIC;
            GRANT EXECUTE ON FUNCTION rehab.my_patients()
                TO rehab_admin, rehab_physio, rehab_patient;
            \((v1PatientTables + v2PatientTables).map(Self.fasterCarePolicy).joined(separator: "\n"))
            ALTER POLICY access_log_seen ON rehab.access_log
                USING ((SELECT rehab.is_admin()) OR actor = session_user
                       OR patient_id = ANY ((SELECT rehab.my_patients())::bigint[]));

            UPDATE rehab.meta SET value = '2' WHERE key = 'schema_version';
            """
    }
}
