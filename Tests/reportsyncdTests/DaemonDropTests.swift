import Crypto
import Foundation
import Glibc
import ReportCore
import ReportFixtures
import SyncEngine
import SystemPackage
import Testing

@testable import reportsyncd

/// The real daemon on real folders, with files dropped into the inbox the ways people drop them.
@Suite("Daemon: files dropped into the inbox")
struct DaemonDropTests {
    @Test func copiedInPlaceIsAdded() throws {
        let daemon = try DaemonHarness()
        try daemon.start()
        try daemon.drop(Reports.bytes(1), as: "report.txt")
        let event = try daemon.waitForEvent("report.txt")
        #expect(event.event == .added)
        #expect(event.agency == Reports.report(1).agency)
        #expect(event.year == 2024)
        #expect(event.status == .valid)
        daemon.expectRetired(event)
        #expect(daemon.stop() == 0)
        // One log entry per outcome, after the change-log line, with the journal fields as metadata.
        let entry = try #require(
            daemon.logText().split(separator: "\n").first { $0.contains("REPORTSYNC_EVENT=added") }
        )
        for field in [
            "info", "MESSAGE_ID=\(ChangeEventKind.added.messageID)", "REPORTSYNC_SEQ=1", "REPORTSYNC_FILE=report.txt",
            "REPORTSYNC_SHA256=\(event.source.sha256)", "REPORTSYNC_AGENCY=\(event.agency!)", "REPORTSYNC_YEAR=2024",
            "REPORTSYNC_STATUS=valid", "REPORTSYNC_CONTENT_HASH=\(event.contentHash!)",
        ] {
            #expect(entry.contains(field), "\(field)")
        }
    }

    @Test func inconsistentReportIsMirroredWithItsFindings() throws {
        let daemon = try DaemonHarness()
        try daemon.start()
        var report = Reports.report(20)
        report.requests[0][0] += 5
        try daemon.drop(report.bytes(.tsv), as: "off.txt")
        let event = try daemon.waitForEvent("off.txt")
        #expect(event.event == .added)
        #expect(event.status == .inconsistent)
        daemon.expectRetired(event)
        let record = try #require(daemon.record(agency: report.agency, year: 2024))
        #expect(record.validation.findings.contains { $0.rule == "requests.balance" })
        try daemon.waitUntil("the warning is logged") {
            daemon.logText().split(separator: "\n").contains {
                $0.contains(" warning reportsyncd: ") && $0.contains("MESSAGE_ID=\(ChangeEventKind.added.messageID)")
            }
        }
    }

    @Test func slowWriteInPiecesIsReadWhole() throws {
        let daemon = try DaemonHarness()
        try daemon.start()
        let bytes = Reports.bytes(2)
        let path = daemon.inbox + "/slow.txt"
        // One writer, four pieces, pauses longer than the settle interval: nothing is read before close.
        let writer = open(path, O_WRONLY | O_CREAT, 0o644)
        let pieceSize = bytes.count / 4 + 1
        for start in stride(from: 0, to: bytes.count, by: pieceSize) {
            let piece = Array(bytes[start..<min(start + pieceSize, bytes.count)])
            #expect(piece.withUnsafeBytes { write(writer, $0.baseAddress, $0.count) } == piece.count)
            usleep(400_000)
        }
        #expect(daemon.events().isEmpty)
        close(writer)
        let event = try daemon.waitForEvent("slow.txt")
        #expect(event.event == .added)
        #expect(event.source.sha256 == sha256(bytes))
        #expect(daemon.events().count == 1)
    }

    @Test func dotNameIsPickedUpOnlyAfterRename() throws {
        let daemon = try DaemonHarness()
        try daemon.start()
        try daemon.drop(Reports.bytes(3), as: ".report.txt")
        try daemon.drop(Reports.bytes(4), as: "download.txt.part")
        try daemon.drop(Reports.bytes(5), as: "~$draft.txt")
        try FileManager.default.moveItem(atPath: daemon.inbox + "/.report.txt", toPath: daemon.inbox + "/report.txt")
        let event = try daemon.waitForEvent("report.txt")
        #expect(event.event == .added)
        #expect(daemon.events().map(\.source.name) == ["report.txt"])
        #expect(FileManager.default.fileExists(atPath: daemon.inbox + "/download.txt.part"))
        #expect(FileManager.default.fileExists(atPath: daemon.inbox + "/~$draft.txt"))
    }

    @Test func newSubfolderIsWatched() throws {
        let daemon = try DaemonHarness()
        try daemon.start()
        try FileManager.default.createDirectory(atPath: daemon.inbox + "/hubei", withIntermediateDirectories: false)
        try daemon.drop(Reports.bytes(6), as: "hubei/x.txt")
        let event = try daemon.waitForEvent("hubei/x.txt")
        #expect(event.event == .added)
        daemon.expectRetired(event)
    }

    @Test func dropRightAfterMkdirP() throws {
        let daemon = try DaemonHarness()
        try daemon.start()
        let source = daemon.root + "/source.txt"
        #expect(FileManager.default.createFile(atPath: source, contents: Data(Reports.bytes(7))))
        try shell("mkdir -p '\(daemon.inbox)/a/b/c' && cp '\(source)' '\(daemon.inbox)/a/b/c/x.txt'")
        let event = try daemon.waitForEvent("a/b/c/x.txt")
        #expect(event.event == .added)
        daemon.expectRetired(event)
    }

    @Test func sameBytesTwiceIsDuplicate() throws {
        let daemon = try DaemonHarness()
        try daemon.start()
        try daemon.drop(Reports.bytes(8), as: "first.txt")
        let first = try daemon.waitForEvent("first.txt")
        try daemon.drop(Reports.bytes(8), as: "second.txt")
        let second = try daemon.waitForEvent("second.txt")
        #expect(first.event == .added)
        #expect(second.event == .duplicate)
        #expect(second.duplicateOf == first.seq)
        #expect(second.contentHash == first.contentHash)
        daemon.expectRetired(second)
        // Nothing rewritten: the record still names the first file.
        #expect(daemon.record(agency: Reports.report(8).agency, year: 2024)?.source.name == "first.txt")
    }

    @Test func sameReportInAnotherEncodingIsDuplicate() throws {
        let daemon = try DaemonHarness()
        try daemon.start()
        try daemon.drop(Reports.report(9).bytes(.tsv), as: "utf8.txt")
        let first = try daemon.waitForEvent("utf8.txt")
        try daemon.drop(Reports.report(9).bytes(.tsv, encoding: .gb18030), as: "gbk.txt")
        let second = try daemon.waitForEvent("gbk.txt")
        #expect(second.event == .duplicate)
        #expect(second.duplicateOf == first.seq)
        #expect(second.source.sha256 != first.source.sha256)
    }

    @Test func revisedReportReplacesRecord() throws {
        let daemon = try DaemonHarness()
        try daemon.start()
        let original = Reports.report(10)
        var revision = original
        revision.active[0] += 1
        try daemon.drop(original.bytes(.tsv), as: "v1.txt")
        let first = try daemon.waitForEvent("v1.txt")
        try daemon.drop(revision.bytes(.tsv), as: "v2.txt")
        let second = try daemon.waitForEvent("v2.txt")
        #expect(second.event == .revised)
        #expect(second.previousContentHash == first.contentHash)
        #expect(second.changedCells == ["active.rules.issued"])
        daemon.expectRetired(second)
        // An old copy never rolls the mirror back.
        try daemon.drop(original.bytes(.tsv, encoding: .utf16), as: "v1-again.txt")
        let third = try daemon.waitForEvent("v1-again.txt")
        #expect(third.event == .duplicate)
        #expect(third.duplicateOf == first.seq)
        #expect(daemon.record(agency: original.agency, year: 2024)?.contentHash == second.contentHash)
    }

    @Test(arguments: [
        ("garbage.bin", [UInt8]((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 7919 &+ 13) })),
        ("empty.txt", []),
        ("one-byte.txt", [0x0A]),
        ("prose.txt", Array("这不是年度报告，只是一段文字。\n".utf8)),
        // 250 bytes: its `<seq>-<name>.reason.json` would not fit in a file name uncut.
        (String(repeating: "长", count: 82) + ".txt", Array("一段文字。\n".utf8)),
    ])
    func nonReportsAreRejected(name: String, bytes: [UInt8]) throws {
        let daemon = try DaemonHarness()
        try daemon.start()
        try daemon.drop(bytes, as: name)
        let event = try daemon.waitForEvent(name)
        #expect(event.event == .rejected)
        #expect(event.reason?.isEmpty == false)
        #expect(event.agency == nil && event.contentHash == nil)
        daemon.expectRetired(event)
        let reason = String(decoding: daemon.contents(of: daemon.reasonPath(of: event)) ?? [], as: UTF8.self)
        #expect(reason.contains(event.reason!))
    }

    @Test func oversizeFileIsRejectedUnread() throws {
        let daemon = try DaemonHarness()
        try daemon.start(["--max-file-size", "1KB"])
        let bytes = Reports.bytes(11)
        try daemon.drop(bytes, as: "big.txt")
        let event = try daemon.waitForEvent("big.txt")
        #expect(event.event == .rejected)
        #expect(event.reason?.contains("over the limit of 1024 bytes") == true)
        #expect(event.source.sha256 == sha256(bytes))
        daemon.expectRetired(event)
    }

    @Test func symlinksAndSpecialFilesAreSkipped() throws {
        let daemon = try DaemonHarness()
        let outside = daemon.root + "/outside.txt"
        #expect(FileManager.default.createFile(atPath: outside, contents: Data(Reports.bytes(12))))
        try daemon.start()
        try FileManager.default.createSymbolicLink(atPath: daemon.inbox + "/link.txt", withDestinationPath: outside)
        try FileManager.default.createSymbolicLink(atPath: daemon.inbox + "/loop", withDestinationPath: "..")
        #expect(mkfifo(daemon.inbox + "/pipe", 0o644) == 0)
        try daemon.drop(Reports.bytes(13), as: "after.txt")
        let event = try daemon.waitForEvent("after.txt")
        #expect(event.event == .added)
        try daemon.waitUntil("the FIFO is reported") { daemon.logText().contains("skipping FIFO") }
        #expect(daemon.events().map(\.source.name) == ["after.txt"])
        #expect(FileManager.default.fileExists(atPath: outside))
        // The symlinks and the FIFO are left alone, also by a later full scan after a restart.
        #expect(daemon.stop() == 0)
        try daemon.start()
        try daemon.drop(Reports.bytes(14), as: "after-restart.txt")
        try daemon.waitForEvent("after-restart.txt")
        #expect(daemon.events().map(\.source.name) == ["after.txt", "after-restart.txt"])
        #expect(daemon.logText().contains("skipping symlink"))
    }

    @Test func fileRemovedBeforeItIsReadLeavesNoEvent() throws {
        let daemon = try DaemonHarness()
        try daemon.start()
        // Closed once (an IN_CLOSE_WRITE is queued) but still held open by a writer, so it cannot settle;
        // then removed. The daemon must pass over it without an event.
        let path = daemon.inbox + "/gone.txt"
        let writer = open(path, O_WRONLY | O_CREAT, 0o644)
        try daemon.drop(Reports.bytes(15), as: "gone.txt")
        usleep(300_000)
        unlink(path)
        close(writer)
        try daemon.drop(Reports.bytes(16), as: "kept.txt")
        try daemon.waitForEvent("kept.txt")
        #expect(daemon.events().map(\.source.name) == ["kept.txt"])
    }

    @Test func renamedInIsReadAtOnce() throws {
        let daemon = try DaemonHarness(settle: 120)
        try daemon.start()
        try daemon.dropByRename(Reports.bytes(21), as: "complete.txt")
        #expect(try daemon.waitForEvent("complete.txt").event == .added)
    }

    @Test func deletedInboxIsWaitedForAndWatchedAgain() throws {
        let daemon = try DaemonHarness()
        try daemon.start()
        try FileManager.default.removeItem(atPath: daemon.inbox)
        try daemon.waitUntil("the deletion is reported") { daemon.logText().contains("the inbox was deleted or moved") }
        try FileManager.default.createDirectory(atPath: daemon.inbox, withIntermediateDirectories: false)
        try daemon.waitUntil("the inbox is watched again") { daemon.logText().contains("the inbox is back") }
        try daemon.drop(Reports.bytes(19), as: "back.txt")
        #expect(try daemon.waitForEvent("back.txt").event == .added)
        #expect(daemon.stop() == 0)
    }

    /// A PDF the machine cannot read yet (no pdftotext on PATH) is not rejected: it waits in the inbox
    /// and is read once the daemon can.
    @Test func pdfWaitsUntilPdftotextIsThere() throws {
        let pdf = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("SyncEngineTests/Fixtures/sample-report.pdf")
        let daemon = try DaemonHarness(settle: 0.05)
        let tools = daemon.root + "/tools"
        try FileManager.default.createDirectory(atPath: tools, withIntermediateDirectories: true)
        try daemon.start(launcher: ["/usr/bin/env", "PATH=\(tools)"])
        try daemon.drop(Array(try Data(contentsOf: pdf)), as: "report.pdf")
        try daemon.waitUntil("the missing pdftotext is reported") {
            daemon.logText().contains("pdftotext (poppler-utils) is not installed")
        }
        #expect(daemon.events().isEmpty)
        #expect(daemon.files(in: daemon.inbox) == ["report.pdf"])
        // Installed while the daemon runs: the next retry reads it.
        try FileManager.default.createSymbolicLink(
            atPath: tools + "/pdftotext",
            withDestinationPath: "/usr/bin/pdftotext"
        )
        let event = try daemon.waitForEvent("report.pdf")
        #expect(event.event == .added)
        daemon.expectRetired(event)
    }

    @Test func filesWaitingAtStartAreIngested() throws {
        let daemon = try DaemonHarness()
        try daemon.drop(Reports.bytes(17), as: "waiting.txt")
        try daemon.drop(Reports.bytes(18), as: "region/waiting.txt")
        try daemon.start()
        #expect(try daemon.waitForEvent("waiting.txt").event == .added)
        #expect(try daemon.waitForEvent("region/waiting.txt").event == .added)
        #expect(daemon.events().map(\.seq) == [1, 2])
    }

    // Ways of arriving. Each file gets exactly one event, and its original is archived under `<seq>-` and
    // the bytes its name had in the inbox.

    /// A hard link made in the inbox: inotify sends `IN_CREATE` and nothing after it.
    @Test(arguments: ["ln", "cp -l", "link(2)"])
    func hardLinkIsIngested(way: String) throws {
        let daemon = try DaemonHarness()
        try daemon.start()
        let source = daemon.root + "/report.txt"
        #expect(FileManager.default.createFile(atPath: source, contents: Data(Reports.bytes(33))))
        let target = daemon.inbox + "/linked.txt"
        switch way {
        case "link(2)": #expect(link(source, target) == 0)
        default: try shell("\(way) '\(source)' '\(target)'")
        }
        let event = try expectOneEvent(named: Array("linked.txt".utf8), bytes: Reports.bytes(33), in: daemon)
        #expect(event.event == .added)
        #expect(FileManager.default.fileExists(atPath: source), "the other link stays")
    }

    /// An unnamed file (`O_TMPFILE`) given its name by `linkat` while its writer still holds it and writes on:
    /// `IN_CREATE` only, and the close is reported under no name. It is read whole once the writer closes it.
    @Test func tmpfileLinkedInIsReadOnceItsWriterClosesIt() throws {
        let daemon = try DaemonHarness()
        try daemon.start()
        let bytes = Reports.bytes(34)
        // O_TMPFILE is `__O_TMPFILE | O_DIRECTORY`, a macro the Glibc module leaves out.
        let descriptor = open(daemon.inbox, 0o20_000_000 | O_DIRECTORY | O_RDWR, 0o644)
        try #require(descriptor >= 0, "O_TMPFILE: errno \(errno)")
        let half = bytes.count / 2
        #expect(bytes[..<half].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) } == half)
        // As a process without CAP_DAC_READ_SEARCH names it: through /proc, not AT_EMPTY_PATH.
        #expect(
            linkat(AT_FDCWD, "/proc/self/fd/\(descriptor)", AT_FDCWD, daemon.inbox + "/tmpfile.txt", AT_SYMLINK_FOLLOW)
                == 0
        )
        // Longer than the settle interval: the file is named and quiet, but its writer has it open.
        usleep(UInt32(daemon.settle * 3_000_000))
        #expect(bytes[half...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) } == bytes.count - half)
        close(descriptor)
        let event = try expectOneEvent(named: Array("tmpfile.txt".utf8), bytes: bytes, in: daemon)
        #expect(event.source.sha256 == sha256(bytes))
        #expect(event.event == .added)
    }

    /// A folder bind-mounted inside the inbox: inotify sends nothing; the mount table changes.
    @Test(.enabled(if: getuid() == 0, "needs root to mount"))
    func bindMountInsideTheInboxIsScanned() throws {
        let daemon = try DaemonHarness()
        let outside = daemon.root + "/outside"
        try FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: false)
        try FileManager.default.createDirectory(atPath: daemon.inbox + "/mounted", withIntermediateDirectories: false)
        #expect(FileManager.default.createFile(atPath: outside + "/report.txt", contents: Data(Reports.bytes(35))))
        try daemon.start()
        try shell("mount --bind '\(outside)' '\(daemon.inbox)/mounted'")
        defer { try? shell("umount '\(daemon.inbox)/mounted'") }
        let event = try expectOneEvent(named: Array("mounted/report.txt".utf8), bytes: Reports.bytes(35), in: daemon)
        #expect(event.event == .added)
    }

    /// A GBK name, as a zip made on Windows or a Samba or FTP client writes it: spelled as its decoding.
    @Test func gbkNameIsIngestedAndSpelledAsGB18030() throws {
        let daemon = try DaemonHarness()
        try daemon.start()
        let name: [UInt8] = [0xC4, 0xEA, 0xB6, 0xC8, 0xB1, 0xA8, 0xB8, 0xE6] + Array(".txt".utf8)  // 年度报告.txt
        try daemon.drop(Reports.bytes(30), at: FilePath(bytes: name))
        let event = try expectOneEvent(named: name, bytes: Reports.bytes(30), in: daemon)
        #expect(event.source.name == "年度报告.txt")
        #expect(event.source.nameEncoding == .gb18030)
        #expect(event.event == .added)
    }

    /// A name valid in no encoding: each byte outside UTF-8 spelled `%XX`.
    @Test func nameValidInNoEncodingIsIngestedAndSpelledAsBytes() throws {
        let daemon = try DaemonHarness()
        try daemon.start()
        let name: [UInt8] = Array("报告-".utf8) + [0xFF, 0x80] + Array(".txt".utf8)
        try daemon.drop(Reports.bytes(31), at: FilePath(bytes: name))
        let event = try expectOneEvent(named: name, bytes: Reports.bytes(31), in: daemon)
        #expect(event.source.name == "报告-%FF%80.txt")
        #expect(event.source.nameEncoding == .bytes)
        #expect(event.event == .added)
    }

    /// A name with a newline: the event names it as it is (JSON escapes it), and the console log line about
    /// it stays one line, so the name cannot forge a second entry.
    @Test func nameWithANewlineIsIngestedAndLoggedOnOneLine() throws {
        let daemon = try DaemonHarness()
        try daemon.start()
        let forged = "2026-01-01T00:00:00.000Z info reportsyncd: added forged.txt"
        let name = Array("report\n\(forged).txt".utf8)
        try daemon.drop(Reports.bytes(32), at: FilePath(bytes: name))
        let event = try expectOneEvent(named: name, bytes: Reports.bytes(32), in: daemon)
        #expect(event.source.name == "report\n\(forged).txt")
        #expect(event.source.nameEncoding == nil)
        #expect(event.event == .added)
        let lines = daemon.logText().split(separator: "\n")
        #expect(!lines.contains { $0.hasPrefix(forged) })
        #expect(lines.contains { $0.contains(#"REPORTSYNC_FILE="report\n\#(forged).txt""#) })
    }

    /// Waits for the event of the inbox file at `name` (bytes), stops the daemon, and checks that it is
    /// the only event and that archive/ (or rejected/) holds `bytes` under `<seq>-` and the bytes of the
    /// file's name.
    private func expectOneEvent(
        named name: [UInt8],
        bytes: [UInt8],
        in daemon: DaemonHarness,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> ChangeEvent {
        let path = FilePath(bytes: name)
        let event = try daemon.waitForEvent(at: path)
        #expect(daemon.stop() == 0, sourceLocation: sourceLocation)
        #expect(daemon.events() == [event], sourceLocation: sourceLocation)
        let folder = FilePath(daemon.state).appending(event.event == .rejected ? "rejected" : "archive")
        let original = folder.appending(FilePath.Component(bytes: "\(event.seq)-".utf8 + path.lastComponent!.bytes)!)
        let archived = daemon.contents(of: original).map(sha256)
        #expect(archived == sha256(bytes), "\(original)", sourceLocation: sourceLocation)
        #expect(daemon.files(in: daemon.inbox).isEmpty, sourceLocation: sourceLocation)
        return event
    }
}

/// Lower-case hex SHA-256, as `source.sha256` spells it.
func sha256(_ bytes: [UInt8]) -> String {
    SHA256.hash(data: bytes).map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
}

/// Runs `command` with /bin/sh; throws when it fails.
func shell(_ command: String) throws {
    _ = try shellOutput(command)
}

/// Runs `command` with /bin/sh and returns its stdout; throws when it fails.
func shellOutput(_ command: String) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", command]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let output = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { throw HarnessError("`\(command)` exited \(process.terminationStatus)") }
    return String(decoding: output, as: UTF8.self)
}
