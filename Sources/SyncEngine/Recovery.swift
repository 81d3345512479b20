import Logging
import ReportCore
import SystemPackage

/// Start-up work that makes the folders agree with the change log again after a crash: leftover temp
/// files removed, the dedup index loaded or rebuilt, the mirror checked record by record.
struct Recovery {
    let inbox: Inbox
    let mirror: Mirror
    let state: StateFolder
    let parser: ReportParser
    let logger: Logger

    /// Removes the temp files a crash left in the mirror and state folders.
    func removeTemporaries() throws(FileSystemError) -> Int {
        var temporaries = try mirror.recordFiles().temporaries
        for folder in [state.root, state.archivePath, state.rejectedPath, mirror.root] {
            temporaries += try FileSystem.entries(of: folder)
                .filter(FileSystem.isTemporary)
                .map { folder.appending($0) }
        }
        for path in temporaries {
            try FileSystem.remove(path)
            logger.notice("removed a temp file left by an interrupted write", metadata: ["path": "\(path.spelling)"])
        }
        return temporaries.count
    }

    /// The dedup index matching `changeLog`: the saved one caught up with the log, or (when missing,
    /// damaged or `forceRebuild`) one rebuilt from the whole log.
    func index(matching changeLog: ChangeLog, forceRebuild: Bool) throws -> (index: DedupIndex, rebuilt: Bool) {
        let hadSavedIndex = try FileSystem.status(state.indexPath) != nil
        var loaded: (index: DedupIndex, rebuilt: Bool) =
            forceRebuild
            ? (try DedupIndex.rebuilt(fromLogAt: changeLog.path), true)
            : try DedupIndex.load(from: state.indexPath, logPath: changeLog.path)
        if loaded.index.lastSeq != changeLog.lastSeq || loaded.index.logOffset != changeLog.endOffset {
            loaded = (try DedupIndex.rebuilt(fromLogAt: changeLog.path), true)
        }
        if loaded.rebuilt {
            if hadSavedIndex && !forceRebuild {
                logger.warning(
                    "the saved dedup index is damaged or does not fit the change log; rebuilt it from the log",
                    metadata: ["path": "\(state.indexPath)", "events": "\(changeLog.lastSeq)"]
                )
            } else if changeLog.lastSeq > 0 {
                logger.notice(
                    "rebuilt the dedup index from the change log",
                    metadata: ["events": "\(changeLog.lastSeq)"]
                )
            }
            try loaded.index.save(to: state.indexPath)
        }
        return loaded
    }

    /// Makes `records/` hold exactly the records `index` names: a record the log never described (written
    /// just before a crash) is removed, and one whose content is not the logged one is restored from the
    /// logged original (in archive/, or still in the inbox if the crash came before it was moved).
    func reconcileMirror(with index: DedupIndex) throws -> (restored: Int, removed: Int) {
        var expected: [FilePath: (agency: String, year: Int, current: DedupIndex.Current)] = [:]
        for entry in index.currentRecords {
            expected[mirror.recordPath(agency: entry.agency, year: entry.year)] = entry
        }
        var removed = 0
        var folders: Set<FilePath> = []
        for path in try mirror.recordFiles().records where expected[path] == nil {
            logger.warning(
                "removing a mirror record that no change-log event describes",
                metadata: ["path": "\(path.spelling)"]
            )
            try FileSystem.remove(path)
            folders.insert(path.removingLastComponent())
            removed += 1
        }
        var staged: [FileSystem.StagedFile] = []
        for (path, entry) in expected {
            let found = mirror.recordState(agency: entry.agency, year: entry.year)
            if case .record(let record) = found, record.contentHash == entry.current.contentHash {
                continue
            }
            logger.warning(
                "restoring a mirror record that does not match the change log",
                metadata: ["path": "\(path.spelling)", "found": "\(found)", "REPORTSYNC_SEQ": "\(entry.current.seq)"]
            )
            guard let record = original(of: entry.current) else {
                logger.error(
                    "cannot restore a mirror record: its original is neither in archive/ nor in the inbox",
                    metadata: ["path": "\(path.spelling)", "REPORTSYNC_SEQ": "\(entry.current.seq)"]
                )
                continue
            }
            staged.append(try mirror.stage(record))
        }
        try mirror.commit(staged)
        for folder in folders { try FileSystem.syncDirectory(folder) }
        let restored = staged.count
        if restored + removed > 0 {
            logger.warning(
                "brought the mirror back in line with the change log",
                metadata: ["restored": "\(restored)", "removed": "\(removed)"]
            )
        }
        return (restored, removed)
    }

    /// The record of the event `current`, parsed again from its original.
    private func original(of current: DedupIndex.Current) -> Record? {
        let retiredName = StateFolder.retiredName(seq: current.seq, of: current.source.path)
        for path in [state.retiredPath(of: .added, named: retiredName), inbox.path(of: current.source.path)] {
            guard let bytes = try? FileSystem.contents(of: path) else { continue }
            if case .success(let record) = parser.parse(bytes, sourceName: current.source.name),
                record.contentHash == current.contentHash
            {
                return record
            }
        }
        return nil
    }
}
