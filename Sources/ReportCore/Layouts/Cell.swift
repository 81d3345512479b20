/// One table cell (or one line of prose) as a layout reader found it: the common stream that every
/// layout is turned into before tables are extracted.
struct Cell {
    /// The cell's text, trimmed; empty for an empty cell.
    var text: Substring
    /// The 1-based line of the (decoded or extracted) text it was read from.
    var line: Int
    /// Cells with the same `row` were laid out side by side in the source.
    var row: Int
}
