import ReportCore
import SyncEngine

/// `/reports/<year>/<agency>`: the three tables laid out as the template prints them, every cell a
/// finding names highlighted, each finding with its message and the lines of the original file its
/// cells were read from; a link to the original.
struct ReportPage {
    var record: Record
    /// The event that wrote the record (its original is kept in the archive under its seq).
    var event: ChangeEvent
    /// The original's lines as the parser read them, by line number; empty when it cannot be read.
    var sourceLines: [Int: String]
    /// Year-over-year findings (`crossYear.*`) about this record, against the agency's other years.
    var crossYear: [CrossYearFinding] = []

    func render() -> [UInt8] {
        let values = Dictionary(record.cellValues, uniquingKeysWith: { first, _ in first })
        var marks: [String: (severity: Finding.Severity, findings: [Int])] = [:]
        for (index, finding) in record.validation.findings.enumerated() {
            for cell in finding.cells {
                let severity = marks[cell]?.severity == .error ? .error : finding.severity
                marks[cell] = (severity, (marks[cell]?.findings ?? []) + [index + 1])
            }
        }
        let status: CellStatus = record.validation.status == .inconsistent ? .inconsistent : .valid
        let tables = PrintedTable.tables(edition: record.edition).map { table in
            TemplateTableView(table: table, values: values, marks: marks).render()
        }
        let body: HTML = """
            <p>\(PageLayout.badge(status)) \(record.title ?? "") \
            <span class="muted">模板 \(record.edition) 版 · 发布日期 \(record.publishedOn ?? "未注明") · \
            <a href="\(SiteAddress.agency(record.agency).path)">历年数据</a> · \
            原始文件 <a id="original" href="\(SiteAddress.original(seq: event.seq).path)">\(event.source.name)</a> \
            (\(record.source.layout), \(record.source.encoding))</span></p>
            \(findings())
            \(crossYearFindings())
            \(tables)
            """
        let heading: HTML = "<a href=\"\(SiteAddress.agency(record.agency).path)\">\(record.agency)</a> \(record.year)年"
        return PageLayout.page(title: "\(record.agency) \(record.year)年", heading: heading, body)
    }

    private func findings() -> HTML {
        guard !record.validation.findings.isEmpty else { return "<p>没有发现问题。</p>" }
        let items = record.validation.findings.enumerated().map { index, finding -> HTML in
            let severity = finding.severity == .error ? "错误" : "提示"
            let cells = finding.cells.enumerated().map { number, cell -> HTML in
                "\(number == 0 ? "" : "、")<a href=\"#cell-\(cell)\">\(PrintedTable.describe(cell: cell))</a>"
            }
            return """
                <li id="finding-\(index + 1)"><b>[\(index + 1)] \(severity) \(finding.rule)</b>：\(finding.message)
                \(cells.isEmpty ? "" : "<p class=\"cells\">单元格：\(cells)</p>" as HTML)\(source(finding.sourceLines))</li>

                """
        }
        return "<h2>检查结果</h2><ol class=\"finding-list\">\(items)</ol>"
    }

    private func crossYearFindings() -> HTML {
        guard !crossYear.isEmpty else { return "" }
        let items = crossYear.map { found -> HTML in
            let other = SiteAddress.report(year: found.other.year, agency: found.other.agency).path
            return """
                <li class="cross-year"><b>\(found.finding.rule)</b>：\(found.finding.message) \
                （对照 <a href="\(other)">\(found.other.agency) \(found.other.year)年</a>）</li>

                """
        }
        return "<h2>跨年度检查</h2><ul class=\"finding-list\">\(items)</ul>"
    }

    /// The lines of the original a finding's cells were read from, each once, numbered.
    private func source(_ lines: [Int]) -> HTML {
        let shown = Set(lines).sorted().filter { sourceLines[$0] != nil }
        guard !shown.isEmpty else { return "" }
        let text = shown.map { number -> HTML in
            "<b>\(String(number).leftPadded(to: 5))  \(sourceLines[number] ?? "")</b>\n"
        }
        return "<pre class=\"source\">\(text)</pre>"
    }
}

extension String {
    /// The string with spaces in front up to `width` characters.
    func leftPadded(to width: Int) -> String {
        String(repeating: " ", count: max(0, width - count)) + self
    }
}
