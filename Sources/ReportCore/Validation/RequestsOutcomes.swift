extension Validator {
    /// `requests.outcomes`: for every column, total = the sum of all outcome rows
    /// (`Template.outcomeRows`, 予以公开 through 3.其他).
    static func requestsOutcomes(_ cells: TableCells) -> [Finding] {
        Template.requestColumns.indices.compactMap { column in
            let total = Template.requestCell(row: Template.requestsTotalRow, column: column)
            let outcomes = Template.outcomeRows.map { Template.requestCell(row: $0, column: column) }
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
