import Foundation
import ReportCore
import ReportFixtures
import Testing

/// Files that are not reports get a clear reason, never a record and never a crash.
struct NotAReportTests {
    private func reason(_ bytes: [UInt8]) -> NotAReport? {
        if case .failure(let notAReport) = ReportParser().parse(bytes, sourceName: "x") { return notAReport }
        return nil
    }

    @Test func emptyAndWhitespace() {
        #expect(reason([])?.kind == .empty)
        #expect(reason(Array(" \n\t\r\n".utf8))?.kind == .empty)
    }

    @Test func binary() {
        var generator = SystemRandomNumberGenerator()
        let noise = (0..<4096).map { _ in UInt8.random(in: 0...255, using: &generator) } + [0]
        #expect(reason(noise)?.kind == .binary)
        #expect(reason([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D])?.kind == .binary)
    }

    @Test func randomChineseText() {
        let text = "春眠不觉晓，处处闻啼鸟。夜来风雨声，花落知多少。\n" + String(repeating: "床前明月光，疑是地上霜。\n", count: 50)
        let notAReport = reason(Array(text.utf8))
        #expect(notAReport?.kind == .notAReport)
        #expect(notAReport?.reason.contains("三、收到和处理政府信息公开申请情况") == true)
    }

    @Test func aReportWithoutTable3() throws {
        let text = SampleReport.distinct().render(.tsv)
        let start = try #require(text.range(of: "三、收到和处理政府信息公开申请情况"))
        let end = try #require(text.range(of: "四、政府信息公开行政复议、行政诉讼情况"))
        let cut = String(text[..<start.lowerBound]) + String(text[end.lowerBound...])
        #expect(reason(Array(cut.utf8))?.kind == .notAReport)
    }

    @Test func aReportWithARowMissing() {
        let text = SampleReport.distinct().render(.tsv).split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.contains("8.属于行政查询事项") }.joined(separator: "\n")
        let notAReport = reason(Array(text.utf8))
        #expect(notAReport?.kind == .unreadableTable)
        #expect(notAReport?.reason.contains("denied.queryMatters") == true)
    }

    @Test func aTable2MixingBothEditionsIsRefusedNotMisread() {
        let text = SampleReport.distinct().render(.tsv)
            .replacingOccurrences(of: "本年制发件数\t本年废止件数", with: "本年新制作数量\t本年新公开数量")
        let notAReport = reason(Array(text.utf8))
        #expect(notAReport?.kind == .mixedEditions)
        #expect(notAReport?.reason.contains("2021 template") == true)
        #expect(notAReport?.reason.contains("现行有效件数") == true)
        #expect(notAReport?.reason.contains("2019 trial format") == true)
        #expect(notAReport?.reason.contains("本年新制作数量") == true)
    }

    @Test func aValueTooLargeToRepresent() {
        var report = SampleReport.distinct()
        report.blankMarkers[.request(row: 0, column: 0)] = "1" + String(repeating: "0", count: 30)
        let notAReport = reason(report.bytes(.tsv))
        #expect(notAReport?.kind == .valueOutOfRange)
        #expect(notAReport?.reason.contains("requests.received.naturalPerson") == true)
    }

    @Test func anAgencyTooLongToNameAMirrorFile() throws {
        let text = SampleReport.distinct().render(.tsv)
        let named = { (agency: String) in
            Array(text.replacingOccurrences(of: "一、总体情况", with: "单位名称：\(agency)\n一、总体情况").utf8)
        }
        let notAReport = reason(named(String(repeating: "某", count: 81)))
        #expect(notAReport?.kind == .notAReport)
        #expect(notAReport?.reason.contains("243 bytes long") == true)
        let record = try ReportParser().parse(named(String(repeating: "某", count: 80)), sourceName: "x").get()
        #expect(record.agency.utf8.count == 240)
    }

    @Test func aPDFWithoutAnExtractorIsAnUnreadableContainer() {
        #expect(reason(Array("%PDF-1.7\n%âãÏÓ\n".utf8))?.kind == .unreadableContainer)
    }
}
