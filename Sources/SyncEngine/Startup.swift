import Logging
import ReportCore
import SystemPackage

/// The start-up sequence both ``Daemon/run()`` and ``Daemon/rebuild(options:parser:logger:)`` begin with:
/// the folders prepared, the state folder locked, the change log opened (a torn last line repaired),
/// the temp files a crash left removed, the dedup index loaded (or rebuilt) to match the log, and the
/// mirror brought in line with it when it may not be.
struct Startup {
    let inbox: Inbox
    let mirror: Mirror
    let state: StateFolder
    /// The state folder's lock: held until ``unlock()``.
    let lock: FileDescriptor
    let changeLog: ChangeLog
    let index: DedupIndex
    let recovery: Recovery
    /// Temp files removed from the mirror and state folders.
    let temporariesRemoved: Int
    /// Mirror records restored and removed; both 0 when the mirror was not checked.
    let mirrorRepairs: (restored: Int, removed: Int)

    /// Runs the start-up sequence. With `rebuild`, the dedup index is rebuilt from the whole change log
    /// and the mirror always checked; otherwise the saved index is caught up with the log, and the mirror
    /// is checked when the last run did not stop cleanly or the index had to be rebuilt.
    init(options: DaemonOptions, parser: ReportParser, logger: Logger, rebuild: Bool) throws(DaemonError) {
        (inbox, mirror, state) = try options.preparedFolders()
        lock = try state.lock()
        do {
            changeLog = try ChangeLog(path: mirror.changeLogPath, setAsideFolder: state.root, logger: logger)
            recovery = Recovery(inbox: inbox, mirror: mirror, state: state, parser: parser, logger: logger)
            temporariesRemoved = try recovery.removeTemporaries()
            let uncleanStop = try rebuild || FileSystem.status(state.runningMarkerPath) != nil
            let (index, rebuilt) = try recovery.index(matching: changeLog, forceRebuild: rebuild)
            self.index = index
            mirrorRepairs = try uncleanStop || rebuilt ? recovery.reconcileMirror(with: index) : (0, 0)
        } catch {
            FileSystem.close(lock)
            throw .startupFailed(error)
        }
    }

    /// Releases the state folder's lock.
    func unlock() {
        FileSystem.close(lock)
    }
}
