import Glibc

/// The inbox folder people drop reports into, sorted into subfolders as they like.
///
/// Paths inside it are relative and `/`-separated (`hubei/x.txt`): that is the `source.name` of an event.
struct Inbox: Sendable {
    let root: String

    func path(of relative: String) -> String {
        relative.isEmpty ? root : root + "/" + relative
    }

    /// Names that are not picked up until renamed: dot-names and partial downloads.
    static func isIgnored(name: some StringProtocol) -> Bool {
        name.hasPrefix(".") || name.hasPrefix("~$") || name.hasSuffix(".part") || name.hasSuffix(".tmp")
            || name.hasSuffix(".crdownload")
    }

    /// `relative`'s last component.
    static func basename(of relative: String) -> Substring {
        relative.split(separator: "/").last ?? Substring(relative)
    }

    /// What a walk of the inbox found.
    enum Entry {
        case directory(String)
        case file(String, stat)
        /// A symlink, FIFO, socket or device: never followed, never read.
        case skipped(String, stat)
        /// A folder that cannot be listed (one that vanished meanwhile is passed over silently).
        case unlistable(FileSystemError)
    }

    /// Walks the folder `relative` and everything below it without following symlinks, depth first,
    /// reporting each directory before its contents. Ignored names are passed over silently.
    func walk(_ relative: String, visit: (Entry) -> Void) {
        var pending = [relative]
        while let directory = pending.popLast() {
            visit(.directory(directory))
            let names: [String]
            do {
                names = try FileSystem.entries(of: path(of: directory))
            } catch {
                if error.errno != .noSuchFileOrDirectory { visit(.unlistable(error)) }
                continue
            }
            for name in names where !Self.isIgnored(name: name) {
                let child = directory.isEmpty ? name : directory + "/" + name
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
        walk("") { entry in
            if case .file = entry { count += 1 }
        }
        return count
    }

    /// Moves the ingested file `relative` to `destination` (in archive/ or rejected/). Returns the
    /// inbox folder whose entry changed; the caller fsyncs it and the destination folder.
    func retire(_ relative: String, to destination: String) throws(FileSystemError) -> String {
        let source = path(of: relative)
        try FileSystem.move(source, to: destination)
        return FileSystem.folder(of: source)
    }
}
