import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import PostgresNIO

/// One connection to a clinic database for the length of a command, over its Unix socket or
/// over TCP with TLS (see `ClinicURL` for when TLS is required). The password is only ever
/// handed to the driver; nothing here prints or logs it.
public final class ClinicConnection: Sendable {
    let connection: PostgresConnection
    let logger = Logger(label: "rehab.clinic")
    public let url: ClinicURL
    /// The login the server knows this connection as.
    public let login: String

    /// A refusal by the server or a failed connection, in the server's own words, with the
    /// server's SQLSTATE when it gave one (23505: a unique value taken, 42501: not allowed).
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
        public var code: String? = nil
        public var constraint: String? = nil
    }

    public init(_ url: ClinicURL, environment: [String: String]) throws {
        self.url = url
        let user =
            url.user ?? environment["USER"] ?? ProcessInfo.processInfo.userName
        login = user
        let password = url.password(environment: environment)
        var configuration: PostgresConnection.Configuration
        switch url.transport {
        case .socket(let folder):
            configuration = .init(
                unixSocketPath: folder + "/.s.PGSQL.\(url.port)", username: user,
                password: password, database: url.database)
        case .tcp(let host):
            configuration = .init(
                host: host, port: url.port, username: user, password: password,
                database: url.database, tls: try Self.tls(url.tls))
        }
        configuration.options.connectTimeout = .seconds(10)
        do {
            connection = try PostgresConnection.connect(
                on: MultiThreadedEventLoopGroup.singleton.any(), configuration: configuration,
                id: 1, logger: logger
            ).wait()
        } catch {
            throw Failure(description: "\(url.description): \(Self.message(error))")
        }
    }

    private static func tls(_ mode: ClinicURL.TLS) throws -> PostgresConnection.Configuration.TLS {
        var tls = TLSConfiguration.makeClientConfiguration()
        switch mode {
        case .disable: return .disable
        case .allow, .prefer, .require:
            // libpq's require: encrypted, the certificate not checked.
            tls.certificateVerification = .none
        case .verifyCA: tls.certificateVerification = .noHostnameVerification
        case .verifyFull: tls.certificateVerification = .fullVerification
        }
        let context = try NIOSSLContext(configuration: tls)
        return mode == .allow || mode == .prefer ? .prefer(context) : .require(context)
    }

    deinit {
        try? connection.close().wait()
    }

    /// Runs one statement and returns its rows' columns as text; cast anything else to text in
    /// the statement (values arrive in PostgreSQL's binary form otherwise).
    @discardableResult
    public func rows(_ sql: String) throws -> [[String?]] {
        do {
            let result = try connection.query(PostgresQuery(unsafeSQL: sql), logger: logger)
                .wait()
            return result.rows.map { row in
                row.map { cell in cell.bytes.map { String(buffer: $0) } }
            }
        } catch {
            throw Failure(description: Self.message(error))
        }
    }

    /// Runs one statement with its values bound (never spliced into the text) and returns the
    /// rows and the server's count of rows changed.
    @discardableResult
    public func query(_ query: PostgresQuery) throws -> PostgresQueryResult {
        do {
            return try connection.query(query, logger: logger).wait()
        } catch {
            throw Self.failure(error)
        }
    }

    /// Runs a script of our own statements in one transaction: all or nothing.
    public func transaction(_ script: String) throws {
        try rows("BEGIN")
        do {
            for statement in SQLScript.statements(script) { try rows(statement) }
            try rows("COMMIT")
        } catch {
            _ = try? rows("ROLLBACK")
            throw error
        }
    }

    static func failure(_ error: any Error) -> Failure {
        let info = (error as? PSQLError)?.serverInfo
        return Failure(
            description: message(error), code: info?[.sqlState],
            constraint: info?[.constraintName])
    }

    /// The server's message (and hint), without driver internals.
    static func message(_ error: any Error) -> String {
        guard let error = error as? PSQLError else { return "\(error)" }
        if let info = error.serverInfo, let message = info[.message] {
            return message + (info[.hint].map { " (\($0))" } ?? "")
        }
        switch error.code {
        case .connectionError, .serverClosedConnection:
            return "cannot connect: \(error.underlying.map { "\($0)" } ?? "connection refused")"
        default:
            return "\(error.code)"
        }
    }
}
