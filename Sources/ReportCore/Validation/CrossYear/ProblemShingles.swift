/// The character 5-grams (shingles) of a section's canonical text, as a set: what
/// `crossYear.copiedProblems` compares. A shingle is its five Unicode scalars packed into 128 bits,
/// so two sets are compared exactly, without hashing.
struct ProblemShingles: Sendable {
    /// Five scalars of at most 21 bits each.
    struct Shingle: Hashable, Sendable {
        var high: UInt64
        var low: UInt64
    }

    /// Shingle length in characters.
    static let width = 5
    /// Texts with fewer shingles than this (a "无" or one short sentence) are too short to call copied.
    static let minimumCount = 20

    /// The distinct shingles of the text.
    let shingles: Set<Shingle>

    /// The shingles of `text` (canonical section text: NFKC, no whitespace).
    init(_ text: String) {
        let scalars = Array(text.unicodeScalars)
        var shingles = Set<Shingle>()
        if scalars.count >= Self.width {
            shingles.reserveCapacity(scalars.count - Self.width + 1)
            for start in 0...(scalars.count - Self.width) {
                var packed: (high: UInt64, low: UInt64) = (0, 0)
                for scalar in scalars[start..<start + Self.width] {
                    // Shift the 128-bit value left by 21 bits and add the scalar.
                    packed.high = packed.high << 21 | packed.low >> 43
                    packed.low = packed.low << 21 | UInt64(scalar.value)
                }
                shingles.insert(Shingle(high: packed.high, low: packed.low))
            }
        }
        self.shingles = shingles
    }

    /// Whether the text is long enough to be compared.
    var isComparable: Bool { shingles.count >= Self.minimumCount }

    /// |A ∩ B| / |A ∪ B|, exactly; 0 for two empty sets.
    func jaccard(_ other: ProblemShingles) -> Double {
        let (small, large) =
            shingles.count <= other.shingles.count ? (shingles, other.shingles) : (other.shingles, shingles)
        let common = small.reduce(0) { large.contains($1) ? $0 + 1 : $0 }
        let union = shingles.count + other.shingles.count - common
        return union == 0 ? 0 : Double(common) / Double(union)
    }
}
