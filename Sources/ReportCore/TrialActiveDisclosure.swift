/// Table 2 (主动公开政府信息情况) in the 2019 trial edition (国办公开办函〔2019〕60号): documents made
/// and published under 第二十条第（一）项, items and decisions under （五）（六）（八）, and
/// government procurement under （九）.
public struct TrialActiveDisclosure: Codable, Sendable, Equatable {
    /// 本年新制作数量 / 本年新公开数量 / 对外公开总数量.
    public struct DocumentCounts: Codable, Sendable, Equatable {
        public var made: Int
        public var published: Int
        public var totalPublished: Int
    }

    /// 上一年项目数量 / 本年增/减 (signed) / 处理决定数量.
    public struct ItemCounts: Codable, Sendable, Equatable {
        public var previousItems: Int
        public var change: Int
        public var decisions: Int
    }

    /// 行政事业性收费: 上一年项目数量 / 本年增/减 (signed), counts of fee items, not money.
    public struct FeeItems: Codable, Sendable, Equatable {
        public var previousItems: Int
        public var change: Int
    }

    /// 政府集中采购: 采购项目数量, and 采购总金额 in 元 as a decimal string ("73802895.9", "0").
    public struct Procurement: Codable, Sendable, Equatable {
        public var items: Int
        public var amountYuan: String
    }

    /// 规章.
    public var rules: DocumentCounts
    /// 规范性文件.
    public var normativeDocuments: DocumentCounts
    /// 行政许可.
    public var licensing: ItemCounts
    /// 其他对外管理服务事项.
    public var otherManagementServices: ItemCounts
    /// 行政处罚.
    public var punishment: ItemCounts
    /// 行政强制.
    public var coercion: ItemCounts
    /// 行政事业性收费.
    public var fees: FeeItems
    /// 政府集中采购.
    public var procurement: Procurement
}
