import Foundation

/// Where a clinic database is: a `postgresql://` (or `postgres://`) URL in libpq's form, e.g.
/// `postgresql://ann@/clinic?host=/run/postgresql` (a Unix socket) or
/// `postgresql://ann@db.praktijk.nl:5432/clinic?sslmode=verify-full`. Anything else given as
/// `--db` is a SQLite file.
public struct ClinicURL: Hashable, Sendable {
    public enum Transport: Hashable, Sendable {
        /// The folder holding the server's socket (`.s.PGSQL.<port>`).
        case socket(folder: String)
        case tcp(host: String)
    }

    /// libpq's modes; rehab never sends health data in plain text over a network.
    public enum TLS: String, Hashable, Sendable, CaseIterable {
        case disable, allow, prefer, require
        case verifyCA = "verify-ca"
        case verifyFull = "verify-full"
    }

    public var transport: Transport
    public var port: Int
    public var user: String?
    /// Only from the URL itself; `password(environment:)` also reads PGPASSWORD and .pgpass.
    public var password: String?
    public var database: String
    public var tls: TLS
    /// Seconds to wait for a connection (`connect_timeout`, PGCONNECT_TIMEOUT); libpq's
    /// rules: 0 waits as long as it takes (rehab: its longest, 10 minutes), 1 counts as 2.
    public var connectTimeout = 10
    /// The name the server shows for the connection (`application_name`, PGAPPNAME).
    public var applicationName = "rehab"

    /// Why a `--db` value is refused as a clinic URL, with what a message needs to name the
    /// field, the value and what is allowed; the executable words it in the user's language.
    /// A value a user typed is kept only where it cannot hold a password.
    public enum Problem: Error, Equatable, Sendable {
        /// Not a `postgresql://` URL at all: the text as typed, its password hidden.
        case notAURL(redacted: String)
        /// A query parameter libpq's form does not have, and the ones it does (sorted).
        case unknownParameter(String, known: [String])
        /// The port as given (URL, `port=` or PGPORT): not a number in 1-65535.
        case badPort(String)
        /// A connect_timeout (URL or PGCONNECT_TIMEOUT) that is not a whole number of seconds.
        case badConnectTimeout(String)
        /// Neither the path, `dbname=` nor PGDATABASE names a database.
        case noDatabase
        /// An sslmode (URL or PGSSLMODE) that is none of `TLS`'s modes.
        case badSSLMode(String)
        /// A mode that may send health data in plain text to a host that is not this machine.
        case plaintextOverNetwork(mode: TLS, host: String)
    }

    /// Where the server is reached: its socket file (`FOLDER/.s.PGSQL.PORT`) or `host:port`
    /// (an IPv6 address in brackets).
    public var serverAddress: String {
        switch transport {
        case .socket(let folder): folder + "/.s.PGSQL.\(port)"
        case .tcp(let host) where host.contains(":"): "[\(host)]:\(port)"
        case .tcp(let host): "\(host):\(port)"
        }
    }

    /// True for a value that means PostgreSQL, so it is never taken for a file name.
    public static func isClinic(_ value: String) -> Bool {
        let lower = value.lowercased()
        return lower.hasPrefix("postgresql:") || lower.hasPrefix("postgres:")
    }

    public init(_ text: String, environment: [String: String] = [:]) throws(Problem) {
        guard Self.isClinic(text), let components = URLComponents(string: text),
            ["postgresql", "postgres"].contains(components.scheme?.lowercased() ?? "")
        else {
            throw .notAURL(redacted: Self.redacted(text))
        }
        var query: [String: String] = [:]
        for item in components.queryItems ?? [] {
            guard Self.knownParameters.contains(item.name) else {
                throw .unknownParameter(item.name, known: Self.knownParameters.sorted())
            }
            query[item.name] = item.value ?? ""
        }
        let host =
            query["host"] ?? components.percentEncodedHost.flatMap {
                $0.isEmpty ? nil : $0.removingPercentEncoding.map(Self.unbracketed)
            } ?? environment["PGHOST"] ?? "/run/postgresql"
        transport = host.hasPrefix("/") ? .socket(folder: host) : .tcp(host: host)
        let portText = query["port"] ?? components.port.map(String.init) ?? environment["PGPORT"]
        if let portText {
            guard let port = Int(portText), (1...65535).contains(port) else {
                throw .badPort(portText)
            }
            self.port = port
        } else {
            port = 5432
        }
        if let timeout = query["connect_timeout"] ?? environment["PGCONNECT_TIMEOUT"] {
            guard let seconds = Int(timeout), seconds >= 0 else {
                throw .badConnectTimeout(timeout)
            }
            connectTimeout = seconds == 0 ? 600 : max(seconds, 2)
        }
        if let name = query["application_name"] ?? environment["PGAPPNAME"] {
            applicationName = name
        }
        user = query["user"] ?? components.user?.removingPercentEncoding ?? environment["PGUSER"]
        password = query["password"] ?? components.password?.removingPercentEncoding
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : ""
        let name = query["dbname"] ?? (path.isEmpty ? nil : path) ?? environment["PGDATABASE"]
        guard let name, !name.isEmpty else {
            throw .noDatabase
        }
        database = name
        let mode = query["sslmode"] ?? environment["PGSSLMODE"]
        if let mode {
            guard let tls = TLS(rawValue: mode) else {
                throw .badSSLMode(mode)
            }
            self.tls = tls
        } else {
            tls = .require
        }
        if case .tcp(let host) = transport, !Self.isLoopback(host) {
            // Over a network TLS is required: prefer and allow would fall back to plain text
            // without saying so; disable would never try.
            guard tls == .require || tls == .verifyCA || tls == .verifyFull else {
                throw .plaintextOverNetwork(mode: tls, host: host)
            }
        }
    }

    static let knownParameters: Set<String> = [
        "host", "port", "user", "password", "dbname", "sslmode", "application_name",
        "connect_timeout",
    ]

    static func isLoopback(_ host: String) -> Bool {
        ["localhost", "127.0.0.1", "::1"].contains(host.lowercased()) || host.hasPrefix("127.")
    }

    /// An IPv6 address as a URL writes it (`[::1]`) is looked up without its brackets.
    static func unbracketed(_ host: String) -> String {
        host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
    }

    /// The URL as it may be shown: never the password.
    public var description: String {
        var text = "postgresql://" + (user.map { $0 + "@" } ?? "")
        switch transport {
        case .socket(let folder):
            text += "/\(database)?host=\(folder)" + (port == 5432 ? "" : "&port=\(port)")
        case .tcp:
            text += "\(serverAddress)/\(database)?sslmode=\(tls.rawValue)"
        }
        return text
    }

    /// A URL as typed, with any password replaced by `***`, for messages.
    public static func redacted(_ text: String) -> String {
        guard var components = URLComponents(string: text) else { return redactedByHand(text) }
        if components.password != nil { components.password = "***" }
        if let items = components.queryItems, items.contains(where: { $0.name == "password" }) {
            components.queryItems = items.map {
                $0.name == "password" ? URLQueryItem(name: "password", value: "***") : $0
            }
        }
        return components.string ?? redactedByHand(text)
    }

    /// A text that is no URL, shown as typed so the user sees what is wrong with it, but with
    /// everything that could be a password hidden: the user information's part after its
    /// colon (up to the last `@` before the path, as a raw `@` may stand in a password) and
    /// every `password=` value.
    static func redactedByHand(_ text: String) -> String {
        text.replacing(#/(://[^/?#:@]*):[^/?#]*@/#) { "\($0.output.1):***@" }
            .replacing(#/password=[^&#]*/#, with: "password=***")
    }

    /// The password to send: the URL's, else PGPASSWORD, else the first matching line of
    /// PGPASSFILE or ~/.pgpass (read only when private, 0600, as libpq does).
    public func password(environment: [String: String]) -> String? {
        if let password { return password }
        if let password = environment["PGPASSWORD"] { return password }
        let file =
            environment["PGPASSFILE"]
            ?? environment["HOME"].map { $0 + "/.pgpass" } ?? NSHomeDirectory() + "/.pgpass"
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: file),
            let mode = attributes[.posixPermissions] as? Int, mode & 0o077 == 0,
            let text = try? String(contentsOfFile: file, encoding: .utf8)
        else { return nil }
        let host: String
        switch transport {
        case .socket: host = "localhost"
        case .tcp(let name): host = name
        }
        let wanted = [host, String(port), database, user ?? ""]
        for line in text.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
            let fields = Self.passFields(String(line))
            guard fields.count == 5 else { continue }
            if zip(fields.prefix(4), wanted).allSatisfy({ $0 == "*" || $0 == $1 }) {
                return fields[4]
            }
        }
        return nil
    }

    /// `host:port:database:user:password`, with `\:` and `\\` escaped.
    static func passFields(_ line: String) -> [String] {
        var fields: [String] = []
        var field = ""
        var escaped = false
        for character in line {
            if escaped {
                field.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == ":", fields.count < 4 {
                fields.append(field)
                field = ""
            } else {
                field.append(character)
            }
        }
        fields.append(field)
        return fields
    }
}
