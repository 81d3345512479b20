// Over the ~300 lines of other files: the table of every way a file arrives and the inotify handling that
// covers each belong in one place.
import CFileSystem
import Foundation
import Glibc
import Logging
import Synchronization
import SystemPackage

/// Watches the inbox and every folder below it with inotify and turns what happens into queue entries.
///
/// Directories are watched, never files (a file watch dies with an atomic save). New subfolders get a
/// watch and are then scanned, since files made before the watch existed send no event. Symlinks are
/// never followed (`IN_DONT_FOLLOW`, `lstat`); FIFOs, sockets and devices are skipped with one log line.
/// When inotify cannot cover everything (watch limit reached, a network file system, the inbox gone),
/// ``needsPeriodicScan`` says so and the ingest loop scans at intervals.
///
/// Every way a regular file can come to be under a watched folder, and what covers it:
///
/// | way of arriving | what is seen | what is done |
/// |---|---|---|
/// | written in place (`cp`, `open(O_CREAT)`, a Samba or FTP server) | `IN_CREATE` while the writer has it open, then `IN_CLOSE_WRITE` | read once closed and unchanged for the settle interval |
/// | renamed in (`mv`, a dot-name or `*.part` renamed, rsync's temp file) | `IN_MOVED_TO` | complete: read at once |
/// | a hard link (`ln`, `cp -l`, `link(2)`, rsync `--link-dest`) | `IN_CREATE` only | a candidate like a closed file: settles, then is read |
/// | `O_TMPFILE` + `linkat` | `IN_CREATE` only; the writer may still hold the file, and its close is reported under no name | a candidate that waits while the read lease shows a writer, then settles |
/// | `mknod` of a regular file | `IN_CREATE` only | as a hard link (an empty file, rejected) |
/// | a folder made or moved in (`mkdir -p`, `mv`, unpacking a tree) | `IN_CREATE` or `IN_MOVED_TO` with `IN_ISDIR` | watched, then scanned |
/// | a file system mounted or bind-mounted at or below the inbox (or unmounted) | nothing from inotify; the mount table changes (``MountTable``) | the mount point is watched and scanned |
/// | written on another machine (NFS, CIFS, SMB), in folders past the watch limit, into an inbox deleted and made again | nothing | periodic scans |
/// | more events than the kernel queue holds | `IN_Q_OVERFLOW` | a rescan, with back-off |
///
/// A created file is a candidate whenever the read lease (``FileSystem/isOpenForWriting(_:)``) can tell
/// whether a writer holds it: the settle check then waits for the writer to close it. Where the lease
/// cannot tell (a file of another owner while the daemon lacks `CAP_LEASE`), a created file with a second
/// link (`st_nlink` > 1) is still a candidate, but one with a single link is taken for a file being
/// written in place and waits for its `IN_CLOSE_WRITE`: an `O_TMPFILE` file linked in is then found by
/// the next scan only (at the latest, the next start).
final class Watcher: Sendable {
    private let inbox: Inbox
    private let queue: IngestQueue
    private let logger: Logger
    private let descriptor: FileDescriptor
    /// `nil` when the process has no mount table to watch (no `/proc`).
    private let mountTable: MountTable?
    private let state = Mutex(State())

    private struct State {
        /// Watch descriptor → inbox-relative folder (the empty path is the inbox itself).
        var folders: [Int32: FilePath] = [:]
        var rootWatch: Int32?
        var watchLimitReached = false
        var remoteFileSystem = false
        var stopping = false
        /// Paths already reported as skipped, so a rescan does not repeat the line.
        var reportedSkips: Set<FilePath> = []
        /// Mount points at or below the inbox, relative to it, as the mount table last listed them.
        var mountPoints: Set<FilePath> = []
    }

    private static let folderMask: UInt32 =
        UInt32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE_SELF | IN_MOVE_SELF)
        | UInt32(IN_ONLYDIR | IN_DONT_FOLLOW | IN_EXCL_UNLINK)

    init(inbox: Inbox, queue: IngestQueue, logger: Logger) throws(FileSystemError) {
        self.inbox = inbox
        self.queue = queue
        self.logger = logger
        descriptor = FileDescriptor(
            rawValue: try FileSystem.call("inotify_init1", inbox.root) {
                inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
            }
        )
        let remote = MountTable.networkFileSystemName(of: inbox.root)
        if let remote {
            logger.warning(
                "the inbox is on \(remote): inotify does not see writes made on other machines, so it is also scanned periodically",
                metadata: ["path": "\(inbox.root.spelling)"]
            )
        }
        do {
            let mountTable = try MountTable()
            let mountPoints = try mountTable.mountPoints(under: inbox.root)
            self.mountTable = mountTable
            state.withLock { $0.mountPoints = mountPoints }
        } catch {
            logger.warning(
                "cannot read the mount table: a file system mounted inside the inbox is seen only by a scan: \(error)",
                metadata: ["ERRNO": "\(error.errno.rawValue)"]
            )
            mountTable = nil
        }
        state.withLock { $0.remoteFileSystem = remote != nil }
    }

    deinit {
        FileSystem.close(descriptor)
    }

    /// True while some part of the inbox is not covered by inotify.
    var needsPeriodicScan: Bool {
        state.withLock { $0.watchLimitReached || $0.remoteFileSystem || $0.rootWatch == nil }
    }

    /// True while the inbox itself is watched (false after it was deleted or moved away).
    var isWatchingInbox: Bool {
        state.withLock { $0.rootWatch != nil }
    }

    /// Watches `relative` and every folder below it, and queues every file found there (they settle
    /// before being read). Returns false when the inbox itself cannot be watched.
    @discardableResult
    func scan(_ relative: FilePath = FilePath()) -> Bool {
        var rootMissing = false
        inbox.walk(relative) { entry in
            switch entry {
            case .directory(let folder):
                if !addWatch(folder) && folder.isEmpty { rootMissing = true }
            case .file(let file, let info):
                queue.note(file, .settling(info.fingerprint))
            case .skipped(let path, let info):
                reportSkip(path, info)
            case .unlistable(let error):
                logger.error(
                    "cannot list an inbox folder: \(error)",
                    metadata: ["ERRNO": "\(error.errno.rawValue)", "path": "\(error.path.spelling)"]
                )
            }
        }
        return !rootMissing
    }

    /// Reads inotify events, and follows the mount table, until ``stop()``; runs on its own thread.
    func run() {
        let bufferSize = 64 * 1024
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: bufferSize, alignment: 8)
        defer { buffer.deallocate() }
        let headerSize = MemoryLayout<inotify_event>.size
        var pollers = [pollfd(fd: descriptor.rawValue, events: Int16(POLLIN), revents: 0)]
        if let mountTable {
            pollers.append(pollfd(fd: mountTable.descriptor.rawValue, events: Int16(POLLPRI), revents: 0))
        }
        while !state.withLock({ $0.stopping }) {
            let ready = try? FileSystem.call("poll", inbox.root) { poll(&pollers, nfds_t(pollers.count), 250) }
            guard let ready, ready > 0 else { continue }
            if pollers.count > 1 && pollers[1].revents != 0 { scanChangedMountPoints() }
            guard pollers[0].revents & Int16(POLLIN) != 0 else { continue }
            let count = try? FileSystem.call("read", inbox.root) {
                read(descriptor.rawValue, buffer.baseAddress, bufferSize)
            }
            guard let count, count > 0 else { continue }
            var offset = 0
            while offset + headerSize <= count {
                let header = buffer.loadUnaligned(fromByteOffset: offset, as: inotify_event.self)
                let nameBytes = UnsafeRawBufferPointer(
                    rebasing: buffer[(offset + headerSize)..<(offset + headerSize + Int(header.len))]
                )
                // The name as the kernel gave it, up to its NUL padding: bytes, not necessarily UTF-8.
                let name = FilePath.Component(bytes: nameBytes.prefix { $0 != 0 })
                handle(watch: header.wd, mask: header.mask, name: name)
                offset += headerSize + Int(header.len)
            }
        }
    }

    func stop() {
        state.withLock { $0.stopping = true }
    }

    private func handle(watch: Int32, mask: UInt32, name: FilePath.Component?) {
        if mask & UInt32(IN_Q_OVERFLOW) != 0 {
            logger.warning("the inotify event queue overflowed; the inbox will be rescanned")
            DaemonMetrics.overflowed()
            queue.requestRescan(.overflow)
            return
        }
        let folder = state.withLock { $0.folders[watch] }
        guard let folder else { return }
        if mask & UInt32(IN_IGNORED) != 0 {
            forget(watch: watch, folder: folder)
            return
        }
        if mask & UInt32(IN_DELETE_SELF | IN_MOVE_SELF) != 0 {
            if folder.isEmpty {
                removeWatch(watch, of: folder)
                forget(watch: watch, folder: folder)
            }
            return
        }
        guard let name, !Inbox.isIgnored(name) else { return }
        let relative = folder.appending(name)
        if mask & UInt32(IN_ISDIR) != 0 {
            if mask & UInt32(IN_MOVED_FROM) != 0 {
                unwatch(below: relative)
            } else if mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 {
                scan(relative)
            }
            return
        }
        let path = inbox.path(of: relative)
        guard let info = try? FileSystem.status(path) else { return }
        guard info.isRegularFile else {
            reportSkip(relative, info)
            return
        }
        if mask & UInt32(IN_MOVED_TO) != 0 {
            queue.note(relative, .movedIn)
        } else if mask & UInt32(IN_CLOSE_WRITE) != 0
            || (mask & UInt32(IN_CREATE) != 0 && isCandidateWhenCreated(path, info))
        {
            queue.note(relative, .settling(info.fingerprint))
        }
    }

    /// Whether a file just created (`IN_CREATE`) settles to be read without waiting for an `IN_CLOSE_WRITE`,
    /// which a hard link or an `O_TMPFILE` file never sends: yes when the read lease can tell whether a
    /// writer holds it (the settle check waits for that writer), or when it has a second link; a file
    /// with one link whose writers cannot be told is taken for one being written in place.
    private func isCandidateWhenCreated(_ path: FilePath, _ info: stat) -> Bool {
        FileSystem.isOpenForWriting(path) != nil || info.st_nlink > 1
    }

    /// Reads the mount table after it changed, and watches and scans each mount point at or below the inbox
    /// that came or went: a file system mounted there shows files no event announced, and one unmounted
    /// shows again what it covered.
    private func scanChangedMountPoints() {
        guard let mountTable else { return }
        let mountPoints: Set<FilePath>
        do {
            mountPoints = try mountTable.mountPoints(under: inbox.root)
        } catch {
            logger.error(
                "cannot read the mount table: \(error)",
                metadata: ["ERRNO": "\(error.errno.rawValue)"]
            )
            return
        }
        let changed = state.withLock { state in
            defer { state.mountPoints = mountPoints }
            return state.mountPoints.symmetricDifference(mountPoints)
        }
        for mountPoint in changed where !mountPoint.components.contains(where: Inbox.isIgnored) {
            let metadata: Logger.Metadata = ["path": "\(inbox.path(of: mountPoint).spelling)"]
            guard (try? FileSystem.status(inbox.path(of: mountPoint)))?.isDirectory == true else {
                // A file mounted onto a name can never be moved out of the inbox: its mounting is not
                // scanned here. (A later scan of its folder still finds it; its move then fails with
                // EBUSY, logged with ERRNO=, and is retried until it is unmounted.)
                if mountPoints.contains(mountPoint) {
                    logger.notice(
                        "skipping a file mounted in the inbox: a mount point cannot be moved out",
                        metadata: metadata
                    )
                }
                continue
            }
            logger.notice("a file system was mounted or unmounted in the inbox; scanning it", metadata: metadata)
            scan(mountPoint)
        }
    }

    /// Adds a watch on `folder`; false when it could not be added.
    private func addWatch(_ folder: FilePath) -> Bool {
        let path = inbox.path(of: folder)
        let error: Errno
        do {
            let watch = try FileSystem.call("watch", path) {
                path.withPlatformString { inotify_add_watch(descriptor.rawValue, $0, Self.folderMask) }
            }
            state.withLock { state in
                state.folders[watch] = folder
                if folder.isEmpty { state.rootWatch = watch }
            }
            return true
        } catch let failure {
            error = failure.errno
        }
        switch error {
        case .noSpace:
            let first = state.withLock { state in
                defer { state.watchLimitReached = true }
                return !state.watchLimitReached
            }
            if first {
                logger.error(
                    "inotify watch limit reached (raise the sysctl fs.inotify.max_user_watches); folders without a watch are scanned periodically",
                    metadata: ["ERRNO": "\(error.rawValue)", "path": "\(path.spelling)"]
                )
            }
        case .noSuchFileOrDirectory, .notDirectory:
            break
        default:
            logger.error(
                "cannot watch an inbox folder: \(FileSystemError("watch", path, error))",
                metadata: ["ERRNO": "\(error.rawValue)", "path": "\(path.spelling)"]
            )
        }
        return false
    }

    /// Removes the watch `watch` (on `folder`, for errors) from the inotify instance; a watch the kernel has
    /// already dropped needs nothing more.
    private func removeWatch(_ watch: Int32, of folder: FilePath) {
        _ = try? FileSystem.call("unwatch", inbox.path(of: folder)) { inotify_rm_watch(descriptor.rawValue, watch) }
    }

    private func forget(watch: Int32, folder: FilePath) {
        let wasRoot = state.withLock { state in
            state.folders[watch] = nil
            guard state.rootWatch == watch else { return false }
            state.rootWatch = nil
            return true
        }
        if wasRoot {
            logger.error(
                "the inbox was deleted or moved away; retrying until it is back",
                metadata: ["path": "\(inbox.root.spelling)"]
            )
        }
    }

    /// Removes the watches of a folder moved away within or out of the inbox (its new place, if inside,
    /// arrives as a separate `IN_MOVED_TO` and is watched and scanned again).
    private func unwatch(below relative: FilePath) {
        let watches = state.withLock { state in
            state.folders.filter { $0.value.starts(with: relative) }.map(\.key)
        }
        for watch in watches {
            removeWatch(watch, of: relative)
            state.withLock { $0.folders[watch] = nil }
        }
    }

    private func reportSkip(_ relative: FilePath, _ info: stat) {
        let first = state.withLock { $0.reportedSkips.insert(relative).inserted }
        guard first else { return }
        logger.notice(
            "skipping \(info.kindDescription) in the inbox: only regular files are read, symlinks are never followed",
            metadata: ["REPORTSYNC_FILE": "\(relative.spelling)"]
        )
    }
}
