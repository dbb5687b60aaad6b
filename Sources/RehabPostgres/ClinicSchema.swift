import RehabCore

/// The clinic database on PostgreSQL: the tables of the SQLite store (same columns and
/// checks), a care team per patient, and an access log, with row-level security forced on
/// every table so the database itself decides who sees which rows:
///
/// - `rehab_patient` (a runner who logs in): their own patient row and its records;
/// - `rehab_physio`: the patients whose care team they are in, and those patients' records;
/// - `rehab_admin` (the practice's administration): patients and care teams, no health data.
///
/// Every check uses `session_user`, the login, so `SET ROLE` cannot widen it. The access log
/// (NEN 7513: who, on whose behalf, which patient, what, when) takes rows only through
/// `rehab.log_access` and the change triggers, which stamp the login and the time themselves;
/// no daily role may update or delete a row of it, and a trigger refuses that even to the
/// owner's own sessions.
public enum ClinicSchema {
    /// The schema's version, kept in `rehab.meta`; `rehab clinic init` applies what is missing.
    public static var version: Int { migrations.count }

    /// Every version's script, oldest first: version n is `migrations[n - 1]`.
    public static var migrations: [String] { [v1, v2, v3, v4, v5, v6, v7] }

    /// The scripts that bring a database at `version` up to date, each ending by recording
    /// its version, to be run in one transaction.
    public static func missing(after version: Int) -> [String] {
        Array(migrations.dropFirst(version))
    }

    /// The group roles every login is put in.
    public static let roles = ["rehab_admin", "rehab_physio", "rehab_patient"]

    /// Tables holding one patient's health data, each with a `patient_id`.
    public static let patientTables = v1PatientTables + v2PatientTables + v3PatientTables

    static let v1PatientTables = [
        "assignment", "phase_change", "session", "morning_check", "flag_clearing", "shoe",
        "plan_file",
    ]

    static var activities: String {
        Activity.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")
    }

    static var reasons: String {
        PhaseChangeReason.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")
    }

    /// Creates the group roles that do not exist yet (roles belong to the cluster, not to one
    /// database, so a second clinic database on the same server shares them).
    public static var createRoles: String {
        roles.map { role in
            """
            DO $$ BEGIN
                IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '\(role)') THEN
                    CREATE ROLE \(role) NOLOGIN;
                END IF;
            END $$;
            """
        }.joined(separator: "\n")
    }

    /// Version 1: the tables, their policies, the access log and the grants. Run in one
    /// transaction by the database owner.
    public static var v1: String {
        let maxName = Validate.maxNameLength
        let maxText = Validate.maxTextLength
        let patientData = v1PatientTables.map(Self.careTeamOnly).joined(separator: "\n")
        return """
            CREATE SCHEMA rehab;
            CREATE TABLE rehab.meta (key text PRIMARY KEY, value text NOT NULL);

            CREATE TABLE rehab.patient (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                name text NOT NULL
                    CHECK (length(btrim(name)) > 0 AND length(name) <= \(maxName)),
                -- the patient's own login, when they use rehab themselves
                login name UNIQUE,
                language text CHECK (language IS NULL OR language IN ('nl', 'en')),
                archived boolean NOT NULL DEFAULT false,
                created timestamptz NOT NULL DEFAULT now()
            );
            CREATE UNIQUE INDEX patient_name ON rehab.patient (lower(name));

            CREATE TABLE rehab.care_team (
                patient_id bigint NOT NULL REFERENCES rehab.patient(id) ON DELETE CASCADE,
                physio name NOT NULL,
                PRIMARY KEY (patient_id, physio)
            );

            CREATE TABLE rehab.assignment (
                patient_id bigint NOT NULL UNIQUE REFERENCES rehab.patient(id) ON DELETE CASCADE,
                plan_id text NOT NULL CHECK (length(plan_id) > 0),
                variant_id text CHECK (variant_id IS NULL OR length(variant_id) > 0),
                start_date date NOT NULL,
                starting_weekly_km numeric(5, 2)
                    CHECK (starting_weekly_km IS NULL OR starting_weekly_km BETWEEN 0 AND 300),
                overrides jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(overrides) = 'object')
            );

            CREATE TABLE rehab.phase_change (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                patient_id bigint NOT NULL REFERENCES rehab.patient(id) ON DELETE CASCADE,
                phase_id text NOT NULL CHECK (length(phase_id) > 0),
                date date NOT NULL,
                reason text NOT NULL CHECK (reason IN (\(reasons)))
            );
            CREATE INDEX phase_change_patient_date ON rehab.phase_change (patient_id, date);

            CREATE TABLE rehab.session (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                patient_id bigint NOT NULL REFERENCES rehab.patient(id) ON DELETE CASCADE,
                date date NOT NULL,
                activity text NOT NULL CHECK (activity IN (\(activities))),
                km numeric(5, 2) CHECK (km IS NULL OR km BETWEEN 0 AND 300),
                minutes integer NOT NULL CHECK (minutes BETWEEN 1 AND 1440),
                pain_during integer NOT NULL CHECK (pain_during BETWEEN 0 AND 10),
                pain_after integer NOT NULL CHECK (pain_after BETWEEN 0 AND 10),
                lasted_over_2h boolean NOT NULL DEFAULT false,
                flags jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(flags) = 'array'),
                shoe text CHECK (shoe IS NULL OR length(btrim(shoe)) > 0),
                note text NOT NULL DEFAULT '' CHECK (length(note) <= \(maxText)),
                calf_raises integer CHECK (calf_raises IS NULL OR calf_raises >= 0),
                hop_test integer CHECK (hop_test IS NULL OR hop_test >= 0),
                start_time timestamptz
            );
            CREATE INDEX session_patient_date ON rehab.session (patient_id, date);
            CREATE INDEX session_flagged ON rehab.session (patient_id, date) WHERE flags <> '[]';
            CREATE UNIQUE INDEX session_patient_start_time ON rehab.session (patient_id, start_time)
                WHERE start_time IS NOT NULL;

            CREATE TABLE rehab.morning_check (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                patient_id bigint NOT NULL REFERENCES rehab.patient(id) ON DELETE CASCADE,
                date date NOT NULL,
                pain integer NOT NULL CHECK (pain BETWEEN 0 AND 10),
                flags jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(flags) = 'array'),
                UNIQUE (patient_id, date)
            );
            CREATE INDEX morning_check_flagged ON rehab.morning_check (patient_id, date)
                WHERE flags <> '[]';

            CREATE TABLE rehab.flag_clearing (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                patient_id bigint NOT NULL REFERENCES rehab.patient(id) ON DELETE CASCADE,
                date date NOT NULL,
                reason text NOT NULL CHECK (length(reason) <= \(maxText)),
                cleared jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(cleared) = 'array')
            );
            CREATE INDEX flag_clearing_patient_date ON rehab.flag_clearing (patient_id, date);

            CREATE TABLE rehab.shoe (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                patient_id bigint NOT NULL REFERENCES rehab.patient(id) ON DELETE CASCADE,
                name text NOT NULL CHECK (length(btrim(name)) > 0 AND length(name) <= \(maxName)),
                start_km double precision NOT NULL DEFAULT 0 CHECK (start_km BETWEEN 0 AND 100000),
                retire_km double precision NOT NULL DEFAULT 700
                    CHECK (retire_km BETWEEN 600 AND 800)
            );
            CREATE UNIQUE INDEX shoe_patient_name ON rehab.shoe (patient_id, lower(name));

            CREATE TABLE rehab.plan_file (
                patient_id bigint NOT NULL UNIQUE REFERENCES rehab.patient(id) ON DELETE CASCADE,
                plan_id text NOT NULL,
                yaml text NOT NULL
            );

            CREATE TABLE rehab.access_log (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                at timestamptz NOT NULL DEFAULT clock_timestamp(),
                actor name NOT NULL,
                on_behalf_of name,
                patient_id bigint,
                action text NOT NULL CHECK (action IN ('view', 'change', 'export', 'import')),
                what text NOT NULL CHECK (length(what) <= 200)
            );
            CREATE INDEX access_log_patient_at ON rehab.access_log (patient_id, at);

            -- Who the login is, for the policies. Both read as the caller (never past a
            -- policy), and both ask about session_user.
            CREATE FUNCTION rehab.is_admin() RETURNS boolean
                LANGUAGE sql STABLE SET search_path = pg_catalog
                AS $$ SELECT pg_has_role(session_user, 'rehab_admin', 'MEMBER') $$;

            CREATE FUNCTION rehab.cares_for(p bigint) RETURNS boolean
                LANGUAGE sql STABLE SET search_path = pg_catalog
                AS $$
                    SELECT EXISTS (SELECT 1 FROM rehab.patient
                                   WHERE id = p AND login = session_user)
                        OR EXISTS (SELECT 1 FROM rehab.care_team
                                   WHERE patient_id = p AND physio = session_user)
                $$;

            ALTER TABLE rehab.patient ENABLE ROW LEVEL SECURITY;
            ALTER TABLE rehab.patient FORCE ROW LEVEL SECURITY;
            -- The owner (who runs init, migrations and adds people) sees the patients and
            -- care teams, none of the health data; rehab refuses daily work as the owner.
            CREATE POLICY patient_owner ON rehab.patient
                USING (session_user = (SELECT tableowner FROM pg_catalog.pg_tables
                                       WHERE schemaname = 'rehab' AND tablename = 'patient'));
            -- Written out, not through cares_for: that function reads this table.
            CREATE POLICY patient_seen ON rehab.patient FOR SELECT
                USING (login = session_user OR rehab.is_admin()
                       OR EXISTS (SELECT 1 FROM rehab.care_team c
                                  WHERE c.patient_id = patient.id AND c.physio = session_user));
            CREATE POLICY patient_changed ON rehab.patient FOR UPDATE
                USING (rehab.is_admin() OR rehab.cares_for(id))
                WITH CHECK (rehab.is_admin() OR rehab.cares_for(id));
            CREATE POLICY patient_added ON rehab.patient FOR INSERT WITH CHECK (rehab.is_admin());
            CREATE POLICY patient_removed ON rehab.patient FOR DELETE USING (rehab.is_admin());

            ALTER TABLE rehab.care_team ENABLE ROW LEVEL SECURITY;
            ALTER TABLE rehab.care_team FORCE ROW LEVEL SECURITY;
            CREATE POLICY care_team_owner ON rehab.care_team
                USING (session_user = (SELECT tableowner FROM pg_catalog.pg_tables
                                       WHERE schemaname = 'rehab' AND tablename = 'care_team'));
            -- Not through cares_for either (patient's policy reads this table): a physio sees
            -- their own memberships.
            CREATE POLICY care_team_seen ON rehab.care_team FOR SELECT
                USING (physio = session_user OR rehab.is_admin());
            CREATE POLICY care_team_admin ON rehab.care_team USING (rehab.is_admin())
                WITH CHECK (rehab.is_admin());

            -- Run as the caller: only the owner and the administration may change care
            -- teams (care_team's policies and grants), whoever calls it.
            CREATE FUNCTION rehab.assign_physio(patient_name text, physio name) RETURNS void
                LANGUAGE plpgsql SET search_path = pg_catalog
                AS $$
                DECLARE
                    found bigint;
                BEGIN
                    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = physio)
                       OR NOT pg_has_role(physio, 'rehab_physio', 'MEMBER') THEN
                        RAISE EXCEPTION 'physio: % is not a physio login', physio
                            USING HINT = 'add it with: rehab clinic add-physio ' || physio;
                    END IF;
                    SELECT id INTO found FROM rehab.patient
                        WHERE lower(name) = lower(patient_name);
                    IF found IS NULL THEN
                        RAISE EXCEPTION 'patient: no patient called %', patient_name;
                    END IF;
                    INSERT INTO rehab.care_team (patient_id, physio) VALUES (found, physio)
                        ON CONFLICT DO NOTHING;
                END $$;

            -- The access log: rows arrive only through these two functions.
            CREATE FUNCTION rehab.log_access(p bigint, action text, what text,
                                             on_behalf_of name DEFAULT NULL)
                RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog
                AS $$
                BEGIN
                    IF p IS NOT NULL AND NOT (rehab.cares_for(p) OR rehab.is_admin()) THEN
                        RAISE EXCEPTION 'patient % is not in your care', p
                            USING ERRCODE = 'insufficient_privilege';
                    END IF;
                    INSERT INTO rehab.access_log (actor, on_behalf_of, patient_id, action, what)
                    VALUES (session_user, on_behalf_of, p, action, left(what, 200));
                END $$;

            CREATE FUNCTION rehab.log_change() RETURNS trigger
                LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog
                AS $$
                DECLARE
                    row_patient bigint;
                BEGIN
                    IF TG_OP = 'DELETE' THEN row_patient := OLD.patient_id;
                    ELSE row_patient := NEW.patient_id; END IF;
                    INSERT INTO rehab.access_log (actor, patient_id, action, what)
                    VALUES (session_user, row_patient, 'change',
                            lower(TG_OP) || ' ' || TG_TABLE_NAME);
                    RETURN NULL;
                END $$;

            CREATE FUNCTION rehab.refuse_log_edit() RETURNS trigger
                LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'the access log is append-only'
                        USING ERRCODE = 'insufficient_privilege';
                END $$;
            CREATE TRIGGER access_log_append_only BEFORE UPDATE OR DELETE ON rehab.access_log
                FOR EACH ROW EXECUTE FUNCTION rehab.refuse_log_edit();
            CREATE TRIGGER access_log_no_truncate BEFORE TRUNCATE ON rehab.access_log
                FOR EACH STATEMENT EXECUTE FUNCTION rehab.refuse_log_edit();

            ALTER TABLE rehab.access_log ENABLE ROW LEVEL SECURITY;
            ALTER TABLE rehab.access_log FORCE ROW LEVEL SECURITY;
            CREATE POLICY access_log_written ON rehab.access_log FOR INSERT
                WITH CHECK (actor = session_user);
            -- A physio sees the log of their patients, a patient who looked at their record,
            -- the administration (the privacy officer's desk) all of it.
            CREATE POLICY access_log_seen ON rehab.access_log FOR SELECT
                USING (rehab.is_admin() OR rehab.cares_for(patient_id) OR actor = session_user);

            \(patientData)

            REVOKE ALL ON SCHEMA rehab FROM PUBLIC;
            REVOKE ALL ON ALL FUNCTIONS IN SCHEMA rehab FROM PUBLIC;
            GRANT USAGE ON SCHEMA rehab TO rehab_admin, rehab_physio, rehab_patient;
            GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA rehab
                TO rehab_admin, rehab_physio, rehab_patient;
            GRANT SELECT ON rehab.meta TO rehab_admin, rehab_physio, rehab_patient;
            GRANT SELECT, UPDATE ON rehab.patient TO rehab_physio, rehab_patient;
            GRANT SELECT, INSERT, UPDATE, DELETE ON rehab.patient, rehab.care_team TO rehab_admin;
            GRANT SELECT ON rehab.care_team TO rehab_physio, rehab_patient;
            GRANT SELECT ON rehab.access_log TO rehab_admin, rehab_physio, rehab_patient;
            INSERT INTO rehab.meta VALUES ('schema_version', '1');
            """
    }
}
