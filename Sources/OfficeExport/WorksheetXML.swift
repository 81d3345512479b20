/// One worksheet of SpreadsheetML (`xl/worksheets/sheetN.xml`, ECMA-376 part 1, 18.3), written row
/// by row: a header row in bold (style 1), frozen when asked, strings inline, numbers as numbers.
struct WorksheetXML {
    private(set) var bytes: [UInt8] = []
    private var rowNumber = 0
    /// `A`, `B`, … as bytes, made once per column.
    private var columnNames: [[UInt8]] = []

    /// Starts a sheet whose first row stays in view when `freezeHeader`.
    init(freezeHeader: Bool) {
        bytes += #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#.utf8
        bytes += #"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#.utf8
        if freezeHeader {
            bytes += #"<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" "#.utf8
            bytes += #"activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>"#.utf8
        }
        bytes += "<sheetData>".utf8
    }

    /// Appends a row of text cells in bold.
    mutating func appendHeader(_ titles: [String]) {
        appendRow(titles.map(SummaryTable.Value.text), style: 1)
    }

    /// Appends a row; blank values leave their cell out.
    mutating func appendRow(_ values: [SummaryTable.Value], style: Int = 0) {
        rowNumber += 1
        let row = Array(String(rowNumber).utf8)
        while columnNames.count < values.count { columnNames.append(Array(Self.columnName(columnNames.count).utf8)) }
        bytes += "<row r=\"".utf8
        bytes += row
        bytes += "\">".utf8
        let styleAttribute: [UInt8] = style == 0 ? [] : Array(" s=\"\(style)\"".utf8)
        for (column, value) in values.enumerated() {
            if case .blank = value { continue }
            // A cell after a blank one names its place; the others follow the one before (`r` is
            // optional, and leaving it out keeps a 15,000-row sheet a third smaller).
            if column > 0, case .blank = values[column - 1] {
                bytes += "<c r=\"".utf8
                bytes += columnNames[column]
                bytes += row
                bytes.append(UInt8(ascii: "\""))
            } else {
                bytes += "<c".utf8
            }
            bytes += styleAttribute
            switch value {
            case .blank:
                continue
            case .text(let text):
                bytes += " t=\"inlineStr\"><is><t>".utf8
                appendEscaped(text)
                bytes += "</t></is></c>".utf8
            case .integer(let number):
                bytes += "><v>".utf8
                // A small string: no allocation.
                bytes += String(number).utf8
                bytes += "</v></c>".utf8
            case .decimal(let decimal):
                bytes += "><v>".utf8
                appendEscaped(decimal)
                bytes += "</v></c>".utf8
            }
        }
        bytes += "</row>".utf8
    }

    /// Ends the sheet; returns its bytes.
    mutating func finish() -> [UInt8] {
        bytes += "</sheetData></worksheet>".utf8
        return bytes
    }

    /// `A`, `B`, … `Z`, `AA`, … for the 0-based column `index`.
    static func columnName(_ index: Int) -> String {
        var index = index + 1
        var letters: [UInt8] = []
        while index > 0 {
            index -= 1
            letters.append(UInt8(ascii: "A") + UInt8(index % 26))
            index /= 26
        }
        return String(decoding: letters.reversed(), as: UTF8.self)
    }

    /// Text as XML character data: `&`, `<`, `>` escaped; characters XML 1.0 does not allow (controls
    /// other than tab, LF and CR) left out.
    private mutating func appendEscaped(_ text: String) {
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "&"): bytes += "&amp;".utf8
            case UInt8(ascii: "<"): bytes += "&lt;".utf8
            case UInt8(ascii: ">"): bytes += "&gt;".utf8
            case 9, 10, 13: bytes.append(byte)
            case 0..<0x20: continue
            default: bytes.append(byte)
            }
        }
    }
}
