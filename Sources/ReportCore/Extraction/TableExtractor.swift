/// Finds tables 2, 3 and 4 in the cell stream by their row labels, not by position.
///
/// The stream is grouped into runs: a *label run* is a stretch of consecutive text cells (their
/// keys joined, so a label split over lines or cells is still found), a *value run* a stretch of
/// consecutive numbers and blank markers. Empty cells are transparent, except between two values of
/// one row, where they are blank values. Each template row, in order, takes the first label run
/// that names it and the value run that follows.
struct TableExtractor {
    private enum Run {
        case label(key: String, cells: Range<Int>)
        case values([Int])
    }

    private let cells: [Cell]
    private let values: [CellValue]
    private var runs: [Run] = []

    init(cells: [Cell]) {
        self.cells = cells
        var values = cells.map { CellValue($0.text) }
        Self.markBlanksInsideValueRows(cells, &values)
        self.values = values
        var runs: [Run] = []
        var index = 0
        while index < cells.count {
            switch values[index] {
            case .empty:
                index += 1
            case .number, .blank:
                var run: [Int] = []
                while index < cells.count, values[index] != .text {
                    if values[index].isValue { run.append(index) }
                    index += 1
                }
                runs.append(.values(run))
            case .text:
                let start = index
                var key = ""
                while index < cells.count, !values[index].isValue {
                    if values[index] == .text { key += LabelKey.of(cells[index].text) }
                    index += 1
                }
                runs.append(.label(key: key, cells: start..<index))
            }
        }
        self.runs = runs
    }

    /// An empty cell between two values of the same row is a value left blank.
    private static func markBlanksInsideValueRows(_ cells: [Cell], _ values: inout [CellValue]) {
        var rowStart = 0
        while rowStart < cells.count {
            var rowEnd = rowStart
            while rowEnd < cells.count, cells[rowEnd].row == cells[rowStart].row { rowEnd += 1 }
            if let first = (rowStart..<rowEnd).first(where: { values[$0].isValue }),
                let last = (rowStart..<rowEnd).last(where: { values[$0].isValue })
            {
                for index in first..<last where values[index] == .empty { values[index] = .blank }
            }
            rowStart = rowEnd
        }
    }

    /// Reads table 2 into `table`.
    func readActive(into table: inout TableCells) throws(NotAReport) {
        var position = 0
        var cell = 0
        for row in Template.activeRows {
            let width = max(row.columns.count, 1)
            position = try read(row.label, name: row.key, width: width, table: "表二", from: position) {
                (value, printed, line, column) throws(NotAReport) in
                try table.store(value, printed: printed, line: line, in: cell + column)
            }
            cell += width
        }
    }

    /// Reads table 3 into `table`.
    func readRequests(into table: inout TableCells) throws(NotAReport) {
        var position = 0
        var rowIndex = 0
        while rowIndex < Template.requestRows.count {
            let row = Template.requestRows[rowIndex]
            if rowIndex == Template.otherHandlingFirstRow, let collapsed = collapsedOtherHandling(from: position) {
                // （六）其他处理 printed as one row: its values are 3.其他's; the other two sub-rows are 0.
                let line = labelLine(collapsed)
                for skipped in rowIndex..<rowIndex + 2 {
                    for column in 0..<7 { table.lines[Template.requestCell(row: skipped, column: column)] = line }
                }
                table.collapsedOtherHandlingLine = line
                rowIndex += 2
                let first = Template.requestCell(row: rowIndex, column: 0)
                position = try takeValues(after: collapsed, name: "otherHandling", width: 7, table: "表三") {
                    (value, printed, line, column) throws(NotAReport) in
                    try table.store(value, printed: printed, line: line, in: first + column)
                }
                rowIndex += 1
                continue
            }
            let first = Template.requestCell(row: rowIndex, column: 0)
            position = try read(row.label, name: row.key, width: 7, table: "表三", from: position) {
                (value, printed, line, column) throws(NotAReport) in
                try table.store(value, printed: printed, line: line, in: first + column)
            }
            rowIndex += 1
        }
    }

    /// Reads table 4 into `table`.
    func readReviews(into table: inout TableCells) throws(NotAReport) {
        _ = try read(Template.reviewHeader, name: "reviews", width: 15, table: "表四", from: 0) {
            (value, printed, line, column) throws(NotAReport) in
            try table.store(value, printed: printed, line: line, in: Template.reviewsFirstCell + column)
        }
    }

    /// Finds the label run for `label` at or after run `position`, hands the `width` values of the
    /// value run after it to `store`, and returns the run position after them.
    private func read(
        _ label: Template.Label,
        name: String,
        width: Int,
        table: String,
        from position: Int,
        store: (CellValue, Substring, Int, Int) throws(NotAReport) -> Void
    ) throws(NotAReport) -> Int {
        guard let labelRun = (position..<runs.count).first(where: { matches(label, run: $0) }) else {
            throw NotAReport(.unreadableTable, "\(table): row \(name) (\(label.needles[0])) not found")
        }
        return try takeValues(after: labelRun, name: name, width: width, table: table, store: store)
    }

    /// Hands the first `width` values of the value run after `labelRun` to `store`; returns the run
    /// position after them.
    private func takeValues(
        after labelRun: Int,
        name: String,
        width: Int,
        table: String,
        store: (CellValue, Substring, Int, Int) throws(NotAReport) -> Void
    ) throws(NotAReport) -> Int {
        guard labelRun + 1 < runs.count, case .values(let found) = runs[labelRun + 1], found.count >= width else {
            throw NotAReport(
                .unreadableTable,
                "\(table): row \(name) at line \(labelLine(labelRun)) has fewer than \(width) values"
            )
        }
        for (column, index) in found.prefix(width).enumerated() {
            try store(values[index], cells[index].text, cells[index].line, column)
        }
        return labelRun + 2
    }

    private func matches(_ label: Template.Label, run: Int) -> Bool {
        guard case .label(let key, let range) = runs[run] else { return false }
        if label.exact {
            return range.contains { index in
                values[index] == .text
                    && label.needles.contains(String(LabelKey.strippingNumbering(LabelKey.of(cells[index].text))))
            }
        }
        return label.needles.contains(where: key.containsBytes(of:))
    }

    /// The label run of （六）其他处理 when it is printed as one row right before its values.
    private func collapsedOtherHandling(from position: Int) -> Int? {
        guard let run = (position..<runs.count).first(where: { if case .label = runs[$0] { true } else { false } }),
            case .label(let key, _) = runs[run],
            key.containsBytes(of: Template.otherHandlingCollapsedNeedle),
            !Template.requestRows[Template.otherHandlingFirstRow].label.needles.contains(where: key.containsBytes(of:))
        else { return nil }
        return run
    }

    private func labelLine(_ run: Int) -> Int {
        guard case .label(_, let range) = runs[run] else { return 0 }
        return cells[range.upperBound - 1].line
    }
}
