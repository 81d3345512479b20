import Foundation
import Glibc
import Logging
import ReportCore
import Synchronization
import SystemPackage

/// The inbox daemon: watches the inbox and ingests every file that lands there exactly once.
///
/// ``run()`` recovers from whatever a previous run left (torn change-log line, temp files, files logged
/// but not yet moved, mirror records the log does not describe), watches and scans the inbox, tells the
/// ``ServiceNotifier`` it is ready, and then ingests until ``stop()``: the batch in hand is finished and
/// made durable before `run()` returns. File I/O runs on two dedicated threads (inotify reader and
/// ingest loop), never on the concurrency pool. ``reload(settleInterval:maxFileSize:)`` changes the settle
/// interval and the size limit while it runs; the folders are fixed for the life of the process.
public final class Daemon: Sendable {
    let options: DaemonOptions
    private let parser: ReportParser
    let logger: Logger
    let notifier: any ServiceNotifier
    let queue: IngestQueue
    private let watcher = Mutex<Watcher?>(nil)
    /// The size limit in force, read by the ingest loop before each batch.
    let maxFileSize: Mutex<Int>
    /// The last `STATUS=` text sent, `nil` until the start-up scan is done.
    let sentStatus = Mutex<String?>(nil)

    /// The most files ingested in one group commit.
    static let batchLimit = 64

    public init(options: DaemonOptions, parser: ReportParser, logger: Logger, notifier: any ServiceNotifier) {
        self.options = options
        self.parser = parser
        self.logger = logger
        self.notifier = notifier
        self.queue = IngestQueue(settleInterval: options.settleInterval)
        self.maxFileSize = Mutex(options.maxFileSize)
    }

    /// What the daemon last told the ``ServiceNotifier`` in `STATUS=` (e.g. "watching /srv/inbox: 3 added, …,
    /// 0 waiting"); `nil` until it is ready.
    public var status: String? {
        sentStatus.withLock { $0 }
    }

    /// Runs until ``stop()``; throws a ``DaemonError`` when it cannot start.
    public func run() async throws(DaemonError) {
        let result: Result<Void, DaemonError> = await withCheckedContinuation { continuation in
            let thread = Thread {
                do throws(DaemonError) {
                    try self.runIngestLoop()
                    continuation.resume(returning: .success(()))
                } catch {
                    continuation.resume(returning: .failure(error))
                }
            }
            thread.name = "reportsyncd ingest"
            thread.start()
        }
        try result.get()
    }

    /// Applies a reloaded configuration while running: files noted from now on settle for `settleInterval`, and
    /// the next batch is read with the limit `maxFileSize`.
    public func reload(settleInterval: Duration, maxFileSize: Int) {
        queue.settleInterval = settleInterval
        self.maxFileSize.withLock { $0 = maxFileSize }
    }

    /// Asks the daemon to finish the batch in hand and return from ``run()``.
    public func stop() {
        notifier.notifyStopping()
        queue.stop()
        watcher.withLock { $0?.stop() }
    }

    /// Rebuilds the dedup index from the change log and brings the mirror in line with it, for
    /// `reportsyncd rebuild`. Takes the lock: the daemon must not be running.
    public static func rebuild(
        options: DaemonOptions,
        parser: ReportParser,
        logger: Logger
    ) throws(DaemonError) -> RebuildSummary {
        let startup = try Startup(options: options, parser: parser, logger: logger, rebuild: true)
        defer { startup.unlock() }
        return RebuildSummary(
            events: startup.index.lastSeq,
            records: startup.index.currentRecords.count,
            recordsRestored: startup.mirrorRepairs.restored,
            recordsRemoved: startup.mirrorRepairs.removed,
            temporariesRemoved: startup.temporariesRemoved
        )
    }

    /// The start-up sequence, then the ingest loop; runs on the ingest thread.
    private func runIngestLoop() throws(DaemonError) {
        // A writer opening a file while the settle check holds its read lease makes the kernel send
        // SIGIO (the lease-break signal), whose default action would end the process.
        signal(SIGIO, SIG_IGN)
        let startup = try Startup(options: options, parser: parser, logger: logger, rebuild: false)
        defer { startup.unlock() }
        let (inbox, mirror, state) = (startup.inbox, startup.mirror, startup.state)
        let ingestor: Ingestor
        let watcher: Watcher
        do {
            try FileSystem.replace(state.runningMarkerPath, with: Array("\(getpid())\n".utf8))
            try FileSystem.syncDirectory(state.root)
            if !FileSystem.keepsUserAttributes(state.runningMarkerPath) {
                logger.warning(
                    """
                    the state folder's file system keeps no user extended attributes: where the inbox is \
                    another mount, a crash between copying a file to archive/ and removing it from the inbox \
                    gives it a second, duplicate, event
                    """,
                    metadata: ["path": "\(state.root.spelling)"]
                )
            }
            ingestor = Ingestor(
                inbox: inbox,
                mirror: mirror,
                state: state,
                parser: parser,
                maxFileSize: maxFileSize.withLock { $0 },
                changeLog: startup.changeLog,
                index: startup.index,
                logger: logger
            )
            watcher = try Watcher(inbox: inbox, queue: queue, logger: logger)
        } catch {
            throw .startupFailed(error)
        }
        self.watcher.withLock { $0 = watcher }
        let reader = Thread { watcher.run() }
        reader.name = "reportsyncd inotify"
        reader.start()
        defer { watcher.stop() }

        watcher.scan()
        let status = statusLine(ingestor)
        sentStatus.withLock { $0 = status }
        notifier.notifyReady(status: status)
        logger.info(
            "watching the inbox",
            metadata: [
                "inbox": "\(inbox.root)", "mirror": "\(mirror.root)", "state": "\(state.root)",
                "waiting": "\(queue.count)",
            ]
        )
        IngestLoop(daemon: self, ingestor: ingestor, watcher: watcher).run()
        // A batch whose lines could not be made durable gets one last try, and temp files whose removal
        // failed after a failed write go now rather than at the next start.
        ingestor.finishUnlogged()
        _ = try? startup.recovery.removeTemporaries()
        do {
            try ingestor.index.save(to: state.indexPath)
            if ingestor.mirrorMayBeAheadOfLog {
                logger.warning("a batch reached the mirror but not the change log: the next start checks the mirror")
            } else {
                try FileSystem.remove(state.runningMarkerPath)
            }
        } catch {
            logger.error(
                "cannot save the dedup index at shutdown (it is rebuilt at the next start): \(error)",
                metadata: ["ERRNO": "\(error.errno.rawValue)"]
            )
        }
        logger.info("stopped", metadata: ["lastSeq": "\(ingestor.index.lastSeq)"])
    }

    /// "watching /srv/inbox: 1,204 added, 0 revised, 2 duplicate, 3 inconsistent, 1 rejected, 0 waiting".
    func statusLine(_ ingestor: Ingestor) -> String {
        let counts = ingestor.index.counts
        let parts = ChangeEventKind.allCases.filter { $0 != .rejected }.map { "\((counts[$0] ?? 0).formatted()) \($0)" }
        return "watching \(ingestor.inbox.root): " + parts.joined(separator: ", ")
            + ", \(ingestor.index.inconsistentCount.formatted()) inconsistent, \((counts[.rejected] ?? 0).formatted()) rejected, "
            + "\(queue.count.formatted()) waiting"
    }
}

/// What `reportsyncd rebuild` did.
public struct RebuildSummary: Sendable, Equatable {
    /// Events in the change log.
    public var events: Int
    /// Records the mirror should hold.
    public var records: Int
    /// Records rewritten from their archived originals because they were missing or not the logged ones.
    public var recordsRestored: Int
    /// Records removed because no event describes them.
    public var recordsRemoved: Int
    /// Temp files a crash had left in the mirror and state folders.
    public var temporariesRemoved: Int
}
