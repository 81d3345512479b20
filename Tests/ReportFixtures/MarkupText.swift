extension String {
    /// The text with `&`, `<`, `>` and `"` escaped, for HTML and XML alike.
    var markupEscaped: String {
        var escaped = ""
        for character in self {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    /// The text cut in two in the middle, as CMS editors and Word split one word over two runs.
    var halves: (String, String) {
        let middle = index(startIndex, offsetBy: count / 2)
        return (String(self[..<middle]), String(self[middle...]))
    }
}

extension SampleBlock {
    /// For a table: how many columns its widest row has, and for each row whether its first cell is
    /// a continuation of the cell above (an empty first cell under a non-empty one), which renderers
    /// draw as a vertical merge.
    static func grid(_ rows: [[String]]) -> (width: Int, continuesAbove: [Bool]) {
        let width = rows.map(\.count).max() ?? 0
        let continuesAbove = rows.indices.map { index in
            index > 0 && rows[index].first == "" && rows[index].count == width
        }
        return (width, continuesAbove)
    }
}
