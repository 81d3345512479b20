import Foundation
import Glibc
import SyncEngine
import Testing

/// `run`'s configuration and exit codes, `status`, `rebuild`, shutdown and restart.
@Suite("Daemon: commands")
struct DaemonCommandTests {
    /// Runs the binary to completion; returns (exit status, stdout + stderr).
    private func runBinary(
        _ arguments: [String],
        environment: [String: String] = [:],
        in directory: String? = nil
    ) throws
        -> (status: Int32, output: String)
    {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: DaemonHarness.binary)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("REPORTSYNCD_") }
        env.merge(environment) { _, new in new }
        process.environment = env
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }

    @Test func mirrorInsideInboxIsRefused() throws {
        let daemon = try DaemonHarness()
        let result = try runBinary([
            "run", "--inbox", daemon.inbox, "--mirror", daemon.inbox + "/out", "--state", daemon.state,
        ])
        #expect(result.status == 78)
        #expect(result.output.contains("lies inside the inbox"))
    }

    @Test func unusableInboxIsAClearError() throws {
        let daemon = try DaemonHarness()
        #expect(FileManager.default.createFile(atPath: daemon.root + "/file", contents: Data()))
        let result = try runBinary([
            "run", "--inbox", daemon.root + "/file/inbox", "--mirror", daemon.mirror, "--state", daemon.state,
        ])
        #expect(result.status == 73)
        #expect(result.output.contains("file/inbox"))
    }

    @Test func flagsWinOverEnvironmentOverConfigFile() throws {
        let daemon = try DaemonHarness()
        let config = daemon.root + "/reportsyncd.conf"
        try "# test\ninbox = /from-file/inbox\nmirror = /from-file/mirror\nstate = \(daemon.state)\n"
            .write(toFile: config, atomically: true, encoding: .utf8)
        let result = try runBinary(
            ["status", "--config", config, "--inbox", daemon.inbox],
            environment: ["REPORTSYNCD_MIRROR": daemon.mirror, "REPORTSYNCD_INBOX": "/from-env"]
        )
        #expect(result.status == 0)
        #expect(result.output.contains("inbox:    \(daemon.inbox)"))
        #expect(result.output.contains("mirror:   \(daemon.mirror)"))
        #expect(result.output.contains("state:    \(daemon.state)"))
    }

    @Test func badConfigLineNamesTheLine() throws {
        let daemon = try DaemonHarness()
        let config = daemon.root + "/reportsyncd.conf"
        try "inbox = /x\nwatch everything\n".write(toFile: config, atomically: true, encoding: .utf8)
        let result = try runBinary(["status", "--config", config])
        #expect(result.status == 78)
        #expect(result.output.contains("reportsyncd.conf:2"))
    }

    @Test func noOptionsUsesFoldersUnderTheCurrentDirectory() throws {
        let daemon = try DaemonHarness()
        let result = try runBinary(["status"], in: daemon.root)
        #expect(result.status == 0)
        #expect(result.output.contains("inbox:    var/inbox"))
    }

    @Test func statusShowsCountsAndProblems() throws {
        let daemon = try DaemonHarness()
        try daemon.start()
        try daemon.drop(Reports.bytes(40), as: "good.txt")
        try daemon.waitForEvent("good.txt")
        try daemon.drop(Array("nonsense\n".utf8), as: "bad.txt")
        try daemon.waitForEvent("bad.txt")
        var inconsistent = Reports.report(44)
        inconsistent.requests[0][0] += 5
        try daemon.drop(inconsistent.bytes(.tsv), as: "off.txt")
        try daemon.waitForEvent("off.txt")
        #expect(daemon.stop() == 0)
        try daemon.drop(Array("waiting\n".utf8), as: "later.txt")
        let result = try runBinary([
            "status", "--inbox", daemon.inbox, "--mirror", daemon.mirror, "--state", daemon.state,
        ])
        #expect(result.status == 0)
        #expect(result.output.contains("last seq: 3"))
        #expect(result.output.contains("2 added, 0 revised, 0 duplicate, 1 rejected (1 inconsistent)"))
        #expect(result.output.contains("(1 waiting)"))
        #expect(result.output.contains("#2"))
        #expect(result.output.contains("rejected bad.txt"))
        #expect(result.output.contains("inconsistent off.txt: requests.balance"))
    }

    /// A name with a newline and an escape sequence shows on one line in `status` and `validate`.
    @Test func statusAndValidateEscapeControlCharactersInNames() throws {
        let daemon = try DaemonHarness()
        try daemon.start()
        let name = "bad\nlast seq: 99\u{1B}[2J.txt"
        try daemon.drop(Array("nonsense\n".utf8), as: name)
        try daemon.waitForEvent(name)
        #expect(daemon.stop() == 0)
        let status = try runBinary([
            "status", "--inbox", daemon.inbox, "--mirror", daemon.mirror, "--state", daemon.state,
        ])
        #expect(status.status == 0)
        #expect(status.output.contains(#"rejected bad\nlast seq: 99\u{1B}[2J.txt: "#))
        #expect(!status.output.contains("\nlast seq: 99"))
        #expect(!status.output.contains("\u{1B}"))

        let report = daemon.root + "/" + name
        #expect(FileManager.default.createFile(atPath: report, contents: Data(Reports.bytes(45))))
        let validate = try runBinary(["validate", report])
        #expect(validate.status == 0)
        #expect(validate.output.hasPrefix(daemon.root + #"/bad\nlast seq: 99\u{1B}[2J.txt: "#))
        #expect(validate.output.split(separator: "\n").count == 1)
    }

    @Test func rebuildRestoresIndexAndMirror() throws {
        let daemon = try DaemonHarness()
        try daemon.start()
        try daemon.drop(Reports.bytes(41), as: "a.txt")
        let first = try daemon.waitForEvent("a.txt")
        #expect(daemon.stop() == 0)
        try FileManager.default.removeItem(atPath: daemon.state + "/dedup-index.json")
        try FileManager.default.removeItem(atPath: "\(daemon.mirror)/records/2024/\(first.agency!).json")
        let result = try runBinary([
            "rebuild", "--inbox", daemon.inbox, "--mirror", daemon.mirror, "--state", daemon.state,
        ])
        #expect(result.status == 0)
        #expect(result.output.contains("1 restored"))
        #expect(daemon.record(agency: first.agency!, year: 2024)?.contentHash == first.contentHash)
        try daemon.start()
        try daemon.drop(Reports.bytes(41), as: "b.txt")
        let second = try daemon.waitForEvent("b.txt")
        #expect(second.event == .duplicate)
        #expect(second.duplicateOf == first.seq)
    }

    @Test func secondDaemonOnSameStateIsRefused() throws {
        let daemon = try DaemonHarness()
        try daemon.start()
        let result = try runBinary(["run", "--inbox", daemon.inbox, "--mirror", daemon.mirror, "--state", daemon.state])
        #expect(result.status == 75)
        #expect(result.output.contains("another reportsyncd"))
    }

    @Test func tornChangeLogLineIsRepairedAtStart() throws {
        let daemon = try DaemonHarness()
        try daemon.start()
        try daemon.drop(Reports.bytes(42), as: "a.txt")
        try daemon.waitForEvent("a.txt")
        daemon.crash()
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: daemon.mirror + "/changes.jsonl"))
        log.seekToEndOfFile()
        log.write(Data("{\"seq\":2,\"event\":\"add".utf8))
        try log.close()
        try daemon.start()
        try daemon.drop(Reports.bytes(43), as: "b.txt")
        let second = try daemon.waitForEvent("b.txt")
        #expect(second.seq == 2)
        #expect(daemon.events().map(\.seq) == [1, 2])
        #expect(daemon.logText().contains("repaired the change log"))
    }
}
