import Foundation

/// The character encodings reports arrive in, detected from the bytes alone.
package enum SourceEncoding: String, Sendable {
    case utf8 = "utf-8"
    case utf8BOM = "utf-8-bom"
    case utf16 = "utf-16"
    case gb18030 = "gb18030"

    /// Foundation's GB 18030-2000 encoding; GBK and GB2312 bytes decode as it too.
    package static let foundationGB18030 = String.Encoding(rawValue: 0x8000_0632)
}

/// Text decoded from a file's bytes, with the encoding it was in.
package struct DecodedText {
    package var text: String
    package var encoding: SourceEncoding

    /// Decodes `bytes` by their byte-order mark, else as UTF-8 when they are valid UTF-8, else as
    /// GB18030 (which also covers GBK and GB2312). Never guesses from a file name.
    package init(_ bytes: [UInt8]) throws(NotAReport) {
        if bytes.allSatisfy({ $0 == 0x20 || (0x09...0x0D).contains($0) }) {
            throw NotAReport(.empty, bytes.isEmpty ? "the file is empty" : "the file holds only whitespace")
        }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            guard let text = String(validating: bytes.dropFirst(3), as: UTF8.self) else {
                throw NotAReport(.binary, "the file starts with a UTF-8 byte-order mark but is not valid UTF-8")
            }
            self.init(text: text, encoding: .utf8BOM)
        } else if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            let encoding: String.Encoding = bytes[0] == 0xFF ? .utf16LittleEndian : .utf16BigEndian
            guard bytes.count % 2 == 0, let text = String(data: Data(bytes.dropFirst(2)), encoding: encoding) else {
                throw NotAReport(.binary, "the file starts with a UTF-16 byte-order mark but is not valid UTF-16")
            }
            self.init(text: text, encoding: .utf16)
        } else if bytes.withUnsafeBufferPointer({ $0.containsBytes(of: "\0") }) {
            throw NotAReport(.binary, "the file holds NUL bytes: it is binary, not text")
        } else if let text = String(validating: bytes, as: UTF8.self) {
            self.init(text: text, encoding: .utf8)
        } else if let text = GB18030Decoder.decode(bytes) {
            self.init(text: text, encoding: .gb18030)
        } else {
            throw NotAReport(.binary, "the bytes are neither UTF-8, UTF-16 nor GB18030/GBK text")
        }
        try Self.refuseControlCharacters(in: text)
    }

    private init(text: String, encoding: SourceEncoding) {
        self.text = text
        self.encoding = encoding
    }

    /// The number of bytes below 0x20 other than tab, line feed, form feed and carriage return.
    private static func controlCount(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var count = 0
        for byte in bytes {
            // Counted without a branch: nearly every byte is no control character.
            let isControl = (byte < 0x20) && (byte != 0x09) && (byte != 0x0A) && (byte != 0x0C) && (byte != 0x0D)
            count &+= isControl ? 1 : 0
        }
        return count
    }

    /// Text decoders accept control bytes; a file that is more than 1% control characters is binary.
    private static func refuseControlCharacters(in text: String) throws(NotAReport) {
        let (controls, total) = text.withUTF8Bytes { bytes in (controlCount(bytes), bytes.count) }
        if controls * 100 > total {
            throw NotAReport(.binary, "\(controls) of \(total) bytes are control characters: the file is binary")
        }
    }
}
