import Foundation

/// Decodes GB18030 text (which covers GBK and GB2312) as Foundation does, but fast for the text
/// reports are made of: ASCII and two-byte codes are decoded with a table of every two-byte code,
/// which Foundation itself decoded once. Anything else (four-byte codes, bytes that are no code)
/// is left to Foundation, so both ways give the same text.
enum GB18030Decoder {
    /// The text, or `nil` when the bytes are not GB18030.
    static func decode(_ bytes: [UInt8]) -> String? {
        decodeWithTable(bytes) ?? String(data: Data(bytes), encoding: SourceEncoding.foundationGB18030)
    }

    /// The text when it holds only ASCII and two-byte codes that decode to one BMP scalar, else `nil`.
    private static func decodeWithTable(_ bytes: [UInt8]) -> String? {
        let table = twoByteCodes
        return bytes.withUnsafeBufferPointer { source in
            var decoded = true
            // A two-byte code becomes at most three bytes of UTF-8.
            let text = String(unsafeUninitializedCapacity: source.count * 3 / 2 + 1) { utf8 in
                var length = 0
                var index = 0
                while index < source.count {
                    let lead = source[index]
                    if lead < 0x80 {
                        utf8[length] = lead
                        length += 1
                        index += 1
                        continue
                    }
                    guard index + 1 < source.count, let slot = slot(lead: lead, trail: source[index + 1]),
                        case let scalar = table[slot], scalar != 0
                    else {
                        decoded = false
                        return 0
                    }
                    if scalar < 0x800 {
                        utf8[length] = 0xC0 | UInt8(scalar >> 6)
                        utf8[length + 1] = 0x80 | UInt8(scalar & 0x3F)
                        length += 2
                    } else {
                        utf8[length] = 0xE0 | UInt8(scalar >> 12)
                        utf8[length + 1] = 0x80 | UInt8(scalar >> 6 & 0x3F)
                        utf8[length + 2] = 0x80 | UInt8(scalar & 0x3F)
                        length += 3
                    }
                    index += 2
                }
                return length
            }
            return decoded ? text : nil
        }
    }

    /// The position of a two-byte code in `twoByteCodes`: lead byte 0x81…0xFE, trail byte
    /// 0x40…0x7E or 0x80…0xFE.
    private static func slot(lead: UInt8, trail: UInt8) -> Int? {
        guard (0x81...0xFE).contains(lead), (0x40...0xFE).contains(trail), trail != 0x7F else { return nil }
        return Int(lead - 0x81) * 0xBF + Int(trail - 0x40)
    }

    /// For every two-byte code, the BMP scalar Foundation decodes it to, or 0 when it decodes to
    /// something else (no scalar, several, U+FFFD, or one beyond the BMP).
    private static let twoByteCodes: [UInt16] = {
        var table = [UInt16](repeating: 0, count: 0x7E * 0xBF)
        for lead in UInt8(0x81)...0xFE {
            let trails = (UInt8(0x40)...0xFE).filter { $0 != 0x7F }
            // One call per lead byte, each code on its own line; one call per code if that fails.
            let row = decodeLines(trails.map { [lead, $0] })
            for (trail, scalars) in zip(trails, row ?? trails.map { decodeLines([[lead, $0]])?.first ?? [] }) {
                guard scalars.count == 1, let scalar = scalars.first, scalar.value < 0x1_0000, scalar != "\u{FFFD}"
                else { continue }
                table[slot(lead: lead, trail: trail)!] = UInt16(scalar.value)
            }
        }
        return table
    }()

    /// Foundation's decoding of each code in `codes`, or `nil` when it does not decode them one
    /// per line.
    private static func decodeLines(_ codes: [[UInt8]]) -> [[Unicode.Scalar]]? {
        let bytes: [UInt8] = codes.flatMap { $0 + [0x0A] }
        guard let text = String(data: Data(bytes), encoding: SourceEncoding.foundationGB18030) else { return nil }
        let lines = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0) }
        guard lines.count == codes.count + 1 else { return nil }
        return Array(lines.dropLast())
    }
}
