import ReportCore

/// What an export holds: one row per agency and year (汇总) and one row per finding (问题清单),
/// the record's own findings and the cross-year ones.
public struct SummaryTable: Sendable {
    /// A value of one cell of the table.
    public enum Value: Sendable, Equatable {
        /// Not applicable to this record (a cell of the other edition).
        case blank
        case text(String)
        case integer(Int)
        /// A decimal as the record writes it ("5087.94").
        case decimal(String)
    }

    /// One finding of a selected record.
    public struct Problem: Sendable, Equatable {
        public var record: CrossYearFinding.RecordName
        public var finding: Finding
        /// The other record, for a cross-year finding.
        public var other: CrossYearFinding.RecordName?
    }

    /// The columns of ``rows``.
    public let columns: [SummaryColumn]
    /// One row per record, sorted by agency and year, with a value per column.
    public let rows: [[Value]]
    /// The records' own findings, then their cross-year findings, record by record.
    public let problems: [Problem]

    /// The table of the `selected` records; `crossYear` are the cross-year findings (those about
    /// records not selected are left out).
    public init(records selected: [Record], crossYear: [CrossYearFinding]) {
        var crossYearByRecord: [CrossYearFinding.RecordName: [CrossYearFinding]] = [:]
        for finding in crossYear { crossYearByRecord[finding.record, default: []].append(finding) }
        columns = SummaryColumn.all
        var problems: [Problem] = []
        var layouts: [String: [Source]] = [:]
        rows = selected.map { record in
            let name = CrossYearFinding.RecordName(record)
            let related = crossYearByRecord[name] ?? []
            problems += record.validation.findings.map { Problem(record: name, finding: $0, other: nil) }
            problems += related.map { Problem(record: name, finding: $0.finding, other: $0.other) }
            let cells = record.cellValues
            if layouts[record.edition] == nil { layouts[record.edition] = Self.layout(keys: cells.map(\.key)) }
            return Self.row(
                record,
                cells: cells.map(\.value),
                layout: layouts[record.edition]!,
                crossYear: related.count
            )
        }
        self.problems = problems
    }

    /// Where a column's value comes from in a record.
    private enum Source {
        /// The `n`th value of `identity(of:crossYear:)`.
        case identity(Int)
        /// The value at this offset of the record's `cellValues`, read as `kind`.
        case cell(Int, SummaryColumn.Kind)
        /// The sum of the integer values at these offsets (an outcome group's total).
        case sum([Int])
        /// Not in this record's edition.
        case blank
    }

    /// The source of each column for a record whose `cellValues` have `keys`, in order.
    private static func layout(keys: [String]) -> [Source] {
        let offsets = Dictionary(keys.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        let groups = Dictionary(uniqueKeysWithValues: CellColumn.requestOutcomeGroups.map { ($0.key, $0.cells) })
        let identity = SummaryColumn.identity.map(\.key)
        return SummaryColumn.all.map { column in
            if let index = identity.firstIndex(of: column.key) { return .identity(index) }
            if let members = groups[column.key] { return .sum(members.compactMap { offsets[$0] }) }
            return offsets[column.key].map { .cell($0, column.kind) } ?? .blank
        }
    }

    /// The identity and verdict values of `record`, in the order of `SummaryColumn.identity`.
    private static func identity(of record: Record, crossYear: Int) -> [Value] {
        let findings = record.validation.findings
        return [
            .text(record.agency), .integer(record.year), .text(record.edition),
            .text(record.validation.status.rawValue), .integer(findings.count { $0.severity == .error }),
            .integer(findings.count { $0.severity == .warning }), .integer(crossYear),
        ]
    }

    /// The values of `record`'s row, `cells` its `cellValues`' values.
    private static func row(_ record: Record, cells: [String], layout: [Source], crossYear: Int) -> [Value] {
        let identity = identity(of: record, crossYear: crossYear)
        return layout.map { source in
            switch source {
            case .identity(let index): identity[index]
            case .sum(let offsets): .integer(offsets.reduce(0) { $0 + (Int(cells[$1]) ?? 0) })
            case .cell(let offset, .decimal): .decimal(cells[offset])
            case .cell(let offset, _): Int(cells[offset]).map(Value.integer) ?? .text(cells[offset])
            case .blank: .blank
            }
        }
    }

    /// The columns of the 问题清单: key, Chinese title, meaning.
    static let problemColumns: [(key: String, title: String, meaning: String)] = [
        ("agency", "单位名称", "报告的发布机关"),
        ("year", "年度", "报告的统计年度"),
        ("rule", "规则", "规则编号，见 record.md 的规则表（crossYear.* 为跨年度、跨单位对照）"),
        ("severity", "级别", "error：错误，报告须更正；warning：提示，请核实"),
        ("message", "说明", "发现的问题"),
        ("cells", "单元格", "涉及的单元格（记录中的键）"),
        ("sourceLines", "行号", "各单元格在报告文本中的行号（跨年度提示无行号）"),
        ("other", "相关报告", "跨年度提示所对照的报告：单位名称 年度"),
    ]

    /// The 问题清单 row of `problem`, in the order of ``problemColumns``.
    static func values(of problem: Problem) -> [Value] {
        [
            .text(problem.record.agency),
            .integer(problem.record.year),
            .text(problem.finding.rule),
            .text(problem.finding.severity.rawValue),
            .text(problem.finding.message),
            .text(problem.finding.cells.joined(separator: " ")),
            .text(problem.finding.sourceLines.map(String.init).joined(separator: " ")),
            problem.other.map { .text("\($0.agency) \($0.year)") } ?? .blank,
        ]
    }
}
