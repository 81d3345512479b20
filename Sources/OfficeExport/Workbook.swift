import Foundation
import ZIPFoundation

/// An .xlsx file (Office Open XML SpreadsheetML) of named worksheets, zipped with ZIPFoundation: the
/// content types, the package and workbook relationships, a style sheet (style 1 is bold) and the
/// sheets themselves.
struct Workbook {
    /// Sheet names and their `WorksheetXML` bytes, in tab order.
    var sheets: [(name: String, xml: [UInt8])] = []

    /// The .xlsx bytes.
    func bytes() throws -> [UInt8] {
        let archive = try Archive(data: Data(), accessMode: .create, pathEncoding: nil)
        let sheetNumbers = 1...sheets.count
        let overrides = sheetNumbers.map {
            #"<Override PartName="/xl/worksheets/sheet\#($0).xml" "#
                + #"ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#
        }
        let contentTypes: [String] =
            [
                #"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#,
                #"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#,
                #"<Default Extension="xml" ContentType="application/xml"/>"#,
                #"<Override PartName="/xl/workbook.xml" "#,
                #"ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#,
                #"<Override PartName="/xl/styles.xml" "#,
                #"ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>"#,
            ] + overrides + ["</Types>"]
        try add("[Content_Types].xml", contentTypes.joined(), to: archive)
        try add(
            "_rels/.rels",
            Self.relationships([("rId1", "officeDocument", "xl/workbook.xml")]),
            to: archive
        )
        let sheetElements = zip(sheetNumbers, sheets).map { number, sheet in
            #"<sheet name="\#(sheet.name)" sheetId="\#(number)" r:id="rId\#(number)"/>"#
        }
        try add(
            "xl/workbook.xml",
            [
                #"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" "#,
                #"xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>"#,
                sheetElements.joined(), "</sheets></workbook>",
            ].joined(),
            to: archive
        )
        try add(
            "xl/_rels/workbook.xml.rels",
            Self.relationships(
                sheetNumbers.map { ("rId\($0)", "worksheet", "worksheets/sheet\($0).xml") }
                    + [("rId\(sheets.count + 1)", "styles", "styles.xml")]
            ),
            to: archive
        )
        try add("xl/styles.xml", Self.styles, to: archive)
        for (number, sheet) in zip(sheetNumbers, sheets) {
            try add("xl/worksheets/sheet\(number).xml", sheet.xml, to: archive)
        }
        // An archive created in memory always has its data.
        return Array(archive.data!)
    }

    private func add(_ path: String, _ xml: String, to archive: Archive) throws {
        let declaration = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#
        try add(path, Array((declaration + xml).utf8), to: archive)
    }

    private func add(_ path: String, _ bytes: [UInt8], to archive: Archive) throws {
        try archive.addEntry(
            with: path,
            type: .file,
            uncompressedSize: Int64(bytes.count),
            modificationDate: Date(timeIntervalSince1970: 1_577_836_800),
            compressionMethod: .deflate,
            bufferSize: 1 << 20
        ) { position, size in
            Data(bytes[Int(position)..<Int(position) + size])
        }
    }

    /// A relationships part of `(id, type, target)`; types are short names under officeDocument's.
    private static func relationships(_ entries: [(String, String, String)]) -> String {
        let base = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
        return #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
            + entries.map { #"<Relationship Id="\#($0.0)" Type="\#(base)\#($0.1)" Target="\#($0.2)"/>"# }.joined()
            + "</Relationships>"
    }

    /// Two cell formats: 0 plain, 1 bold (headers).
    private static let styles = [
        #"<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#,
        #"<fonts count="2"><font><sz val="11"/><name val="等线"/></font>"#,
        #"<font><b/><sz val="11"/><name val="等线"/></font></fonts>"#,
        #"<fills count="2"><fill><patternFill patternType="none"/></fill>"#,
        #"<fill><patternFill patternType="gray125"/></fill></fills>"#,
        #"<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"#,
        #"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#,
        #"<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>"#,
        #"<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>"#,
        #"<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>"#,
    ].joined()
}
