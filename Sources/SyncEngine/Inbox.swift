import Glibc
import SystemPackage

/// The inbox folder people drop reports into, sorted into subfolders as they like.
///
/// Paths inside it are relative (`hubei/x.txt`) and kept as the bytes the file system has: an event's
/// `source.name` is spelled from them.
struct Inbox: Sendable {
    let root: FilePath

    func path(of relative: FilePath) -> FilePath {
        root.pushing(relative)
    }

    /// Names that are not picked up until renamed: dot-names and partial downloads.
    static func isIgnored(name: some StringProtocol) -> Bool {
        name.hasPrefix(".") || name.hasPrefix("~$") || name.hasSuffix(".part") || name.hasSuffix(".tmp")
            || name.hasSuffix(".crdownload")
    }

    /// Whether `name` is not picked up until renamed. The prefixes and suffixes are ASCII, which the
    /// decoding of a name that is not UTF-8 keeps as they are.
    static func isIgnored(_ name: FilePath.Component) -> Bool {
        isIgnored(name: name.string)
    }

    /// What a walk of the inbox found.
    enum Entry {
        case directory(FilePath)
        case file(FilePath, stat)
        /// A symlink, FIFO, socket or device: never followed, never read.
        case skipped(FilePath, stat)
        /// A folder that cannot be listed (one that vanished meanwhile is passed over silently).
        case unlistable(FileSystemError)
    }

    /// Walks the folder `relative` and everything below it without following symlinks, depth first,
    /// reporting each directory before its contents. Ignored names are passed over silently.
    func walk(_ relative: FilePath, visit: (Entry) -> Void) {
        var pending = [relative]
        while let directory = pending.popLast() {
            visit(.directory(directory))
            let names: [FilePath.Component]
            do {
                names = try FileSystem.entries(of: path(of: directory))
            } catch {
                if error.errno != .noSuchFileOrDirectory { visit(.unlistable(error)) }
                continue
            }
            for name in names where !Self.isIgnored(name) {
                let child = directory.appending(name)
                guard let info = try? FileSystem.status(path(of: child)) else { continue }
                if info.isDirectory {
                    pending.append(child)
                } else if info.isRegularFile {
                    visit(.file(child, info))
                } else {
                    visit(.skipped(child, info))
                }
            }
        }
    }

    /// How many files are waiting (ignored names, symlinks and special files not counted).
    func waitingCount() -> Int {
        var count = 0
        walk(FilePath()) { entry in
            if case .file = entry { count += 1 }
        }
        return count
    }

    /// Where an ingested file goes: its inbox path and its place in archive/ or rejected/.
    struct Retirement {
        var relative: FilePath
        var destination: FilePath
        /// The event the file was logged under.
        var seq: Int
        /// The file as it was read: a file found otherwise is not moved.
        var fingerprint: FileFingerprint
    }

    /// Whether `relative` is still the file read with `fingerprint`; `nil` when it is gone.
    func isUnchanged(_ relative: FilePath, since fingerprint: FileFingerprint) throws(FileSystemError) -> Bool? {
        try FileSystem.status(path(of: relative)).map { $0.fingerprint == fingerprint }
    }

    /// Moves ingested files out of the inbox, as one group commit. On one file system that is a rename
    /// each. Across file systems (the usual case under systemd, where each `ReadWritePaths=` folder is a
    /// mount of its own and `rename` answers `EXDEV`) each original is copied, stamped with its origin
    /// (``FileSystem/stageCopy(of:for:expecting:)``); the copies are made durable together and renamed
    /// into place, their folders fsynced, and only then are the originals unlinked. A crash leaves each
    /// original or its copy, never neither; an original found beside the copy stamped with its origin is
    /// only moved again. The folders on both sides are fsynced before this returns.
    ///
    /// Each file is checked against its fingerprint just before it is renamed, copied and unlinked, so a
    /// file replaced meanwhile stays to be read again. Returns the files that stay in the inbox. A file
    /// gone from the inbox is passed over: its event stands. `stateRoot` is any folder on the destinations'
    /// file system.
    func retire(_ retirements: [Retirement], stateRoot: FilePath) -> [IngestFailure] {
        var failures: [IngestFailure] = []
        var moved: [FilePath: [FilePath]] = [:]  // folder → the files whose move changed it
        var copies: [(retirement: Retirement, copy: FileSystem.StagedFile)] = []
        for retirement in retirements {
            step(retirement, &failures) { source throws(FileSystemError) in
                do throws(FileSystemError) {
                    try FileSystem.rename(source, to: retirement.destination)
                    for folder in [source.removingLastComponent(), retirement.destination.removingLastComponent()] {
                        moved[folder, default: []].append(retirement.relative)
                    }
                } catch let error where error.errno == .improperLink {
                    let destination = retirement.destination
                    let expected = retirement.fingerprint
                    guard let copy = try FileSystem.stageCopy(of: source, for: destination, expecting: expected) else {
                        return false
                    }
                    copies.append((retirement, copy))
                }
                return true
            }
        }
        do throws(FileSystemError) {
            try FileSystem.commit(copies.map(\.copy), fileSystemOf: stateRoot)
        } catch {
            for (retirement, copy) in copies {
                FileSystem.discard(copy)
                failures.append(.cannotMove(retirement.relative, error))
            }
            copies = []
        }
        // The copies stand for their events; a file put in an original's place since then stays.
        for (retirement, _) in copies {
            step(retirement, &failures) { source throws(FileSystemError) in
                // Not `FileSystem.remove`, which takes ENOENT for done: the file was there a moment ago,
                // so ENOENT here is a failure to retry, never a reason to stop looking at the file.
                try FileSystem.unlink(source)
                moved[source.removingLastComponent(), default: []].append(retirement.relative)
                return true
            }
        }
        for (folder, relatives) in moved {
            do throws(FileSystemError) {
                try FileSystem.syncDirectory(folder)
            } catch {
                failures += relatives.map { .cannotMove($0, error) }
            }
        }
        return failures
    }

    /// Runs `body` on the file of `retirement` (its full path) if it is still the file that was read, and
    /// notes a failure when it has changed (or `body` says so by returning false) or `body` fails. A file
    /// gone from the inbox is passed over: its event stands.
    private func step(
        _ retirement: Retirement,
        _ failures: inout [IngestFailure],
        _ body: (FilePath) throws(FileSystemError) -> Bool
    ) {
        do throws(FileSystemError) {
            guard let unchanged = try isUnchanged(retirement.relative, since: retirement.fingerprint) else { return }
            let done = unchanged ? try body(path(of: retirement.relative)) : false
            if !done { failures.append(.changed(retirement.relative, afterEventSeq: retirement.seq)) }
        } catch {
            failures.append(.cannotMove(retirement.relative, error))
        }
    }
}
