/// The ways a report's tables are flattened into text, each read into the same ``Cell`` stream.
package enum TextLayout: String {
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
    package static func detect(_ lines: [String]) -> TextLayout {
        var pipeLines = 0
        var markdownSeparators = 0
        var tabRows = 0
        var tabCells = 0
        var spacedRows = 0
        for line in lines {
            line.withUTF8Bytes { bytes in
                if bytes.containsByte(UInt8(ascii: "|")) {
                    pipeLines += 1
                    if isMarkdownSeparator(bytes) { markdownSeparators += 1 }
                }
                // Once a layout that ranks higher has qualified, or a count has reached its
                // threshold, the tests below can no longer change the answer: they are skipped.
                guard pipeLines < 20 && tabRows < 10 else { return }
                if bytes.containsByte(UInt8(ascii: "\t")) {
                    if tabSeparatedFields(bytes) >= 2 {
                        tabRows += 1
                    } else if bytes.first == UInt8(ascii: "\t") {
                        tabCells += 1
                    }
                } else if tabCells < 20 && spacedRows < 10 && SpacedColumns.isColumnRow(bytes) {
                    spacedRows += 1
                }
            }
            // Markdown outranks every other layout: once it qualifies, it is the answer.
            if markdownSeparators > 0 && pipeLines >= 10 { return .markdown }
        }
        if pipeLines >= 20 { return .pipe }
        if tabRows >= 10 { return .tsv }
        if tabCells >= 20 { return .cells }
        if spacedRows >= 10 { return .spaced }
        return .cells
    }

    /// Reads `lines` into cells; `numbers[i]` is the 1-based source line of `lines[i]` (by default
    /// `i + 1`).
    package func cells(of lines: ArraySlice<String>, numbers: [Int]? = nil) -> [Cell] {
        var cells: [Cell] = []
        cells.reserveCapacity(lines.count * (self == .cells ? 1 : 12))
        var row = 0
        for (index, line) in zip(lines.indices, lines) {
            let number = numbers?[index] ?? index + 1
            if self == .cells && line.isEmpty {
                row += 1
                continue
            }
            let cellRow = self == .cells ? row : index + 1
            line.withUTF8Bytes { bytes in
                forEachField(of: line, bytes) { field in
                    cells.append(Cell(line, bytes, bounds: field, line: number, row: cellRow))
                }
            }
        }
        return cells
    }

    /// Calls `body` with the UTF-8 bounds of each field of `line` (whose bytes are `bytes`).
    private func forEachField(of line: String, _ bytes: UnsafeBufferPointer<UInt8>, _ body: (Range<Int>) -> Void) {
        switch self {
        case .tsv:
            var start = 0
            for index in 0..<bytes.count where bytes[index] == UInt8(ascii: "\t") {
                body(bytes.trimmedBounds(start..<index))
                start = index + 1
            }
            body(bytes.trimmedBounds(start..<bytes.count))
        case .pipe, .markdown:
            if self == .markdown && Self.isMarkdownSeparator(bytes) { return }
            var row = bytes.trimmedBounds(0..<bytes.count)
            if self == .markdown, isPipe(at: row.lowerBound, in: row, bytes) { row = row.dropFirst() }
            var start = row.lowerBound
            for index in row where isPipe(at: index, in: row, bytes) {
                body(bytes.trimmedBounds(start..<index))
                start = index + 1
            }
            // The filler after a closing `|` is no field.
            let last = start..<row.upperBound
            if start == row.lowerBound || !Self.isWhitespace(line, last, bytes) {
                body(bytes.trimmedBounds(last))
            }
        case .spaced:
            SpacedColumns.forEachField(of: bytes, body)
        case .cells:
            body(bytes.trimmedBounds(0..<bytes.count))
        }
    }

    /// Whether a `|` that separates cells is at `index`.
    private func isPipe(at index: Int, in row: Range<Int>, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        index < row.upperBound && bytes[index] == UInt8(ascii: "|") && bytes.isLoneCharacter(at: index, in: row)
    }

    /// Whether every character of `line[bounds]` is white space (in Unicode's wide sense).
    private static func isWhitespace(_ line: String, _ bounds: Range<Int>, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool
    {
        let field = UnsafeBufferPointer(rebasing: bytes[bounds])
        guard field.allSatisfy({ $0 < 0x80 }) else { return line[utf8Offsets: bounds].allSatisfy(\.isWhitespace) }
        return field.allSatisfy { $0 == 0x20 || (0x09...0x0D).contains($0) }
    }

    /// The number of tab-separated fields in `line` that hold more than spaces.
    private static func tabSeparatedFields(_ line: UnsafeBufferPointer<UInt8>) -> Int {
        var fields = 0
        var fieldHasText = false
        for byte in line {
            if byte == UInt8(ascii: "\t") {
                if fieldHasText { fields += 1 }
                fieldHasText = false
            } else if byte != UInt8(ascii: " ") {
                fieldHasText = true
            }
        }
        return fields + (fieldHasText ? 1 : 0)
    }

    private static func isMarkdownSeparator(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        var hasDash = false
        for byte in line {
            switch byte {
            case UInt8(ascii: "-"): hasDash = true
            case UInt8(ascii: "|"), UInt8(ascii: ":"), UInt8(ascii: " "): continue
            default: return false
            }
        }
        return hasDash
    }
}
