import Foundation
import Testing

@testable import ReportCore

/// The content hash is taken over ``CanonicalJSONWriter``'s bytes, which must stay exactly what
/// `JSONEncoder` writes with `[.sortedKeys, .withoutEscapingSlashes]`. The writer walks the template's
/// `CellTree`s while `JSONEncoder` writes the record's typed tables read through them, so this also
/// checks that the template and the tables' members are one shape.
struct CanonicalJSONWriterTests {
    /// Every control character, quotes, backslashes, slashes, DEL and non-ASCII text.
    static let trickyText: String = {
        var text = "\"引号\" \\反斜杠\\ a/b </script> é e\u{301} 😀 \u{7F} \u{2028} \u{FEFF}"
        text.unicodeScalars.append(contentsOf: (0..<0x20).map { Unicode.Scalar(UInt8($0)) })
        return text
    }()

    /// Cells with every count distinct, the extremes of `Int` in two of each table 2, signed changes
    /// and both decimals.
    static let cells: TableCells = {
        var cells = TableCells()
        cells.counts = cells.counts.indices.map { 7 * $0 - 3 }
        cells.counts[Template.requestCell(row: 0, column: 0)] = 0
        for cell in [6, Template.trialActiveFirstCell + 7] { cells.counts[cell] = Int.min }
        for cell in [7, Template.trialActiveFirstCell + 20] { cells.counts[cell] = Int.max }
        for cell in Template.signedCells { cells.counts[cell] = -cell }
        cells.decimals = [Template.feeCell: "5087.94", Template.procurementAmountCell: "73802895.9"]
        return cells
    }()

    static func content(agency: String, sections: Record.Sections, edition: Edition = .edition2021) -> CanonicalContent
    {
        CanonicalContent(agency: agency, year: 2024, edition: edition, cells: cells, sections: sections)
    }

    @Test(arguments: [
        content(agency: trickyText, sections: .init(overview: trickyText, problems: "", other: "/")),
        content(agency: "青山区人民政府", sections: .init(overview: "总体情况。", problems: "问题\n", other: "\t")),
        content(agency: "平潭综合实验区", sections: .init(overview: "总体情况。", problems: "", other: ""), edition: .trial2019),
    ])
    func writesWhatJSONEncoderWrites(_ content: CanonicalContent) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let expected = [UInt8](try encoder.encode(content))
        #expect(String(decoding: content.bytes, as: UTF8.self) == String(decoding: expected, as: UTF8.self))
        #expect(content.bytes == expected)
    }

    /// Each typed table holds every cell under the key the template gives it, and nothing else.
    @Test(arguments: [Edition.edition2021, .trial2019])
    func typedTablesHoldEachCellUnderItsKey(_ edition: Edition) throws {
        let tables = Self.cells.tables(edition)
        var leaves: [String: Any] = [:]
        for (name, table) in [
            ("active", try JSONEncoder().encode(tables.active)),
            ("requests", try JSONEncoder().encode(tables.requests)),
            ("reviews", try JSONEncoder().encode(tables.reviews)),
        ] {
            Self.collectLeaves(try JSONSerialization.jsonObject(with: table), prefix: name, into: &leaves)
        }
        #expect(leaves.count == edition.cells.count)
        for cell in edition.cells {
            let key = Template.cellKeys[cell]
            let expected =
                Template.decimalCells.contains(cell) ? Self.cells.decimal(cell) : String(Self.cells.counts[cell])
            #expect(leaves[key].map { "\($0)" } == expected, "\(key)")
        }
    }

    private static func collectLeaves(_ json: Any, prefix: String, into leaves: inout [String: Any]) {
        guard let object = json as? [String: Any] else {
            leaves[prefix] = json
            return
        }
        for (key, value) in object { collectLeaves(value, prefix: prefix + "." + key, into: &leaves) }
    }
}
