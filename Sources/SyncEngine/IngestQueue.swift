import Foundation
import SystemPackage

/// The files waiting to be ingested, keyed by inbox path so that many events about one file make one
/// entry, each with the moment it may be read. Filled by the ``Watcher`` (and by scans), drained by the
/// ingest loop, which blocks here until something is due.
///
/// Memory is bounded: past `capacity` entries new paths are not stored, a rescan is requested instead,
/// and the scan finds them once the backlog has shrunk.
final class IngestQueue: @unchecked Sendable {
    /// How a file came to the queue, which decides when it may be read.
    enum Arrival {
        /// Renamed into the inbox: complete, read at once.
        case movedIn
        /// Closed after writing, or found by a scan: read once unchanged for the settle interval.
        case settling(FileFingerprint)
    }

    /// Why the inbox should be listed again.
    enum RescanReason: String {
        case overflow = "the inotify event queue overflowed"
        case backlog = "the ingest queue was full"
    }

    struct Entry {
        var relative: FilePath
        var due: ContinuousClock.Instant
        /// The look at the file the settle check compares with; `nil` for a complete file.
        var fingerprint: FileFingerprint?
        /// Failed attempts so far, for back-off.
        var attempts = 0
    }

    /// What the ingest loop should do next.
    struct Work {
        var due: [Entry]
        var rescan: RescanReason?
        var stopping: Bool
    }

    private let condition = NSCondition()
    private var entries: [FilePath: Entry] = [:]
    private var rescan: RescanReason?
    private var stopping = false
    private var _settleInterval: Duration
    private let capacity: Int

    init(settleInterval: Duration, capacity: Int = 50_000) {
        self._settleInterval = settleInterval
        self.capacity = capacity
    }

    /// How long a file noted as settling waits before it is read; a change applies to files noted from then on.
    var settleInterval: Duration {
        get { condition.withLock { _settleInterval } }
        set { condition.withLock { _settleInterval = newValue } }
    }

    var count: Int {
        condition.withLock { entries.count }
    }

    /// Records an arrival; a later arrival of the same path replaces the earlier one.
    func note(_ relative: FilePath, _ arrival: Arrival) {
        let now = ContinuousClock.now
        condition.withLock {
            let entry =
                switch arrival {
                case .movedIn: Entry(relative: relative, due: now)
                case .settling(let fingerprint):
                    Entry(relative: relative, due: now + _settleInterval, fingerprint: fingerprint)
                }
            if entries[relative] == nil && entries.count >= capacity {
                rescan = rescan ?? .backlog
                return
            }
            entries[relative] = entry
            condition.signal()
        }
    }

    /// Puts back an entry whose attempt failed, due again after `delay`.
    func retry(_ entry: Entry, after delay: Duration) {
        var entry = entry
        entry.due = .now + delay
        entry.attempts += 1
        condition.withLock {
            if entries[entry.relative] == nil { entries[entry.relative] = entry }
        }
    }

    func requestRescan(_ reason: RescanReason) {
        condition.withLock {
            rescan = rescan ?? reason
            condition.signal()
        }
    }

    /// Ends ``next(limit:wakingBy:)``'s waits; the loop finishes what it holds and returns.
    func stop() {
        condition.withLock {
            stopping = true
            condition.broadcast()
        }
    }

    /// Waits until entries are due, a rescan is requested, stop is called or `deadline` passes, then
    /// hands out up to `limit` due entries (earliest first) and the pending rescan.
    func next(limit: Int, wakingBy deadline: ContinuousClock.Instant) -> Work {
        condition.withLock {
            while true {
                let now = ContinuousClock.now
                var due = entries.values.filter { $0.due <= now }
                if !due.isEmpty || rescan != nil || stopping || now >= deadline {
                    due.sort { $0.due < $1.due }
                    due = Array(due.prefix(limit))
                    for entry in due { entries[entry.relative] = nil }
                    defer { rescan = nil }
                    return Work(due: due, rescan: rescan, stopping: stopping)
                }
                let nextDue = entries.values.map(\.due).min().map { min($0, deadline) } ?? deadline
                let seconds =
                    Double((nextDue - now).components.attoseconds) / 1e18 + Double((nextDue - now).components.seconds)
                _ = condition.wait(until: Date(timeIntervalSinceNow: max(seconds, 0.000_5)))
            }
        }
    }
}
