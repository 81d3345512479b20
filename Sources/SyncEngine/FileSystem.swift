import CFileSystem
import Glibc
import SystemPackage

/// The system calls every stage uses, in one place: durable writes and renames, directory fsync,
/// bounded reads, listing without following symlinks. Each retries `EINTR` and throws a
/// ``FileSystemError`` naming the operation and the path.
///
/// Paths are ``FilePath``s and reach the kernel byte for byte: a name that is not UTF-8 (GBK from a
/// Windows client, bytes valid in no encoding) is opened, moved and listed like any other.
///
/// Durability rule: a file is durable after write + `fsync` of the file + `rename` into place +
/// `fsync` of the directory that holds it.
enum FileSystem {
    /// Retries `body` while it fails with `EINTR`; throws the other errors.
    static func call<T: BinaryInteger>(
        _ operation: String,
        _ path: FilePath,
        _ body: () -> T
    ) throws(FileSystemError) -> T {
        while true {
            let result = body()
            if result >= 0 { return result }
            let error = Errno(rawValue: Glibc.errno)
            if error != .interrupted { throw FileSystemError(operation, path, error) }
        }
    }

    /// Opens `path` read-only, never following a symlink in its last component.
    static func openForReading(_ path: FilePath) throws(FileSystemError) -> Int32 {
        try call("open", path) { path.withPlatformString { open($0, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC) } }
    }

    /// Whether some process holds `path` open for writing, as a read lease tells: `F_SETLEASE` with
    /// `F_RDLCK` is refused with `EAGAIN` exactly then. `nil` when it cannot be told: leases are not
    /// allowed (a file of another owner without `CAP_LEASE`, a network file system) or the file cannot
    /// be opened.
    static func isOpenForWriting(_ path: FilePath) -> Bool? {
        let setLease: Int32 = 1024  // F_SETLEASE, Linux-specific (F_LINUX_SPECIFIC_BASE + 0)
        guard let descriptor = try? openForReading(path) else { return nil }
        defer { close(descriptor) }
        if fcntl(descriptor, setLease, Int32(F_RDLCK)) == 0 {
            _ = fcntl(descriptor, setLease, Int32(F_UNLCK))
            return false
        }
        return Glibc.errno == EAGAIN ? true : nil
    }

    /// The metadata of `path` itself (a symlink is described, not followed); `nil` when it is gone.
    static func status(_ path: FilePath) throws(FileSystemError) -> stat? {
        var info = stat()
        do {
            _ = try call("lstat", path) { path.withPlatformString { lstat($0, &info) } }
        } catch let error where error.errno == .noSuchFileOrDirectory || error.errno == .notDirectory {
            return nil
        }
        return info
    }

    /// Reads at most `limit` bytes from `descriptor`.
    static func read(_ descriptor: Int32, limit: Int, path: FilePath) throws(FileSystemError) -> [UInt8] {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while bytes.count < limit {
            let wanted = min(chunk.count, limit - bytes.count)
            let count = try call("read", path) {
                chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, wanted) }
            }
            if count == 0 { break }
            bytes += chunk[0..<count]
        }
        return bytes
    }

    /// Writes all of `bytes` to `descriptor`: at its file offset, or at `position` when given (`pwrite`).
    static func write(
        _ descriptor: Int32,
        _ bytes: [UInt8],
        at position: Int? = nil,
        path: FilePath
    ) throws(FileSystemError) {
        var offset = 0
        while offset < bytes.count {
            let count = try call("write", path) {
                bytes.withUnsafeBytes { buffer in
                    let start = buffer.baseAddress! + offset
                    let remaining = bytes.count - offset
                    return if let position {
                        pwrite(descriptor, start, remaining, off_t(position + offset))
                    } else {
                        Glibc.write(descriptor, start, remaining)
                    }
                }
            }
            offset += count
        }
    }

    static func fsync(_ descriptor: Int32, path: FilePath) throws(FileSystemError) {
        _ = try call("fsync", path) { Glibc.fsync(descriptor) }
    }

    /// Makes the entries of `directory` (creations, renames, removals) durable.
    static func syncDirectory(_ directory: FilePath) throws(FileSystemError) {
        let descriptor = try openDirectory(directory)
        defer { close(descriptor) }
        try fsync(descriptor, path: directory)
    }

    /// Replaces `path` with `bytes` atomically: a temp file next to it (`.<name>.tmp`), fsync, rename.
    /// The caller fsyncs the directory (once per batch) with ``syncDirectory(_:)``.
    static func replace(_ path: FilePath, with bytes: [UInt8]) throws(FileSystemError) {
        let temporary = try writeTemporary(for: path, bytes, sync: true)
        do {
            try rename(temporary, to: path)
        } catch {
            unlinkQuietly(temporary)
            throw error
        }
    }

    /// Writes `bytes` to the temp file of `path` (see ``temporaryName(for:)``), fsyncing it when `sync`
    /// is set; a group commit leaves that to one ``syncFileSystem(containing:)``. Returns the temp path.
    static func writeTemporary(for path: FilePath, _ bytes: [UInt8], sync: Bool) throws(FileSystemError) -> FilePath {
        let (temporary, descriptor) = try createTemporary(for: path)
        defer { close(descriptor) }
        do {
            try write(descriptor, bytes, path: temporary)
            if sync { try fsync(descriptor, path: temporary) }
        } catch {
            unlinkQuietly(temporary)
            throw error
        }
        return temporary
    }

    /// Creates (or truncates) the temp file of `path` for writing: its path and descriptor.
    private static func createTemporary(
        for path: FilePath
    ) throws(FileSystemError) -> (
        path: FilePath, descriptor: Int32
    ) {
        let temporary = temporaryName(for: path)
        let descriptor = try call("create", temporary) {
            temporary.withPlatformString { open($0, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0o644) }
        }
        return (temporary, descriptor)
    }

    /// Opens the folder `path` itself, for an fsync or a `syncfs`.
    private static func openDirectory(_ path: FilePath) throws(FileSystemError) -> Int32 {
        try call("open directory", path) { path.withPlatformString { open($0, O_RDONLY | O_DIRECTORY | O_CLOEXEC) } }
    }

    /// Flushes everything written to the file system that holds `path` (`syncfs`): one flush for a
    /// whole batch of files instead of one fsync each.
    static func syncFileSystem(containing path: FilePath) throws(FileSystemError) {
        let descriptor = try openDirectory(path)
        defer { close(descriptor) }
        _ = try call("syncfs", path) { syncfs(descriptor) }
    }

    /// The temp file ``replace(_:with:)`` writes before renaming: a dot-name, so no reader picks it up.
    static func temporaryName(for path: FilePath) -> FilePath {
        guard let name = path.lastComponent else { return path }
        // A dot, a name and a suffix: never empty, never holding a `/`.
        let temporary = FilePath.Component(bytes: Array(".".utf8) + name.bytes + Array(temporarySuffix.utf8))!
        return path.removingLastComponent().appending(temporary)
    }

    static let temporarySuffix = ".tmp"

    /// Whether `name` is a temp file ``temporaryName(for:)`` makes.
    static func isTemporary(_ name: FilePath.Component) -> Bool {
        // Both ends are ASCII, which decoding keeps as it is in any name.
        name.string.hasPrefix(".") && name.string.hasSuffix(temporarySuffix)
    }

    static func rename(_ source: FilePath, to destination: FilePath) throws(FileSystemError) {
        _ = try call("rename \(source.spelling) to", destination) {
            source.withPlatformString { from in destination.withPlatformString { to in Glibc.rename(from, to) } }
        }
    }

    /// Removes `path`, ignoring any failure: for temp files a failed write leaves (they are swept later).
    static func unlinkQuietly(_ path: FilePath) {
        _ = path.withPlatformString { unlink($0) }
    }

    /// A file written to its temp file: not yet durable, not yet in place (see ``commit(_:fileSystemOf:)``).
    struct StagedFile {
        var path: FilePath
        var temporary: FilePath
    }

    /// Writes `bytes` to the temp file of `path`, unsynced.
    static func stage(_ bytes: [UInt8], for path: FilePath) throws(FileSystemError) -> StagedFile {
        StagedFile(path: path, temporary: try writeTemporary(for: path, bytes, sync: false))
    }

    /// Copies `source` in chunks to the temp file of `destination`, unsynced, keeping its times and
    /// stamping the copy with the original's ``FileFingerprint/origin`` (``originAttribute``): whoever
    /// finds the original beside a copy in place can tell the copy was made from it. Returns `nil`, and
    /// copies nothing, when `source` is no longer the file with the `expected` fingerprint.
    static func stageCopy(
        of source: FilePath,
        for destination: FilePath,
        expecting expected: FileFingerprint
    ) throws(FileSystemError) -> StagedFile? {
        let input = try openForReading(source)
        defer { close(input) }
        var info = stat()
        _ = try call("fstat", source) { fstat(input, &info) }
        guard info.fingerprint == expected else { return nil }
        let (temporary, output) = try createTemporary(for: destination)
        defer { close(output) }
        do {
            while true {
                let chunk = try read(input, limit: 1 << 20, path: source)
                if chunk.isEmpty { break }
                try write(output, chunk, path: temporary)
            }
        } catch {
            unlinkQuietly(temporary)
            throw error
        }
        var times = [info.st_atim, info.st_mtim]
        _ = futimens(output, &times)
        // A file system without user extended attributes keeps no stamp: an original that a crash left
        // beside its copy is then taken for a new drop and gets a `duplicate` event.
        let origin = info.fingerprint.origin
        _ = fsetxattr(output, originAttribute, origin, origin.utf8.count, 0)
        return StagedFile(path: destination, temporary: temporary)
    }

    /// Removes the temp file of a staged file that will not be committed (nothing if it is in place).
    static func discard(_ staged: StagedFile) {
        unlinkQuietly(staged.temporary)
    }

    /// Makes staged files durable and puts them in place (group commit): one `syncfs` of the file system
    /// that holds `root` for their contents, a rename each, one fsync per folder.
    static func commit(_ staged: some Collection<StagedFile>, fileSystemOf root: FilePath) throws(FileSystemError) {
        guard !staged.isEmpty else { return }
        try syncFileSystem(containing: root)
        var folders: Set<FilePath> = []
        for file in staged {
            try rename(file.temporary, to: file.path)
            folders.insert(file.path.removingLastComponent())
        }
        for folder in folders { try syncDirectory(folder) }
    }

    /// The extended attribute that names the original a copy was made from (see
    /// ``stageCopy(of:for:expecting:)``).
    static let originAttribute = "user.reportsyncd.origin"

    /// The ``FileFingerprint/origin`` stamped on `path` by ``stageCopy(of:for:expecting:)``, if any.
    static func origin(of path: FilePath) -> String? {
        var buffer = [UInt8](repeating: 0, count: 128)
        let count = path.withPlatformString { lgetxattr($0, originAttribute, &buffer, buffer.count) }
        return count < 0 ? nil : String(decoding: buffer[..<count], as: UTF8.self)
    }

    /// Whether the file system of `path` keeps user extended attributes (the origin stamp needs them).
    static func keepsUserAttributes(_ path: FilePath) -> Bool {
        let probe = "user.reportsyncd.probe"
        let kept = path.withPlatformString { lsetxattr($0, probe, "1", 1, 0) == 0 }
        guard kept else { return Glibc.errno != ENOTSUP && Glibc.errno != EOPNOTSUPP }
        _ = path.withPlatformString { lremovexattr($0, probe) }
        return true
    }

    static func remove(_ path: FilePath) throws(FileSystemError) {
        do {
            _ = try call("unlink", path) { path.withPlatformString { unlink($0) } }
        } catch let error where error.errno == .noSuchFileOrDirectory {
        }
    }

    /// All the bytes of the file at `path`; `nil` when there is none.
    static func contents(of path: FilePath) throws(FileSystemError) -> [UInt8]? {
        let descriptor: Int32
        do {
            descriptor = try openForReading(path)
        } catch let error where error.errno == .noSuchFileOrDirectory {
            return nil
        }
        defer { close(descriptor) }
        return try read(descriptor, limit: .max, path: path)
    }

    /// Creates `path` and its missing parents.
    static func createDirectory(_ path: FilePath) throws(FileSystemError) {
        if let info = try status(path), info.st_mode & S_IFMT == S_IFDIR { return }
        // The first folder of a relative path is in the current folder.
        let parent = path.removingLastComponent().isEmpty ? "." : path.removingLastComponent()
        try createDirectory(parent)
        do {
            _ = try call("create directory", path) { path.withPlatformString { mkdir($0, 0o755) } }
            // A folder the daemon creates must survive a power cut like the files put into it.
            try syncDirectory(parent)
        } catch let error where error.errno == .fileExists {
        }
    }

    /// Where `d_name` starts in a `dirent`.
    private static let direntNameOffset = MemoryLayout<dirent>.offset(of: \dirent.d_name)!

    /// The names in `directory`, without `.` and `..`, byte for byte.
    static func entries(of directory: FilePath) throws(FileSystemError) -> [FilePath.Component] {
        guard let stream = directory.withPlatformString({ opendir($0) }) else {
            throw FileSystemError("list", directory, Errno(rawValue: Glibc.errno))
        }
        defer { closedir(stream) }
        var names: [FilePath.Component] = []
        while let entry = readdir(stream) {
            // The name is read in place, up to its NUL: an entry is only as long as its name
            // (`d_reclen`), so copying the whole `dirent` (`entry.pointee`) can read past the end of
            // readdir's buffer, and crashed when that buffer ended at an unmapped page.
            let name = FilePath.Component(
                platformString: UnsafeRawPointer(entry).advanced(by: direntNameOffset).assumingMemoryBound(
                    to: CChar.self
                )
            )
            if let name, name.kind == .regular { names.append(name) }
        }
        return names
    }
}

extension stat {
    var isRegularFile: Bool { st_mode & S_IFMT == S_IFREG }
    var isDirectory: Bool { st_mode & S_IFMT == S_IFDIR }

    /// What kind of file this is, in words for a log line.
    var kindDescription: String {
        switch st_mode & S_IFMT {
        case S_IFREG: "regular file"
        case S_IFDIR: "directory"
        case S_IFLNK: "symlink"
        case S_IFIFO: "FIFO"
        case S_IFSOCK: "socket"
        case S_IFCHR: "character device"
        case S_IFBLK: "block device"
        default: "special file"
        }
    }

    /// What must stay unchanged for a file to count as settled, and as the file that was read.
    var fingerprint: FileFingerprint {
        FileFingerprint(
            size: Int(st_size),
            modified: st_mtim.tv_sec * 1_000_000_000 + st_mtim.tv_nsec,
            changed: st_ctim.tv_sec * 1_000_000_000 + st_ctim.tv_nsec,
            device: st_dev,
            inode: st_ino
        )
    }
}

/// What the settle check compares between two looks at a file, and the retirement compares with the
/// look taken when the file was read.
struct FileFingerprint: Equatable, Sendable {
    var size: Int
    var modified: Int
    /// The inode change time: it moves on every write, rename, link or attribute change.
    var changed: Int
    var device: UInt
    var inode: UInt

    /// This file, and no later file of the same name or content: inode and change time. (Not the device
    /// number, which may change from one boot to the next, as after the crash the stamp is there for.)
    var origin: String { "\(inode):\(changed)" }
}
