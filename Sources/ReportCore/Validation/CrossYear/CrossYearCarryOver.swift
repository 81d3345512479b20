/// `crossYear.carryOver` (warning): this year's 上年结转 equals last year's 结转下年度继续办理, column by
/// column.
enum CrossYearCarryOver {
    static let rule = "crossYear.carryOver"

    /// The finding about `current` when its carried-over requests differ from `previous`'s carried
    /// forward ones (`previous` is the same agency's report of the year before).
    static func check(previous: Record, current: Record) -> CrossYearFinding? {
        let before = previous.row("requests.carriedForward")
        let now = current.row("requests.carriedOver")
        let columns = Template.requestColumns.indices.filter { before[$0] != now[$0] }
        guard !columns.isEmpty else { return nil }
        let parts = columns.map { column in
            "「\(Template.columnTitle(Template.requestColumns[column], table: 3))」列 \(now[column])"
                + "（\(previous.year)年结转下年度 \(before[column])）"
        }
        return CrossYearFinding(
            record: .init(current),
            other: .init(previous),
            finding: Finding(
                rule: rule,
                severity: .warning,
                message: "表三上年结转与\(previous.year)年报告的结转下年度继续办理不一致：" + parts.joined(separator: "，"),
                cells: columns.map { "requests.carriedOver.\(Template.requestColumns[$0])" },
                sourceLines: []
            )
        )
    }
}

extension Record {
    /// The values of the table 3 row `key` (`requests.<row>`), in template column order.
    fileprivate func row(_ key: String) -> [String] {
        let prefix = key + "."
        return cellValues.filter { $0.key.hasPrefix(prefix) && !$0.key.dropFirst(prefix.count).contains(".") }
            .map(\.value)
    }
}
