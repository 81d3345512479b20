extension Validator {
    /// `requests.columnTotal`: for every row of table 3, 总计 = the sum of the six applicant columns.
    static func requestsColumnTotal(_ cells: TableCells) -> [Finding] {
        Template.requestRows.indices.compactMap { row in
            let totalColumn = Template.requestColumns.count - 1
            let columns =
                Template.requestCell(row: row, column: 0)..<Template.requestCell(row: row, column: totalColumn)
            let total = Template.requestCell(row: row, column: totalColumn)
            let sum = cells.counts[columns].reduce(0, +)
            guard sum != cells.counts[total] else { return nil }
            return finding(
                "requests.columnTotal",
                "表三 \(Template.requestRows[row].key) 行：总计 \(cells.counts[total])，但六类申请人之和为 \(sum)",
                cells: [total] + Array(columns),
                in: cells
            )
        }
    }
}
