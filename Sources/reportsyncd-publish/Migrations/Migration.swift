import Logging
import PostgresNIO

/// One versioned change to the fleet schema. Migrations are applied in order, each in a transaction with
/// its row in `schema_version`, so a database is always at one version.
struct Migration: Sendable {
    var version: Int
    var name: String
    /// Statements, each ending with `;` at the end of a line.
    var sql: String

    /// The advisory lock that migrations are applied under: "reportsy" in ASCII.
    static let lockKey = 0x7265_706f_7274_7379

    /// Every migration, oldest first: a new one is appended here, never edited into an old one.
    static let all: [Migration] = [.schema, .views, .contentRecords]

    /// The statements of ``sql``, sent one by one (the extended protocol takes one statement at a time).
    var statements: [String] {
        var statements: [String] = []
        var current = ""
        for line in sql.split(separator: "\n", omittingEmptySubsequences: false) {
            current += line + "\n"
            if line.hasSuffix(";") {
                statements.append(current)
                current = ""
            }
        }
        return statements
    }

    /// Brings the database to the newest version, applying what it lacks; returns the versions applied.
    ///
    /// Publishers starting together on a new database: one applies, the others wait on the advisory lock
    /// (released at the end, or by the server when the connection is lost) and then find nothing to do.
    @discardableResult
    static func migrate(_ connection: PostgresConnection, logger: Logger) async throws -> [Int] {
        try await connection.query("SELECT pg_advisory_lock(\(lockKey))", logger: logger)
        let applied: [Int]
        do {
            applied = try await apply(connection, logger: logger)
        } catch {
            _ = try? await connection.query("SELECT pg_advisory_unlock(\(lockKey))", logger: logger)
            throw error
        }
        try await connection.query("SELECT pg_advisory_unlock(\(lockKey))", logger: logger)
        return applied
    }

    private static func apply(_ connection: PostgresConnection, logger: Logger) async throws -> [Int] {
        try await connection.query(
            """
            CREATE TABLE IF NOT EXISTS schema_version (
                version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())
            """,
            logger: logger
        )
        var applied: [Int] = []
        for migration in all {
            let done = try await connection.transaction(logger: logger) { connection in
                let rows = try await connection.query(
                    "SELECT 1 FROM schema_version WHERE version = \(migration.version)",
                    logger: logger
                )
                for try await _ in rows { return true }
                for statement in migration.statements {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                try await connection.query(
                    "INSERT INTO schema_version (version, name) VALUES (\(migration.version), \(migration.name))",
                    logger: logger
                )
                return false
            }
            if !done {
                applied.append(migration.version)
                logger.notice(
                    "applied schema migration \(migration.version) (\(migration.name))",
                    metadata: ["SCHEMA_VERSION": "\(migration.version)"]
                )
            }
        }
        return applied
    }
}
