import Glibc
import Logging
import SystemPackage

/// The append-only change log, `<mirror>/changes.jsonl`: one ``ChangeEvent`` per line, `seq` strictly
/// increasing. It is the source of truth: the dedup index and the mirror can be rebuilt from it.
///
/// Appends are group commits: a batch of lines goes out in one `write` and one `fsync`, and only
/// then are the batch's files retired from the inbox.
final class ChangeLog {
    let path: FilePath
    private let descriptor: FileDescriptor
    /// The seq of the last durable event, 0 when the log is empty.
    private(set) var lastSeq: Int
    /// The length of the log in bytes: where the next line goes.
    private(set) var endOffset: Int
    /// The bytes of the last append, when it failed: written past ``endOffset`` in whole or in part,
    /// perhaps seen by a reader, but not known to be durable. The next append writes them again at the
    /// same offset, byte for byte, so that no line a reader saw ever changes.
    private var unsynced: [UInt8]?

    /// Opens (creating) the log and repairs a torn tail left by a crash: bytes after the last newline,
    /// or trailing lines that do not parse, are cut off. Nothing is thrown away: the cut bytes are kept
    /// in `setAsideFolder` as `changes.torn-<offset>` (the log offset they were cut at; `.1`, `.2`… after
    /// it when that name is taken), and the cut is logged with that path.
    init(path: FilePath, setAsideFolder: FilePath, logger: Logger) throws(FileSystemError) {
        self.path = path
        let descriptor = try FileSystem.open(path, O_RDWR | O_CREAT | O_CLOEXEC)
        self.descriptor = descriptor
        // The log is the source of truth: its creation must be durable before any line in it is.
        try FileSystem.syncDirectory(path.removingLastComponent())
        let original = try FileSystem.read(descriptor, limit: .max, path: path)
        var bytes = original
        var lastSeq = 0
        while !bytes.isEmpty {
            guard let newline = bytes.lastIndex(of: UInt8(ascii: "\n")) else {
                bytes = []
                break
            }
            let lineStart = bytes[..<newline].lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0
            if newline == bytes.count - 1, let event = try? ChangeEvent(jsonLine: bytes[lineStart..<newline]) {
                lastSeq = event.seq
                break
            }
            // A torn or garbled tail: drop everything from the start of the unreadable line.
            bytes.removeSubrange((newline == bytes.count - 1 ? lineStart : newline + 1)...)
        }
        if bytes.count != original.count {
            // A name of its own even when an earlier cut was made at the same offset.
            var setAside = setAsideFolder.appending("changes.torn-\(bytes.count)")
            var copies = 0
            while try FileSystem.status(setAside) != nil {
                copies += 1
                setAside = setAsideFolder.appending("changes.torn-\(bytes.count).\(copies)")
            }
            try FileSystem.replace(setAside, with: Array(original[bytes.count...]))
            try FileSystem.syncDirectory(setAsideFolder)
            try FileSystem.truncate(descriptor, to: bytes.count, path: path)
            try FileSystem.fsync(descriptor, path: path)
            logger.warning(
                "repaired the change log's torn last line left by a crash; the cut bytes are kept aside",
                metadata: [
                    "path": "\(path)", "removedBytes": "\(original.count - bytes.count)", "keptIn": "\(setAside)",
                ]
            )
        }
        // Lines an earlier process wrote but did not make durable (killed between write and fsync) count
        // as logged from now on: they are made durable before anything is read from them.
        try FileSystem.fsync(descriptor, path: path)
        self.lastSeq = lastSeq
        self.endOffset = bytes.count
    }

    deinit {
        FileSystem.close(descriptor)
    }

    /// Appends `events` (their seqs follow ``lastSeq`` in order) and fsyncs: on return they are durable.
    /// After a failure the caller appends the same events again (see ``unsynced``): they are written again
    /// over whatever of them reached the file, and fsynced.
    func append(_ events: [ChangeEvent]) throws(FileSystemError) {
        guard let last = events.last else { return }
        precondition(events.first!.seq == lastSeq + 1, "change-log seqs must be strictly increasing")
        var bytes: [UInt8] = []
        for event in events {
            bytes += event.jsonLine()
            bytes.append(UInt8(ascii: "\n"))
        }
        precondition(unsynced == nil || unsynced == bytes, "a failed append is retried with the same lines")
        do {
            try FileSystem.write(descriptor, bytes, at: endOffset, path: path)
            try FileSystem.fsync(descriptor, path: path)
        } catch {
            unsynced = bytes
            throw error
        }
        unsynced = nil
        lastSeq = last.seq
        endOffset += bytes.count
    }

    /// Cuts what a failed append left after its last whole line (nothing when no append failed), so that
    /// the log ends with a whole line. The whole lines stay: a reader may have seen them.
    func cutPartialLine() throws(FileSystemError) {
        guard unsynced != nil else { return }
        try FileSystem.seek(descriptor, to: endOffset, path: path)
        let tail = try FileSystem.read(descriptor, limit: .max, path: path)
        let whole = tail.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0
        try FileSystem.truncate(descriptor, to: endOffset + whole, path: path)
        try FileSystem.fsync(descriptor, path: path)
    }

    /// The events of the log at `path` from byte `offset` on, with the offset after each line.
    /// A missing log has no events; an unreadable line is an error naming its line's offset.
    static func events(at path: FilePath, from offset: Int = 0) throws -> [(event: ChangeEvent, end: Int)] {
        guard try FileSystem.status(path) != nil else { return [] }
        let descriptor = try FileSystem.openForReading(path)
        defer { FileSystem.close(descriptor) }
        if offset > 0 { try FileSystem.seek(descriptor, to: offset, path: path) }
        let bytes = try FileSystem.read(descriptor, limit: .max, path: path)
        var events: [(event: ChangeEvent, end: Int)] = []
        var start = 0
        while let newline = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) {
            do {
                events.append((try ChangeEvent(jsonLine: bytes[start..<newline]), offset + newline + 1))
            } catch {
                throw ChangeLogError.unreadableLine(path: path, offset: offset + start)
            }
            start = newline + 1
        }
        return events
    }
}

/// The change log cannot be read back.
public enum ChangeLogError: Error, Sendable, CustomStringConvertible {
    /// A complete line that is not a change event.
    case unreadableLine(path: FilePath, offset: Int)

    public var description: String {
        switch self {
        case .unreadableLine(let path, let offset):
            "the change log \(path) has an unreadable line at byte \(offset)"
        }
    }
}
