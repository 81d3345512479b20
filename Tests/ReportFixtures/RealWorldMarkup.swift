// The real-world renderers that write markup: a CMS page, an OCR transcription to Markdown and a
// PDF-to-Markdown conversion that tears labels from their numbers.

/// `| a | b |`
private func pipeRow(_ cells: [String]) -> String { "| " + cells.joined(separator: " | ") + " |" }

/// `|---|---|`
private func pipeSeparator(_ count: Int) -> String { "|" + String(repeating: "---|", count: count) }

extension SampleReport {
    // MARK: CMS page

    /// See ``RealWorldCase/cmsFragment``.
    var cmsFragment: String {
        "<p style='text-align: center;font-weight: bold;'>\(title.markupEscaped)</p>\t"
            + "<p style='text-align: center'>发布日期：\(publishedOn ?? "")</p>"
            + cmsArticle.replacingOccurrences(of: "\n", with: "")
    }

    /// See ``RealWorldCase/cmsPage``.
    var cmsPage: String {
        """
        <!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
        <html xmlns="http://www.w3.org/1999/xhtml"><head>
        <meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
        <meta name="ArticleTitle" content="\(title.markupEscaped)">
        <meta name="PubDate" content="\(publishedOn ?? "") 09:30">
        <meta name="ContentSource" content="\(agency.markupEscaped)办公室">
        <title>\(title.markupEscaped)_\(agency.markupEscaped)</title>
        <script type="text/javascript">var qrText = "扫一扫在手机打开当前页";</script>
        </head><body>
        <div class="wrapper"><div class="header"><ul class="nav"><li><a href="/">首页</a></li>
        <li><a href="/zwgk/">政务公开</a></li><li><a href="/hdjl/">互动交流</a></li></ul>
        <form action="/search" method="get"><input type="text" name="q" /><input type="submit" value="搜索" /></form></div>
        <div class="position">当前位置：<a href="/">首页</a>&nbsp;&gt;&nbsp;<a href="/zwgk/">政务公开</a>&nbsp;&gt;&nbsp;<a href="/zwgk/zfxxgknb/">政府信息公开年报</a></div>
        <div class="article">
        <div class="article-title">\(title.markupEscaped)</div>
        <div class="article-info">发布时间：\(publishedOn ?? "")&nbsp;&nbsp;来源：\(agency.markupEscaped)办公室&nbsp;&nbsp;【字体：<a>大</a> <a>中</a> <a>小</a>】</div>
        <div class="article-content"><div class="TRS_Editor"><div class="Custom_UnionStyle">
        \(cmsArticle)
        <div class="share"><p>扫一扫在手机打开当前页</p><p>【<a href="javascript:window.print()">打印本页</a>】【<a href="javascript:window.close()">关闭窗口</a>】</p></div>
        </div>
        <div class="footer"><p>主办：\(agency.markupEscaped)办公室</p><p>网站标识码：1501020001</p></div>
        </div>
        </body></html>

        """
    }

    /// The article of a CMS page: every piece but the title, as the CMS's editor stores it.
    private var cmsArticle: String {
        var article = ""
        for piece in pieces {
            switch piece {
            case .title, .heading(1), .heading(2):
                continue  // the title is above the article; headings 二 and 三 share a block with their table
            case .heading(let index):
                article += "<p style=\"text-align: center;\"><strong>\(TemplateLabels.headings[index])</strong></p>\n"
            case .prose(let text):
                article += "<p style=\"text-indent: 2em;\"><span style=\"font-family: 仿宋_GB2312; font-size: 16pt;\">"
                article += text.markupEscaped + "</span></p>\n"
            case .table(.active, let rows):
                // The heading and the table's first header in one block.
                article += "<p style=\"text-align: center;\"><strong>\(TemplateLabels.headings[1])</strong>"
                article += "&nbsp;&nbsp;&nbsp;<span>\(rows[0][0])</span></p>\n"
                article += Self.cmsActiveTable(rows.dropFirst())
            case .table(.requests, let rows):
                article += cmsRequestsTable(rows)
            case .table(.reviews, let rows):
                article += Self.cmsReviewsTable(rows)
            case .signature(let text), .date(let text):
                article += "<p style=\"text-align: right;\"><span>\(text.markupEscaped)</span></p>\n"
            }
        }
        return article
    }

    /// A label cell as TRS editors save it: split over two `<p>`, the second broken by `<span>`, a
    /// newline and a run of `&nbsp;`; short labels get an empty `<p>&nbsp;</p>` first.
    private static func cmsLabel(_ text: String, _ attributes: String = "") -> String {
        guard text.count > 6 else {
            return
                "<td\(attributes)><p>&nbsp;</p><p style=\"text-align: center;\"><span>\(text.markupEscaped)</span></p></td>"
        }
        let (head, tail) = text.halves
        let (tailHead, tailTail) = tail.halves
        return "<td\(attributes)><p style=\"text-align: left;\"><span>\(head.markupEscaped)</span></p>"
            + "<p style=\"text-align: left;\"><span>\(tailHead.markupEscaped)</span>\n"
            + "<span>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;\(tailTail.markupEscaped)</span></p></td>"
    }

    /// A number cell: an empty `<p>&nbsp;</p>`, then the number in its own `<p>`.
    private static func cmsNumber(_ text: String, _ attributes: String = "") -> String {
        "<td\(attributes)><p style=\"text-align: center;\">&nbsp;</p>"
            + "<p style=\"text-align: center;\"><span>\(text.markupEscaped)</span></p></td>"
    }

    /// Table 2 without its first row: heading rows (第二十条第（五）项) as bare text in the cell.
    private static func cmsActiveTable(_ rows: ArraySlice<[String]>) -> String {
        var html = "<table border=\"1\" cellspacing=\"0\" cellpadding=\"0\" width=\"100%\"><tbody>\n"
        for row in rows {
            html += "<tr>"
            switch row.count {
            case 1: html += "<td colspan=\"4\" style=\"text-align: center;\">\(row[0])</td>"
            case 2:
                html +=
                    cmsLabel(row[0])
                    + (Int(row[1]) == nil && Double(row[1]) == nil
                        ? cmsLabel(row[1], " colspan=\"3\"") : cmsNumber(row[1], " colspan=\"3\""))
            default:
                html +=
                    cmsLabel(row[0]) + row.dropFirst().map { Int($0) == nil ? cmsLabel($0) : cmsNumber($0) }.joined()
            }
            html += "</tr>\n"
        }
        return html + "</tbody></table>\n"
    }

    /// Table 3 with the section heading as its first row and the template's rowspan and colspan.
    private func cmsRequestsTable(_ rows: [[String]]) -> String {
        var html = "<table border=\"1\" cellspacing=\"0\" cellpadding=\"0\" width=\"100%\"><tbody>\n"
        html +=
            "<tr><td colspan=\"9\"><p style=\"text-align: center;\"><strong>\(TemplateLabels.headings[2])</strong></p></td></tr>\n"
        let header = TemplateLabels.requestHeader
        html +=
            "<tr>" + Self.cmsLabel(header[0][0], " colspan=\"2\" rowspan=\"3\"")
            + Self.cmsLabel(header[0][1], " colspan=\"7\"")
        html +=
            "</tr>\n<tr>" + Self.cmsLabel(header[1][0], " rowspan=\"2\"")
            + Self.cmsLabel(header[1][1], " colspan=\"5\"")
        html +=
            Self.cmsLabel(header[1][2], " rowspan=\"2\"") + "</tr>\n<tr>" + header[2].map { Self.cmsLabel($0) }.joined()
        html += "</tr>\n"
        let body = Array(rows.dropFirst(header.count))
        for (index, row) in body.enumerated() {
            html += "<tr>"
            let values = row.suffix(7)
            if row.count == 8 {
                html += Self.cmsLabel(row[0], " colspan=\"2\"")
            } else {
                if !row[0].isEmpty {
                    let span = 1 + body[(index + 1)...].prefix { $0.count == 9 && $0[0].isEmpty }.count
                    html += Self.cmsLabel(row[0], span > 1 ? " rowspan=\"\(span)\"" : "")
                }
                html += Self.cmsLabel(row[1])
            }
            html += values.map { Self.cmsNumber($0) }.joined() + "</tr>\n"
        }
        return html + "</tbody></table>\n"
    }

    /// Table 4 with `<br/>` inside its header cells.
    private static func cmsReviewsTable(_ rows: [[String]]) -> String {
        let broken = { (text: String) in
            text == "总计" ? text : text.halves.0 + "<br/>" + text.halves.1
        }
        var html = "<table border=\"1\" cellspacing=\"0\" cellpadding=\"0\" width=\"100%\"><tbody>\n"
        html += "<tr><td colspan=\"5\">行政复议</td><td colspan=\"10\">行政诉讼</td></tr>\n<tr>"
        html += rows[1][0..<5].map { "<td rowspan=\"2\">\(broken($0))</td>" }.joined()
        html += rows[1][5...].map { "<td colspan=\"5\">\(broken($0))</td>" }.joined() + "</tr>\n<tr>"
        html += rows[2].map { "<td>\(broken($0))</td>" }.joined() + "</tr>\n<tr>"
        html += rows[3].map { cmsNumber($0) }.joined() + "</tr>\n"
        return html + "</tbody></table>\n"
    }

    // MARK: OCR transcription

    /// See ``RealWorldCase/ocrMarkdown``.
    var ocrMarkdown: String {
        var lines: [String] = []
        for piece in pieces {
            switch piece {
            case .title(let text):
                lines += ["# \(text)", ""]
            case .heading(let index):
                lines += ["## \(TemplateLabels.headings[index])", ""]
            case .prose(let text), .signature(let text), .date(let text):
                lines += [text, ""]
            case .table(.active, let rows):
                let padded = rows.map { $0 + Array(repeating: "", count: 4 - $0.count) }
                lines += [pipeRow(padded[0]), pipeSeparator(4)] + padded.dropFirst().map(pipeRow) + [""]
            case .table(.requests, let rows):
                lines += ocrRequests(rows)
            case .table(.reviews, _):
                let groups = ["行政复议", "行政诉讼（未经复议直接起诉）", "行政诉讼（复议后起诉）"]
                for (group, name) in groups.enumerated() {
                    lines += [
                        "**\(name)**", "", pipeRow(Array(TemplateLabels.reviewHeader[2][0..<5])), pipeSeparator(5),
                    ]
                    lines += [pipeRow((0..<5).map { text(.review(group * 5 + $0)) }), ""]
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Table 3 as a vision model transcribes it: the header as a table of its own with `-` for merged
    /// cells, then every row as a small table headed `项目 | 数据1 …`.
    private func ocrRequests(_ rows: [[String]]) -> [String] {
        let dash = Array(repeating: "-", count: 8)
        var lines = [
            pipeRow([TemplateLabels.requestHeader[0][0], "申请人情况", "-", "-", "-", "-", "-", "-"]), pipeSeparator(8),
            pipeRow(["-", "自然人", "法人或其他组织", "-", "-", "-", "-", "总计"]),
            pipeRow(["-", "-"] + TemplateLabels.requestHeader[2] + ["-"]), "",
        ]
        for (index, row) in rows.dropFirst(TemplateLabels.requestHeader.count).enumerated() {
            let cells = row.first == "" ? Array(row.dropFirst()) : row
            let labelCount = cells.count - 7
            // Every third table counts one 数据 column too few, as the models often do.
            let dataColumns = index % 3 == 1 ? 6 : 7
            let header = Array(repeating: "项目", count: labelCount) + (1...dataColumns).map { "数据\($0)" }
            lines += [pipeRow(header), pipeSeparator(header.count)]
            if index == 0 { lines += [pipeRow(dash), pipeRow(dash)] }
            if index == 12 {
                lines.append(pipeRow(["申请人情况", "自然人"] + TemplateLabels.requestHeader[2] + ["总计"]))
            }
            lines += [pipeRow(cells), ""]
        }
        return lines
    }

    // MARK: PDF-to-Markdown with detached labels

    /// `text` cut into lines of at most `width` characters, never inside a number.
    static func wrapped(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var rest = Substring(text)
        while rest.count > width {
            var cut = rest.index(rest.startIndex, offsetBy: width)
            while cut > rest.startIndex, rest[cut].isNumber, rest[rest.index(before: cut)].isNumber {
                cut = rest.index(before: cut)
            }
            lines.append(String(rest[..<cut]))
            rest = rest[cut...]
        }
        return lines + [String(rest)]
    }

    /// See ``RealWorldCase/detachedLabels``.
    var detachedLabelsMarkdown: String {
        let values = { (row: Int) in (0..<7).map { self.text(.request(row: row, column: $0)) } }
        let labelled = { (labels: [String], row: Int, trailing: Bool) in
            pipeRow(labels + values(row) + (trailing ? [""] : []))
        }
        let labels = TemplateLabels.requestRows.map(\.label)
        var overview = overview.flatMap { Self.wrapped($0, width: 26) }
        overview.insert("— 1 —", at: 3)
        var problems = problems.flatMap { Self.wrapped($0, width: 26) }
        problems.insert("— 6 —", at: 1)
        var lines = ["正文", "\(year) 年\(agency)政府信息公开", "工作年度报告", TemplateLabels.headings[0]] + overview
        lines += [
            "", TemplateLabels.headings[1], "第二十条第（一）项", "信息内容本年制发件数本年废止件数现行有效件数", "行政规范性文件",
            "— 2 —", pipeRow(["规章", text(.active(0)), text(.active(1)), text(.active(2))]), pipeSeparator(4),
            "## 表二：主动公开政府信息情况", pipeRow([text(.active(3)), text(.active(4)), text(.active(5))]), pipeSeparator(3),
            "第二十条第（五）项", "信息内容本年处理决定数量", "行政许可 \(text(.active(6)))", "第二十条第（六）项", "信息内容本年处理决定数量",
            "行政处罚 \(text(.active(7)))", "行政强制 \(text(.active(8)))", "第二十条第（八）项", "信息内容本年收费金额（单位：万元）",
            "行政事业性收费 \(text(.active(9)))", "",
        ]
        lines += [
            TemplateLabels.headings[2], "申请人情况", "法人或其他组织", "（本列数据的勾稽关系为：第一项加第二项之和，", "社会法律", "公益服务其他",
            "企业机构", "组织机构", "## 表三：收到和处理政府信息公开申请情况", pipeRow(["等于第三项加第四项之和）", "自然人", "商业", "科研", "总计"]),
            pipeSeparator(5), labelled([labels[0]], 0, false), pipeSeparator(8), labelled([labels[1]], 1, false),
            labelled([labels[2]], 2, false), "", "（二）部分公开（区分处理的，只计这一情", "形，不计其他情形）",
            pipeRow(values(3)), pipeSeparator(7), labelled([labels[4]], 4, true), pipeSeparator(9),
            labelled([labels[5]], 5, true), labelled([labels[6]], 6, true), labelled(["（三）不", labels[7]], 7, false),
            labelled(["予公开", labels[8]], 8, false), labelled([labels[9]], 9, true), "— 5 —",
            labelled([labels[10]], 10, true),
            labelled([labels[11]], 11, true), "", "（四）无法提供",
        ]
        // Labels of rows 12...19 in a block, then their value rows in template order without labels.
        lines += labels[12...14] + ["（五）不予处理"] + labels[15...18]
        lines += ["5.要求行政机关确认或重新出具", "已获取信息", "三、本", "年度办", "理结果", "3"]
        lines += RealWorldCase.detachedValueRows.dropFirst().enumerated().flatMap { index, row in
            [pipeRow(values(row))] + (index == 0 ? [pipeSeparator(7)] : [])
        }
        lines += [
            "", "（六）其", "1.申请人无正当理由逾期不补正、", "他处理", labelled(["行政机关不再处理其政府信息公"], 20, false),
            pipeSeparator(8), "2.申请人逾期未按收费通知要求", "府信息公开申请", labelled(["缴纳费用、", "行政机关不再处理其政"], 21, false),
            pipeSeparator(9), labelled([labels[22]], 22, false), pipeSeparator(8), labelled([labels[23]], 23, false),
            labelled([labels[24]], 24, false), "",
        ]
        lines += [
            TemplateLabels.headings[3], "行政复议行政诉讼", "未经复议直接起诉复议后起诉", "结果结果其他尚未", "总计结果结果其他尚未结果结果其他尚未",
            "维持纠正结果审结维持纠正结果审结", pipeRow(["维持", "纠正", "结果", "审结", "总计", "总计"]), pipeSeparator(6),
            pipeRow((0..<15).map { text(.review($0)) }), pipeSeparator(15), "",
        ]
        // Heading 五 is absent; heading 六 is printed as 五.
        lines += problems + ["", "五、其他需要报告的事项"] + other + ["— 7 —"]
        return lines.joined(separator: "\n")
    }
}
