/// Reads a row of `pdftotext -layout` text by the columns its values stand in, where the order of the
/// text is not the order of the cells.
///
/// A PDF table's narrow column wraps a long number inside its cell (`1380` on one line, `39` under
/// it), and a cell left blank is only a wider gap. Text positions say what the order cannot: parts of
/// a value stand one above the other in its column (their extents overlap), and a value's column is
/// the one whose extent it shares in the rows printed in full.
enum ColumnReading {
    /// Where a cell stands in its line, in characters (as `pdftotext -layout` aligns them).
    static func extent(_ cell: Cell) -> Range<Int> {
        cell.source.withUTF8Bytes { bytes in
            var start = 0
            for byte in bytes[..<cell.bounds.lowerBound] where byte & 0xC0 != 0x80 { start += 1 }
            var width = 0
            for byte in bytes[cell.bounds] where byte & 0xC0 != 0x80 { width += 1 }
            return start..<start + width
        }
    }

    /// The values of `cells` column by column, left to right: parts whose extents overlap are one
    /// value, read top to bottom (`joined`). `nil` when a part is no plain number (a blank mark, a
    /// decimal, a sign), which is never wrapped.
    static func columns(_ cells: [Cell]) -> [(cell: Cell, joined: Bool)]? {
        var groups: [(extent: Range<Int>, parts: [Cell])] = []
        for cell in cells.sorted(by: { extent($0).lowerBound < extent($1).lowerBound }) {
            let span = extent(cell)
            if let last = groups.indices.last, groups[last].extent.overlaps(span) {
                groups[last].parts.append(cell)
                groups[last].extent = min(groups[last].extent.lowerBound, span.lowerBound)..<max(
                    groups[last].extent.upperBound,
                    span.upperBound
                )
            } else {
                groups.append((span, [cell]))
            }
        }
        var merged: [(cell: Cell, joined: Bool)] = []
        for group in groups {
            guard group.parts.count > 1 else {
                merged.append((group.parts[0], false))
                continue
            }
            let parts = group.parts.sorted { $0.line < $1.line }
            guard Set(parts.map(\.line)).count == parts.count,
                parts.allSatisfy({ $0.withUTF8Bytes { $0.allSatisfy { (0x30...0x39).contains($0) } } })
            else { return nil }
            merged.append((Cell(joining: parts), true))
        }
        return merged
    }

    /// The column of each of `cells` in `grid` (column extents, left to right): the one it overlaps,
    /// or the nearest; `nil` unless every cell has a column of its own, in order.
    static func place(_ cells: [Cell], in grid: [Range<Int>]) -> [Int]? {
        var columns: [Int] = []
        for cell in cells {
            let span = extent(cell)
            let centre = (span.lowerBound + span.upperBound) / 2
            guard
                let column = grid.indices.min(by: {
                    distance(centre, grid[$0]) < distance(centre, grid[$1])
                }), columns.last.map({ $0 < column }) ?? true
            else { return nil }
            columns.append(column)
        }
        return columns
    }

    /// The column of each of `cells` by their own spacing, when columns are evenly spaced: a gap of
    /// two pitches or more between two values is a blank cell per pitch (`9007      27012` where
    /// every other step is one pitch). `nil` unless that makes `width` columns.
    static func place(_ cells: [Cell], evenlyIn width: Int) -> [Int]? {
        let centres = cells.map { extent($0) }.map { ($0.lowerBound + $0.upperBound) / 2 }
        let steps = zip(centres, centres.dropFirst()).map { $1 - $0 }
        guard steps.count >= 2, case let pitch = steps.sorted()[steps.count / 2], pitch > 0 else { return nil }
        var columns = [0]
        for step in steps {
            let pitches = Int((Double(step) / Double(pitch)).rounded())
            guard pitches >= 1 else { return nil }
            columns.append(columns[columns.count - 1] + pitches)
        }
        return columns.last == width - 1 ? columns : nil
    }

    /// The column extents of rows printed in full: for each column, the span of its values.
    static func grid(_ rows: [[Cell]]) -> [Range<Int>]? {
        guard let width = rows.first?.count, width > 0 else { return nil }
        var grid = [Range<Int>?](repeating: nil, count: width)
        for row in rows where row.count == width {
            for (column, cell) in row.enumerated() {
                let span = extent(cell)
                grid[column] = grid[column].map { min($0.lowerBound, span.lowerBound)..<max($0.upperBound, span.upperBound) } ?? span
            }
        }
        let columns = grid.compactMap { $0 }
        // Columns must stand apart, left to right.
        guard columns.count == width, zip(columns, columns.dropFirst()).allSatisfy({ $0.upperBound <= $1.lowerBound })
        else { return nil }
        return columns
    }

    private static func distance(_ point: Int, _ range: Range<Int>) -> Int {
        range.contains(point) ? 0 : point < range.lowerBound ? range.lowerBound - point : point - range.upperBound + 1
    }
}

extension Cell {
    /// One value printed in parts, one under the other (`1380` / `39`): its digits joined, on the
    /// line and row of its first part.
    init(joining parts: [Cell]) {
        let digits = parts.map { String($0.text) }.joined()
        self = digits.withUTF8Bytes { bytes in
            Cell(digits, bytes, bounds: 0..<bytes.count, line: parts[0].line, row: parts[0].row)
        }
    }
}

/// The rows of one table in `pdftotext -layout` text, read by columns (see `ColumnReading`): a row
/// whose values, in the order printed, do not keep its sums is read again by column, with the
/// values that no row took just above or below it (the other parts of its wrapped numbers); a row
/// with fewer values than cells has them placed in the columns of the rows printed in full.
struct ColumnLayout {
    private let shape: TableShape
    private let stream: TableStream
    private let placements: [RowAlignment.Placement]
    /// Column extents by row width, from the rows printed in full on one line.
    private let grids: [Int: [Range<Int>]]
    /// Column extents by width from header lines: lines of words only, one word per column (table 4's
    /// 结果维持 … 总计), in the order printed.
    private let headers: [(line: Int, grid: [Range<Int>])]
    /// Values that a row took, by the alignment or as parts of its wrapped numbers.
    private var taken: [Bool]

    init(_ shape: TableShape, _ stream: TableStream, _ placements: [RowAlignment.Placement], cells: [Cell]) {
        self.shape = shape
        self.stream = stream
        self.placements = placements
        var taken = [Bool](repeating: false, count: stream.values.count)
        for placement in placements {
            for index in placement.values { taken[index] = true }
        }
        self.taken = taken
        var rowsByWidth: [Int: [[Cell]]] = [:]
        for placement in placements where placement.fit == .exact && placement.labelCell == nil {
            let cells = stream.values[placement.values].map(\.cell)
            let width = shape.rows[placement.row].width
            guard width > 1, cells.count == width, Set(cells.map(\.line)).count == 1 else { continue }
            rowsByWidth[width, default: []].append(cells)
        }
        grids = rowsByWidth.compactMapValues(ColumnReading.grid)
        var headers: [(line: Int, grid: [Range<Int>])] = []
        var lineStart = 0
        while lineStart < cells.count {
            var lineEnd = lineStart
            while lineEnd < cells.count, cells[lineEnd].row == cells[lineStart].row { lineEnd += 1 }
            let line = cells[lineStart..<lineEnd].filter { $0.value != .empty }
            if line.count > 1, line.allSatisfy({ $0.value == .text }), let grid = ColumnReading.grid([Array(line)]) {
                headers.append((line[line.startIndex].line, grid))
            }
            lineStart = lineEnd
        }
        self.headers = headers
    }

    /// The reading of placement `index` by columns, its joined values marked open; `nil` when
    /// columns say nothing the order does not.
    mutating func reading(of index: Int) -> RowReading? {
        let placement = placements[index]
        let row = shape.rows[placement.row]
        guard placement.labelCell == nil, !placement.values.isEmpty else { return nil }
        let start = index > 0 ? placements[index - 1].values.upperBound : 0
        let end = index + 1 < placements.count ? placements[index + 1].values.lowerBound : stream.values.count
        let above = (start..<placement.values.lowerBound).filter { !taken[$0] }
        let below = (placement.values.upperBound..<max(placement.values.upperBound, end)).filter { !taken[$0] }
        // Parts of wrapped numbers are only taken where the row's arithmetic confirms them.
        let variants = row.sums.isEmpty ? [[]] : [[], below, above, above + below].filter { $0.isEmpty || $0 != [] }
        for extra in variants where extra.isEmpty || !extra.allSatisfy({ stream.values[$0].isEmptyCell }) {
            let cells = (Array(placement.values) + extra).map { stream.values[$0].cell }
            guard let columns = ColumnReading.columns(cells), let reading = place(columns, width: row.width) else {
                continue
            }
            let counts = reading.counts
            guard row.sums.allSatisfy({ counts[$0.parts].reduce(0, +) == counts[$0.total] }) else { continue }
            for index in extra { taken[index] = true }
            return reading
        }
        return nil
    }

    /// `columns` as a row of `width` cells: as they are, or placed in the grid (of the rows printed in
    /// full, else of the last header line above with a word per column, else by their own spacing)
    /// with blanks between.
    private func place(_ columns: [(cell: Cell, joined: Bool)], width: Int) -> RowReading? {
        var places = Array(columns.indices)
        if columns.count != width {
            let line = columns[0].cell.line
            let header = headers.last { $0.line < line && $0.grid.count == width }?.grid
            let cells = columns.map(\.cell)
            guard columns.count < width,
                let found = (grids[width] ?? header).flatMap({ ColumnReading.place(cells, in: $0) })
                    ?? ColumnReading.place(cells, evenlyIn: width)
            else { return nil }
            places = found
        }
        var reading = RowReading([Cell](repeating: RowReading.blank(like: columns[0].cell), count: width))
        for (column, place) in zip(columns, places) {
            reading.cells[place] = column.cell
            reading.open[place] = column.joined
        }
        return reading
    }
}
