import Glibc
import SystemPackage

/// The state folder: `archive/` and `rejected/` for retired originals, the dedup index, the lock, the
/// metrics textfile. Public so that programs beside the daemon (`serve`) name the same paths.
public struct StateFolder: Sendable {
    /// The state folder.
    public let root: FilePath

    /// The state folder at `root`.
    public init(root: FilePath) {
        self.root = root
    }

    /// `<state>/archive`: originals that were ingested (added, revised, duplicate).
    public var archivePath: FilePath { root.appending("archive") }
    /// `<state>/rejected`: files that are not reports, each with its `.reason.json`.
    public var rejectedPath: FilePath { root.appending("rejected") }
    var indexPath: FilePath { root.appending("dedup-index.json") }
    var lockPath: FilePath { root.appending("lock") }
    /// Present while a daemon runs; found at start-up it means the last run did not stop cleanly.
    var runningMarkerPath: FilePath { root.appending("running") }
    /// `<state>/metrics.prom`: the daemon's metrics in Prometheus text exposition, rewritten atomically
    /// (node_exporter's textfile collector reads files named `*.prom`).
    public var metricsPath: FilePath { root.appending("metrics.prom") }

    /// The folder an event's original goes to.
    func retirementFolder(for event: ChangeEventKind) -> FilePath {
        event == .rejected ? rejectedPath : archivePath
    }

    /// Where the original of `event` ends up: `archive/<seq>-<basename>` or `rejected/<seq>-<basename>`.
    public func retiredPath(of event: ChangeEvent) -> FilePath {
        retiredPath(of: event.event, named: retiredName(of: event))
    }

    /// Where an original of the kind `event` named `retiredName` ends up.
    func retiredPath(of event: ChangeEventKind, named retiredName: FilePath.Component) -> FilePath {
        retirementFolder(for: event).appending(retiredName)
    }

    /// The bytes of the original of `event` (at most `limit`), `nil` when there is no such regular
    /// file. Neither the folder nor the file is reached through a symlink, so a link planted in
    /// `archive/` or `rejected/` yields nothing, whatever it points at.
    public func originalContents(of event: ChangeEvent, limit: Int) throws(FileSystemError) -> [UInt8]? {
        let folder = retirementFolder(for: event.event)
        let missing: [Errno] = [.noSuchFileOrDirectory, .notDirectory, .tooManySymbolicLinkLevels]
        let folderDescriptor: FileDescriptor
        do {
            folderDescriptor = try FileSystem.open(folder, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        } catch let error where missing.contains(error.errno) {
            return nil
        }
        defer { FileSystem.close(folderDescriptor) }
        let name = retiredName(of: event)
        let path = folder.appending(name)
        let descriptor: FileDescriptor
        do {
            descriptor = FileDescriptor(
                rawValue: try FileSystem.call("open", path) {
                    name.withPlatformString {
                        openat(folderDescriptor.rawValue, $0, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
                    }
                }
            )
        } catch let error where missing.contains(error.errno) {
            return nil
        }
        defer { FileSystem.close(descriptor) }
        guard try FileSystem.status(of: descriptor, path: path).st_mode & S_IFMT == S_IFREG else { return nil }
        return try FileSystem.read(descriptor, limit: limit, path: path)
    }

    /// The daemon's last metrics textfile (at most `limit` bytes), `nil` when there is none or it is
    /// not a regular file.
    public func metricsText(limit: Int) -> [UInt8]? {
        guard let descriptor = try? FileSystem.openForReading(metricsPath) else { return nil }
        defer { FileSystem.close(descriptor) }
        guard let info = try? FileSystem.status(of: descriptor, path: metricsPath), info.st_mode & S_IFMT == S_IFREG
        else { return nil }
        return try? FileSystem.read(descriptor, limit: limit, path: metricsPath)
    }

    /// Replaces the metrics textfile with `text` atomically (temp file `.metrics.prom.tmp`, fsync,
    /// rename), so that a reader such as node_exporter's textfile collector never sees half of it.
    public func writeMetrics(_ text: [UInt8]) throws(FileSystemError) {
        try FileSystem.replace(metricsPath, with: text)
    }

    /// `rejected/<seq>-<basename>.reason.json`.
    func reasonPath(named retiredName: FilePath.Component) -> FilePath {
        // A name and a suffix: never empty, never holding a `/`.
        rejectedPath.appending(FilePath.Component(bytes: retiredName.bytes + Self.reasonSuffix.utf8)!)
    }

    static let reasonSuffix = ".reason.json"

    /// The name of `event`'s original in archive/ or rejected/: `<seq>-` and the original bytes of its
    /// basename (see ``retiredName(seq:of:)``).
    public func retiredName(of event: ChangeEvent) -> FilePath.Component {
        Self.retiredName(seq: event.seq, of: event.source.path)
    }

    /// `<seq>-<basename>` of the inbox file `path`; the basename's end is cut when the name of its reason's
    /// temp file (`.<name>.reason.json.tmp`) would be over the 255 bytes a file name may have (a UTF-8 name
    /// at a character boundary, any other name at a byte).
    static func retiredName(seq: Int, of path: FilePath) -> FilePath.Component {
        let longestSuffix = ".".utf8.count + reasonSuffix.utf8.count + FileSystem.temporarySuffix.utf8.count
        var name = Array("\(seq)-".utf8) + (path.lastComponent?.bytes ?? [])
        let isUTF8 = String(validating: name, as: UTF8.self) != nil
        if name.count + longestSuffix > 255 {
            name.removeLast(name.count + longestSuffix - 255)
            while isUTF8 && String(validating: name, as: UTF8.self) == nil { name.removeLast() }
        }
        // `<seq>-` and the bytes of one name: never empty, never holding a `/`.
        return FilePath.Component(bytes: name)!
    }

    /// Takes the state folder's lock, so that two daemons never share one state; the caller closes the
    /// descriptor to release it.
    func lock() throws(DaemonError) -> FileDescriptor {
        let descriptor: FileDescriptor
        do {
            descriptor = try FileSystem.open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC)
        } catch {
            throw .cannotCreateFolder(error)
        }
        do {
            _ = try FileSystem.call("flock", lockPath) { flock(descriptor.rawValue, LOCK_EX | LOCK_NB) }
        } catch {
            FileSystem.close(descriptor)
            throw .alreadyRunning(lockPath: lockPath)
        }
        return descriptor
    }
}
