import SyncEngine

/// Consecutive change-log lines of one node in the form the statements of their transaction take them:
/// the lines as one JSON array, the reports they touch and the contents they name, each once.
///
/// Built off the event loop, from the change log and the mirror, while the batch before it is in the database.
struct EventBatch: Sendable {
    /// The lines, oldest first.
    let rows: [EventRow]
    /// ``rows`` as one JSON array, for `jsonb_to_recordset`.
    let eventsJSON: String
    /// Each agency and year a line names, once: `agencies[i]` with `years[i]`.
    let agencies: [String]
    let years: [Int]
    /// Each content a line names, once, at its first line by (time, seq), with its record where a line had it.
    let contents: [Content]

    /// A content as `contents` takes it.
    struct Content: Sendable {
        var hash: String
        var agency: String
        var year: Int
        var seq: Int
        var time: String
        var record: String?
    }

    /// The batch of `events`, each with its record where `mirror` still holds it.
    init(_ events: [ChangeEvent], mirror: MirrorFolder) {
        self.init(EventRow.rows(events, mirror: mirror))
    }

    init(_ rows: [EventRow]) {
        self.rows = rows
        self.eventsJSON = EventRow.json(rows)
        var reports: Set<Report> = []
        var agencies: [String] = []
        var years: [Int] = []
        var contents: [Content] = []
        var position: [String: Int] = [:]
        for row in rows {
            guard let agency = row.agency, let year = row.year else { continue }
            if reports.insert(Report(agency: agency, year: year)).inserted {
                agencies.append(agency)
                years.append(year)
            }
            guard let hash = row.contentHash else { continue }
            guard let index = position[hash] else {
                position[hash] = contents.count
                contents.append(
                    Content(hash: hash, agency: agency, year: year, seq: row.seq, time: row.time, record: row.record)
                )
                continue
            }
            // The change log's times are UTC in one fixed width (`ChangeEvent`): their text sorts as they do.
            if (row.time, row.seq) < (contents[index].time, contents[index].seq) {
                contents[index].seq = row.seq
                contents[index].time = row.time
            }
            if contents[index].record == nil { contents[index].record = row.record }
        }
        self.agencies = agencies
        self.years = years
        self.contents = contents
    }

    /// The seq of the last line.
    var last: Int? { rows.last?.seq }

    /// The lines after `mark` only: what a replay has left to write.
    func after(_ mark: Int) -> EventBatch {
        guard let first = rows.first, first.seq <= mark else { return self }
        return EventBatch(rows.filter { $0.seq > mark })
    }

    private struct Report: Hashable {
        var agency: String
        var year: Int
    }
}
