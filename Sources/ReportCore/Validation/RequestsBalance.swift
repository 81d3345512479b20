extension Validator {
    /// `requests.balance`: for every column, received + carriedOver = total + carriedForward.
    static func requestsBalance(_ cells: TableCells) -> [Finding] {
        (0..<7).compactMap { column in
            let received = Template.requestCell(row: 0, column: column)
            let carriedOver = Template.requestCell(row: 1, column: column)
            let total = Template.requestCell(row: 23, column: column)
            let carriedForward = Template.requestCell(row: 24, column: column)
            let left = cells.counts[received] + cells.counts[carriedOver]
            let right = cells.counts[total] + cells.counts[carriedForward]
            guard left != right else { return nil }
            return finding(
                "requests.balance",
                "表三「\(requestColumnNames[column])」列：本年新收 \(cells.counts[received]) + 上年结转 "
                    + "\(cells.counts[carriedOver]) = \(left)，但总计 \(cells.counts[total]) + 结转下年度 "
                    + "\(cells.counts[carriedForward]) = \(right)",
                cells: [received, carriedOver, total, carriedForward],
                in: cells
            )
        }
    }
}
