import Foundation
import ReportFixtures
import Testing

@testable import ReportCore

@Suite struct DocxTextTests {
    private func run(_ text: String) -> String {
        "<w:r><w:t xml:space=\"preserve\">\(text)</w:t></w:r>"
    }

    private func paragraph(_ runs: String...) -> String {
        "<w:p>" + runs.joined() + "</w:p>"
    }

    private func cell(_ properties: String = "", _ paragraphs: String...) -> String {
        "<w:tc><w:tcPr>\(properties)</w:tcPr>" + paragraphs.joined() + "</w:tc>"
    }

    private func table(_ rows: [String]...) -> String {
        "<w:tbl>" + rows.map { "<w:tr>" + $0.joined() + "</w:tr>" }.joined() + "</w:tbl>"
    }

    private func docx(_ body: String...) -> [UInt8] {
        DocxPackage.docx(documentXML: DocxPackage.documentXML(body: body.joined()))
    }

    private func extractedLines(_ bytes: [UInt8]) throws -> [String] {
        try DocxText.extract(bytes).components(separatedBy: "\n")
    }

    @Test func paragraphsAndTablesGiveExactLines() throws {
        let textBox = paragraph(run("文本框"))
        let document = docx(
            paragraph(run("某局2023年政府信息"), run("公开工作年度报告")),
            "<w:p/>",
            paragraph(run("一、 "), "<w:r><w:tab/><w:t>总体&amp;情况</w:t></w:r>"),
            paragraph("<w:r><w:t>第一行</w:t><w:br/><w:t>第二行</w:t></w:r>"),
            paragraph(
                "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>",
                run("页码"),
                "<w:del><w:r><w:delText>删除的</w:delText></w:r></w:del>",
                "<w:ins>" + run("插入的") + "</w:ins>"
            ),
            paragraph(
                "<w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:txbxContent>\(textBox)</w:txbxContent>"
                    + "</mc:Choice><mc:Fallback><w:txbxContent>\(textBox)</w:txbxContent></mc:Fallback>"
                    + "</mc:AlternateContent></w:r>"
            ),
            "<w:sdt><w:sdtContent>" + paragraph(run("内容控件")) + "</w:sdtContent></w:sdt>",
            table(
                [cell("<w:gridSpan w:val=\"3\"/>", paragraph(run("第二十条第（一）项")))],
                [
                    cell("<w:vMerge w:val=\"restart\"/>", paragraph(run("（三）不予")), paragraph(run("公开"))),
                    cell("", paragraph(run("1.属于"), run("国家秘密"))),
                    cell("", paragraph(run("1"), run("2"))),
                ],
                [
                    cell("<w:vMerge/>", paragraph(run("残留"))),
                    cell("", paragraph(run("2.其他法律行政法规禁止公开"))),
                    cell("", "<w:p/>"),
                ],
                [cell("", "<w:p/>"), cell("", paragraph(run("\u{3000} ")))]
            ),
            table(
                [
                    cell(
                        "",
                        paragraph(run("外层说明")),
                        table([cell("", paragraph(run("内"))), cell("", paragraph(run(" 7 ")))]),
                        "<w:p/>"
                    )
                ]
            ),
            paragraph(run("六、其他需要报告的事项"))
        )
        let lines = try extractedLines(document)
        #expect(
            lines == [
                "某局2023年政府信息公开工作年度报告",
                "一、 总体&情况",
                "第一行 第二行",
                "页码插入的",
                "文本框",
                "内容控件",
                "第二十条第（一）项",
                "（三）不予公开\t1.属于国家秘密\t12",
                "\t2.其他法律行政法规禁止公开\t",
                "外层说明",
                "内\t7",
                "六、其他需要报告的事项",
            ]
        )
    }

    @Test func recognisesDocxByItsDocumentPart() {
        #expect(DocxText.isDocx(docx(paragraph(run("正文")))))
        #expect(!DocxText.isDocx(DocxPackage.archive([:])))
        #expect(!DocxText.isDocx(Array("%PDF-1.4".utf8)))
        #expect(!DocxText.isDocx([0x50, 0x4B, 0x03, 0x04, 0x00]))
    }

    @Test func containersThatAreNotDocxAreRefused() {
        let notDocx: [[UInt8]] = [
            Array("一、总体情况".utf8),
            [0x50, 0x4B, 0x03, 0x04] + [UInt8](repeating: 0, count: 60),
            DocxPackage.archive([:]),
            DocxPackage.docx(documentXML: "<w:document><w:body><w:p>"),
        ]
        for bytes in notDocx {
            let error = #expect(throws: NotAReport.self) { try DocxText.extract(bytes) }
            #expect(error?.kind == .unreadableContainer)
        }
    }

    @Test func corruptedDeflateStreamIsRefusedRatherThanInflatedForever() throws {
        // Our sample report as .docx with one byte of word/document.xml's deflate stream changed:
        // ZIPFoundation 0.9.20's own inflate loops forever on it.
        let url = Bundle.module.url(forResource: "corrupted-deflate", withExtension: "docx", subdirectory: "Fixtures")!
        let bytes = Array(try Data(contentsOf: url))
        #expect(DocxText.isDocx(bytes))
        let error = #expect(throws: NotAReport.self) { try DocxText.extract(bytes) }
        #expect(error?.reason.contains("cannot be decompressed") == true)
    }

    @Test func truncatedDeflateStreamIsRefused() throws {
        let bytes = docx(paragraph(run(String(repeating: "政府信息公开", count: 2_000))))
        // Cut the archive 64 bytes into the deflated data of word/document.xml.
        let name = Array("word/document.xml".utf8)
        let header = try #require(
            bytes.indices.dropLast(30 + name.count).first { start in
                bytes[start..<start + 4].elementsEqual([0x50, 0x4B, 0x03, 0x04])
                    && bytes[(start + 30)..<(start + 30 + name.count)].elementsEqual(name)
            }
        )
        let truncated = Array(bytes.prefix(header + 30 + name.count + 64))
        #expect(DocxText.isDocx(truncated))
        let error = #expect(throws: NotAReport.self) { try DocxText.extract(truncated) }
        #expect(error?.reason.contains("cannot be decompressed") == true)
    }

    /// A document.xml one byte beyond the limit, mostly spaces: it deflates to almost nothing.
    private static let oversizedDocumentXML: [UInt8] = {
        let (head, tail) = ("<w:document><w:body><w:p><w:r><w:t>", "</w:t></w:r></w:p></w:body></w:document>")
        let filler = DocxText.maximumDocumentSize + 1 - head.utf8.count - tail.utf8.count
        return Array(head.utf8) + [UInt8](repeating: 0x20, count: filler) + Array(tail.utf8)
    }()

    @Test func documentLargerThanTheLimitIsRefused() throws {
        let bomb = DocxPackage.archive(["word/document.xml": Self.oversizedDocumentXML])
        #expect(bomb.count < 1 << 20)
        let error = #expect(throws: NotAReport.self) { try DocxText.extract(bomb) }
        #expect(error?.reason.contains("larger than 64 MiB") == true)
    }

    @Test func documentThatLiesAboutItsSizeIsStoppedWhileInflating() throws {
        var bomb = DocxPackage.archive(["word/document.xml": Self.oversizedDocumentXML])
        // Claim 1 KiB in both the local and the central directory header of word/document.xml.
        let name = Array("word/document.xml".utf8)
        let headers: [(signature: [UInt8], nameOffset: Int, sizeOffset: Int)] = [
            ([0x50, 0x4B, 0x03, 0x04], 30, 22), ([0x50, 0x4B, 0x01, 0x02], 46, 24),
        ]
        var patched = 0
        for header in headers {
            for start in bomb.indices.dropLast(header.nameOffset + name.count)
            where bomb[start..<start + 4].elementsEqual(header.signature)
                && bomb[(start + header.nameOffset)..<(start + header.nameOffset + name.count)].elementsEqual(name)
            {
                bomb.replaceSubrange((start + header.sizeOffset)..<(start + header.sizeOffset + 4), with: [0, 4, 0, 0])
                patched += 1
            }
        }
        #expect(patched == 2)
        let error = #expect(throws: NotAReport.self) { try DocxText.extract(bomb) }
        #expect(error?.reason.contains("larger than 64 MiB") == true)
    }

    @Test func tablesNestedBeyondTheLimitReadAsText() throws {
        // 40 levels (120 elements) stay within libxml2's nesting limit but far beyond ours.
        let open = "<w:tbl><w:tr><w:tc>"
        let close = "</w:tc></w:tr></w:tbl>"
        let body =
            String(repeating: open, count: 40) + paragraph(run("最深处"))
            + String(repeating: "<w:p/>" + close, count: 40)
        #expect(try DocxText.extract(docx(body)) == "最深处")
    }

    @Test func hostileNestingIsRefusedWithoutExhaustingTheStack() {
        let body =
            String(repeating: "<w:tbl><w:tr><w:tc>", count: 50_000) + "<w:p/>"
            + String(repeating: "</w:tc></w:tr></w:tbl>", count: 50_000)
        #expect(throws: NotAReport.self) { try DocxText.extract(docx(body)) }
    }
}
