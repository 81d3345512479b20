/// The 200 cells of tables 2–4 as read: each value with the line it came from, in template order.
struct TableCells {
    /// Counts in template order; the fee's slot holds 0 (its value is `fee`).
    var counts = [Int](repeating: 0, count: Template.cellCount)
    /// The fee in 万元, canonical: no leading zeros, no trailing fraction zeros ("5087.94", "0").
    var fee = "0"
    /// The 1-based source line of each cell.
    var lines = [Int](repeating: 0, count: Template.cellCount)
    /// Cells printed blank or as a blank marker.
    var blanks: [Int] = []
    /// Cells whose printed value is negative or, for counts, not a whole number.
    var invalid: [(cell: Int, printed: String)] = []
    /// Set when （六）其他处理 was printed as one row.
    var collapsedOtherHandlingLine: Int?

    /// The largest magnitude a cell may hold, so that sums of 200 cells cannot overflow.
    static let maximumDigits = 15

    /// Stores the value read for `cell` from `source`.
    mutating func store(_ value: CellValue, printed: Substring, line: Int, in cell: Int) throws(NotAReport) {
        lines[cell] = line
        guard case .number(let negative, let integer, let fraction) = value else {
            blanks.append(cell)
            return
        }
        let digits = integer.drop { $0 == "0" }
        guard digits.count <= Self.maximumDigits else {
            throw NotAReport(
                .valueOutOfRange,
                "line \(line): \(Template.cellKeys[cell]) is \(printed), more than \(Self.maximumDigits) digits"
            )
        }
        let magnitude = Int(digits) ?? 0
        if cell == Template.feeCell {
            let trimmedFraction = fraction.reversed().drop { $0 == "0" }.reversed()
            let number = (digits.isEmpty ? "0" : String(digits)) + (trimmedFraction.isEmpty ? "" : "." + String(trimmedFraction))
            fee = negative && number != "0" ? "-" + number : number
        } else {
            counts[cell] = negative ? -magnitude : magnitude
        }
        let isWhole = fraction.allSatisfy { $0 == "0" } || cell == Template.feeCell
        if negative && magnitude > 0 || negative && !fraction.allSatisfy({ $0 == "0" }) || !isWhole {
            invalid.append((cell, String(printed)))
        }
    }
}

extension TableCells {
    /// The cells as the record's typed tables.
    var tables: (active: ActiveDisclosure, requests: Requests, reviews: Reviews) {
        let active = ActiveDisclosure(
            rules: .init(issued: counts[0], repealed: counts[1], inForce: counts[2]),
            normativeDocuments: .init(issued: counts[3], repealed: counts[4], inForce: counts[5]),
            licensing: counts[6],
            punishment: counts[7],
            coercion: counts[8],
            feesTenThousandYuan: fee
        )
        let requests = Requests(
            rows: (0..<25).map { row in
                ApplicantCounts(columns: counts[Template.requestCell(row: row, column: 0)..<Template.requestCell(row: row, column: 7)])
            }
        )
        let groups = (0..<3).map { group in
            ReviewOutcomes(columns: counts[Template.reviewCell(group: group, column: 0)..<Template.reviewCell(group: group, column: 5)])
        }
        return (active, requests, Reviews(review: groups[0], litigationDirect: groups[1], litigationAfterReview: groups[2]))
    }
}
