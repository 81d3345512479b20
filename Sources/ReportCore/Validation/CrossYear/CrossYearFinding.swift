/// A finding that no single report can carry: a record disagrees with another record of the mirror
/// (the same agency's neighbouring year, or another agency's report of the same year).
///
/// These findings are never written into a record file (a record is a function of its own bytes):
/// `export`, `status` and the ingest journal report them. The rules are the `crossYear.*` rows of
/// `shared/spec/record.md`; `finding.cells` name cells of ``record``, and `finding.sourceLines` is
/// empty, as a mirror record keeps no line numbers.
public struct CrossYearFinding: Codable, Sendable, Equatable {
    /// A record of the mirror, by its identity.
    public struct RecordName: Codable, Sendable, Hashable, Comparable {
        public var agency: String
        public var year: Int

        public init(agency: String, year: Int) {
            self.agency = agency
            self.year = year
        }

        /// The identity of `record`.
        public init(_ record: Record) {
            self.init(agency: record.agency, year: record.year)
        }

        public static func < (left: Self, right: Self) -> Bool {
            (left.agency, left.year) < (right.agency, right.year)
        }
    }

    /// The record the finding is about (the later year, for a year-over-year rule).
    public var record: RecordName
    /// The record it disagrees with or resembles.
    public var other: RecordName
    /// The rule, severity, message and cells, in the shape of a record's own findings.
    public var finding: Finding

    public init(record: RecordName, other: RecordName, finding: Finding) {
        self.record = record
        self.other = other
        self.finding = finding
    }
}
