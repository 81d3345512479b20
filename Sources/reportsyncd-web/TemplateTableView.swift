import ReportCore

/// One `PrintedTable` with a record's values: merged header cells, row labels, each value cell
/// `id="cell-<key>"`, highlighted when a finding names it (`finding` for an error, `warning`) with
/// the numbers of those findings in its title.
struct TemplateTableView {
    var table: PrintedTable
    var values: [String: String]
    var marks: [String: (severity: Finding.Severity, findings: [Int])]

    func render() -> HTML {
        let header = table.header.map { row in "<tr>\(row.map(cell))</tr>\n" as HTML }
        let body = table.rows.map { row -> HTML in
            if !row.titles.isEmpty {
                return "<tr>\(row.labels.map(cell))\(row.titles.map { "<th>\($0)</th>" as HTML })</tr>\n"
            }
            return "<tr>\(row.labels.map(cell))\(row.cells.map(value))</tr>\n"
        }
        return """
            <h2>\(table.heading)</h2>
            <table class="template">
            \(header.isEmpty ? "" : "<thead>\(header)</thead>" as HTML)
            <tbody>\(body)</tbody>
            </table>
            """
    }

    private func cell(_ cell: PrintedTable.Cell) -> HTML {
        let columns: HTML = cell.columnSpan > 1 ? " colspan=\"\(cell.columnSpan)\"" : ""
        let rows: HTML = cell.rowSpan > 1 ? " rowspan=\"\(cell.rowSpan)\"" : ""
        return "<th\(columns)\(rows)>\(cell.text)</th>"
    }

    private func value(_ key: String) -> HTML {
        let text = values[key] ?? ""
        guard let mark = marks[key] else { return "<td class=\"value\" id=\"cell-\(key)\">\(text)</td>" }
        let kind = mark.severity == .error ? "finding" : "warning"
        let numbers = mark.findings.map { "[\($0)]" }.joined()
        return "<td class=\"value \(kind)\" id=\"cell-\(key)\" title=\"\(numbers)\">\(text)</td>"
    }
}
