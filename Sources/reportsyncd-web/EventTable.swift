import SyncEngine

/// A table of change-log events, as the overview and an agency's history list them.
enum EventTable {
    static func render(_ events: [ChangeEvent]) -> HTML {
        guard !events.isEmpty else { return "<p class=\"muted\">尚无事件。</p>" }
        return """
            <table class="events">
            <thead>\(PageLayout.headerRow(["序号", "时间", "事件", "单位", "年度", "状态", "文件"]))</thead>
            <tbody>
            \(events.map(row))\
            </tbody>
            </table>
            """
    }

    static func row(_ event: ChangeEvent) -> HTML {
        let report: HTML =
            if let agency = event.agency, let year = event.year {
                """
                <td><a href="\(SiteAddress.agency(agency).path)">\(agency)</a></td>\
                <td><a href="\(SiteAddress.report(year: year, agency: agency).path)">\(year)</a></td>\
                <td>\(event.status.map { PageLayout.badge($0 == .inconsistent ? .inconsistent : .valid) } ?? "")</td>
                """
            } else {
                "<td colspan=\"3\">\(event.reason ?? "")</td>"
            }
        return """
            <tr><td>\(event.seq)</td><td>\(event.time)</td><td>\(words(event.event))</td>\(report)\
            <td><a href="\(SiteAddress.original(seq: event.seq).path)">\(event.source.name)</a></td></tr>

            """
    }

    static func words(_ kind: ChangeEventKind) -> String {
        switch kind {
        case .added: "新增"
        case .revised: "修订"
        case .duplicate: "重复"
        case .rejected: "未收录"
        }
    }
}
