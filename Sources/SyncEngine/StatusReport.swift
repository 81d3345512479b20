/// What `reportsyncd status` prints: read from the state and mirror folders, not from a running process.
public struct StatusReport: Sendable {
    /// Events per kind in the change log.
    public var counts: [ChangeEventKind: Int]
    /// Events that describe an inconsistent report.
    public var inconsistent: Int
    /// The seq of the last event, 0 for an empty log.
    public var lastSeq: Int
    /// Files in the inbox not yet ingested (ignored names, symlinks and special files not counted).
    public var waiting: Int
    /// The last 10 rejected or inconsistent files, newest first.
    public var recentProblems: [Problem]

    /// A file an operator should look at.
    public struct Problem: Sendable {
        /// The seq of the file's event.
        public var seq: Int
        /// When it was ingested (RFC 3339).
        public var time: String
        /// `rejected`, or the kind of event of an inconsistent report.
        public var event: ChangeEventKind
        /// The file's path relative to the inbox.
        public var file: String
        /// The rejection reason, or the error findings of the inconsistent record.
        public var reason: String
    }

    /// Reads the change log, the mirror records of inconsistent reports and the inbox listing.
    public static func read(options: DaemonOptions) throws -> StatusReport {
        let mirror = Mirror(root: options.mirror)
        var counts: [ChangeEventKind: Int] = [:]
        var inconsistent = 0
        var problems: [ChangeEvent] = []
        let events = try ChangeLog.events(at: mirror.changeLogPath).map(\.event)
        for event in events {
            counts[event.event, default: 0] += 1
            if event.status == .inconsistent { inconsistent += 1 }
            if event.event == .rejected || event.status == .inconsistent {
                problems.append(event)
                if problems.count > 10 { problems.removeFirst() }
            }
        }
        return StatusReport(
            counts: counts,
            inconsistent: inconsistent,
            lastSeq: events.last?.seq ?? 0,
            waiting: Inbox(root: options.inbox).waitingCount(),
            recentProblems: problems.reversed().map { problem(for: $0, mirror: mirror) }
        )
    }

    private static func problem(for event: ChangeEvent, mirror: Mirror) -> Problem {
        var reason = event.reason ?? ""
        if let agency = event.agency, let year = event.year {
            if let record = mirror.record(agency: agency, year: year), record.contentHash == event.contentHash {
                reason = record.validation.findings.filter { $0.severity == .error }
                    .map { "\($0.rule): \($0.message)" }.joined(separator: "; ")
            } else {
                reason = "\(agency) \(year) is inconsistent (the mirror record has since been replaced)"
            }
        }
        return Problem(seq: event.seq, time: event.time, event: event.event, file: event.source.name, reason: reason)
    }
}
