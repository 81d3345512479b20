/// A report of our own, as a model: identity, prose and all 200 cells, which the renderers in this
/// target write out in each layout people send. Tests parse the rendering and compare with the model.
public struct SampleReport: Sendable {
    public var agency: String
    public var year: Int
    /// `yyyy-MM-dd`; rendered as `2025年1月26日` under the signature.
    public var publishedOn: String?
    /// Table 2's counts in template order (rules ×3, normative documents ×3, licensing, punishment,
    /// coercion); the fee is `fee`.
    public var active: [Int]
    /// The fee in 万元 as printed, e.g. "5087.94".
    public var fee: String
    /// Table 2 of the 2019 trial edition; when set, the report is in that edition (and `active` and
    /// `fee` are not printed).
    public var trialActive: TrialActive?
    /// Table 3: 25 rows × 7 columns in template order.
    public var requests: [[Int]]
    /// Table 4: 15 values (行政复议 ×5, 未经复议直接起诉 ×5, 复议后起诉 ×5).
    public var reviews: [Int]
    /// Cells printed as a blank marker instead of their value: keys are `(table, index)` pairs in
    /// template order, see `blankMarkers`.
    public var blankMarkers: [CellPosition: String] = [:]
    /// The number of requests the 总体情况 text states (normally `received.total`).
    public var narrativeRequests: Int
    public var overview: [String]
    public var problems: [String]
    public var other: [String]

    /// Where a cell sits in the rendering.
    public enum CellPosition: Hashable, Sendable {
        case active(Int)
        case request(row: Int, column: Int)
        case review(Int)
    }

    /// A consistent report in which every cell holds a distinct non-zero value, so that a reader that
    /// puts a value into the wrong row or column cannot pass.
    public static func distinct(agency: String = "青山区人民政府", year: Int = 2024, seed: Int = 0) -> SampleReport {
        let active = (0..<9).map { 7001 + $0 * 13 + seed }
        var requests = [[Int]](repeating: [Int](repeating: 0, count: 7), count: 25)
        // Outcome rows 2...22: distinct per cell; the column total is their sum.
        for row in 2...22 {
            for column in 0..<6 {
                requests[row][column] = 1000 + row * 7 + column + seed * 200
            }
        }
        for column in 0..<6 {
            let outcomes = (2...22).reduce(0) { $0 + requests[$1][column] }
            requests[23][column] = outcomes
            requests[24][column] = 500 + column * 7 + seed  // carried forward
            requests[1][column] = 300 + column * 11 + seed  // carried over
            requests[0][column] = outcomes + requests[24][column] - requests[1][column]
        }
        for row in 0..<25 {
            requests[row][6] = requests[row][0..<6].reduce(0, +)
        }
        var reviews: [Int] = []
        for group in 0..<3 {
            let parts = (0..<4).map { 9001 + group * 40 + $0 * 3 + seed }
            reviews += parts + [parts.reduce(0, +)]
        }
        return SampleReport(
            agency: agency,
            year: year,
            publishedOn: "\(year + 1)-01-26",
            active: active,
            fee: "5087.94",
            requests: requests,
            reviews: reviews,
            narrativeRequests: requests[0][6],
            overview: [
                "\(year)年，\(agency)坚持以公开为常态、不公开为例外，全面推进政务公开工作。",
                "（一）主动公开情况。全年主动公开政府信息\(800 + seed)条，其中政策文件\(20 + seed)件。",
                "（二）依申请公开情况。\(year)年，共收到政府信息公开申请\(requests[0][6])件，均在法定期限内答复。",
                // `stateRequests(_:)` rewrites this line.
            ],
            problems: [
                "一是公开内容还不够全面；二是政策解读形式较为单一。",
                "下一步，我们将加强培训，提升公开质量。",
            ],
            other: ["本年度未收取信息处理费。"]
        )
    }

    /// The report's title line.
    public var title: String { "\(agency)\(year)年政府信息公开工作年度报告" }

    /// The text a cell is printed as: its blank marker if it has one, else its value.
    func text(_ position: CellPosition) -> String {
        if let marker = blankMarkers[position] { return marker }
        switch position {
        case .active(let index):
            if let trialActive { return trialActive.printed(index) }
            return index == 9 ? fee : String(active[index])
        case .request(let row, let column): return String(requests[row][column])
        case .review(let index): return String(reviews[index])
        }
    }

    /// The date under the signature, as Chinese reports print it.
    var signatureDate: String? {
        guard let publishedOn else { return nil }
        let parts = publishedOn.split(separator: "-").compactMap { Int($0) }
        return "\(parts[0])年\(parts[1])月\(parts[2])日"
    }
}

extension SampleReport {
    /// Makes 总体情况 state `count` received requests (the third overview paragraph).
    public mutating func stateRequests(_ count: Int) {
        narrativeRequests = count
        overview[2] = "（二）依申请公开情况。\(year)年，共收到政府信息公开申请\(count)件，均在法定期限内答复。"
    }

    /// The cell values a parser must read, in template order (the order of `Record.cellValues`):
    /// blank markers read as 0.
    public var expectedCellValues: [String] {
        var values: [String] = []
        for index in 0..<(trialActive == nil ? 10 : 22) {
            let printed = trialActive?.expected(index) ?? (index == 9 ? fee : String(active[index]))
            values.append(blankMarkers[.active(index)] == nil ? printed : "0")
        }
        for row in 0..<25 {
            for column in 0..<7 {
                values.append(
                    blankMarkers[.request(row: row, column: column)] == nil ? String(requests[row][column]) : "0"
                )
            }
        }
        for index in 0..<15 {
            values.append(blankMarkers[.review(index)] == nil ? String(reviews[index]) : "0")
        }
        return values
    }
}
