/// One 政府信息公开工作年度报告, normalised into the record of `docs/record.md`.
///
/// This is what `reportsyncd parse` prints, what the mirror stores under `records/<year>/<agency>.json`
/// and what the change log's events describe. Its JSON keys are the contract with other programs:
/// they are named exactly as the specification names them.
public struct Record: Codable, Sendable, Equatable {
    /// The schema identifier of this record format.
    public static let schemaIdentifier = "reportsync.record/1"

    public var schema: String
    /// The template edition detected from table 2's labels: `"2021"` or `"2019"` (the trial format).
    public var edition: String
    /// The issuing body, as the report writes it.
    public var agency: String
    /// The statistics year the report covers.
    public var year: Int
    /// The title line, `nil` when the file has none.
    public var title: String?
    /// The date under the signature (`yyyy-MM-dd`), `nil` when absent.
    public var publishedOn: String?
    /// `sha256:<hex>` over the canonical content; equal for the same report in any layout or encoding.
    public var contentHash: String
    public var source: Source
    /// Table 2: 主动公开政府信息情况, in the shape of `edition`.
    public var active: ActiveTable
    /// Table 3: 收到和处理政府信息公开申请情况.
    public var requests: Requests
    /// Table 4: 政府信息公开行政复议、行政诉讼情况.
    public var reviews: Reviews
    public var sections: Sections
    public var validation: Validation

    public init(
        edition: String,
        agency: String,
        year: Int,
        title: String?,
        publishedOn: String?,
        contentHash: String,
        source: Source,
        active: ActiveTable,
        requests: Requests,
        reviews: Reviews,
        sections: Sections,
        validation: Validation
    ) {
        self.schema = Self.schemaIdentifier
        self.edition = edition
        self.agency = agency
        self.year = year
        self.title = title
        self.publishedOn = publishedOn
        self.contentHash = contentHash
        self.source = source
        self.active = active
        self.requests = requests
        self.reviews = reviews
        self.sections = sections
        self.validation = validation
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(schema, forKey: .schema)
        try container.encode(edition, forKey: .edition)
        try container.encode(agency, forKey: .agency)
        try container.encode(year, forKey: .year)
        // The contract spells absent values as `null`, not as missing keys.
        try container.encode(title, forKey: .title)
        try container.encode(publishedOn, forKey: .publishedOn)
        try container.encode(contentHash, forKey: .contentHash)
        try container.encode(source, forKey: .source)
        try container.encode(active, forKey: .active)
        try container.encode(requests, forKey: .requests)
        try container.encode(reviews, forKey: .reviews)
        try container.encode(sections, forKey: .sections)
        try container.encode(validation, forKey: .validation)
    }
}

extension Record {
    /// Where the record was read from.
    public struct Source: Codable, Sendable, Equatable {
        /// The file name (for the daemon: the path relative to the inbox).
        public var name: String
        /// Lower-case hex SHA-256 of the raw bytes.
        public var sha256: String
        public var bytes: Int
        /// `utf-8`, `utf-8-bom`, `utf-16` or `gb18030`.
        public var encoding: String
        /// The layout reader that read the tables: `tsv`, `cells`, `pipe`, `markdown`, `html`, `docx`, `pdf`.
        public var layout: String

        public init(name: String, sha256: String, bytes: Int, encoding: String, layout: String) {
            self.name = name
            self.sha256 = sha256
            self.bytes = bytes
            self.encoding = encoding
            self.layout = layout
        }
    }

    /// The prose of sections 一, 五 and 六, whitespace removed and NFKC-normalised.
    public struct Sections: Codable, Sendable, Equatable {
        public var overview: String
        public var problems: String
        public var other: String

        public init(overview: String, problems: String, other: String) {
            self.overview = overview
            self.problems = problems
            self.other = other
        }
    }

    /// The outcome of the template's arithmetic rules.
    public struct Validation: Codable, Sendable, Equatable {
        public enum Status: String, Codable, Sendable {
            case valid
            case inconsistent
        }

        public var status: Status
        public var findings: [Finding]

        public init(findings: [Finding]) {
            self.findings = findings
            self.status = findings.contains { $0.severity == .error } ? .inconsistent : .valid
        }
    }
}
