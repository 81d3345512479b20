import Foundation

/// The prose of a section as the canonical content holds it: NFKC, all whitespace removed, page
/// chrome (扫一扫在手机打开当前页, 打印/关闭 links, 主要负责人签字) and page numbers left out.
enum SectionText {
    static func of(_ lines: ArraySlice<String>) -> String {
        var text: [UInt8] = []
        var key: [UInt8] = []
        for line in lines where !PageFurniture.isPageNumber(line) {
            key.removeAll(keepingCapacity: true)
            line.withUTF8Bytes { bytes in
                // Copies the runs between layout spaces.
                var start = 0
                var index = 0
                while index < bytes.count {
                    if (0xE4...0xE9).contains(bytes[index]) {
                        index += 3  // a CJK ideograph, never a space
                        continue
                    }
                    let width = bytes.layoutSpaceWidth(at: index)
                    guard width > 0 else {
                        index += 1
                        continue
                    }
                    key.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
                    index += width
                    start = index
                }
                key.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
            }
            let isChrome = key.withUnsafeBufferPointer { key in
                chrome.contains { marker in marker.withUTF8Bytes { key.containsBytes(of: $0) } }
            }
            if !isChrome { text += key }
        }
        let joined = String(decoding: text, as: UTF8.self)
        return needsCompatibilityMapping(text) ? joined.precomposedStringWithCompatibilityMapping : joined
    }

    /// Markers of web page furniture that is never part of a report's prose.
    static let chrome = ["扫一扫在手机打开当前页", "主要负责人签字", "【打印】", "【关闭】", "打印本页", "关闭窗口", "【字体"]

    /// NFKC is slow; skip it when every scalar is one that NFKC leaves alone (ASCII, CJK unified
    /// ideographs, the common CJK and general punctuation).
    private static func needsCompatibilityMapping(_ text: [UInt8]) -> Bool {
        text.withUnsafeBufferPointer { text in
            var index = 0
            while index < text.count {
                if text[index] >= 0x80 {
                    switch text.scalar(at: index).value {
                    case 0x4E00...0x9FFF, 0x3001...0x3002, 0x3008...0x3011, 0x3014...0x301F, 0x2010...0x2023, 0x2027,
                        0x00B7, 0x00D7:
                        break
                    default:
                        return true
                    }
                }
                index += UTF8.scalarWidth(lead: text[index])
            }
            return false
        }
    }
}
