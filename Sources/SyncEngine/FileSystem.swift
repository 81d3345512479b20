// Over the ~300 lines of other files: every system call the engine makes, each behind its fault seam, stays
// in this one file.
import CFileSystem
import Glibc
import SystemPackage

/// The system calls every stage uses, in one place: durable writes and renames, directory fsync,
/// bounded reads, listing without following symlinks. Each retries `EINTR` and throws a
/// ``FileSystemError`` naming the operation and the path; each asks ``SystemCallFaults`` first, the
/// seam through which a test makes any of them fail.
///
/// Paths are ``FilePath``s and reach the kernel byte for byte: a name that is not UTF-8 (GBK from a
/// Windows client, bytes valid in no encoding) is opened, moved and listed like any other.
///
/// Durability rule: a file is durable after write + `fsync` of the file + `rename` into place +
/// `fsync` of the directory that holds it.
enum FileSystem {
    /// Runs the system call `body` (`operation` on `path`), retrying while it fails with `EINTR`; throws
    /// the other errors, and the error a test's ``FaultPlan`` names without running `body`.
    static func call<T: BinaryInteger>(
        _ operation: String,
        _ path: FilePath,
        _ body: () -> T
    ) throws(FileSystemError) -> T {
        if let errno = SystemCallFaults.fault(operation, path) { throw FileSystemError(operation, path, errno) }
        while true {
            let result = body()
            if result >= 0 { return result }
            let error = Errno(rawValue: Glibc.errno)
            if error != .interrupted { throw FileSystemError(operation, path, error) }
        }
    }

    /// Opens `path` read-only, never following a symlink in its last component.
    static func openForReading(_ path: FilePath) throws(FileSystemError) -> FileDescriptor {
        try open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
    }

    /// Opens `path` with `flags` (and `permissions` for a file it creates); `operation` names it in errors.
    static func open(
        _ path: FilePath,
        _ flags: Int32,
        permissions: mode_t = 0o644,
        operation: String = "open"
    ) throws(FileSystemError) -> FileDescriptor {
        FileDescriptor(
            rawValue: try call(operation, path) { path.withPlatformString { Glibc.open($0, flags, permissions) } }
        )
    }

    /// Closes `descriptor`; nothing is left to do when that fails.
    static func close(_ descriptor: FileDescriptor) {
        _ = Glibc.close(descriptor.rawValue)
    }

    /// Whether some process holds `path` open for writing, as a read lease tells: `F_SETLEASE` with
    /// `F_RDLCK` is refused with `EAGAIN` exactly then. `nil` when it cannot be told: leases are not
    /// allowed (a file of another owner without `CAP_LEASE`, a network file system) or the file cannot
    /// be opened.
    static func isOpenForWriting(_ path: FilePath) -> Bool? {
        let setLease: Int32 = 1024  // F_SETLEASE, Linux-specific (F_LINUX_SPECIFIC_BASE + 0)
        guard let descriptor = try? openForReading(path) else { return nil }
        defer { close(descriptor) }
        do {
            _ = try call("lease", path) { fcntl(descriptor.rawValue, setLease, Int32(F_RDLCK)) }
            _ = try? call("lease", path) { fcntl(descriptor.rawValue, setLease, Int32(F_UNLCK)) }
            return false
        } catch {
            return error.errno == .resourceTemporarilyUnavailable ? true : nil
        }
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

    /// The metadata of the open file `descriptor` (at `path`).
    static func status(of descriptor: FileDescriptor, path: FilePath) throws(FileSystemError) -> stat {
        var info = stat()
        _ = try call("fstat", path) { fstat(descriptor.rawValue, &info) }
        return info
    }

    /// Reads at most `limit` bytes from `descriptor`.
    static func read(_ descriptor: FileDescriptor, limit: Int, path: FilePath) throws(FileSystemError) -> [UInt8] {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while bytes.count < limit {
            let wanted = min(chunk.count, limit - bytes.count)
            let count = try call("read", path) {
                chunk.withUnsafeMutableBytes { Glibc.read(descriptor.rawValue, $0.baseAddress, wanted) }
            }
            if count == 0 { break }
            bytes += chunk[0..<count]
        }
        return bytes
    }

    /// Writes all of `bytes` to `descriptor`: at its file offset, or at `position` when given (`pwrite`).
    static func write(
        _ descriptor: FileDescriptor,
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
                        pwrite(descriptor.rawValue, start, remaining, off_t(position + offset))
                    } else {
                        Glibc.write(descriptor.rawValue, start, remaining)
                    }
                }
            }
            offset += count
        }
    }

    static func fsync(_ descriptor: FileDescriptor, path: FilePath) throws(FileSystemError) {
        _ = try call("fsync", path) { Glibc.fsync(descriptor.rawValue) }
    }

    /// Cuts the file of `descriptor` (at `path`) to `length` bytes.
    static func truncate(_ descriptor: FileDescriptor, to length: Int, path: FilePath) throws(FileSystemError) {
        _ = try call("truncate", path) { ftruncate(descriptor.rawValue, off_t(length)) }
    }

    /// Moves the file offset of `descriptor` (at `path`) to `offset`.
    static func seek(_ descriptor: FileDescriptor, to offset: Int, path: FilePath) throws(FileSystemError) {
        _ = try call("seek", path) { lseek(descriptor.rawValue, off_t(offset), SEEK_SET) }
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
    static func createTemporary(
        for path: FilePath
    ) throws(FileSystemError) -> (
        path: FilePath, descriptor: FileDescriptor
    ) {
        let temporary = temporaryName(for: path)
        let flags = O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC
        return (temporary, try open(temporary, flags, operation: "create"))
    }

    /// Opens the folder `path` itself, for an fsync or a `syncfs`.
    private static func openDirectory(_ path: FilePath) throws(FileSystemError) -> FileDescriptor {
        try open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC, operation: "open directory")
    }

    /// Flushes everything written to the file system that holds `path` (`syncfs`): one flush for a
    /// whole batch of files instead of one fsync each.
    static func syncFileSystem(containing path: FilePath) throws(FileSystemError) {
        let descriptor = try openDirectory(path)
        defer { close(descriptor) }
        _ = try call("syncfs", path) { syncfs(descriptor.rawValue) }
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

    /// Removes `path`; a missing file counts as removed.
    static func remove(_ path: FilePath) throws(FileSystemError) {
        do {
            try unlink(path)
        } catch let error where error.errno == .noSuchFileOrDirectory {
        }
    }

    /// Removes `path`; a missing file is an error (see ``remove(_:)`` for one that is not).
    static func unlink(_ path: FilePath) throws(FileSystemError) {
        _ = try call("unlink", path) { path.withPlatformString { Glibc.unlink($0) } }
    }

    /// Removes `path`, ignoring any failure: for temp files a failed write leaves (they are swept later).
    static func unlinkQuietly(_ path: FilePath) {
        try? unlink(path)
    }

    /// All the bytes of the file at `path`; `nil` when there is none.
    static func contents(of path: FilePath) throws(FileSystemError) -> [UInt8]? {
        let descriptor: FileDescriptor
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

    /// `path` made absolute, with every symlink in it resolved (`realpath`).
    static func resolved(_ path: FilePath) throws(FileSystemError) -> FilePath {
        if let errno = SystemCallFaults.fault("resolve", path) { throw FileSystemError("resolve", path, errno) }
        guard let real = path.withPlatformString({ realpath($0, nil) }) else {
            throw FileSystemError("resolve", path, Errno(rawValue: Glibc.errno))
        }
        defer { free(real) }
        return FilePath(platformString: real)
    }

    /// Throws unless this process may list, read and write in the folder `path`.
    static func checkReadWriteAccess(_ path: FilePath) throws(FileSystemError) {
        _ = try call("read and write", path) { path.withPlatformString { access($0, R_OK | W_OK | X_OK) } }
    }

    /// Where `d_name` starts in a `dirent`.
    private static let direntNameOffset = MemoryLayout<dirent>.offset(of: \dirent.d_name)!

    /// The names in `directory`, without `.` and `..`, byte for byte.
    static func entries(of directory: FilePath) throws(FileSystemError) -> [FilePath.Component] {
        if let errno = SystemCallFaults.fault("list", directory) { throw FileSystemError("list", directory, errno) }
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
