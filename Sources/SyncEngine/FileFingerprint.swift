import Glibc

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
