/// Approximate search for a heading's keyword: found where the text holds it with at most one character
/// inserted, left out or changed, as offices misprint headings (四、政府信息公开行政法复议、行政诉讼情况).
///
/// Sellers' algorithm over Unicode scalars; the texts searched are headings and the few dozen characters
/// after a numeral, so its cost (text × keyword) stays small. A keyword of three characters or fewer is
/// only found whole: one edit would leave too little of it.
enum NearMatch {
    /// The end (exclusive index) of the first part of `text` that is `keyword` give or take one character.
    static func end(of keyword: [Unicode.Scalar], in text: ArraySlice<Unicode.Scalar>) -> Int? {
        guard !keyword.isEmpty else { return text.startIndex }
        guard keyword.count >= 4 else {
            let last = text.endIndex - keyword.count
            guard text.startIndex <= last else { return nil }
            return (text.startIndex...last).first { text[$0..<$0 + keyword.count].elementsEqual(keyword) }
                .map { $0 + keyword.count }
        }
        // distances[i]: the fewest edits that make keyword[..<i] end at the character just read.
        var distances = Array(0...keyword.count)
        for index in text.indices {
            var diagonal = distances[0]
            for position in keyword.indices {
                let above = distances[position + 1]
                distances[position + 1] = min(
                    above + 1,
                    distances[position] + 1,
                    diagonal + (keyword[position] == text[index] ? 0 : 1)
                )
                diagonal = above
            }
            if distances[keyword.count] <= 1 { return index + 1 }
        }
        return nil
    }

    /// Whether `text` holds `keyword` give or take one character.
    static func contains<S: StringProtocol>(_ text: S, _ keyword: String) -> Bool {
        if text.containsBytes(of: keyword) { return true }
        return end(of: Array(keyword.unicodeScalars), in: Array(text.unicodeScalars)[...]) != nil
    }
}
