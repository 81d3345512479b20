import Crypto
import Dispatch
import Logging
import ReportCore
import Synchronization
import SystemPackage

/// The read step of an ingest: reads each file of a batch (bounded), hashes it with SHA-256 and parses
/// it. Safe to run on several threads at once: the files of a batch are read in parallel (the parser
/// is pure; this is where the CPU time goes).
struct InboxReader: Sendable {
    let inbox: Inbox
    let parser: ReportParser
    /// Files larger than this are hashed but neither kept nor parsed.
    let maxFileSize: Int
    let logger: Logger

    /// What was read of one file, and what the parser made of it.
    struct FileContent: Sendable {
        var fingerprint: FileFingerprint
        var sha256: String
        var size: Int
        /// `nil` when the file is over the size limit (it was hashed, not kept, not parsed).
        var parsed: Result<Record, NotAReport>?
    }

    /// Reads the files of `batch` (inbox-relative paths) in parallel, keeping the batch's order.
    func readAll(_ batch: [FilePath]) -> [Result<FileContent?, FileSystemError>] {
        let results = Mutex([Result<FileContent?, FileSystemError>](repeating: .success(nil), count: batch.count))
        DispatchQueue.concurrentPerform(iterations: batch.count) { index in
            let result = Result { () throws(FileSystemError) in try read(batch[index]) }
            results.withLock { $0[index] = result }
        }
        return results.withLock { $0 }
    }

    /// Reads (bounded), hashes and parses `relative`; `nil` when it vanished or is not a regular file.
    func read(_ relative: FilePath) throws(FileSystemError) -> FileContent? {
        let path = inbox.path(of: relative)
        let descriptor: FileDescriptor
        do {
            descriptor = try FileSystem.openForReading(path)
        } catch let error where error.errno == .noSuchFileOrDirectory || error.errno == .tooManySymbolicLinkLevels {
            logger.debug(
                "file left the inbox before it was read",
                metadata: ["REPORTSYNC_FILE": "\(relative.spelling)"]
            )
            return nil
        }
        defer { FileSystem.close(descriptor) }
        let info = try FileSystem.status(of: descriptor, path: path)
        guard info.isRegularFile else { return nil }
        var hasher = SHA256()
        var bytes: [UInt8]? = []
        var size = 0
        while true {
            let chunk = try FileSystem.read(descriptor, limit: 1 << 20, path: path)
            if chunk.isEmpty { break }
            hasher.update(data: chunk)
            size += chunk.count
            // Past the limit the bytes are only hashed, never held.
            if size > maxFileSize { bytes = nil } else { bytes?.append(contentsOf: chunk) }
        }
        let sha256 = hasher.finalize().hexString
        let parsing = ContinuousClock.now
        let parsed = bytes.map { parser.parse($0, sourceName: relative.spelling) }
        DaemonMetrics.parsed(in: .now - parsing)
        return FileContent(fingerprint: info.fingerprint, sha256: sha256, size: size, parsed: parsed)
    }
}
