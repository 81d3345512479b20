/// One table cell (or one line of prose) as a layout reader found it: the common stream that every
/// layout is turned into before tables are extracted.
struct Cell {
    /// The line the cell was read from.
    var source: String
    /// Where the cell's text, trimmed, is in `source` (UTF-8 offsets); empty for an empty cell.
    var bounds: Range<Int>
    /// What the text holds.
    var value: CellValue
    /// The 1-based line of the (decoded or extracted) text it was read from.
    var line: Int
    /// Cells with the same `row` were laid out side by side in the source.
    var row: Int

    /// The cell at `bounds` of `source`, whose UTF-8 bytes are `bytes`.
    init(_ source: String, _ bytes: UnsafeBufferPointer<UInt8>, bounds: Range<Int>, line: Int, row: Int) {
        self.source = source
        self.bounds = bounds
        self.value = CellValue(UnsafeBufferPointer(rebasing: bytes[bounds]))
        self.line = line
        self.row = row
    }

    /// The cell's text, trimmed.
    var text: Substring {
        source[utf8Offsets: bounds]
    }

    /// Calls `body` with the UTF-8 bytes of the cell's text.
    func withUTF8Bytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        try source.withUTF8Bytes { try body(UnsafeBufferPointer(rebasing: $0[bounds])) }
    }
}
