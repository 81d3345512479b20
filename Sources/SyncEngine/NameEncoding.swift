import Foundation
import SystemPackage

/// How an event's `source.name` spells a file name that is not UTF-8 (`source.nameEncoding`; absent for a
/// UTF-8 name, which is written as it is).
///
/// File names are bytes. Windows clients, Samba shares and zip files made on Windows write GB18030 (GBK)
/// names; other names are valid in no encoding at all. Every one is a file to ingest, and its spelling
/// gives back its bytes exactly (``bytes(of:in:)``), so the name and its encoding identify the file.
public enum NameEncoding: String, Codable, Sendable {
    /// The bytes are GB18030 (which covers GBK and GB2312): `source.name` is their decoding.
    case gb18030
    /// The bytes are neither UTF-8 nor GB18030: each byte that is not part of valid UTF-8 is written
    /// `%XX` (upper-case hex), and so is `%` itself (`%25`), so that the spelling reads back unambiguously.
    case bytes

    /// `source.name` and `source.nameEncoding` for a name made of `bytes`.
    public static func spelling(of bytes: [UInt8]) -> (name: String, encoding: NameEncoding?) {
        if let name = String(validating: bytes, as: UTF8.self) { return (name, nil) }
        if let name = gb18030Decoding(of: bytes) { return (name, .gb18030) }
        return (percentEscaping(bytes), .bytes)
    }

    /// The bytes of the name that `name` spells in `encoding` (`nil`: UTF-8). A spelling the daemon did
    /// not write (a `%` not followed by two hex digits, text GB18030 cannot encode) is read as UTF-8.
    public static func bytes(of name: String, in encoding: NameEncoding?) -> [UInt8] {
        switch encoding {
        case nil: Array(name.utf8)
        case .gb18030?: name.data(using: foundationGB18030).map(Array.init) ?? Array(name.utf8)
        case .bytes?: percentUnescaping(name) ?? Array(name.utf8)
        }
    }

    /// Foundation's GB 18030-2000 encoding (GBK and GB2312 bytes decode as it too), as ReportCore reads
    /// file contents.
    private static let foundationGB18030 = String.Encoding(rawValue: 0x8000_0632)

    /// The GB18030 text of `bytes`, when they are GB18030 and the text encodes back to them: a decoder may
    /// map a byte that is no GB18030 code to a character (0x80 to €), which must not spell a name.
    private static func gb18030Decoding(of bytes: [UInt8]) -> String? {
        guard let text = String(data: Data(bytes), encoding: foundationGB18030),
            text.data(using: foundationGB18030).map(Array.init) == bytes
        else { return nil }
        return text
    }

    /// `bytes` with every byte outside valid UTF-8, and every `%`, written `%XX`.
    private static func percentEscaping(_ bytes: [UInt8]) -> String {
        var name = ""
        var parser = Unicode.UTF8.ForwardParser()
        var input = bytes.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &input) {
            case .valid(let encoded):
                let scalar = Unicode.UTF8.decode(encoded)
                if scalar == "%" { name += escaped(UInt8(ascii: "%")) } else { name.unicodeScalars.append(scalar) }
                offset += encoded.count
            case .error(let length):
                for byte in bytes[offset..<offset + length] { name += escaped(byte) }
                offset += length
            case .emptyInput:
                return name
            }
        }
    }

    private static func escaped(_ byte: UInt8) -> String {
        "%" + (byte < 0x10 ? "0" : "") + String(byte, radix: 16, uppercase: true)
    }

    /// The bytes `name` spells with `%XX` escapes; `nil` when a `%` is not followed by two hex digits.
    private static func percentUnescaping(_ name: String) -> [UInt8]? {
        var bytes: [UInt8] = []
        var utf8 = name.utf8.makeIterator()
        while let byte = utf8.next() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard let high = utf8.next().flatMap(hexValue), let low = utf8.next().flatMap(hexValue) else { return nil }
            bytes.append(high << 4 | low)
        }
        return bytes
    }

    private static func hexValue(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        default: nil
        }
    }
}

extension FilePath {
    /// The path as an event's `source.name` spells it (see ``NameEncoding``): for log lines and error
    /// messages, which name a file the way the change log does.
    var spelling: String {
        NameEncoding.spelling(of: bytes).name
    }
}
