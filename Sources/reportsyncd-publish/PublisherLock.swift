import Glibc
import SystemPackage

/// `<state>/publish.lock`, held (`flock`) for as long as the publisher runs, so that two publishers never
/// share a state folder. The database's own row lock keeps two publishers of one node apart in any case.
final class PublisherLock {
    private let descriptor: FileDescriptor

    /// Creates the state folder when missing and takes the lock, or throws when another process holds it.
    init(state: FilePath) throws(PublisherLockError) {
        if mkdir(state.string, 0o750) != 0 && errno != EEXIST {
            throw .cannotCreate(state, Errno(rawValue: errno))
        }
        let path = state.appending("publish.lock")
        do {
            descriptor = try FileDescriptor.open(
                path,
                .readWrite,
                options: [.create, .closeOnExec],
                permissions: [.ownerReadWrite]
            )
        } catch {
            throw .cannotCreate(path, error as? Errno ?? .ioError)
        }
        guard flock(descriptor.rawValue, LOCK_EX | LOCK_NB) == 0 else {
            try? descriptor.close()
            throw .held(path)
        }
    }

    deinit {
        try? descriptor.close()
    }
}

/// The state folder cannot be locked.
enum PublisherLockError: Error, CustomStringConvertible {
    case cannotCreate(FilePath, Errno)
    case held(FilePath)

    var description: String {
        switch self {
        case .cannotCreate(let path, let errno): "cannot create \(path): \(errno)"
        case .held(let path): "another reportsyncd-publish holds \(path)"
        }
    }
}
