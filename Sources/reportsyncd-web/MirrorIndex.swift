import Hummingbird
import ReportCore
import SyncEngine
import SystemPackage

/// What the pages show, kept in memory and brought up to date from the change log on each request:
/// only the lines appended since the last look are read (`ChangeLogFollower`), and a record file is
/// read only when a page needs it and its content has changed since it was last read. No request
/// reads every record.
actor MirrorIndex {
    let mirror: MirrorFolder
    let state: StateFolder
    private var follower: ChangeLogFollower
    private(set) var snapshot = MirrorSnapshot()
    private var records: [ReportKey: Record] = [:]
    /// Rendered pages that depend on nothing but the snapshot, for the seq they were made at; a
    /// `ByteBuffer` so that every response shares the one copy.
    private var pages: [String: (seq: Int, body: ByteBuffer)] = [:]

    init(mirror: FilePath, state: FilePath) {
        self.mirror = MirrorFolder(root: mirror)
        self.state = StateFolder(root: state)
        follower = ChangeLogFollower(mirror: mirror)
    }

    /// The index with every event the log holds now.
    func refresh() throws -> MirrorSnapshot {
        let events = try follower.next()
        if !events.isEmpty {
            snapshot.apply(events.map(\.event), logSize: follower.offset)
        }
        return snapshot
    }

    /// The current record of `key`, read again only when its content hash changed.
    func record(_ key: ReportKey) -> Record? {
        guard let entry = snapshot.reports[key] else { return nil }
        if let cached = records[key], cached.contentHash == entry.contentHash { return cached }
        guard let record = mirror.record(agency: key.agency, year: key.year) else { return nil }
        records[key] = record
        return record
    }

    /// The page `name` made by `render` for the current snapshot, made again only after new events.
    func page(_ name: String, render: (MirrorSnapshot) -> [UInt8]) -> ByteBuffer {
        if let cached = pages[name], cached.seq == snapshot.lastSeq { return cached.body }
        let body = ByteBuffer(bytes: render(snapshot))
        pages[name] = (snapshot.lastSeq, body)
        return body
    }
}

/// An agency and a year: one cell of the overview, one record of the mirror.
struct ReportKey: Hashable, Sendable, Comparable {
    var agency: String
    var year: Int

    static func < (lhs: ReportKey, rhs: ReportKey) -> Bool {
        (lhs.agency, lhs.year) < (rhs.agency, rhs.year)
    }
}

/// The change log read into what the pages list.
struct MirrorSnapshot: Sendable {
    /// Each agency and year's current record: the `added` or `revised` event that wrote it.
    var reports: [ReportKey: ChangeEvent] = [:]
    /// Every event about an agency but `rejected`, oldest first: its revision history.
    var history: [String: [ChangeEvent]] = [:]
    /// Agencies, sorted.
    var agencies: [String] = []
    /// Report years, ascending.
    var years: [Int] = []
    /// Rejected files, oldest first.
    var rejected: [ChangeEvent] = []
    /// Every event by seq whose original is kept (`archive/` or `rejected/`).
    var events: [Int: ChangeEvent] = [:]
    /// The last events, newest first.
    var recent: [ChangeEvent] = []
    var counts: [ChangeEventKind: Int] = [:]
    var lastSeq = 0
    /// The change log's length in bytes.
    var logSize = 0

    static let recentCount = 20

    mutating func apply(_ new: [ChangeEvent], logSize: Int) {
        var agencySet = Set(agencies)
        var yearSet = Set(years)
        for event in new {
            counts[event.event, default: 0] += 1
            events[event.seq] = event
            lastSeq = max(lastSeq, event.seq)
            if event.event == .rejected {
                rejected.append(event)
            } else if let agency = event.agency, let year = event.year {
                history[agency, default: []].append(event)
                agencySet.insert(agency)
                yearSet.insert(year)
                if event.event != .duplicate { reports[ReportKey(agency: agency, year: year)] = event }
            }
        }
        recent = Array((new.reversed() + recent).prefix(Self.recentCount))
        agencies = agencySet.sorted()
        years = yearSet.sorted()
        self.logSize = logSize
    }

    /// The number of agency–year cells in each state.
    var statusCounts: (valid: Int, inconsistent: Int, missing: Int) {
        let inconsistent = reports.values.filter { $0.status == .inconsistent }.count
        return (reports.count - inconsistent, inconsistent, agencies.count * years.count - reports.count)
    }
}
