/// A table as the reader lines it up with a file: the rows it prints, in order, each with the cells
/// its values fill and the sums that hold between those values. Built from `Template`'s rows, so the
/// template's shape is still described once.
struct TableShape {
    /// One printed row.
    struct Row {
        var key: String
        var label: Template.Label
        /// The label as printed, without numbering (see `Template.Row.printed`).
        var printed: String
        /// The `TableCells` index of the row's first value; its values fill consecutive cells.
        var firstCell: Int
        var width: Int
        /// Sums that hold between the row's values by the template's arithmetic.
        var sums: [Sum]
        /// Whether text may stand between the row's values: table 4 prints its 15 values as one row,
        /// which transcriptions break into three small tables, each with a header of its own.
        var spansLabels = false

        /// The offsets of the row's values that may be signed (本年增/减).
        var signedColumns: Set<Int> {
            Set((0..<width).filter { Template.signedCells.contains(firstCell + $0) })
        }
    }

    /// `values[total] == values[parts].sum()`, offsets within a row.
    struct Sum {
        var parts: Range<Int>
        var total: Int

        /// Whether every one of `sums` holds between `counts` (a row's values, in order).
        static func hold(_ sums: [Sum], in counts: some RandomAccessCollection<Int>) -> Bool {
            sums.allSatisfy { sum in
                let start = counts.startIndex
                let parts = counts[
                    counts.index(
                        start,
                        offsetBy: sum.parts.lowerBound
                    )..<counts.index(
                        start,
                        offsetBy: sum.parts.upperBound
                    )
                ]
                return parts.reduce(0, &+) == counts[counts.index(start, offsetBy: sum.total)]
            }
        }
    }

    /// Whether the identities between rows hold, `count` giving the value of a cell.
    func keepsIdentities(_ count: (Int) -> Int) -> Bool {
        identities.allSatisfy { identity in
            identity.parts.reduce(0) { $0 &+ count($1) } == identity.total.reduce(0) { $0 &+ count($1) }
        }
    }

    /// Rows that some files print as one: their values are then the last row's, the others 0.
    struct Collapsible {
        var rows: ClosedRange<Int>
        var label: Template.Label
        var printed: String
    }

    /// "表二", "表三", "表四", for messages.
    var name: String
    var rows: [Row]
    var collapsible: Collapsible?
    /// Sums across rows (table 3's 勾稽关系), as cell indices: `cells[total] == cells[parts].sum()`.
    var identities: [(parts: [Int], total: [Int])]
    /// Whether values may carry a sign (`+14`, `-18`) and an amount its unit (`73802895.90元`): the
    /// 2019 trial edition's table 2. Elsewhere a `-` is a blank mark and a number before 元 is prose.
    var signsAndUnits = false
    /// The rows' labels (and the collapsed row's, last) prepared for comparing with a file's text.
    let similarity: LabelSimilarity

    init(name: String, rows: [Row], collapsible: Collapsible? = nil, identities: [(parts: [Int], total: [Int])] = []) {
        self.name = name
        self.rows = rows
        self.collapsible = collapsible
        self.identities = identities
        var labelled = rows.map { (label: $0.label, printed: $0.printed) }
        if let collapsible { labelled.append((collapsible.label, collapsible.printed)) }
        similarity = LabelSimilarity(labelled)
    }
}

extension Template {
    /// Table 2 of the 2021 template: six rows, no arithmetic between them.
    static let activeTable = activeShape(activeRows, firstCell: 0)

    /// Table 2 of the 2019 trial edition: eight rows, no arithmetic between them, signed changes and
    /// an amount with its unit.
    static let trialActiveTable: TableShape = {
        var shape = activeShape(trialActiveRows, firstCell: trialActiveFirstCell)
        shape.signsAndUnits = true
        return shape
    }()

    /// A table 2 of `rows`, whose cells start at `firstCell`.
    private static func activeShape(_ rows: [Row], firstCell: Int) -> TableShape {
        var first = firstCell
        let shaped = rows.map { row in
            defer { first += max(row.columns.count, 1) }
            return TableShape.Row(
                key: row.key,
                label: row.label,
                printed: row.printed,
                firstCell: first,
                width: max(row.columns.count, 1),
                sums: []
            )
        }
        return TableShape(name: "表二", rows: shaped)
    }

    /// Table 3: 25 rows of seven columns whose last is the sum of the six applicant columns; the
    /// balance and the outcomes hold between rows.
    static let requestsTable: TableShape = {
        let width = requestColumns.count
        let rows = requestRows.enumerated().map { index, row in
            TableShape.Row(
                key: row.key,
                label: row.label,
                printed: row.printed,
                firstCell: requestCell(row: index, column: 0),
                width: width,
                sums: [TableShape.Sum(parts: 0..<width - 1, total: width - 1)]
            )
        }
        let collapsible = TableShape.Collapsible(
            rows: otherHandlingFirstRow...requestRow("otherHandling.other"),
            label: Label(needles: [otherHandlingCollapsedNeedle]),
            printed: otherHandlingCollapsedNeedle
        )
        var identities: [(parts: [Int], total: [Int])] = []
        for column in 0..<width {
            let cell = { (row: Int) in requestCell(row: row, column: column) }
            identities.append((parts: requestsIn.map(cell), total: requestsOut.map(cell)))
            identities.append((parts: outcomeRows.map(cell), total: [cell(requestsTotalRow)]))
        }
        return TableShape(name: "表三", rows: rows, collapsible: collapsible, identities: identities)
    }()

    /// Table 4: one row of 15 values under a two-level header, three groups of five whose last is the
    /// sum of the other four.
    static let reviewsTable: TableShape = {
        let width = reviewColumns.count
        return TableShape(
            name: "表四",
            rows: [
                TableShape.Row(
                    key: "reviews",
                    label: reviewHeader,
                    printed: "行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计",
                    firstCell: reviewsFirstCell,
                    width: reviewGroups.count * width,
                    sums: reviewGroups.indices.map { group in
                        TableShape.Sum(
                            parts: group * width..<group * width + width - 1,
                            total: group * width + width - 1
                        )
                    },
                    spansLabels: true
                )
            ]
        )
    }()
}
