import Logging
import SystemPackage

/// The commit step of an ingest: makes a batch's decisions durable, in the order that makes a crash
/// at any instant safe:
/// 1. the batch's mirror records are written (temp, fsync, rename) and their folders fsynced;
/// 2. the batch's change-log lines are appended and fsynced (group commit);
/// 3. only then does the batch's copy of the ``DedupIndex`` replace the index, and may its files be
///    reported and retired.
///
/// A failed mirror commit leaves records the log may not describe (``mirrorMayBeAheadOfLog``: the next
/// start-up checks the mirror). A failed append leaves lines that may be in the log already, seen by
/// readers: the batch is kept (``hasUnloggedBatch``) and its lines appended again, unchanged, before
/// anything new is decided, so no line of the log ever changes under a reader.
final class BatchCommitter {
    let mirror: Mirror
    private let changeLog: ChangeLog
    private let logger: Logger
    /// What the durable part of the change log holds.
    private(set) var index: DedupIndex
    /// Set when a batch's mirror commit failed part-way.
    private var mirrorCommitFailed = false
    /// A batch whose records are in the mirror but whose change-log append failed.
    private var unlogged: (decided: [DecidedEvent], index: DedupIndex)?

    init(mirror: Mirror, changeLog: ChangeLog, index: DedupIndex, logger: Logger) {
        self.mirror = mirror
        self.changeLog = changeLog
        self.index = index
        self.logger = logger
    }

    /// Whether the mirror may hold records the change log does not (yet, durably) describe: the next
    /// start-up must check the mirror against the log.
    var mirrorMayBeAheadOfLog: Bool { mirrorCommitFailed || unlogged != nil }

    /// Whether a batch waits for its change-log lines.
    var hasUnloggedBatch: Bool { unlogged != nil }

    /// The seq of the last durable event: a batch numbers its events from the next one on.
    var lastSeq: Int { changeLog.lastSeq }

    /// Makes `decided` durable: `records` (staged for it) put in place, then its change-log lines
    /// appended; `working` (the index with `decided` applied) then becomes ``index``. Throws, after
    /// logging it, when the batch could not be made durable: its files stay in the inbox for a retry.
    func commit(
        _ decided: [DecidedEvent],
        records: [FileSystem.StagedFile],
        index working: DedupIndex
    ) throws(FileSystemError) {
        do {
            try mirror.commit(records)
        } catch {
            // No temp file stays behind in the mirror once its write has failed.
            for record in records { FileSystem.discard(record) }
            mirrorCommitFailed = true
            logFailure(of: decided, error)
            throw error
        }
        do {
            try changeLog.append(decided.map(\.event))
        } catch {
            unlogged = (decided, working)
            logFailure(of: decided, error)
            throw error
        }
        take(working)
    }

    /// Appends the events of the batch whose append failed, if any, and returns them (now durable, to be
    /// reported and retired); throws when the log still cannot take them.
    func appendUnlogged() throws(FileSystemError) -> [DecidedEvent] {
        guard let (decided, working) = unlogged else { return [] }
        do {
            try changeLog.append(decided.map(\.event))
        } catch {
            logger.error(
                "the change log still cannot take the lines of a batch: nothing new is ingested until it does: \(error)",
                metadata: ["ERRNO": "\(error.errno.rawValue)"]
            )
            throw error
        }
        unlogged = nil
        take(working)
        return decided
    }

    /// At shutdown, when the log could not take the batch's lines even then: the partial line the failed
    /// append left is cut; its whole lines stay, and the next start takes them as logged.
    func cutPartialLine() {
        do {
            try changeLog.cutPartialLine()
        } catch {
            logger.error(
                "cannot cut the partial last line of the change log (it is cut at the next start): \(error)",
                metadata: ["ERRNO": "\(error.errno.rawValue)"]
            )
        }
    }

    /// Takes the index of a durable append.
    private func take(_ working: DedupIndex) {
        index = working
        index.logOffset = changeLog.endOffset
    }

    private func logFailure(of decided: [DecidedEvent], _ error: FileSystemError) {
        logger.error(
            "cannot make a batch durable; its \(decided.count) files stay in the inbox and are retried: \(error)",
            metadata: ["ERRNO": "\(error.errno.rawValue)"]
        )
    }
}
