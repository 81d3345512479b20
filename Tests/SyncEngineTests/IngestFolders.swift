import Crypto
import Foundation
import Logging
import ReportCore
import SystemPackage
import Testing

@testable import SyncEngine

/// An inbox, a mirror and a state folder in a fresh temp folder, and the ingest path's parts over
/// them, as the daemon builds them at start-up.
struct IngestFolders {
    let folder = TemporaryFolder()
    let inbox: Inbox
    let mirror: Mirror
    let state: StateFolder
    let logger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }

    init() throws {
        let root = folder.root
        let options = DaemonOptions(
            inbox: root.appending("inbox"),
            mirror: root.appending("mirror"),
            state: root.appending("state")
        )
        (inbox, mirror, state) = try options.preparedFolders()
    }

    /// Everything under the temp folder: a ``FaultPlan`` over it covers every call of the ingest path.
    var root: FilePath { FilePath(folder.path) }

    /// The start-up work of a daemon after an unclean stop: temp files removed, the index caught up with
    /// the log, the mirror checked; then an ``Ingestor`` over the result.
    func start(maxFileSize: Int = 1 << 20) throws -> Ingestor {
        let changeLog = try ChangeLog(path: mirror.changeLogPath, setAsideFolder: state.root, logger: logger)
        let recovery = Recovery(inbox: inbox, mirror: mirror, state: state, parser: ReportParser(), logger: logger)
        _ = try recovery.removeTemporaries()
        let (index, _) = try recovery.index(matching: changeLog, forceRebuild: false)
        _ = try recovery.reconcileMirror(with: index)
        return Ingestor(
            inbox: inbox,
            mirror: mirror,
            state: state,
            parser: ReportParser(),
            maxFileSize: maxFileSize,
            changeLog: changeLog,
            index: index,
            logger: logger
        )
    }

    /// Writes `bytes` into the inbox as `name`; returns its inbox path.
    @discardableResult
    func drop(_ bytes: [UInt8], as name: String) -> FilePath {
        #expect(FileManager.default.createFile(atPath: inbox.path(of: FilePath(name)).string, contents: Data(bytes)))
        return FilePath(name)
    }

    /// The inbox paths of the regular files in the inbox.
    var waiting: [FilePath] {
        var files: [FilePath] = []
        inbox.walk(FilePath()) { entry in
            if case .file(let path, _) = entry { files.append(path) }
        }
        return files.sorted { $0.string < $1.string }
    }

    /// The events of the change log, in order.
    func events() throws -> [ChangeEvent] {
        try ChangeLog.events(at: mirror.changeLogPath).map(\.event)
    }

    /// Checks what must hold however the ingests went: one event per dropped name, seqs 1, 2, 3…, the
    /// inbox empty, each original retired with the bytes its event names (a rejected one with its
    /// reason), and the mirror holding exactly the records the log names.
    func expectEachFileOnce(_ names: Set<String>, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let events = try events()
        #expect(events.map(\.seq) == Array(1..<(events.count + 1)), sourceLocation: sourceLocation)
        #expect(
            events.map(\.source.name).sorted() == names.sorted(),
            "one event per file",
            sourceLocation: sourceLocation
        )
        #expect(waiting.isEmpty, "the inbox is empty", sourceLocation: sourceLocation)
        for event in events {
            let original = try FileSystem.contents(of: state.retiredPath(of: event))
            #expect(
                original.map(sha256Hex) == event.source.sha256,
                "\(event.source.name) retired",
                sourceLocation: sourceLocation
            )
            if event.event == .rejected {
                let reason = try FileSystem.contents(of: state.reasonPath(named: state.retiredName(of: event)))
                #expect(reason != nil, "\(event.source.name) has its reason", sourceLocation: sourceLocation)
            }
        }
        let index = try DedupIndex.rebuilt(fromLogAt: mirror.changeLogPath)
        let expected = Set(index.currentRecords.map { mirror.recordPath(agency: $0.agency, year: $0.year) })
        #expect(Set(try mirror.recordFiles().records) == expected, sourceLocation: sourceLocation)
        for entry in index.currentRecords {
            let record = mirror.record(agency: entry.agency, year: entry.year)
            #expect(record?.contentHash == entry.current.contentHash, sourceLocation: sourceLocation)
        }
    }
}

/// Lower-case hex SHA-256 of `bytes`, as a change event names a file.
func sha256Hex(_ bytes: [UInt8]) -> String {
    SHA256.hash(data: bytes).hexString
}
