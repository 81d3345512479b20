import Foundation
import Glibc
import ReportCore
import SyncEngine
import Testing

@testable import reportsyncd

/// The real daemon run the way systemd runs the `Type=notify` unit with `WatchdogSec=`: `NOTIFY_SOCKET` names a
/// datagram socket the test owns, `WATCHDOG_USEC` asks for pings, and the log goes to the real journald. What
/// arrives on the socket and in the journal is what systemd and `journalctl` would see.
@Suite("Daemon: systemd notify protocol, reload and journal")
struct DaemonSystemdTests {
    @Test func readyFollowsTheStartupScanAndStatusFollowsTheInbox() throws {
        let daemon = try NotifiedDaemon()
        for number in 1...3 {
            try daemon.folders.drop(Reports.bytes(300 + number), as: "before-\(number).txt")
        }
        try daemon.start()

        let ready = try daemon.next("READY=1") { $0.hasPrefix("READY=1\n") }
        #expect(daemon.messages.first == ready, "READY=1 is the first message")
        let atReady = try #require(NotifiedDaemon.counts(ready))
        #expect(atReady["added", default: 0] + atReady["waiting", default: 0] == 3, "\(ready)")
        try daemon.next("the three files counted as added") { NotifiedDaemon.counts($0)?["added"] == 3 }

        try daemon.folders.drop(Reports.bytes(304), as: "after.txt")
        try daemon.folders.drop(Array("not a report\n".utf8), as: "prose.txt")
        try daemon.next("a status with the later files") {
            let counts = NotifiedDaemon.counts($0)
            return counts?["added"] == 4 && counts?["rejected"] == 1 && counts?["waiting"] == 0
        }

        try daemon.receive("three watchdog pings") { $0.count { $0 == "WATCHDOG=1" } >= 3 }
        #expect(try daemon.stop() == 0)
    }

    @Test func hangupReloadsTheConfigFile() throws {
        let daemon = try NotifiedDaemon()
        try daemon.writeConfig(["settle = 600"])
        try daemon.start()
        try daemon.next("READY=1") { $0.hasPrefix("READY=1\n") }
        // A file written in place waits for the settle interval in force when it was written: ten minutes.
        let report = Reports.bytes(330)
        try daemon.folders.drop(report, as: "slow.txt")
        try daemon.next("the file waiting") { NotifiedDaemon.counts($0)?["waiting"] == 1 }

        try daemon.writeConfig(["settle = 0.2", "max-file-size = 1KB"])
        daemon.signal(SIGHUP)
        try daemon.next("RELOADING=1") { $0.hasPrefix("RELOADING=1\n") }
        let ready = try daemon.next("READY=1 after the reload") { $0.hasPrefix("READY=1\n") }
        #expect(NotifiedDaemon.counts(ready)?["waiting"] == 1, "\(ready)")
        let changed = try daemon.journalEntry("the reload's log line", matching: ["PRIORITY=5"]) {
            $0.hasPrefix("reloaded the configuration")
        }
        #expect(changed == "reloaded the configuration: settle 600 s → 0.2 s, max-file-size 52428800 → 1024 bytes")
        // Written again, it settles under the new interval and is read with the new limit.
        try daemon.folders.drop(report, as: "slow.txt")
        try daemon.expectRejectedForSize("slow.txt", limit: 1024)

        // Another inbox needs a restart, a file that cannot be read leaves everything as it is.
        try daemon.writeConfig(["settle = 0.2", "max-file-size = 1KB", "inbox = \(daemon.folders.root)/elsewhere"])
        daemon.signal(SIGHUP)
        try daemon.next("RELOADING=1") { $0.hasPrefix("RELOADING=1\n") }
        try daemon.next("READY=1 after the reload") { $0.hasPrefix("READY=1\n") }
        let restart = try daemon.journalEntry("the restart warning", matching: ["PRIORITY=4"]) {
            $0.contains("restart")
        }
        #expect(restart.contains("inbox \(daemon.folders.inbox) → \(daemon.folders.root)/elsewhere"), "\(restart)")

        try daemon.writeConfig(["settle = soon"])
        daemon.signal(SIGHUP)
        try daemon.next("RELOADING=1") { $0.hasPrefix("RELOADING=1\n") }
        try daemon.next("READY=1 after the reload") { $0.hasPrefix("READY=1\n") }
        let invalid = try daemon.journalEntry("the invalid-file warning", matching: ["PRIORITY=4"]) {
            $0.contains("settle = soon")
        }
        #expect(invalid.hasPrefix("cannot reload the configuration, keeping the running one"), "\(invalid)")
        try daemon.folders.dropByRename(Reports.bytes(331), as: "after.txt")
        try daemon.expectRejectedForSize("after.txt", limit: 1024)
        #expect(try daemon.stop() == 0)
    }

    @Test func eachOutcomeIsOneJournalEntryWithTheFieldsOfItsChangeLogLine() throws {
        let daemon = try NotifiedDaemon()
        try daemon.start()
        try daemon.next("READY=1") { $0.hasPrefix("READY=1\n") }
        let original = Reports.report(320)
        var revision = original
        revision.active[0] += 1
        var inconsistent = Reports.report(321)
        inconsistent.requests[0][0] += 5
        let garbage = [UInt8]((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 7919 &+ 13) })
        // File names unique to this run: the journal keeps the entries of earlier runs.
        let tag = UUID().uuidString.prefix(8)
        let drops: [Drop] = [
            Drop(name: "\(tag)-added.txt", bytes: original.bytes(.tsv), kind: .added, status: .valid, priority: 6),
            Drop(
                name: "\(tag)-inconsistent.txt",
                bytes: inconsistent.bytes(.tsv),
                kind: .added,
                status: .inconsistent,
                priority: 4
            ),
            Drop(name: "\(tag)-revised.txt", bytes: revision.bytes(.tsv), kind: .revised, status: .valid, priority: 6),
            Drop(
                name: "\(tag)-duplicate.txt",
                bytes: original.bytes(.tsv),
                kind: .duplicate,
                status: .valid,
                priority: 6
            ),
            Drop(name: "\(tag)-rejected.bin", bytes: garbage, kind: .rejected, status: nil, priority: 3),
        ]
        for drop in drops {
            try daemon.folders.drop(drop.bytes, as: drop.name)
            try daemon.folders.waitForEvent(drop.name)
        }

        for drop in drops {
            let events = daemon.folders.events(for: drop.name)
            let event = try #require(events.first)
            #expect(events.count == 1)
            #expect(event.event == drop.kind, "\(drop.name)")
            #expect(event.status == drop.status, "\(drop.name)")
            let entries = try Journald.entries(matching: ["_PID=\(daemon.pid)", "REPORTSYNC_FILE=\(drop.name)"])
            let entry = try #require(entries.first, "\(drop.name)")
            #expect(entries.count == 1, "\(drop.name)")
            #expect(entry["PRIORITY"] == .string("\(drop.priority)"), "\(drop.name)")
            #expect(entry["MESSAGE_ID"] == .string(drop.kind.messageID), "\(drop.name)")
            #expect(entry["SYSLOG_IDENTIFIER"] == .string("reportsyncd"), "\(drop.name)")
            var expected = [
                "REPORTSYNC_EVENT": event.event.rawValue,
                "REPORTSYNC_SEQ": "\(event.seq)",
                "REPORTSYNC_FILE": event.source.name,
                "REPORTSYNC_SHA256": event.source.sha256,
            ]
            if drop.kind != .rejected {
                #expect(event.agency != nil && event.year != nil && event.contentHash != nil, "\(drop.name)")
                expected["REPORTSYNC_AGENCY"] = event.agency
                expected["REPORTSYNC_YEAR"] = event.year.map { "\($0)" }
                expected["REPORTSYNC_STATUS"] = event.status?.rawValue
                expected["REPORTSYNC_CONTENT_HASH"] = event.contentHash
            }
            #expect(entry.filter { $0.key.hasPrefix("REPORTSYNC_") } == expected.mapValues { .string($0) })
        }
        #expect(try daemon.stop() == 0)
    }

    /// One file of the journal test and what its entry must say.
    private struct Drop {
        var name: String
        var bytes: [UInt8]
        var kind: ChangeEventKind
        var status: Record.Validation.Status?
        var priority: Int
    }
}

/// `reportsyncd run --log journal --config <file>` on the folders of a ``DaemonHarness``, started with
/// `NOTIFY_SOCKET` set to a socket of its own and `WATCHDOG_USEC=400000`. The config file names the folders and
/// `settle = 0.2`; ``writeConfig(_:)`` changes it for reloads.
///
/// Waits receive until a condition holds; their minute-long deadline only stops a broken daemon from hanging the
/// suite, it is not a timing assertion.
private final class NotifiedDaemon {
    let folders: DaemonHarness
    let configPath: String
    /// Every datagram received so far, in order.
    private(set) var messages: [String] = []
    /// Where ``next(_:where:)`` goes on looking.
    private var unread = 0
    private let socket: UnixDatagramSocket
    private var child: ChildProcess.Running?

    init() throws {
        try Journald.ensureRunning()
        self.folders = try DaemonHarness()
        self.socket = try UnixDatagramSocket(receiveTimeout: 1)
        self.configPath = self.folders.root + "/reportsyncd.conf"
        try self.writeConfig(["settle = 0.2"])
    }

    deinit {
        // A daemon still running (a failed test) is killed before its folders are removed.
        self.child = nil
    }

    var pid: pid_t { self.child?.pid ?? 0 }

    /// Replaces the config file with the folders' lines and then `lines` (a later line of a key wins).
    func writeConfig(_ lines: [String]) throws {
        let folders = ["inbox", "mirror", "state"].map { "\($0) = \(self.folders.root)/\($0)" }
        try ((folders + lines).joined(separator: "\n") + "\n")
            .write(toFile: self.configPath, atomically: true, encoding: .utf8)
    }

    /// Starts the daemon with only the environment systemd would give it; returns at once.
    func start() throws {
        self.child = try ChildProcess.start(
            DaemonHarness.binary,
            ["run", "--log", "journal", "--config", self.configPath],
            environment: ["NOTIFY_SOCKET": self.socket.path, "WATCHDOG_USEC": "400000"],
            outputPath: self.folders.logPath
        )
    }

    func signal(_ signal: Int32) {
        self.child?.signal(signal)
    }

    /// SIGTERM, which must bring `STOPPING=1`; then waits for the exit and returns the wait status.
    func stop() throws -> Int32 {
        guard let child = self.child else { return -1 }
        child.signal(SIGTERM)
        try self.next("STOPPING=1") { $0 == "STOPPING=1" }
        return child.wait()
    }

    /// Receives datagrams until `condition` holds for all received so far.
    func receive(_ what: String, until condition: ([String]) -> Bool) throws {
        let deadline = Date().addingTimeInterval(60)
        while !condition(self.messages) {
            guard Date() < deadline else {
                throw HarnessError(
                    """
                    timed out waiting for \(what); received \(self.messages.suffix(20)); \
                    daemon output:\n\(self.folders.logText().suffix(3000))
                    """
                )
            }
            // The receive timeout is short so that the deadline is checked; no datagram yet is not a failure.
            if let message = try? self.socket.receive() {
                self.messages.append(message)
            }
        }
    }

    /// Receives until a datagram after the one the previous call returned satisfies `predicate`, and returns it.
    @discardableResult
    func next(_ what: String, where predicate: (String) -> Bool) throws -> String {
        var found: Int?
        try self.receive(what) { messages in
            found = messages.indices.dropFirst(self.unread).first { predicate(messages[$0]) }
            return found != nil
        }
        self.unread = found! + 1
        return self.messages[found!]
    }

    /// The `MESSAGE` of the daemon's journal entry with the `FIELD=value` matches whose message satisfies
    /// `condition`, read again until it is there (journald stores entries asynchronously).
    func journalEntry(
        _ what: String,
        matching matches: [String],
        where condition: (String) -> Bool
    ) throws -> String {
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            for entry in try Journald.entries(matching: ["_PID=\(self.pid)"] + matches) {
                if case .string(let message) = entry["MESSAGE"], condition(message) { return message }
            }
            usleep(100_000)
        }
        throw HarnessError("timed out waiting for \(what) in the journal")
    }

    /// Waits for the event of the report dropped as `name` and checks it was rejected for being over `limit` bytes.
    func expectRejectedForSize(_ name: String, limit: Int, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let event = try self.folders.waitForEvent(name)
        #expect(event.event == .rejected, sourceLocation: sourceLocation)
        #expect(event.reason?.contains("over the limit of \(limit) bytes") == true, sourceLocation: sourceLocation)
    }

    /// The counts in the `STATUS=` line of `message` ("watching /x: 3 added, 0 revised, …, 1 waiting" gives
    /// `["added": 3, "revised": 0, …, "waiting": 1]`); `nil` without a status.
    static func counts(_ message: String) -> [String: Int]? {
        guard let line = message.split(separator: "\n").first(where: { $0.hasPrefix("STATUS=watching ") }),
            let colon = line.range(of: ": ")
        else { return nil }
        var counts: [String: Int] = [:]
        for match in line[colon.upperBound...].matches(of: /([0-9,]+) ([a-z]+)/) {
            counts[String(match.2)] = Int(match.1.filter(\.isNumber))
        }
        return counts
    }
}
