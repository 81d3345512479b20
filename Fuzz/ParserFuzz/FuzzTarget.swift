import Foundation
import ReportCore

/// What one fuzzing run aims at: a single reader, so that its inputs are not spent failing earlier
/// checks of the parse path, or the whole path. Chosen once per process by `FUZZ_TARGET`.
///
/// Each target checks what must hold for any bytes: no crash, no hang, and output bounded by the
/// input. The readers are reached through ReportCore's `package` API, so a release build of every
/// product (no `@testable`) builds this target too.
enum FuzzTarget: String, CaseIterable {
    /// Bytes to text (`DecodedText`: byte-order marks, UTF-8, UTF-16, GB18030) and text to lines
    /// (`TextNormalizer`).
    case decode
    /// Text through layout detection and every text layout reader (`TextLayout`).
    case text
    /// `pdftotext -layout` lines through the spaced-columns splitter (`SpacedColumns`).
    case spaced
    /// An HTML page to extracted text (`HTMLText`, libxml2's HTML parser).
    case html
    /// A .docx file to extracted text (`ZipLocalEntry`, `RawInflate`, `DocxText`, libxml2's XML parser).
    case docx
    /// The whole `ReportParser().parse` path.
    case parse

    /// The targets named by `FUZZ_TARGET` (`decode`, `text`, `spaced`, `html`, `docx`, `parse`), or
    /// all of them, each in turn, when it is unset or `all`; exits on any other value.
    static let selected: [FuzzTarget] = {
        let name = ProcessInfo.processInfo.environment["FUZZ_TARGET"] ?? "all"
        if name == "all" { return allCases }
        guard let target = FuzzTarget(rawValue: name) else {
            let names = allCases.map(\.rawValue).joined(separator: ", ")
            FileHandle.standardError.write(Data("FUZZ_TARGET=\(name): not one of all, \(names)\n".utf8))
            exit(2)
        }
        return [target]
    }()

    /// Runs `bytes` through the target and checks its output.
    func run(_ bytes: [UInt8]) {
        switch self {
        case .decode: Self.decode(bytes)
        case .text: Self.text(bytes)
        case .spaced: Self.spaced(bytes)
        case .html: Self.html(bytes)
        case .docx: Self.docx(bytes)
        case .parse: Self.parse(bytes)
        }
    }

    // MARK: Targets

    private static func decode(_ bytes: [UInt8]) {
        guard let decoded = try? DecodedText(bytes) else { return }
        let utf8 = Array(decoded.text.utf8)
        switch decoded.encoding {
        case .utf8:
            precondition(utf8 == bytes, "UTF-8 is read as it is")
        case .utf8BOM:
            precondition(utf8[...] == bytes.dropFirst(3), "UTF-8 after a byte-order mark is read as it is")
        case .utf16:
            precondition(utf8.count <= (bytes.count - 2) / 2 * 3, "a UTF-16 unit gives at most 3 bytes of UTF-8")
        case .gb18030:
            let foundation = String(data: Data(bytes), encoding: SourceEncoding.foundationGB18030)
            precondition(foundation.map { Array($0.utf8) } == utf8, "GB18030 decodes as Foundation decodes it")
        }
        checkLines(TextNormalizer.lines(of: decoded.text), of: decoded.text)
    }

    private static func text(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        let lines = TextNormalizer.lines(of: text)
        checkLines(lines, of: text)
        _ = TextLayout.detect(lines)
        for layout in [TextLayout.tsv, .cells, .pipe, .markdown, .spaced] {
            checkCells(layout.cells(of: lines[...]), of: lines)
        }
    }

    private static func spaced(_ bytes: [UInt8]) {
        for line in TextNormalizer.lines(of: String(decoding: bytes, as: UTF8.self)) {
            line.withUTF8Bytes { bytes in
                var end = 0
                SpacedColumns.forEachField(of: bytes) { field in
                    checkField(field, in: bytes)
                    precondition(field.lowerBound >= end, "fields are in order and never overlap")
                    // Only white space is left between fields: the splitter loses no text.
                    precondition(bytes[end..<field.lowerBound].allSatisfy(isLayoutSpace), "no text between fields")
                    end = field.upperBound
                }
                precondition(bytes[end...].allSatisfy(isLayoutSpace), "no text after the last field")
                _ = SpacedColumns.isColumnRow(bytes)
            }
        }
    }

    private static func html(_ bytes: [UInt8]) {
        guard let text = try? HTMLText.extract(bytes) else { return }
        // Decoding UTF-16 or GBK to UTF-8 grows text by half at most; the title may be repeated.
        checkExtracted(text, atMost: 4 * bytes.count)
    }

    private static func docx(_ bytes: [UInt8]) {
        guard let entry = ZipLocalEntry(named: "word/document.xml", in: bytes), let xml = checkLimit(of: entry),
            let text = try? DocxText.extract(bytes)
        else { return }
        // An encoding the XML declares may turn one byte into 3 bytes of UTF-8 (windows-1252's €).
        checkExtracted(text, atMost: 3 * xml.count)
        // Entities are not substituted: no attribute the reader reads (`w:val`) is longer than the XML.
        XMLTree.withXML(xml) { root in
            root.walk { step in
                if case .enter(let node) = step {
                    precondition(node.attribute("val").map { $0.utf8.count <= 3 * xml.count } ?? true, "w:val")
                }
                return true
            }
        }
    }

    private static func parse(_ bytes: [UInt8]) {
        switch ReportParser().parse(bytes, sourceName: "fuzz") {
        case .success(let record):
            let cells = record.edition == "2019" ? 212 : 200
            precondition(record.cellValues.count == cells, "a record carries the cells of its edition")
            precondition(!record.jsonBytes().isEmpty, "a record serialises")
        case .failure(let notAReport):
            precondition(!notAReport.reason.isEmpty, "a refusal says why")
        }
    }

    // MARK: Checks

    /// Normalised lines hold no line break, and never more bytes or lines than the text; normalising
    /// them again changes nothing.
    private static func checkLines(_ lines: [String], of text: String) {
        let bytes = lines.reduce(0) { $0 + $1.utf8.count }
        precondition(bytes <= text.utf8.count && lines.count <= text.utf8.count, "normalising adds no text")
        precondition(!lines.contains { $0.utf8.contains(0x0A) || $0.utf8.contains(0x0D) }, "lines hold no break")
        guard !lines.isEmpty else { return }
        precondition(TextNormalizer.lines(of: lines.joined(separator: "\n") + "\n") == lines, "normalised twice")
    }

    /// Each cell lies in its own line on scalar boundaries, rows never go back, and a line gives at
    /// most one cell per byte and one more.
    private static func checkCells(_ cells: [Cell], of lines: [String]) {
        var row = Int.min
        for cell in cells {
            precondition(lines.indices.contains(cell.line - 1) && cell.source == lines[cell.line - 1], "cell's line")
            cell.source.withUTF8Bytes { checkField(cell.bounds, in: $0) }
            precondition(cell.row >= row, "rows never go back")
            row = cell.row
            _ = cell.text
        }
        precondition(cells.count <= lines.reduce(0) { $0 + $1.utf8.count + 1 }, "cells are bounded by the text")
    }

    /// `field` lies within `bytes` and starts and ends on scalar boundaries.
    private static func checkField(_ field: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>) {
        precondition(field.lowerBound >= 0 && field.upperBound <= bytes.count, "a field lies within its line")
        let isBoundary = { (index: Int) in index == bytes.count || bytes[index] & 0xC0 != 0x80 }
        precondition(isBoundary(field.lowerBound) && isBoundary(field.upperBound), "a field is whole scalars")
    }

    private static func isLayoutSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (0x09...0x0D).contains(byte)
    }

    /// Extracted text (HTML, .docx): at most `limit` bytes, no empty line, no line with white space
    /// at either end other than the tab of an empty cell; it reads as tab-separated rows.
    private static func checkExtracted(_ text: String, atMost limit: Int) {
        precondition(text.utf8.count <= limit, "extracted text is bounded by the input")
        guard !text.isEmpty else { return }
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            precondition(!line.isEmpty, "no empty line")
            let ends = [line.unicodeScalars.first!, line.unicodeScalars.last!]
            precondition(ends.allSatisfy { $0 == "\t" || !$0.properties.isWhitespace }, "lines are trimmed")
        }
        let lines = TextNormalizer.lines(of: text)
        checkCells(TextLayout.tsv.cells(of: lines[...]), of: lines)
    }

    /// The .docx reader's cap is exact: what inflates within it gives the same bytes at exactly its
    /// size, and is refused as too large one byte below.
    /// - Returns: the entry's contents within the cap, if they inflate.
    private static func checkLimit(of entry: ZipLocalEntry) -> [UInt8]? {
        guard let xml = try? entry.contents(limit: DocxText.maximumDocumentSize) else { return nil }
        precondition(xml.count <= DocxText.maximumDocumentSize, "the cap holds")
        precondition((try? entry.contents(limit: xml.count)) == xml, "the same bytes at exactly their size")
        guard !xml.isEmpty else { return xml }
        do {
            _ = try entry.contents(limit: xml.count - 1)
            preconditionFailure("read beyond the limit")
        } catch .tooLarge {
        } catch {
            preconditionFailure("not refused as too large below its size")
        }
        return xml
    }
}
