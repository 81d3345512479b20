import Foundation
import SystemPackage

/// What has been ingested, derived from the change log alone: decides `added`, `revised`, `duplicate`,
/// and tells a file already logged (but not yet retired when the daemon stopped) from a new drop.
///
/// It is a value: a batch decides on a copy and the copy replaces the index only once the batch's
/// change-log lines are durable, so a failed append leaves no trace. It is saved to
/// `<state>/dedup-index.json` with the change-log offset it covers; on start-up the log's tail past
/// that offset is replayed, and a missing or damaged file is rebuilt from the whole log.
struct DedupIndex: Codable, Equatable {
    /// The first event that ingested each raw SHA-256 (rejected files excluded).
    private(set) var firstBySHA256: [String: Int] = [:]
    /// The first event that ingested each content hash.
    private(set) var firstByContentHash: [String: Int] = [:]
    /// The record each agency and year has in the mirror now.
    private(set) var current: [AgencyYear: Current] = [:]
    /// The latest event of each (inbox name, SHA-256): start-up recovery looks here.
    private(set) var latestBySource: [ChangeEvent.Source: Logged] = [:]
    /// How many events of each kind the log holds.
    private(set) var counts: [ChangeEventKind: Int] = [:]
    /// How many `added`, `revised` or `duplicate` events describe an inconsistent report.
    private(set) var inconsistentCount = 0
    /// The seq of the last event applied.
    private(set) var lastSeq = 0
    /// The change-log length covered by this index.
    var logOffset = 0
    /// The layout of the saved index: one saved in another layout is rebuilt from the log.
    private(set) var format = Self.currentFormat
    /// 2: rejected events keep their time. 3: a record's source keeps its name's encoding.
    static let currentFormat = 3

    struct AgencyYear: Codable, Hashable {
        var agency: String
        var year: Int
    }

    struct Current: Codable, Equatable {
        var contentHash: String
        var seq: Int
        /// The source of the event whose original (in archive/) holds this record's report.
        var source: ChangeEvent.Source
    }

    /// Enough of an event to finish retiring its file without logging it again.
    struct Logged: Codable, Equatable {
        var seq: Int
        var event: ChangeEventKind
        /// `rejected`: when and why, which the file's `.reason.json` repeats.
        var time: String?
        var reason: String?
    }

    /// What a parsed report is, given what was ingested before.
    enum Decision: Equatable {
        case added
        case revised(previous: Current)
        case duplicate(of: Int)
    }

    func decide(sha256: String, agency: String, year: Int, contentHash: String) -> Decision {
        if let first = firstBySHA256[sha256] ?? firstByContentHash[contentHash] {
            return .duplicate(of: first)
        }
        if let previous = current[AgencyYear(agency: agency, year: year)] {
            return .revised(previous: previous)
        }
        return .added
    }

    func latestEvent(for source: ChangeEvent.Source) -> Logged? {
        latestBySource[source]
    }

    /// The record every agency and year should have, with the event that wrote it.
    var currentRecords: [(agency: String, year: Int, current: Current)] {
        current.map { (agency: $0.key.agency, year: $0.key.year, current: $0.value) }
    }

    /// Takes `event` into account; events must come in seq order.
    mutating func apply(_ event: ChangeEvent) {
        lastSeq = event.seq
        counts[event.event, default: 0] += 1
        if event.status == .inconsistent { inconsistentCount += 1 }
        latestBySource[event.source] = Logged(
            seq: event.seq,
            event: event.event,
            time: event.event == .rejected ? event.time : nil,
            reason: event.reason
        )
        guard event.event != .rejected, let contentHash = event.contentHash else { return }
        if firstBySHA256[event.source.sha256] == nil { firstBySHA256[event.source.sha256] = event.seq }
        if firstByContentHash[contentHash] == nil { firstByContentHash[contentHash] = event.seq }
        if event.event != .duplicate, let agency = event.agency, let year = event.year {
            current[AgencyYear(agency: agency, year: year)] = Current(
                contentHash: contentHash,
                seq: event.seq,
                source: event.source
            )
        }
    }

    /// The index of the change log at `logPath`, built from scratch.
    static func rebuilt(fromLogAt logPath: FilePath) throws -> DedupIndex {
        var index = DedupIndex()
        try index.catchUp(withLogAt: logPath)
        return index
    }

    /// Applies the log's events past ``logOffset``.
    mutating func catchUp(withLogAt logPath: FilePath) throws {
        for (event, end) in try ChangeLog.events(at: logPath, from: logOffset) {
            guard event.seq > lastSeq else { throw DedupIndexError.outOfStep(expectedAfter: lastSeq, found: event.seq) }
            apply(event)
            logOffset = end
        }
    }

    /// Loads the saved index and catches up with the log; rebuilds from the whole log when the saved
    /// index is missing, unreadable or does not fit the log. Returns whether it was rebuilt.
    static func load(from indexPath: FilePath, logPath: FilePath) throws -> (index: DedupIndex, rebuilt: Bool) {
        if let bytes = try? FileSystem.contents(of: indexPath),
            var index = try? JSONDecoder().decode(DedupIndex.self, from: Data(bytes)),
            index.format == currentFormat,
            (try? index.catchUp(withLogAt: logPath)) != nil
        {
            return (index, false)
        }
        return (try rebuilt(fromLogAt: logPath), true)
    }

    /// Saves the index durably (temp, fsync, rename, fsync of the state folder).
    func save(to indexPath: FilePath) throws(FileSystemError) {
        // Encoding strings and integers cannot fail.
        try FileSystem.replace(indexPath, with: Array(try! JSONEncoder().encode(self)))
        try FileSystem.syncDirectory(indexPath.removingLastComponent())
    }
}

/// The saved dedup index does not describe the change log it sits next to.
enum DedupIndexError: Error, CustomStringConvertible {
    case outOfStep(expectedAfter: Int, found: Int)

    var description: String {
        switch self {
        case .outOfStep(let expectedAfter, let found):
            "the dedup index is out of step with the change log: expected a seq after \(expectedAfter), found \(found)"
        }
    }
}
