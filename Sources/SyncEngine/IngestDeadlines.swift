/// The clocks and flags of the ingest loop, in one value: when it last told the service manager it is
/// alive, when it scans and rescans, when it retries a batch waiting for its change-log lines, when it
/// saves the dedup index, and the status it last sent.
struct IngestDeadlines {
    /// The watchdog is told the loop is alive at least this often.
    static let aliveInterval = Duration.milliseconds(500)
    /// The longest the loop waits for work before it looks at its clocks again.
    static let longestWait = Duration.milliseconds(500)
    /// How often a batch waiting for its change-log lines is retried when nothing else is due.
    static let unloggedRetryInterval = Duration.seconds(5)
    /// The saved index only shortens the catch-up from the change log at start-up, so it is saved at
    /// most this often, and only when there is nothing to ingest.
    static let indexSaveInterval = Duration.seconds(300)

    var lastAlive: ContinuousClock.Instant
    /// The `STATUS=` text last sent.
    var lastStatus: String?
    /// When the inbox is next scanned while inotify cannot cover it.
    var nextScan: ContinuousClock.Instant
    /// A rescan asked for (queue overflow or backlog) and not yet done.
    var pendingRescan: IngestQueue.RescanReason?
    var rescanBackOff = Duration.seconds(1)
    var lastRescan: ContinuousClock.Instant
    /// The earliest a batch waiting for its change-log lines is tried again on its own.
    var nextUnloggedTry: ContinuousClock.Instant
    /// The last seq the saved index covers.
    var indexSavedSeq: Int
    var lastIndexSave: ContinuousClock.Instant

    init(now: ContinuousClock.Instant, scanInterval: Duration, status: String?, indexSavedSeq: Int) {
        lastAlive = now - .seconds(1)
        lastStatus = status
        nextScan = now + scanInterval
        lastRescan = now - .seconds(3600)
        nextUnloggedTry = now
        self.indexSavedSeq = indexSavedSeq
        lastIndexSave = now
    }

    /// Whether the watchdog is due at `now`; if so, it counts as told.
    mutating func takeAlive(at now: ContinuousClock.Instant) -> Bool {
        guard now - lastAlive >= Self.aliveInterval else { return false }
        lastAlive = now
        return true
    }

    /// Notes a requested rescan; the first reason given stands until the rescan is done.
    mutating func requestRescan(_ reason: IngestQueue.RescanReason) {
        pendingRescan = pendingRescan ?? reason
    }

    /// The pending rescan if its back-off has passed at `now`, which then counts as done. Overflow
    /// rescans back off (1 s doubling to 60 s while overflows keep coming) so that a flood of events
    /// never turns into a loop of full rescans.
    mutating func takeRescan(at now: ContinuousClock.Instant) -> IngestQueue.RescanReason? {
        guard let reason = pendingRescan, now >= lastRescan + rescanBackOff else { return nil }
        rescanBackOff = now - lastRescan < rescanBackOff * 4 ? min(rescanBackOff * 2, .seconds(60)) : .seconds(1)
        lastRescan = now
        pendingRescan = nil
        return reason
    }

    /// How long the loop may wait for work from `now`: until its next look at the clocks or the pending
    /// rescan, whichever comes first.
    func wake(after now: ContinuousClock.Instant) -> ContinuousClock.Instant {
        let wake = now + Self.longestWait
        return pendingRescan == nil ? wake : min(wake, lastRescan + rescanBackOff)
    }

    /// Whether the dedup index, now at `lastSeq`, is due to be saved at `now` (`idle`: nothing was due).
    func isIndexSaveDue(at now: ContinuousClock.Instant, lastSeq: Int, idle: Bool) -> Bool {
        lastSeq != indexSavedSeq && idle && now - lastIndexSave > Self.indexSaveInterval
    }
}
