/// The number of requests that the 总体情况 prose says were received, with the line saying it.
struct NarrativeCount: Equatable {
    /// The count as decimal digits without leading zeros: a claim too large for any integer type (a
    /// report stating 10^30 requests) still disagrees with table 3 rather than going unread.
    var count: String
    var line: Int

    /// Finds statements like 收到政府信息公开申请13件, 共受理依申请公开1件 or 未收到…申请.
    init?(overview lines: ArraySlice<String>) {
        for (index, line) in zip(lines.indices, lines) {
            // Cheap test first: most lines do not mention 申请.
            guard LabelKey.withKey(of: line, { $0.containsBytes(of: "申请") }) else { continue }
            let key = LabelKey.of(line)
            var position = 0
            while let found = key.withUTF8Bytes({ $0.firstCharacterRange(of: "申请", from: position) }) {
                position = found.upperBound
                let request = key.utf8.index(key.startIndex, offsetBy: found.lowerBound)
                let before = key[
                    (key.index(request, offsetBy: -24, limitedBy: key.startIndex) ?? key.startIndex)..<request
                ]
                guard ["收到", "受理", "新收"].contains(where: before.containsBytes(of:)) else { continue }
                if let count = Self.count(after: key.utf8.index(key.startIndex, offsetBy: found.upperBound), in: key) {
                    self.init(count: count, line: index + 1)
                    return
                }
                if ["未收到", "没有收到", "未受理"].contains(where: before.containsBytes(of:)) {
                    self.init(count: "0", line: index + 1)
                    return
                }
            }
        }
        return nil
    }

    private init(count: String, line: Int) {
        self.count = count
        self.line = line
    }

    /// The number right after `start` (skipping 共/数/总数/量/为), followed by 件.
    private static func count(after start: String.Index, in key: String) -> String? {
        var index = start
        while index < key.endIndex, "共数总量为公开".contains(key[index]) { index = key.index(after: index) }
        let digits = key[index...].prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, digits.endIndex < key.endIndex, "件个条".contains(key[digits.endIndex]) else { return nil }
        let significant = digits.drop { $0 == "0" }
        return significant.isEmpty ? "0" : String(significant)
    }
}
