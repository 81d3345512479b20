import SyncEngine

/// Consecutive change-log lines of one node in the form the statements of their transaction take them:
/// the lines as one JSON array, the reports they touch once each, the lines that name a content, and the
/// records those contents have.
///
/// Built off the event loop, from the change log and the mirror, while the batch before it is in the database.
struct EventBatch: Sendable {
    /// The lines, oldest first.
    let rows: [EventRow]
    /// ``rows`` as one JSON array, for `jsonb_to_recordset`.
    let eventsJSON: String
    /// Each agency and year a line names, once (compared by their bytes, as PostgreSQL compares them):
    /// `agencies[i]` with `years[i]`.
    let agencies: [String]
    let years: [Int]
    /// The lines that name a content: `contents` takes the first of each content by its time.
    let contentLines: [EventRow]
    /// Each content's record, once, where a line had it.
    let records: [(hash: String, record: String)]

    /// The batch of `events`, each with its record where `mirror` still holds it.
    init(_ events: [ChangeEvent], mirror: MirrorFolder) {
        self.init(EventRow.rows(events, mirror: mirror))
    }

    init(_ rows: [EventRow]) {
        self.rows = rows
        self.eventsJSON = EventRow.json(rows)
        var reports: Set<[UInt8]> = []
        var agencies: [String] = []
        var years: [Int] = []
        var recorded: Set<String> = []
        var records: [(hash: String, record: String)] = []
        for row in rows {
            guard let agency = row.agency, let year = row.year else { continue }
            if reports.insert(Array("\(year)/\(agency)".utf8)).inserted {
                agencies.append(agency)
                years.append(year)
            }
            if let hash = row.contentHash, let record = row.record, recorded.insert(hash).inserted {
                records.append((hash, record))
            }
        }
        self.agencies = agencies
        self.years = years
        self.contentLines = rows.filter { $0.contentHash != nil && $0.agency != nil && $0.year != nil }
        self.records = records
    }

    /// The seq of the last line.
    var last: Int? { rows.last?.seq }

    /// The lines after `mark` only: what a replay has left to write.
    func after(_ mark: Int) -> EventBatch {
        guard let first = rows.first, first.seq <= mark else { return self }
        return EventBatch(rows.filter { $0.seq > mark })
    }
}
