import Glibc
import SystemPackage

/// The process's mount table, `/proc/self/mountinfo`: which folders at or below a root are mount points.
///
/// inotify sends nothing when a file system is mounted or bind-mounted inside a watched folder, yet the
/// files under the mount point then appear there. The mount table's descriptor tells of each change
/// instead: `poll` reports `POLLPRI` on ``descriptor`` once the table has changed since the last poll.
final class MountTable: Sendable {
    /// Polled for `POLLPRI`: the table has changed.
    let descriptor: Int32
    private static let path: FilePath = "/proc/self/mountinfo"

    /// Opens the table; throws when there is none (no `/proc`).
    init() throws(FileSystemError) {
        descriptor = try FileSystem.openForReading(Self.path)
    }

    deinit {
        close(descriptor)
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
