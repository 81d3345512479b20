import Foundation
import ReportCore
import ReportFixtures
import SyncEngine
import Testing

/// Reports as offices make them: written in Word on the national template's merged-cell tables, and
/// the PDF exported from that .docx (LibreOffice, Noto CJK), made by `scripts/make-word-fixtures.py`
/// into `Fixtures/word`. Narrow label columns wrap the labels (and long numbers) inside their cells,
/// table 3 runs over a page break with its header rows repeated, a row can break over the page, the
/// footer prints page numbers (`- 3 -`, `第3页`), and zero cells are left blank as Word leaves them:
/// an empty cell in the .docx, only a wider gap in the text of the PDF. Each report's 200 cells,
/// identity and blanks are in `expected/NAME.json`; the .docx and the PDF must give one record.
@Suite struct WordExportTests {
    static let names = [
        "qingshan-district-2024",  // portrait, `- 3 -`; the 规章 row empty
        "jiangcheng-ecology-2023",  // portrait, `第3页`; rows with all five 法人或其他组织 columns empty
        "hexi-education-2022",  // landscape, `- 3 -`; carriedForward 0s with an empty total, 复议后起诉 empty
        "donghu-hrss-2021",  // portrait, `第3页`, 9pt, narrowest labels; every zero of a sub-row blank
        "nanling-town-2024",  // portrait, `- 3 -`; only 自然人 applied, no lawsuit: most cells blank
    ]

    /// `expected/NAME.json`: what a reader must make of both files.
    struct Expected: Decodable {
        var agency: String
        var year: Int
        /// The 200 cells in template order (`Record.cellValues`), blanks as "0".
        var cells: [String]
        /// The keys of the cells left blank, which a `cells.blank` warning must list.
        var blank: [String]
    }

    /// One entry of `reports.json`, the values the generator laid out.
    struct Values: Decodable {
        var name: String
        var agency: String
        var year: Int
        var seed: Int
        var active: [Int]
        var fee: String
        var requests: [[Int]]
        var reviews: [Int]
        var overview: [String]
        var problems: [String]
        var other: [String]
        /// Cells set to 0 in `SampleReport.distinct` before the totals were worked out again.
        var zeroed: [String]
        var blank: [String]
    }

    static func fixture(_ name: String, in folder: String = "Fixtures/word") throws -> [UInt8] {
        let url = try #require(Bundle.module.url(forResource: name, withExtension: nil, subdirectory: folder))
        return Array(try Data(contentsOf: url))
    }

    static func expected(_ name: String) throws -> Expected {
        try JSONDecoder().decode(Expected.self, from: Data(fixture("\(name).json", in: "Fixtures/word/expected")))
    }

    static func values(_ name: String) throws -> Values {
        struct File: Decodable { var reports: [Values] }
        let file = try JSONDecoder().decode(File.self, from: Data(fixture("reports.json")))
        return try #require(file.reports.first { $0.name == name })
    }

    static func docxRecord(_ name: String) throws -> Record {
        try ReportParser().parse(fixture("\(name).docx"), sourceName: "\(name).docx").get()
    }

    static func pdfRecord(_ name: String) throws -> Record {
        try ReportParser(pdfText: PopplerPDFText()).parse(fixture("\(name).pdf"), sourceName: "\(name).pdf").get()
    }

    /// The prose of a section as the canonical content holds it: NFKC, whitespace removed.
    static func canonicalProse(_ paragraphs: [String]) -> String {
        paragraphs.joined().precomposedStringWithCompatibilityMapping.filter { !$0.isWhitespace }
    }

    /// `record` is the report of `expected` and `values`: identity, every cell, the blanks in one
    /// `cells.blank` warning and no other finding (the report is consistent) but, where the text wraps
    /// numbers inside their cells (`inferred`), a `cells.inferred` warning for the cells joined from
    /// parts; the prose of sections 一, 五 and 六 without page numbers, signature or date.
    private func expectTheReport(_ record: Record, _ expected: Expected, _ values: Values, inferred: Bool = false) {
        #expect(record.agency == expected.agency)
        #expect(record.year == expected.year)
        let cells = record.cellValues
        #expect(cells.count == expected.cells.count)
        let wrong = zip(cells, expected.cells).filter { $0.0.value != $0.1 }.map {
            "\($0.0.key)=\($0.0.value) not \($0.1)"
        }
        #expect(wrong == [], "\(wrong.count) of \(expected.cells.count) cells read wrong")
        let blankWarnings = record.validation.findings.filter { $0.rule == "cells.blank" }
        #expect(blankWarnings.count == 1)
        #expect(blankWarnings.allSatisfy { $0.severity == .warning })
        #expect(Set(blankWarnings.flatMap(\.cells)) == Set(expected.blank))
        let others = record.validation.findings.filter { $0.rule != "cells.blank" }
        if inferred {
            #expect(others.allSatisfy { $0.rule == "cells.inferred" && $0.severity == .warning })
        } else {
            #expect(others.isEmpty)
        }
        #expect(record.sections.overview == Self.canonicalProse(values.overview))
        #expect(record.sections.problems == Self.canonicalProse(values.problems))
        #expect(record.sections.other == Self.canonicalProse(values.other))
    }

    @Test(arguments: names) func docxReadsToItsExpectedRecord(_ name: String) throws {
        let record = try Self.docxRecord(name)
        #expect(record.source.layout == "docx")
        expectTheReport(record, try Self.expected(name), try Self.values(name))
    }

    @Test(arguments: names) func pdfReadsToItsExpectedRecord(_ name: String) throws {
        let record = try Self.pdfRecord(name)
        #expect(record.source.layout == "pdf")
        expectTheReport(record, try Self.expected(name), try Self.values(name), inferred: true)
    }

    @Test(arguments: names) func docxAndItsPDFGiveOneContentHash(_ name: String) throws {
        let docx = try Self.docxRecord(name)
        let pdf = try Self.pdfRecord(name)
        #expect(pdf.agency == docx.agency)
        #expect(pdf.year == docx.year)
        #expect(pdf.cellValues.map(\.value) == docx.cellValues.map(\.value))
        // Page numbers printed in the PDF's footer must not leak into the prose.
        #expect(pdf.sections == docx.sections)
        #expect(pdf.contentHash == docx.contentHash)
    }

    /// The fixtures themselves: `reports.json` mirrors `SampleReport.distinct` (seeded values in every
    /// cell that was not set to 0 or worked out from those), is a consistent report whose cells the
    /// tab-separated rendering reads to the expected ones, and leaves blank only cells that are 0.
    @Test(arguments: names) func expectedRecordFollowsTheModel(_ name: String) throws {
        let values = try Self.values(name)
        let expected = try Self.expected(name)
        var model = SampleReport.distinct(agency: values.agency, year: values.year, seed: values.seed)
        let keys = try ReportParser().parse(model.bytes(.tsv), sourceName: "model.txt").get().cellValues.map(\.key)
        #expect(Set(values.zeroed).isSubset(of: keys))
        #expect(Set(values.blank).isSubset(of: keys))
        #expect(Set(values.blank) == Set(expected.blank))
        for (index, key) in keys.enumerated() {
            if values.blank.contains(key) { #expect(expected.cells[index] == "0", "\(key)") }
            if Self.isWorkedOut(index) { continue }
            let value = values.zeroed.contains(key) ? "0" : model.expectedCellValues[index]
            #expect(expected.cells[index] == value, "\(key)")
        }
        #expect(values.problems == model.problems)
        #expect(values.other == model.other)
        #expect(values.overview.prefix(2) == model.overview.prefix(2))

        // The same values with every cell printed: the totals add up and the cells read as expected.
        model.active = values.active
        model.fee = values.fee
        model.requests = values.requests
        model.reviews = values.reviews
        model.stateRequests(values.requests[0][6])
        #expect(values.overview == model.overview)
        let record = try ReportParser().parse(model.bytes(.tsv), sourceName: "\(name).txt").get()
        #expect(record.cellValues.map(\.value) == expected.cells)
        #expect(record.validation.findings == [])
        #expect(record.agency == expected.agency)
        #expect(record.year == expected.year)
        #expect(record.sections.overview == Self.canonicalProse(values.overview))
        #expect(record.sections.problems == Self.canonicalProse(values.problems))
        #expect(record.sections.other == Self.canonicalProse(values.other))
    }

    /// Whether cell `index` is a total that `distinct` works out from other cells: 本年新收 (the
    /// balance), （七）总计, table 3's 总计 column and table 4's totals.
    static func isWorkedOut(_ index: Int) -> Bool {
        switch position(index) {
        case .active: false
        case .request(let row, let column): row == 0 || row == 23 || column == 6
        case .review(let index): index % 5 == 4
        }
    }

    /// Where cell `index` (template order) sits in `SampleReport`.
    static func position(_ index: Int) -> SampleReport.CellPosition {
        switch index {
        case ..<10: .active(index)
        case ..<185: .request(row: (index - 10) / 7, column: (index - 10) % 7)
        default: .review(index - 185)
        }
    }
}
