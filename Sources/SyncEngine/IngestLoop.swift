import Logging
import SystemPackage

/// The loop of the ingest thread: wait for due files, check they have settled, ingest them in
/// batches, retry failures with back-off, rescan when inotify could not keep up, stay alive. Its
/// clocks are one ``IngestDeadlines``.
struct IngestLoop {
    let daemon: Daemon
    let ingestor: Ingestor
    let watcher: Watcher

    private var queue: IngestQueue { daemon.queue }
    private var logger: Logger { daemon.logger }

    /// Runs until the queue says it is stopping; the batch in hand is finished first.
    func run() {
        let scanInterval = daemon.options.scanInterval
        var deadlines = IngestDeadlines(
            now: .now,
            scanInterval: scanInterval,
            status: daemon.status,
            indexSavedSeq: ingestor.index.lastSeq
        )
        DaemonMetrics.logged(lastSeq: ingestor.index.lastSeq, bytes: ingestor.index.logOffset)
        while true {
            var now = ContinuousClock.now
            if deadlines.takeAlive(at: now) { daemon.notifier.notifyAlive() }
            if watcher.needsPeriodicScan && now >= deadlines.nextScan {
                let wasWatching = watcher.isWatchingInbox
                if watcher.scan() && !wasWatching {
                    logger.notice(
                        "the inbox is back; watching it again",
                        metadata: ["path": "\(ingestor.inbox.root.spelling)"]
                    )
                }
                deadlines.nextScan = now + (watcher.isWatchingInbox ? scanInterval : .seconds(1))
            }
            if let reason = deadlines.takeRescan(at: now) {
                logger.notice(
                    "rescanning the inbox: \(reason.rawValue)",
                    metadata: ["nextRescanAfter": "\(deadlines.rescanBackOff)"]
                )
                DaemonMetrics.rescanned(String(describing: reason))
                watcher.scan()
            }
            let work = queue.next(limit: Daemon.batchLimit, wakingBy: deadlines.wake(after: now))
            if let reason = work.rescan { deadlines.requestRescan(reason) }
            let settled = work.due.filter(hasSettled)
            // A batch waiting for its change-log lines is retried even when nothing else is due.
            if !settled.isEmpty || (ingestor.hasUnloggedBatch && now >= deadlines.nextUnloggedTry) {
                deadlines.nextUnloggedTry = now + IngestDeadlines.unloggedRetryInterval
                ingest(settled, at: now)
            }
            now = ContinuousClock.now
            DaemonMetrics.waiting(queue.count)
            let status = daemon.statusLine(ingestor)
            if status != deadlines.lastStatus {
                daemon.notifier.notifyStatus(status)
                daemon.sentStatus.withLock { $0 = status }
                deadlines.lastStatus = status
            }
            if deadlines.isIndexSaveDue(at: now, lastSeq: ingestor.index.lastSeq, idle: work.due.isEmpty) {
                do {
                    try ingestor.index.save(to: ingestor.state.indexPath)
                    deadlines.indexSavedSeq = ingestor.index.lastSeq
                } catch {
                    logger.warning(
                        "cannot save the dedup index (it is caught up from the change log at start): \(error)",
                        metadata: ["ERRNO": "\(error.errno.rawValue)"]
                    )
                }
                deadlines.lastIndexSave = now
            }
            if work.stopping { return }
        }
    }

    /// Ingests `settled` with the size limit in force and puts each file that failed back in the queue,
    /// due again after a back-off that doubles with its attempts (up to 60 s).
    private func ingest(_ settled: [IngestQueue.Entry], at now: ContinuousClock.Instant) {
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
                    fingerprint: try? FileSystem.status(ingestor.inbox.path(of: failure.relative))?.fingerprint
                )
            let delay = Duration.seconds(min(60, 1 << min(entry.attempts, 6)))
            var metadata: Logger.Metadata = ["REPORTSYNC_FILE": "\(failure.relative.spelling)"]
            if let errno = failure.errno {
                metadata["ERRNO"] = "\(errno.rawValue)"
                DaemonMetrics.failed(errno)
            }
            logger.error(
                "a file stays in the inbox and is retried in \(delay): \(failure.reason)",
                metadata: metadata
            )
            queue.retry(entry, after: delay)
        }
    }

    /// True when `entry` may be read now: renamed in, or unchanged for the settle interval and open
    /// for writing nowhere. A file still changing or still open is noted again to settle anew.
    private func hasSettled(_ entry: IngestQueue.Entry) -> Bool {
        guard let fingerprint = entry.fingerprint else { return true }
        let path = ingestor.inbox.path(of: entry.relative)
        guard let info = try? FileSystem.status(path), info.isRegularFile else { return false }
        if info.fingerprint == fingerprint && FileSystem.isOpenForWriting(path) != true { return true }
        queue.note(entry.relative, .settling(info.fingerprint))
        return false
    }
}
