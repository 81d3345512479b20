/// A report as blocks in reading order: what every renderer lays out in its own way.
public enum SampleBlock: Sendable, Equatable {
    case paragraph(String)
    case table([[String]])
}

extension SampleReport {
    /// The report in reading order: title, six sections with their tables, signature and date.
    public var blocks: [SampleBlock] {
        var blocks: [SampleBlock] = [.paragraph(title), .paragraph(TemplateLabels.headings[0])]
        blocks += overview.map(SampleBlock.paragraph)
        blocks += [.paragraph(TemplateLabels.headings[1]), .table(activeTable)]
        blocks += [.paragraph(TemplateLabels.headings[2]), .table(requestsTable)]
        blocks += [.paragraph(TemplateLabels.headings[3]), .table(reviewsTable)]
        blocks.append(.paragraph(TemplateLabels.headings[4]))
        blocks += problems.map(SampleBlock.paragraph)
        blocks.append(.paragraph(TemplateLabels.headings[5]))
        blocks += other.map(SampleBlock.paragraph)
        blocks.append(.paragraph(agency))
        if let signatureDate { blocks.append(.paragraph(signatureDate)) }
        return blocks
    }

    var activeTable: [[String]] {
        let value = { (index: Int) in text(.active(index)) }
        if let trialActive { return trialActive.rows(value) }
        return [
            ["第二十条第（一）项"],
            ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
            ["规章", value(0), value(1), value(2)],
            ["行政规范性文件", value(3), value(4), value(5)],
            ["第二十条第（五）项"],
            ["信息内容", "本年处理决定数量"],
            ["行政许可", value(6)],
            ["第二十条第（六）项"],
            ["信息内容", "本年处理决定数量"],
            ["行政处罚", value(7)],
            ["行政强制", value(8)],
            ["第二十条第（八）项"],
            ["信息内容", "本年收费金额（单位：万元）"],
            ["行政事业性收费", value(9)],
        ]
    }

    var requestsTable: [[String]] {
        var rows = TemplateLabels.requestHeader
        for (index, row) in TemplateLabels.requestRows.enumerated() {
            let values = (0..<7).map { text(.request(row: index, column: $0)) }
            if trialActive != nil, (20...22).contains(index) {
                // The trial format prints （六）其他处理 as one row.
                if index == 22 { rows.append(["（六）其他处理"] + values) }
                continue
            }
            let isTopLevel = [0, 1, 23, 24].contains(index)
            rows.append((isTopLevel ? [row.label] : [row.group ?? "", row.label]) + values)
        }
        return rows
    }

    var reviewsTable: [[String]] {
        TemplateLabels.reviewHeader + [(0..<15).map { text(.review($0)) }]
    }
}
