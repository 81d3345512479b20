import Foundation
import Glibc
import ReportCore
import ReportFixtures
import SyncEngine
import Testing

/// The real `reportsyncd` binary on a fresh temp folder (`inbox/`, `mirror/`, `state/`), started,
/// stopped and killed as a process, with readers for what it leaves behind.
///
/// Waits poll the folders until a condition holds; the generous deadline only stops a broken daemon from
/// hanging the suite, it is not a timing assertion.
final class DaemonHarness {
    let root: String
    var inbox: String { root + "/inbox" }
    var mirror: String { root + "/mirror" }
    var state: String { root + "/state" }
    var logPath: String { root + "/daemon.log" }
    private(set) var process: Process?
    private var starts = 0
    let settle: Double

    /// The binary SwiftPM built next to this test bundle.
    static let binary: String = {
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return packageRoot.appendingPathComponent(".build/debug/reportsyncd").path
    }()

    init(settle: Double = 0.2) throws {
        var template = Array("/tmp/reportsyncd-test-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw HarnessError("mkdtemp failed") }
        root = String(cString: made)
        self.settle = settle
        try FileManager.default.createDirectory(atPath: root + "/inbox", withIntermediateDirectories: true)
    }

    deinit {
        if let process, process.isRunning { kill(process.processIdentifier, SIGKILL) }
        try? FileManager.default.removeItem(atPath: root)
    }

    /// Starts the daemon and waits until it says it is watching the inbox. `launcher` runs it through
    /// another program (which ends by exec-ing the binary, so the pid stays the daemon's).
    func start(_ extraArguments: [String] = [], launcher: [String] = []) throws {
        let process = Process()
        let command =
            launcher + [Self.binary, "run", "--log", "console", "--inbox", inbox, "--mirror", mirror, "--state", state]
            + ["--settle", String(settle)] + extraArguments
        process.executableURL = URL(fileURLWithPath: command[0])
        process.arguments = Array(command.dropFirst())
        if !FileManager.default.fileExists(atPath: logPath) {
            #expect(FileManager.default.createFile(atPath: logPath, contents: nil))
        }
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        log.seekToEndOfFile()
        process.standardError = log
        process.standardOutput = log
        try process.run()
        self.process = process
        starts += 1
        let expected = starts
        try waitUntil("the daemon is watching the inbox") {
            logText().components(separatedBy: "watching the inbox").count - 1 >= expected
        }
    }

    /// SIGTERM, then waits for the exit; returns the exit status.
    @discardableResult
    func stop() -> Int32 {
        guard let process else { return -1 }
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        self.process = nil
        return process.terminationStatus
    }

    /// SIGKILL: the crash of a daemon at whatever it was doing.
    func crash() {
        guard let process else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        self.process = nil
    }

    func signal(_ signal: Int32) {
        if let process { kill(process.processIdentifier, signal) }
    }

    func logText() -> String {
        (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
    }

    /// The change log, line by line.
    func events() -> [ChangeEvent] {
        guard let text = try? String(contentsOfFile: mirror + "/changes.jsonl", encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { try? ChangeEvent(jsonLine: Array($0.utf8)) }
    }

    /// The events about inbox path `name`.
    func events(for name: String) -> [ChangeEvent] {
        events().filter { $0.source.name == name }
    }

    /// Waits (polling) until `condition` holds; fails after a minute.
    func waitUntil(_ what: String, _ condition: () -> Bool) throws {
        let deadline = Date().addingTimeInterval(60)
        while !condition() {
            if Date() > deadline {
                throw HarnessError("timed out waiting until \(what); daemon log:\n\(logText().suffix(3000))")
            }
            usleep(20_000)
        }
    }

    /// Waits until the change log has an event for `name`, and until it has left the inbox.
    @discardableResult
    func waitForEvent(_ name: String) throws -> ChangeEvent {
        try waitUntil("\(name) is ingested") {
            !events(for: name).isEmpty && !FileManager.default.fileExists(atPath: inbox + "/" + name)
        }
        return events(for: name)[0]
    }

    /// Writes `bytes` into the inbox in place, as `cp` does: create, write, close (one IN_CLOSE_WRITE).
    func drop(_ bytes: [UInt8], as name: String) throws {
        let path = inbox + "/" + name
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent,
            withIntermediateDirectories: true
        )
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { throw HarnessError("cannot create \(path): errno \(errno)") }
        defer { close(descriptor) }
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        guard written == bytes.count else { throw HarnessError("short write to \(path)") }
    }

    /// Writes `bytes` to a dot-name next to `name` and renames it into place, as careful senders do.
    func dropByRename(_ bytes: [UInt8], as name: String) throws {
        let hidden = (name as NSString).deletingLastPathComponent + "/." + (name as NSString).lastPathComponent
        try drop(bytes, as: hidden)
        guard rename(inbox + "/" + hidden, inbox + "/" + name) == 0 else { throw HarnessError("rename failed") }
    }

    /// Files (recursively, relative) in `folder`.
    func files(in folder: String) -> [String] {
        (FileManager.default.subpaths(atPath: folder) ?? []).filter { path in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: folder + "/" + path, isDirectory: &isDirectory)
                && !isDirectory.boolValue
        }.sorted()
    }

    /// The mirror record of `agency` in `year`.
    func record(agency: String, year: Int) -> Record? {
        guard let data = FileManager.default.contents(atPath: "\(mirror)/records/\(year)/\(agency).json") else {
            return nil
        }
        return try? Record(jsonBytes: Array(data))
    }

    /// Checks what one event must leave behind: its original retired under `<seq>-<basename>` (with a
    /// reason for a rejection), nothing left in the inbox, and (unless a later event may have replaced
    /// it) for added/revised the mirror record.
    func expectRetired(
        _ event: ChangeEvent,
        checkingMirror: Bool = true,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let folder = event.event == .rejected ? state + "/rejected/" : state + "/archive/"
        #expect(FileManager.default.fileExists(atPath: folder + event.retiredName), sourceLocation: sourceLocation)
        if event.event == .rejected {
            #expect(
                FileManager.default.fileExists(atPath: folder + event.retiredName + ".reason.json"),
                sourceLocation: sourceLocation
            )
        }
        #expect(
            !FileManager.default.fileExists(atPath: inbox + "/" + event.source.name),
            sourceLocation: sourceLocation
        )
        if checkingMirror, event.event == .added || event.event == .revised, let agency = event.agency,
            let year = event.year
        {
            #expect(
                record(agency: agency, year: year)?.contentHash == event.contentHash,
                sourceLocation: sourceLocation
            )
        }
    }
}

struct HarnessError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Small valid reports, each with its own agency, as `SampleReport` renders them.
enum Reports {
    static func report(_ number: Int, year: Int = 2024) -> SampleReport {
        SampleReport.distinct(agency: "测试\(number)镇人民政府", year: year, seed: number % 50)
    }

    static func bytes(_ number: Int, year: Int = 2024) -> [UInt8] {
        report(number, year: year).bytes(.tsv)
    }
}
