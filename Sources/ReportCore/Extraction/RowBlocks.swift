/// A table's lines in the template's row order, for files that print its rows in another (a PDF's text
/// extraction that puts table 2's 规章 and 行政规范性文件 rows after 行政许可 … 行政事业性收费).
///
/// A block is a line that names a row, with the text lines before it back to the previous block (its
/// headings: 第二十条第（五）项, 信息内容…) and the lines of numbers after it (its values, wrapped). The
/// blocks are put in the order of their rows; lines before the first heading and after the last block stay
/// where they are.
enum RowBlocks {
    /// The lines of `lines` (numbered by `numbers`, indexed as `lines` is) in the order of `shape`'s rows,
    /// each with its source line number; `nil` when they are in that order already, or a row is named twice.
    static func inTemplateOrder(
        _ lines: ArraySlice<String>,
        numbers: [Int],
        shape: TableShape
    ) -> (lines: [String], numbers: [Int])? {
        var blocks: [(row: Int, lines: [Int])] = []
        var pending: [Int] = []
        for index in lines.indices {
            let key = LabelKey.strippingNumbering(LabelKey.of(lines[index]))
            if let row = shape.rows.firstIndex(where: { names($0, key) }) {
                blocks.append((row, pending + [index]))
                pending = []
            } else if !blocks.isEmpty, pending.isEmpty, !key.contains(where: { !$0.isASCII }) {
                blocks[blocks.count - 1].lines.append(index)  // numbers after a row: its values
            } else {
                pending.append(index)
            }
        }
        let rows = blocks.map(\.row)
        guard rows != rows.sorted(), Set(rows).count == rows.count else { return nil }
        let order = blocks.sorted { $0.row < $1.row }.flatMap(\.lines) + pending
        return (order.map { lines[$0] }, order.map { numbers[$0] })
    }

    /// Whether `key` (a line's, numbering stripped) starts a line of `row`: its label's words lead it.
    private static func names(_ row: TableShape.Row, _ key: Substring) -> Bool {
        row.label.needles.contains { needle in
            row.label.exact
                ? key.hasPrefix(needle) && !key.dropFirst(needle.count).hasPrefix("制度") : key.containsBytes(of: needle)
        }
    }
}
