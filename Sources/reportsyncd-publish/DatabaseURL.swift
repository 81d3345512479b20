import Foundation
import NIOSSL
import PostgresNIO

/// Where the fleet database is, as a libpq-style URL: `postgres://USER@HOST:PORT/DATABASE?sslmode=MODE`, or
/// `postgres://USER@/DATABASE?host=/run/postgresql` for a Unix socket (its folder, as libpq names it).
///
/// A password is never part of the URL (it would show in `ps` and the unit file): it comes from
/// `--database-password-file` or systemd's `LoadCredential=`.
struct DatabaseURL: Sendable, Equatable, CustomStringConvertible {
    /// A TCP host, or `nil` for a Unix socket in ``socketFolder``.
    var host: String?
    /// The folder holding the server's socket `.s.PGSQL.<port>`.
    var socketFolder: String?
    var port: Int
    var user: String
    var database: String
    /// libpq's `sslmode`: `disable`, `allow`, `prefer` (the default), `require`, `verify-ca`, `verify-full`.
    var sslMode: String
    /// libpq's `sslrootcert`: the CA certificates that `verify-ca` and `verify-full` trust (else the system's).
    var rootCertificate: String?

    static let sslModes: Set = ["disable", "allow", "prefer", "require", "verify-ca", "verify-full"]

    init(_ text: String) throws(PublishConfigurationError) {
        func invalid(_ why: String) -> PublishConfigurationError {
            .invalidValue(key: "database", value: Self.redacted(text), expected: why)
        }
        guard let url = URLComponents(string: text), let scheme = url.scheme,
            scheme == "postgres" || scheme == "postgresql"
        else { throw invalid("a URL postgres://USER@HOST:PORT/DATABASE") }
        guard url.password == nil else {
            throw invalid("no password in the URL: give it with --database-password-file or LoadCredential=")
        }
        var query: [String: String] = [:]
        for item in url.queryItems ?? [] { query[item.name] = item.value ?? "" }
        let unknown = Set(query.keys).subtracting(["host", "port", "sslmode", "sslrootcert", "user", "dbname"])
        guard unknown.isEmpty else {
            throw invalid("parameters host, port, user, dbname, sslmode, sslrootcert only (a password from a file)")
        }
        let host = query["host"] ?? url.host.flatMap { $0.isEmpty ? nil : $0 }
        if let host, host.hasPrefix("/") {
            self.socketFolder = host
            self.host = nil
        } else {
            self.host = host ?? "localhost"
            self.socketFolder = nil
        }
        guard let port = query["port"].map({ Int($0) }) ?? url.port ?? 5432, (1...65535).contains(port) else {
            throw invalid("a port from 1 to 65535")
        }
        self.port = port
        self.user = query["user"] ?? url.user ?? "reportsyncd"
        let path = String(url.path.drop { $0 == "/" })
        self.database = query["dbname"] ?? (path.isEmpty ? self.user : path)
        self.sslMode = query["sslmode"] ?? "prefer"
        guard Self.sslModes.contains(sslMode) else {
            throw invalid("sslmode one of \(Self.sslModes.sorted().joined(separator: ", "))")
        }
        self.rootCertificate = query["sslrootcert"]
    }

    /// The URL as logs and errors show it: never with a password.
    var description: String {
        guard let host else { return "postgres://\(user)@/\(database)?host=\(socketFolder!)&port=\(port)" }
        return "postgres://\(user)@\(host):\(port)/\(database)?sslmode=\(sslMode)"
    }

    /// The connection settings, TLS as `sslmode` asks (none over a Unix socket).
    func configuration(password: String?) throws -> PostgresConnection.Configuration {
        guard let host else {
            let socket = "\(socketFolder!)/.s.PGSQL.\(port)"
            return .init(unixSocketPath: socket, username: user, password: password, database: database)
        }
        var configuration = PostgresConnection.Configuration(
            host: host,
            port: port,
            username: user,
            password: password,
            database: database,
            tls: try tls()
        )
        configuration.options.connectTimeout = .seconds(10)
        return configuration
    }

    private func tls() throws -> PostgresConnection.Configuration.TLS {
        var settings = TLSConfiguration.makeClientConfiguration()
        switch sslMode {
        case "disable": return .disable
        case "verify-full": settings.certificateVerification = .fullVerification
        case "verify-ca": settings.certificateVerification = .noHostnameVerification
        default: settings.certificateVerification = .none
        }
        if let rootCertificate { settings.trustRoots = .file(rootCertificate) }
        let context = try NIOSSLContext(configuration: settings)
        return sslMode == "allow" || sslMode == "prefer" ? .prefer(context) : .require(context)
    }

    /// `text` with a password blanked, for error messages: after the user (`//user:***@`) and in the query
    /// (`password=***`).
    private static func redacted(_ text: String) -> String {
        var text = text
        if let start = text.range(of: "//"), let at = text[start.upperBound...].firstIndex(of: "@"),
            text[start.upperBound..<at].contains(":")
        {
            let user = text[start.upperBound..<at].prefix { $0 != ":" }
            text = String(text[..<start.upperBound]) + user + ":***" + String(text[at...])
        }
        if let query = text.firstIndex(of: "?") {
            let parameters = text[text.index(after: query)...].split(separator: "&", omittingEmptySubsequences: false)
            let blanked = parameters.map { $0.lowercased().hasPrefix("password=") ? "password=***" : String($0) }
            text = String(text[...query]) + blanked.joined(separator: "&")
        }
        return text
    }
}
