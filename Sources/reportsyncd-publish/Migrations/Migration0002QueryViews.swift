extension Migration {
    /// Migration 2: The views offices query: reports_by_year, record_cells, province_totals, missing_years, inconsistent_reports.
    static let views = Migration(
        version: 2,
        name: "views",
        sql: """
            -- The questions a provincial office asks, as views over records and findings.

            -- 各年度报告数及状态: reports per year and status.
            CREATE VIEW reports_by_year AS
            SELECT year, status, count(*) AS reports
            FROM records
            GROUP BY year, status;

            -- Every numeric cell of every current record as (agency, year, cell, value), the cell named by its
            -- dotted key in the record (requests.granted.total, active.rules.issued, reviews.review.upheld…),
            -- derived from the record's own JSON so that no list of cells is kept here.
            CREATE VIEW record_cells AS
            WITH RECURSIVE node(agency, year, cell, value) AS (
                SELECT r.agency, r.year, t.key, t.value
                FROM records r, jsonb_each(jsonb_build_object(
                    'active', r.record -> 'active', 'requests', r.record -> 'requests', 'reviews', r.record -> 'reviews')) AS t
                WHERE r.record IS NOT NULL
              UNION ALL
                SELECT n.agency, n.year, n.cell || '.' || t.key, t.value
                FROM node n, jsonb_each(n.value) AS t
                WHERE jsonb_typeof(n.value) = 'object'
            )
            SELECT agency, year, cell, (value #>> '{}')::numeric AS value
            FROM node
            WHERE jsonb_typeof(value) = 'number'
               OR (jsonb_typeof(value) = 'string' AND value #>> '{}' ~ '^[+-]?[0-9]+([.][0-9]+)?$');

            -- 全省合计: the province's total of every cell by year (received, granted, … as record_cells names them).
            CREATE VIEW province_totals AS
            SELECT year, cell, sum(value) AS total, count(*) AS reports
            FROM record_cells
            GROUP BY year, cell;

            -- 缺报年度: each agency's years without a record, between the fleet's first and last year.
            CREATE VIEW missing_years AS
            SELECT a.agency, y.year
            FROM (SELECT DISTINCT agency FROM records) AS a
            CROSS JOIN generate_series((SELECT min(year) FROM records), (SELECT max(year) FROM records)) AS y(year)
            WHERE NOT EXISTS (SELECT 1 FROM records r WHERE r.agency = a.agency AND r.year = y.year);

            -- 数据不一致的报告: every inconsistent report with each of its findings.
            CREATE VIEW inconsistent_reports AS
            SELECT r.agency, r.year, r.content_hash, r.node, r.seq, f.ordinal, f.rule, f.severity, f.message, f.cells,
                   f.source_lines
            FROM records r
            JOIN findings f USING (agency, year)
            WHERE r.status = 'inconsistent';
            """
    )
}
