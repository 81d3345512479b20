import ReportCore
import SyncEngine
import SystemPackage

/// Every event of one agency in a mirror's change log, oldest first, with the cells each revision
/// changed, old → new (`reportsyncd history`).
///
/// The mirror keeps only the current record, so the values come from the originals the daemon
/// archived (`<state>/archive/<seq>-<name>`): the original of each `added` or `revised` event is
/// parsed again, and a revision is compared with the one before it of the same year. Where an
/// original is gone, the change log's `changedCells` are still shown, without values.
public struct AgencyHistory: Sendable {
    /// One event of the agency.
    public struct Entry: Sendable {
        public var event: ChangeEvent
        /// For `revised`: the changed cells, in template order.
        public var changes: [CellChange]
        /// Why values are missing, when an original could not be read again.
        public var note: String?
    }

    /// One cell of a revision: its key, title and the values before and after (`nil`: unknown).
    public struct CellChange: Sendable, Equatable {
        public var key: String
        public var title: String
        public var old: String?
        public var new: String?
    }

    /// The events, oldest first.
    public let entries: [Entry]

    /// The history of every agency whose name contains `agency`, read from `mirror`'s change log
    /// (with `ChangeLogFollower`) and the originals in the state folder `state`.
    public init(agency: String, mirror: MirrorFolder, state: FilePath, parser: ReportParser) throws {
        var follower = ChangeLogFollower(mirror: mirror.root)
        let events = try follower.next().map(\.event).filter { $0.agency?.contains(agency) ?? false }
        let titles = Dictionary(uniqueKeysWithValues: CellColumn.all.map { ($0.key, $0.title) })
        // The cells of the latest added or revised original of each agency and year, as parsed again.
        var current: [CrossYearFinding.RecordName: [String: String]?] = [:]
        entries = events.map { event in
            guard event.event == .added || event.event == .revised, let name = event.agency, let year = event.year
            else { return Entry(event: event, changes: []) }
            let key = CrossYearFinding.RecordName(agency: name, year: year)
            let cells = Self.cells(of: event, state: state, parser: parser)
            defer { current[key] = cells }
            guard event.event == .revised else { return Entry(event: event, changes: []) }
            let before = current[key] ?? nil
            let changes = (event.changedCells ?? []).map { cell in
                CellChange(key: cell, title: titles[cell] ?? cell, old: before?[cell], new: cells?[cell])
            }
            let note: String? =
                before == nil || cells == nil ? "an original is no longer in the archive: values unknown" : nil
            return Entry(event: event, changes: changes, note: note)
        }
    }

    /// The cells of the archived original of `event`, `nil` when it cannot be read or parsed.
    private static func cells(of event: ChangeEvent, state: FilePath, parser: ReportParser) -> [String: String]? {
        let path = StateFolder(root: state).retiredPath(of: event)
        guard let bytes = try? contents(of: path),
            case .success(let record) = parser.parse(bytes, sourceName: event.source.name),
            record.contentHash == event.contentHash
        else { return nil }
        return Dictionary(record.cellValues.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
    }

    /// The bytes of the file at `path` (whose name may be any bytes).
    private static func contents(of path: FilePath) throws -> [UInt8] {
        let descriptor = try FileDescriptor.open(path, .readOnly)
        defer { try? descriptor.close() }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while case let count = try chunk.withUnsafeMutableBytes({ try descriptor.read(into: $0) }), count > 0 {
            bytes += chunk[..<count]
        }
        return bytes
    }
}
