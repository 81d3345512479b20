/// A report as `pdftotext -layout` prints a PDF: every character takes one column, each field starts
/// at the character column of its place on the page (so CJK text looks misaligned in a terminal, as
/// pdftotext's own output does), table cells are centred in their column, a blank cell is only spaces,
/// and pages end in a form feed.
enum AlignedText {
    /// What the renderer does beyond laying out the columns.
    enum Habit {
        /// Columns only (blank cells stay blank).
        case plain
        /// Long table-3 labels wrapped with the row's numbers on a line of their own below the label,
        /// above it, between its halves, or with its second half (rows `RealWorldCase.wrappedLabelRows`).
        case wrappedLabels
        /// Long numbers wrapped inside their column (`RealWorldCase.wrappedNumbers`), labels broken inside
        /// a word (`1.属于国` / `家秘密`, `3.要求提供公开出版` / `物`).
        case narrowColumns
        /// Page numbers between rows and inside paragraphs, table 3's header repeated on the next page.
        case pageFurniture
    }

    /// Table 3: group labels at `groupColumn`, row labels at `labelColumn` (top-level rows at
    /// `groupColumn`), the seven values centred in columns of `valueWidth` from `valueStart`.
    static let groupColumn = 2
    static let labelColumn = 14
    static let valueStart = 54
    static let valueWidth = 10

    /// `pieces` placed at their character columns, at least two spaces apart.
    static func line(_ pieces: [(Int, String)]) -> String {
        var line = ""
        for (column, text) in pieces.sorted(by: { $0.0 < $1.0 }) where !text.isEmpty {
            let padding = line.isEmpty ? column : max(column - line.count, 2)
            line += String(repeating: " ", count: padding) + text
        }
        return line
    }

    /// `text` centred in the `width` columns from `start`.
    static func centred(_ text: String, _ start: Int, _ width: Int) -> (Int, String) {
        (start + max(0, (width - text.count) / 2), text)
    }

    /// The page number line at the foot of a page.
    static func pageNumber(_ marker: String) -> String {
        line([centred(marker, 0, 120)])
    }

    /// `text` as the first line of a new page: pdftotext starts it with a form feed.
    static func newPage(_ text: String) -> String { "\u{0C}" + text }

    static func document(_ report: SampleReport, habit: Habit) -> String {
        var lines: [String] = []
        for piece in report.pieces {
            switch piece {
            case .title(let text):
                lines += [line([(16, text)]), ""]
            case .heading(let index):
                lines.append(line([(4, TemplateLabels.headings[index])]))
            case .prose(let text) where habit == .pageFurniture && text == report.overview[1]:
                let (head, tail) = text.halves
                lines += [line([(4, head)]), pageNumber("- 1 -"), newPage(tail)]
            case .prose(let text) where habit == .pageFurniture && text == report.problems[0]:
                let (head, tail) = text.halves
                lines += [line([(4, head)]), pageNumber("第4页"), newPage(tail)]
            case .prose(let text):
                lines.append(line([(4, text)]))
            case .table(.active, let rows):
                lines += activeLines(rows, habit)
            case .table(.requests, _):
                lines += requestLines(report, habit)
            case .table(.reviews, _):
                lines += reviewLines(report, habit)
            case .signature(let text):
                lines.append(line([(60, text)]))
            case .date(let text):
                lines.append(line([(60, text)]))
                if habit == .pageFurniture { lines += [pageNumber("- 5 -"), newPage("")] }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Table 2: labels at column 2, three value columns of width 16 from column 22; one-value rows
    /// centred over all three.
    private static func activeLines(_ rows: [[String]], _ habit: Habit) -> [String] {
        var lines: [String] = []
        for (index, row) in rows.enumerated() {
            let text =
                switch row.count {
                case 1: line([centred(row[0], 22, 48)])
                case 2: line([(2, row[0]), centred(row[1], 22, 48)])
                default: line([(2, row[0])] + row.dropFirst().enumerated().map { centred($1, 22 + $0 * 16, 16) })
                }
            lines.append(habit == .pageFurniture && index == 7 ? newPage(text) : text)
            if habit == .pageFurniture && index == 6 { lines.append(pageNumber("-2-")) }
        }
        return lines
    }

    private static func valueColumn(_ column: Int) -> Int { valueStart + column * valueWidth }

    private static func requestHeader() -> [String] {
        [
            line([(groupColumn, "（本列数据的勾稽关系为：第一项加第二项之和，"), centred("申请人情况", valueStart, 7 * valueWidth)]),
            line([
                (groupColumn, "等于第三项加第四项之和）"), centred("自然人", valueColumn(0), valueWidth),
                centred("法人或其他组织", valueColumn(1), 5 * valueWidth), centred("总计", valueColumn(6), valueWidth),
            ]),
            line((1...5).map { centred(TemplateLabels.requestHeader[2][$0 - 1], valueColumn($0), valueWidth) }),
        ]
    }

    /// Table 3 row by row, with the habit's wraps and furniture.
    private static func requestLines(_ report: SampleReport, _ habit: Habit) -> [String] {
        var lines = requestHeader()
        for (index, row) in TemplateLabels.requestRows.enumerated() {
            let values = (0..<7).map { report.text(.request(row: index, column: $0)) }
            let isTopLevel = [0, 1, 23, 24].contains(index)
            let labelAt = isTopLevel ? groupColumn : labelColumn
            let group: [(Int, String)] = row.group.map { [(groupColumn, $0)] } ?? []
            var valuePieces = values.enumerated().map { centred($1, valueColumn($0), valueWidth) }
            switch (habit, index) {
            case (.wrappedLabels, 3):
                // Numbers on a line of their own below the wrapped label.
                lines += [
                    line([(labelAt, "（二）部分公开（区分处理的，只计这一情")]), line([(labelAt, "形，不计其他情形）")]),
                    line(valuePieces),
                ]
            case (.wrappedLabels, 19):
                // Numbers between the label's halves.
                lines += [line([(labelAt, "5.要求行政机关确认或重新出具")]), line(valuePieces), line([(labelAt, "已获取信息")])]
            case (.wrappedLabels, 20):
                // Numbers above the label.
                lines += [
                    line(valuePieces), line(group + [(labelAt, "1.申请人无正当理由逾期不补正、")]),
                    line([(labelAt, "行政机关不再处理其政府信息公开申请")]),
                ]
            case (.wrappedLabels, 21):
                // Numbers with the label's second half.
                lines += [
                    line([(labelAt, "2.申请人逾期未按收费通知要求缴纳费用、")]),
                    line([(labelAt, "行政机关不再处理其政府信息公开申请")] + valuePieces),
                ]
            case (.narrowColumns, 4), (.narrowColumns, 17):
                let (head, tail) = index == 4 ? ("1.属于国", "家秘密") : ("3.要求提供公开出版", "物")
                lines += [line(group + [(labelAt, head)] + valuePieces), line([(labelAt, tail)])]
            case (.narrowColumns, 0), (.narrowColumns, 23):
                var above: [(Int, String)] = []
                var below: [(Int, String)] = []
                for case .request(let wrappedRow, let column) in RealWorldCase.wrappedNumbers where wrappedRow == index
                {
                    let (head, tail) = wrapped(values[column])
                    above.append(centred(head, valueColumn(column), valueWidth))
                    below.append(centred(tail, valueColumn(column), valueWidth))
                    valuePieces[column].1 = ""
                }
                lines += [line(above), line(group + [(labelAt, row.label)] + valuePieces), line(below)]
            default:
                lines.append(line(group + [(labelAt, row.label)] + valuePieces))
            }
            if habit == .pageFurniture && index == 11 {
                let header = requestHeader()
                lines += [pageNumber("— 3 —"), newPage(header[0])] + header.dropFirst()
            }
        }
        return lines
    }

    /// A long number as a narrow column wraps it: its first four digits, then the rest.
    static func wrapped(_ value: String) -> (String, String) {
        (String(value.prefix(4)), String(value.dropFirst(4)))
    }

    /// Table 4: fifteen columns of width 10 from column 2 under their three header lines.
    private static func reviewLines(_ report: SampleReport, _ habit: Habit) -> [String] {
        let column = { (index: Int) in 2 + index * 10 }
        let header = TemplateLabels.reviewHeader
        var lines = [
            line([centred("行政复议", column(0), 50), centred("行政诉讼", column(5), 100)]),
            line([centred("未经复议直接起诉", column(5), 50), centred("复议后起诉", column(10), 50)]),
            line(header[2].enumerated().map { centred($1, column($0), 10) }),
        ]
        var values = (0..<15).map { centred(report.text(.review($0)), column($0), 10) }
        if habit == .narrowColumns {
            var above: [(Int, String)] = []
            var below: [(Int, String)] = []
            for case .review(let index) in RealWorldCase.wrappedNumbers {
                let (head, tail) = wrapped(report.text(.review(index)))
                above.append(centred(head, column(index), 10))
                below.append(centred(tail, column(index), 10))
                values[index].1 = ""
            }
            lines += [line(above), line(values), line(below)]
        } else {
            lines.append(line(values))
        }
        return lines
    }
}
