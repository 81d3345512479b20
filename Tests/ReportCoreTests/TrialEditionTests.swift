import ReportCore
import ReportFixtures
import Testing

/// Reports in the 2019 trial edition (国办公开办函〔2019〕60号): table 2's 22 values under their own
/// keys, （六）其他处理 as one row, in every layout and container, with one content hash.
struct TrialEditionTests {
    static let report = SampleReport.trial()
    static let reference = try! ReportParser().parse(report.bytes(.tsv), sourceName: "reference.txt").get()

    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var bytes: [UInt8]
        var testDescription: String { name }
    }

    static let cases =
        SampleLayout.allCases.map { Case(name: $0.rawValue, bytes: report.bytes($0)) } + [
            Case(name: "gb18030 pipe", bytes: report.bytes(.pipe, encoding: .gb18030)),
            Case(name: "HTML", bytes: report.html()),
            Case(name: ".docx", bytes: report.docx),
        ]

    @Test(arguments: cases)
    func readsEveryCellInEveryLayoutAndContainer(_ testCase: Case) throws {
        let record = try ReportParser().parse(testCase.bytes, sourceName: "sample").get()
        #expect(record.edition == "2019")
        #expect(record.cellValues.map(\.value) == Self.report.expectedCellValues)
        #expect(record.validation.findings == [])
        #expect(record.contentHash == Self.reference.contentHash)
    }

    @Test func table2HasTheEditionsOwnKeys() throws {
        let record = Self.reference
        let keys = record.cellValues.map(\.key)
        #expect(keys.count == 22 + 175 + 15)
        #expect(keys.prefix(3) == ["active.rules.made", "active.rules.published", "active.rules.totalPublished"])
        #expect(keys[21] == "active.procurement.amountYuan")
        let active = try #require(record.active.trial2019)
        #expect(active.licensing.change == -21)
        #expect(active.otherManagementServices.change == 24)
        #expect(active.procurement.amountYuan == "395738025000")
        let json = String(decoding: record.jsonBytes(), as: UTF8.self)
        #expect(json.contains(#""procurement":{"amountYuan":"395738025000","items":3341}"#))
        #expect(try Record(jsonBytes: record.jsonBytes()) == record)
    }

    @Test func otherHandlingIsItsOneRowWithoutAWarning() {
        let record = Self.reference
        #expect(record.counts(under: "requests.otherHandling.other") == Self.report.requests[22])
        #expect(record.counts(under: "requests.otherHandling.overdueCorrection") == [0, 0, 0, 0, 0, 0, 0])
        #expect(record.counts(under: "requests.otherHandling.unpaidFee") == [0, 0, 0, 0, 0, 0, 0])
        #expect(!Self.reference.validation.findings.contains { $0.rule == "template.otherHandlingRow" })
    }

    @Test(arguments: [
        ("73802895.90元", "73802895.9"), ("1200", "1200"), ("0.35万元", "3500"), ("12.345678万元", "123456.78"),
    ])
    func theProcurementAmountIsInYuan(_ printed: String, _ yuan: String) throws {
        var report = SampleReport.trial()
        report.trialActive?.amount = printed
        report.trialActive?.amountYuan = yuan
        for layout in [SampleLayout.tsv, .pipeLines, .spaced] {
            let record = try ReportParser().parse(report.bytes(layout), sourceName: "sample").get()
            #expect(record.cellValues.map(\.value) == report.expectedCellValues, "\(layout)")
        }
    }

    @Test func blankCellsAreZeroAndListed() throws {
        var report = SampleReport.trial()
        report.blankMarkers[.active(4)] = "/"
        report.blankMarkers[.active(13)] = "—"
        report.blankMarkers[.active(21)] = "/"
        let record = try ReportParser().parse(report.bytes(.pipe), sourceName: "sample").get()
        #expect(record.cellValues.map(\.value) == report.expectedCellValues)
        let blank = record.validation.findings.first { $0.rule == "cells.blank" }
        #expect(
            blank?.cells == [
                "active.normativeDocuments.published", "active.punishment.change", "active.procurement.amountYuan",
            ]
        )
        #expect(record.validation.status == .valid)
    }

    @Test func onlyTheChangesMayBeNegative() throws {
        var report = SampleReport.trial()
        report.trialActive?.counts[6] = -5
        let record = try ReportParser().parse(report.bytes(.tsv), sourceName: "sample").get()
        let negative = record.validation.findings.filter { $0.rule == "cells.nonNegative" }
        #expect(negative.map(\.cells) == [["active.licensing.previousItems"]])
    }

    @Test func aCrawlersRunTogetherRowKeepsItsSign() throws {
        let text = Self.report.render(.tsv).replacingOccurrences(
            of: "行政处罚\t3205\t-27\t3239",
            with: "行政处罚3205-273239"
        )
        #expect(text.contains("行政处罚3205-273239"))
        let record = try ReportParser().parse(Array(text.utf8), sourceName: "sample").get()
        let ambiguous = record.validation.findings.first { $0.rule == "cells.ambiguous" }
        #expect(ambiguous?.cells == ["active.punishment.change", "active.punishment.decisions"])
        #expect(record.cellValues.first { $0.key == "active.punishment.previousItems" }?.value == "3205")
    }
}
