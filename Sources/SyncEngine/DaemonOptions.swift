import SystemPackage

/// Where the daemon works and how patiently: the resolved configuration of `reportsyncd run`.
public struct DaemonOptions: Sendable, Equatable {
    /// The folder people drop reports into.
    public var inbox: FilePath
    /// Holds `records/` and `changes.jsonl`.
    public var mirror: FilePath
    /// Holds `archive/`, `rejected/`, the dedup index and the lock.
    public var state: FilePath
    /// How long a file written in place (or found by a scan) must stay unchanged before it is read.
    public var settleInterval: Duration
    /// Files larger than this are rejected unread.
    public var maxFileSize: Int
    /// How often the inbox is scanned while inotify cannot cover it (watch limit, network file system).
    public var scanInterval: Duration

    public init(
        inbox: FilePath,
        mirror: FilePath,
        state: FilePath,
        settleInterval: Duration = .milliseconds(500),
        maxFileSize: Int = 50 * 1024 * 1024,
        scanInterval: Duration = .seconds(5)
    ) {
        self.inbox = inbox
        self.mirror = mirror
        self.state = state
        self.settleInterval = settleInterval
        self.maxFileSize = maxFileSize
        self.scanInterval = scanInterval
    }

    /// The three folders as absolute paths with symlinks resolved, created when missing; refuses a mirror
    /// or state folder inside the inbox, which would make the daemon feed on its own output.
    func preparedFolders() throws(DaemonError) -> (inbox: Inbox, mirror: Mirror, state: StateFolder) {
        var resolved: [FilePath] = []
        for folder in [inbox, mirror, state] {
            do {
                try FileSystem.createDirectory(folder)
                resolved.append(try FileSystem.resolved(folder))
            } catch {
                throw .cannotCreateFolder(error)
            }
        }
        let (inboxPath, mirrorPath, statePath) = (resolved[0], resolved[1], resolved[2])
        for (name, path) in [("mirror", mirrorPath), ("state", statePath)] where path.starts(with: inboxPath) {
            throw .folderInsideInbox(name: name, path: path, inbox: inboxPath)
        }
        do {
            try FileSystem.checkReadWriteAccess(inboxPath)
        } catch {
            throw .inboxUnusable(error)
        }
        let stateFolder = StateFolder(root: statePath)
        for folder in [mirrorPath.appending("records"), stateFolder.archivePath, stateFolder.rejectedPath] {
            do {
                try FileSystem.createDirectory(folder)
            } catch {
                throw .cannotCreateFolder(error)
            }
        }
        return (Inbox(root: inboxPath), Mirror(root: mirrorPath), stateFolder)
    }
}
