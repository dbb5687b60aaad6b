import Foundation
import Testing

@testable import RehabPostgres

/// Row-level security proved with psql connecting as each role, bypassing rehab: a patient
/// reads and writes only their own rows in every table, a physio only the patients in their
/// care, the administration people and care teams but no health data, and nobody edits the
/// access log.
@Suite(.enabled(if: PostgresCluster.available, Comment(rawValue: PostgresCluster.unavailable)))
struct RowSecurityTests {
    /// Pia (login pia) in Ann's care, Piet (piet) in Bob's, Quinn (no login) in both; Amy
    /// is the administration. Each patient has a session and a morning check, written by
    /// themselves or their physio.
    struct Clinic {
        let cluster: PostgresCluster
        let pia: Int
        let piet: Int
        let quinn: Int

        init() throws {
            cluster = try PostgresCluster()
            let owner = cluster.owner
            try cluster.expectOK(
                cluster.psql(
                    "BEGIN;\n" + ClinicSchema.createRoles + "\n"
                        + ClinicSchema.migrations.joined(separator: "\n") + "\nCOMMIT;",
                    as: owner
                ))
            let people = [
                try ClinicPeople.addAdmin("amy"), try ClinicPeople.addPhysio("ann"),
                try ClinicPeople.addPhysio("bob"),
                try ClinicPeople.addPatient(name: "Pia", login: "pia"),
                try ClinicPeople.addPatient(name: "Piet", login: "piet"),
                "INSERT INTO rehab.patient (name) VALUES ('Quinn');",
                try ClinicPeople.assign(patient: "pia", physio: "ann"),
                try ClinicPeople.assign(patient: "Piet", physio: "bob"),
                try ClinicPeople.assign(patient: "Quinn", physio: "ann"),
                try ClinicPeople.assign(patient: "Quinn", physio: "bob"),
            ]
            try cluster.expectOK(cluster.psql(people.joined(separator: "\n"), as: owner))
            let ids = try cluster.expectOK(
                cluster.psql("SELECT id FROM rehab.patient ORDER BY name", as: owner)
            ).rows.compactMap { Int($0) }
            try #require(ids.count == 3)
            (pia, piet, quinn) = (ids[0], ids[1], ids[2])
            try write(as: "pia", for: pia)
            try writeRecord(as: "ann", for: pia)
            try write(as: "bob", for: piet)
            try writeRecord(as: "bob", for: piet)
            try write(as: "ann", for: quinn)
            try writeRecord(as: "ann", for: quinn)
        }

        /// A plan, a session, a morning check, a shoe and the rest: a row in every table a
        /// patient writes.
        func write(as role: String, for patient: Int) throws {
            try cluster.expectOK(
                cluster.psql(
                    """
                    INSERT INTO rehab.assignment (patient_id, plan_id, start_date)
                        VALUES (\(patient), 'itbs', '2026-11-01');
                    INSERT INTO rehab.phase_change (patient_id, phase_id, date, reason)
                        VALUES (\(patient), 'calm_down', '2026-11-01', 'start');
                    INSERT INTO rehab.session (patient_id, date, activity, minutes, pain_during,
                        pain_after) VALUES (\(patient), '2026-11-02', 'walk', 30, 1, 2);
                    INSERT INTO rehab.morning_check (patient_id, date, pain)
                        VALUES (\(patient), '2026-11-03', 1);
                    INSERT INTO rehab.flag_clearing (patient_id, date, reason)
                        VALUES (\(patient), '2026-11-03', 'seen');
                    INSERT INTO rehab.shoe (patient_id, name) VALUES (\(patient), 'Pegasus');
                    INSERT INTO rehab.plan_file (patient_id, plan_id, yaml)
                        VALUES (\(patient), 'itbs', 'id: itbs');
                    INSERT INTO rehab.measurement (patient_id, date, instrument, answers)
                        VALUES (\(patient), '2026-11-03', 'nprs',
                                '[{"item": "pain", "score": 3}]');
                    """, as: role))
        }

        /// The rows only a physio writes: a clinical note and the discharge.
        func writeRecord(as physio: String, for patient: Int) throws {
            try cluster.expectOK(
                cluster.psql(
                    """
                    INSERT INTO rehab.clinical_note (patient_id, date, text)
                        VALUES (\(patient), '2026-11-03', 'seen');
                    INSERT INTO rehab.discharge (patient_id, date, by_whom)
                        VALUES (\(patient), '2026-11-04', '\(physio)');
                    """, as: physio))
        }

        func count(_ table: String, as role: String, where condition: String = "true") throws
            -> Int
        {
            let result = try cluster.expectOK(
                cluster.psql("SELECT count(*) FROM rehab.\(table) WHERE \(condition)", as: role))
            return Int(result.rows.first ?? "") ?? -1
        }
    }

    static let tables = ClinicSchema.patientTables
    /// What a patient's login may read but not change (schema version 7).
    static let physioDecides: Set = [
        "assignment", "plan_file", "phase_change", "clinical_note", "discharge",
    ]

    /// The physio sets up and tunes the plan and writes the record; a patient's own login
    /// logs and reads. Refused to Pia on her own rows, with psql: loosening her limits,
    /// replacing or deleting her plan, rewriting her phases, a note, a discharge. Still hers:
    /// logging, moving on to a phase, starting a plan where there is none.
    @Test func aPatientMayNotChangeWhatThePhysioDecides() throws {
        let clinic = try Clinic()
        defer { clinic.cluster.stop() }
        let pia = clinic.pia
        let refused = [
            "UPDATE rehab.assignment SET overrides = '{\"pain\": {\"limit\": 9}}' "
                + "WHERE patient_id = \(pia)",
            "DELETE FROM rehab.assignment WHERE patient_id = \(pia)",
            "DELETE FROM rehab.plan_file WHERE patient_id = \(pia)",
            "UPDATE rehab.plan_file SET yaml = 'id: x' WHERE patient_id = \(pia)",
            "DELETE FROM rehab.phase_change WHERE patient_id = \(pia)",
            "UPDATE rehab.phase_change SET reason = 'advance' WHERE patient_id = \(pia)",
            "INSERT INTO rehab.clinical_note (patient_id, date, text) "
                + "VALUES (\(pia), '2026-11-05', 'mine')",
            "UPDATE rehab.clinical_note SET text = 'changed' WHERE patient_id = \(pia)",
            "DELETE FROM rehab.clinical_note WHERE patient_id = \(pia)",
            "DELETE FROM rehab.discharge WHERE patient_id = \(pia)",
            "UPDATE rehab.discharge SET early = true WHERE patient_id = \(pia)",
        ]
        for statement in refused {
            let result = try clinic.cluster.psql(statement, as: "pia")
            #expect(!result.ok && result.error.contains("permission denied"), "\(statement)")
        }
        #expect(
            try clinic.cluster.psql(
                "SELECT overrides::text, (SELECT count(*) FROM rehab.clinical_note) "
                    + "FROM rehab.assignment", as: "pia"
            ).rows == ["{}|1"])
        // Her physio may do each of them.
        try clinic.cluster.expectOK(
            clinic.cluster.psql(
                "UPDATE rehab.assignment SET overrides = '{\"pain\": {\"limit\": 4}}' "
                    + "WHERE patient_id = \(pia) RETURNING 1", as: "ann"))
        try clinic.cluster.expectOK(
            clinic.cluster.psql(
                "UPDATE rehab.clinical_note SET text = 'seen again' WHERE patient_id = \(pia) "
                    + "RETURNING 1", as: "ann"))
        // Overruling the exit criteria is her physio's: a forced move is refused to her.
        let forced =
            "INSERT INTO rehab.phase_change (patient_id, phase_id, date, reason) "
            + "VALUES (\(pia), 'return_to_running', '2026-11-22', 'forced')"
        let herForce = try clinic.cluster.psql(forced, as: "pia")
        #expect(
            !herForce.ok && herForce.error.contains("phase_change_forced_by_physio"),
            "\(herForce.error)")
        try clinic.cluster.expectOK(clinic.cluster.psql(forced, as: "ann"))
        // Hers still: moving on to a phase, logging, and a first plan (moving in).
        try clinic.cluster.expectOK(
            clinic.cluster.psql(
                """
                INSERT INTO rehab.phase_change (patient_id, phase_id, date, reason)
                    VALUES (\(pia), 'build_up', '2026-11-20', 'advance');
                INSERT INTO rehab.session (patient_id, date, activity, minutes, pain_during,
                    pain_after) VALUES (\(pia), '2026-11-21', 'walk', 30, 1, 1);
                """, as: "pia"))
        try clinic.cluster.expectOK(
            clinic.cluster.psql("DELETE FROM rehab.assignment WHERE patient_id = \(pia)", as: "ann")
        )
        // Moving in: her own plan and its history, a forced move of her own days included,
        // in the one transaction that inserts the plan; not afterwards.
        try clinic.cluster.expectOK(
            clinic.cluster.psql(
                "INSERT INTO rehab.assignment (patient_id, plan_id, start_date) "
                    + "VALUES (\(pia), 'itbs', '2026-10-01'); "
                    + "INSERT INTO rehab.phase_change (patient_id, phase_id, date, reason) "
                    + "VALUES (\(pia), 'calm_down', '2026-10-01', 'start'), "
                    + "(\(pia), 'build_up', '2026-10-10', 'forced')", as: "pia"))
        #expect(!(try clinic.cluster.psql(forced, as: "pia")).ok)
        // Ann's forced move and the one that moved in.
        #expect(
            try clinic.count("phase_change", as: "pia", where: "reason = 'forced'") == 2)
    }

    @Test func aPatientReadsAndWritesOnlyTheirOwnRows() throws {
        let clinic = try Clinic()
        defer { clinic.cluster.stop() }
        #expect(try clinic.count("patient", as: "pia") == 1)
        #expect(try clinic.count("patient", as: "pia", where: "login = 'pia'") == 1)
        for table in Self.tables {
            #expect(try clinic.count(table, as: "pia") == 1, "pia's own \(table)")
            #expect(
                try clinic.count(table, as: "pia", where: "patient_id <> \(clinic.pia)") == 0,
                "another's \(table)")
        }
        #expect(try clinic.count("care_team", as: "pia") == 0)
        // Writing someone else's rows: refused, or nothing to touch.
        let insert = try clinic.cluster.psql(
            "INSERT INTO rehab.session (patient_id, date, activity, minutes, pain_during, "
                + "pain_after) VALUES (\(clinic.piet), '2026-11-04', 'run', 20, 0, 0)", as: "pia")
        #expect(!insert.ok)
        #expect(insert.error.contains("row-level security"), "\(insert.error)")
        for table in Self.tables {
            // The physio's tables refuse a patient's change outright (version 7); the rest
            // show a patient no other patient's row to change.
            let physios = Self.physioDecides.contains(table)
            let update = try clinic.cluster.psql(
                "UPDATE rehab.\(table) SET patient_id = patient_id WHERE patient_id = "
                    + "\(clinic.piet) RETURNING 1", as: "pia")
            #expect(
                physios
                    ? update.error.contains("permission denied for table \(table)")
                    : update.ok && update.rows.isEmpty, "update of Piet's \(table)")
            let delete = try clinic.cluster.psql(
                "DELETE FROM rehab.\(table) WHERE patient_id = \(clinic.piet) RETURNING 1",
                as: "pia")
            #expect(
                physios
                    ? delete.error.contains("permission denied for table \(table)")
                    : delete.ok && delete.rows.isEmpty, "delete of Piet's \(table)")
            #expect(try clinic.count(table, as: "bob", where: "patient_id = \(clinic.piet)") == 1)
        }
        // Moving one's own row to another patient is refused by the policy's check.
        let move = try clinic.cluster.psql(
            "UPDATE rehab.session SET patient_id = \(clinic.piet)", as: "pia")
        #expect(!move.ok && move.error.contains("row-level security"), "\(move.error)")
        // Nor can a patient add a patient, or widen anything through SET ROLE.
        #expect(
            !(try clinic.cluster.psql("INSERT INTO rehab.patient (name) VALUES ('X')", as: "pia"))
                .ok)
        let widened = try clinic.cluster.psql(
            "SET ROLE rehab_patient; SELECT count(*) FROM rehab.session", as: "pia")
        #expect(widened.rows == ["1"])
    }

    @Test func aPhysioSeesOnlyThePatientsInTheirCare() throws {
        let clinic = try Clinic()
        defer { clinic.cluster.stop() }
        let ann = try clinic.cluster.expectOK(
            clinic.cluster.psql("SELECT name FROM rehab.patient ORDER BY name", as: "ann"))
        #expect(ann.rows == ["Pia", "Quinn"])
        for table in Self.tables {
            #expect(try clinic.count(table, as: "ann") == 2, "ann's \(table)")
            #expect(try clinic.count(table, as: "ann", where: "patient_id = \(clinic.piet)") == 0)
            #expect(try clinic.count(table, as: "bob") == 2, "bob's \(table)")
            #expect(try clinic.count(table, as: "bob", where: "patient_id = \(clinic.pia)") == 0)
        }
        let insert = try clinic.cluster.psql(
            "INSERT INTO rehab.morning_check (patient_id, date, pain) VALUES (\(clinic.piet), "
                + "'2026-11-05', 3)", as: "ann")
        #expect(!insert.ok && insert.error.contains("row-level security"), "\(insert.error)")
        // Care teams are the administration's: a physio cannot join one.
        let join = try clinic.cluster.psql(
            "INSERT INTO rehab.care_team VALUES (\(clinic.piet), 'ann')", as: "ann")
        #expect(!join.ok)
        let assign = try clinic.cluster.psql(
            try ClinicPeople.assign(patient: "Piet", physio: "ann"), as: "ann")
        #expect(!assign.ok)
        #expect(try clinic.count("patient", as: "ann", where: "id = \(clinic.piet)") == 0)
    }

    /// The health-data policies as PostgreSQL plans them: the login's patients hashed once a
    /// statement (schema version 5), not an array walked for every row read.
    @Test func theCarePolicyIsOneHashProbeARow() throws {
        let clinic = try Clinic()
        defer { clinic.cluster.stop() }
        for table in Self.tables {
            let plan = try clinic.cluster.expectOK(
                clinic.cluster.psql("EXPLAIN SELECT count(*) FROM rehab.\(table)", as: "ann"))
            #expect(plan.rows.contains { $0.contains("hashed SubPlan") }, "\(table): \(plan.rows)")
        }
    }

    @Test func theAdministrationSeesPeopleButNoHealthData() throws {
        let clinic = try Clinic()
        defer { clinic.cluster.stop() }
        #expect(try clinic.count("patient", as: "amy") == 3)
        #expect(try clinic.count("care_team", as: "amy") == 4)
        for table in Self.tables {
            // No grant at all: the administration is refused, not shown an empty table.
            let amy = try clinic.cluster.psql("SELECT count(*) FROM rehab.\(table)", as: "amy")
            #expect(!amy.ok && amy.error.contains("permission denied"), "amy and \(table)")
            #expect(try clinic.count(table, as: clinic.cluster.owner) == 0, "owner and \(table)")
        }
        let refused = try clinic.cluster.psql(
            try ClinicPeople.assign(patient: "Nobody", physio: "ann"), as: "amy")
        #expect(refused.error.contains("no patient called Nobody"), "\(refused.error)")
        let notPhysio = try clinic.cluster.psql(
            try ClinicPeople.assign(patient: "Pia", physio: "piet"), as: "amy")
        #expect(notPhysio.error.contains("piet is not a physio login"), "\(notPhysio.error)")
        #expect(throws: ClinicPeople.BadLogin(login: "Robert'); DROP")) {
            try ClinicPeople.addPhysio("Robert'); DROP")
        }
    }

    @Test func theAccessLogIsWrittenAndAppendOnly() throws {
        let clinic = try Clinic()
        defer { clinic.cluster.stop() }
        // The writes of the fixture were logged by the database itself, as change rows.
        let own = try clinic.cluster.expectOK(
            clinic.cluster.psql(
                "SELECT DISTINCT actor || ' ' || action FROM rehab.access_log "
                    + "WHERE patient_id = \(clinic.pia)", as: "pia"))
        // Her own writes, and her physio's note and discharge.
        #expect(own.rows.sorted() == ["ann change", "pia change"])
        #expect(try clinic.count("access_log", as: "pia", where: "what = 'insert session'") == 1)
        // Views and exports go through log_access, stamped with the login.
        try clinic.cluster.expectOK(
            clinic.cluster.psql(
                "SELECT rehab.log_access(\(clinic.pia), 'view', 'status'); "
                    + "SELECT rehab.log_access(\(clinic.quinn), 'export', 'report', 'quinn')",
                as: "ann"))
        #expect(
            try clinic.count(
                "access_log", as: "pia", where: "actor = 'ann' AND action = 'view'") == 1)
        let foreign = try clinic.cluster.psql(
            "SELECT rehab.log_access(\(clinic.piet), 'view', 'status')", as: "ann")
        #expect(foreign.error.contains("not in your care"), "\(foreign.error)")
        // Many views in one statement (schema version 5): one row each, in the order given,
        // stamped with the login; one patient outside the login's care refuses them all.
        try clinic.cluster.expectOK(
            clinic.cluster.psql(
                "SELECT rehab.log_accesses(ARRAY[\(clinic.quinn), \(clinic.pia)], 'view', "
                    + "'patients')", as: "ann"))
        let listed = try clinic.cluster.expectOK(
            clinic.cluster.psql(
                "SELECT actor || ' ' || patient_id FROM rehab.access_log "
                    + "WHERE what = 'patients' ORDER BY id", as: "amy"))
        #expect(listed.rows == ["ann \(clinic.quinn)", "ann \(clinic.pia)"])
        let mixed = try clinic.cluster.psql(
            "SELECT rehab.log_accesses(ARRAY[\(clinic.pia), \(clinic.piet)], 'view', 'roster')",
            as: "ann")
        #expect(
            mixed.error.contains("patient \(clinic.piet) is not in your care"), "\(mixed.error)")
        #expect(try clinic.count("access_log", as: "amy", where: "what = 'roster'") == 0)
        let ownRecord = try clinic.cluster.psql(
            "SELECT rehab.log_accesses(ARRAY[\(clinic.piet)], 'view', 'roster')", as: "pia")
        #expect(ownRecord.error.contains("not in your care"), "\(ownRecord.error)")
        try clinic.cluster.expectOK(
            clinic.cluster.psql(
                "SELECT rehab.log_accesses(ARRAY[\(clinic.pia)], 'view', 'status')", as: "pia"))
        #expect(
            try clinic.count(
                "access_log", as: "pia", where: "actor = 'pia' AND action = 'view'") == 1)
        // Piet's log is not Pia's to read.
        #expect(
            try clinic.count("access_log", as: "pia", where: "patient_id = \(clinic.piet)") == 0)
        #expect(try clinic.count("access_log", as: "amy") >= 23)
        // No daily role may forge, change or remove a row; the owner is stopped by a trigger.
        for role in ["pia", "piet", "ann", "bob", "amy"] {
            for sql in [
                "INSERT INTO rehab.access_log (actor, action, what) VALUES ('x', 'view', 'x')",
                "UPDATE rehab.access_log SET what = 'nothing'",
                "DELETE FROM rehab.access_log",
                "TRUNCATE rehab.access_log",
            ] {
                let result = try clinic.cluster.psql(sql, as: role)
                #expect(!result.ok, "\(role): \(sql)")
                #expect(result.error.contains("permission denied"), "\(role): \(result.error)")
            }
        }
        // The owner: a DELETE finds no row it may remove (no policy lets it), a TRUNCATE is
        // stopped by the trigger; the log keeps every row.
        let before = try clinic.count("access_log", as: "amy")
        let delete = try clinic.cluster.psql(
            "DELETE FROM rehab.access_log RETURNING 1", as: clinic.cluster.owner)
        #expect(delete.ok && delete.rows.isEmpty, "\(delete.error)")
        let truncate = try clinic.cluster.psql(
            "TRUNCATE rehab.access_log", as: clinic.cluster.owner)
        #expect(truncate.error.contains("append-only"), "\(truncate.error)")
        #expect(try clinic.count("access_log", as: "amy") == before)
    }
}
