import SystemPackage

/// The retire step of an ingest: moves each file whose event is durable out of the inbox, to
/// `archive/` or `rejected/` of the state folder, as `<seq>-<basename>` (``Inbox/retire(_:stateRoot:)``).
struct InboxRetirer {
    let inbox: Inbox
    let state: StateFolder

    /// Whether the original of `logged` already sits in archive/ or rejected/, so that a file with
    /// `source`'s name and bytes is a new drop. A copy stamped with the file's own origin (`fingerprint`)
    /// does not count: that is a move across file systems that a crash cut short before the unlink, and
    /// the file is only moved again.
    func isRetired(_ logged: DedupIndex.Logged, _ source: ChangeEvent.Source, _ fingerprint: FileFingerprint) -> Bool {
        let path = state.retiredPath(of: logged.event, named: StateFolder.retiredName(seq: logged.seq, of: source.path))
        return (try? FileSystem.status(path)) != nil && FileSystem.origin(of: path) != fingerprint.origin
    }

    /// Moves each file of `entries` to archive/ or rejected/, a rejected one after its `.reason.json`
    /// is in place, so that no original sits in rejected/ without its reason. Returns the files that
    /// stay in the inbox for a retry.
    func retire(_ entries: [DecidedEvent]) -> [IngestFailure] {
        var failures: [IngestFailure] = []
        var leaving: [DecidedEvent] = []
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
                    let path = state.reasonPath(named: state.retiredName(of: entry.event))
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
                destination: state.retiredPath(of: entry.event),
                seq: entry.event.seq,
                fingerprint: entry.fingerprint
            )
        }
        return failures + inbox.retire(retirements, stateRoot: state.root)
    }

    /// `rejected/<seq>-<basename>.reason.json`: the event's seq, time, source and reason.
    private func reasonJSON(_ event: ChangeEvent) -> [UInt8] {
        var reason = ChangeEvent(seq: event.seq, time: event.time, event: .rejected, source: event.source)
        reason.reason = event.reason
        return reason.jsonLine() + [UInt8(ascii: "\n")]
    }
}
