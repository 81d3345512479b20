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
final class Watcher: Sendable {
    private let inbox: Inbox
    private let queue: IngestQueue
    private let logger: Logger
    private let descriptor: Int32
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
    }

    private static let folderMask: UInt32 =
        UInt32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE_SELF | IN_MOVE_SELF)
        | UInt32(IN_ONLYDIR | IN_DONT_FOLLOW | IN_EXCL_UNLINK)

    init(inbox: Inbox, queue: IngestQueue, logger: Logger) throws(FileSystemError) {
        self.inbox = inbox
        self.queue = queue
        self.logger = logger
        descriptor = try FileSystem.call("inotify_init1", inbox.root) { inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC)) }
        let remote = Self.remoteFileSystemName(of: inbox.root)
        if let remote {
            logger.warning(
                "the inbox is on \(remote): inotify does not see writes made on other machines, so it is also scanned periodically",
                metadata: ["path": "\(inbox.root)"]
            )
        }
        state.withLock { $0.remoteFileSystem = remote != nil }
    }

    deinit {
        close(descriptor)
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
                    metadata: ["ERRNO": "\(error.errno.rawValue)", "path": "\(error.path)"]
                )
            }
        }
        return !rootMissing
    }

    /// Reads inotify events until ``stop()``; runs on its own thread.
    func run() {
        let bufferSize = 64 * 1024
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: bufferSize, alignment: 8)
        defer { buffer.deallocate() }
        let headerSize = MemoryLayout<inotify_event>.size
        while !state.withLock({ $0.stopping }) {
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 250) > 0 else { continue }
            let count = read(descriptor, buffer.baseAddress, bufferSize)
            guard count > 0 else { continue }
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
                inotify_rm_watch(descriptor, watch)
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
        guard let info = try? FileSystem.status(inbox.path(of: relative)) else { return }
        guard info.isRegularFile else {
            reportSkip(relative, info)
            return
        }
        // A regular file is read once closed (IN_CLOSE_WRITE) or renamed in, never at IN_CREATE.
        guard mask & UInt32(IN_CLOSE_WRITE | IN_MOVED_TO) != 0 else { return }
        queue.note(relative, mask & UInt32(IN_MOVED_TO) != 0 ? .movedIn : .settling(info.fingerprint))
    }

    /// Adds a watch on `folder`; false when it could not be added.
    private func addWatch(_ folder: FilePath) -> Bool {
        let path = inbox.path(of: folder)
        let watch = path.withPlatformString { inotify_add_watch(descriptor, $0, Self.folderMask) }
        guard watch < 0 else {
            state.withLock { state in
                state.folders[watch] = folder
                if folder.isEmpty { state.rootWatch = watch }
            }
            return true
        }
        let error = Errno(rawValue: errno)
        switch error {
        case .noSpace:
            let first = state.withLock { state in
                defer { state.watchLimitReached = true }
                return !state.watchLimitReached
            }
            if first {
                logger.error(
                    "inotify watch limit reached (raise the sysctl fs.inotify.max_user_watches); folders without a watch are scanned periodically",
                    metadata: ["ERRNO": "\(error.rawValue)", "path": "\(path)"]
                )
            }
        case .noSuchFileOrDirectory, .notDirectory:
            break
        default:
            logger.error(
                "cannot watch an inbox folder: \(FileSystemError("watch", path, error))",
                metadata: ["ERRNO": "\(error.rawValue)", "path": "\(path)"]
            )
        }
        return false
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
                metadata: ["path": "\(inbox.root)"]
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
            inotify_rm_watch(descriptor, watch)
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

    /// The name of the network file system `path` is on, `nil` for a local one.
    private static func remoteFileSystemName(of path: FilePath) -> String? {
        var info = statfs()
        guard path.withPlatformString({ statfs($0, &info) }) == 0 else { return nil }
        switch UInt32(truncatingIfNeeded: info.f_type) {
        case 0x6969: return "NFS"
        case 0xFF53_4D42: return "CIFS"
        case 0x517B: return "SMB"
        case 0xFE53_4D42: return "SMB2"
        default: return nil
        }
    }
}
