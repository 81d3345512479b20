/// Table 2 (主动公开政府信息情况): documents issued under 第二十条 and the year's decisions.
public struct ActiveDisclosure: Codable, Sendable, Equatable {
    /// 本年制发件数 / 本年废止件数 / 现行有效件数.
    public struct DocumentCounts: Codable, Sendable, Equatable {
        public var issued: Int
        public var repealed: Int
        public var inForce: Int
    }

    /// 规章.
    public var rules: DocumentCounts
    /// 行政规范性文件.
    public var normativeDocuments: DocumentCounts
    /// 行政许可 本年处理决定数量.
    public var licensing: Int
    /// 行政处罚.
    public var punishment: Int
    /// 行政强制.
    public var coercion: Int
    /// 行政事业性收费 in 万元, as a decimal string without trailing zeros ("5087.94", "0").
    public var feesTenThousandYuan: String
}

/// One row of table 3: a count per applicant column, in the template's column order.
///
/// The tables' members are their JSON keys; which cell each one holds, the template says
/// (`Template`, read into these types through `CellTree`).
public struct ApplicantCounts: Codable, Sendable, Equatable {
    public var naturalPerson: Int
    public var commercial: Int
    public var research: Int
    public var socialWelfare: Int
    public var legalService: Int
    public var otherOrg: Int
    public var total: Int
}

/// Table 3 (收到和处理政府信息公开申请情况).
public struct Requests: Codable, Sendable, Equatable {
    /// （三）不予公开.
    public struct Denied: Codable, Sendable, Equatable {
        public var stateSecret: ApplicantCounts
        public var prohibitedByLaw: ApplicantCounts
        public var endangersSecurity: ApplicantCounts
        public var thirdPartyRights: ApplicantCounts
        public var internalAffairs: ApplicantCounts
        public var processInformation: ApplicantCounts
        public var enforcementFiles: ApplicantCounts
        public var queryMatters: ApplicantCounts
    }

    /// （四）无法提供.
    public struct Unavailable: Codable, Sendable, Equatable {
        public var notHeld: ApplicantCounts
        public var needsCreation: ApplicantCounts
        public var unclear: ApplicantCounts
    }

    /// （五）不予处理.
    public struct NotProcessed: Codable, Sendable, Equatable {
        public var petition: ApplicantCounts
        public var repeated: ApplicantCounts
        public var publication: ApplicantCounts
        public var excessive: ApplicantCounts
        public var reconfirm: ApplicantCounts
    }

    /// （六）其他处理.
    public struct OtherHandling: Codable, Sendable, Equatable {
        public var overdueCorrection: ApplicantCounts
        public var unpaidFee: ApplicantCounts
        public var other: ApplicantCounts
    }

    public var received: ApplicantCounts
    public var carriedOver: ApplicantCounts
    public var granted: ApplicantCounts
    public var partiallyGranted: ApplicantCounts
    public var denied: Denied
    public var unavailable: Unavailable
    public var notProcessed: NotProcessed
    public var otherHandling: OtherHandling
    public var total: ApplicantCounts
    public var carriedForward: ApplicantCounts
}

/// One group of table 4: 结果维持, 结果纠正, 其他结果, 尚未审结, 总计.
public struct ReviewOutcomes: Codable, Sendable, Equatable {
    public var upheld: Int
    public var corrected: Int
    public var other: Int
    public var pending: Int
    public var total: Int
}

/// Table 4 (政府信息公开行政复议、行政诉讼情况).
public struct Reviews: Codable, Sendable, Equatable {
    /// 行政复议.
    public var review: ReviewOutcomes
    /// 行政诉讼 · 未经复议直接起诉.
    public var litigationDirect: ReviewOutcomes
    /// 行政诉讼 · 复议后起诉.
    public var litigationAfterReview: ReviewOutcomes
}

/// One broken or doubtful rule, pointing at the cells it is about.
public struct Finding: Codable, Sendable, Equatable {
    public enum Severity: String, Codable, Sendable {
        case error
        case warning
    }

    /// The rule ID of `docs/record.md`, e.g. `requests.balance`.
    public var rule: String
    public var severity: Severity
    public var message: String
    /// Dotted cell keys, e.g. `requests.total.naturalPerson`.
    public var cells: [String]
    /// `sourceLines[i]` is the 1-based line of the (extracted) text where `cells[i]` was read.
    public var sourceLines: [Int]

    public init(rule: String, severity: Severity, message: String, cells: [String], sourceLines: [Int]) {
        self.rule = rule
        self.severity = severity
        self.message = message
        self.cells = cells
        self.sourceLines = sourceLines
    }
}

extension ApplicantCounts: CountsRow {
    /// The seven columns in template order (`Template.requestColumns`).
    init(counts: ArraySlice<Int>) {
        let first = counts.startIndex
        self.init(
            naturalPerson: counts[first],
            commercial: counts[first + 1],
            research: counts[first + 2],
            socialWelfare: counts[first + 3],
            legalService: counts[first + 4],
            otherOrg: counts[first + 5],
            total: counts[first + 6]
        )
    }
}
