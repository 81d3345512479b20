extension Validator {
    /// `cells.inferred` (warning): cells whose place in the table the text left open (digits run
    /// together, values left out), read by the template's identities.
    static func cellsInferred(_ cells: TableCells) -> [Finding] {
        guard !cells.inferred.isEmpty else { return [] }
        return [
            finding(
                "cells.inferred",
                "\(cells.inferred.count) 个单元格在文本中位置不明（数字连写或缺项），按表格的勾稽关系读出",
                severity: .warning,
                cells: cells.inferred,
                in: cells
            )
        ]
    }

    /// `cells.ambiguous` (error): cells that more than one reading fits; each message lists the
    /// readings, and the cells hold the first.
    static func cellsAmbiguous(_ cells: TableCells) -> [Finding] {
        cells.ambiguities.map { ambiguity in
            finding("cells.ambiguous", ambiguity.message, cells: ambiguity.cells, in: cells)
        }
    }
}
