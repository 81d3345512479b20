import Logging
import ReportCore
import SystemPackage

/// Ingests batches of inbox files, step by step:
/// read (``InboxReader``: bounded, SHA-256 and parse, in parallel) → decide (``EventDecider``, against
/// the ``DedupIndex``) → commit (``BatchCommitter``: mirror records, then the change-log lines) →
/// retire (``InboxRetirer``: the originals out of the inbox) → report (``OutcomeReporter``).
///
/// Only files whose change-log lines are durable are reported and retired, which is what makes a
/// crash at any instant safe. A crash before the append leaves the files in the inbox with no event:
/// they are ingested again, and the start-up check after an unclean stop (or a batch that failed
/// between the mirror and the log) puts back any record written for an event that never made it to
/// the log. A crash after it leaves files whose (name, SHA-256) is logged but whose `<seq>-<basename>`
/// is not retired yet, or is a copy stamped with the file's own origin (a move across file systems cut
/// short before the unlink, see ``Inbox/retire(_:stateRoot:)``): those are only moved, never logged twice.
final class Ingestor {
    let inbox: Inbox
    let mirror: Mirror
    let state: StateFolder
    private let parser: ReportParser
    /// Files larger than this are rejected without being parsed (they are still read once, in chunks, for
    /// their SHA-256); the ingest loop sets it before each batch, as a reload may change it.
    var maxFileSize: Int
    private let logger: Logger
    private let committer: BatchCommitter
    private let retirer: InboxRetirer
    private let reporter: OutcomeReporter

    init(
        inbox: Inbox,
        mirror: Mirror,
        state: StateFolder,
        parser: ReportParser,
        maxFileSize: Int,
        changeLog: ChangeLog,
        index: DedupIndex,
        logger: Logger
    ) {
        self.inbox = inbox
        self.mirror = mirror
        self.state = state
        self.parser = parser
        self.maxFileSize = maxFileSize
        self.logger = logger
        self.committer = BatchCommitter(mirror: mirror, changeLog: changeLog, index: index, logger: logger)
        self.retirer = InboxRetirer(inbox: inbox, state: state)
        self.reporter = OutcomeReporter(logger: logger)
    }

    /// What the durable part of the change log holds.
    var index: DedupIndex { committer.index }

    /// Whether the mirror may hold records the change log does not (yet, durably) describe: the next
    /// start-up must check the mirror against the log.
    var mirrorMayBeAheadOfLog: Bool { committer.mirrorMayBeAheadOfLog }

    /// Whether a batch waits for its change-log lines (see ``BatchCommitter``).
    var hasUnloggedBatch: Bool { committer.hasUnloggedBatch }

    /// Ingests `batch` (inbox-relative paths). Files that hit an I/O error are returned, untouched in
    /// the inbox, for a later retry; files that vanished or are not regular files are passed over.
    func ingest(_ batch: [FilePath]) -> [IngestFailure] {
        let started = ContinuousClock.now
        var failures: [IngestFailure] = []
        do throws(FileSystemError) {
            failures += finish(try committer.appendUnlogged())
        } catch {
            return batch.map { IngestFailure(relative: $0, error: error) }
        }
        let reader = InboxReader(inbox: inbox, parser: parser, maxFileSize: maxFileSize, logger: logger)
        let decider = EventDecider(mirror: mirror, maxFileSize: maxFileSize)
        var working = committer.index
        var decided: [DecidedEvent] = []
        var alreadyLogged: [DecidedEvent] = []
        var staged: [FilePath: (record: Record, staged: FileSystem.StagedFile)] = [:]
        for (relative, read) in zip(batch, reader.readAll(batch)) {
            do throws(FileSystemError) {
                guard let file = try read.get() else { continue }
                let source = ChangeEvent.Source(path: relative, sha256: file.sha256)
                if let logged = working.latestEvent(for: source), !retirer.isRetired(logged, source, file.fingerprint) {
                    let event = decider.event(alreadyLogged: logged, source: source)
                    alreadyLogged.append(DecidedEvent(relative: relative, event: event, fingerprint: file.fingerprint))
                    continue
                }
                if case .failure(let refusal) = file.parsed, refusal.kind == .readerUnavailable {
                    let reason = "cannot read it on this machine now: \(refusal.reason)"
                    failures.append(IngestFailure(relative: relative, reason: reason))
                    continue
                }
                let seq = committer.lastSeq + decided.count + 1
                var event = ChangeEvent(seq: seq, time: ChangeEvent.timestamp(), event: .rejected, source: source)
                if let record = decider.decide(file, into: &event, index: working, staged: staged.mapValues(\.record)) {
                    let stagedRecord = try mirror.stage(record)
                    staged[stagedRecord.path] = (record, stagedRecord)
                }
                working.apply(event)
                decided.append(
                    DecidedEvent(
                        relative: relative,
                        event: event,
                        fingerprint: file.fingerprint,
                        rejection: event.event == .rejected ? file.rejection : nil
                    )
                )
            } catch {
                failures.append(IngestFailure(relative: relative, error: error))
            }
        }
        do throws(FileSystemError) {
            try committer.commit(decided, records: staged.values.map(\.staged), index: working)
        } catch {
            let undone = decided.map { IngestFailure(relative: $0.relative, error: error) }
            return failures + undone + retirer.retire(alreadyLogged)
        }
        for _ in decided { DaemonMetrics.ingested(in: .now - started) }
        return failures + finish(decided) + retirer.retire(alreadyLogged)
    }

    /// At shutdown: one last try at the batch whose append failed. If the log still cannot take it, the
    /// partial line it left is cut; its whole lines stay, and the next start takes them as logged.
    func finishUnlogged() {
        guard committer.hasUnloggedBatch else { return }
        do {
            _ = finish(try committer.appendUnlogged())
        } catch {
            committer.cutPartialLine()
        }
    }

    /// Reports the events of a durable append and retires their files; returns the files that stay.
    /// Then, after the files have left the inbox, the cross-year warnings: they never hold up a retirement.
    private func finish(_ durable: [DecidedEvent]) -> [IngestFailure] {
        for entry in durable {
            reporter.report(entry.event)
            DaemonMetrics.decided(entry)
        }
        if !durable.isEmpty { DaemonMetrics.logged(lastSeq: committer.lastSeq, bytes: committer.index.logOffset) }
        let failures = retirer.retire(durable)
        CrossYearJournal(mirror: mirror, logger: logger).check(durable.map(\.event), index: committer.index)
        return failures
    }
}
