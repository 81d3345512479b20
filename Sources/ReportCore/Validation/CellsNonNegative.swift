extension Validator {
    /// `cells.nonNegative`: every count is a non-negative integer; the fee a non-negative decimal.
    static func cellsNonNegative(_ cells: TableCells) -> [Finding] {
        cells.invalid.map { invalid in
            let expected = invalid.cell == Template.feeCell ? "a non-negative decimal" : "a non-negative integer"
            return finding(
                "cells.nonNegative",
                "\(Template.cellKeys[invalid.cell]) is \(invalid.printed), not \(expected)",
                cells: [invalid.cell],
                in: cells
            )
        }
    }
}
