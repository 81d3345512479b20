/// Page numbers that PDFs and their transcriptions print between rows and paragraphs (`-3-`,
/// `- 3 -`, `— 3 —`, `第3页`, `第 3 页 共 10 页`): never content, neither a table value nor a
/// section's prose.
enum PageFurniture {
    /// Whether `text` (a whole cell or line) is a page number and nothing else.
    static func isPageNumber<S: StringProtocol>(_ text: S) -> Bool {
        text.withUTF8Bytes { bytes in
            guard bytes.trimmedBounds(0..<bytes.count).count <= 40,
                bytes.contains(where: { (0x30...0x39).contains($0) })
            else { return false }
            let key = Array(LabelKey.of(String(decoding: bytes, as: UTF8.self)).unicodeScalars)
            guard let firstDigit = key.firstIndex(where: isDigit) else { return false }
            let digitsEnd = key[firstDigit...].firstIndex { !isDigit($0) } ?? key.endIndex
            let before = key[..<firstDigit]
            var after = key[digitsEnd...]
            if before.last == "第" {
                // 第3页, optionally followed by 共10页.
                guard before.count == 1, after.first == "页" else { return false }
                after = after.dropFirst()
                guard !after.isEmpty else { return true }
                guard after.first == "共", case let rest = after.dropFirst(),
                    let end = rest.firstIndex(where: { !isDigit($0) }), end > rest.startIndex
                else { return false }
                return rest[end...].elementsEqual(["页"])
            }
            // -3-, — 3 —: dashes on both sides and nothing else.
            return !before.isEmpty && !after.isEmpty && before.allSatisfy(isDash) && after.allSatisfy(isDash)
        }
    }

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        ("0"..."9").contains(scalar)
    }

    private static func isDash(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "-", "\u{2010}"..."\u{2015}", "\u{2212}", "\u{FF0D}", "\u{2500}", "\u{2501}": true
        default: false
        }
    }
}
