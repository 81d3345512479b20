extension Validator {
    /// `requests.balance`: for every column, received + carriedOver = total + carriedForward
    /// (`Template.requestsIn`, `Template.requestsOut`).
    static func requestsBalance(_ cells: TableCells) -> [Finding] {
        Template.requestColumns.indices.compactMap { column in
            let incoming = Template.requestsIn.map { Template.requestCell(row: $0, column: column) }
            let outgoing = Template.requestsOut.map { Template.requestCell(row: $0, column: column) }
            let left = incoming.reduce(0) { $0 + cells.counts[$1] }
            let right = outgoing.reduce(0) { $0 + cells.counts[$1] }
            guard left != right else { return nil }
            return finding(
                "requests.balance",
                "表三「\(requestColumnNames[column])」列：本年新收 \(cells.counts[incoming[0]]) + 上年结转 "
                    + "\(cells.counts[incoming[1]]) = \(left)，但总计 \(cells.counts[outgoing[0]]) + 结转下年度 "
                    + "\(cells.counts[outgoing[1]]) = \(right)",
                cells: incoming + outgoing,
                in: cells
            )
        }
    }
}
