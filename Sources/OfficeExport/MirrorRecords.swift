import Dispatch
import ReportCore
import SyncEngine
import Synchronization
import SystemPackage

/// Which records of a mirror an export covers: some years (all when empty) and the agencies whose
/// name contains a text (all when `nil`).
public struct RecordSelection: Sendable, Equatable {
    /// The report years to include; empty for every year.
    public var years: Set<Int>
    /// A substring of the agency names to include; `nil` for every agency.
    public var agency: String?

    public init(years: Set<Int> = [], agency: String? = nil) {
        self.years = years
        self.agency = agency
    }

    /// Whether `record` is selected.
    public func contains(_ record: Record) -> Bool {
        (years.isEmpty || years.contains(record.year)) && (agency.map { record.agency.contains($0) } ?? true)
    }
}

extension MirrorFolder {
    /// The records of the mirror in the years `years` (every year when `nil`), read in parallel,
    /// sorted by agency and year. Record files are replaced by rename, so a daemon writing beside
    /// this read is never seen half-way.
    ///
    /// - Throws: `MirrorReadError` naming the first record file that cannot be read; a
    ///   `FileSystemError` when `records/` cannot be listed.
    public func records(years: Set<Int>? = nil) throws -> [Record] {
        let files = try recordFiles().filter { path in
            guard let years else { return true }
            // `records/<year>/<name>.json`: the folder names the year.
            return path.removingLastComponent().lastComponent.flatMap { Int($0.string) }.map(years.contains) ?? false
        }
        let results = Mutex([Result<Record, MirrorReadError>?](repeating: nil, count: files.count))
        DispatchQueue.concurrentPerform(iterations: files.count) { index in
            let result = Result { () throws(MirrorReadError) in try record(at: files[index]) }
            results.withLock { $0[index] = result }
        }
        let records = try results.withLock { $0 }.map { try $0!.get() }
        return records.sorted { ($0.agency, $0.year) < ($1.agency, $1.year) }
    }
}
