#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension StringProtocol {
    /// Whether the text contains `needle`, compared byte for byte in UTF-8 (no locale, no folding:
    /// the text is already normalised). Much faster than Foundation's `contains`.
    func containsBytes(of needle: String) -> Bool {
        var needle = needle
        return needle.withUTF8 { pattern in
            let found = utf8.withContiguousStorageIfAvailable { text in
                Self.search(text, for: pattern)
            }
            return found ?? String(self).containsBytes(of: String(decoding: pattern, as: UTF8.self))
        }
    }

    private static func search(_ text: UnsafeBufferPointer<UInt8>, for pattern: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = pattern.first else { return true }
        guard text.count >= pattern.count, let base = text.baseAddress, let needle = pattern.baseAddress else {
            return false
        }
        let last = text.count - pattern.count
        var offset = 0
        while offset <= last {
            guard let hit = memchr(base + offset, Int32(first), last - offset + 1) else { return false }
            let position = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            if memcmp(base + position, needle, pattern.count) == 0 { return true }
            offset = position + 1
        }
        return false
    }

    /// The text without leading and trailing white space (spaces, tabs, line breaks, 全角空格).
    var trimmed: SubSequence {
        let scalars = unicodeScalars
        guard let start = scalars.firstIndex(where: { !$0.isLayoutSpace }) else { return self[endIndex...] }
        let end = scalars.lastIndex(where: { !$0.isLayoutSpace })!
        return self[start...end]
    }
}

extension Unicode.Scalar {
    /// White space as reports use it: ASCII blanks and line breaks, NBSP, 全角空格.
    var isLayoutSpace: Bool {
        switch value {
        case 0x20, 0x09...0x0D, 0xA0, 0x3000: true
        default: false
        }
    }
}
