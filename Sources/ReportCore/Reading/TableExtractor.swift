/// Reads a clean table fast: each row at the first label run that names it by one of its distinctive
/// words, with its values right after (or right before) it. `TableReader` tries it first and keeps
/// its reading only when every row was found so and the reading keeps the table's arithmetic;
/// anything else (typos, lost labels, values run together, wrapped or left out) goes to the general
/// alignment.
///
/// The stream is grouped into runs: a *label run* is a stretch of consecutive text cells (matched by
/// their keys joined, so a label split over lines or cells is still found), a *value run* a stretch of
/// consecutive numbers and blank markers. Empty cells are transparent, except between two values of
/// one row, where they are blank values. Each template row, in order, takes the first label run
/// that names it and the value run that follows.
struct TableExtractor {
    private enum Run {
        /// The key is built when a row looks for its label, so prose around the tables costs little.
        case label(cells: Range<Int>)
        /// The run's values are `valueCells[range]`.
        case values(Range<Int>)
    }

    /// The cells, with empty cells inside value rows marked blank.
    private let cells: [Cell]
    private var runs: [Run] = []
    /// The cells of the value runs, run after run.
    private var valueCells: [Int] = []

    init(cells: [Cell]) {
        var cells = cells
        Cell.markBlanks(&cells, afterWords: false)
        self.cells = cells
        var runs: [Run] = []
        var valueCells: [Int] = []
        valueCells.reserveCapacity(cells.count)
        var index = 0
        while index < cells.count {
            switch cells[index].value {
            case .empty:
                index += 1
            case .number, .blank:
                let start = valueCells.count
                while index < cells.count, cells[index].value != .text {
                    if cells[index].value.isValue { valueCells.append(index) }
                    index += 1
                }
                runs.append(.values(start..<valueCells.count))
            case .text:
                let start = index
                while index < cells.count, !cells[index].value.isValue { index += 1 }
                runs.append(.label(cells: start..<index))
            }
        }
        self.runs = runs
        self.valueCells = valueCells
    }

    /// Reads `shape` into `table`, row after row, each at the first label run after the last row's
    /// that names it; throws when a row is not found so or has fewer values than cells.
    func read(_ shape: TableShape, into table: inout TableCells) throws(NotAReport) {
        var position = 0
        var rowIndex = 0
        while rowIndex < shape.rows.count {
            let row = shape.rows[rowIndex]
            if let collapsible = shape.collapsible, rowIndex == collapsible.rows.lowerBound,
                let collapsed = collapsedRow(collapsible, first: row.label, from: position)
            {
                // The rows printed as one: their values are the last row's; the others are 0.
                let line = labelLine(collapsed)
                for skipped in collapsible.rows.dropLast() {
                    let first = shape.rows[skipped].firstCell
                    for column in 0..<shape.rows[skipped].width { table.lines[first + column] = line }
                }
                table.collapsedOtherHandlingLine = line
                let last = shape.rows[collapsible.rows.upperBound]
                position = try takeValues(after: collapsed, name: last.key, width: last.width, table: shape.name) {
                    (value, cell, column) throws(NotAReport) in
                    try table.store(value, of: cell, in: last.firstCell + column)
                }
                rowIndex = collapsible.rows.upperBound + 1
                continue
            }
            position = try read(row.label, name: row.key, width: row.width, table: shape.name, from: position) {
                (value, cell, column) throws(NotAReport) in
                try table.store(value, of: cell, in: row.firstCell + column)
            }
            rowIndex += 1
        }
    }

    /// Finds the label run for `label` at or after run `position`, hands the `width` values that
    /// belong to it to `store`, and returns the run position to search the next row from.
    ///
    /// The values are those of the value run after the label, unless an unclaimed value run stands
    /// right before it: then the label was wrapped below its numbers (`pdftotext -layout` centres
    /// numbers on multi-line labels, so a label's distinctive words can follow them), and the
    /// label run may also begin the next row's label, so the next search starts at it.
    private func read(
        _ label: Template.Label,
        name: String,
        width: Int,
        table: String,
        from position: Int,
        store: (CellValue, Cell, Int) throws(NotAReport) -> Void
    ) throws(NotAReport) -> Int {
        let labelRun = (position..<runs.count).first(where: { matches(label, run: $0) })
        if labelRun != position, let split = valuesInsideSplitLabel(label, from: position),
            labelRun.map({ split < $0 - 1 }) ?? true
        {
            try takeValues(split, of: split - 1, name: name, width: width, table: table, store: store)
            return split + 1
        }
        guard let labelRun else {
            throw NotAReport(.unreadableTable, "\(table): row \(name) (\(label.needles[0])) not found")
        }
        if labelRun - 1 >= position, case .values = runs[labelRun - 1] {
            try takeValues(labelRun - 1, of: labelRun, name: name, width: width, table: table, store: store)
            return labelRun
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
        store: (CellValue, Cell, Int) throws(NotAReport) -> Void
    ) throws(NotAReport) -> Int {
        try takeValues(labelRun + 1, of: labelRun, name: name, width: width, table: table, store: store)
        return labelRun + 2
    }

    /// Hands the first `width` values of run `valueRun`, which belongs to `labelRun`, to `store`.
    private func takeValues(
        _ valueRun: Int,
        of labelRun: Int,
        name: String,
        width: Int,
        table: String,
        store: (CellValue, Cell, Int) throws(NotAReport) -> Void
    ) throws(NotAReport) {
        guard valueRun < runs.count, case .values(let run) = runs[valueRun], run.count >= width else {
            throw NotAReport(
                .unreadableTable,
                "\(table): row \(name) at line \(labelLine(labelRun)) has fewer than \(width) values"
            )
        }
        for (column, index) in valueCells[run].prefix(width).enumerated() {
            try store(cells[index].value, cells[index], column)
        }
    }

    private func matches(_ label: Template.Label, run: Int) -> Bool {
        guard case .label(let range) = runs[run] else { return false }
        if label.exact {
            return range.contains { index in
                // A cell whose stripped key is a needle ends with it: test that first, on bytes.
                // (No needle has another, canonically equivalent spelling.)
                cells[index].value == .text
                    && cells[index].withUTF8Bytes({ text in
                        LabelKey.withKey(ofUTF8: text) { key in label.needles.contains(where: key.hasSuffix(bytesOf:)) }
                    })
                    && label.needles.contains(String(LabelKey.strippingNumbering(LabelKey.of(cells[index].text))))
            }
        }
        // A needle inside one cell is found without joining the keys of a long header run; the row's
        // own label is its last cell, so look from there.
        let inOneCell = range.reversed().contains { index in
            cells[index].value == .text
                && cells[index].withUTF8Bytes({ text in
                    LabelKey.withKey(ofUTF8: text) { key in label.needles.contains(where: key.containsBytes(of:)) }
                })
        }
        return inOneCell || withKey(of: range) { key in label.needles.contains(where: key.containsBytes(of:)) }
    }

    /// The first value run at or after `position` whose row label is split around it: its words
    /// start above the numbers and end below them (5.属于三类内部事 / numbers / 务信息).
    private func valuesInsideSplitLabel(_ label: Template.Label, from position: Int) -> Int? {
        guard !label.exact else { return nil }
        return (position + 1..<max(position + 1, runs.count - 1)).first { valueRun in
            guard case .values = runs[valueRun], case .label(let above) = runs[valueRun - 1],
                case .label(let below) = runs[valueRun + 1]
            else { return false }
            return withKey(of: above.lowerBound..<below.upperBound) { key in
                label.needles.contains(where: key.containsBytes(of:))
            }
        }
    }

    /// Calls `body` with the keys of the text cells in `range`, joined.
    private func withKey<Result>(of range: Range<Int>, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        let capacity = range.reduce(0) { $0 + cells[$1].bounds.count }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(capacity, 1)) { key in
            var length = 0
            for index in range where cells[index].value == .text {
                length += cells[index].withUTF8Bytes { LabelKey.write($0, to: key.baseAddress! + length) }
            }
            return body(UnsafeBufferPointer(rebasing: key[..<length]))
        }
    }

    /// The label run of the collapsible rows printed as one (（六）其他处理) when it comes next: it
    /// names the collapsed row and not the first of the rows it stands for.
    private func collapsedRow(
        _ collapsible: TableShape.Collapsible,
        first firstRow: Template.Label,
        from position: Int
    ) -> Int? {
        guard let run = (position..<runs.count).first(where: { if case .label = runs[$0] { true } else { false } }),
            case .label(let range) = runs[run],
            withKey(
                of: range,
                { key in
                    collapsible.label.needles.contains(where: key.containsBytes(of:))
                        && !firstRow.needles.contains(where: key.containsBytes(of:))
                }
            )
        else { return nil }
        return run
    }

    private func labelLine(_ run: Int) -> Int {
        guard case .label(let range) = runs[run] else { return 0 }
        return cells[range.upperBound - 1].line
    }
}
