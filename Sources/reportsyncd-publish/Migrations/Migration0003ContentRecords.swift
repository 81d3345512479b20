extension Migration {
    /// Migration 3: Each content's record in a table of its own, `content_records`, compressed with LZ4.
    ///
    /// Parsing a batch's records into `jsonb` is most of what a batch costs the server. Any node's record of a
    /// content will do and the first one written is kept, so a publisher writes it ahead of the transaction
    /// that publishes its lines, on a second connection, while the batch before runs on the first. Needs
    /// PostgreSQL 14 or later built with lz4 (Debian's is).
    static let contentRecords = Migration(
        version: 3,
        name: "content records",
        sql: """
            -- Publishers of older versions still writing contents.record wait until this is done (and then
            -- fail until they are upgraded: a fleet is upgraded together).
            LOCK TABLE contents, records IN ACCESS EXCLUSIVE MODE;
            -- Each content's record, by its hash, as a node's mirror held it; written before the lines that name
            -- it, never changed. A content no mirror held any more when its lines were published has none.
            CREATE TABLE content_records (
                content_hash text PRIMARY KEY,
                record jsonb NOT NULL
            );
            -- LZ4 (PostgreSQL 14 and later, built with lz4 as Debian's is): pglz took longer to compress a
            -- batch's records (some 7 KB of JSON each) than the server took to parse them.
            ALTER TABLE content_records ALTER COLUMN record SET COMPRESSION lz4;
            ALTER TABLE records ALTER COLUMN record SET COMPRESSION lz4;
            INSERT INTO content_records (content_hash, record)
            SELECT content_hash, record FROM contents WHERE record IS NOT NULL;
            ALTER TABLE contents DROP COLUMN record;
            """
    )
}
