/// The number of requests that the 总体情况 prose says were received, with the line saying it.
struct NarrativeCount: Equatable {
    var count: Int
    var line: Int

    /// Finds statements like 收到政府信息公开申请13件, 共受理依申请公开1件 or 未收到…申请.
    init?(overview lines: ArraySlice<String>) {
        for (index, line) in zip(lines.indices, lines) {
            let key = Array(LabelKey.of(line))
            var position = 0
            while let found = Self.find(Array("申请"), in: key, from: position) {
                position = found + 2
                let before = String(key[max(0, found - 24)..<found])
                guard ["收到", "受理", "新收"].contains(where: before.containsBytes(of:)) else { continue }
                if let count = Self.count(after: found + 2, in: key) {
                    self.init(count: count, line: index + 1)
                    return
                }
                if ["未收到", "没有收到", "未受理"].contains(where: before.containsBytes(of:)) {
                    self.init(count: 0, line: index + 1)
                    return
                }
            }
        }
        return nil
    }

    private init(count: Int, line: Int) {
        self.count = count
        self.line = line
    }

    /// The number right after `start` (skipping 共/数/总数/量/为), followed by 件.
    private static func count(after start: Int, in key: [Character]) -> Int? {
        var index = start
        while index < key.count, "共数总量为公开".contains(key[index]) { index += 1 }
        let digits = key[index...].prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, digits.count <= 9, index + digits.count < key.count,
            "件个条".contains(key[index + digits.count])
        else { return nil }
        return Int(String(digits))
    }

    private static func find(_ needle: [Character], in haystack: [Character], from start: Int) -> Int? {
        guard haystack.count >= needle.count, start <= haystack.count - needle.count else { return nil }
        return (start...(haystack.count - needle.count)).first { haystack[$0..<$0 + needle.count].elementsEqual(needle) }
    }
}
