import ReportCore
import SystemPackage

/// The mirror folder: `records/<year>/<agency>.json`, the current record of each agency and year, and
/// the change log `changes.jsonl` next to it. Nothing else lives there.
struct Mirror {
    let root: FilePath

    var changeLogPath: FilePath { root.appending("changes.jsonl") }
    var recordsPath: FilePath { root.appending("records") }

    /// The record file of `agency` in `year`. `/` and control characters in the agency become `_`, and a
    /// name of `.` or `..` alone is prefixed with `_`, so an agency can never name a path outside
    /// `records/<year>/`.
    func recordPath(agency: String, year: Int) -> FilePath {
        var name = String(
            String.UnicodeScalarView(
                agency.unicodeScalars.map { $0 == "/" || $0.properties.generalCategory == .control ? "_" : $0 }
            )
        )
        if name.isEmpty || name == "." || name == ".." { name = "_" + name }
        return recordsPath.appending("\(year)").appending("\(name).json")
    }

    /// Writes `record` to the temp file next to its place. Staging the same agency and year again
    /// before ``commit(_:)`` overwrites the temp file: the last one staged wins.
    func stage(_ record: Record) throws(FileSystemError) -> FileSystem.StagedFile {
        let path = recordPath(agency: record.agency, year: record.year)
        try FileSystem.createDirectory(path.removingLastComponent())
        return try FileSystem.stage(record.jsonBytes(pretty: true), for: path)
    }

    /// Makes staged records durable and puts them in place atomically (group commit): one `syncfs` for
    /// their contents, a rename each, one fsync per folder.
    func commit(_ staged: some Collection<FileSystem.StagedFile>) throws(FileSystemError) {
        try FileSystem.commit(staged, fileSystemOf: recordsPath)
    }

    /// What the record file of an agency and year holds, in words for the log when it is not a record.
    enum RecordState: CustomStringConvertible {
        case record(Record)
        case missing
        case empty
        case unreadable

        var description: String {
            switch self {
            case .record(let record): "a record with contentHash \(record.contentHash)"
            case .missing: "no record file"
            case .empty: "an empty record file"
            case .unreadable: "a record file that is not a record"
            }
        }
    }

    /// What is stored for `agency` in `year`.
    func recordState(agency: String, year: Int) -> RecordState {
        let path = recordPath(agency: agency, year: year)
        guard let descriptor = try? FileSystem.openForReading(path) else { return .missing }
        defer { FileSystem.close(descriptor) }
        guard let bytes = try? FileSystem.read(descriptor, limit: .max, path: path) else { return .unreadable }
        if bytes.isEmpty { return .empty }
        return (try? Record(jsonBytes: bytes)).map(RecordState.record) ?? .unreadable
    }

    /// The record stored for `agency` in `year`, `nil` when there is none or it cannot be read.
    func record(agency: String, year: Int) -> Record? {
        if case .record(let record) = recordState(agency: agency, year: year) { return record }
        return nil
    }

    /// Every record file under `records/` as (path, year folder), and the temp files a crash left behind.
    func recordFiles() throws(FileSystemError) -> (records: [FilePath], temporaries: [FilePath]) {
        var records: [FilePath] = []
        var temporaries: [FilePath] = []
        guard try FileSystem.status(recordsPath) != nil else { return ([], []) }
        for yearName in try FileSystem.entries(of: recordsPath) {
            let yearPath = recordsPath.appending(yearName)
            guard try FileSystem.status(yearPath)?.isDirectory == true else { continue }
            for name in try FileSystem.entries(of: yearPath) {
                if FileSystem.isTemporary(name) {
                    temporaries.append(yearPath.appending(name))
                } else if name.extension == "json" {
                    records.append(yearPath.appending(name))
                }
            }
        }
        return (records, temporaries)
    }
}
