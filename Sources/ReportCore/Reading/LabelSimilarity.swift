/// How well a stretch of a file's text names a template row, from 0 (not at all) to 1.
///
/// A row is named when the text holds one of its distinctive words (`Template.Label.needles`), or
/// else by how many of the character pairs of its printed label the text holds: `其他法律行政止公开`
/// still names 其他法律行政法规禁止公开 (7 of its 11 pairs), `保护第三方合法权益` does not name
/// 属于国家秘密. Rows whose label is a word that headers use too (3.其他, （七）总计, 规章) are only
/// named by text that ends with it.
struct LabelSimilarity {
    private let pairsByRow: [[UInt64]]
    private let labels: [Template.Label]
    /// The needles of rows matched only at the end of a text, as scalar values.
    private let suffixes: [[[UInt32]]]
    /// For each character pair of any printed label, the rows whose labels hold it.
    private let rowsByPair: [UInt64: [Int]]

    init(_ rows: [(label: Template.Label, printed: String)]) {
        self.pairsByRow = rows.map { Set(Self.pairs(of: Array($0.printed.unicodeScalars.map(\.value)))).sorted() }
        self.labels = rows.map(\.label)
        self.suffixes = rows.map { row in
            row.label.exact ? row.label.needles.map { Array($0.unicodeScalars.map(\.value)) } : []
        }
        var rowsByPair: [UInt64: [Int]] = [:]
        for (row, pairs) in pairsByRow.enumerated() {
            for pair in pairs { rowsByPair[pair, default: []].append(row) }
        }
        self.rowsByPair = rowsByPair
    }

    /// The character pairs of the ideographs among `scalars`, each packed into one integer.
    private static func pairs(of scalars: [UInt32]) -> [UInt64] {
        let words = scalars.filter(isWordCharacter)
        return zip(words, words.dropFirst()).map { UInt64($0) << 32 | UInt64($1) }
    }

    /// Whether `text` (folded) names row `row` by one of its distinctive words: at its end for rows
    /// whose words headers use too.
    func names(row: Int, _ text: String) -> Bool {
        let label = labels[row]
        guard label.exact else { return label.needles.contains(where: text.containsBytes(of:)) }
        var words = text.unicodeScalars.reversed().lazy.map(\.value).filter(Self.isWordCharacter).makeIterator()
        var last: [UInt32] = []
        while last.count < 4, let word = words.next() { last.insert(word, at: 0) }
        return suffixes[row].contains { last.count >= $0.count && last.suffix($0.count).elementsEqual($0) }
    }

    /// How well `text` (folded, see `LabelKey`) names each row, in row order: one pass over the
    /// text's character pairs for all rows.
    func scores(_ text: String) -> [Double] {
        let words = text.unicodeScalars.lazy.map(\.value).filter(Self.isWordCharacter)
        let scalars = Array(words)
        var found = [Int](repeating: 0, count: pairsByRow.count)
        guard !scalars.isEmpty else { return [Double](repeating: 0, count: pairsByRow.count) }
        var pairs = zip(scalars, scalars.dropFirst()).map { UInt64($0) << 32 | UInt64($1) }
        pairs.sort()
        var previous: UInt64?
        for pair in pairs where pair != previous {
            previous = pair
            for row in rowsByPair[pair] ?? [] { found[row] += 1 }
        }
        return labels.indices.map { row in
            let label = labels[row]
            if label.exact {
                return suffixes[row].contains(where: {
                    scalars.count >= $0.count && scalars.suffix($0.count).elementsEqual($0)
                })
                    ? 1 : 0
            }
            if label.needles.contains(where: text.containsBytes(of:)) { return 1 }
            guard !pairsByRow[row].isEmpty else { return 0 }
            let recall = Double(found[row]) / Double(pairsByRow[row].count)
            return recall >= 0.34 ? recall : 0
        }
    }

    /// Ideographs: what a label's words are made of (numbering digits, punctuation and brackets are
    /// not).
    private static func isWordCharacter(_ scalar: UInt32) -> Bool {
        switch scalar {
        case 0x3400...0x9FFF, 0xF900...0xFAFF: true
        default: false
        }
    }
}
