/// The `crossYear.*` rules of `shared/spec/record.md` over a set of records (a mirror, or part of
/// one): what no single report can carry. Pure: records in, findings out.
///
/// Year over year, each agency's report is compared with its own report of the year before
/// (`crossYear.carryOver`, `crossYear.inForce`, `crossYear.copiedProblems`); within a year, section 五
/// is compared across agencies (`crossYear.copiedProblems`) by a similarity join, not pair by pair,
/// so 3,000 agencies a year take well under a second.
public enum CrossYearCheck {
    /// The rule IDs, in the order of the spec's table.
    public static let rules = [CrossYearCarryOver.rule, CrossYearInForce.rule, CrossYearCopiedProblems.rule]

    /// Every finding between two reports of the same agency, `previous` of the year before `current`'s:
    /// about `current`, naming `previous`. Empty when they are not consecutive years of one agency.
    public static func findings(previous: Record, current: Record) -> [CrossYearFinding] {
        guard previous.agency == current.agency, previous.year + 1 == current.year else { return [] }
        return [CrossYearCarryOver.check(previous: previous, current: current)].compactMap { $0 }
            + CrossYearInForce.check(previous: previous, current: current)
            + [CrossYearCopiedProblems.check(previous: previous, current: current)].compactMap { $0 }
    }

    /// Every finding among `records` (at most one record per agency and year), sorted by the record
    /// it is about, then by rule: year over year for each agency with consecutive years, and section
    /// 五 across agencies within each year.
    public static func findings(in records: [Record]) -> [CrossYearFinding] {
        var byName: [CrossYearFinding.RecordName: Int] = [:]
        var byYear: [Int: [Record]] = [:]
        for (index, record) in records.enumerated() {
            byName[.init(record)] = index
            byYear[record.year, default: []].append(record)
        }
        var findings: [CrossYearFinding] = []
        for current in records {
            if let previous = byName[.init(agency: current.agency, year: current.year - 1)] {
                findings += Self.findings(previous: records[previous], current: current)
            }
        }
        for year in byYear.keys.sorted() {
            findings += CrossYearCopiedProblems.sameYear(byYear[year]!)
        }
        let order = Dictionary(uniqueKeysWithValues: rules.enumerated().map { ($1, $0) })
        return findings.sorted {
            ($0.record, order[$0.finding.rule]!, $0.other) < ($1.record, order[$1.finding.rule]!, $1.other)
        }
    }
}
