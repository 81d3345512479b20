/// Folds what varies without meaning in report text, before any layout is read: full-width ASCII
/// (digits, letters, punctuation) to ASCII, 全角空格 / NBSP / other spaces to a plain space, zero-width
/// characters away, and CRLF or lone CR to LF. Line numbers are kept: line *n* of the result is line
/// *n* of the decoded text.
enum TextNormalizer {
    /// The normalised text split into lines (without their terminators).
    static func lines(of text: String) -> [String] {
        var text = text
        return text.withUTF8 { source in
            var lines: [String] = []
            var line: [UInt8] = []
            line.reserveCapacity(256)
            var index = 0
            let count = source.count
            while index < count {
                let byte = source[index]
                switch byte {
                case 0x0A:
                    lines.append(String(decoding: line, as: UTF8.self))
                    line.removeAll(keepingCapacity: true)
                    index += 1
                case 0x0D:
                    lines.append(String(decoding: line, as: UTF8.self))
                    line.removeAll(keepingCapacity: true)
                    index += (index + 1 < count && source[index + 1] == 0x0A) ? 2 : 1
                case 0xC2 where index + 1 < count && source[index + 1] == 0xA0:
                    line.append(0x20)  // U+00A0 NO-BREAK SPACE
                    index += 2
                case 0xE2 where index + 2 < count && source[index + 1] == 0x80:
                    let third = source[index + 2]
                    if (0x80...0x8A).contains(third) || third == 0xAF {
                        line.append(0x20)  // U+2000…U+200A, U+202F: spaces of other widths
                    } else if !(0x8B...0x8D).contains(third) {
                        line.append(contentsOf: source[index..<index + 3])  // U+200B…U+200D are dropped
                    }
                    index += 3
                case 0xE3 where index + 2 < count && source[index + 1] == 0x80 && source[index + 2] == 0x80:
                    line.append(0x20)  // U+3000 IDEOGRAPHIC SPACE
                    index += 3
                case 0xEF where index + 2 < count:
                    let second = source[index + 1]
                    let third = source[index + 2]
                    if second == 0xBC && third >= 0x81 {
                        line.append(third - 0x81 + 0x21)  // U+FF01…U+FF3F → '!'…'_'
                    } else if second == 0xBD && third <= 0x9E {
                        line.append(third - 0x80 + 0x60)  // U+FF40…U+FF5E → '`'…'~'
                    } else if !(second == 0xBB && third == 0xBF) {
                        line.append(contentsOf: source[index..<index + 3])  // U+FEFF (a stray BOM) is dropped
                    }
                    index += 3
                default:
                    line.append(byte)
                    index += 1
                }
            }
            if !line.isEmpty {
                lines.append(String(decoding: line, as: UTF8.self))
            }
            return lines
        }
    }
}
