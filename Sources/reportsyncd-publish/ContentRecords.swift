import Logging
import PostgresNIO

/// The records of a batch's contents, written to `content_records` on a connection of their own, ahead of
/// the transaction that publishes the batch's lines (``FleetDatabase``).
///
/// Any node's record of a content will do (the tables are the same; only `source` differs), and the first
/// one written is kept, so writing it early is safe whatever happens next: a crash before the lines are
/// published leaves a record that their replay finds there. Only records the database lacks travel, in the
/// order of their hashes (two publishers writing the same records cannot deadlock). Commits here need not
/// wait for the disk: the transaction that publishes the lines commits after them, and its flush of the
/// write-ahead log takes theirs along.
struct ContentRecords: Sendable {
    let connection: PostgresConnection
    let logger: Logger

    /// Readies `connection` for writing records.
    static func open(_ connection: PostgresConnection, logger: Logger) async throws -> ContentRecords {
        try await connection.query("SET synchronous_commit = off", logger: logger)
        return ContentRecords(connection: connection, logger: logger)
    }

    /// Writes the records of `batch` that the database lacks. A record the database refuses (a value `jsonb`
    /// cannot hold) is logged and left out: its report is published without its record.
    func store(_ batch: EventBatch) async throws {
        guard !batch.records.isEmpty else { return }
        let held: Set<String>
        do {
            held = try await self.held(batch.records.map(\.hash))
        } catch let failure where DatabaseFailure(failure).refusesData {
            held = []  // a hash the server cannot take: its record is refused below, one by one
        }
        let missing = batch.records.filter { !held.contains($0.hash) }.sorted { $0.hash < $1.hash }
        guard !missing.isEmpty else { return }
        do {
            try await insert(missing)
        } catch let failure where DatabaseFailure(failure).refusesData {
            for record in missing {
                do {
                    try await insert([record])
                } catch let failure where DatabaseFailure(failure).refusesData {
                    logger.warning(
                        "the database refused the record of \(record.hash), published without it: \(DatabaseFailure(failure))",
                        metadata: ["REPORTSYNC_CONTENT_HASH": "\(record.hash)"]
                    )
                }
            }
        }
    }

    /// ``store(_:)`` on this connection, abandoned when the connection closes first.
    func storeUntilClosed(_ batch: EventBatch) async throws {
        try await connection.untilClosed { try await store(batch) }
    }

    private func held(_ hashes: [String]) async throws -> Set<String> {
        var binds = PostgresBindings()
        binds.append(hashes)
        let rows = try await connection.query(
            PostgresQuery(
                unsafeSQL: "SELECT content_hash FROM content_records WHERE content_hash = ANY($1::text[])",
                binds: binds
            ),
            logger: logger
        )
        var held: Set<String> = []
        for try await hash in rows.decode(String.self) { held.insert(hash) }
        return held
    }

    private func insert(_ records: [(hash: String, record: String)]) async throws {
        var binds = PostgresBindings()
        binds.append(records.map(\.hash))
        binds.append(records.map(\.record))
        try await connection.query(
            PostgresQuery(
                unsafeSQL: """
                    INSERT INTO content_records (content_hash, record)
                    SELECT content_hash, record::jsonb FROM unnest($1::text[], $2::text[]) AS c(content_hash, record)
                    ON CONFLICT DO NOTHING
                    """,
                binds: binds
            ),
            logger: logger
        )
    }
}
