/// The 2019 trial edition (国办公开办函〔2019〕60号) of the report model: its table 2 of 22 values and
/// its table 3 with （六）其他处理 printed as one row.
public struct TrialActive: Sendable {
    /// The 21 counts of table 2 in template order (`Template.trialActiveRows`): the 本年增/减
    /// changes (offsets 7, 10, 13, 16, 19) signed.
    public var counts: [Int]
    /// 采购总金额 as printed, with its unit or without ("39573802.5万元", "73802895.90元", "1200").
    public var amount: String
    /// The same amount in 元, as the record writes it ("395738025000", "73802895.9").
    public var amountYuan: String

    /// The offsets of the signed 本年增/减 counts.
    public static let changes: Set<Int> = [7, 10, 13, 16, 19]

    /// The text a value is printed as: a change with its sign (`+14`, `-3`), the amount as given.
    func printed(_ index: Int) -> String {
        guard index < counts.count else { return amount }
        let count = counts[index]
        return Self.changes.contains(index) && count > 0 ? "+\(count)" : String(count)
    }

    /// The value a parser must read, as the record writes it.
    func expected(_ index: Int) -> String {
        index < counts.count ? String(counts[index]) : amountYuan
    }

    /// Table 2 as the trial format prints it, with `text(index)` for each value.
    func rows(_ text: (Int) -> String) -> [[String]] {
        let items = ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"]
        return [
            ["第二十条第（一）项"],
            ["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"],
            ["规章", text(0), text(1), text(2)],
            ["规范性文件", text(3), text(4), text(5)],
            ["第二十条第（五）项"],
            items,
            ["行政许可", text(6), text(7), text(8)],
            ["其他对外管理服务事项", text(9), text(10), text(11)],
            ["第二十条第（六）项"],
            items,
            ["行政处罚", text(12), text(13), text(14)],
            ["行政强制", text(15), text(16), text(17)],
            ["第二十条第（八）项"],
            Array(items.prefix(3)),
            ["行政事业性收费", text(18), text(19)],
            ["第二十条第（九）项"],
            ["信息内容", "采购项目数量", "采购总金额"],
            ["政府集中采购", text(20), text(21)],
        ]
    }
}

extension SampleReport {
    /// `distinct(…)` in the 2019 trial edition: every count of table 2 distinct, the changes signed
    /// both ways, the amount in 万元; （六）其他处理's values all in its one row.
    public static func trial(agency: String = "青山区人民政府", year: Int = 2020, seed: Int = 0) -> SampleReport {
        var report = distinct(agency: agency, year: year, seed: seed)
        let counts = (0..<21).map { index in
            TrialActive.changes.contains(index)
                ? (index % 2 == 0 ? 1 : -1) * (14 + index + seed) : 3001 + index * 17 + seed
        }
        report.trialActive = TrialActive(counts: counts, amount: "39573802.5万元", amountYuan: "395738025000")
        for column in 0..<7 {
            report.requests[22][column] += report.requests[20][column] + report.requests[21][column]
            report.requests[20][column] = 0
            report.requests[21][column] = 0
        }
        return report
    }
}
