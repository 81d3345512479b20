extension Validator {
    /// The rows of table 3 that are outcomes: 予以公开 through 3.其他.
    static let outcomeRows = 2...22

    /// `requests.outcomes`: for every column, total = the sum of all outcome rows.
    static func requestsOutcomes(_ cells: TableCells) -> [Finding] {
        (0..<7).compactMap { column in
            let total = Template.requestCell(row: 23, column: column)
            let outcomes = outcomeRows.map { Template.requestCell(row: $0, column: column) }
            let sum = outcomes.reduce(0) { $0 + cells.counts[$1] }
            guard sum != cells.counts[total] else { return nil }
            return finding(
                "requests.outcomes",
                "表三「\(requestColumnNames[column])」列：（七）总计 \(cells.counts[total])，但各办理结果之和为 \(sum)",
                cells: [total] + outcomes,
                in: cells
            )
        }
    }
}
