/// Reports of one agency in consecutive years that keep or break the `crossYear.*` rules, and
/// section 五 texts copied from another report or rewritten.
extension SampleReport {
    /// This report with 上年结转 equal to `previous`'s 结转下年度, column by column, 本年新收 adjusted so
    /// that table 3 still balances: it keeps `crossYear.carryOver`.
    public func carryingOver(from previous: SampleReport) -> SampleReport {
        var report = self
        for column in 0..<6 {
            report.requests[1][column] = previous.requests[24][column]
            report.requests[0][column] = requests[23][column] + requests[24][column] - report.requests[1][column]
        }
        for row in 0...1 { report.requests[row][6] = report.requests[row][0..<6].reduce(0, +) }
        report.stateRequests(report.requests[0][6])
        return report
    }

    /// This report with 现行有效件数 of 规章 and 行政规范性文件 following from `previous`'s: it keeps
    /// `crossYear.inForce`.
    public func keepingInForce(from previous: SampleReport) -> SampleReport {
        var report = self
        for first in [0, 3] {
            report.active[first + 2] = previous.active[first + 2] + active[first] - active[first + 1]
        }
        return report
    }

    /// A section 五 of about 150 characters, its wording picked by `variant`: distinct variants share
    /// few 5-grams.
    public static func problems(_ variant: Int) -> [String] {
        let issues = ["公开内容不够全面", "政策解读形式单一", "回应关切不够及时", "平台建设有待加强", "基层公开标准化不足", "依申请办理规范性不够"]
        let steps = ["加强业务培训", "完善考核机制", "丰富解读形式", "推进平台整合", "强化督促检查", "规范答复文书"]
        let first = variant % issues.count
        let second = (variant / issues.count + first + 1) % issues.count
        return [
            "一是\(issues[first])，第\(variant)号工作台账显示仍有\(variant % 7 + 2)项任务未完成；二是\(issues[second])，群众满意度有待提升。",
            "下一步，我们将\(steps[first])并\(steps[second])，每季度开展一次自查，确保第\(variant)号整改清单按期销号。",
        ]
    }

    /// `problems` with a few characters changed, as an office that copies last year's text edits it.
    public static func lightlyEdited(_ problems: [String]) -> [String] {
        var edited = problems
        edited[1] = edited[1].replacingOccurrences(of: "每季度", with: "每半年")
        return edited
    }
}
