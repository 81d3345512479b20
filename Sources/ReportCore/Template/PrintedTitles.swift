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

    /// The column titles the template prints over each column key.
    static let columnTitles: [String: String] = [
        "naturalPerson": "自然人", "commercial": "商业企业", "research": "科研机构", "socialWelfare": "社会公益组织",
        "legalService": "法律服务机构", "otherOrg": "其他", "total": "总计",
        "upheld": "结果维持", "corrected": "结果纠正", "other": "其他结果", "pending": "尚未审结",
        "issued": "本年制发件数", "repealed": "本年废止件数", "inForce": "现行有效件数",
        "made": "本年新制作数量", "published": "本年新公开数量", "totalPublished": "对外公开总数量",
        "previousItems": "上一年项目数量", "change": "本年增/减", "decisions": "处理决定数量",
        "items": "采购项目数量", "amountYuan": "采购总金额（元）",
    ]

    /// The printed title of column `key`, the key itself when the template prints none.
    static func columnTitle(_ key: String) -> String { columnTitles[key] ?? key }

    /// The titles over a table 2 row's values: its columns', or for a single value what the 2021
    /// template prints over it.
    static func columnTitles(of row: Row) -> [String] {
        guard row.columns.isEmpty else { return row.columns.map(columnTitle) }
        return [row.key == "feesTenThousandYuan" ? "本年收费金额（单位：万元）" : "本年处理决定数量"]
    }
}
