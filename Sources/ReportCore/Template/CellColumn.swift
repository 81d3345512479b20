/// One cell of the template as a column of a table: its dotted key (the record's own key, as
/// `shared/spec/record.md` names it) and its title in the words the template prints.
///
/// Exports, web pages and scripts list cells through ``all`` rather than writing out the 222 keys
/// or titles again: both are derived from the template's rows.
public struct CellColumn: Sendable, Equatable {
    /// The dotted key, e.g. `requests.received.naturalPerson` or `active.feesTenThousandYuan`.
    public let key: String
    /// The Chinese title, e.g. `表三 本年新收政府信息公开申请数量 自然人` or `表二 行政事业性收费（万元）`.
    public let title: String
    /// Whether the value is a decimal string (the fee in 万元, the 2019 procurement amount in 元)
    /// rather than an integer count.
    public let isDecimal: Bool
    /// The template edition whose reports hold this cell: `"2021"`, `"2019"`, or `nil` for tables 3
    /// and 4, which both editions hold.
    public let edition: String?

    /// Every cell of both editions, in template order: the 2021 table 2, table 3, table 4, then the
    /// 2019 trial edition's table 2 (222 columns; a record of one edition leaves the other's blank).
    public static let all: [CellColumn] = {
        var titles: [String] = []
        func active(_ rows: [Template.Row], table: String) {
            for row in rows {
                let title = "\(table) \(row.printed)"
                if row.columns.isEmpty {
                    titles.append(title)
                } else {
                    titles += row.columns.map { "\(title) \(Template.columnTitle($0, table: 2))" }
                }
            }
        }
        active(Template.activeRows, table: "表二")
        for row in Template.requestRows {
            titles += row.columns.map { "表三 \(row.printed) \(Template.columnTitle($0, table: 3))" }
        }
        for group in Template.reviewGroupTitles {
            titles += Template.reviewColumns.map { "表四 \(group) \(Template.columnTitle($0, table: 4))" }
        }
        active(Template.trialActiveRows, table: "表二（2019版）")
        let units = Template.activeRows.compactMap(\.unit) + Template.trialActiveRows.compactMap(\.unit)
        let decimals = Template.decimalCells.sorted()
        return zip(Template.cellKeys.indices, zip(Template.cellKeys, titles)).map { index, column in
            var title = column.1
            if let unit = decimals.firstIndex(of: index) { title += "（\(units[unit])）" }
            let edition: String? =
                index < Template.activeCellCount ? "2021" : index >= Template.trialActiveFirstCell ? "2019" : nil
            return CellColumn(key: column.0, title: title, isDecimal: decimals.contains(index), edition: edition)
        }
    }()
}

/// A group of table 3's outcome rows (（三）不予公开, （四）无法提供, （五）不予处理, （六）其他处理), whose
/// total is a key figure of exports.
public struct CellGroup: Sendable, Equatable {
    /// `requests.<group>.total`, e.g. `requests.denied.total`: the sum of ``cells``.
    public let key: String
    /// The Chinese title, e.g. `表三 不予公开 总计`.
    public let title: String
    /// The 总计-column cells of the group's rows.
    public let cells: [String]
}

extension CellColumn {
    /// Table 3's four outcome groups, in template order, derived from the template's rows.
    public static let requestOutcomeGroups: [CellGroup] = {
        var groups: [(key: String, cells: [String])] = []
        for row in Template.requestRows {
            let parts = row.key.split(separator: ".")
            guard parts.count == 2 else { continue }
            let cell = "requests.\(row.key).total"
            if groups.last?.key == String(parts[0]) {
                groups[groups.count - 1].cells.append(cell)
            } else {
                groups.append((String(parts[0]), [cell]))
            }
        }
        return groups.map { group in
            CellGroup(
                key: "requests.\(group.key).total",
                title: "表三 \(Template.requestGroupTitles[group.key] ?? group.key) 总计",
                cells: group.cells
            )
        }
    }()
}
