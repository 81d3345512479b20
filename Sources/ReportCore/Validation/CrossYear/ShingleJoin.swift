/// All pairs of texts whose shingle sets have a Jaccard similarity of at least `threshold`, found
/// without comparing every pair: a prefix-filtering similarity join (as in PPJoin, Xiao et al. 2008).
///
/// Each set is written as shingle ids sorted rarest first. Two sets of sizes `m ≤ n` with
/// J ≥ t share at least ⌈t·n⌉ shingles, so each must have one of the shared ones among its first
/// `size − ⌈t·size⌉ + 1` (its prefix). Only sets whose prefixes meet, and whose sizes are within
/// the ratio `t`, become candidates; each candidate is confirmed by the exact Jaccard similarity.
/// No pair at or above the threshold is missed. Rare shingles make prefixes selective, so the
/// candidates are few unless the texts really are alike.
struct ShingleJoin {
    /// A pair of texts (indices into the input) and their similarity.
    struct Pair {
        var first: Int
        var second: Int
        var similarity: Double
    }

    let threshold: Double

    /// The pairs of `texts` at or above the threshold; `nil` entries take no part.
    func pairs(_ texts: [ProblemShingles?]) -> [Pair] {
        // Shingle ids, numbered rarest first (ties by first appearance): the global order of prefixes.
        var frequency: [ProblemShingles.Shingle: Int] = [:]
        for text in texts {
            for shingle in text?.shingles ?? [] { frequency[shingle, default: 0] += 1 }
        }
        let ranked = frequency.sorted { ($0.value, $0.key.high, $0.key.low) < ($1.value, $1.key.high, $1.key.low) }
        var rank: [ProblemShingles.Shingle: Int32] = [:]
        rank.reserveCapacity(ranked.count)
        for (index, entry) in ranked.enumerated() { rank[entry.key] = Int32(index) }
        let sets: [[Int32]?] = texts.map { text in text.map { $0.shingles.map { rank[$0]! }.sorted() } }

        // Visit sets by size, so that every earlier set is no larger: only the lower size bound matters.
        let order = sets.indices.filter { sets[$0] != nil }.sorted { sets[$0]!.count < sets[$1]!.count }
        var index: [Int32: [Int]] = [:]
        var pairs: [Pair] = []
        var seen = [Int](repeating: -1, count: sets.count)
        for current in order {
            let set = sets[current]!
            let prefix = set.count - Self.ceiling(threshold * Double(set.count)) + 1
            let minimumSize = threshold * Double(set.count)
            for token in set.prefix(prefix) {
                for candidate in index[token] ?? [] where seen[candidate] != current {
                    seen[candidate] = current
                    guard Double(sets[candidate]!.count) >= minimumSize else { continue }
                    if let similarity = similarity(sets[candidate]!, set) {
                        pairs.append(Pair(first: candidate, second: current, similarity: similarity))
                    }
                }
                index[token, default: []].append(current)
            }
        }
        return pairs
    }

    /// The exact Jaccard similarity of two sorted id lists when it is at least the threshold, else
    /// `nil`. Two sets reach it only with ⌈t/(1+t)·(|A|+|B|)⌉ shingles in common, so the merge stops
    /// as soon as the shingles left cannot make up that many.
    private func similarity(_ left: [Int32], _ right: [Int32]) -> Double? {
        let needed = Self.ceiling(threshold / (1 + threshold) * Double(left.count + right.count))
        var (i, j, common) = (0, 0, 0)
        while i < left.count && j < right.count {
            if common + min(left.count - i, right.count - j) < needed { return nil }
            if left[i] == right[j] {
                common += 1
                i += 1
                j += 1
            } else if left[i] < right[j] {
                i += 1
            } else {
                j += 1
            }
        }
        let similarity = Double(common) / Double(left.count + right.count - common)
        return similarity >= threshold ? similarity : nil
    }

    /// ⌈x⌉ of a bound computed in floating point, never one too high (0.8 × 5 is 4.000000000000001):
    /// a bound too high could miss a pair exactly at the threshold.
    private static func ceiling(_ value: Double) -> Int {
        Int((value - 1e-9).rounded(.up))
    }
}
