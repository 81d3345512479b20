/// The edition of the national template a report follows: the 2021 template (国办公开办函〔2021〕30号,
/// report years 2021 on) or the 2019 trial format (国办公开办函〔2019〕60号, report years 2019 and
/// 2020, and late adopters). They differ in table 2, and the trial format prints （六）其他处理 as one
/// row of table 3.
enum Edition: String, Sendable {
    case edition2021 = "2021"
    case trial2019 = "2019"

    /// Table 2 labels that only this edition prints.
    var markers: [String] {
        switch self {
        case .edition2021: ["本年制发件数", "本年废止件数", "现行有效件数", "本年收费金额"]
        case .trial2019:
            [
                // (The full-width brackets of 第二十条第（九）项 are folded to ASCII before this is read.)
                "本年新制作数量", "本年新公开数量", "上一年项目数量", "其他对外管理服务事项", "第二十条第(九)项",
                "政府集中采购",
            ]
        }
    }

    /// The shape of this edition's table 2.
    var activeTable: TableShape {
        switch self {
        case .edition2021: Template.activeTable
        case .trial2019: Template.trialActiveTable
        }
    }

    /// This edition's table 2 as the record's `active` object.
    var tree: CellTree {
        switch self {
        case .edition2021: Template.activeTree
        case .trial2019: Template.trialActiveTree
        }
    }

    /// The `TableCells` indices a record of this edition holds, in the order of `Record.cellValues`:
    /// its table 2, then tables 3 and 4.
    var cells: [Int] {
        let tables34 = Array(Template.requestsFirstCell..<Template.trialActiveFirstCell)
        switch self {
        case .edition2021: return Array(0..<Template.activeCellCount) + tables34
        case .trial2019: return Array(Template.trialActiveFirstCell..<Template.cellCount) + tables34
        }
    }

    /// The edition that table 2's labels name (`lines`, numbered `numbers`): the 2019 trial format when
    /// one of its labels is there, else the 2021 template. A table that prints labels of both is
    /// refused: either reading would mis-read some of its values.
    static func of(table lines: ArraySlice<String>, numbers: [Int]) throws(NotAReport) -> Edition {
        var found: [Edition: (line: Int, marker: String)] = [:]
        for (index, line) in zip(lines.indices, lines) {
            LabelKey.withKey(of: line) { key in
                for edition in [Edition.edition2021, .trial2019] where found[edition] == nil {
                    if let marker = edition.markers.first(where: key.containsBytes(of:)) {
                        found[edition] = (numbers[index], marker)
                    }
                }
            }
        }
        if let trial = found[.trial2019], let current = found[.edition2021] {
            throw NotAReport(
                .mixedEditions,
                "table 2 mixes the 2021 template (line \(current.line): \(current.marker)) and the 2019 trial "
                    + "format (line \(trial.line): \(trial.marker))"
            )
        }
        return found[.trial2019] == nil ? .edition2021 : .trial2019
    }
}
