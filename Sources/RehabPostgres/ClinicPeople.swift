import Foundation
import RehabCore

/// The statements behind `rehab clinic add-physio`, `add-patient` and `assign`, run by the
/// database owner (who may create roles). Logins are plain PostgreSQL names, checked here, so
/// nothing a user types reaches SQL except as a checked name or a quoted literal.
public enum ClinicPeople {
    /// Worded in `ClinicErrorPhrases.swift`.
    public struct BadLogin: WordedError, Equatable, CustomStringConvertible {
        public let login: String
        public var description: String { text.en }
    }

    /// A login as PostgreSQL stores an unquoted role name; refuses anything else.
    public static func login(_ text: String) throws(BadLogin) -> String {
        let scalars = Array(text.unicodeScalars)
        guard (1...63).contains(scalars.count),
            let first = scalars.first, first == "_" || ("a"..."z").contains(first),
            scalars.allSatisfy({ $0 == "_" || ("a"..."z").contains($0) || ("0"..."9").contains($0) }
            )
        else { throw BadLogin(login: text) }
        return text
    }

    /// A text as an SQL string literal.
    public static func literal(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
    }

    /// The role if it is new, and its membership of the group either way.
    static func role(_ login: String, in group: String) -> String {
        """
        DO $$ BEGIN
            IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = \(literal(login))) THEN
                CREATE ROLE \(login) LOGIN;
            END IF;
        END $$;
        GRANT \(group) TO \(login);
        """
    }

    /// A login in one of the group roles (`ClinicSchema.roles`).
    public static func addLogin(_ login: String, to group: String) throws(BadLogin) -> String {
        precondition(ClinicSchema.roles.contains(group), "not a rehab group role: \(group)")
        return role(try Self.login(login), in: group)
    }

    public static func addPhysio(_ login: String) throws(BadLogin) -> String {
        try addLogin(login, to: "rehab_physio")
    }

    public static func addAdmin(_ login: String) throws(BadLogin) -> String {
        try addLogin(login, to: "rehab_admin")
    }

    public static func addPatient(name: String, login: String) throws(BadLogin) -> String {
        let login = try Self.login(login)
        return role(login, in: "rehab_patient")
            + "\nINSERT INTO rehab.patient (name, login) VALUES (\(literal(name)), "
            + "\(literal(login)));"
    }

    /// Puts a physio in a patient's care team (a patient may have several), through
    /// `rehab.assign_physio`, which refuses a login that is not a physio and a name that is
    /// not a patient.
    public static func assign(patient name: String, physio: String) throws(BadLogin) -> String {
        "SELECT rehab.assign_physio(\(literal(name)), \(literal(try login(physio))));"
    }
}
