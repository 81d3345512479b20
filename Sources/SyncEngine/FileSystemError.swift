import SystemPackage

/// A system call that failed on a path: what was attempted, where, and the `errno` it returned.
public struct FileSystemError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The operation, in words: `"open"`, `"fsync"`, `"rename …/inbox/x.txt to"`.
    public var operation: String
    /// The path the operation was applied to, byte for byte.
    public var path: FilePath
    /// The error the kernel returned.
    public var errno: Errno

    public init(_ operation: String, _ path: FilePath, _ errno: Errno) {
        self.operation = operation
        self.path = path
        self.errno = errno
    }

    public var description: String {
        "cannot \(operation) \(path.spelling): \(errno) (errno \(errno.rawValue))"
    }
}
