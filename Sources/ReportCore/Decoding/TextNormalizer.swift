/// Folds what varies without meaning in report text, before any layout is read: full-width ASCII
/// (digits, letters, punctuation) to ASCII, 全角空格 / NBSP / other spaces to a plain space, zero-width
/// characters away, and CRLF or lone CR to LF. Line numbers are kept: line *n* of the result is line
/// *n* of the decoded text.
package enum TextNormalizer {
    /// The normalised text split into lines (without their terminators).
    package static func lines(of text: String) -> [String] {
        text.withUTF8Bytes { source in
            var lines: [String] = []
            lines.reserveCapacity(source.count / 16)
            // The line being read is `line` (what was rewritten so far) + `source[start..<index]`.
            var line: [UInt8] = []
            line.reserveCapacity(256)
            var start = 0
            var index = 0
            let count = source.count

            /// Moves the bytes read since `start` into `line`, followed by `replacement`.
            func rewrite(skipping width: Int, with replacement: UInt8?) {
                line.append(contentsOf: UnsafeBufferPointer(rebasing: source[start..<index]))
                if let replacement { line.append(replacement) }
                index += width
                start = index
            }

            func endLine(skipping width: Int) {
                if line.isEmpty {
                    lines.append(String(decoding: UnsafeBufferPointer(rebasing: source[start..<index]), as: UTF8.self))
                } else {
                    rewrite(skipping: 0, with: nil)
                    lines.append(String(decoding: line, as: UTF8.self))
                    line.removeAll(keepingCapacity: true)
                }
                index += width
                start = index
            }

            while index < count {
                let byte = source[index]
                if (0xE4...0xE9).contains(byte) {
                    index += 3  // a CJK ideograph: nothing to fold
                    continue
                }
                if (0x20..<0xC2).contains(byte) {
                    index += 1  // printable ASCII, or the rest of a character read byte by byte below
                    continue
                }
                switch byte {
                case 0x0A:
                    endLine(skipping: 1)
                case 0x0D:
                    endLine(skipping: index + 1 < count && source[index + 1] == 0x0A ? 2 : 1)
                case 0xC2 where index + 1 < count && source[index + 1] == 0xA0:
                    rewrite(skipping: 2, with: 0x20)  // U+00A0 NO-BREAK SPACE
                case 0xE2 where index + 2 < count && source[index + 1] == 0x80:
                    let third = source[index + 2]
                    if (0x80...0x8A).contains(third) || third == 0xAF {
                        rewrite(skipping: 3, with: 0x20)  // U+2000…U+200A, U+202F: spaces of other widths
                    } else if (0x8B...0x8D).contains(third) {
                        rewrite(skipping: 3, with: nil)  // U+200B…U+200D are dropped
                    } else {
                        index += 3
                    }
                case 0xE3 where index + 2 < count && source[index + 1] == 0x80 && source[index + 2] == 0x80:
                    rewrite(skipping: 3, with: 0x20)  // U+3000 IDEOGRAPHIC SPACE
                case 0xEF where index + 2 < count:
                    let second = source[index + 1]
                    let third = source[index + 2]
                    if second == 0xBC && third >= 0x81 {
                        rewrite(skipping: 3, with: third - 0x81 + 0x21)  // U+FF01…U+FF3F → '!'…'_'
                    } else if second == 0xBD && third <= 0x9E {
                        rewrite(skipping: 3, with: third - 0x80 + 0x60)  // U+FF40…U+FF5E → '`'…'~'
                    } else if second == 0xBB && third == 0xBF {
                        rewrite(skipping: 3, with: nil)  // U+FEFF (a stray BOM) is dropped
                    } else {
                        index += 3
                    }
                default:
                    index += 1
                }
            }
            if start < count || !line.isEmpty {
                endLine(skipping: 0)
            }
            return lines
        }
    }
}
