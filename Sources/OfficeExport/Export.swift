import ReportCore
import SyncEngine

/// The collecting office's export of a mirror (`reportsyncd export`, and the download of
/// `reportsyncd serve`): one row per agency and year with the key figures and every cell, and every
/// finding, the cross-year ones included. Reads the mirror only; safe while a daemon writes to it.
public struct Export: Sendable {
    /// The file formats of an export.
    public enum Format: String, Sendable, CaseIterable {
        /// A workbook of three sheets: 汇总, 问题清单, 说明.
        case xlsx
        /// The 汇总 table as RFC 4180 CSV, UTF-8 with a byte order mark.
        case csv
        /// The 汇总 table as JSON Lines, one object per row.
        case jsonl
    }

    /// How CSV names its columns.
    public enum Header: String, Sendable, CaseIterable {
        /// By the spec's keys (`agency`, `requests.received.total`, …).
        case keys
        /// By the Chinese titles of the workbook.
        case zh
    }

    public let mirror: MirrorFolder

    public init(mirror: MirrorFolder) {
        self.mirror = mirror
    }

    /// The table of the records `selection` picks, with their cross-year findings. Those are
    /// checked against the year before each selected year and against every agency of the same
    /// year, selected or not.
    ///
    /// - Throws: `MirrorReadError` naming a record file that cannot be read.
    public func table(_ selection: RecordSelection) throws -> SummaryTable {
        let years = selection.years.isEmpty ? nil : selection.years.union(selection.years.map { $0 - 1 })
        let records = try mirror.records(years: years)
        let findings = CrossYearFindings(records: records)
        return SummaryTable(records: records.filter(selection.contains), crossYear: findings.all)
    }

    /// The export of the records `selection` picks, in `format` (`header` for CSV only).
    public func bytes(
        _ format: Format,
        _ selection: RecordSelection = .init(),
        header: Header = .keys
    ) throws -> [UInt8] {
        let table = try table(selection)
        switch format {
        case .xlsx: return try table.workbook()
        case .csv: return table.csv(header: header)
        case .jsonl: return table.jsonLines()
        }
    }

    /// The .xlsx workbook of the records of `years` (every year when empty) whose agency contains
    /// `agency` (every agency when `nil`).
    public func workbook(years: Set<Int> = [], agency: String? = nil) throws -> [UInt8] {
        try bytes(.xlsx, RecordSelection(years: years, agency: agency))
    }
}

extension SummaryTable {
    /// The 汇总 table as CSV, headed by keys or Chinese titles.
    public func csv(header: Export.Header = .keys) -> [UInt8] {
        var writer = CSVWriter()
        writer.append(columns.map { header == .keys ? $0.key : $0.title })
        for row in rows { writer.append(row.map(\.field)) }
        return writer.bytes
    }

    /// The 汇总 table as JSON Lines keyed by the spec's keys.
    public func jsonLines() -> [UInt8] {
        var writer = JSONLinesWriter()
        let keys = columns.map(\.key)
        for row in rows { writer.append(keys: keys, values: row) }
        return writer.bytes
    }

    /// The workbook: 汇总 (frozen header, Chinese titles, numbers as numbers), 问题清单 (one row per
    /// finding) and 说明 (what each column of both means).
    public func workbook() throws -> [UInt8] {
        var summary = WorksheetXML(freezeHeader: true)
        summary.appendHeader(columns.map(\.title))
        for row in rows { summary.appendRow(row) }

        var problemSheet = WorksheetXML(freezeHeader: true)
        problemSheet.appendHeader(Self.problemColumns.map(\.title))
        for problem in problems { problemSheet.appendRow(Self.values(of: problem)) }

        var notes = WorksheetXML(freezeHeader: true)
        notes.appendHeader(["工作表", "列名", "键", "含义"])
        for column in columns {
            notes.appendRow([.text("汇总"), .text(column.title), .text(column.key), .text(column.meaning)])
        }
        for column in Self.problemColumns {
            notes.appendRow([.text("问题清单"), .text(column.title), .text(column.key), .text(column.meaning)])
        }
        return try Workbook(sheets: [
            ("汇总", summary.finish()), ("问题清单", problemSheet.finish()), ("说明", notes.finish()),
        ]).bytes()
    }
}
