import ReportCore
import SystemPackage

/// A mirror folder as its readers see it (`export`, `serve`, `reportsyncd-publish`): the current
/// record of each agency and year, read-only. The daemon writes it through `Mirror`; both name
/// the same paths.
public struct MirrorFolder: Sendable {
    /// The mirror folder.
    public let root: FilePath

    /// The mirror folder at `root`.
    public init(root: FilePath) {
        self.root = root
    }

    private var mirror: Mirror { Mirror(root: root) }

    /// `<mirror>/changes.jsonl`.
    public var changeLogPath: FilePath { mirror.changeLogPath }

    /// The path of the record file of `agency` in `year` (whether or not it exists).
    public func recordPath(agency: String, year: Int) -> FilePath {
        mirror.recordPath(agency: agency, year: year)
    }

    /// The record stored for `agency` in `year`, `nil` when there is none or it cannot be read.
    public func record(agency: String, year: Int) -> Record? {
        mirror.record(agency: agency, year: year)
    }

    /// Every record file of the mirror (`records/<year>/<name>.json`), temp files left out, in no
    /// particular order. An empty list when the mirror has no `records/` yet.
    public func recordFiles() throws(FileSystemError) -> [FilePath] {
        try mirror.recordFiles().records
    }

    /// The record in the file at `path`.
    ///
    /// - Throws: `MirrorReadError` naming the file when it cannot be read or is not a record.
    public func record(at path: FilePath) throws(MirrorReadError) -> Record {
        let bytes: [UInt8]?
        do {
            bytes = try FileSystem.contents(of: path)
        } catch {
            throw MirrorReadError(path: path, reason: "\(error)")
        }
        guard let bytes else { throw MirrorReadError(path: path, reason: "no such file") }
        do {
            return try Record(jsonBytes: bytes)
        } catch {
            throw MirrorReadError(path: path, reason: "not a record: \(error)")
        }
    }
}

/// A mirror record file that could not be read.
public struct MirrorReadError: Error, Sendable, CustomStringConvertible {
    /// The record file.
    public var path: FilePath
    /// What went wrong, in words.
    public var reason: String

    public var description: String { "cannot read the record \(path): \(reason)" }
}
