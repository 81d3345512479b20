/// One way of reading a row: a cell for each of its columns.
struct RowReading {
    var cells: [Cell]
    /// The columns whose value the text left open (a number joined from parts).
    var open: [Bool]

    init(_ cells: [Cell]) {
        self.cells = cells
        self.open = cells.map { _ in false }
    }

    /// What the cells hold, to tell readings apart: counts as integers, decimals as printed.
    var values: [String] {
        zip(cells, counts).map { cell, count in
            cell.withUTF8Bytes { $0.contains(UInt8(ascii: ".")) } ? String(cell.text) : String(count)
        }
    }

    /// The counts the cells hold (blank and non-numbers as 0; a number longer than a cell may hold,
    /// which `TableCells.store` refuses, as 0 too, so that sums of counts cannot overflow).
    var counts: [Int] {
        cells.map { cell in
            guard case .number = cell.value else { return 0 }
            return cell.withUTF8Bytes { bytes in
                let digits = bytes.filter { $0 != UInt8(ascii: ",") }
                guard digits.count <= TableCells.maximumDigits + 1 else { return 0 }
                return Int(String(decoding: digits, as: UTF8.self)) ?? 0
            }
        }
    }

    /// How a row with fewer values than columns may be read: the values in order, each in a column
    /// of its own, the columns left over blank; only the placements that keep the row's sums, or all
    /// of them when none does.
    static func placements(of values: [Cell], width: Int, sums: [TableShape.Sum]) -> [RowReading] {
        var all: [RowReading] = []
        var kept: [RowReading] = []
        var columns: [Int] = []
        var work = 0
        func place(from column: Int) {
            work += 1
            guard kept.count < DigitSplitter.readingLimit, work < 4096 else { return }
            if columns.count == values.count {
                var cells = (0..<width).map { _ in Self.blank(like: values[0]) }
                for (value, column) in zip(values, columns) { cells[column] = value }
                let reading = RowReading(cells)
                if reading.keeps(sums) { kept.append(reading) }
                if all.count < DigitSplitter.readingLimit { all.append(reading) }
                return
            }
            guard column < width, width - column >= values.count - columns.count else { return }
            columns.append(column)
            place(from: column + 1)
            columns.removeLast()
            place(from: column + 1)
        }
        place(from: 0)
        return kept.isEmpty ? all : kept
    }

    /// Whether the counts keep `sums`.
    func keeps(_ sums: [TableShape.Sum]) -> Bool {
        TableShape.Sum.hold(sums, in: counts)
    }

    /// A blank cell on the line of `cell`.
    static func blank(like cell: Cell) -> Cell {
        var blank = cell
        blank.bounds = cell.bounds.lowerBound..<cell.bounds.lowerBound
        blank.value = .blank
        return blank
    }
}
