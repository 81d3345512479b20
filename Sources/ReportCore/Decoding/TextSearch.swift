extension StringProtocol {
    /// Calls `body` with the text's UTF-8 bytes, without copying them when the text is stored
    /// contiguously (native strings and their substrings always are).
    package func withUTF8Bytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        if let result = try utf8.withContiguousStorageIfAvailable(body) {
            return result
        }
        var copy = String(self)
        return try copy.withUTF8(body)
    }

    /// Whether the text contains `needle`, compared byte for byte in UTF-8 (no locale, no folding:
    /// the text is already normalised). Much faster than Foundation's `contains`.
    func containsBytes(of needle: String) -> Bool {
        withUTF8Bytes { $0.containsBytes(of: needle) }
    }

    /// The part of the text between two UTF-8 offsets (which must fall on scalar boundaries).
    subscript(utf8Offsets bounds: Range<Int>) -> SubSequence {
        let start = utf8.index(startIndex, offsetBy: bounds.lowerBound)
        return self[start..<utf8.index(start, offsetBy: bounds.count)]
    }

    /// The text without leading and trailing white space (spaces, tabs, line breaks, NBSP, 全角空格).
    var trimmed: SubSequence {
        self[utf8Offsets: withUTF8Bytes { $0.trimmedBounds(0..<$0.count) }]
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
