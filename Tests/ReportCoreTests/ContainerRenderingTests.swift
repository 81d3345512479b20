import ReportCore
import ReportFixtures
import Testing

/// Our own report as an HTML page and as a .docx reads to every one of its values and to the same
/// content as its tab-separated text.
struct ContainerRenderingTests {
    static let report = SampleReport.distinct()
    static let reference = try! ReportParser().parse(report.bytes(.tsv), sourceName: "reference.txt").get()

    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var bytes: [UInt8]
        var layout: String
        var encoding: String
        var testDescription: String { name }
    }

    static let cases = [
        Case(name: "HTML in UTF-8", bytes: report.html(), layout: "html", encoding: "utf-8"),
        Case(name: "HTML in GBK", bytes: report.html(encoding: .gb18030), layout: "html", encoding: "gb18030"),
        Case(name: ".docx", bytes: report.docx, layout: "docx", encoding: "utf-8"),
    ]

    @Test(arguments: cases)
    func everyValueAndTheContentHashSurviveTheContainer(_ testCase: Case) throws {
        let report = Self.report
        let record = try ReportParser().parse(testCase.bytes, sourceName: "sample").get()
        #expect(record.cellValues.map(\.value) == report.expectedCellValues)
        #expect(record.agency == report.agency)
        #expect(record.year == report.year)
        #expect(record.title == report.title)
        #expect(record.publishedOn == report.publishedOn)
        #expect(record.source.layout == testCase.layout)
        #expect(record.source.encoding == testCase.encoding)
        #expect(record.validation.findings == [])
        #expect(record.sections == Self.reference.sections)
        #expect(record.contentHash == Self.reference.contentHash)
    }
}
