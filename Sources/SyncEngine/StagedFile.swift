import CFileSystem
import Glibc
import SystemPackage

/// Group commits: files written to their temp files first (staged), then made durable together with one
/// `syncfs` and put in place with a rename each (``FileSystem/commit(_:fileSystemOf:)``).
extension FileSystem {
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
        let info = try status(of: input, path: source)
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
        _ = try? call("set times", temporary) { futimens(output.rawValue, &times) }
        // A file system without user extended attributes keeps no stamp: an original that a crash left
        // beside its copy is then taken for a new drop and gets a `duplicate` event.
        let origin = info.fingerprint.origin
        _ = try? call("set attribute", temporary) {
            fsetxattr(output.rawValue, originAttribute, origin, origin.utf8.count, 0)
        }
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
        let count = try? call("get attribute", path) {
            path.withPlatformString { lgetxattr($0, originAttribute, &buffer, buffer.count) }
        }
        return count.map { String(decoding: buffer[..<$0], as: UTF8.self) }
    }

    /// Whether the file system of `path` keeps user extended attributes (the origin stamp needs them).
    static func keepsUserAttributes(_ path: FilePath) -> Bool {
        let probe = "user.reportsyncd.probe"
        do {
            _ = try call("set attribute", path) { path.withPlatformString { lsetxattr($0, probe, "1", 1, 0) } }
        } catch {
            return error.errno.rawValue != ENOTSUP && error.errno.rawValue != EOPNOTSUPP
        }
        _ = try? call("remove attribute", path) { path.withPlatformString { lremovexattr($0, probe) } }
        return true
    }
}
