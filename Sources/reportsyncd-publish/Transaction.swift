import Logging
import PostgresNIO

extension PostgresConnection {
    /// Runs `body` between BEGIN and COMMIT.
    ///
    /// Unlike PostgresNIO's `withTransaction`, a failure rolls back only when the server refused the data
    /// (``DatabaseFailure/refusesData``), so that the session can go on; after any other failure the session
    /// ends and closing the connection rolls back. A query sent on a connection the server has closed never
    /// returns in PostgresNIO 1.33, and a ROLLBACK after a lost connection is such a query.
    func transaction<Result>(
        logger: Logger,
        _ body: (PostgresConnection) async throws -> Result
    ) async throws -> Result {
        try await query("BEGIN", logger: logger)
        let result: Result
        do {
            result = try await body(self)
        } catch {
            let failure = DatabaseFailure(error)
            if failure.refusesData && !isClosed {
                try await query("ROLLBACK", logger: logger)
            }
            throw failure
        }
        try await query("COMMIT", logger: logger)
        return result
    }
}
