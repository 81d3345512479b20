/// The ways a report's tables are flattened into text, each read into the same ``Cell`` stream.
enum TextLayout: String {
    /// Tab-separated rows (also what HTML and .docx extraction produce).
    case tsv
    /// One cell per (tab-indented) line, rows separated by blank lines.
    case cells
    /// `a | b | c |` rows, or one `cell |` per line with `||` span markers.
    case pipe
    /// Markdown tables: `| a | b |` with a `|---|` separator row.
    case markdown
    /// Columns aligned with runs of spaces, as `pdftotext -layout` prints them.
    case spaced

    /// Picks the layout whose signature dominates the text's lines.
    static func detect(_ lines: [String]) -> TextLayout {
        var pipeLines = 0
        var markdownSeparators = 0
        var tabRows = 0
        var tabCells = 0
        var spacedRows = 0
        for line in lines {
            let utf8 = line.utf8
            if utf8.contains(UInt8(ascii: "|")) {
                pipeLines += 1
                if isMarkdownSeparator(line) { markdownSeparators += 1 }
            }
            if utf8.contains(UInt8(ascii: "\t")) {
                if Self.tabSeparatedFields(line) >= 2 {
                    tabRows += 1
                } else if utf8.first == UInt8(ascii: "\t") {
                    tabCells += 1
                }
            } else if SpacedColumns.isColumnRow(line) {
                spacedRows += 1
            }
        }
        if markdownSeparators > 0 && pipeLines >= 10 { return .markdown }
        if pipeLines >= 20 { return .pipe }
        if tabRows >= 10 { return .tsv }
        if tabCells >= 20 { return .cells }
        if spacedRows >= 10 { return .spaced }
        return .cells
    }

    /// Reads `lines` into cells.
    func cells(of lines: ArraySlice<String>) -> [Cell] {
        var cells: [Cell] = []
        cells.reserveCapacity(lines.count * 2)
        var row = 0
        for (index, line) in zip(lines.indices, lines) {
            let number = index + 1
            switch self {
            case .tsv:
                for field in line.split(separator: "\t", omittingEmptySubsequences: false) {
                    cells.append(Cell(text: field.trimmed, line: number, row: number))
                }
            case .cells:
                if line.isEmpty {
                    row += 1
                } else {
                    cells.append(Cell(text: line.trimmed, line: number, row: row))
                }
            case .pipe, .markdown:
                if self == .markdown && Self.isMarkdownSeparator(line) { continue }
                var body = line.trimmed
                if self == .markdown && body.first == "|" { body = body.dropFirst() }
                var fields = body.split(separator: "|", omittingEmptySubsequences: false)
                if fields.count > 1 && fields.last?.allSatisfy(\.isWhitespace) == true { fields.removeLast() }
                for field in fields {
                    cells.append(Cell(text: field.trimmed, line: number, row: number))
                }
            case .spaced:
                for field in SpacedColumns.fields(of: line) {
                    cells.append(Cell(text: field, line: number, row: number))
                }
            }
        }
        return cells
    }

    /// The number of tab-separated fields in `line` that hold more than spaces.
    private static func tabSeparatedFields(_ line: String) -> Int {
        var fields = 0
        var fieldHasText = false
        for byte in line.utf8 {
            if byte == UInt8(ascii: "\t") {
                if fieldHasText { fields += 1 }
                fieldHasText = false
            } else if byte != UInt8(ascii: " ") {
                fieldHasText = true
            }
        }
        return fields + (fieldHasText ? 1 : 0)
    }

    private static func isMarkdownSeparator(_ line: String) -> Bool {
        line.utf8.contains(UInt8(ascii: "-"))
            && line.utf8.allSatisfy { [UInt8(ascii: "|"), UInt8(ascii: "-"), UInt8(ascii: ":"), UInt8(ascii: " ")].contains($0) }
    }
}
