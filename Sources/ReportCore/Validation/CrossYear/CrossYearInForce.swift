/// `crossYear.inForce` (warning): for 规章 and 行政规范性文件, last year's 现行有效件数 + this year's
/// 本年制发件数 − 本年废止件数 equals this year's 现行有效件数. A warning: revisions of documents
/// also change the stock. Only between two reports of the 2021 template (the 2019 trial edition
/// has no stock in force).
enum CrossYearInForce {
    static let rule = "crossYear.inForce"

    /// The findings about `current` whose stock in force does not follow from `previous`'s.
    static func check(previous: Record, current: Record) -> [CrossYearFinding] {
        guard let before = previous.active.edition2021, let now = current.active.edition2021 else { return [] }
        let rows = Template.activeRows.filter { $0.columns == Template.documentColumns }
        return zip(rows, [(before.rules, now.rules), (before.normativeDocuments, now.normativeDocuments)])
            .compactMap { row, counts in
                let (last, this) = counts
                let expected = last.inForce + this.issued - this.repealed
                guard expected != this.inForce else { return nil }
                let message =
                    "表二「\(row.printed)」：\(previous.year)年现行有效 \(last.inForce) + 本年制发 \(this.issued) − "
                    + "本年废止 \(this.repealed) = \(expected)，但本年现行有效件数为 \(this.inForce)"
                let cells = Template.documentColumns.map { "active.\(row.key).\($0)" }
                return CrossYearFinding(
                    record: .init(current),
                    other: .init(previous),
                    finding: Finding(rule: rule, severity: .warning, message: message, cells: cells, sourceLines: [])
                )
            }
    }
}
