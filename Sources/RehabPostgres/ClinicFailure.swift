import RehabCore

extension ClinicConnection {
    /// A failed connection or a refused statement: why, as a reason worded in each language
    /// (`text`, in `ClinicErrorPhrases.swift`), with the server's SQLSTATE when it gave one
    /// (23505: a unique value taken, 42501: not allowed) and the constraint it named. The
    /// server's own words (in the server's language) and the driver's are quoted as they
    /// came; the URL is shown without its password. `description` is the English text, for
    /// logs and tests.
    public struct Failure: WordedError, CustomStringConvertible, Sendable {
        public var reason: Reason
        public var code: String? = nil
        public var constraint: String? = nil

        public init(_ reason: Reason, code: String? = nil, constraint: String? = nil) {
            self.reason = reason
            self.code = code
            self.constraint = constraint
        }

        public var text: LocalizedText { reason.text }
        public var description: String { text.en }

        public indirect enum Reason: Hashable, Sendable {
            /// No connection to the server at `url` (as shown): the driver's words.
            case cannotConnect(url: String, detail: String)
            /// Nothing listens at `address` (the server's socket file, or host:port): no
            /// server runs there, or the host, port or socket folder is wrong.
            case noServer(url: String, address: String)
            /// The host name in `url` could not be looked up.
            case unknownHost(url: String, host: String)
            /// The server at `url` offers no TLS, which the URL's sslmode requires.
            case noTLS(url: String)
            /// The server at `url` asks for a password and none was found.
            case passwordNeeded(url: String)
            /// The server at `url` refused the login or a session setting, in its own words.
            case connectionRefused(url: String, message: String)
            /// The server refused a statement, in its own words (and its hint).
            case refused(message: String)
            /// The driver failed with no words of the server's: its own.
            case driver(detail: String)
            /// The server dropped the connection; the next transaction connects again.
            case lost
            /// The connection was gone and connecting again failed, for `reason`.
            case lostAndReconnectFailed(Reason)
            /// A statement went unanswered this long; the connection was closed.
            case noAnswer(seconds: Int)
            /// COMMIT got no answer (for `reason`): the server may have stored it.
            case commitUnanswered(Reason)
            /// The login may not remove the patient (policy patient_removed).
            case mayNotRemovePatient(login: String, patient: Int64)
            // The refusals of the clinic schema's own functions, recognised in the server's
            // message (`Reason(server:hint:)`).
            /// rehab.add_patient for a login that is neither a physio nor the administration.
            case mayNotAddPatients(login: String)
            /// The access log's care check (rehab.log_access, rehab.log_accesses).
            case notInCare(patient: Int64)
            /// rehab.assign for a login that is no physio.
            case notAPhysio(login: String)
            /// rehab.assign for a name no patient has.
            case noPatientCalled(String)
            /// An UPDATE, DELETE or TRUNCATE of the access log.
            case accessLogAppendOnly
            /// A patient's login changing what the physio decides (schema version 7): the
            /// plan, its tuning and phases, a clinical note, the discharge.
            case physioDecides(table: String)
            /// A patient's login forcing a phase move (the exit criteria overruled).
            case physioForces

            /// The server's refusal: one of the clinic schema's own, as its functions word
            /// them (RAISE EXCEPTION in `ClinicSchema*.swift`), else its message and hint.
            init(server message: String, hint: String?) {
                func between(_ start: String, _ end: String) -> String? {
                    guard message.count > start.count + end.count, message.hasPrefix(start),
                        message.hasSuffix(end)
                    else { return nil }
                    return String(message.dropFirst(start.count).dropLast(end.count))
                }
                if hint == nil, message == "the access log is append-only" {
                    self = .accessLogAppendOnly
                } else if hint == nil,
                    let login = between(
                        "", " may not add patients (only a physio or the administration may)")
                {
                    self = .mayNotAddPatients(login: login)
                } else if hint == nil, let id = between("patient ", " is not in your care"),
                    let patient = Int64(id)
                {
                    self = .notInCare(patient: patient)
                } else if let login = between("physio: ", " is not a physio login"),
                    hint == "add it with: rehab clinic add-physio " + login
                {
                    self = .notAPhysio(login: login)
                } else if hint == nil, let name = between("patient: no patient called ", "") {
                    self = .noPatientCalled(name)
                } else if hint == nil,
                    message.hasPrefix(
                        "new row violates row-level security policy \"\(ClinicSchema.forcedByPhysioPolicy)\""
                    )
                {
                    self = .physioForces
                } else if hint == nil, let table = between("permission denied for table ", ""),
                    (ClinicSchema.physioTunedTables + ClinicSchema.physioWrittenTables)
                        .contains(table)
                {
                    self = .physioDecides(table: table)
                } else {
                    self = .refused(message: Self.quoted(message, hint: hint))
                }
            }

            /// The server's message with its hint after it.
            static func quoted(_ message: String, hint: String?) -> String {
                message + (hint.map { " (\($0))" } ?? "")
            }
        }
    }
}
