/// The cells of tables 2–4 as read: each value with the line it came from, in template order (see
/// `Template.cellKeys`; a report fills the cells of its edition, `Edition.cells`).
struct TableCells {
    /// Counts in template order; the slots of `Template.decimalCells` hold 0 (see `decimals`).
    var counts = [Int](repeating: 0, count: Template.cellCount)
    /// The fee in 万元 and the procurement amount in 元, by cell, canonical: no leading zeros, no
    /// trailing fraction zeros ("5087.94"); a decimal not read is "0".
    var decimals: [Int: String] = [:]
    /// The 1-based source line of each cell.
    var lines = [Int](repeating: 0, count: Template.cellCount)
    /// Cells printed blank or as a blank marker.
    var blanks: [Int] = []
    /// Cells whose printed value is negative or, for counts, not a whole number.
    var invalid: [(cell: Int, printed: String)] = []
    /// Set when （六）其他处理 was printed as one row.
    var collapsedOtherHandlingLine: Int?
    /// Cells whose place the text left open, read by the template's arithmetic.
    var inferred: [Int] = []
    /// Cells that more than one reading fits, each group with a message listing the readings.
    var ambiguities: [(cells: [Int], message: String)] = []

    /// The largest magnitude a cell may hold, so that sums of all the cells cannot overflow.
    static let maximumDigits = 15

    /// Whether the cells of `shape` keep its arithmetic: every row's sums and the identities between
    /// its rows.
    func keeps(_ shape: TableShape) -> Bool {
        shape.rows.allSatisfy { row in
            TableShape.Sum.hold(row.sums, in: counts[row.firstCell..<row.firstCell + row.width])
        } && shape.keepsIdentities { counts[$0] }
    }

    /// Stores `value`, read from `source`, as cell number `cell`.
    mutating func store(_ value: CellValue, of source: Cell, in cell: Int) throws(NotAReport) {
        let line = source.line
        lines[cell] = line
        guard case .number(let number) = value else {
            blanks.append(cell)
            return
        }
        // Integer digits without thousands separators and leading zeros; whether the fraction is 0.
        let (digits, magnitude, fractionIsZero) = source.withUTF8Bytes { text in
            var digits = 0
            var magnitude = 0
            for byte in text[number.integer]
            where byte != UInt8(ascii: ",") && (digits > 0 || byte != UInt8(ascii: "0")) {
                digits += 1
                if digits <= Self.maximumDigits { magnitude = magnitude * 10 + Int(byte - UInt8(ascii: "0")) }
            }
            return (digits, magnitude, text[number.fraction].allSatisfy { $0 == UInt8(ascii: "0") })
        }
        guard digits <= Self.maximumDigits else {
            throw NotAReport(
                .valueOutOfRange,
                "line \(line): \(Template.cellKeys[cell]) is \(source.text), more than \(Self.maximumDigits) digits"
            )
        }
        let isDecimal = Template.decimalCells.contains(cell)
        if isDecimal {
            var decimal = source.withUTF8Bytes { Self.decimal(number, in: $0) }
            if cell == Template.procurementAmountCell && Self.isInTenThousandYuan(source) {
                decimal = Self.timesTenThousand(decimal)
            }
            decimals[cell] = number.negative && decimal != "0" ? "-" + decimal : decimal
        } else {
            counts[cell] = number.negative ? -magnitude : magnitude
        }
        let isNegative = number.negative && (magnitude > 0 || !fractionIsZero)
        if isNegative && !Template.signedCells.contains(cell) || !fractionIsZero && !isDecimal {
            invalid.append((cell, String(source.text)))
        }
    }

    /// The decimal of `cell` ("0" when not read).
    func decimal(_ cell: Int) -> String {
        decimals[cell] ?? "0"
    }

    /// Whether the amount in `source` is printed in 万元 (`1234.5万元`, `1234.5 万`), not in 元.
    private static func isInTenThousandYuan(_ source: Cell) -> Bool {
        source.source.utf8.dropFirst(source.bounds.upperBound).drop { $0 == UInt8(ascii: " ") }.starts(with: "万".utf8)
    }

    /// `decimal` (canonical, see `decimal(_:in:)`) times 10,000, canonical.
    static func timesTenThousand(_ decimal: String) -> String {
        let parts = decimal.split(separator: ".", omittingEmptySubsequences: false)
        var fraction = parts.count > 1 ? String(parts[1]) : ""
        fraction += String(repeating: "0", count: max(0, 4 - fraction.count))
        let integer = String(parts[0] + fraction.prefix(4)).drop { $0 == "0" }
        let rest = fraction.dropFirst(4).reversed().drop { $0 == "0" }.reversed()
        return (integer.isEmpty ? "0" : String(integer)) + (rest.isEmpty ? "" : "." + String(rest))
    }

    /// The magnitude of `number` as canonical decimal text: no thousands separators, no leading
    /// zeros, no trailing fraction zeros ("5087.94", "0").
    private static func decimal(_ number: CellValue.Number, in text: UnsafeBufferPointer<UInt8>) -> String {
        let integer = text[number.integer].filter { $0 != UInt8(ascii: ",") }.drop { $0 == UInt8(ascii: "0") }
        var fraction = text[number.fraction]
        while fraction.last == UInt8(ascii: "0") { fraction = fraction.dropLast() }
        var decimal = integer.isEmpty ? "0" : String(decoding: integer, as: UTF8.self)
        if !fraction.isEmpty { decimal += "." + String(decoding: fraction, as: UTF8.self) }
        return decimal
    }
}

extension TableCells {
    /// The cells as the record's typed tables, table 2 in `edition`'s shape, each read through its
    /// `CellTree`.
    func tables(_ edition: Edition) -> (active: ActiveTable, requests: Requests, reviews: Reviews) {
        do {
            let active: ActiveTable =
                switch edition {
                case .edition2021:
                    .edition2021(try CellTreeDecoder.decode(ActiveDisclosure.self, edition.tree, from: self))
                case .trial2019:
                    .trial2019(try CellTreeDecoder.decode(TrialActiveDisclosure.self, edition.tree, from: self))
                }
            return (
                active,
                try CellTreeDecoder.decode(Requests.self, Template.requestsTree, from: self),
                try CellTreeDecoder.decode(Reviews.self, Template.reviewsTree, from: self)
            )
        } catch {
            // The tables' members and the template's keys are one shape: CanonicalJSONWriterTests.
            preconditionFailure("the record's tables and the template disagree: \(error)")
        }
    }
}
