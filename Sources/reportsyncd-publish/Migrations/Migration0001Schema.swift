extension Migration {
    /// Migration 1: The fleet's tables: nodes, events, contents, records, findings, publish_errors.
    static let schema = Migration(
        version: 1,
        name: "schema",
        sql: """
            -- The fleet's tables: every change-log line of every node (events), each content once (contents),
            -- the current record of each agency and year (records) and its findings, and the lines the
            -- database refused (publish_errors). Names and meanings: README.md, "Publishing to PostgreSQL".

            CREATE TABLE nodes (
                node text PRIMARY KEY CHECK (char_length(node) BETWEEN 1 AND 200),
                -- The high-water mark: every line of this node's change log up to this seq is in events or
                -- publish_errors. Written in the same transaction as the lines.
                published_seq bigint NOT NULL DEFAULT 0,
                first_seen timestamptz NOT NULL DEFAULT now(),
                last_published timestamptz
            );

            CREATE TABLE events (
                node text NOT NULL REFERENCES nodes,
                seq bigint NOT NULL CHECK (seq > 0),
                time timestamptz NOT NULL,
                event text NOT NULL CHECK (event IN ('added', 'revised', 'duplicate', 'rejected')),
                agency varchar(200),
                year integer,
                content_hash text,
                status text CHECK (status IN ('valid', 'inconsistent')),
                source_name text NOT NULL,
                source_name_encoding text,
                source_sha256 text NOT NULL,
                reason text,
                previous_content_hash text,
                changed_cells text[],
                duplicate_of bigint,
                -- When the row was written (clock_timestamp: the moment of the insert, not of the transaction start).
                published_at timestamptz NOT NULL DEFAULT clock_timestamp(),
                PRIMARY KEY (node, seq)
            );
            CREATE INDEX events_by_report ON events (agency, year) WHERE content_hash IS NOT NULL;
            CREATE INDEX events_by_content ON events (content_hash) WHERE content_hash IS NOT NULL;

            -- Each content once, with its first appearance in the fleet by (time, node, seq).
            CREATE TABLE contents (
                content_hash text PRIMARY KEY,
                agency varchar(200) NOT NULL,
                year integer NOT NULL,
                node text NOT NULL,
                seq bigint NOT NULL,
                time timestamptz NOT NULL,
                -- The record as a node's mirror held it when its event was published; NULL when no mirror
                -- held this content any more by then.
                record jsonb
            );

            -- Of all the contents logged for an agency and year, the one whose first appearance is the latest.
            CREATE TABLE records (
                agency varchar(200) NOT NULL,
                year integer NOT NULL,
                content_hash text NOT NULL REFERENCES contents,
                status text NOT NULL,
                node text NOT NULL,
                seq bigint NOT NULL,
                time timestamptz NOT NULL,
                record jsonb,
                updated_at timestamptz NOT NULL DEFAULT now(),
                PRIMARY KEY (agency, year)
            );

            CREATE TABLE findings (
                agency varchar(200) NOT NULL,
                year integer NOT NULL,
                ordinal integer NOT NULL,
                rule text NOT NULL,
                severity text NOT NULL,
                message text NOT NULL,
                cells text[] NOT NULL,
                source_lines integer[] NOT NULL,
                PRIMARY KEY (agency, year, ordinal),
                FOREIGN KEY (agency, year) REFERENCES records ON DELETE CASCADE
            );
            CREATE INDEX findings_by_rule ON findings (rule);

            -- Change-log lines the database refused (a value no column can hold): kept, never retried.
            CREATE TABLE publish_errors (
                node text NOT NULL REFERENCES nodes,
                seq bigint NOT NULL,
                line jsonb NOT NULL,
                sqlstate text NOT NULL,
                error text NOT NULL,
                refused_at timestamptz NOT NULL DEFAULT now(),
                PRIMARY KEY (node, seq)
            );
            """
    )
}
