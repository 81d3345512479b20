import Testing

@testable import ReportCore

/// `LabelKey` works on UTF-8 bytes; these check it against the `Character`-based reading it must
/// agree with, on numbering with combining marks and compatibility forms mixed in.
struct LabelKeyTests {
    /// The numbering strip as first written, on `Character`s: the reference.
    static func referenceStrippingNumbering(_ key: String) -> Substring {
        let numerals: Set<Character> = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]
        var rest = Substring(key)
        while true {
            if let first = rest.first, numerals.contains(first) {
                let afterNumeral = rest.drop { numerals.contains($0) }
                if let separator = afterNumeral.first, separator == "、" || separator == "." {
                    rest = afterNumeral.dropFirst()
                    continue
                }
            }
            if rest.first == "(" {
                let inner = rest.dropFirst().prefix { numerals.contains($0) || $0.isASCII && $0.isNumber }
                if !inner.isEmpty, rest.dropFirst(1 + inner.count).first == ")" {
                    rest = rest.dropFirst(2 + inner.count)
                    continue
                }
            }
            let digits = rest.prefix { $0.isASCII && $0.isNumber }
            if !digits.isEmpty, let separator = rest.dropFirst(digits.count).first, "、.".contains(separator) {
                rest = rest.dropFirst(digits.count + 1)
                continue
            }
            return rest
        }
    }

    static let keys = [
        "一、总体情况", "二.主动公开", "(三)不予公开", "(12)其他", "3.其他", "2、重复申请", "一、(二)3.总计", "十一、其他",
        "一\u{301}、总体情况", "一、\u{301}总体情况", "(三\u{301})其他", "(三)\u{301}其他", "3\u{301}.其他", "3.\u{301}其他",
        "\u{F9D1}、其他", "(\u{F9D1})其他", "(\u{0600}3)其他", "\u{0600}3.其他", "、其他", "()其他", "(一)", "1.", "",
        "(一二3)其他", "1.2.3、其他", "2024年", "(😀)其他", "e\u{301}、其他",
    ]

    /// Headings and labels as OpenCC's s2t writes them in a traditional copy fold to the template's words.
    @Test(arguments: [
        ("四、政府信息公開行政複議、行政訴訟情況", "四、政府信息公开行政复议、行政诉讼情况"),
        ("本年度制發行政規範性文件62件，廢止33件", "本年度制发行政规范性文件62件，废止33件"),
        ("1.屬於國家祕密", "1.属于国家秘密"), ("(一)予以公開", "(一)予以公开"), ("減少", "减少"),
    ])
    func traditionalFormsFoldToTheTemplatesWords(traditional: String, simplified: String) {
        #expect(LabelKey.of(traditional) == LabelKey.of(simplified))
        #expect(LabelKey.of(traditional).unicodeScalars.allSatisfy { !"複規範屬於國祕開減".unicodeScalars.contains($0) })
    }

    @Test(arguments: keys)
    func stripsNumberingAsCharactersDo(_ key: String) {
        #expect(Array(LabelKey.strippingNumbering(key).utf8) == Array(Self.referenceStrippingNumbering(key).utf8))
    }
}
