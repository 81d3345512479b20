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
                groups[last].extent =
                    min(
                        groups[last].extent.lowerBound,
                        span.lowerBound
                    )..<max(
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
    /// or the nearest, with the whole row shifted as fits best (the next page may indent the table
    /// otherwise); `nil` unless every cell has a column of its own, in order.
    static func place(_ cells: [Cell], in grid: [Range<Int>]) -> [Int]? {
        let centres = cells.map { extent($0) }.map { ($0.lowerBound + $0.upperBound) / 2 }
        let gridCentres = grid.map { ($0.lowerBound + $0.upperBound) / 2 }
        var best: (columns: [Int], cost: Int)?
        for anchor in grid.indices {
            let shift = centres[0] - gridCentres[anchor]
            var columns: [Int] = []
            var cost = abs(shift) / 4
            for centre in centres {
                let shifted = centre - shift
                guard let column = grid.indices.min(by: { distance(shifted, grid[$0]) < distance(shifted, grid[$1]) }),
                    columns.last.map({ $0 < column }) ?? true
                else {
                    columns = []
                    break
                }
                cost += distance(shifted, grid[column])
                columns.append(column)
            }
            if !columns.isEmpty, cost < best?.cost ?? .max { best = (columns, cost) }
        }
        return best?.columns
    }

    /// The column of each of `cells` by their own spacing, when columns are evenly spaced: a gap of
    /// two pitches or more between two values is a blank cell per pitch (`9007      27012` where
    /// every other step is one pitch), and the first value's column is its distance in pitches from
    /// the table's left edge `left`. `nil` unless that fits `width` columns.
    static func place(_ cells: [Cell], evenlyIn width: Int, from left: Int) -> [Int]? {
        let extents = cells.map { extent($0) }
        let steps = zip(extents, extents.dropFirst()).map { $1.lowerBound - $0.lowerBound }
        guard steps.count >= 2, case let pitch = Double(steps.sorted()[steps.count / 2]), pitch > 0 else { return nil }
        var columns = [Int((Double(extents[0].lowerBound - left) / pitch).rounded())]
        for step in steps {
            let pitches = Int((Double(step) / pitch).rounded())
            guard pitches >= 1 else { return nil }
            columns.append(columns[columns.count - 1] + pitches)
        }
        return columns[0] >= 0 && columns[columns.count - 1] < width ? columns : nil
    }

    /// The column extents of a line of cells, or `nil` unless they stand apart, left to right.
    static func grid(_ cells: [Cell]) -> [Range<Int>]? {
        let columns = cells.map(extent)
        guard zip(columns, columns.dropFirst()).allSatisfy({ $0.upperBound <= $1.lowerBound }) else { return nil }
        return columns
    }

    private static func distance(_ point: Int, _ range: Range<Int>) -> Int {
        range.contains(point) ? 0 : point < range.lowerBound ? range.lowerBound - point : point - range.upperBound + 1
    }
}

extension Cell {
    /// One value printed in parts, one under the other (`1380` / `39`): its digits joined, on the
    /// line and row of its first part and where that part stands in its line.
    init(joining parts: [Cell]) {
        let indent = ColumnReading.extent(parts[0]).lowerBound
        let digits = parts.map { String($0.text) }.joined()
        let source = String(repeating: " ", count: indent) + digits
        self = source.withUTF8Bytes { bytes in
            Cell(source, bytes, bounds: indent..<bytes.count, line: parts[0].line, row: parts[0].row)
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
    /// Column extents from the rows printed in full on one line, by the line they stand on.
    private let fullRows: [(line: Int, grid: [Range<Int>])]
    /// Column extents from header lines: lines of words only, one word per column (table 4's
    /// 结果维持 … 总计), in the order printed.
    private let headers: [(line: Int, grid: [Range<Int>])]
    /// Column extents from the short words of header lines stacked in columns (`结果` / `维持`, `结`
    /// / `果` / `维` / `持`): words whose extents overlap are one column.
    private let headerColumns: [Range<Int>]
    /// Where the table's values begin in their lines: the left edge of its first column of values.
    private let left: Int

    /// The longest line (in UTF-8 bytes) read by position: a printed page's lines are far shorter.
    static let longestLine = 4096

    init(_ shape: TableShape, _ stream: TableStream, _ placements: [RowAlignment.Placement], cells: [Cell]) {
        self.shape = shape
        self.stream = stream
        self.placements = placements
        fullRows = placements.compactMap { placement in
            let cells = stream.values[placement.values].map(\.cell)
            guard placement.fit == .exact, cells.count > 1, Set(cells.map(\.line)).count == 1,
                let grid = ColumnReading.grid(cells)
            else { return nil }
            return (cells[0].line, grid)
        }
        var headers: [(line: Int, grid: [Range<Int>])] = []
        var lineStart = 0
        while lineStart < cells.count {
            var lineEnd = lineStart
            while lineEnd < cells.count, cells[lineEnd].row == cells[lineStart].row { lineEnd += 1 }
            let line = cells[lineStart..<lineEnd].filter { $0.value != .empty }
            if line.count > 1, line.allSatisfy({ $0.value == .text }), let grid = ColumnReading.grid(line) {
                headers.append((line[0].line, grid))
            }
            lineStart = lineEnd
        }
        self.headers = headers
        let valueRows = Set(cells.filter(\.value.isValue).map(\.row))
        var words: [Range<Int>] = []
        for cell in cells where cell.value == .text && !valueRows.contains(cell.row) {
            // Narrow columns leave a single space between their words: each word on its own.
            var start = ColumnReading.extent(cell).lowerBound
            for word in cell.text.split(separator: " ", omittingEmptySubsequences: false) {
                let width = word.unicodeScalars.count
                if (1...3).contains(width) { words.append(start..<start + width) }
                start += width + 1
            }
        }
        var columns: [Range<Int>] = []
        for span in words.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = columns.last, last.overlaps(span) {
                columns[columns.count - 1] = last.lowerBound..<max(last.upperBound, span.upperBound)
            } else {
                columns.append(span)
            }
        }
        headerColumns = columns
        left = cells.lazy.filter(\.value.isValue).map { ColumnReading.extent($0).lowerBound }.min() ?? 0
    }

    /// The readings of placement `index` by columns that keep its sums, its joined values marked
    /// open; empty when columns say nothing the order does not.
    ///
    /// Values that no row took, just above or below the row, may be the other parts of its wrapped
    /// numbers; only the row's arithmetic can say, and not always the row's alone: a number wrapped
    /// in every column it fills (`3956` … `3956` over `4` … `4`) keeps the row's sums without its
    /// last digits too, and values between two rows may belong to either. So every reading that
    /// keeps the row's sums is returned, those that take such values first, and the table's
    /// identities choose (`ReadingChoice`).
    func readings(of index: Int) -> [RowReading] {
        let placement = placements[index]
        let row = shape.rows[placement.row]
        guard placement.labelCell == nil, !placement.values.isEmpty else { return [] }
        let start = index > 0 ? placements[index - 1].values.upperBound : 0
        let end = index + 1 < placements.count ? placements[index + 1].values.lowerBound : stream.values.count
        let above = Array(start..<placement.values.lowerBound)
        let below = Array(placement.values.upperBound..<max(placement.values.upperBound, end))
        let orphans = [below, above, above + below].filter { extra in
            !extra.isEmpty && !extra.allSatisfy { stream.values[$0].isEmptyCell }
        }
        // A full row on one line with nothing around it reads as printed.
        let cells = stream.values[placement.values].map(\.cell)
        if orphans.isEmpty, cells.count == row.width, cells.allSatisfy({ $0.line == cells[0].line }) { return [] }
        var readings: [RowReading] = []
        for extra in row.sums.isEmpty ? [[]] : orphans + [[]] {
            let cells = cells + extra.map { stream.values[$0].cell }
            guard let columns = ColumnReading.columns(cells), let reading = place(columns, in: row),
                reading.keeps(row.sums)
            else { continue }
            let counts = reading.counts
            if !readings.contains(where: { $0.counts == counts }) { readings.append(reading) }
        }
        return readings
    }

    /// `columns` as a row of `width` cells: as they are, or placed in the grid (of the nearest row
    /// printed in full, else of the last header line above with a word per column, else by their own
    /// spacing) with blanks between.
    private func place(_ columns: [(cell: Cell, joined: Bool)], in row: TableShape.Row) -> RowReading? {
        let width = row.width
        guard columns.count < width else {
            return columns.count == width ? reading(columns, Array(0..<width), width) : nil
        }
        let line = columns[0].cell.line
        let full = fullRows.filter { $0.grid.count == width }.min { abs($0.line - line) < abs($1.line - line) }
        let header = headers.last { $0.line < line && $0.grid.count == width }
        let cells = columns.map(\.cell)
        let byPosition = [
            (full ?? header).flatMap { ColumnReading.place(cells, in: $0.grid) },
            headerColumns.count == width ? ColumnReading.place(cells, in: headerColumns) : nil,
            ColumnReading.place(cells, evenlyIn: width, from: left),
        ]
        for case let places? in byPosition {
            let placed = reading(columns, places, width)
            if placed.keeps(row.sums) { return placed }
        }
        // Positions alone place no reading that keeps the row's sums: of the placements that do, the
        // one alone, or the one nearest to the columns that positions suggest.
        let kept = RowReading.placements(of: cells, width: width, sums: row.sums).filter { $0.keeps(row.sums) }
        let grid = (full ?? header)?.grid ?? (headerColumns.count == width ? headerColumns : nil)
        let ranked = kept.map { placed in (placed, grid.map { Self.distance(placed, $0) } ?? 0) }.sorted { $0.1 < $1.1 }
        guard var placed = ranked.first?.0, ranked.count == 1 || ranked[0].1 < ranked[1].1 else { return nil }
        placed.open = placed.open.map { _ in true }
        return placed
    }

    /// How far the printed cells of `reading` stand from the columns of `grid`, in characters.
    private static func distance(_ reading: RowReading, _ grid: [Range<Int>]) -> Int {
        zip(reading.cells, grid).reduce(0) { total, pair in
            guard !pair.0.bounds.isEmpty else { return total }
            let span = ColumnReading.extent(pair.0)
            return total + abs((span.lowerBound + span.upperBound) - (pair.1.lowerBound + pair.1.upperBound)) / 2
        }
    }

    /// `columns` in the columns `places` of a row of `width` cells, blank elsewhere.
    private func reading(_ columns: [(cell: Cell, joined: Bool)], _ places: [Int], _ width: Int) -> RowReading {
        var reading = RowReading([Cell](repeating: RowReading.blank(like: columns[0].cell), count: width))
        for (column, place) in zip(columns, places) {
            reading.cells[place] = column.cell
            reading.open[place] = column.joined
        }
        return reading
    }
}
