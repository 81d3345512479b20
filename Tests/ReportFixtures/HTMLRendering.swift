extension SampleReport {
    /// The report as a government CMS publishes it: the title as an `<h1>` above the article, site
    /// chrome around it (navigation, search form, breadcrumb, 扫一扫在手机打开当前页, footer), every
    /// paragraph and cell split over `<span>`s or `<p>`s mid-word with `&nbsp;` fillers, and tables
    /// drawn with colspan and rowspan as the template prints them.
    /// - Parameter encoding: the bytes' encoding, declared in the page's `<meta>`.
    public func html(encoding: SampleEncoding = .utf8) -> [UInt8] {
        let charset = [SampleEncoding.gb18030: "gbk", .utf16: "utf-16"][encoding] ?? "utf-8"
        var article = ""
        for block in blocks.dropFirst() {
            switch block {
            case .paragraph(let text):
                let (head, tail) = text.halves
                article += "<p style=\"text-indent: 2em;\">&nbsp;&nbsp;<span>\(head.markupEscaped)</span>"
                article += "<span style=\"font-family: 宋体;\">\(tail.markupEscaped)</span></p>\n"
            case .table(let rows):
                article += Self.htmlTable(rows)
            }
        }
        let page = """
            <!DOCTYPE html>
            <html><head>
            <meta http-equiv="Content-Type" content="text/html; charset=\(charset)">
            <title>\(title.markupEscaped)_\(agency.markupEscaped)门户网站</title>
            <script>var share = "扫一扫在手机打开当前页";</script>
            </head><body>
            <div class="header"><nav><a href="/">首页</a> <a href="/zwgk/">政务公开</a></nav>
            <form action="/search"><input name="q"><button>搜索</button></form></div>
            <div class="crumb">当前位置：<a href="/">首页</a> &gt; 政务公开 &gt; 年度报告</div>
            <div class="article"><h1>\(title.markupEscaped)</h1>
            <div class="info">发布时间：\(publishedOn ?? "")&nbsp;&nbsp;【字体：大 中 小】</div>
            <div class="TRS_Editor">
            \(article)</div>
            <div class="qr"><p>扫一扫在手机打开当前页</p></div></div>
            <div class="footer"><p>主办单位：\(agency.markupEscaped)办公室</p></div>
            </body></html>

            """
        return Self.encode(page, encoding)
    }

    private static func htmlTable(_ rows: [[String]]) -> String {
        let (width, continuesAbove) = SampleBlock.grid(rows)
        var html = "<table border=\"1\" cellspacing=\"0\" cellpadding=\"0\"><tbody>\n"
        for (index, row) in rows.enumerated() {
            html += "<tr>"
            for (column, cell) in row.enumerated() {
                if column == 0, continuesAbove[index] { continue }
                var attributes = ""
                if column == 0, row.count < width { attributes += " colspan=\"\(width - row.count + 1)\"" }
                let rowSpan = column == 0 ? 1 + continuesAbove[(index + 1)...].prefix { $0 }.count : 1
                if rowSpan > 1 { attributes += " rowspan=\"\(rowSpan)\"" }
                let (head, tail) = cell.halves
                html += "<td\(attributes)>\n<p>&nbsp;<span>\(head.markupEscaped)</span></p>\n"
                html += "<p><span>\(tail.markupEscaped)</span>&nbsp;</p>\n</td>"
            }
            html += "</tr>\n"
        }
        return html + "</tbody></table>\n"
    }
}
