#if !FUZZING
import Foundation
import ReportCore
import ReportFixtures

/// The seeds of `Fuzz/corpus` rendered from `ReportFixtures`, which `ParserFuzz --write-seeds
/// Fuzz/corpus` (re)writes. The others are the text
/// layouts and `pdftotext -layout` of the PDF fixtures (`pdftext-*.txt`); `scripts/fuzz` and CI
/// also use the ReportCoreTests fixtures `cms-page.html` and `corrupted-deflate.docx` as they are.
///
/// A file's extension says which targets `scripts/fuzz` seeds with it: `.html` html, `.docx` docx,
/// `.txt` text (and spaced when its name starts with `spaced` or `pdftext`), all but `.docx` decode,
/// all of them parse.
enum Seeds {
    static func write(to folder: URL) {
        let report = SampleReport.distinct()
        let reports = [
            "html-report.html": compactHTML(report, encoding: .utf8),
            "html-report-gbk.html": compactHTML(report, encoding: .gb18030),
            "docx-report.docx": report.docx,
        ]
        for (name, bytes) in reports {
            // A seed rendered from a report must parse: it is there to lead the fuzzer past detection.
            guard case .success = ReportParser().parse(bytes, sourceName: name) else { fatalError("\(name) fails") }
        }
        var seeds = reports
        // Stored, not deflated: the fuzzer's mutations of the data reach the XML reader as they are.
        seeds["docx-stored.docx"] = DocxPackage.archive(
            ["word/document.xml": Array(smallDocument.utf8)],
            compressed: false
        )
        for (name, bytes) in seeds {
            let path = folder.appendingPathComponent(name).path
            precondition(FileManager.default.createFile(atPath: path, contents: Data(bytes)), "cannot write \(path)")
        }
    }

    /// `report` as a bare HTML page, a few KB where `SampleReport.html` is 24 KB: one `<p>` a
    /// paragraph, one `<tr>` a row, end tags left for the parser to imply. (`cms-page.html` has the
    /// site around an article, cells split over spans and paragraphs, colspan and rowspan.)
    private static func compactHTML(_ report: SampleReport, encoding: SampleEncoding) -> [UInt8] {
        var page = "<!DOCTYPE html><html><head><meta charset=\"\(encoding == .utf8 ? "utf-8" : "gbk")\">\n"
        for block in report.blocks {
            switch block {
            case .paragraph(let text):
                page += "<p>\(text)\n"
            case .table(let rows):
                page +=
                    "<table>\n" + rows.map { "<tr><td>" + $0.joined(separator: "<td>") + "\n" }.joined() + "</table>\n"
            }
        }
        return SampleReport.encode(page, encoding)
    }

    /// A short `word/document.xml` with every construct the .docx reader handles: the strict
    /// namespace, `w:tab` and `w:br`, `mc:AlternateContent`, a vertical merge, a nested table.
    private static let smallDocument = DocxPackage.documentXML(
        body: """
            <w:p><w:r><w:t>青山区人民政府2024年政府信息公开工作年度报告</w:t></w:r></w:p>\
            <w:p><w:r><w:t>一、总体情况</w:t><w:tab/><w:t>全年</w:t><w:br/><w:t>公开</w:t></w:r></w:p>\
            <s:p xmlns:s="http://purl.oclc.org/ooxml/wordprocessingml/main"><s:r><s:t>严格</s:t></s:r></s:p>\
            <mc:AlternateContent><mc:Choice Requires="wps"><w:p><w:r><w:t>文本框</w:t></w:r></w:p></mc:Choice>\
            <mc:Fallback><w:p><w:r><w:t>备用</w:t></w:r></w:p></mc:Fallback></mc:AlternateContent>\
            <w:tbl><w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>申请人</w:t></w:r></w:p>\
            </w:tc><w:tc><w:p><w:r><w:t>自然</w:t></w:r><w:r><w:t>人</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>\
            7</w:t></w:r></w:p></w:tc></w:tr><w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc><w:tc><w:p><w:r>\
            <w:t>法人</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>8</w:t></w:r></w:p></w:tc></w:tr><w:tr><w:tc>\
            <w:tbl><w:tr><w:tc><w:p><w:r><w:t>嵌套</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>9</w:t></w:r></w:p>\
            </w:tc></w:tr></w:tbl></w:tc></w:tr></w:tbl>\
            <w:p><w:r><w:t>六、其他需要报告的事项</w:t></w:r></w:p>
            """
    )
}
#endif
