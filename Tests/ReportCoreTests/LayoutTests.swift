import Foundation
import ReportCore
import ReportFixtures
import Testing

/// Our own reports, with a distinct non-zero value in every cell, in every text layout and encoding.
struct LayoutTests {
    static let report = SampleReport.distinct()
    static let reference = try! ReportParser().parse(report.bytes(.tsv), sourceName: "reference.txt").get()

    struct Case: CustomTestStringConvertible, Sendable {
        var layout: SampleLayout
        var encoding: SampleEncoding
        var testDescription: String { "\(layout.rawValue) in \(encoding.rawValue)" }
    }

    static let cases = SampleLayout.allCases.flatMap { layout in
        SampleEncoding.allCases.map { Case(layout: layout, encoding: $0) }
    }

    static let layoutNames: [SampleLayout: String] = [
        .tsv: "tsv", .cells: "cells", .pipe: "pipe", .pipeLines: "pipe", .markdown: "markdown", .spaced: "spaced",
    ]

    @Test(arguments: cases)
    func everyCellIsReadFromEveryLayoutAndEncoding(_ testCase: Case) throws {
        let report = Self.report
        let bytes = report.bytes(testCase.layout, encoding: testCase.encoding)
        let record = try ReportParser().parse(bytes, sourceName: "sample.txt").get()
        #expect(record.cellValues.map(\.value) == report.expectedCellValues)
        #expect(record.agency == report.agency)
        #expect(record.year == report.year)
        #expect(record.title == report.title)
        #expect(record.publishedOn == report.publishedOn)
        #expect(record.source.encoding == testCase.encoding.recordName)
        #expect(record.source.layout == Self.layoutNames[testCase.layout])
        #expect(record.source.bytes == bytes.count)
        #expect(record.validation.findings == [])
        #expect(record.contentHash == Self.reference.contentHash)
        #expect(record.sections.problems == report.problems.joined().precomposedStringWithCompatibilityMapping)
        #expect(record.sections.other == report.other.joined().precomposedStringWithCompatibilityMapping)
    }

    @Test func theSampleReallyHasDistinctNonZeroCells() {
        let values = Self.report.expectedCellValues
        #expect(!values.contains("0"))
        #expect(Set(values).count == values.count)
    }

    @Test func whatVariesWithoutMeaningIsFolded() throws {
        // Full-width digits, 全角空格 and NBSP, CRLF, spaces inside labels, traditional characters.
        var text = Self.report.render(.tsv)
        let fullWidth = { (digit: Character) in Character(UnicodeScalar(digit.unicodeScalars.first!.value + 0xFEE0)!) }
        text = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.contains("\t") ? String(line.map { $0.isASCII && $0.isNumber ? fullWidth($0) : $0 }) : String(line)
        }.joined(separator: "\r\n")
        text = text.replacingOccurrences(of: "自然人", with: "自 然 人")
            .replacingOccurrences(of: "（七）总计", with: "（七）總計")
            .replacingOccurrences(of: "1.属于国家秘密", with: "1.屬於國家秘密")
            .replacingOccurrences(of: "\t4.保护第三方合法权益", with: "\t4.保护第三方\u{3000}合法权益")
            .replacingOccurrences(of: "行政许可", with: "行政\u{A0}许可")
        let record = try ReportParser().parse(Array(text.utf8), sourceName: "folded.txt").get()
        #expect(record.cellValues.map(\.value) == Self.report.expectedCellValues)
        #expect(record.contentHash == Self.reference.contentHash)
    }
}
