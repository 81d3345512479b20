import Testing

@testable import ReportCore

/// The year in a title and the request count in 总体情况 are found on UTF-8 bytes; these check
/// them against the `Character`-based searches they replace, with combining marks, prepended marks
/// and compatibility forms around the words.
struct CharacterSearchTests {
    /// The year search as first written, on `Character`s: the reference.
    static func referenceYear(in key: String) -> Int? {
        var searchStart = key.startIndex
        while let marker = key[searchStart...].firstIndex(of: "年") {
            let digits = key[..<marker].reversed().prefix { $0.isASCII && $0.isNumber }
            if digits.count == 4, let year = Int(String(digits.reversed())), (2000...2100).contains(year) {
                return year
            }
            searchStart = key.index(after: marker)
        }
        return nil
    }

    /// The request count search as first written, on `Character`s: the reference.
    static func referenceNarrative(_ lines: [String]) -> (count: String, line: Int)? {
        for (index, line) in lines.enumerated() {
            let key = Array(LabelKey.of(line))
            var position = 0
            while let found = (position..<max(position, key.count - 1)).first(where: {
                key[$0] == "申" && key[$0 + 1] == "请"
            }) {
                position = found + 2
                let before = String(key[max(0, found - 24)..<found])
                guard ["收到", "受理", "新收"].contains(where: before.containsBytes(of:)) else { continue }
                var start = found + 2
                while start < key.count, "共数总量为公开".contains(key[start]) { start += 1 }
                let digits = key[start...].prefix { $0.isASCII && $0.isNumber }
                if !digits.isEmpty, start + digits.count < key.count, "件个条".contains(key[start + digits.count]) {
                    let significant = String(digits.drop { $0 == "0" })
                    return (significant.isEmpty ? "0" : significant, index + 1)
                }
                if ["未收到", "没有收到", "未受理"].contains(where: before.containsBytes(of:)) {
                    return ("0", index + 1)
                }
            }
        }
        return nil
    }

    static let titles = [
        "青山区人民政府2024年政府信息公开工作年度报告", "2024年", "12024年2023年", "1999年2024年", "年2024年", "2024",
        "2024\u{F98E}度", "2024\u{301}年", "2024年\u{301}2023年", "\u{0600}2024年", "a\u{0600}2024年2025年", "２０２４年",
        "2024\u{200D}年", "e\u{301}2024年", "",
    ]

    @Test(arguments: titles)
    func findsTheYearAsCharactersDo(_ key: String) {
        #expect(Identity.firstYear(in: key) == Self.referenceYear(in: key))
    }

    static let overviews: [[String]] = [
        ["（二）依申请公开情况。2024年，共收到政府信息公开申请13件。"],
        ["全年共受理依申请公开1件"], ["本年度未收到政府信息公开申请。"], ["收到申请\u{301}12件", "新收申请3件"],
        ["收到申\u{301}请12件"], ["收到\u{0600}申请12件"], ["收到申请共\u{F97E}12件"], ["收到申请1234567890件", "收到申请7条"], ["收到申请0012件"],
        ["收到申请1000000000000000000000000000000件"],
        ["收到申请申请5个"], ["申请", "收到申请"], ["没有收到申请，也没有受理申请"],
    ]

    @Test(arguments: overviews)
    func findsTheRequestCountAsCharactersDo(_ lines: [String]) {
        let found = NarrativeCount(overview: lines[...])
        let expected = Self.referenceNarrative(lines)
        #expect(found?.count == expected?.count)
        #expect(found?.line == expected?.line)
    }
}
