/// Table 2 (主动公开政府信息情况): documents issued under 第二十条 and the year's decisions.
public struct ActiveDisclosure: Codable, Sendable, Equatable {
    /// 本年制发件数 / 本年废止件数 / 现行有效件数.
    public struct DocumentCounts: Codable, Sendable, Equatable {
        public var issued: Int
        public var repealed: Int
        public var inForce: Int

        public init(issued: Int, repealed: Int, inForce: Int) {
            self.issued = issued
            self.repealed = repealed
            self.inForce = inForce
        }
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

    public init(
        rules: DocumentCounts,
        normativeDocuments: DocumentCounts,
        licensing: Int,
        punishment: Int,
        coercion: Int,
        feesTenThousandYuan: String
    ) {
        self.rules = rules
        self.normativeDocuments = normativeDocuments
        self.licensing = licensing
        self.punishment = punishment
        self.coercion = coercion
        self.feesTenThousandYuan = feesTenThousandYuan
    }
}

/// One row of table 3: a count per applicant column, in the template's column order.
public struct ApplicantCounts: Codable, Sendable, Equatable {
    public var naturalPerson: Int
    public var commercial: Int
    public var research: Int
    public var socialWelfare: Int
    public var legalService: Int
    public var otherOrg: Int
    public var total: Int

    /// The seven columns in template order (自然人 … 其他, 总计).
    public var columns: [Int] {
        [naturalPerson, commercial, research, socialWelfare, legalService, otherOrg, total]
    }

    /// Builds a row from exactly seven values in template order.
    public init<C: Collection<Int>>(columns: C) {
        precondition(columns.count == 7, "a table 3 row has seven columns")
        var values = columns.makeIterator()
        self.naturalPerson = values.next()!
        self.commercial = values.next()!
        self.research = values.next()!
        self.socialWelfare = values.next()!
        self.legalService = values.next()!
        self.otherOrg = values.next()!
        self.total = values.next()!
    }
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

    /// The 25 rows in template order, the order of `Template.requestRows`.
    public var rows: [ApplicantCounts] {
        [
            received, carriedOver, granted, partiallyGranted,
            denied.stateSecret, denied.prohibitedByLaw, denied.endangersSecurity, denied.thirdPartyRights,
            denied.internalAffairs, denied.processInformation, denied.enforcementFiles, denied.queryMatters,
            unavailable.notHeld, unavailable.needsCreation, unavailable.unclear,
            notProcessed.petition, notProcessed.repeated, notProcessed.publication, notProcessed.excessive,
            notProcessed.reconfirm,
            otherHandling.overdueCorrection, otherHandling.unpaidFee, otherHandling.other,
            total, carriedForward,
        ]
    }

    /// Builds the table from its 25 rows in template order.
    public init(rows: [ApplicantCounts]) {
        precondition(rows.count == 25, "table 3 has 25 rows")
        self.received = rows[0]
        self.carriedOver = rows[1]
        self.granted = rows[2]
        self.partiallyGranted = rows[3]
        self.denied = Denied(
            stateSecret: rows[4],
            prohibitedByLaw: rows[5],
            endangersSecurity: rows[6],
            thirdPartyRights: rows[7],
            internalAffairs: rows[8],
            processInformation: rows[9],
            enforcementFiles: rows[10],
            queryMatters: rows[11]
        )
        self.unavailable = Unavailable(notHeld: rows[12], needsCreation: rows[13], unclear: rows[14])
        self.notProcessed = NotProcessed(
            petition: rows[15],
            repeated: rows[16],
            publication: rows[17],
            excessive: rows[18],
            reconfirm: rows[19]
        )
        self.otherHandling = OtherHandling(overdueCorrection: rows[20], unpaidFee: rows[21], other: rows[22])
        self.total = rows[23]
        self.carriedForward = rows[24]
    }
}

/// One group of table 4: 结果维持, 结果纠正, 其他结果, 尚未审结, 总计.
public struct ReviewOutcomes: Codable, Sendable, Equatable {
    public var upheld: Int
    public var corrected: Int
    public var other: Int
    public var pending: Int
    public var total: Int

    /// The five columns in template order.
    public var columns: [Int] { [upheld, corrected, other, pending, total] }

    /// Builds a group from exactly five values in template order.
    public init<C: Collection<Int>>(columns: C) {
        precondition(columns.count == 5, "a table 4 group has five columns")
        var values = columns.makeIterator()
        self.upheld = values.next()!
        self.corrected = values.next()!
        self.other = values.next()!
        self.pending = values.next()!
        self.total = values.next()!
    }
}

/// Table 4 (政府信息公开行政复议、行政诉讼情况).
public struct Reviews: Codable, Sendable, Equatable {
    /// 行政复议.
    public var review: ReviewOutcomes
    /// 行政诉讼 · 未经复议直接起诉.
    public var litigationDirect: ReviewOutcomes
    /// 行政诉讼 · 复议后起诉.
    public var litigationAfterReview: ReviewOutcomes

    public var groups: [ReviewOutcomes] { [review, litigationDirect, litigationAfterReview] }

    public init(review: ReviewOutcomes, litigationDirect: ReviewOutcomes, litigationAfterReview: ReviewOutcomes) {
        self.review = review
        self.litigationDirect = litigationDirect
        self.litigationAfterReview = litigationAfterReview
    }
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
