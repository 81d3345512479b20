extension Template {
    /// The words the template prints for a row or a group of rows, with their numbering, where they
    /// differ from `Row.printed` (which is kept without numbering for matching).
    static let rowTitles: [String: String] = [
        "received": "一、本年新收政府信息公开申请数量",
        "carriedOver": "二、上年结转政府信息公开申请数量",
        "granted": "三（一）予以公开",
        "partiallyGranted": "三（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        "denied": "（三）不予公开",
        "unavailable": "（四）无法提供",
        "notProcessed": "（五）不予处理",
        "otherHandling": "（六）其他处理",
        "total": "（七）总计",
        "carriedForward": "四、结转下年度继续办理",
        "review": "行政复议",
        "litigationDirect": "未经复议直接起诉",
        "litigationAfterReview": "复议后起诉",
        "feesTenThousandYuan": "第二十条第（八）项 行政事业性收费",
    ]

    /// The titles over a table 2 row's values: its columns', or for a single value what the 2021
    /// template prints over it.
    static func columnTitles(of row: Row) -> [String] {
        guard row.columns.isEmpty else { return row.columns.map { columnTitle($0, table: 2) } }
        return [row.key == "feesTenThousandYuan" ? "本年收费金额（单位：万元）" : "本年处理决定数量"]
    }
}
