extension Validator {
    /// `narrative.requests` (warning): the request count stated in 总体情况 agrees with table 3's
    /// received total, or with it and the requests carried over together (共受理…749件 counts both).
    static func narrativeRequests(_ cells: TableCells, _ narrative: NarrativeCount?) -> [Finding] {
        let received = Template.receivedTotalCell
        let carriedOver = Template.requestCell(
            row: Template.requestRow("carriedOver"),
            column: Template.requestColumns.count - 1
        )
        let agreeing = [cells.counts[received], cells.counts[received] &+ cells.counts[carriedOver]].map(String.init)
        guard let narrative, !agreeing.contains(narrative.count) else { return [] }
        return [
            finding(
                "narrative.requests",
                "总体情况 (line \(narrative.line)) states \(narrative.count) request(s), "
                    + "but table 3 received.total is \(cells.counts[received])",
                severity: .warning,
                cells: [received],
                in: cells
            )
        ]
    }

    /// A warning when （六）其他处理 was printed as one row and read into `otherHandling.other`, in a
    /// 2021-edition report: the 2019 trial edition prints it so.
    static func otherHandlingCollapsed(_ cells: TableCells, _ edition: Edition) -> [Finding] {
        guard edition == .edition2021, cells.collapsedOtherHandlingLine != nil else { return [] }
        let rows = Template.otherHandlingFirstRow..<Template.otherHandlingFirstRow + 3
        return [
            finding(
                "template.otherHandlingRow",
                "（六）其他处理 is printed as one row: its values were read into otherHandling.other, "
                    + "overdueCorrection and unpaidFee are 0",
                severity: .warning,
                cells: rows.map { Template.requestCell(row: $0, column: 6) },
                in: cells
            )
        ]
    }
}
