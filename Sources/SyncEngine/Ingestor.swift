import Crypto
import Dispatch
import Glibc
import Logging
import ReportCore
import Synchronization
import SystemPackage

/// Ingests batches of inbox files: read (bounded), SHA-256 and parse (in parallel), decide against the ``DedupIndex``,
/// write the mirror, append to the ``ChangeLog``, retire the originals.
///
/// Order, which is what makes a crash at any instant safe:
/// 1. mirror records are written (temp, fsync, rename) and their folders fsynced;
/// 2. the batch's change-log lines are appended and fsynced (group commit);
/// 3. only then is each outcome logged and each file moved out of the inbox.
/// A crash before 2 leaves the files in the inbox with no event: they are ingested again, and the
/// start-up check after an unclean stop (or a batch that failed between 1 and 2) puts back any
/// record written for an event that never made it to the log. A crash
/// after 2 leaves files whose (name, SHA-256) is logged but whose `<seq>-<basename>` is not retired
/// yet, or is a copy stamped with the file's own origin (a move across file systems cut short before
/// the unlink, see ``Inbox/retire(_:stateRoot:)``): those are only moved, never logged twice.
final class Ingestor {
    let inbox: Inbox
    let mirror: Mirror
    let state: StateFolder
    private let parser: ReportParser
    /// Files larger than this are rejected without being parsed (they are still read once, in chunks, for
    /// their SHA-256); the ingest loop sets it before each batch, as a reload may change it.
    var maxFileSize: Int
    private let logger: Logger
    private let changeLog: ChangeLog
    private(set) var index: DedupIndex
    /// Set when a batch's mirror commit failed part-way: the mirror may hold records the log does not
    /// describe until the next start-up reconciles them.
    private var mirrorCommitFailed = false
    /// A batch whose records are in the mirror but whose change-log append failed. Its lines may be in
    /// the log already, seen by readers, so its events stand: they are appended again, unchanged, before
    /// anything new is decided, and no line of the log ever changes under a reader.
    private var unlogged: (decided: [Decided], index: DedupIndex)?

    /// Whether the mirror may hold records the change log does not (yet, durably) describe: the next
    /// start-up must check the mirror against the log.
    var mirrorMayBeAheadOfLog: Bool { mirrorCommitFailed || unlogged != nil }

    /// Whether a batch waits for its change-log lines (see ``unlogged``).
    var hasUnloggedBatch: Bool { unlogged != nil }

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
        self.changeLog = changeLog
        self.index = index
        self.logger = logger
    }

    /// An event decided but not yet durable, with what its retirement needs.
    private struct Decided {
        var relative: FilePath
        var event: ChangeEvent
        /// The file as it was when read: only that file is retired under this event.
        var fingerprint: FileFingerprint
    }

    /// Ingests `batch` (inbox-relative paths). Files that hit an I/O error are returned, untouched in
    /// the inbox, for a later retry; files that vanished or are not regular files are passed over.
    func ingest(_ batch: [FilePath]) -> [IngestFailure] {
        var failures: [IngestFailure] = []
        do throws(FileSystemError) {
            failures += try appendUnlogged()
        } catch {
            return batch.map { IngestFailure(relative: $0, error: error) }
        }
        var working = index
        var decided: [Decided] = []
        var alreadyLogged: [Decided] = []
        var staged: [FilePath: (record: Record, staged: FileSystem.StagedFile)] = [:]
        for (relative, examined) in zip(batch, examineAll(batch)) {
            do throws(FileSystemError) {
                guard let file = try examined.get() else { continue }
                let source = ChangeEvent.Source(path: relative, sha256: file.sha256)
                if let logged = working.latestEvent(for: source), !isRetired(logged, source, file) {
                    var event = ChangeEvent(
                        seq: logged.seq,
                        time: logged.time ?? "",
                        event: logged.event,
                        source: source
                    )
                    event.reason = logged.reason
                    alreadyLogged.append(Decided(relative: relative, event: event, fingerprint: file.fingerprint))
                    continue
                }
                if case .failure(let refusal) = file.parsed, refusal.kind == .readerUnavailable {
                    let reason = "cannot read it on this machine now: \(refusal.reason)"
                    failures.append(IngestFailure(relative: relative, reason: reason))
                    continue
                }
                let seq = changeLog.lastSeq + decided.count + 1
                var event = ChangeEvent(seq: seq, time: ChangeEvent.timestamp(), event: .rejected, source: source)
                if let record = decide(file, into: &event, index: working, staged: staged.mapValues(\.record)) {
                    let stagedRecord = try mirror.stage(record)
                    staged[stagedRecord.path] = (record, stagedRecord)
                }
                working.apply(event)
                decided.append(Decided(relative: relative, event: event, fingerprint: file.fingerprint))
            } catch {
                failures.append(IngestFailure(relative: relative, error: error))
            }
        }
        do throws(FileSystemError) {
            try mirror.commit(staged.values.map(\.staged))
        } catch {
            // No temp file stays behind in the mirror once its write has failed.
            for file in staged.values { FileSystem.discard(file.staged) }
            mirrorCommitFailed = true
            return failures + fail(decided, error) + retire(alreadyLogged)
        }
        do throws(FileSystemError) {
            try changeLog.append(decided.map(\.event))
        } catch {
            unlogged = (decided, working)
            return failures + fail(decided, error) + retire(alreadyLogged)
        }
        return failures + logged(decided, index: working) + retire(alreadyLogged)
    }

    /// Appends the events of the batch whose append failed, if any (see ``unlogged``), and retires its
    /// files; throws when the log still cannot take them.
    func appendUnlogged() throws(FileSystemError) -> [IngestFailure] {
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
        return logged(decided, index: working)
    }

    /// At shutdown: one last try at the batch whose append failed. If the log still cannot take it, the
    /// partial line it left is cut; its whole lines stay, and the next start takes them as logged.
    func finishUnlogged() {
        guard unlogged != nil else { return }
        do {
            _ = try appendUnlogged()
        } catch {
            do throws(FileSystemError) {
                try changeLog.cutPartialLine()
            } catch {
                logger.error(
                    "cannot cut the partial last line of the change log (it is cut at the next start): \(error)",
                    metadata: ["ERRNO": "\(error.errno.rawValue)"]
                )
            }
        }
    }

    /// Takes the events of a durable append into the index, logs their outcomes, retires their files.
    private func logged(_ decided: [Decided], index working: DedupIndex) -> [IngestFailure] {
        index = working
        index.logOffset = changeLog.endOffset
        for entry in decided { report(entry.event) }
        let failures = retire(decided)
        // After the files have left the inbox: the cross-year warnings never hold up a retirement.
        CrossYearJournal(mirror: mirror, logger: logger).check(decided.map(\.event), index: index)
        return failures
    }

    /// The files of a batch that could not be made durable: they stay in the inbox and are retried.
    private func fail(_ decided: [Decided], _ error: FileSystemError) -> [IngestFailure] {
        logger.error(
            "cannot make a batch durable; its \(decided.count) files stay in the inbox and are retried: \(error)",
            metadata: ["ERRNO": "\(error.errno.rawValue)"]
        )
        return decided.map { IngestFailure(relative: $0.relative, error: error) }
    }

    /// Reads, hashes and parses the files of a batch in parallel (the parser is pure; this is where
    /// the CPU time goes), keeping the batch's order. Decisions are then taken one by one, in order.
    private func examineAll(_ batch: [FilePath]) -> [Result<FileContent?, FileSystemError>] {
        let reader = Reader(inbox: inbox, parser: parser, maxFileSize: maxFileSize, logger: logger)
        let results = Mutex([Result<FileContent?, FileSystemError>](repeating: .success(nil), count: batch.count))
        DispatchQueue.concurrentPerform(iterations: batch.count) { index in
            let result = Result { () throws(FileSystemError) in try reader.examine(batch[index]) }
            results.withLock { $0[index] = result }
        }
        return results.withLock { $0 }
    }

    /// What was read of one file, and what the parser made of it.
    struct FileContent: Sendable {
        var fingerprint: FileFingerprint
        var sha256: String
        var size: Int
        /// `nil` when the file is over the size limit (it was hashed, not kept, not parsed).
        var parsed: Result<Record, NotAReport>?
    }

    /// The read-only part of ingesting one file, safe to run on several threads at once.
    private struct Reader: Sendable {
        let inbox: Inbox
        let parser: ReportParser
        let maxFileSize: Int
        let logger: Logger

        /// Reads (bounded), hashes and parses `relative`; `nil` when it vanished or is not a regular file.
        func examine(_ relative: FilePath) throws(FileSystemError) -> FileContent? {
            let path = inbox.path(of: relative)
            let descriptor: Int32
            do {
                descriptor = try FileSystem.openForReading(path)
            } catch let error where error.errno == .noSuchFileOrDirectory || error.errno == .tooManySymbolicLinkLevels {
                logger.debug(
                    "file left the inbox before it was read",
                    metadata: ["REPORTSYNC_FILE": "\(relative.spelling)"]
                )
                return nil
            }
            defer { close(descriptor) }
            var info = stat()
            _ = try FileSystem.call("fstat", path) { fstat(descriptor, &info) }
            guard info.isRegularFile else { return nil }
            var hasher = SHA256()
            var bytes: [UInt8]? = []
            var size = 0
            while true {
                let chunk = try FileSystem.read(descriptor, limit: 1 << 20, path: path)
                if chunk.isEmpty { break }
                hasher.update(data: chunk)
                size += chunk.count
                // Past the limit the bytes are only hashed, never held.
                if size > maxFileSize { bytes = nil } else { bytes?.append(contentsOf: chunk) }
            }
            let sha256 = hasher.finalize().hexString
            let parsed = bytes.map { parser.parse($0, sourceName: relative.spelling) }
            return FileContent(fingerprint: info.fingerprint, sha256: sha256, size: size, parsed: parsed)
        }
    }

    /// Fills in `event` from the file's content; returns the record to write to the mirror, if any.
    /// `staged` holds the records this batch has already decided on, by record path: a revision compares
    /// with them before the mirror.
    private func decide(
        _ file: FileContent,
        into event: inout ChangeEvent,
        index: DedupIndex,
        staged: [FilePath: Record]
    ) -> Record? {
        guard let parsed = file.parsed else {
            event.reason = "the file is \(file.size) bytes, over the limit of \(maxFileSize) bytes"
            return nil
        }
        let record: Record
        switch parsed {
        case .failure(let notAReport):
            event.reason = notAReport.reason
            return nil
        case .success(let parsed):
            record = parsed
        }
        event.agency = record.agency
        event.year = record.year
        event.contentHash = record.contentHash
        event.status = record.validation.status
        let decision = index.decide(
            sha256: event.source.sha256,
            agency: record.agency,
            year: record.year,
            contentHash: record.contentHash
        )
        switch decision {
        case .duplicate(let first):
            event.event = .duplicate
            event.duplicateOf = first
            return nil
        case .added:
            event.event = .added
        case .revised(let previous):
            event.event = .revised
            event.previousContentHash = previous.contentHash
            let previousRecord =
                staged[mirror.recordPath(agency: record.agency, year: record.year)]
                ?? mirror.record(agency: record.agency, year: record.year)
            let before = previousRecord?.cellValues ?? []
            let old = Dictionary(before.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
            event.changedCells = record.cellValues.filter { old[$0.key] != $0.value }.map(\.key)
        }
        return record
    }

    /// Whether the original of `logged` already sits in archive/ or rejected/, so that `file` is a new drop
    /// of the same name and bytes. A copy stamped with `file`'s own origin does not count: that is a
    /// move across file systems that a crash cut short before the unlink, and `file` is only moved again.
    private func isRetired(_ logged: DedupIndex.Logged, _ source: ChangeEvent.Source, _ file: FileContent) -> Bool {
        let name = ChangeEvent.retiredName(seq: logged.seq, of: source.path)
        let path = state.retiredPath(of: logged.event, named: name)
        return (try? FileSystem.status(path)) != nil && FileSystem.origin(of: path) != file.fingerprint.origin
    }

    /// Moves each logged file to archive/ or rejected/ (``Inbox/retire(_:stateRoot:)``), a rejected one
    /// after its `.reason.json` is in place, so that no original sits in rejected/ without its reason.
    /// Returns the files that stay in the inbox for a retry.
    private func retire(_ entries: [Decided]) -> [IngestFailure] {
        var failures: [IngestFailure] = []
        var leaving: [Decided] = []
        var reasons: [FileSystem.StagedFile] = []
        for entry in entries {
            // Inbox.retire checks each file before it moves; a rejected one is checked here as well, so that
            // no reason is written for a file that has gone or changed.
            guard entry.event.event == .rejected else {
                leaving.append(entry)
                continue
            }
            do throws(FileSystemError) {
                switch try inbox.isUnchanged(entry.relative, since: entry.fingerprint) {
                case nil: continue
                case false?: failures.append(.changed(entry.relative, afterEventSeq: entry.event.seq))
                case true?:
                    let path = state.reasonPath(named: entry.event.retiredName)
                    reasons.append(try FileSystem.stage(reasonJSON(entry.event), for: path))
                    leaving.append(entry)
                }
            } catch {
                failures.append(.cannotMove(entry.relative, error))
            }
        }
        do throws(FileSystemError) {
            try FileSystem.commit(reasons, fileSystemOf: state.root)
        } catch {
            for reason in reasons { FileSystem.discard(reason) }
            return failures + leaving.map { .cannotMove($0.relative, error) }
        }
        let retirements = leaving.map { entry in
            Inbox.Retirement(
                relative: entry.relative,
                destination: state.retiredPath(of: entry.event.event, named: entry.event.retiredName),
                seq: entry.event.seq,
                fingerprint: entry.fingerprint
            )
        }
        return failures + inbox.retire(retirements, stateRoot: state.root)
    }

    private func reasonJSON(_ event: ChangeEvent) -> [UInt8] {
        var reason = ChangeEvent(seq: event.seq, time: event.time, event: .rejected, source: event.source)
        reason.reason = event.reason
        return reason.jsonLine() + [UInt8(ascii: "\n")]
    }

    /// The journal entry of a durable event.
    private func report(_ event: ChangeEvent) {
        var metadata: Logger.Metadata = [
            "MESSAGE_ID": "\(event.event.messageID)",
            "REPORTSYNC_EVENT": "\(event.event.rawValue)",
            "REPORTSYNC_SEQ": "\(event.seq)",
            "REPORTSYNC_FILE": "\(event.source.name)",
            "REPORTSYNC_SHA256": "\(event.source.sha256)",
        ]
        if let agency = event.agency { metadata["REPORTSYNC_AGENCY"] = "\(agency)" }
        if let year = event.year { metadata["REPORTSYNC_YEAR"] = "\(year)" }
        if let status = event.status { metadata["REPORTSYNC_STATUS"] = "\(status.rawValue)" }
        if let contentHash = event.contentHash { metadata["REPORTSYNC_CONTENT_HASH"] = "\(contentHash)" }
        let subject = event.agency.map { "\($0) \(event.year ?? 0)" } ?? event.source.name
        switch (event.event, event.status) {
        case (.rejected, _):
            logger.error("rejected \(event.source.name): \(event.reason ?? "")", metadata: metadata)
        case (_, .inconsistent):
            logger.warning(
                "\(event.event.rawValue) \(subject) (inconsistent) from \(event.source.name)",
                metadata: metadata
            )
        default:
            logger.info("\(event.event.rawValue) \(subject) from \(event.source.name)", metadata: metadata)
        }
    }
}
