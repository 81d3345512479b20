import SystemPackage

/// A file that could not be ingested or moved out of the inbox this time: it stays there and is tried
/// again later, never logged twice.
struct IngestFailure: Error {
    /// The file's inbox path.
    var relative: FilePath
    /// What went wrong, in words for the log.
    var reason: String
    /// Set when a system call failed.
    var errno: Errno?

    init(relative: FilePath, reason: String, errno: Errno? = nil) {
        self.relative = relative
        self.reason = reason
        self.errno = errno
    }

    init(relative: FilePath, error: FileSystemError) {
        self.init(relative: relative, reason: error.description, errno: error.errno)
    }

    /// The file at `relative` is no longer the one read for event `seq`: replaced or written to since.
    /// The event stands for the bytes that were read; what is there now is read again as a file of its own.
    static func changed(_ relative: FilePath, afterEventSeq seq: Int) -> IngestFailure {
        IngestFailure(relative: relative, reason: "it changed after it was read for event \(seq)")
    }

    /// The file could not be moved out of the inbox although its event is logged.
    static func cannotMove(_ relative: FilePath, _ error: FileSystemError) -> IngestFailure {
        IngestFailure(
            relative: relative,
            reason: "cannot move a logged file out of the inbox (it will not be logged twice): \(error)",
            errno: error.errno
        )
    }
}
