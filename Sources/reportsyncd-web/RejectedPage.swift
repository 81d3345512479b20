import SyncEngine

/// `/rejected`: every file that was not a report, newest first: its name, the reason, when, and a
/// link to the file as it was set aside.
struct RejectedPage {
    var rejected: [ChangeEvent]

    func render() -> [UInt8] {
        let rows = rejected.reversed().map { event -> HTML in
            """
            <tr><td>\(event.seq)</td><td><a href="\(SiteAddress.original(seq: event.seq).path)">\(event.source.name)</a></td>\
            <td>\(event.reason ?? "")</td><td>\(event.time)</td></tr>

            """
        }
        let body: HTML =
            rejected.isEmpty
            ? "<p class=\"muted\">没有未收录的文件。</p>"
            : """
            <table id="rejected">
            <thead>\(PageLayout.headerRow(["序号", "文件", "原因", "时间"]))</thead>
            <tbody>
            \(rows)</tbody>
            </table>
            """
        return PageLayout.page(title: "未收录文件", body)
    }
}

/// The page of every address the site does not have.
enum NotFoundPage {
    static func render() -> [UInt8] {
        PageLayout.page(title: "找不到该页面", "<p>这个地址没有页面。<a href=\"/\">回到总览</a></p>")
    }
}
