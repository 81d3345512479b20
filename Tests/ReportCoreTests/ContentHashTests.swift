import ReportCore
import ReportFixtures
import Testing

/// The content hash names the report, not the file: equal across layouts and encodings (see
/// `LayoutTests`), different when one cell, one sentence, the agency or the year changes.
struct ContentHashTests {
    private func hash(_ report: SampleReport) throws -> String {
        try ReportParser().parse(report.bytes(.tsv), sourceName: "r.txt").get().contentHash
    }

    @Test func changesWithEveryCell() throws {
        let original = SampleReport.distinct()
        let base = try hash(original)
        #expect(base.hasPrefix("sha256:") && base.count == 7 + 64)
        var report = original
        report.requests[12][3] += 1
        #expect(try hash(report) != base)
        report = original
        report.fee = "5087.95"
        #expect(try hash(report) != base)
        report = original
        report.reviews[14] += 1
        #expect(try hash(report) != base)
    }

    @Test func changesWithOneSentenceAgencyOrYear() throws {
        let original = SampleReport.distinct()
        let base = try hash(original)
        var report = original
        report.problems[1] = "下一步，我们将加强培训。"
        #expect(try hash(report) != base)
        report = original
        report.agency = "青山区人民政府办公室"
        #expect(try hash(report) != base)
        report = original
        report.year = 2023
        #expect(try hash(report) != base)
    }

    @Test func ignoresTheSourceNameTrailingFeeZerosAndTheSignatureDate() throws {
        var report = SampleReport.distinct()
        let base = try hash(report)
        report.fee = "5087.940"
        report.publishedOn = "2025-03-01"
        #expect(try ReportParser().parse(report.bytes(.tsv), sourceName: "other-name.txt").get().contentHash == base)
    }
}
