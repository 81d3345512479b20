import CFileSystem
import Glibc
import SystemPackage

/// The process's mount table, `/proc/self/mountinfo`: which folders at or below a root are mount points.
///
/// inotify sends nothing when a file system is mounted or bind-mounted inside a watched folder, yet the
/// files under the mount point then appear there. The mount table's descriptor tells of each change
/// instead: `poll` reports `POLLPRI` on ``descriptor`` once the table has changed since the last poll.
final class MountTable: Sendable {
    /// Polled for `POLLPRI`: the table has changed.
    let descriptor: FileDescriptor
    private static let path: FilePath = "/proc/self/mountinfo"

    /// Opens the table; throws when there is none (no `/proc`).
    init() throws(FileSystemError) {
        descriptor = try FileSystem.openForReading(Self.path)
    }

    deinit {
        FileSystem.close(descriptor)
    }

    /// The name of the network file system `path` is on (NFS, CIFS, SMB), `nil` for a local one: inotify
    /// does not see what other machines write there.
    static func networkFileSystemName(of path: FilePath) -> String? {
        var info = statfs()
        guard (try? FileSystem.call("statfs", path, { path.withPlatformString { statfs($0, &info) } })) != nil else {
            return nil
        }
        switch UInt32(truncatingIfNeeded: info.f_type) {
        case 0x6969: return "NFS"
        case 0xFF53_4D42: return "CIFS"
        case 0x517B: return "SMB"
        case 0xFE53_4D42: return "SMB2"
        default: return nil
        }
    }

    /// The mount points at or below `root`, relative to it (the empty path is `root` itself).
    func mountPoints(under root: FilePath) throws(FileSystemError) -> Set<FilePath> {
        // Read afresh: the polled descriptor only signals.
        let table = try FileSystem.contents(of: Self.path) ?? []
        var mountPoints: Set<FilePath> = []
        for line in table.split(separator: UInt8(ascii: "\n")) {
            // `36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3 /dev/root rw`: the fifth field.
            let fields = line.split(separator: UInt8(ascii: " "), omittingEmptySubsequences: false)
            guard fields.count > 4 else { continue }
            var relative = FilePath(bytes: Self.unescaped(fields[4]))
            if relative.removePrefix(root) { mountPoints.insert(relative) }
        }
        return mountPoints
    }

    /// A mount point as the kernel writes it: space, tab, newline and backslash as octal `\040` escapes.
    private static func unescaped(_ field: ArraySlice<UInt8>) -> [UInt8] {
        var bytes: [UInt8] = []
        var index = field.startIndex
        while index < field.endIndex {
            let digits = field[(index + 1)..<min(index + 4, field.endIndex)]
            if field[index] == UInt8(ascii: "\\"), digits.count == 3,
                digits.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "7")).contains($0) })
            {
                bytes.append(digits.reduce(0) { $0 &<< 3 | ($1 - UInt8(ascii: "0")) })
                index += 4
            } else {
                bytes.append(field[index])
                index += 1
            }
        }
        return bytes
    }
}
