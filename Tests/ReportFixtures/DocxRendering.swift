import Foundation
import ZIPFoundation

/// A minimal Word package built in memory: `[Content_Types].xml`, `_rels/.rels` and the files given.
public enum DocxPackage {
    public static let wordNamespace = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    public static let markupCompatibilityNamespace = "http://schemas.openxmlformats.org/markup-compatibility/2006"

    /// `body`, the children of `w:body`, as a complete `word/document.xml`.
    public static func documentXML(body: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <w:document xmlns:w="\(wordNamespace)" xmlns:mc="\(markupCompatibilityNamespace)">\
        <w:body>\(body)<w:sectPr/></w:body></w:document>
        """
    }

    /// A .docx whose `word/document.xml` is `documentXML`.
    public static func docx(documentXML: String) -> [UInt8] {
        archive(["word/document.xml": Array(documentXML.utf8)])
    }

    /// A zip archive of `files` (path to contents) plus the package's content types and
    /// relationships, deflated unless `compressed` is false (then stored as they are).
    public static func archive(_ files: [String: [UInt8]], compressed: Bool = true) -> [UInt8] {
        let contentTypes = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
            <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
            <Default Extension="xml" ContentType="application/xml"/>\
            <Override PartName="/word/document.xml" \
            ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>\
            </Types>
            """
        let relationships = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" Target="word/document.xml" \
            Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"/>\
            </Relationships>
            """
        let archive = try! Archive(data: Data(), accessMode: .create, pathEncoding: nil)
        let parts = [("[Content_Types].xml", Array(contentTypes.utf8)), ("_rels/.rels", Array(relationships.utf8))]
        for (path, contents) in parts + files.sorted(by: { $0.key < $1.key }) {
            try! archive.addEntry(
                with: path,
                type: .file,
                uncompressedSize: Int64(contents.count),
                compressionMethod: compressed ? .deflate : .none,
                provider: { position, size in Data(contents[Int(position)..<Int(position) + size]) }
            )
        }
        return Array(archive.data!)
    }
}

extension SampleReport {
    /// The report as a Word .docx: each block a `w:p` or `w:tbl`, every text split into two runs
    /// mid-word, tables on a full grid (a short row's first cell spans the missing columns, an empty
    /// first cell under a group label continues it as a vertical merge).
    public var docx: [UInt8] {
        var body = ""
        for block in blocks {
            switch block {
            case .paragraph(let text):
                body += Self.docxParagraph(text)
            case .table(let rows):
                body += Self.docxTable(rows)
            }
        }
        return DocxPackage.docx(documentXML: DocxPackage.documentXML(body: body))
    }

    private static func docxParagraph(_ text: String) -> String {
        let (head, tail) = text.halves
        let run = { (text: String) in "<w:r><w:t xml:space=\"preserve\">\(text.markupEscaped)</w:t></w:r>" }
        return "<w:p><w:pPr><w:ind w:firstLine=\"420\"/></w:pPr>\(run(head))\(run(tail))</w:p>"
    }

    private static func docxTable(_ rows: [[String]]) -> String {
        let (width, continuesAbove) = SampleBlock.grid(rows)
        var xml = "<w:tbl><w:tblGrid>" + String(repeating: "<w:gridCol/>", count: width) + "</w:tblGrid>"
        for (index, row) in rows.enumerated() {
            xml += "<w:tr>"
            for (column, cell) in row.enumerated() {
                var properties = ""
                if column == 0, row.count < width { properties += "<w:gridSpan w:val=\"\(width - row.count + 1)\"/>" }
                if column == 0, continuesAbove[index] {
                    properties += "<w:vMerge/>"
                } else if column == 0, continuesAbove.indices.contains(index + 1), continuesAbove[index + 1] {
                    properties += "<w:vMerge w:val=\"restart\"/>"
                }
                xml += "<w:tc><w:tcPr>\(properties)</w:tcPr>\(docxParagraph(cell))</w:tc>"
            }
            xml += "</w:tr>"
        }
        return xml + "</w:tbl>"
    }
}
