/// The national template: its rows, columns and the label variants by which each row is found in a
/// flattened report, for both editions (see `Edition`): the 2021 template (国办公开办函〔2021〕30号)
/// and the 2019 trial format (国办公开办函〔2019〕60号), which differ in table 2 only. Every other
/// stage names cells through it.
enum Template {
    /// How a row's label is recognised among the label cells in front of its values.
    struct Label {
        /// The row matches when the label run's key contains one of these (keys: see `LabelKey`).
        var needles: [String]
        /// When set, a single cell of the run must equal a needle after its numbering is stripped
        /// (for rows like 3.其他 and （七）总计 whose words also appear in column headers).
        var exact = false
    }

    /// One row of a table: its dotted key, its label and how many values it carries.
    struct Row {
        var key: String
        var label: Label
        var columns: [String]
        /// The label as the template prints it, without its numbering: what a row's label text in a
        /// file is compared with when its words are garbled (see `LabelSimilarity`).
        var printed: String
        /// The unit of a decimal value, printed after the title in exports ("万元", "元").
        var unit: String? = nil
    }

    static let requestColumns = [
        "naturalPerson", "commercial", "research", "socialWelfare", "legalService", "otherOrg", "total",
    ]
    static let reviewColumns = ["upheld", "corrected", "other", "pending", "total"]
    static let documentColumns = ["issued", "repealed", "inForce"]

    /// Each column key as the template prints its column header. Keys are per table, as a column
    /// named `total` is 总计 in both tables 3 and 4, `other` differs: see `columnTitle(_:table:)`.
    static let columnTitles: [String: String] = [
        // Table 3's applicant columns.
        "naturalPerson": "自然人", "commercial": "商业企业", "research": "科研机构", "socialWelfare": "社会公益组织",
        "legalService": "法律服务机构", "otherOrg": "其他", "total": "总计",
        // Table 4's result columns (`other` is 其他结果 there).
        "upheld": "结果维持", "corrected": "结果纠正", "pending": "尚未审结",
        // Table 2, 2021 template.
        "issued": "本年制发件数", "repealed": "本年废止件数", "inForce": "现行有效件数",
        // Table 2, 2019 trial edition.
        "made": "本年新制作数量", "published": "本年新公开数量", "totalPublished": "对外公开总数量",
        "previousItems": "上一年项目数量", "change": "本年增/减", "decisions": "处理决定数量",
        "items": "采购项目数量", "amountYuan": "采购总金额",
    ]

    /// The title of column `key` in a row of table `table` (2, 3 or 4).
    static func columnTitle(_ key: String, table: Int) -> String {
        table == 4 && key == "other" ? "其他结果" : columnTitles[key] ?? key
    }

    /// Table 2, in template order. The last row is the fee, a decimal in 万元.
    static let activeRows: [Row] = [
        Row(key: "rules", label: Label(needles: ["规章"], exact: true), columns: documentColumns, printed: "规章"),
        Row(
            key: "normativeDocuments",
            label: Label(needles: ["规范性文件"]),
            columns: documentColumns,
            printed: "行政规范性文件"
        ),
        Row(key: "licensing", label: Label(needles: ["行政许可"]), columns: [], printed: "行政许可"),
        Row(key: "punishment", label: Label(needles: ["行政处罚"]), columns: [], printed: "行政处罚"),
        Row(key: "coercion", label: Label(needles: ["行政强制"]), columns: [], printed: "行政强制"),
        Row(
            key: "feesTenThousandYuan",
            label: Label(needles: ["事业性收费"]),
            columns: [],
            printed: "行政事业性收费",
            unit: "万元"
        ),
    ]

    /// Table 3, in template order.
    static let requestRows: [Row] = [
        ("received", ["新收"], false, "本年新收政府信息公开申请数量"),
        ("carriedOver", ["上年结转"], false, "上年结转政府信息公开申请数量"),
        ("granted", ["予以公开"], false, "予以公开"),
        ("partiallyGranted", ["部分公开"], false, "部分公开区分处理的只计这一情形不计其他情形"),
        ("denied.stateSecret", ["国家秘密"], false, "属于国家秘密"),
        ("denied.prohibitedByLaw", ["禁止公开", "法律行政法规"], false, "其他法律行政法规禁止公开"),
        ("denied.endangersSecurity", ["三安全", "一稳定"], false, "危及三安全一稳定"),
        ("denied.thirdPartyRights", ["第三方"], false, "保护第三方合法权益"),
        ("denied.internalAffairs", ["内部事务"], false, "属于三类内部事务信息"),
        ("denied.processInformation", ["过程性"], false, "属于四类过程性信息"),
        ("denied.enforcementFiles", ["执法案卷"], false, "属于行政执法案卷"),
        ("denied.queryMatters", ["查询事项"], false, "属于行政查询事项"),
        ("unavailable.notHeld", ["不掌握"], false, "本机关不掌握相关政府信息"),
        ("unavailable.needsCreation", ["另行制作", "没有现成"], false, "没有现成信息需要另行制作"),
        ("unavailable.unclear", ["仍不明确", "补正后"], false, "补正后申请内容仍不明确"),
        ("notProcessed.petition", ["信访"], false, "信访举报投诉类申请"),
        ("notProcessed.repeated", ["重复申请"], false, "重复申请"),
        ("notProcessed.publication", ["出版物"], false, "要求提供公开出版物"),
        ("notProcessed.excessive", ["大量反复"], false, "无正当理由大量反复申请"),
        ("notProcessed.reconfirm", ["重新出具", "确认"], false, "要求行政机关确认或重新出具已获取信息"),
        (
            "otherHandling.overdueCorrection", ["逾期不补正", "无正当理由逾期"], false,
            "申请人无正当理由逾期不补正行政机关不再处理其政府信息公开申请"
        ),
        (
            "otherHandling.unpaidFee", ["缴纳费用", "收费通知"], false,
            "申请人逾期未按收费通知要求缴纳费用行政机关不再处理其政府信息公开申请"
        ),
        ("otherHandling.other", ["其他"], true, "其他"),
        ("total", ["总计"], true, "总计"),
        ("carriedForward", ["结转下年"], false, "结转下年度继续办理"),
    ].map { key, needles, exact, printed in
        Row(key: key, label: Label(needles: needles, exact: exact), columns: requestColumns, printed: printed)
    }

    /// Table 3's outcome groups (the first part of a dotted row key) as the template prints them.
    static let requestGroupTitles = [
        "denied": "不予公开", "unavailable": "无法提供", "notProcessed": "不予处理", "otherHandling": "其他处理",
    ]

    /// The index of table 3's row `key` in `requestRows`.
    static func requestRow(_ key: String) -> Int {
        guard let row = requestRows.firstIndex(where: { $0.key == key }) else {
            preconditionFailure("table 3 has no row \(key)")
        }
        return row
    }

    /// Table 3's 勾稽关系 between rows, for every column: what came in (本年新收 + 上年结转) is what
    /// was handled (（七）总计) and what goes on to next year (结转下年度)…
    static let requestsIn = [requestRow("received"), requestRow("carriedOver")]
    static let requestsOut = [requestRow("total"), requestRow("carriedForward")]
    /// … and what was handled is the sum of the outcome rows, 予以公开 through （六）3.其他.
    static let requestsTotalRow = requestRow("total")
    static let outcomeRows = requestRow("granted")...requestRow("otherHandling.other")

    /// 本年新收's 总计: the count of requests that 总体情况 states (`narrative.requests`).
    static let receivedTotalCell = requestCell(row: requestRow("received"), column: requestColumns.count - 1)

    /// The index of （六）其他处理's first sub-row in `requestRows`: some 2021-edition reports print
    /// the three sub-rows as one row, read into `otherHandling.other`.
    static let otherHandlingFirstRow = requestRow("otherHandling.overdueCorrection")
    /// The label of that collapsed row.
    static let otherHandlingCollapsedNeedle = requestGroupTitles["otherHandling"]!

    /// Table 4's three groups, whose 15 values follow one header.
    static let reviewGroups = ["review", "litigationDirect", "litigationAfterReview"]
    /// Table 4's groups as the template prints them, in the order of `reviewGroups`.
    static let reviewGroupTitles = ["行政复议", "行政诉讼（未经复议直接起诉）", "行政诉讼（复议后起诉）"]
    /// The header in front of table 4's values.
    static let reviewHeader = Label(needles: ["总计", "审结", "行政复议"])

    /// The columns of the 2019 trial edition's 规章 and 规范性文件 rows.
    static let trialDocumentColumns = ["made", "published", "totalPublished"]
    /// The columns of the 2019 trial edition's item rows (行政许可 … 行政强制); `change` is signed.
    static let itemColumns = ["previousItems", "change", "decisions"]

    /// Table 2 of the 2019 trial edition, in template order: 22 values. The last is the procurement
    /// amount, a decimal in 元.
    static let trialActiveRows: [Row] = [
        Row(key: "rules", label: Label(needles: ["规章"], exact: true), columns: trialDocumentColumns, printed: "规章"),
        Row(
            key: "normativeDocuments",
            label: Label(needles: ["规范性文件"]),
            columns: trialDocumentColumns,
            printed: "规范性文件"
        ),
        Row(key: "licensing", label: Label(needles: ["行政许可"]), columns: itemColumns, printed: "行政许可"),
        Row(
            key: "otherManagementServices",
            label: Label(needles: ["对外管理服务"]),
            columns: itemColumns,
            printed: "其他对外管理服务事项"
        ),
        Row(key: "punishment", label: Label(needles: ["行政处罚"]), columns: itemColumns, printed: "行政处罚"),
        Row(key: "coercion", label: Label(needles: ["行政强制"]), columns: itemColumns, printed: "行政强制"),
        Row(
            key: "fees",
            label: Label(needles: ["事业性收费"]),
            columns: ["previousItems", "change"],
            printed: "行政事业性收费"
        ),
        Row(
            key: "procurement",
            label: Label(needles: ["集中采购"]),
            columns: ["items", "amountYuan"],
            printed: "政府集中采购",
            unit: "元"
        ),
    ]

    /// The dotted keys of a table 2's cells, in template order.
    private static func activeKeys(_ rows: [Row]) -> [String] {
        rows.flatMap { row in
            row.columns.isEmpty ? ["active.\(row.key)"] : row.columns.map { "active.\(row.key).\($0)" }
        }
    }

    /// All 222 cell keys, in the order `TableCells` stores them: the 2021 table 2, table 3, table 4,
    /// then the 2019 trial edition's table 2.
    static let cellKeys: [String] = {
        var keys = activeKeys(activeRows)
        for row in requestRows {
            keys += row.columns.map { "requests.\(row.key).\($0)" }
        }
        for group in reviewGroups {
            keys += reviewColumns.map { "reviews.\(group).\($0)" }
        }
        return keys + activeKeys(trialActiveRows)
    }()

    /// The number of cells `rows` of a table 2 hold: a row without columns holds one.
    private static func width(of rows: [Row]) -> Int {
        rows.reduce(0) { $0 + max($1.columns.count, 1) }
    }

    /// Number of cells in table 2 (the fee is the last of them).
    static let activeCellCount = width(of: activeRows)
    /// Index of the fee cell.
    static let feeCell = activeCellCount - 1
    /// Index of table 3's first cell.
    static let requestsFirstCell = activeCellCount
    /// Index of table 4's first cell.
    static let reviewsFirstCell = requestsFirstCell + requestRows.count * requestColumns.count
    /// Index of the 2019 trial edition's first table 2 cell.
    static let trialActiveFirstCell = reviewsFirstCell + reviewGroups.count * reviewColumns.count
    /// Number of cells in the 2019 trial edition's table 2 (the procurement amount is the last).
    static let trialActiveCellCount = width(of: trialActiveRows)
    static let cellCount = trialActiveFirstCell + trialActiveCellCount
    /// Index of the procurement amount (元).
    static let procurementAmountCell = cellCount - 1
    /// The cells that hold decimals rather than counts: the fee and the procurement amount.
    static let decimalCells: Set<Int> = [feeCell, procurementAmountCell]
    /// The cells that hold a signed change (本年增/减), exempt from `cells.nonNegative`.
    static let signedCells: Set<Int> = Set(
        cellKeys.indices.filter { $0 >= trialActiveFirstCell && cellKeys[$0].hasSuffix(".change") }
    )

    /// The index of `requests.<row>.<column>`.
    static func requestCell(row: Int, column: Int) -> Int { requestsFirstCell + row * requestColumns.count + column }
    /// The index of `reviews.<group>.<column>`.
    static func reviewCell(group: Int, column: Int) -> Int { reviewsFirstCell + group * reviewColumns.count + column }
}
