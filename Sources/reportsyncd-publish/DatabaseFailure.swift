import PostgresNIO

/// What went wrong with the database, in words an operator can act on: PostgresNIO's own description hides
/// the server's message (it might reach end users); a daemon's journal is the place for it.
struct DatabaseFailure: Error, CustomStringConvertible {
    /// The SQLSTATE the server sent (`57P01` admin shutdown, `28P01` wrong password, `53100` disk full…).
    var sqlState: String?
    var description: String

    init(_ error: any Error) {
        switch error {
        case let failure as DatabaseFailure:
            self = failure
        case let error as PSQLError:
            if let info = error.serverInfo {
                sqlState = info[.sqlState]
                let detail = info[.detail].map { " (\($0))" } ?? ""
                description = "\(info[.severity] ?? "ERROR") \(info[.sqlState] ?? ""): \(info[.message] ?? "")\(detail)"
            } else {
                sqlState = nil
                description = "\(error.code)" + (error.underlying.map { ": \($0)" } ?? "")
            }
        default:
            sqlState = nil
            description = "\(error)"
        }
    }

    /// Whether the server refused the data itself (SQLSTATE class 22, data exception, or 23, integrity
    /// constraint violation): retrying cannot help, so the line goes to `publish_errors`. Anything else
    /// (connection lost, shutdown, disk full, read-only, a password changed) passes and is retried.
    var refusesData: Bool {
        guard let sqlState else { return false }
        return sqlState.hasPrefix("22") || sqlState.hasPrefix("23")
    }
}
