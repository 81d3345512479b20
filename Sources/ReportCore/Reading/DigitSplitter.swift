/// The readings of a row whose values were printed without separators: every way of cutting its
/// runs of digits into the row's values that keeps the row's sums (`713000074` for a row of seven
/// whose last is the sum of the others reads 71 | 3 | 0 | 0 | 0 | 0 | 74 and nothing else).
///
/// A value is never written with a leading zero, and has at most `TableCells.maximumDigits` digits;
/// a run may not be cut where its digits are not adjacent (a space or another cell between them is
/// a cut already). A sign starts a value (`2648-18538` is 2648, then -1…, -18…), and a decimal point
/// is in its run's last value (`39573802895.90`: 3 | 9573802895.90, 39 | 573802895.90, …). Readings come in order of the fewest digits in the earliest value, and both the
/// readings and the work are bounded: a row with more readings than that is ambiguous anyway.
enum DigitSplitter {
    /// One reading: for each value, the run it comes from and its bytes in that run.
    typealias Reading = [(run: Int, bytes: Range<Int>)]

    /// How many readings are worth listing.
    static let readingLimit = 16
    /// How many cuts are tried before the search gives up.
    static let workLimit = 200_000

    /// The readings of `runs` (ASCII digits, signs, a `.` in the run's last value) as `width`
    /// values keeping `sums`; a run marked `fixed` is one value, and only the values at `signed` may
    /// start with a sign. `complete` is false when the work limit cut the search short.
    static func readings(
        of runs: [[UInt8]],
        width: Int,
        sums: [TableShape.Sum],
        fixed: [Bool],
        signed: Set<Int>
    ) -> (readings: [Reading], complete: Bool) {
        var search = Search(runs: runs, fixed: fixed, width: width, sums: sums, signed: signed)
        search.cut(run: 0, offset: 0)
        return (search.readings, search.work <= workLimit)
    }

    private struct Search {
        let runs: [[UInt8]]
        let fixed: [Bool]
        let width: Int
        /// The values that may start with a sign.
        let signed: Set<Int>
        /// For each value index that is a sum's total, the range of its parts.
        let totals: [Int: Range<Int>]
        /// Digits left from each run on.
        let digitsFrom: [Int]
        var values: [Int] = []
        var current: Reading = []
        var readings: [Reading] = []
        var work = 0

        init(runs: [[UInt8]], fixed: [Bool], width: Int, sums: [TableShape.Sum], signed: Set<Int>) {
            self.runs = runs
            self.signed = signed
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
            let isSigned = bytes[offset] == UInt8(ascii: "-") || bytes[offset] == UInt8(ascii: "+")
            guard !isSigned || signed.contains(index) else { return }
            let digitsStart = offset + (isSigned ? 1 : 0)
            guard digitsStart < bytes.count else { return }
            // The value ends before the next sign; one that takes the point takes the rest of the run.
            let signEnd =
                bytes[(offset + 1)...].firstIndex { $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "+") } ?? bytes.count
            let point = bytes[offset...].firstIndex(of: UInt8(ascii: "."))
            // The last value of a run ends with it; a fixed run is one value.
            let minimum = fixed[run] || valuesLeft == runsAfter + 1 ? left : digitsStart - offset + 1
            let fractionWidth = point.map { bytes.count - $0 } ?? 0
            let maximum = min(signEnd - offset, digitsStart - offset + TableCells.maximumDigits + fractionWidth)
            guard minimum <= maximum else { return }
            for length in minimum...maximum {
                let end = offset + length
                if let point, end >= point && end < bytes.count { continue }
                let hasLeadingZero =
                    end - digitsStart > 1 && bytes[digitsStart] == UInt8(ascii: "0")
                    && bytes[digitsStart + 1] != UInt8(ascii: ".")
                if hasLeadingZero && !fixed[run] { break }
                let magnitude =
                    point.map { $0 < end } == true
                    ? 0 : bytes[digitsStart..<end].reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
                let value = bytes[offset] == UInt8(ascii: "-") ? -magnitude : magnitude
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
