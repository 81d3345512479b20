import SystemPackage

/// Why the daemon cannot start or go on: each case names the path and what to do.
public enum DaemonError: Error, Sendable, CustomStringConvertible {
    /// The mirror or state folder lies inside the inbox.
    case folderInsideInbox(name: String, path: FilePath, inbox: FilePath)
    /// A folder is missing and cannot be created, or cannot be resolved.
    case cannotCreateFolder(FileSystemError)
    /// The inbox exists but cannot be listed, read or written.
    case inboxUnusable(FileSystemError)
    /// Another daemon holds the state folder's lock.
    case alreadyRunning(lockPath: FilePath)
    /// The change log, index or mirror cannot be read or written at start-up.
    case startupFailed(any Error)

    /// The `errno` behind the failure, when a system call failed.
    public var errno: Errno? {
        switch self {
        case .cannotCreateFolder(let error), .inboxUnusable(let error): error.errno
        case .startupFailed(let error): (error as? FileSystemError)?.errno
        case .folderInsideInbox, .alreadyRunning: nil
        }
    }

    public var description: String {
        switch self {
        case .folderInsideInbox(let name, let path, let inbox):
            "the \(name) folder \(path) lies inside the inbox \(inbox); the daemon would ingest its own output"
        case .cannotCreateFolder(let error):
            "\(error)"
        case .inboxUnusable(let error):
            "the inbox cannot be used: \(error)"
        case .alreadyRunning(let lockPath):
            "another reportsyncd is using this state folder (it holds \(lockPath))"
        case .startupFailed(let error):
            "cannot start: \(error)"
        }
    }
}
