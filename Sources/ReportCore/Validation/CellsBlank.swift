extension Validator {
    /// `cells.blank` (warning): cells left blank or marked "/", "-", "—", "无", read as 0.
    static func cellsBlank(_ cells: TableCells) -> [Finding] {
        guard !cells.blanks.isEmpty else { return [] }
        return [
            finding(
                "cells.blank",
                "\(cells.blanks.count) cell(s) left blank or marked as empty were read as 0",
                severity: .warning,
                cells: cells.blanks,
                in: cells
            )
        ]
    }
}
