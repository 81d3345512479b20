extension Validator {
    /// `cells.nonNegative`: every count is a non-negative integer (but the signed 本年增/减 changes of the
    /// 2019 trial edition, which `TableCells` never lists); the fee and the procurement amount
    /// non-negative decimals.
    static func cellsNonNegative(_ cells: TableCells) -> [Finding] {
        cells.invalid.map { invalid in
            let expected =
                Template.decimalCells.contains(invalid.cell) ? "a non-negative decimal" : "a non-negative integer"
            return finding(
                "cells.nonNegative",
                "\(Template.cellKeys[invalid.cell]) is \(invalid.printed), not \(expected)",
                cells: [invalid.cell],
                in: cells
            )
        }
    }
}
