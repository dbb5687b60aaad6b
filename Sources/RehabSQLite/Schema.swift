import GRDB
import RehabCore

/// The database schema, one migration per version. Every CHECK mirrors a rule of
/// `RehabCore.Validate`, so a bad row is refused whichever path it takes (CLI, TUI, import,
/// a hand-run `sqlite3`). Tables are STRICT so a text can never hide in a number column.
enum Schema {
    /// A date column holds an ISO day that exists: the shape, then SQLite's own calendar
    /// (`date(julianday(...))` turns 2026-02-30 into March and 2026-13-01 into NULL).
    static func dateCheck(_ column: String) -> String {
        "CHECK (\(column) GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]' "
            + "AND date(julianday(\(column))) IS \(column))"
    }

    static func jsonArrayCheck(_ column: String) -> String {
        "CHECK (json_valid(\(column)) AND json_type(\(column)) = 'array')"
    }

    static var activities: String {
        Activity.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")
    }

    static var phaseChangeReasons: String {
        PhaseChangeReason.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")
    }

    static var languages: String {
        Language.written.map { "'\($0.rawValue)'" }.joined(separator: ", ")
    }

    /// Every migration, oldest first: its identifier and the SQL it runs.
    static var migrations: [(id: String, sql: String)] {
        [
            ("v1", v1), ("v2", v2), ("v3-plan-files", v3PlanFiles),
            ("v4-flag-indexes", v4FlagIndexes), ("v5-measures-notes", v5MeasuresNotes),
            ("v6-phase-change-note", v5PhaseChangeNote), ("v7-discharge", v7Discharge),
            ("v8-tally-checkpoint", v8TallyCheckpoint),
            ("v9-morning-pain-index", v9MorningPainIndex),
            ("v10-run-shoe-index", v10RunShoeIndex),
        ]
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        for (id, sql) in migrations {
            migrator.registerMigration(id) { db in try db.execute(sql: sql) }
        }
        return migrator
    }

    /// The identifiers this build knows, oldest first.
    static var identifiers: [String] { migrator.migrations }

    /// Migration "v3-plan-files": one plan file per patient, at most 1 MiB like any plan file.
    static var v3PlanFiles: String {
        """
        CREATE TABLE plan_file (
            patient_id INTEGER PRIMARY KEY REFERENCES patient(id) ON DELETE CASCADE,
            plan_id TEXT NOT NULL CHECK (length(plan_id) BETWEEN 1 AND 64),
            yaml TEXT NOT NULL CHECK (length(CAST(yaml AS BLOB)) <= 1048576)
        ) STRICT;
        """
    }

    /// Migration "v9-morning-pain-index": a patient's latest morning before a day with a given
    /// score, in one seek (`Store.settledFrom`, which finds how far back worse responses may
    /// still be unresolved).
    static var v9MorningPainIndex: String {
        "CREATE INDEX morning_check_pain ON morning_check(patient_id, pain, date);"
    }

    /// Migration "v10-run-shoe-index": each shoe's running km (`Store.shoeKm`, read for the
    /// app's first frame, `rehab status` and `rehab log`) summed from an index of the runs that
    /// name a shoe, in shoe order, instead of every session row of the patient (6.7 M
    /// instructions to 2.3 M on ten years). `activity` is in it, though always 'run', because
    /// SQLite counts a partial index as covering only when it holds every column the query
    /// names.
    static var v10RunShoeIndex: String {
        """
        CREATE INDEX session_run_shoe ON session(patient_id, shoe, km, activity)
            WHERE activity = 'run' AND shoe IS NOT NULL;
        """
    }

    /// Migration "v4-flag-indexes": the few rows that reported a red flag, by patient. The
    /// engine reads them however old they are; without these indexes finding them meant
    /// reading every session and morning check of the clinic (about 30 ms of the patient list
    /// on 500 patients with two years each).
    static var v4FlagIndexes: String {
        """
        CREATE INDEX session_flagged ON session(patient_id, date) WHERE flags <> '[]';
        CREATE INDEX morning_check_flagged ON morning_check(patient_id, date) WHERE flags <> '[]';
        """
    }

    /// v5: answered outcome measures (answers as a JSON array of {item, score}) and dated
    /// clinical notes. `created` lets the Patients screen say what changed since a review.
    static var v5MeasuresNotes: String {
        """
        CREATE TABLE measurement (
            id INTEGER PRIMARY KEY,
            patient_id INTEGER NOT NULL REFERENCES patient(id) ON DELETE CASCADE,
            date TEXT NOT NULL \(dateCheck("date")),
            instrument TEXT NOT NULL
                CHECK (length(instrument) BETWEEN 1 AND 64
                    AND instrument NOT GLOB '*[^a-z0-9_]*'),
            answers TEXT NOT NULL
                CHECK (json_valid(answers) AND json_type(answers) = 'array'
                    AND json_array_length(answers) BETWEEN 1 AND 100),
            created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
        ) STRICT;
        CREATE INDEX measurement_patient_date ON measurement(patient_id, date);

        CREATE TABLE clinical_note (
            id INTEGER PRIMARY KEY,
            patient_id INTEGER NOT NULL REFERENCES patient(id) ON DELETE CASCADE,
            date TEXT NOT NULL \(dateCheck("date")),
            text TEXT NOT NULL
                CHECK (length(trim(text)) > 0 AND length(text) <= \(Validate.maxTextLength)),
            created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
        ) STRICT;
        CREATE INDEX clinical_note_patient_date ON clinical_note(patient_id, date);
        """
    }

    /// The reason given for a forced advance (issue 16), kept with the phase change; free
    /// text under the same limit as a session's note.
    static var v5PhaseChangeNote: String {
        """
        ALTER TABLE phase_change ADD COLUMN note TEXT
            CHECK (note IS NULL OR length(note) BETWEEN 1 AND \(Validate.maxTextLength));
        """
    }

    /// v7: one discharge per patient; a later one replaces it (a patient taken on again and
    /// discharged a second time).
    static var v7Discharge: String {
        """
        CREATE TABLE discharge (
            patient_id INTEGER PRIMARY KEY REFERENCES patient(id) ON DELETE CASCADE,
            date TEXT NOT NULL \(dateCheck("date")),
            by_whom TEXT NOT NULL
                CHECK (length(trim(by_whom)) > 0 AND length(by_whom) <= \(Validate.maxNameLength)),
            early INTEGER NOT NULL CHECK (early IN (0, 1)),
            created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
        ) STRICT;
        """
    }

    /// A derived cache (`TallyCheckpoint`): one per patient, dropped by these triggers when a
    /// record it counted changes, whoever changes it (an import, the app, a hand-run sqlite3).
    /// Never exported: the engine makes it again from the records.
    static var v8TallyCheckpoint: String {
        let drops = [("session", "date"), ("morning_check", "date"), ("flag_clearing", "date")]
            .map { table, column in
                """
                CREATE TRIGGER \(table)_drops_checkpoint_insert AFTER INSERT ON \(table) BEGIN
                    DELETE FROM tally_checkpoint
                    WHERE patient_id = NEW.patient_id AND guard_date >= NEW.\(column);
                END;
                CREATE TRIGGER \(table)_drops_checkpoint_update AFTER UPDATE ON \(table) BEGIN
                    DELETE FROM tally_checkpoint
                    WHERE (patient_id = OLD.patient_id AND guard_date >= OLD.\(column))
                        OR (patient_id = NEW.patient_id AND guard_date >= NEW.\(column));
                END;
                CREATE TRIGGER \(table)_drops_checkpoint_delete AFTER DELETE ON \(table) BEGIN
                    DELETE FROM tally_checkpoint
                    WHERE patient_id = OLD.patient_id AND guard_date >= OLD.\(column);
                END;
                """
            }
        return """
            CREATE TABLE tally_checkpoint (
                patient_id INTEGER PRIMARY KEY REFERENCES patient(id) ON DELETE CASCADE,
                guard_date TEXT NOT NULL \(dateCheck("guard_date")),
                checkpoint TEXT NOT NULL CHECK (json_valid(checkpoint))
            ) STRICT;
            """ + drops.joined(separator: "\n")
    }

    static var v1: String {
        """
        CREATE TABLE patient (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE COLLATE NOCASE
                CHECK (length(trim(name)) > 0 AND length(name) <= \(Validate.maxNameLength)),
            language TEXT CHECK (language IS NULL OR language IN (\(languages))),
            archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
            created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
        ) STRICT;

        CREATE TABLE assignment (
            patient_id INTEGER NOT NULL UNIQUE REFERENCES patient(id) ON DELETE CASCADE,
            plan_id TEXT NOT NULL CHECK (length(plan_id) > 0),
            variant_id TEXT CHECK (variant_id IS NULL OR length(variant_id) > 0),
            start_date TEXT NOT NULL \(dateCheck("start_date")),
            starting_weekly_km REAL
                CHECK (starting_weekly_km IS NULL
                    OR (starting_weekly_km BETWEEN 0 AND 300
                        AND round(starting_weekly_km, 2) = starting_weekly_km)),
            overrides TEXT NOT NULL DEFAULT '{}'
                CHECK (json_valid(overrides) AND json_type(overrides) = 'object')
        ) STRICT;

        CREATE TABLE phase_change (
            id INTEGER PRIMARY KEY,
            patient_id INTEGER NOT NULL REFERENCES patient(id) ON DELETE CASCADE,
            phase_id TEXT NOT NULL CHECK (length(phase_id) > 0),
            date TEXT NOT NULL \(dateCheck("date")),
            reason TEXT NOT NULL CHECK (reason IN (\(phaseChangeReasons)))
        ) STRICT;
        CREATE INDEX phase_change_patient_date ON phase_change(patient_id, date);

        CREATE TABLE session (
            id INTEGER PRIMARY KEY,
            patient_id INTEGER NOT NULL REFERENCES patient(id) ON DELETE CASCADE,
            date TEXT NOT NULL \(dateCheck("date")),
            activity TEXT NOT NULL CHECK (activity IN (\(activities))),
            km REAL CHECK (km IS NULL OR (km BETWEEN 0 AND 300 AND round(km, 2) = km)),
            minutes INTEGER NOT NULL CHECK (minutes BETWEEN 1 AND 1440),
            pain_during INTEGER NOT NULL CHECK (pain_during BETWEEN 0 AND 10),
            pain_after INTEGER NOT NULL CHECK (pain_after BETWEEN 0 AND 10),
            lasted_over_2h INTEGER NOT NULL DEFAULT 0 CHECK (lasted_over_2h IN (0, 1)),
            flags TEXT NOT NULL DEFAULT '[]' \(jsonArrayCheck("flags")),
            shoe TEXT CHECK (shoe IS NULL OR length(trim(shoe)) > 0),
            note TEXT NOT NULL DEFAULT '' CHECK (length(note) <= \(Validate.maxTextLength)),
            calf_raises INTEGER CHECK (calf_raises IS NULL OR calf_raises >= 0),
            hop_test INTEGER CHECK (hop_test IS NULL OR hop_test >= 0)
        ) STRICT;
        CREATE INDEX session_patient_date ON session(patient_id, date);

        CREATE TABLE morning_check (
            id INTEGER PRIMARY KEY,
            patient_id INTEGER NOT NULL REFERENCES patient(id) ON DELETE CASCADE,
            date TEXT NOT NULL \(dateCheck("date")),
            pain INTEGER NOT NULL CHECK (pain BETWEEN 0 AND 10),
            flags TEXT NOT NULL DEFAULT '[]' \(jsonArrayCheck("flags")),
            UNIQUE (patient_id, date)
        ) STRICT;

        CREATE TABLE flag_clearing (
            id INTEGER PRIMARY KEY,
            patient_id INTEGER NOT NULL REFERENCES patient(id) ON DELETE CASCADE,
            date TEXT NOT NULL \(dateCheck("date")),
            reason TEXT NOT NULL CHECK (length(reason) <= \(Validate.maxTextLength)),
            -- the reports it clears, as "flag@date" items; [] = everything up to its date
            cleared TEXT NOT NULL DEFAULT '[]' \(jsonArrayCheck("cleared"))
        ) STRICT;
        CREATE INDEX flag_clearing_patient_date ON flag_clearing(patient_id, date);

        CREATE TABLE shoe (
            id INTEGER PRIMARY KEY,
            patient_id INTEGER NOT NULL REFERENCES patient(id) ON DELETE CASCADE,
            name TEXT NOT NULL COLLATE NOCASE
                CHECK (length(trim(name)) > 0 AND length(name) <= \(Validate.maxNameLength)),
            start_km REAL NOT NULL DEFAULT 0 CHECK (start_km BETWEEN 0 AND 100000),
            retire_km REAL NOT NULL DEFAULT 700 CHECK (retire_km BETWEEN 600 AND 800),
            UNIQUE (patient_id, name)
        ) STRICT;
        """
    }

    /// v2: the start time of a run imported from a watch file (UTC, to the second), so the
    /// same run imported twice is recognised. NULL for sessions logged by hand.
    static var v2: String {
        """
        ALTER TABLE session ADD COLUMN start_time TEXT
            CHECK (start_time IS NULL OR start_time GLOB
                '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9]Z');
        CREATE UNIQUE INDEX session_patient_start_time ON session(patient_id, start_time)
            WHERE start_time IS NOT NULL;
        """
    }
}
