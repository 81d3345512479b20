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
    private let options: DaemonOptions
    private let parser: ReportParser
    private let logger: Logger
    private let notifier: any ServiceNotifier
    private let queue: IngestQueue
    private let watcher = Mutex<Watcher?>(nil)
    /// The size limit in force, read by the ingest loop before each batch.
    private let maxFileSize: Mutex<Int>
    /// The last `STATUS=` text sent, `nil` until the start-up scan is done.
    private let sentStatus = Mutex<String?>(nil)

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
        let (inbox, mirror, state) = try options.preparedFolders()
        let lock = try Self.lock(state)
        defer { close(lock) }
        do {
            let changeLog = try ChangeLog(path: mirror.changeLogPath, setAsideFolder: state.root, logger: logger)
            let recovery = Recovery(inbox: inbox, mirror: mirror, state: state, parser: parser, logger: logger)
            let temporaries = try recovery.removeTemporaries()
            let (index, _) = try recovery.index(matching: changeLog, forceRebuild: true)
            let (restored, removed) = try recovery.reconcileMirror(with: index)
            return RebuildSummary(
                events: index.lastSeq,
                records: index.currentRecords.count,
                recordsRestored: restored,
                recordsRemoved: removed,
                temporariesRemoved: temporaries
            )
        } catch {
            throw .startupFailed(error)
        }
    }

    /// Takes the state folder's lock, so that two daemons never share one state.
    private static func lock(_ state: StateFolder) throws(DaemonError) -> Int32 {
        let descriptor: Int32
        do {
            descriptor = try FileSystem.call("open", state.lockPath) {
                state.lockPath.withPlatformString { open($0, O_RDWR | O_CREAT | O_CLOEXEC, 0o644) }
            }
        } catch {
            throw .cannotCreateFolder(error)
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            throw .alreadyRunning(lockPath: state.lockPath)
        }
        return descriptor
    }

    /// Recovery, then the ingest loop; runs on the ingest thread.
    private func runIngestLoop() throws(DaemonError) {
        // A writer opening a file while the settle check holds its read lease makes the kernel send
        // SIGIO (the lease-break signal), whose default action would end the process.
        signal(SIGIO, SIG_IGN)
        let (inbox, mirror, state) = try options.preparedFolders()
        let lock = try Self.lock(state)
        defer { close(lock) }
        let ingestor: Ingestor
        let watcher: Watcher
        let recovery = Recovery(inbox: inbox, mirror: mirror, state: state, parser: parser, logger: logger)
        do {
            let changeLog = try ChangeLog(path: mirror.changeLogPath, setAsideFolder: state.root, logger: logger)
            _ = try recovery.removeTemporaries()
            let uncleanStop = try FileSystem.status(state.runningMarkerPath) != nil
            let (index, rebuilt) = try recovery.index(matching: changeLog, forceRebuild: false)
            if uncleanStop || rebuilt { _ = try recovery.reconcileMirror(with: index) }
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
                changeLog: changeLog,
                index: index,
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
        _ = try? recovery.removeTemporaries()
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
    fileprivate func statusLine(_ ingestor: Ingestor) -> String {
        let counts = ingestor.index.counts
        let parts = ChangeEventKind.allCases.filter { $0 != .rejected }.map { "\((counts[$0] ?? 0).formatted()) \($0)" }
        return "watching \(ingestor.inbox.root): " + parts.joined(separator: ", ")
            + ", \(ingestor.index.inconsistentCount.formatted()) inconsistent, \((counts[.rejected] ?? 0).formatted()) rejected, "
            + "\(queue.count.formatted()) waiting"
    }

    /// The loop of the ingest thread: wait for due files, check they have settled, ingest them in
    /// batches, retry failures with back-off, rescan when inotify could not keep up, stay alive.
    private struct IngestLoop {
        let daemon: Daemon
        let ingestor: Ingestor
        let watcher: Watcher

        func run() {
            let options = daemon.options
            let queue = daemon.queue
            let logger = daemon.logger
            var lastAlive = ContinuousClock.Instant.now - .seconds(1)
            var lastStatus = daemon.status
            var nextScan = ContinuousClock.now + options.scanInterval
            var pendingRescan: IngestQueue.RescanReason?
            var rescanBackOff = Duration.seconds(1)
            var lastRescan = ContinuousClock.Instant.now - .seconds(3600)
            var indexSavedSeq = ingestor.index.lastSeq
            var nextUnloggedTry = ContinuousClock.now
            var lastIndexSave = ContinuousClock.now
            while true {
                var now = ContinuousClock.now
                if now - lastAlive >= .milliseconds(500) {
                    daemon.notifier.notifyAlive()
                    lastAlive = now
                }
                if watcher.needsPeriodicScan && now >= nextScan {
                    let wasWatching = watcher.isWatchingInbox
                    if watcher.scan() && !wasWatching {
                        logger.notice(
                            "the inbox is back; watching it again",
                            metadata: ["path": "\(ingestor.inbox.root.spelling)"]
                        )
                    }
                    nextScan = now + (watcher.isWatchingInbox ? options.scanInterval : .seconds(1))
                }
                if let reason = pendingRescan, now >= lastRescan + rescanBackOff {
                    // Overflow rescans back off (1 s doubling to 60 s while overflows keep coming) so
                    // that a flood of events never turns into a loop of full rescans.
                    rescanBackOff =
                        now - lastRescan < rescanBackOff * 4 ? min(rescanBackOff * 2, .seconds(60)) : .seconds(1)
                    lastRescan = now
                    logger.notice(
                        "rescanning the inbox: \(reason.rawValue)",
                        metadata: ["nextRescanAfter": "\(rescanBackOff)"]
                    )
                    watcher.scan()
                    pendingRescan = nil
                }
                var wake = now + .milliseconds(500)
                if pendingRescan != nil { wake = min(wake, lastRescan + rescanBackOff) }
                let work = queue.next(limit: Daemon.batchLimit, wakingBy: wake)
                if let reason = work.rescan { pendingRescan = pendingRescan ?? reason }
                let settled = work.due.filter(hasSettled)
                // A batch waiting for its change-log lines is retried even when nothing else is due.
                if !settled.isEmpty || (ingestor.hasUnloggedBatch && now >= nextUnloggedTry) {
                    nextUnloggedTry = now + .seconds(5)
                    ingestor.maxFileSize = daemon.maxFileSize.withLock { $0 }
                    let entries = Dictionary(settled.map { ($0.relative, $0) }, uniquingKeysWith: { first, _ in first })
                    for failure in ingestor.ingest(settled.map(\.relative)) {
                        // A file of an earlier batch whose lines were appended only now has no entry here: it
                        // settles again from how it looks now.
                        let entry =
                            entries[failure.relative]
                            ?? IngestQueue.Entry(
                                relative: failure.relative,
                                due: now,
                                fingerprint: try? FileSystem.status(ingestor.inbox.path(of: failure.relative))?
                                    .fingerprint
                            )
                        let delay = Duration.seconds(min(60, 1 << min(entry.attempts, 6)))
                        var metadata: Logger.Metadata = ["REPORTSYNC_FILE": "\(failure.relative.spelling)"]
                        if let errno = failure.errno { metadata["ERRNO"] = "\(errno.rawValue)" }
                        logger.error(
                            "a file stays in the inbox and is retried in \(delay): \(failure.reason)",
                            metadata: metadata
                        )
                        queue.retry(entry, after: delay)
                    }
                }
                now = ContinuousClock.now
                let status = daemon.statusLine(ingestor)
                if status != lastStatus {
                    daemon.notifier.notifyStatus(status)
                    daemon.sentStatus.withLock { $0 = status }
                    lastStatus = status
                }
                // The saved index only shortens the catch-up from the change log at start-up, so it is
                // saved rarely, and only when there is nothing to ingest.
                if ingestor.index.lastSeq != indexSavedSeq && work.due.isEmpty && now - lastIndexSave > .seconds(300) {
                    do {
                        try ingestor.index.save(to: ingestor.state.indexPath)
                        indexSavedSeq = ingestor.index.lastSeq
                    } catch {
                        logger.warning(
                            "cannot save the dedup index (it is caught up from the change log at start): \(error)",
                            metadata: ["ERRNO": "\(error.errno.rawValue)"]
                        )
                    }
                    lastIndexSave = now
                }
                if work.stopping { return }
            }
        }

        /// True when `entry` may be read now: renamed in, or unchanged for the settle interval and open
        /// for writing nowhere. A file still changing or still open is noted again to settle anew.
        private func hasSettled(_ entry: IngestQueue.Entry) -> Bool {
            guard let fingerprint = entry.fingerprint else { return true }
            let path = ingestor.inbox.path(of: entry.relative)
            guard let info = try? FileSystem.status(path), info.isRegularFile else { return false }
            if info.fingerprint == fingerprint && FileSystem.isOpenForWriting(path) != true { return true }
            daemon.queue.note(entry.relative, .settling(info.fingerprint))
            return false
        }
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
