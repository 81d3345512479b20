/// The frame every page shares: the document head (the stylesheet is the site's own, no script and no
/// font from elsewhere), the navigation and the page's heading.
enum PageLayout {
    static func page(title: String, heading: HTML? = nil, _ body: HTML) -> [UInt8] {
        let html: HTML = """
            <!DOCTYPE html>
            <html lang="zh-CN">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(title) · reportsyncd</title>
            <link rel="stylesheet" href="\(SiteAddress.stylesheet.path)">
            </head>
            <body>
            <nav><a href="\(SiteAddress.overview.path)">总览</a> <a href="\(SiteAddress.rejected.path)">未收录文件</a> \
            <a href="\(SiteAddress.export(.xlsx).path)">导出 xlsx</a> <a href="\(SiteAddress.export(.csv).path)">导出 CSV</a> \
            <a href="\(SiteAddress.metrics.path)">metrics</a></nav>
            <main>
            <h1>\(heading ?? HTML(text: title))</h1>
            \(body)
            </main>
            </body>
            </html>

            """
        return Array(html.markup.utf8)
    }

    /// A status word as a badge: 有效 / 不一致 / 未报送.
    static func badge(_ status: CellStatus) -> HTML {
        "<span class=\"badge \(status.rawValue)\">\(status.words)</span>"
    }

    /// A table row of header cells.
    static func headerRow(_ titles: [String]) -> HTML {
        "<tr>\(titles.map { "<th>\($0)</th>" as HTML })</tr>"
    }
}

/// The state of one agency–year cell of the overview.
enum CellStatus: String, CaseIterable {
    case valid
    case inconsistent
    case missing

    var words: String {
        switch self {
        case .valid: "有效"
        case .inconsistent: "不一致"
        case .missing: "未报送"
        }
    }
}
