import Crypto
import Foundation

/// The canonical content of a report and its hash: equal for the same report in any layout or
/// encoding, different when one cell or one sentence changes.
///
/// The canonical content is one JSON object of `agency`, `year`, `active`, `requests`, `reviews` and
/// `sections`, serialised with sorted keys and no spaces, as UTF-8.
struct CanonicalContent: Encodable {
    var agency: String
    var year: Int
    var active: ActiveDisclosure
    var requests: Requests
    var reviews: Reviews
    var sections: Record.Sections

    /// The canonical JSON bytes.
    var bytes: Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Plain strings and integers always encode.
        return try! encoder.encode(self)
    }

    /// `sha256:<64 hex>` of the canonical bytes.
    var hash: String {
        "sha256:" + SHA256.hash(data: bytes).hexString
    }
}

extension Sequence<UInt8> {
    /// Lower-case hexadecimal digits.
    var hexString: String {
        var text = ""
        for byte in self {
            text += String(byte >> 4, radix: 16) + String(byte & 0x0F, radix: 16)
        }
        return text
    }
}
