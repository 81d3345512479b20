/// One table cell (or one line of prose) as a layout reader found it: the common stream that every
/// layout is turned into before tables are extracted.
package struct Cell {
    /// The line the cell was read from.
    package var source: String
    /// Where the cell's text, trimmed, is in `source` (UTF-8 offsets); empty for an empty cell.
    package var bounds: Range<Int>
    /// What the text holds.
    var value: CellValue
    /// The 1-based line of the (decoded or extracted) text it was read from.
    package var line: Int
    /// Cells with the same `row` were laid out side by side in the source.
    package var row: Int

    /// The cell at `bounds` of `source`, whose UTF-8 bytes are `bytes`.
    init(_ source: String, _ bytes: UnsafeBufferPointer<UInt8>, bounds: Range<Int>, line: Int, row: Int) {
        self.source = source
        self.bounds = bounds
        self.value = CellValue(UnsafeBufferPointer(rebasing: bytes[bounds]))
        self.line = line
        self.row = row
    }

    /// The cell's text, trimmed.
    package var text: Substring {
        source[utf8Offsets: bounds]
    }

    /// Calls `body` with the UTF-8 bytes of the cell's text.
    func withUTF8Bytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        try source.withUTF8Bytes { try body(UnsafeBufferPointer(rebasing: $0[bounds])) }
    }
}

extension Cell {
    /// Marks the empty cells of `cells` that are values left blank: every empty cell between two
    /// values of one row, and with `afterWords` every empty cell after a row's last words (or after
    /// its first value when it has no words): a grid (a .docx or HTML table, pipes) keeps a cell for
    /// each column, and an office leaves the ones it has nothing for empty (a 规章 row of three empty
    /// cells, a carried-forward row without its total).
    static func markBlanks(_ cells: inout [Cell], afterWords: Bool) {
        var rowStart = 0
        while rowStart < cells.count {
            var rowEnd = rowStart
            while rowEnd < cells.count, cells[rowEnd].row == cells[rowStart].row { rowEnd += 1 }
            let row = rowStart..<rowEnd
            let firstValue = row.first(where: { cells[$0].value.isValue })
            if let firstValue, let lastValue = row.last(where: { cells[$0].value.isValue }) {
                for index in firstValue...lastValue where cells[index].value == .empty { cells[index].value = .blank }
            }
            let words = row.last(where: { cells[$0].value == .text })
            if afterWords, let trailing = words.map({ $0 + 1 }) ?? firstValue {
                for index in trailing..<rowEnd where cells[index].value == .empty { cells[index].value = .blank }
            }
            rowStart = rowEnd
        }
    }
}
