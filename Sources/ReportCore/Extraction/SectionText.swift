import Foundation

/// The prose of a section as the canonical content holds it: NFKC, all whitespace removed, page
/// chrome (扫一扫在手机打开当前页, 打印/关闭 links, 主要负责人签字) left out.
enum SectionText {
    static func of(_ lines: ArraySlice<String>) -> String {
        var text = ""
        for line in lines {
            var scalars = String.UnicodeScalarView()
            scalars.append(contentsOf: line.unicodeScalars.lazy.filter { !$0.isLayoutSpace })
            let key = String(scalars)
            if key.isEmpty || chrome.contains(where: key.containsBytes(of:)) { continue }
            text += key
        }
        return needsCompatibilityMapping(text) ? text.precomposedStringWithCompatibilityMapping : text
    }

    /// Markers of web page furniture that is never part of a report's prose.
    static let chrome = ["扫一扫在手机打开当前页", "主要负责人签字", "【打印】", "【关闭】", "打印本页", "关闭窗口", "【字体"]

    /// NFKC is slow; skip it when every scalar is one that NFKC leaves alone (ASCII, CJK unified
    /// ideographs, the common CJK and general punctuation).
    private static func needsCompatibilityMapping(_ text: String) -> Bool {
        text.unicodeScalars.contains { scalar in
            switch scalar.value {
            case 0x00...0x7F, 0x4E00...0x9FFF, 0x3001...0x3002, 0x3008...0x3011, 0x3014...0x301F,
                0x2010...0x2023, 0x2027, 0x00B7, 0x00D7:
                false
            default:
                true
            }
        }
    }
}
