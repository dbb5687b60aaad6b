import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import PostgresNIO

/// One connection to a clinic database for the length of a command, over its Unix socket or
/// over TCP with TLS (see `ClinicURL` for when TLS is required). The password is only ever
/// handed to the driver; nothing here prints or logs it.
///
/// Deliberately not postgres-nio's pool (`PostgresClient`, 1.33): while the server is down a
/// pooled request is not failed but queued, and the pool retries connecting with backoff
/// until its circuit breaker trips after 60 s (`ConnectionPoolConfiguration`, which
/// `PostgresClient.Configuration` does not expose; tried: a query with no server listening
/// was still waiting after 25 s), so a save during a restart would hang instead of failing
/// at once with "cannot connect"; an outer timeout could only turn that into "no answer". Its API is async only as well: bridged to the store's synchronous
/// calls (a semaphore waiting for a task), a caller on the cooperative thread pool would block
/// one of the threads the pool's own `run()` needs. The app never has two store calls at once
/// (its worker runs one effect at a time and polls for outside changes only between them), so
/// one connection is all it uses.
// Unchecked: `current` is only read or replaced under `lock`.
public final class ClinicConnection: @unchecked Sendable {
    /// The connection in use; replaced when the server dropped it (`reconnectIfLost`).
    private var current: PostgresConnection
    private let lock = NSLock()
    private let configuration: PostgresConnection.Configuration
    /// Statements every new connection runs first (session settings).
    private let setup: [String]
    let logger = Logger(label: "rehab.clinic")
    /// How long a statement may go unanswered: a server that went away without closing the
    /// socket would otherwise hold the app's frame (and the user) forever.
    static let answerTimeout = TimeAmount.seconds(15)

    /// Set when `current` went unanswered past `answerTimeout`: its close is under way on the
    /// event loop, and until that finishes the driver would still take statements on it (a
    /// ROLLBACK after a silent BEGIN then waited out a second timeout). Under `lock`.
    private var silent = false

    var connection: PostgresConnection { lock.withLock { current } }
    public let url: ClinicURL
    /// The login the server knows this connection as.
    public let login: String

    /// `settings`: session settings sent with the login (the startup message), so they cost
    /// no round trip of their own; `setup`: statements every new connection runs first.
    public init(
        _ url: ClinicURL, environment: [String: String], settings: [(String, String)] = [],
        setup: [String] = []
    ) throws {
        self.url = url
        let user =
            url.user ?? environment["USER"] ?? ProcessInfo.processInfo.userName
        login = user
        let password = url.password(environment: environment)
        var configuration: PostgresConnection.Configuration
        switch url.transport {
        case .socket:
            configuration = .init(
                unixSocketPath: url.serverAddress, username: user,
                password: password, database: url.database)
        case .tcp(let host):
            configuration = .init(
                host: host, port: url.port, username: user, password: password,
                database: url.database, tls: try Self.tls(url.tls))
        }
        configuration.options.connectTimeout = .seconds(Int64(url.connectTimeout))
        configuration.options.additionalStartupParameters =
            [("application_name", url.applicationName)] + settings
        self.configuration = configuration
        self.setup = setup
        current = try Self.connect(configuration, url: url, setup: setup, logger: logger)
    }

    private static func connect(
        _ configuration: PostgresConnection.Configuration, url: ClinicURL, setup: [String],
        logger: Logger
    ) throws -> PostgresConnection {
        let connection: PostgresConnection
        do {
            connection = try PostgresConnection.connect(
                on: MultiThreadedEventLoopGroup.singleton.any(), configuration: configuration,
                id: 1, logger: logger
            ).wait()
        } catch {
            throw Failure(connecting(url, error))
        }
        for statement in setup {
            do {
                _ = try connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                    .wait()
            } catch {
                try? connection.close().wait()
                throw Failure(connecting(url, error))
            }
        }
        return connection
    }

    /// Connects again when the server dropped the connection (a restart, a fail-over, a
    /// network that came back). Only between transactions: the store calls it before BEGIN,
    /// so a transaction never continues on a connection that did not start it.
    public func reconnectIfLost() throws {
        guard lock.withLock({ current.isClosed || silent }) else { return }
        let fresh: PostgresConnection
        do {
            fresh = try Self.connect(configuration, url: url, setup: setup, logger: logger)
        } catch let failure as Failure {
            throw Failure(.lostAndReconnectFailed(failure.reason))
        }
        lock.withLock {
            current = fresh
            silent = false
        }
    }

    /// The statement's answer, or a failure once the server is gone or silent too long; a
    /// silent connection is closed, so the next transaction connects again.
    private func answer<T: Sendable>(_ send: (PostgresConnection) -> EventLoopFuture<T>)
        throws -> T
    {
        let (used, unanswered) = lock.withLock { (current, silent) }
        guard !used.isClosed, !unanswered else { throw Self.lost }
        let future = send(used)
        let promise = future.eventLoop.makePromise(of: T.self)
        let timer = future.eventLoop.scheduleTask(in: Self.answerTimeout) {
            promise.fail(NoAnswer())
        }
        future.whenComplete { result in
            timer.cancel()
            promise.completeWith(result)
        }
        do {
            return try promise.futureResult.wait()
        } catch is NoAnswer {
            lock.withLock { if current === used { silent = true } }
            let closing: EventLoopFuture<Void> = used.close()
            _ = closing
            throw Failure(.noAnswer(seconds: Int(Self.answerTimeout.nanoseconds / 1_000_000_000)))
        }
    }

    private struct NoAnswer: Error {}

    static let lost = Failure(.lost)

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
            let result = try answer { $0.query(PostgresQuery(unsafeSQL: sql), logger: logger) }
            return result.rows.map { row in
                row.map { cell in cell.bytes.map { String(buffer: $0) } }
            }
        } catch let failure as Failure {
            throw failure
        } catch {
            // With the SQLSTATE and constraint, so a caller can tell a unique name apart.
            throw Self.failure(error)
        }
    }

    /// Runs one statement with its values bound (never spliced into the text) and returns the
    /// rows and the server's count of rows changed.
    @discardableResult
    public func query(_ query: PostgresQuery) throws -> PostgresQueryResult {
        do {
            return try answer { $0.query(query, logger: logger) }
        } catch let failure as Failure {
            throw failure
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
        let reason: Failure.Reason
        if let info, let message = info[.message] {
            reason = Failure.Reason(server: message, hint: info[.hint])
        } else if let code = (error as? PSQLError)?.code,
            code == .serverClosedConnection || code == .clientClosedConnection
        {
            reason = .lost
        } else {
            reason = .driver(detail: detail(error))
        }
        return Failure(reason, code: info?[.sqlState], constraint: info?[.constraintName])
    }

    /// Why connecting to `url` failed: the server's refusal in its own words (and hint), or
    /// the driver's.
    private static func connecting(_ url: ClinicURL, _ error: any Error) -> Failure.Reason {
        if let info = (error as? PSQLError)?.serverInfo, let message = info[.message] {
            return .connectionRefused(
                url: url.description,
                message: Failure.Reason.quoted(message, hint: info[.hint]))
        }
        switch (error as? PSQLError)?.code {
        case .sslUnsupported?: return .noTLS(url: url.description)
        case .authMechanismRequiresPassword?: return .passwordNeeded(url: url.description)
        default: break
        }
        let underlying = (error as? PSQLError)?.underlying ?? error
        let refusedOrAbsent: Set<CInt> = [ECONNREFUSED, ENOENT]
        if let code = systemError(underlying), refusedOrAbsent.contains(code) {
            return .noServer(url: url.description, address: url.serverAddress)
        }
        if let failed = underlying as? NIOConnectionError, failed.connectionErrors.isEmpty,
            failed.dnsAError != nil || failed.dnsAAAAError != nil
        {
            return .unknownHost(url: url.description, host: failed.host)
        }
        return .cannotConnect(url: url.description, detail: detail(error))
    }

    /// The system's errno behind a connection not made, when the driver passes one on: a
    /// socket's connect, or the first of the addresses tried for a host name.
    private static func systemError(_ error: any Error) -> CInt? {
        if let failure = error as? IOError { return failure.errnoCode }
        if let failed = error as? NIOConnectionError {
            return failed.connectionErrors.lazy.compactMap { ($0.error as? IOError)?.errnoCode }
                .first
        }
        return nil
    }

    /// The driver's own words for a failure without the server's: the system's reason for a
    /// connection not made, else the driver's code, without driver internals.
    private static func detail(_ error: any Error) -> String {
        guard let error = error as? PSQLError else { return "\(error)" }
        if error.code == .connectionError {
            guard let underlying = error.underlying else { return "connection refused" }
            // The system's own words for its errno, not NIO's description of the call.
            if let code = systemError(underlying) { return String(cString: strerror(code)) }
            return "\(underlying)"
        }
        return "\(error.code)"
    }
}
