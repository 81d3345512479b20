import Foundation
import ReportCore
import SyncEngine
import Testing

/// Runs the real `pdftotext` (Debian `poppler-utils` and `poppler-data`) on a PDF made by
/// `scripts/make-pdf-fixture.py`.
@Suite struct PopplerPDFTextTests {
    static func fixture(_ name: String) -> [UInt8] {
        let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures")!
        return Array(try! Data(contentsOf: url))
    }

    static let activeTablePDF = fixture("active-table.pdf")

    @Test func tableTextComesOutInRowOrderWithItsNumbers() throws {
        let text = try PopplerPDFText().layoutText(ofPDF: Self.activeTablePDF)
        let rows = text.split(whereSeparator: \.isNewline).map {
            $0.split(whereSeparator: \.isWhitespace).map(String.init)
        }
        let expected = [
            ["青山区人民政府2024年政府信息公开工作年度报告"],
            ["二、主动公开政府信息情况"],
            ["第二十条第（一）项"],
            ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
            ["规章", "11", "24", "37"],
            ["行政规范性文件", "50", "63", "76"],
            ["第二十条第（五）项"],
            ["信息内容", "本年处理决定数量"],
            ["行政许可", "89"],
            ["第二十条第（六）项"],
            ["信息内容", "本年处理决定数量"],
            ["行政处罚", "102"],
            ["行政强制", "115"],
            ["第二十条第（八）项"],
            ["信息内容", "本年收费金额（单位：万元）"],
            ["行政事业性收费", "5087.94"],
        ]
        #expect(rows.filter { !$0.isEmpty } == expected)
    }

    /// `name` (a PDF of sample-report.txt) read through `pdftotext` gives the record of the text.
    private func expectTheRecordOfTheText(_ name: String) throws {
        let text = try ReportParser().parse(Self.fixture("sample-report.txt"), sourceName: "sample-report.txt").get()
        let pdf = try ReportParser(pdfText: PopplerPDFText()).parse(Self.fixture(name), sourceName: name).get()
        #expect(pdf.source.layout == "pdf")
        #expect(pdf.cellValues.map(\.value) == text.cellValues.map(\.value))
        #expect(pdf.agency == text.agency)
        #expect(pdf.year == text.year)
        #expect(pdf.title == text.title)
        #expect(pdf.publishedOn == text.publishedOn)
        #expect(pdf.sections == text.sections)
        #expect(pdf.validation.findings == [])
        #expect(pdf.contentHash == text.contentHash)
    }

    @Test func reportPDFReadsToTheRecordOfItsText() throws {
        try expectTheRecordOfTheText("sample-report.pdf")
    }

    @Test func reportPDFWithWrappedLabelsAndNumbersReadsEveryCell() throws {
        // Long labels wrap around their numbers, table 3 runs over a page break, and table 4's totals
        // (36022) wrap inside their narrow columns ("3602" above the row, "2" below): every cell reads,
        // the wrapped ones listed as inferred.
        let name = "sample-report-wrapped.pdf"
        let text = try ReportParser().parse(Self.fixture("sample-report.txt"), sourceName: "sample-report.txt").get()
        let pdf = try ReportParser(pdfText: PopplerPDFText()).parse(Self.fixture(name), sourceName: name).get()
        #expect(pdf.active == text.active)
        #expect(pdf.requests == text.requests)
        #expect(pdf.reviews == text.reviews)
        #expect(pdf.agency == text.agency)
        #expect(pdf.sections == text.sections)
        #expect(pdf.contentHash == text.contentHash)
        let inferred = pdf.validation.findings.filter { $0.rule == "cells.inferred" }.flatMap(\.cells)
        #expect(Set(inferred).isSuperset(of: ["reviews.review.total", "reviews.litigationDirect.total"]))
        #expect(pdf.validation.status == .valid)
    }

    @Test func bytesThatAreNoPDFAreRefused() {
        let error = #expect(throws: NotAReport.self) {
            try PopplerPDFText().layoutText(ofPDF: Array("一、总体情况".utf8))
        }
        #expect(error?.kind == .unreadableContainer)
    }

    @Test func missingPdftotextIsReported() {
        let missing = PopplerPDFText(executablePath: "/nonexistent/bin/pdftotext")
        let error = #expect(throws: NotAReport.self) { try missing.layoutText(ofPDF: Self.activeTablePDF) }
        #expect(error == NotAReport(.readerUnavailable, "pdftotext (poppler-utils) is not installed"))
    }

    @Test func outputBeyondTheLimitIsRefused() {
        let small = PopplerPDFText(maximumOutputSize: 64)
        let error = #expect(throws: NotAReport.self) { try small.layoutText(ofPDF: Self.activeTablePDF) }
        #expect(error?.reason.contains("larger than 64 bytes") == true)
    }

    @Test func runThatOverrunsTheTimeLimitIsKilled() throws {
        // A stand-in for pdftotext that never finishes: the extractor must stop it and say why.
        let script = FileManager.default.temporaryDirectory.appendingPathComponent("hanging-pdftotext-\(UUID())")
        try "#!/bin/sh\nexec sleep 30\n".write(to: script, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: script.path)
        defer { try? FileManager.default.removeItem(at: script) }

        let hanging = PopplerPDFText(executablePath: script.path, timeLimit: .milliseconds(300))
        let error = #expect(throws: NotAReport.self) { try hanging.layoutText(ofPDF: Self.activeTablePDF) }
        #expect(error?.reason.hasPrefix("pdftotext did not finish within") == true)
    }
}
