import ReportCore

/// One column of the summary table (汇总): its key (the spec's name, used as the CSV and JSON Lines
/// header), its Chinese title (the workbook's header, `--header zh`), what it means (the 说明 sheet)
/// and how its values are written.
public struct SummaryColumn: Sendable, Equatable {
    /// How a column's values are written: text, an integer, or a decimal kept exactly as the record
    /// writes it (the fee in 万元).
    public enum Kind: Sendable, Equatable {
        case text
        case integer
        case decimal
    }

    /// The spec's key: `agency`, `year`, `status`, `errors`, `warnings`, or a cell key such as
    /// `requests.received.total`.
    public let key: String
    /// The Chinese title.
    public let title: String
    /// What the column holds, in Chinese, for the 说明 sheet.
    public let meaning: String
    public let kind: Kind

    /// Every column, in order: the record's identity and verdict, the key figures, then every other
    /// cell of both editions under its own key (each cell once).
    public static let all: [SummaryColumn] = {
        let cells = Dictionary(uniqueKeysWithValues: CellColumn.all.map { ($0.key, $0) })
        let keyFigures = keyFigureKeys.map { key in
            if let cell = cells[key] { return SummaryColumn(cell: cell) }
            let group = CellColumn.requestOutcomeGroups.first { $0.key == key }!
            return SummaryColumn(
                key: group.key,
                title: group.title,
                meaning: "关键数字：" + group.title + "，即该组各行「总计」列之和（不是单元格，由表三计算）",
                kind: .integer
            )
        }
        let shown = Set(keyFigureKeys)
        return identity + keyFigures + CellColumn.all.filter { !shown.contains($0.key) }.map(SummaryColumn.init(cell:))
    }()

    /// The record's identity and verdict, before the figures.
    static let identity = [
        SummaryColumn(key: "agency", title: "单位名称", meaning: "报告的发布机关，按报告原文", kind: .text),
        SummaryColumn(key: "year", title: "年度", meaning: "报告的统计年度", kind: .integer),
        SummaryColumn(
            key: "edition",
            title: "模板版本",
            meaning: "2021：国办公开办函〔2021〕30号格式；2019：国办公开办函〔2019〕60号试行格式",
            kind: .text
        ),
        SummaryColumn(key: "status", title: "校验结果", meaning: "valid：表内勾稽关系成立；inconsistent：有错误", kind: .text),
        SummaryColumn(key: "errors", title: "错误数", meaning: "报告本身的错误条数（见问题清单）", kind: .integer),
        SummaryColumn(key: "warnings", title: "提示数", meaning: "报告本身的提示条数（见问题清单）", kind: .integer),
        SummaryColumn(
            key: "crossYear",
            title: "跨年度提示数",
            meaning: "与上一年度本单位报告或同年度其他单位报告对照发现的提示条数（crossYear.*，见问题清单）",
            kind: .integer
        ),
    ]

    /// The key figures, after the identity: table 2's nine counts and the fee (2021 template); table
    /// 3's received, carried over, granted, partially granted, each outcome group's total, total and
    /// carried forward in the 总计 column; table 4's group totals.
    static let keyFigureKeys: [String] = {
        let active = CellColumn.all.filter { $0.edition == "2021" }.map(\.key)
        let requests =
            ["received", "carriedOver", "granted", "partiallyGranted"].map { "requests.\($0).total" }
            + CellColumn.requestOutcomeGroups.map(\.key)
            + ["total", "carriedForward"].map { "requests.\($0).total" }
        let reviews = CellColumn.all.filter { $0.key.hasPrefix("reviews.") && $0.key.hasSuffix(".total") }.map(\.key)
        return active + requests + reviews
    }()

    init(key: String, title: String, meaning: String, kind: Kind) {
        self.key = key
        self.title = title
        self.meaning = meaning
        self.kind = kind
    }

    init(cell: CellColumn) {
        let edition = cell.edition.map { "；仅\($0)版模板的报告有此项，其他报告留空" } ?? ""
        self.init(
            key: cell.key,
            title: cell.title,
            meaning: "报告表格中的数字：" + cell.title + edition,
            kind: cell.isDecimal ? .decimal : .integer
        )
    }
}
