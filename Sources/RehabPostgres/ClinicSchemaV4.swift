extension ClinicSchema {
    /// `rehab.name_key(name)`: a patient's name in the form two names are compared in, as
    /// `Naming.key` forms it (NFC, every letter lowercased with Unicode's full mappings, NFC
    /// again). ICU's root lowercasing is Swift's but for the final sigma (ΣΟΦΟΣ → σοφος), so
    /// every Σ becomes σ first, as Swift lowercases it. A server without ICU falls back on its
    /// own lower(), which in the C locale folds A-Z only; rehab's own check still compares
    /// the names the login sees exactly.
    static let nameKeyICU = """
        CREATE FUNCTION rehab.name_key(n text) RETURNS text
            LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path = pg_catalog
            AS $key$ SELECT normalize(lower(replace(normalize(n, NFC), 'Σ', 'σ')
                                      COLLATE "und-x-icu"), NFC) $key$
        """

    static let nameKeyLocale = """
        CREATE FUNCTION rehab.name_key(n text) RETURNS text
            LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path = pg_catalog
            AS $key$ SELECT lower(n) $key$
        """

    /// Version 4: patient names unique across the whole practice, compared as rehab compares
    /// them. Version 1's index compared lower(name) in the database's locale: in the C locale
    /// "École" and "école" were two names, and a physio could add a name that a patient
    /// outside their care already had without either check noticing.
    public static var v4: String {
        """
        DO $$ BEGIN
            IF EXISTS (SELECT 1 FROM pg_catalog.pg_collation WHERE collname = 'und-x-icu')
               AND pg_catalog.getdatabaseencoding() = 'UTF8' THEN
                EXECUTE \(ClinicPeople.literal(nameKeyICU));
            ELSE
                EXECUTE \(ClinicPeople.literal(nameKeyLocale));
            END IF;
        END $$;
        REVOKE ALL ON FUNCTION rehab.name_key(text) FROM PUBLIC;
        GRANT EXECUTE ON FUNCTION rehab.name_key(text)
            TO rehab_admin, rehab_physio, rehab_patient;

        -- Two stored names that are one name now stop the upgrade, named for the owner (who
        -- sees every patient) to rename one of them first.
        DO $$
        DECLARE
            clashes text;
        BEGIN
            SELECT string_agg(names, '; ') INTO clashes FROM (
                SELECT string_agg(quote_literal(name), ' and ' ORDER BY id) AS names
                FROM rehab.patient GROUP BY rehab.name_key(name) HAVING count(*) > 1) same;
            IF clashes IS NOT NULL THEN
                RAISE EXCEPTION 'name: patients % have the same name as rehab compares names; '
                    'rename all but one of each (UPDATE rehab.patient SET name = ...) and run '
                    'rehab clinic init again', clashes
                    USING ERRCODE = 'unique_violation';
            END IF;
        END $$;
        DROP INDEX rehab.patient_name;
        CREATE UNIQUE INDEX patient_name ON rehab.patient (rehab.name_key(name));

        -- rehab clinic assign finds the patient as the index compares names.
        CREATE OR REPLACE FUNCTION rehab.assign_physio(patient_name text, physio name)
            RETURNS void LANGUAGE plpgsql SET search_path = pg_catalog
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
                    WHERE rehab.name_key(name) = rehab.name_key(patient_name);
                IF found IS NULL THEN
                    RAISE EXCEPTION 'patient: no patient called %', patient_name;
                END IF;
                INSERT INTO rehab.care_team (patient_id, physio) VALUES (found, physio)
                    ON CONFLICT DO NOTHING;
            END $$;
        UPDATE rehab.meta SET value = '4' WHERE key = 'schema_version';
        """
    }
}
