/// Lines up a table's rows, in template order, with the values of its section: which values each row
/// takes.
///
/// Rows are found by alignment, not by exact words: a dynamic programme over (row, value) picks the
/// order-preserving assignment that scores best, where a row scores for the text in front of (or
/// around) its values naming it (`LabelSimilarity`) and for how well its values fit its width. So a
/// label with a typo, without its number or missing altogether still lands on its row when the
/// values around it are where the row's must be; a repeated header row (no values), a row of `-`
/// placeholders or a stray number is passed over; and a row that the file does not have is left out
/// (the caller refuses the file). The work is linear in the number of values: rows × values states,
/// each with a handful of moves.
struct RowAlignment {
    /// How a row's values were found.
    enum Fit {
        /// As many values as the row has cells.
        case exact
        /// Fewer values than cells, with enough digits run together to make up the rest.
        case joined
        /// Fewer values than cells: some were left out of the file.
        case short
    }

    /// One row's values: `stream.values[values]`.
    struct Placement {
        /// The index of the row in the shape's `rows`; for a collapsed row, its last row.
        var row: Int
        var values: Range<Int>
        var fit: Fit
        /// Whether this is the shape's collapsible rows printed as one.
        var collapsed = false
        /// Whether text around the values names the row (else only their place in the order does).
        var labelled = true
        /// For a row printed with its label and no value at all, the label's cell.
        var labelCell: Cell?
    }

    /// Where each found row's values are, in row order.
    private(set) var placements: [Placement] = []

    /// A label's weight against a value count's, in a row's score.
    private static let labelWeight = 2.0
    /// The cost of a row not found: rather a row left out than two labels bent out of shape.
    private static let missingRowCost = 1.5
    /// The cost of passing over a value between rows.
    private static let skippedValueCost = 0.02

    /// - Parameter positioned: whether the text aligns columns by position (`pdftotext -layout`),
    ///   where a row left blank throughout is its label alone; elsewhere a grid keeps its empty cells.
    init(_ shape: TableShape, _ stream: TableStream, positioned: Bool) {
        if let direct = Self.direct(shape, stream) {
            placements = direct
            return
        }
        let rowCount = shape.rows.count
        let valueCount = stream.values.count
        let width = valueCount + 1
        var scores = [Double](repeating: -.infinity, count: (rowCount + 1) * width)
        var moves = [Move](repeating: .none, count: (rowCount + 1) * width)
        for value in 0...valueCount { scores[value] = 0 }
        var evidence = Evidence(stream: stream, similarity: shape.similarity)
        let emptyCells = stream.values.map(\.isEmptyCell)
        let rowStarts = stream.values.indices.map(stream.startsRow)

        scores.withUnsafeMutableBufferPointer { score in
            moves.withUnsafeMutableBufferPointer { from in
                for row in 0...rowCount {
                    for value in 0...valueCount {
                        let here = score[row * width + value]
                        guard here > -.infinity else { continue }
                        func relax(_ toRow: Int, _ toValue: Int, _ gain: Double, _ move: Move) {
                            let index = toRow * width + toValue
                            if here + gain > score[index] {
                                score[index] = here + gain
                                from[index] = move
                            }
                        }
                        if value < valueCount {
                            relax(
                                row,
                                value + 1,
                                row == 0 || emptyCells[value] ? 0 : -Self.skippedValueCost,
                                .skipValue
                            )
                        }
                        guard row < rowCount else { continue }
                        relax(row + 1, value, -Self.missingRowCost, .skipRow)
                        if positioned, !shape.rows[row].spansLabels,
                            let found = evidence.labelOnly(row: row, before: value)
                        {
                            // A last resort: a label with values near it is rather their row.
                            relax(row + 1, value, found.score + 0.1, .labelOnly(found.cell))
                        }
                        // A row starts where its label is: after text, or at the start of a visual row.
                        guard value < valueCount, rowStarts[value] else { continue }
                        Self.forEachOption(shape.rows[row], at: value, stream) { values, fit, fitGain in
                            let label = evidence.score(row: row, first: value, end: values.upperBound)
                            let move = Move.place(value, values, fit, collapsed: false, labelled: label >= 0.5)
                            relax(row + 1, values.upperBound, Self.labelWeight * label + fitGain, move)
                        }
                        if let collapsible = shape.collapsible, collapsible.rows.lowerBound == row {
                            let last = collapsible.rows.upperBound
                            Self.forEachOption(shape.rows[last], at: value, stream) { values, fit, fitGain in
                                let label = evidence.score(row: rowCount, first: value, end: values.upperBound)
                                let move = Move.place(value, values, fit, collapsed: true, labelled: label >= 0.5)
                                relax(last + 1, values.upperBound, Self.labelWeight * label + fitGain, move)
                            }
                        }
                    }
                }
            }
        }
        let score = scores
        let from = moves

        var value = (0...valueCount).max { score[rowCount * width + $0] < score[rowCount * width + $1] } ?? 0
        var row = rowCount
        var placements: [Placement] = []
        while row > 0 {
            switch from[row * width + value] {
            case .none:
                row = 0
            case .skipValue:
                value -= 1
            case .skipRow:
                row -= 1
            case .place(let first, let values, let fit, let collapsed, let labelled):
                placements.append(
                    Placement(row: row - 1, values: values, fit: fit, collapsed: collapsed, labelled: labelled)
                )
                row = collapsed ? shape.collapsible!.rows.lowerBound : row - 1
                value = first
            case .labelOnly(let cell):
                let labelCell = stream.labels[value].cells[cell].cell
                placements.append(Placement(row: row - 1, values: value..<value, fit: .short, labelCell: labelCell))
                row -= 1
            }
        }
        self.placements = placements.reversed()
    }

    private enum Move {
        case none
        case skipValue
        case skipRow
        /// A row placed from the value the move starts at, taking `values` (the empty cells in front
        /// of them passed over).
        case place(Int, Range<Int>, Fit, collapsed: Bool, labelled: Bool)
        /// A row whose label is text cell number `Int` in front of the value, without values.
        case labelOnly(Int)
    }

    /// The placements of a clean table, found without the dynamic programme: each row, in order, at
    /// the first run after the last row's whose text in front names it by one of its distinctive
    /// words and that has exactly the row's number of values. `nil` as soon as a row is not found so
    /// (a typo, a lost label, values run together or left out): then the programme decides. On such
    /// a table both give the same placements, this one in a fraction of the time.
    private static func direct(_ shape: TableShape, _ stream: TableStream) -> [Placement]? {
        var placements: [Placement] = []
        placements.reserveCapacity(shape.rows.count)
        var position = 0
        for (index, row) in shape.rows.enumerated() {
            var found: Range<Int>?
            var value = position
            while value < stream.values.count, found == nil {
                defer { value = stream.groupEnds[value] }
                guard value == 0 || stream.values[value].followsText,
                    shape.similarity.names(row: index, stream.labels[value].tail)
                else { continue }
                var first = value
                let end = stream.groupEnds[value]
                while end - first > row.width, stream.values[first].isEmptyCell { first += 1 }
                guard end - first == row.width else { return nil }
                found = first..<end
            }
            guard let found else { return nil }
            placements.append(Placement(row: index, values: found, fit: .exact))
            position = found.upperBound
        }
        return placements
    }

    /// Calls `body` with each way `row` can take values starting at `first`: the values it takes,
    /// the fit, and the fit's score.
    ///
    /// Empty cells at either end of a run are dropped while the run has more values than the row:
    /// a label merged over two columns leaves an empty cell before the values, a grid row may end in
    /// one; within its width they are cells left blank.
    private static func forEachOption(
        _ row: TableShape.Row,
        at first: Int,
        _ stream: TableStream,
        _ body: (Range<Int>, Fit, Double) -> Void
    ) {
        let values = stream.values
        let groupEnd = stream.groupEnds[first]
        let taken = first + min(max(0, groupEnd - first - row.width), stream.nextPrinted[first] - first)
        if groupEnd - taken >= row.width {
            let end = taken + row.width
            let next = stream.nextPrinted[end]
            let runsOn = next < groupEnd && values[next].cell.row == values[end - 1].cell.row
            // A row of empty cells only is weak evidence: header rows padded to the grid are too.
            let empty = stream.nextPrinted[taken] >= end
            body(taken..<end, .exact, (empty ? 0.3 : 1) - (runsOn ? 0.3 : 0))
            return
        }
        if row.spansLabels, first + row.width <= values.count {
            body(first..<first + row.width, .exact, 0.8)
            return
        }
        if stream.digitsBefore[groupEnd] - stream.digitsBefore[first] >= row.width {
            body(first..<groupEnd, .joined, 0.7)
            return
        }
        // A short row may also end where its line does: the next row's values may follow on the
        // next line with no label between (the label printed under them). Each line more costs.
        var lines = 0
        for end in first + 1..<groupEnd where values[end].cell.row != values[end - 1].cell.row {
            guard lines < 3 else { break }
            body(first..<end, .short, 0.2 - 0.1 * Double(lines))
            lines += 1
        }
        body(first..<groupEnd, .short, 0.2 - 0.1 * Double(lines))
    }
}

/// The text around values, and the label scores of every row there, computed once per place.
private struct Evidence {
    let stream: TableStream
    let similarity: LabelSimilarity
    /// Where a stretch of text stands: in front of a value, behind a run's end, both, or a few of the
    /// text cells in front of a value.
    private enum Place: Hashable {
        case before(Int)
        case after(Int)
        case around(Int, Int)
        case cells(value: Int, first: Int, count: Int)
    }

    private var scores: [Place: [Double]] = [:]
    /// Texts left to compare for rows printed without values: hostile input with thousands of
    /// values behind long runs of text gets no more than this.
    private var labelOnlyBudget = 20_000

    init(stream: TableStream, similarity: LabelSimilarity) {
        self.stream = stream
        self.similarity = similarity
    }

    /// How well the text around values `first..<end` names `row`: the text in front, the text in
    /// front and behind together (a label wrapped around its numbers), or, less, the text behind
    /// alone (a label printed under its numbers). Only a value that text stands in front of starts a
    /// labelled row.
    mutating func score(row: Int, first: Int, end: Int) -> Double {
        guard first == 0 || stream.values[first].followsText else { return 0 }
        let labels = stream.labels
        let before = scores(.before(first)) { labels[first].tail }
        let best = before[row]
        // Text in front that names a row well is that row's label, not part of one wrapped around.
        guard best < 1, !labels[end].head.isEmpty, before.max() ?? 0 < 0.9 else { return best }
        let after = scores(.after(end)) { labels[end].head }[row]
        let around = scores(.around(first, end)) { labels[first].tail + labels[end].head }[row]
        // Text behind values is the next row's label as often as the rest of this one's: it counts less.
        return max(best, around - 0.3, 0.5 * after)
    }

    /// A text cell in front of value `value` (before the last one, which is the next row's label),
    /// alone or with up to three cells after it (a label wrapped in a narrow column), that names `row`
    /// well enough to stand for a row printed without values: its index and the score.
    mutating func labelOnly(row: Int, before value: Int) -> (cell: Int, score: Double)? {
        let cells = stream.labels[value].cells
        let candidates = value < stream.values.count ? cells.indices.dropLast() : cells.indices
        guard !candidates.isEmpty, labelOnlyBudget > 0 else { return nil }
        var best: (cell: Int, score: Double)?
        for index in candidates {
            for length in 1...4 where index + length <= candidates.upperBound {
                let score = scores(.cells(value: value, first: index, count: length)) {
                    cells[index..<index + length].map(\.text).joined()
                }[row]
                if score >= 0.6, score > best?.score ?? 0 { best = (index, score) }
            }
        }
        return best
    }

    private mutating func scores(_ place: Place, _ text: () -> String) -> [Double] {
        if let cached = scores[place] { return cached }
        if case .cells = place { labelOnlyBudget -= 1 }
        let computed = similarity.scores(text())
        scores[place] = computed
        return computed
    }
}
