import Foundation

/// JSON Lines: one object per row, keys in column order, counts as numbers, a decimal as a JSON
/// number written with the record's own digits, a blank as `null`; UTF-8, every character as itself.
struct JSONLinesWriter {
    private(set) var bytes: [UInt8] = []

    /// Appends one object of `keys` and `values` (same length) and a newline.
    mutating func append(keys: [String], values: [SummaryTable.Value]) {
        bytes.append(UInt8(ascii: "{"))
        for (index, (key, value)) in zip(keys, values).enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            appendString(key)
            bytes.append(UInt8(ascii: ":"))
            switch value {
            case .blank: bytes += "null".utf8
            case .text(let text): appendString(text)
            case .integer(let number): bytes += String(number).utf8
            case .decimal(let decimal): bytes += decimal.utf8
            }
        }
        bytes += "}\n".utf8
    }

    /// A JSON string: quotes, backslashes and control characters escaped, everything else as itself.
    private mutating func appendString(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes += "\\\"".utf8
            case UInt8(ascii: "\\"): bytes += "\\\\".utf8
            case 0..<0x20: bytes += String(format: "\\u%04x", byte).utf8
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
