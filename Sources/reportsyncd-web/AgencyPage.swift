import ReportCore
import SyncEngine

/// `/agencies/<agency>`: its figures over the years as SVG charts, its reports and its revision history.
struct AgencyPage {
    var agency: String
    /// The agency's current record of each year, ascending.
    var records: [Record]
    /// Every event about the agency, oldest first.
    var history: [ChangeEvent]

    /// The figures charted: a name and the cells whose values are summed, chosen by key prefix and
    /// column among the record's own cells.
    static let charts: [(title: String, series: [(name: String, prefix: String, column: String)])] = [
        (
            "政府信息公开申请（总计列）",
            [
                ("新收申请", "requests.received.", "total"), ("予以公开", "requests.granted.", "total"),
                ("不予公开", "requests.denied.", "total"), ("结转下年度", "requests.carriedForward.", "total"),
            ]
        ),
        (
            "行政复议、行政诉讼（总计）",
            [
                ("行政复议", "reviews.review.", "total"), ("未经复议直接起诉", "reviews.litigationDirect.", "total"),
                ("复议后起诉", "reviews.litigationAfterReview.", "total"),
            ]
        ),
    ]

    func render() -> [UInt8] {
        let years = records.map(\.year)
        let cells = records.map { Dictionary($0.cellValues, uniquingKeysWith: { first, _ in first }) }
        let charts = Self.charts.map { chart -> HTML in
            let series = chart.series.map { name, prefix, column in
                LineChart.Series(
                    name: name,
                    values: cells.map { values in
                        values.filter { $0.key.hasPrefix(prefix) && $0.key.hasSuffix(".\(column)") }
                            .compactMap { Int($0.value) }.reduce(0, +)
                    }
                )
            }
            return LineChart(title: chart.title, years: years, series: series).render()
        }
        let reports = records.map { record -> HTML in
            let status: CellStatus = record.validation.status == .inconsistent ? .inconsistent : .valid
            return """
                <li><a href="\(SiteAddress.report(year: record.year, agency: agency).path)">\(record.year)年</a> \
                \(PageLayout.badge(status))</li>
                """
        }
        let body: HTML = """
            <ul class="reports">\(reports)</ul>
            <h2>历年数据</h2>
            <div class="charts">\(charts)</div>
            <h2>修订记录</h2>
            \(EventTable.render(history.reversed()))
            """
        return PageLayout.page(title: agency, body)
    }
}
