/// How well a stretch of a file's text names a template row, from 0 (not at all) to 1.
///
/// A row is named when the text holds one of its distinctive words (`Template.Label.needles`), or
/// else by how many of the character pairs of its printed label the text holds: `其他法律行政止公开`
/// still names 其他法律行政法规禁止公开 (7 of its 11 pairs), `保护第三方合法权益` does not name
/// 属于国家秘密. Rows whose label is a word that headers use too (3.其他, （七）总计, 规章) are only
/// named by text that ends with it.
struct LabelSimilarity {
    private let rows: [[UInt64]]
    private let labels: [Template.Label]

    init(_ rows: [(label: Template.Label, printed: String)]) {
        self.rows = rows.map { Self.pairs(of: $0.printed) }
        self.labels = rows.map(\.label)
    }

    /// The character pairs of `text`'s ideographs, each packed into one integer.
    static func pairs(of text: String) -> [UInt64] {
        var pairs: [UInt64] = []
        var previous: UInt32?
        for scalar in text.unicodeScalars {
            guard isWordCharacter(scalar) else { continue }
            if let previous { pairs.append(UInt64(previous) << 32 | UInt64(scalar.value)) }
            previous = scalar.value
        }
        return pairs
    }

    /// A stretch of a file's text (folded, see `LabelKey`), prepared for comparing with labels.
    struct Text {
        var text: String
        /// Its ideographs alone.
        var words: String
        var pairs: Set<UInt64>

        init(_ text: String) {
            self.text = text
            self.words = String(String.UnicodeScalarView(text.unicodeScalars.filter(isWordCharacter)))
            self.pairs = Set(LabelSimilarity.pairs(of: words))
        }
    }

    /// How well `text` names row `row`.
    func score(row: Int, _ text: Text) -> Double {
        guard !text.words.isEmpty else { return 0 }
        let label = labels[row]
        if label.exact {
            return label.needles.contains(where: { text.words.hasSuffix($0) }) ? 1 : 0
        }
        if label.needles.contains(where: text.text.containsBytes(of:)) { return 1 }
        let wanted = rows[row]
        guard !wanted.isEmpty else { return 0 }
        let found = wanted.reduce(0) { $0 + (text.pairs.contains($1) ? 1 : 0) }
        let recall = Double(found) / Double(wanted.count)
        return recall >= 0.34 ? recall : 0
    }

    /// Ideographs and letters: what a label's words are made of (numbering digits, punctuation and
    /// brackets are not).
    private static func isWordCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3400...0x9FFF, 0xF900...0xFAFF: true
        default: false
        }
    }
}
