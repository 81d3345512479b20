import Foundation
import Glibc
import ReportCore
import ReportFixtures
import SyncEngine
import SystemPackage
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
    /// another program (which ends by exec-ing the binary, so the pid stays the daemon's). The log
    /// has every journal field (`--verbose`) unless `verbose` is false.
    func start(_ extraArguments: [String] = [], launcher: [String] = [], verbose: Bool = true) throws {
        let process = Process()
        let command =
            launcher + [Self.binary, "run", "--log", "console", "--inbox", inbox, "--mirror", mirror, "--state", state]
            + ["--settle", String(settle)] + (verbose ? ["--verbose"] : []) + extraArguments
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

    /// The events about inbox path `name` (UTF-8).
    func events(for name: String) -> [ChangeEvent] {
        events(at: FilePath(name))
    }

    /// The events about the inbox file at `path` (relative), matched by the bytes of its name.
    func events(at path: FilePath) -> [ChangeEvent] {
        events().filter { $0.source.path == path }
    }

    /// Waits (polling) until `condition` holds; fails after `patience` seconds, a minute unless told:
    /// a deadline for a machine busy with other tests, not a measure of speed.
    func waitUntil(_ what: String, patience: TimeInterval = 60, _ condition: () -> Bool) throws {
        let deadline = Date().addingTimeInterval(patience)
        while !condition() {
            if Date() > deadline {
                throw HarnessError("timed out waiting until \(what); daemon log:\n\(logText().suffix(3000))")
            }
            usleep(20_000)
        }
    }

    /// Waits until the change log has an event for `name` (UTF-8), and until it has left the inbox.
    @discardableResult
    func waitForEvent(_ name: String) throws -> ChangeEvent {
        try waitForEvent(at: FilePath(name))
    }

    /// Waits until the change log has an event for the inbox file at `path`, and until it has left the inbox.
    @discardableResult
    func waitForEvent(at path: FilePath) throws -> ChangeEvent {
        try waitUntil("\(path) is ingested") {
            !events(at: path).isEmpty && !exists(inboxPath.pushing(path))
        }
        return events(at: path)[0]
    }

    /// The inbox as a path whose names may be any bytes.
    var inboxPath: FilePath { FilePath(inbox) }

    /// Whether `path` exists (a symlink is not followed).
    func exists(_ path: FilePath) -> Bool {
        var info = stat()
        return path.withPlatformString { lstat($0, &info) } == 0
    }

    /// All the bytes of the file at `path`, `nil` when it cannot be read.
    func contents(of path: FilePath) -> [UInt8]? {
        guard let descriptor = try? FileDescriptor.open(path, .readOnly) else { return nil }
        defer { try? descriptor.close() }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while let count = try? chunk.withUnsafeMutableBytes({ try descriptor.read(into: $0) }), count > 0 {
            bytes += chunk[..<count]
        }
        return bytes
    }

    /// Where the original of `event` is kept: `archive/<seq>-<basename>` or `rejected/<seq>-<basename>`.
    func retiredPath(of event: ChangeEvent) -> FilePath {
        StateFolder(root: FilePath(state)).retiredPath(of: event)
    }

    /// `rejected/<seq>-<basename>.reason.json`, the bytes of the name kept.
    func reasonPath(of event: ChangeEvent) -> FilePath {
        FilePath(bytes: retiredPath(of: event).bytes + ".reason.json".utf8)
    }

    /// Writes `bytes` into the inbox in place, as `cp` does: create, write, close (one IN_CLOSE_WRITE).
    func drop(_ bytes: [UInt8], as name: String) throws {
        try drop(bytes, at: FilePath(name))
    }

    /// Writes `bytes` in place to the inbox file at `relative`, whose names may be any bytes.
    func drop(_ bytes: [UInt8], at relative: FilePath) throws {
        precondition(relative.isRelative, "\(relative) is not inside the inbox")
        let path = inboxPath.pushing(relative)
        try FileManager.default.createDirectory(
            atPath: path.removingLastComponent().string,
            withIntermediateDirectories: true
        )
        let descriptor = path.withPlatformString { open($0, O_WRONLY | O_CREAT | O_TRUNC, 0o644) }
        guard descriptor >= 0 else { throw HarnessError("cannot create \(path): errno \(errno)") }
        defer { close(descriptor) }
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        guard written == bytes.count else { throw HarnessError("short write to \(path)") }
    }

    /// Writes `bytes` to a dot-name next to `name` and renames it into place, as careful senders do.
    func dropByRename(_ bytes: [UInt8], as name: String) throws {
        try dropByRename(bytes, at: FilePath(name))
    }

    /// Writes `bytes` to a dot-name next to the inbox file at `relative` and renames it into place.
    func dropByRename(_ bytes: [UInt8], at relative: FilePath) throws {
        let hidden = relative.removingLastComponent().appending(
            FilePath.Component(bytes: ".".utf8 + relative.lastComponent!.bytes)!
        )
        try drop(bytes, at: hidden)
        let moved = inboxPath.pushing(hidden).withPlatformString { from in
            inboxPath.pushing(relative).withPlatformString { to in rename(from, to) }
        }
        guard moved == 0 else { throw HarnessError("rename failed") }
    }

    /// Files (recursively, relative) in `folder`.
    /// Names that are not UTF-8 are counted too, listed with U+FFFD where their bytes are not UTF-8.
    func files(in folder: String) -> [String] {
        var files: [String] = []
        var pending = [FilePath(folder)]
        while let directory = pending.popLast() {
            guard let stream = directory.withPlatformString({ opendir($0) }) else { continue }
            defer { closedir(stream) }
            while let entry = readdir(stream) {
                // Read in place: a `dirent` is only as long as its name.
                let name = UnsafeRawPointer(entry).advanced(by: MemoryLayout<dirent>.offset(of: \dirent.d_name)!)
                guard let name = FilePath.Component(platformString: name.assumingMemoryBound(to: CChar.self)),
                    name.kind == .regular
                else { continue }
                let path = directory.appending(name)
                var info = stat()
                guard path.withPlatformString({ lstat($0, &info) }) == 0 else { continue }
                if info.st_mode & S_IFMT == S_IFDIR {
                    pending.append(path)
                } else {
                    var relative = path
                    _ = relative.removePrefix(FilePath(folder))
                    files.append(relative.string)
                }
            }
        }
        return files.sorted()
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
        let retired = retiredPath(of: event)
        #expect(exists(retired), sourceLocation: sourceLocation)
        if event.event == .rejected {
            #expect(exists(reasonPath(of: event)), sourceLocation: sourceLocation)
        }
        #expect(!exists(inboxPath.pushing(event.source.path)), sourceLocation: sourceLocation)
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
