import Foundation
import ReportCore
import ReportFixtures
import Testing

/// Inputs built to hurt a parser, through the whole `parse` path: each ends in a clear rejection or a
/// finding, and returns. The layout readers' own limits are tested next to them (`HTMLTextTests`,
/// `DocxTextTests`); here the question is what `parse` makes of the same attacks.
struct HostileInputTests {
    private func parse(_ bytes: [UInt8]) -> Result<Record, NotAReport> {
        ReportParser().parse(bytes, sourceName: "hostile")
    }

    private func rejection(_ bytes: [UInt8]) -> NotAReport? {
        if case .failure(let notAReport) = parse(bytes) { return notAReport }
        return nil
    }

    @Test func tenMegabyteSingleLineIsNotAReport() {
        let line = [UInt8](repeating: UInt8(ascii: "9"), count: 10 << 20)
        #expect(rejection(line)?.kind == .notAReport)
        let chinese = Array(String(repeating: "政府信息公开", count: (10 << 20) / 18).utf8)
        #expect(rejection(chinese)?.kind == .notAReport)
    }

    @Test func hundredThousandNestedTablesAreNotAReport() {
        let depth = 100_000
        let html =
            "<html><body>" + String(repeating: "<table><tr><td>", count: depth) + "总体情况"
            + String(repeating: "</td></tr></table>", count: depth) + "</body></html>"
        let notAReport = rejection(Array(html.utf8))
        #expect(notAReport != nil)
        #expect(notAReport?.kind != .binary)
    }

    @Test func docxBombIsAnUnreadableContainer() {
        // 80 MiB of one repeated paragraph deflates to well under 1 MiB.
        let paragraph = "<w:p><w:r><w:t>政府信息公开工作年度报告</w:t></w:r></w:p>"
        let body = String(repeating: paragraph, count: (80 << 20) / paragraph.utf8.count)
        let bomb = DocxPackage.docx(documentXML: DocxPackage.documentXML(body: body))
        #expect(bomb.count < 1 << 20)
        let notAReport = rejection(bomb)
        #expect(notAReport?.kind == .unreadableContainer)
        #expect(notAReport?.reason.contains("larger than 64 MiB") == true)
    }

    @Test func invalidUTF8IsRefusedAsBinary() {
        var bytes = SampleReport.distinct().bytes(.tsv)
        // A lone continuation byte, an overlong encoding of "/" and a truncated 3-byte sequence: no
        // UTF-8, and no GB18030 either.
        bytes.insert(contentsOf: [0x80, 0xC0, 0xAF, 0xE6, 0x94], at: bytes.count / 2)
        let notAReport = rejection(bytes)
        #expect(notAReport?.kind == .binary)
        #expect(notAReport?.reason.contains("neither UTF-8, UTF-16 nor GB18030") == true)
    }

    @Test func invalidGB18030IsRefusedAsBinary() {
        var bytes = SampleReport.distinct().bytes(.tsv, encoding: .gb18030)
        // 0x81 starts a two- or four-byte GB18030 sequence; 0x7F never continues one.
        bytes.insert(contentsOf: [0x81, 0x7F, 0x81, 0x30, 0x81], at: bytes.count / 2)
        #expect(rejection(bytes)?.kind == .binary)
    }

    private static let tenToTheThirty = "1" + String(repeating: "0", count: 30)

    @Test func tableClaimingTenToTheThirtyRequestsIsOutOfRange() {
        var report = SampleReport.distinct()
        report.blankMarkers[.request(row: 0, column: 6)] = Self.tenToTheThirty
        let notAReport = rejection(report.bytes(.tsv))
        #expect(notAReport?.kind == .valueOutOfRange)
        #expect(notAReport?.reason.contains("requests.received.total") == true)
    }

    @Test func narrativeClaimingTenToTheThirtyRequestsIsAFinding() throws {
        var report = SampleReport.distinct()
        report.overview[2] = "（二）依申请公开情况。共收到政府信息公开申请\(Self.tenToTheThirty)件。"
        let record = try parse(report.bytes(.tsv)).get()
        #expect(record.validation.findings.map(\.rule) == ["narrative.requests"])
        #expect(record.validation.findings.first?.message.contains(Self.tenToTheThirty) == true)
        #expect(record.validation.status == .valid)
    }
}
