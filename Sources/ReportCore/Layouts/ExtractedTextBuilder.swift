/// Assembles *extracted text*, the lines that the text layout readers understand, from the events of
/// a document walk (HTML or .docx).
///
/// - Outside tables, text gathers into a paragraph; ``breakLine()`` ends it, and a non-empty
///   paragraph becomes one line with its whitespace runs collapsed to one space and trimmed.
/// - Inside a table, each row becomes one line: its cells joined by a single `\t`. A cell's
///   paragraphs are each collapsed and trimmed, then joined with no separator, because CMS output
///   splits one cell over several paragraphs mid-word. Rows whose cells are all empty are dropped.
/// - A block container inside a table (a layout cell holding a nested table, a caption) reads like
///   the outside: paragraphs become lines, its tables become rows.
/// - Tables nested deeper than ``maximumTableDepth`` are read as text of the cell around them.
///
/// Calls must nest like the document: every `begin` is matched by its `end`.
struct ExtractedTextBuilder {
    /// How many tables may nest before deeper ones are read as plain cell text.
    static let maximumTableDepth = 16

    private enum Context {
        case table
        case blockContainer
    }

    private struct Table {
        /// The finished cells of the open row, or `nil` between rows.
        var row: [String]?
        /// The finished paragraphs of the open cell, or `nil` between cells.
        var cell: String?
        /// The raw text of the open cell's current paragraph.
        var segment = ""
    }

    private var lines: [String] = []
    private var paragraph = ""
    private var contexts: [Context] = []
    private var tables: [Table] = []
    private var ignoredTables = 0

    private var isInTable: Bool { contexts.last == .table }

    /// Adds text to the open paragraph or cell. Text in a table outside any cell opens a cell of
    /// its own, unless it is only whitespace (the indentation between tags).
    mutating func append(_ text: String) {
        guard isInTable else {
            paragraph += text
            return
        }
        if tables[tables.count - 1].cell == nil {
            guard text.unicodeScalars.contains(where: { !$0.properties.isWhitespace }) else { return }
            beginCell()
        }
        tables[tables.count - 1].segment += text
    }

    /// Ends the open paragraph: a line outside tables, a piece of the cell inside one.
    mutating func breakLine() {
        guard isInTable else {
            emit(Self.collapsed(paragraph))
            paragraph = ""
            return
        }
        let last = tables.count - 1
        guard tables[last].cell != nil else { return }
        tables[last].cell! += Self.collapsed(tables[last].segment)
        tables[last].segment = ""
    }

    mutating func beginTable() {
        guard ignoredTables == 0, tables.count < Self.maximumTableDepth else {
            ignoredTables += 1
            return
        }
        if !isInTable { breakLine() }
        contexts.append(.table)
        tables.append(Table())
    }

    mutating func endTable() {
        guard ignoredTables == 0 else {
            ignoredTables -= 1
            return
        }
        endRow()
        tables.removeLast()
        contexts.removeLast()
    }

    mutating func beginRow() {
        guard ignoredTables == 0, isInTable else { return }
        endRow()
        tables[tables.count - 1].row = []
    }

    /// Ends the open row, emitting it as one line unless all its cells are empty.
    mutating func endRow() {
        guard ignoredTables == 0, isInTable else { return }
        endCell()
        let last = tables.count - 1
        guard let row = tables[last].row else { return }
        tables[last].row = nil
        if row.contains(where: { !$0.isEmpty }) { emit(row.joined(separator: "\t")) }
    }

    mutating func beginCell() {
        guard ignoredTables == 0, isInTable else { return }
        endCell()
        let last = tables.count - 1
        if tables[last].row == nil { tables[last].row = [] }
        tables[last].cell = ""
    }

    mutating func endCell() {
        guard ignoredTables == 0, isInTable else { return }
        breakLine()
        let last = tables.count - 1
        guard let cell = tables[last].cell else { return }
        tables[last].cell = nil
        tables[last].row!.append(cell)
    }

    /// Opens a region inside a table that reads like the outside of tables.
    mutating func beginBlockContainer() {
        guard ignoredTables == 0, isInTable else { return }
        endRow()
        contexts.append(.blockContainer)
    }

    mutating func endBlockContainer() {
        guard ignoredTables == 0, contexts.last == .blockContainer else { return }
        breakLine()
        contexts.removeLast()
    }

    /// The extracted lines (to be joined by `\n`), open paragraphs and tables closed.
    mutating func finish() -> [String] {
        while let context = contexts.last {
            switch context {
            case .table: endTable()
            case .blockContainer: endBlockContainer()
            }
        }
        breakLine()
        return lines
    }

    private mutating func emit(_ line: String) {
        if !line.isEmpty { lines.append(line) }
    }

    /// `text` with every run of whitespace (including U+00A0 and U+3000) collapsed to one space,
    /// zero-width characters removed, and no space at either end.
    static func collapsed(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if scalar.properties.isWhitespace {
                pendingSpace = !result.isEmpty
            } else if scalar != "\u{200B}" && scalar != "\u{FEFF}" {
                if pendingSpace { result.append(" ") }
                pendingSpace = false
                result.append(scalar)
            }
        }
        return String(result)
    }
}
