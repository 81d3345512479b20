/// What a cell holds, as far as tables are concerned: a number, a blank marker, nothing, or words.
enum CellValue: Equatable {
    /// A number, as printed in the cell's text.
    case number(Number)
    /// "/", "-", "—", "无" and the like, or an empty cell among values: read as 0, reported as blank.
    case blank
    /// An empty cell.
    case empty
    /// Anything else: a label, a header, prose.
    case text

    /// The marks offices print in place of a value they leave blank. (None of them has another,
    /// canonically equivalent spelling, so they are compared byte for byte.)
    static let blankMarkers = ["/", "-", "—", "——", "无", "\\", "－", "–", "/ "]

    /// The length of the longest blank marker in UTF-8.
    private static let longestBlankMarker = blankMarkers.map(\.utf8.count).max()!

    /// The value of the UTF-8 text `text`.
    init(_ text: UnsafeBufferPointer<UInt8>) {
        if text.isEmpty {
            self = .empty
        } else if let number = Number(text) {
            self = .number(number)
        } else if text.count <= Self.longestBlankMarker,
            Self.blankMarkers.contains(where: { marker in marker.withUTF8Bytes { $0.elementsEqual(text) } })
        {
            self = .blank
        } else {
            self = .text
        }
    }

    /// Whether `text` is a number (not a blank marker).
    static func isNumeral(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        Number(text) != nil
    }

    /// A number printed as `[+-]digits[,ddd…][.digits]`: its sign, and where its digits are.
    struct Number: Equatable {
        var negative = false
        /// The UTF-8 offsets of the integer digits in the cell's text, thousands separators included.
        var integer: Range<Int>
        /// The UTF-8 offsets of the fraction digits, after the point.
        var fraction: Range<Int>

        init?(_ text: UnsafeBufferPointer<UInt8>) {
            var index = 0
            if let first = text.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
                negative = first == UInt8(ascii: "-")
                index = 1
            }
            let integerStart = index
            var sawDigit = false
            var sawSeparator = false
            var groupLength = 0
            while index < text.count {
                let byte = text[index]
                if Self.isDigit(byte) {
                    sawDigit = true
                    groupLength += 1
                } else if byte == UInt8(ascii: ",") && sawDigit && (!sawSeparator || groupLength == 3) {
                    sawSeparator = true
                    groupLength = 0
                } else {
                    break
                }
                index += 1
            }
            guard sawDigit, !sawSeparator || groupLength == 3 else { return nil }
            integer = integerStart..<index
            var fractionStart = index
            if index < text.count && text[index] == UInt8(ascii: ".") {
                index += 1
                fractionStart = index
                while index < text.count, Self.isDigit(text[index]) { index += 1 }
                guard index > fractionStart else { return nil }
            }
            guard index == text.count else { return nil }
            fraction = fractionStart..<index
        }

        private static func isDigit(_ byte: UInt8) -> Bool {
            byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
        }
    }

    /// Whether the cell takes a value slot in a table row.
    var isValue: Bool {
        switch self {
        case .number, .blank: true
        case .empty, .text: false
        }
    }
}
