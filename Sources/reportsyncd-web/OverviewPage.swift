/// `/`: agencies × years, each cell a badge; filters by year and by text; counts per status; the inbox
/// backlog and the last events.
struct OverviewPage {
    var snapshot: MirrorSnapshot
    var filter: OverviewFilter
    /// Files waiting in the inbox, as the daemon last wrote in its metrics; `nil` when unknown.
    var waiting: Int?

    func render() -> [UInt8] {
        let years = filter.year.map { year in snapshot.years.filter { $0 == year } } ?? snapshot.years
        let agencies = filter.text.isEmpty ? snapshot.agencies : snapshot.agencies.filter { $0.contains(filter.text) }
        let counts = snapshot.statusCounts
        let body: HTML = """
            <p class="counts">\
            <span>\(PageLayout.badge(.valid)) \(counts.valid)</span>\
            <span>\(PageLayout.badge(.inconsistent)) \(counts.inconsistent)</span>\
            <span>\(PageLayout.badge(.missing)) \(counts.missing)</span>\
            <span>单位 \(snapshot.agencies.count)</span>\
            <span>收件箱待处理 <b id="backlog">\(waiting.map(String.init) ?? "未知")</b></span>\
            <span>未收录 <a href="\(SiteAddress.rejected.path)">\(snapshot.counts[.rejected] ?? 0)</a></span>\
            <span>最后序号 \(snapshot.lastSeq)</span></p>
            \(filterForm())
            <table id="overview">
            <thead><tr><th>单位</th>\(years.map { "<th>\($0)年</th>" as HTML })</tr></thead>
            <tbody>
            \(agencies.map { row($0, years: years) })\
            </tbody>
            </table>
            <h2>最近事件</h2>
            \(EventTable.render(snapshot.recent))
            """
        return PageLayout.page(title: "政府信息公开工作年度报告 总览", body)
    }

    private func filterForm() -> HTML {
        let options = snapshot.years.map { year -> HTML in
            "<option value=\"\(year)\"\(HTML(stringLiteral: filter.year == year ? " selected" : ""))>\(year)年</option>"
        }
        return """
            <form class="filter" method="get" action="/">
            <label>年度 <select name="year"><option value="">全部</option>\(options)</select></label>
            <label>单位名称 <input type="search" name="q" value="\(filter.text)"></label>
            <button type="submit">筛选</button>
            </form>
            """
    }

    private func row(_ agency: String, years: [Int]) -> HTML {
        let cells = years.map { year -> HTML in
            let key = ReportKey(agency: agency, year: year)
            guard let event = snapshot.reports[key] else { return "<td>\(PageLayout.badge(.missing))</td>" }
            let status: CellStatus = event.status == .inconsistent ? .inconsistent : .valid
            return
                "<td><a href=\"\(SiteAddress.report(year: year, agency: agency).path)\">\(PageLayout.badge(status))</a></td>"
        }
        return "<tr><th><a href=\"\(SiteAddress.agency(agency).path)\">\(agency)</a></th>\(cells)</tr>\n"
    }
}
