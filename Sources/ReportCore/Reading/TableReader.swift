/// Reads one table of a report into `TableCells`: a clean table at once (`TableExtractor`), when its
/// reading keeps the table's arithmetic; else its values (`TableStream`), which row takes which
/// (`RowAlignment`), the readings of rows whose values were run together or left out
/// (`DigitSplitter`, placements of the values that are there), and the choice among readings that
/// the template's arithmetic makes (`ReadingChoice`).
///
/// Cells read by that arithmetic rather than straight from the text are listed as inferred; cells
/// that more than one reading fits, as ambiguous, holding the first reading. A row that is not in
/// the file at all refuses the file.
enum TableReader {
    /// The most values a table's section may hold: a real table has a few hundred.
    static let maximumValues = 20_000

    /// Reads `shape` from `cells` (the cell stream of its section) into `table`; `positioned` when the
    /// text aligns columns by position (`pdftotext -layout`), so that positions may say where a value
    /// stands (see `ColumnLayout`); `stated`: counts the report states in its prose, by cell.
    static func read(
        _ shape: TableShape,
        from cells: [Cell],
        positioned: Bool,
        stated: [Int: Int] = [:],
        into table: inout TableCells
    ) throws(NotAReport) {
        var exact = table
        if (try? TableExtractor(cells: cells).read(shape, into: &exact)) != nil, exact.keeps(shape) {
            table = exact
            return
        }
        let stream = TableStream(cells: cells, signsAndUnits: shape.signsAndUnits)
        guard stream.values.count <= maximumValues else {
            throw NotAReport(.unreadableTable, "\(shape.name): \(stream.values.count) numbers, not a table")
        }
        let alignment = RowAlignment(shape, stream, positioned: positioned)
        var found = Set<Int>()
        for placement in alignment.placements {
            if placement.collapsed, let collapsible = shape.collapsible {
                found.formUnion(collapsible.rows)
            } else {
                found.insert(placement.row)
            }
        }
        if let missing = shape.rows.indices.first(where: { !found.contains($0) }) {
            let row = shape.rows[missing]
            throw NotAReport(.unreadableTable, "\(shape.name): row \(row.key) (\(row.printed)) not found")
        }

        var choice = ReadingChoice(shape, stated: stated)
        // Positions are read on lines of a printed page; a line far longer is no page's (and reading
        // positions on it would cost its length for every cell).
        let byColumns = positioned && cells.allSatisfy { $0.source.utf8.count <= ColumnLayout.longestLine }
        let columns = byColumns ? ColumnLayout(shape, stream, alignment.placements, cells: cells) : nil
        for (index, placement) in alignment.placements.enumerated() {
            let row = shape.rows[placement.row]
            let values = stream.values[placement.values]
            if let cell = placement.labelCell {
                let blanks = RowReading([Cell](repeating: RowReading.blank(like: cell), count: row.width))
                choice.add(row: row, readings: [blanks], printed: values, isOpen: false)
            } else if let columnReadings = columns?.readings(of: index), !columnReadings.isEmpty {
                choice.add(row: row, readings: columnReadings, printed: values, isOpen: !placement.labelled)
            } else {
                let found = readings(of: row, values, placement.fit)
                choice.add(
                    row: row,
                    readings: found.readings,
                    printed: values,
                    isOpen: placement.fit != .exact || !placement.labelled,
                    isComplete: found.isComplete
                )
            }
        }
        for (row, reading) in choice.chosen() {
            for (column, cell) in reading.cells.enumerated() {
                try table.store(cell.value, of: cell, in: row.firstCell + column)
            }
        }
        table.inferred += choice.inferred
        table.ambiguities += choice.ambiguities
        for placement in alignment.placements where placement.collapsed {
            let line = stream.values[placement.values.lowerBound].cell.line
            table.collapsedOtherHandlingLine = line
            for row in shape.collapsible!.rows.dropLast() {
                for column in 0..<shape.rows[row].width { table.lines[shape.rows[row].firstCell + column] = line }
            }
        }
    }

    /// The readings of `row` from the values the alignment gave it, and whether they are all there
    /// are (a search for them may be cut short by its limit).
    private static func readings(
        of row: TableShape.Row,
        _ values: ArraySlice<TableStream.Value>,
        _ fit: RowAlignment.Fit
    ) -> (readings: [RowReading], isComplete: Bool) {
        switch fit {
        case .exact:
            return ([RowReading(values.prefix(row.width).map(\.cell))], true)
        case .joined:
            let runs = values.map { value in
                value.cell.value == .blank
                    ? Array("0".utf8) : value.cell.withUTF8Bytes { $0.filter { $0 != UInt8(ascii: ",") } }
            }
            let fixed = values.map { !$0.joined }
            let signed = row.signedColumns
            let search = DigitSplitter.readings(
                of: runs,
                width: row.width,
                sums: row.sums,
                fixed: fixed,
                signed: signed
            )
            var found = search.readings
            if found.isEmpty {
                // No cut keeps the row's sums: read the first cut, and let validation say what is wrong.
                found = Array(
                    DigitSplitter.readings(of: runs, width: row.width, sums: [], fixed: fixed, signed: signed)
                        .readings.prefix(1)
                )
            }
            let cells = Array(values.map(\.cell))
            // No cut at all (a run too long for the row's values): the runs as printed, placed.
            guard !found.isEmpty else {
                return (RowReading.placements(of: cells, width: row.width, sums: row.sums), search.complete)
            }
            let readings = found.map { reading in
                RowReading(
                    reading.map { piece in
                        var cell = cells[piece.run]
                        if !fixed[piece.run] {
                            cell.bounds =
                                cell.bounds.lowerBound + piece.bytes.lowerBound..<cell.bounds.lowerBound
                                + piece.bytes.upperBound
                            cell.value = cell.withUTF8Bytes(CellValue.init)
                        }
                        return cell
                    }
                )
            }
            return (readings, search.complete)
        case .short:
            return (RowReading.placements(of: Array(values.map(\.cell)), width: row.width, sums: row.sums), true)
        }
    }
}
