import ReportCore
import SyncEngine

/// The cross-year findings (`crossYear.*`) of a mirror, for `export`, `status` and the web page: the
/// checks of `CrossYearCheck` over the mirror's current records, indexed by the record they are about.
public struct CrossYearFindings: Sendable {
    /// Every finding, sorted by the record it is about, then by rule.
    public let all: [CrossYearFinding]
    private let byRecord: [CrossYearFinding.RecordName: [CrossYearFinding]]

    /// The findings among `records` (at most one per agency and year).
    public init(records: [Record]) {
        all = CrossYearCheck.findings(in: records)
        byRecord = Dictionary(grouping: all, by: \.record)
    }

    /// The findings among every record of `mirror`.
    ///
    /// - Throws: `MirrorReadError` for a record file that cannot be read.
    public init(mirror: MirrorFolder) throws {
        self.init(records: try mirror.records())
    }

    /// The findings about the record of `agency` in `year`.
    public func about(agency: String, year: Int) -> [CrossYearFinding] {
        byRecord[.init(agency: agency, year: year)] ?? []
    }

    /// The number of findings per rule ID (every rule of `CrossYearCheck.rules` present, 0 included).
    public var counts: [(rule: String, count: Int)] {
        CrossYearCheck.rules.map { rule in (rule, all.count { $0.finding.rule == rule }) }
    }
}

extension CrossYearFindings {
    /// Up to `count` findings about the records most recently added or revised in `events` (the
    /// change log, oldest first), newest first.
    public func latest(_ count: Int, events: [ChangeEvent]) -> [CrossYearFinding] {
        var seen = Set<CrossYearFinding.RecordName>()
        var latest: [CrossYearFinding] = []
        for event in events.reversed() where event.event == .added || event.event == .revised {
            guard latest.count < count, let agency = event.agency, let year = event.year else { continue }
            let name = CrossYearFinding.RecordName(agency: agency, year: year)
            guard seen.insert(name).inserted else { continue }
            latest += about(agency: agency, year: year).prefix(count - latest.count)
        }
        return latest
    }
}
