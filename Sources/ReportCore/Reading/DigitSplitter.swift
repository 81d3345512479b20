/// The readings of a row whose values were printed without separators: every way of cutting its
/// runs of digits into the row's values that keeps the row's sums (`713000074` for a row of seven
/// whose last is the sum of the others reads 71 | 3 | 0 | 0 | 0 | 0 | 74 and nothing else).
///
/// A value is never written with a leading zero, and has at most `TableCells.maximumDigits` digits;
/// a run may not be cut where its digits are not adjacent (a space or another cell between them is
/// a cut already). Readings come in order of the fewest digits in the earliest value, and both the
/// readings and the work are bounded: a row with more readings than that is ambiguous anyway.
enum DigitSplitter {
    /// One reading: for each value, the run it comes from and its bytes in that run.
    typealias Reading = [(run: Int, bytes: Range<Int>)]

    /// How many readings are worth listing.
    static let readingLimit = 16
    /// How many cuts are tried before the search gives up.
    static let workLimit = 200_000

    /// The readings of `runs` (ASCII digits, a `.` only in a decimal that is one value) as `width`
    /// values keeping `sums`; a run marked `fixed` is one value. `complete` is false when the work
    /// limit cut the search short.
    static func readings(
        of runs: [[UInt8]],
        width: Int,
        sums: [TableShape.Sum],
        fixed: [Bool]
    ) -> (readings: [Reading], complete: Bool) {
        var search = Search(runs: runs, fixed: fixed, width: width, sums: sums)
        search.cut(run: 0, offset: 0)
        return (search.readings, search.work <= workLimit)
    }

    private struct Search {
        let runs: [[UInt8]]
        let fixed: [Bool]
        let width: Int
        /// For each value index that is a sum's total, the range of its parts.
        let totals: [Int: Range<Int>]
        /// Digits left from each run on.
        let digitsFrom: [Int]
        var values: [Int] = []
        var current: Reading = []
        var readings: [Reading] = []
        var work = 0

        init(runs: [[UInt8]], fixed: [Bool], width: Int, sums: [TableShape.Sum]) {
            self.runs = runs
            self.fixed = fixed
            self.width = width
            self.totals = Dictionary(uniqueKeysWithValues: sums.map { ($0.total, $0.parts) })
            var digitsFrom = [Int](repeating: 0, count: runs.count + 1)
            for index in runs.indices.reversed() { digitsFrom[index] = digitsFrom[index + 1] + runs[index].count }
            self.digitsFrom = digitsFrom
        }

        mutating func cut(run: Int, offset: Int) {
            work += 1
            guard readings.count < readingLimit, work <= workLimit else { return }
            let index = values.count
            if run == runs.count {
                if index == width { readings.append(current) }
                return
            }
            let bytes = runs[run]
            let left = bytes.count - offset
            // Each run still to come takes a value at least; each value a digit at least.
            let valuesLeft = width - index
            let runsAfter = runs.count - run - 1
            guard valuesLeft >= runsAfter + 1, digitsFrom[run] - offset >= valuesLeft else { return }
            let isDecimal = bytes.contains(UInt8(ascii: "."))
            // The last value of a run ends with it; a decimal or a fixed run is one value.
            let minimum = isDecimal || fixed[run] || valuesLeft == runsAfter + 1 ? left : 1
            let maximum = min(left, TableCells.maximumDigits)
            guard minimum <= maximum else { return }
            for length in minimum...maximum {
                let piece = bytes[offset..<offset + length]
                if length > 1 && piece.first == UInt8(ascii: "0") && !isDecimal && !fixed[run] { break }
                let value = isDecimal ? 0 : piece.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
                if let parts = totals[index], values[parts].reduce(0, +) != value { continue }
                values.append(value)
                current.append((run, offset..<offset + length))
                if offset + length == bytes.count {
                    cut(run: run + 1, offset: 0)
                } else {
                    cut(run: run, offset: offset + length)
                }
                values.removeLast()
                current.removeLast()
                if readings.count >= readingLimit || work > workLimit { return }
            }
        }
    }
}
