/// What a cell holds, as far as tables are concerned: a number, a blank marker, nothing, or words.
enum CellValue: Equatable {
    /// A number as printed: sign, integer digits and fraction digits (thousands separators removed).
    case number(negative: Bool, integer: Substring, fraction: Substring)
    /// "/", "-", "—", "无" and the like, or an empty cell among values: read as 0, reported as blank.
    case blank
    /// An empty cell.
    case empty
    /// Anything else: a label, a header, prose.
    case text

    /// The marks offices print in place of a value they leave blank.
    static let blankMarkers: Set<Substring> = ["/", "-", "—", "——", "无", "\\", "－", "–", "/ "]

    init(_ text: Substring) {
        if text.isEmpty {
            self = .empty
        } else if Self.blankMarkers.contains(text) {
            self = .blank
        } else if let number = Self.parseNumber(text) {
            self = number
        } else {
            self = .text
        }
    }

    /// Whether `text` is a number (not a blank marker).
    static func isNumeral(_ text: Substring) -> Bool {
        parseNumber(text) != nil
    }

    /// Parses `[+-]digits[,ddd…][.digits]`.
    private static func parseNumber(_ text: Substring) -> CellValue? {
        let utf8 = text.utf8
        var index = utf8.startIndex
        var negative = false
        if let first = utf8.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
            negative = first == UInt8(ascii: "-")
            index = utf8.index(after: index)
        }
        let integerStart = index
        var sawDigit = false
        var sawSeparator = false
        var groupLength = 0
        while index < utf8.endIndex {
            let byte = utf8[index]
            if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                sawDigit = true
                groupLength += 1
            } else if byte == UInt8(ascii: ",") && sawDigit && (!sawSeparator || groupLength == 3) {
                sawSeparator = true
                groupLength = 0
            } else {
                break
            }
            index = utf8.index(after: index)
        }
        guard sawDigit, !sawSeparator || groupLength == 3 else { return nil }
        let integerEnd = index
        var fractionStart = index
        if index < utf8.endIndex && utf8[index] == UInt8(ascii: ".") {
            index = utf8.index(after: index)
            fractionStart = index
            while index < utf8.endIndex, utf8[index] >= UInt8(ascii: "0"), utf8[index] <= UInt8(ascii: "9") {
                index = utf8.index(after: index)
            }
            guard index > fractionStart else { return nil }
        }
        guard index == utf8.endIndex else { return nil }
        var integer = Substring(text[integerStart..<integerEnd])
        if sawSeparator { integer = Substring(integer.filter { $0 != "," }) }
        return .number(negative: negative, integer: integer, fraction: text[fractionStart..<index])
    }

    /// Whether the cell takes a value slot in a table row.
    var isValue: Bool {
        switch self {
        case .number, .blank: true
        case .empty, .text: false
        }
    }
}
