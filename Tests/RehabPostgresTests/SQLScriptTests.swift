import Testing

@testable import RehabPostgres

/// The schema goes to the server one statement at a time: the split must respect quotes,
/// dollar-quoted bodies and comments.
@Suite struct SQLScriptTests {
    @Test func splitsAtSemicolonsOutsideQuotesBodiesAndComments() {
        let script = """
            CREATE TABLE a (x text DEFAULT 'a;b'); -- a comment; with a semicolon
            CREATE FUNCTION f() RETURNS void LANGUAGE plpgsql AS $$
            BEGIN PERFORM 1; END $$;
            DO $body$ BEGIN RAISE NOTICE 'x;y'; END $body$;

            SELECT 1
            """
        let statements = SQLScript.statements(script)
        #expect(statements.count == 4)
        #expect(statements[0] == "CREATE TABLE a (x text DEFAULT 'a;b')")
        #expect(statements[1].hasSuffix("BEGIN PERFORM 1; END $$"))
        #expect(statements[2] == "DO $body$ BEGIN RAISE NOTICE 'x;y'; END $body$")
        #expect(statements[3] == "SELECT 1")
    }

    /// Every statement of the real schema starts with a keyword (nothing was cut mid-way).
    @Test func theSchemaSplitsIntoWholeStatements() {
        let statements = SQLScript.statements(ClinicSchema.createRoles + ClinicSchema.v1)
        let starts = ["CREATE", "ALTER", "DO", "GRANT", "REVOKE", "INSERT", "--"]
        for statement in statements {
            #expect(starts.contains { statement.hasPrefix($0) }, "\(statement.prefix(60))")
        }
        #expect(statements.count > 60)
    }
}
