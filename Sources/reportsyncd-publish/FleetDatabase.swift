import Logging
import PostgresNIO

/// The fleet database as one node's publisher writes it: the SQL of a batch, in one transaction with the
/// node's high-water mark.
///
/// Exactly once: a line is in `events` (or `publish_errors`) iff its seq is at most `nodes.published_seq`,
/// because both are written in the same transaction, and the mark is read under the node row's lock, so a
/// second publisher of the same node (or a replay after a crash between COMMIT and its reply) finds the
/// lines already there and skips them.
struct FleetDatabase: Sendable {
    let connection: PostgresConnection
    let node: String
    let logger: Logger

    /// Registers the node when it is new; returns its high-water mark and the `source_sha256` of the line at
    /// the mark (`nil` at 0), by which a rebuilt or replaced change log is told apart.
    func register() async throws -> (mark: Int, sha256: String?) {
        try await connection.query("INSERT INTO nodes (node) VALUES (\(node)) ON CONFLICT DO NOTHING", logger: logger)
        let rows = try await connection.query(
            """
            SELECT n.published_seq, coalesce(e.source_sha256, p.line #>> '{source,sha256}')
            FROM nodes n
            LEFT JOIN events e ON e.node = n.node AND e.seq = n.published_seq
            LEFT JOIN publish_errors p ON p.node = n.node AND p.seq = n.published_seq
            WHERE n.node = \(node)
            """,
            logger: logger
        )
        for try await (mark, sha256) in rows.decode((Int, String?).self) { return (mark, sha256) }
        return (0, nil)
    }

    /// Writes `batch` (consecutive seqs of this node) and moves the mark to its last line, in one transaction;
    /// lines at or below the mark are skipped. Returns the new mark.
    func publish(_ batch: EventBatch) async throws -> Int {
        guard let last = batch.last else { return try await register().mark }
        return try await connection.transaction(logger: logger) { connection in
            let mark = try await Self.lockedMark(connection, node: node, logger: logger)
            guard last > mark else { return mark }
            let batch = batch.after(mark)
            let reports = Self.reportBindings(batch)
            try await Self.lockReports(connection, reports, logger: logger)
            try await connection.query(Self.insertEvents(node: node, batch), logger: logger)
            try await connection.query(Self.insertContents(node: node, batch), logger: logger)
            try await Self.recomputeRecords(connection, reports, logger: logger)
            try await connection.query(
                "UPDATE nodes SET published_seq = \(last), last_published = now() WHERE node = \(node)",
                logger: logger
            )
            return last
        }
    }

    /// Keeps `row`, a line the database refused with `error`, in `publish_errors` and moves the mark past it.
    func refuse(_ row: EventRow, sqlState: String, error: String) async throws {
        try await connection.transaction(logger: logger) { connection in
            let mark = try await Self.lockedMark(connection, node: node, logger: logger)
            guard row.seq > mark else { return }
            try await connection.query(
                """
                INSERT INTO publish_errors (node, seq, line, sqlstate, error)
                VALUES (\(node), \(row.seq), \(row.line)::jsonb, \(sqlState), \(error))
                ON CONFLICT DO NOTHING
                """,
                logger: logger
            )
            try await connection.query(
                "UPDATE nodes SET published_seq = \(row.seq), last_published = now() WHERE node = \(node)",
                logger: logger
            )
        }
    }

    private static func lockedMark(_ connection: PostgresConnection, node: String, logger: Logger) async throws -> Int {
        let rows = try await connection.query(
            "SELECT published_seq FROM nodes WHERE node = \(node) FOR UPDATE",
            logger: logger
        )
        for try await mark in rows.decode(Int.self) { return mark }
        throw FleetDatabaseError.nodeMissing(node)
    }

    /// Each agency and year of a batch as rows `k(agency, year)`, from binds `$1` and `$2` (``reportBindings(_:)``).
    private static let touched = "unnest($1::text[], $2::integer[]) AS k(agency, year)"

    private static func reportBindings(_ batch: EventBatch) -> PostgresBindings {
        var binds = PostgresBindings()
        binds.append(batch.agencies)
        binds.append(batch.years)
        return binds
    }

    /// Takes a transaction lock on each agency and year of the batch, in one order for all publishers (so they
    /// cannot deadlock): two nodes publishing the same report at once are serialized, and the second one's
    /// records rule, a later statement, sees the first one's committed events.
    private static func lockReports(
        _ connection: PostgresConnection,
        _ reports: PostgresBindings,
        logger: Logger
    ) async throws {
        try await connection.query(
            PostgresQuery(
                unsafeSQL: """
                    SELECT count(pg_advisory_xact_lock(h)) FROM (
                        SELECT hashtextextended(agency || '/' || year, 0) AS h FROM \(touched) ORDER BY 1) AS keys
                    """,
                binds: reports
            ),
            logger: logger
        )
    }

    private static func insertEvents(node: String, _ batch: EventBatch) -> PostgresQuery {
        var binds = PostgresBindings()
        binds.append(node)
        binds.append(batch.eventsJSON)
        return PostgresQuery(
            unsafeSQL: """
                INSERT INTO events (node, seq, time, event, agency, year, content_hash, status, source_name,
                    source_name_encoding, source_sha256, reason, previous_content_hash, changed_cells, duplicate_of)
                SELECT $1, seq, time, event, agency, year, content_hash, status, source_name, source_name_encoding,
                    source_sha256, reason, previous_content_hash, changed_cells, duplicate_of
                FROM jsonb_to_recordset($2::jsonb) AS b(
                    seq bigint, time timestamptz, event text, agency text, year integer, content_hash text, status text,
                    source_name text, source_name_encoding text, source_sha256 text, reason text,
                    previous_content_hash text, changed_cells text[], duplicate_of bigint)
                ON CONFLICT DO NOTHING
                """,
            binds: binds
        )
    }

    /// Each content once, at its first line in the batch by (time, seq); its first appearance moves to an
    /// earlier (time, node, seq) when one is published later (a node that was offline).
    private static func insertContents(node: String, _ batch: EventBatch) -> PostgresQuery {
        var binds = PostgresBindings()
        binds.append(node)
        binds.append(batch.contentLines.map { $0.contentHash ?? "" })
        binds.append(batch.contentLines.map { $0.agency ?? "" })
        binds.append(batch.contentLines.map { $0.year ?? 0 })
        binds.append(batch.contentLines.map(\.seq))
        binds.append(batch.contentLines.map(\.time))
        let earlier = """
            (EXCLUDED.time, EXCLUDED.node COLLATE "C", EXCLUDED.seq) < (contents.time, contents.node COLLATE "C", contents.seq)
            """
        return PostgresQuery(
            unsafeSQL: """
                INSERT INTO contents (content_hash, agency, year, node, seq, time)
                SELECT DISTINCT ON (content_hash) content_hash, agency, year, $1, seq, time
                FROM (SELECT content_hash, agency, year, seq, time::timestamptz AS time
                    FROM unnest($2::text[], $3::text[], $4::integer[], $5::bigint[], $6::text[])
                        AS c(content_hash, agency, year, seq, time)) AS c
                ORDER BY content_hash, time, seq
                ON CONFLICT (content_hash) DO UPDATE SET
                    node = EXCLUDED.node, seq = EXCLUDED.seq, time = EXCLUDED.time
                WHERE \(earlier)
                """,
            binds: binds
        )
    }

    /// The records rule, for every agency and year the batch touches: of all contents any node logged for
    /// it, the one whose first appearance by (time, node, seq) is the latest; then that record's findings.
    private static func recomputeRecords(
        _ connection: PostgresConnection,
        _ reports: PostgresBindings,
        logger: Logger
    )
        async throws
    {
        try await connection.query(
            PostgresQuery(
                unsafeSQL: """
                    INSERT INTO records AS r (agency, year, content_hash, status, node, seq, time, record)
                    SELECT DISTINCT ON (f.agency, f.year) f.agency, f.year, f.content_hash, f.status, f.node, f.seq,
                        f.time, c.record
                    FROM (
                        SELECT DISTINCT ON (e.agency, e.year, e.content_hash) e.agency, e.year, e.content_hash,
                            e.status, e.node, e.seq, e.time
                        FROM events e JOIN \(touched) ON e.agency = k.agency AND e.year = k.year
                        WHERE e.content_hash IS NOT NULL
                        ORDER BY e.agency, e.year, e.content_hash, e.time, e.node COLLATE "C", e.seq
                    ) f
                    LEFT JOIN content_records c ON c.content_hash = f.content_hash
                    ORDER BY f.agency, f.year, f.time DESC, f.node COLLATE "C" DESC, f.seq DESC
                    ON CONFLICT (agency, year) DO UPDATE SET
                        content_hash = EXCLUDED.content_hash, status = EXCLUDED.status, node = EXCLUDED.node,
                        seq = EXCLUDED.seq, time = EXCLUDED.time, record = EXCLUDED.record, updated_at = now()
                    WHERE (r.content_hash, r.node, r.seq, r.record IS NULL)
                        IS DISTINCT FROM (EXCLUDED.content_hash, EXCLUDED.node, EXCLUDED.seq, EXCLUDED.record IS NULL)
                    """,
                binds: reports
            ),
            logger: logger
        )
        try await connection.query(
            PostgresQuery(
                unsafeSQL: "DELETE FROM findings f USING \(touched) WHERE f.agency = k.agency AND f.year = k.year",
                binds: reports
            ),
            logger: logger
        )
        try await connection.query(
            PostgresQuery(
                unsafeSQL: """
                    INSERT INTO findings (agency, year, ordinal, rule, severity, message, cells, source_lines)
                    SELECT r.agency, r.year, f.ordinal, f.finding ->> 'rule', f.finding ->> 'severity',
                        coalesce(f.finding ->> 'message', ''),
                        ARRAY(SELECT jsonb_array_elements_text(coalesce(f.finding -> 'cells', '[]'))),
                        ARRAY(SELECT jsonb_array_elements_text(coalesce(f.finding -> 'sourceLines', '[]'))::integer)
                    FROM records r JOIN \(touched) ON r.agency = k.agency AND r.year = k.year,
                        jsonb_array_elements(coalesce(r.record #> '{validation,findings}', '[]'))
                            WITH ORDINALITY AS f(finding, ordinal)
                    """,
                binds: reports
            ),
            logger: logger
        )
    }
}

/// The database is not as the publisher left it.
enum FleetDatabaseError: Error, CustomStringConvertible {
    case nodeMissing(String)

    var description: String {
        switch self {
        case .nodeMissing(let node): "the node \(node) is missing from the nodes table"
        }
    }
}
