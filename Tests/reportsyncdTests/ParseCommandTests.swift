import Foundation
import ReportCore
import ReportFixtures
import Testing

/// `reportsyncd parse` and `reportsyncd validate`, run as processes on files of our own.
struct ParseCommandTests {
    private func write(_ bytes: [UInt8], _ name: String, in folder: URL) throws -> String {
        let url = folder.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    @Test func parsePrintsTheRecordAndExitsZero() throws {
        let folder = try BuiltBinary.temporaryFolder()
        let report = SampleReport.distinct()
        let path = try write(report.bytes(.pipe, encoding: .gb18030), "青山区.txt", in: folder)
        let outcome = try BuiltBinary.run(["parse", path])
        #expect(outcome.status == 0)
        let record = try Record(jsonBytes: Array(outcome.standardOutput.utf8))
        #expect(record.agency == report.agency)
        #expect(record.source.name == "青山区.txt")
        #expect(record.source.encoding == "gb18030")
        #expect(record.cellValues.map(\.value) == report.expectedCellValues)
        let pretty = try BuiltBinary.run(["parse", "--pretty", path])
        #expect(pretty.standardOutput.contains("\n  \"active\" : {"))
    }

    @Test func parseReadsTheTrialEditionUnderItsOwnKeys() throws {
        let folder = try BuiltBinary.temporaryFolder()
        let report = SampleReport.trial()
        let path = try write(report.bytes(.cells), "青山区2020.txt", in: folder)
        let outcome = try BuiltBinary.run(["parse", path])
        #expect(outcome.status == 0)
        let record = try Record(jsonBytes: Array(outcome.standardOutput.utf8))
        #expect(record.edition == "2019")
        #expect(record.cellValues.map(\.value) == report.expectedCellValues)
        #expect(outcome.standardOutput.contains(#""amountYuan":"395738025000""#))
        let summary = try BuiltBinary.run(["validate", path])
        #expect(summary.status == 0)
        #expect(summary.standardOutput.contains("青山区人民政府 2020 — valid (2019 trial format)"))
    }

    @Test func parseRefusesATable2MixingBothEditionsWithExit65() throws {
        let folder = try BuiltBinary.temporaryFolder()
        let text = SampleReport.distinct().render(.tsv).replacingOccurrences(of: "本年制发件数", with: "本年新制作数量")
        let outcome = try BuiltBinary.run(["parse", try write(Array(text.utf8), "mixed.txt", in: folder)])
        #expect(outcome.status == 65)
        #expect(outcome.standardOutput.isEmpty)
        #expect(outcome.standardError.contains("本年废止件数") && outcome.standardError.contains("本年新制作数量"))
    }

    @Test func parseRefusesWhatIsNotAReportWithExit65AndOneLine() throws {
        let folder = try BuiltBinary.temporaryFolder()
        let cases: [(bytes: [UInt8], reason: String)] = [
            ([], "empty"),
            ([0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00], "binary"),
            (Array("白日依山尽，黄河入海流。\n欲穷千里目，更上一层楼。\n".utf8), "三、收到和处理政府信息公开申请情况"),
        ]
        for (index, testCase) in cases.enumerated() {
            let path = try write(testCase.bytes, "case\(index).txt", in: folder)
            let outcome = try BuiltBinary.run(["parse", path])
            #expect(outcome.status == 65)
            #expect(outcome.standardOutput.isEmpty)
            #expect(outcome.standardError.contains(testCase.reason))
            #expect(outcome.standardError.split(separator: "\n").count == 1)
        }
    }

    @Test func pdfThatCannotBeReadHereExits69() throws {
        let pdf = BuiltBinary.packageRoot.appendingPathComponent("Tests/SyncEngineTests/Fixtures/sample-report.pdf")
        let outcome = try BuiltBinary.run(["parse", pdf.path], environment: ["PATH": "/nonexistent"])
        #expect(outcome.status == 69)
        #expect(outcome.standardError.contains("pdftotext (poppler-utils) is not installed"))
        #expect(try BuiltBinary.run(["parse", pdf.path]).status == 0)
    }

    @Test func validateSummarisesEachFileAndFailsOnInconsistency() throws {
        let folder = try BuiltBinary.temporaryFolder()
        let good = try write(SampleReport.distinct().bytes(.tsv), "good.txt", in: folder)
        var broken = SampleReport.distinct(agency: "北山乡人民政府")
        broken.reviews[4] += 1
        let bad = try write(broken.bytes(.tsv), "bad.txt", in: folder)

        let passing = try BuiltBinary.run(["validate", good])
        #expect(passing.status == 0)
        #expect(passing.standardOutput.contains("青山区人民政府 2024 — valid (2021 template)"))

        let failing = try BuiltBinary.run(["validate", good, bad])
        #expect(failing.status == 1)
        #expect(failing.standardOutput.contains("北山乡人民政府 2024 — inconsistent"))
        #expect(failing.standardOutput.contains("error reviews.total"))
        #expect(failing.standardOutput.contains("reviews.review.total (line "))

        let notAReport = try write(Array("hello".utf8), "hello.txt", in: folder)
        #expect(try BuiltBinary.run(["validate", good, notAReport]).status == 65)
    }
}
