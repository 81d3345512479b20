/// Checks a report's tables against the template's arithmetic, as the rule table of
/// `docs/record.md` defines it. Each rule lives in its own file, named by its rule ID.
enum Validator {
    /// Every finding for `cells` of a report in `edition`, in rule order; `narrative` is the request
    /// count stated in 总体情况.
    static func findings(_ cells: TableCells, edition: Edition, narrative: NarrativeCount?) -> [Finding] {
        requestsBalance(cells) + requestsOutcomes(cells) + requestsColumnTotal(cells) + reviewsTotal(cells)
            + cellsNonNegative(cells) + cellsBlank(cells) + narrativeRequests(cells, narrative)
            + otherHandlingCollapsed(cells, edition) + cellsInferred(cells) + cellsAmbiguous(cells)
    }

    /// The applicant columns of table 3, as the template prints them.
    static let requestColumnNames = Template.requestColumns.map { Template.columnTitle($0, table: 3) }

    /// A finding naming `cellIndices`, with the line each was read from.
    static func finding(
        _ rule: String,
        _ message: String,
        severity: Finding.Severity = .error,
        cells cellIndices: [Int],
        in cells: TableCells
    ) -> Finding {
        Finding(
            rule: rule,
            severity: severity,
            message: message,
            cells: cellIndices.map { Template.cellKeys[$0] },
            sourceLines: cellIndices.map { cells.lines[$0] }
        )
    }
}
