/// One of a record's three tables laid out as the template prints it, for readers that show a record
/// to people (`serve`): its heading, its header rows with merged cells and its rows, each with its
/// label and the keys of its cells. Derived from `Template`, so the rows are still described once.
public struct PrintedTable: Sendable {
    /// The section heading above the table (`二、主动公开政府信息情况`).
    public var heading: String
    /// Header rows above the body; empty when the body carries its own headers (table 2).
    public var header: [[Cell]]
    /// The body, top to bottom.
    public var rows: [Row]
    /// How many label columns stand before the values (0 for table 4).
    public var labelColumns: Int

    /// A merged header or label cell.
    public struct Cell: Sendable, Equatable {
        public var text: String
        public var columnSpan = 1
        public var rowSpan = 1
    }

    /// A body row: header cells of its own (table 2's 信息内容 rows) or a labelled row of values.
    public struct Row: Sendable {
        /// The label cells in front of the values (a group cell spanning several rows comes first,
        /// only on the group's first row).
        public var labels: [Cell]
        /// The dotted keys of the row's values (`requests.granted.total`); empty for a header row.
        public var cells: [String]
        /// For a header row: the column titles over the following rows' values.
        public var titles: [String] = []
    }

    /// The three tables of a record in `edition` (`"2021"` or `"2019"`; another value reads as 2021).
    public static func tables(edition: String) -> [PrintedTable] {
        let active = Edition(rawValue: edition) == .trial2019 ? Template.trialActiveRows : Template.activeRows
        return [activeTable(active), requestsTable, reviewsTable]
    }

    /// Table 2: its rows under a 信息内容 header each time the columns change.
    private static func activeTable(_ rows: [Template.Row]) -> PrintedTable {
        var body: [Row] = []
        var titles: [String] = []
        for row in rows {
            let rowTitles = Template.columnTitles(of: row)
            if rowTitles != titles {
                titles = rowTitles
                body.append(Row(labels: [Cell(text: "信息内容")], cells: [], titles: titles))
            }
            let keys = row.columns.isEmpty ? ["active.\(row.key)"] : row.columns.map { "active.\(row.key).\($0)" }
            body.append(Row(labels: [Cell(text: Template.rowTitles[row.key] ?? row.printed)], cells: keys))
        }
        return PrintedTable(heading: Outline.Section.active.heading, header: [], rows: body, labelColumns: 1)
    }

    /// Table 3: two label columns (a group spanning its rows, then the row) and seven values.
    private static let requestsTable: PrintedTable = {
        let columns = Template.requestColumns.count
        let header: [[Cell]] = [
            [
                Cell(text: "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", columnSpan: 2, rowSpan: 3),
                Cell(text: "申请人情况", columnSpan: columns),
            ],
            [
                Cell(text: Template.columnTitle("naturalPerson", table: 3), rowSpan: 2),
                Cell(text: "法人或其他组织", columnSpan: columns - 2),
                Cell(text: Template.columnTitle("total", table: 3), rowSpan: 2),
            ],
            Template.requestColumns.dropFirst().dropLast().map { Cell(text: Template.columnTitle($0, table: 3)) },
        ]
        let groups = Template.requestRows.map { $0.key.split(separator: ".").first.map(String.init) ?? $0.key }
        var body: [Row] = []
        var numberInGroup = 0
        for (index, row) in Template.requestRows.enumerated() {
            let keys = Template.requestColumns.map { "requests.\(row.key).\($0)" }
            let group = groups[index]
            guard let groupTitle = Template.rowTitles[group], row.key.contains(".") else {
                body.append(
                    Row(labels: [Cell(text: Template.rowTitles[row.key] ?? row.printed, columnSpan: 2)], cells: keys)
                )
                continue
            }
            numberInGroup = index > 0 && groups[index - 1] == group ? numberInGroup + 1 : 1
            var labels: [Cell] = []
            if numberInGroup == 1 {
                labels.append(Cell(text: groupTitle, rowSpan: groups.filter { $0 == group }.count))
            }
            labels.append(Cell(text: "\(numberInGroup).\(row.printed)"))
            body.append(Row(labels: labels, cells: keys))
        }
        return PrintedTable(heading: Outline.Section.requests.heading, header: header, rows: body, labelColumns: 2)
    }()

    /// Table 4: one row of fifteen values under a three-level header.
    private static let reviewsTable: PrintedTable = {
        let outcomes = Template.reviewColumns.map { Template.columnTitle($0, table: 4) }
        let header: [[Cell]] = [
            [
                Cell(text: Template.rowTitles["review"] ?? "", columnSpan: outcomes.count),
                Cell(text: "行政诉讼", columnSpan: outcomes.count * 2),
            ],
            outcomes.map { Cell(text: $0, rowSpan: 2) }
                + Template.reviewGroups.dropFirst().map {
                    Cell(text: Template.rowTitles[$0] ?? $0, columnSpan: outcomes.count)
                },
            Array(repeating: outcomes, count: 2).flatMap { $0.map { Cell(text: $0) } },
        ]
        let keys = Template.reviewGroups.flatMap { group in Template.reviewColumns.map { "reviews.\(group).\($0)" } }
        return PrintedTable(
            heading: Outline.Section.reviews.heading,
            header: header,
            rows: [Row(labels: [], cells: keys)],
            labelColumns: 0
        )
    }()
}

extension PrintedTable {
    /// The template's printed words for a dotted cell key (`requests.denied.stateSecret.total` gives
    /// `（三）不予公开 属于国家秘密 总计`), for messages and chart legends.
    public static func describe(cell key: String) -> String {
        let parts = key.split(separator: ".").dropFirst().map(String.init)
        guard let last = parts.last else { return key }
        let table =
            ["active": 2, "requests": 3, "reviews": 4][key.split(separator: ".").first.map(String.init) ?? ""] ?? 3
        let hasColumn = parts.count > 1 && Template.columnTitle(last, table: table) != last
        let rowKey = (hasColumn ? parts.dropLast() : parts[...]).joined(separator: ".")
        var words: [String]
        if let title = Template.rowTitles[rowKey] {
            words = [title]
        } else if let row = (Template.requestRows + Template.activeRows + Template.trialActiveRows)
            .first(where: { $0.key == rowKey })
        {
            let group = rowKey.split(separator: ".").first.flatMap { Template.rowTitles[String($0)] }
            words = (rowKey.contains(".") ? [group].compactMap { $0 } : []) + [row.printed]
        } else {
            words = [rowKey]
        }
        if hasColumn { words.append(Template.columnTitle(last, table: table)) }
        return words.joined(separator: " ")
    }
}
