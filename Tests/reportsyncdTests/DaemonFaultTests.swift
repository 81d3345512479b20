import Foundation
import Glibc
import SyncEngine
import Testing

/// A full disk or a folder that refuses writes: logged with its errno, retried with back-off, nothing
/// lost, nothing logged twice; the inotify watch limit reached. Needs root (tmpfs mounts, `chattr +i`,
/// a user namespace).
@Suite("Daemon: disk full, write errors, watch limit", .enabled(if: getuid() == 0, "needs root for mount and chattr"))
struct DaemonFaultTests {
    @Test func fullDiskIsRetriedUntilThereIsRoom() throws {
        let daemon = try DaemonHarness(settle: 0.05)
        try FileManager.default.createDirectory(atPath: daemon.mirror, withIntermediateDirectories: true)
        try shell("mount -t tmpfs -o size=48k tmpfs '\(daemon.mirror)'")
        defer {
            daemon.stop()
            try? shell("umount '\(daemon.mirror)'")
        }
        try daemon.start()
        let names = (0..<12).map { "full-\($0).txt" }
        for (number, name) in names.enumerated() {
            try daemon.drop(Reports.bytes(number + 60), as: name)
        }
        try daemon.waitUntil("the daemon reports the full disk") { daemon.logText().contains("ERRNO=28") }
        #expect(!daemon.files(in: daemon.inbox).isEmpty)
        try shell("mount -o remount,size=16m '\(daemon.mirror)'")
        try daemon.waitUntil("every file is ingested") {
            daemon.files(in: daemon.inbox).isEmpty && daemon.events().count >= names.count
        }
        let events = daemon.events()
        #expect(events.map(\.source.name).sorted() == names.sorted())
        #expect(events.map(\.seq) == Array(1...names.count))
        for event in events { daemon.expectRetired(event) }
        // The metrics textfile, written at shutdown, counts the failed calls by errno.
        daemon.stop()
        let metrics = try String(contentsOfFile: daemon.state + "/metrics.prom", encoding: .utf8)
        #expect(metrics.contains(#"reportsyncd_io_errors_total{errno="ENOSPC"} "#))
    }

    /// Under systemd the inbox and the state folder are mounts of their own, so every original is copied
    /// to archive/ and then unlinked. A crash between the two must not give the original a second event.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: fiuRun), "needs fiu-run (fiu-utils)"))
    func moveAcrossFileSystemsCutShortIsFinishedWithoutSecondEvent() throws {
        let daemon = try DaemonHarness(settle: 0.05)
        try FileManager.default.createDirectory(atPath: daemon.state, withIntermediateDirectories: true)
        try shell("mount -t tmpfs -o size=16m tmpfs '\(daemon.state)'")
        defer {
            daemon.stop()
            try? shell("umount '\(daemon.state)'")
        }
        // Every unlink fails with EIO in this run: the copy is made, the original cannot leave.
        try daemon.start(launcher: [fiuRun, "-x", "-c", "enable name=posix/io/dir/unlink,failinfo=5"])
        let bytes = Reports.bytes(70)
        try daemon.drop(bytes, as: "copied.txt")
        try daemon.waitUntil("the failed unlink is reported") { daemon.logText().contains("cannot move a logged file") }
        let first = try #require(daemon.events(for: "copied.txt").first)
        #expect(daemon.contents(of: daemon.retiredPath(of: first)) == bytes)
        #expect(FileManager.default.fileExists(atPath: daemon.inbox + "/copied.txt"))

        daemon.crash()
        try daemon.start()
        try daemon.waitUntil("the original leaves the inbox") {
            !FileManager.default.fileExists(atPath: daemon.inbox + "/copied.txt")
        }
        #expect(daemon.events().count == 1)
        daemon.expectRetired(first)

        // The same bytes dropped again later are a new file: one `duplicate` event of their own.
        try daemon.drop(bytes, as: "copied.txt")
        try daemon.waitUntil("the second drop is ingested") { daemon.events().count == 2 }
        let second = daemon.events()[1]
        #expect(second.event == .duplicate && second.duplicateOf == first.seq)
        try daemon.waitUntil("the second drop leaves the inbox") { daemon.files(in: daemon.inbox).isEmpty }
        daemon.expectRetired(second)
        #expect(daemon.stop() == 0)
    }

    @Test func watchLimitIsNamedAndUnwatchedFoldersAreScanned() throws {
        let daemon = try DaemonHarness(settle: 0.05)
        let folders = ["a", "b", "c", "d", "e"]
        for (number, folder) in folders.enumerated() {
            try daemon.drop(Reports.bytes(90 + number), as: "\(folder)/waiting.txt")
        }
        // A user namespace of its own, whose inotify watch limit (3) binds only the daemon.
        let limit = "echo 3 > /proc/sys/user/max_inotify_watches && exec \"$0\" \"$@\""
        try daemon.start(launcher: ["/usr/bin/unshare", "--user", "--map-root-user", "/bin/sh", "-c", limit])
        #expect(daemon.logText().contains("raise the sysctl fs.inotify.max_user_watches"))
        for folder in folders {
            try daemon.waitForEvent("\(folder)/waiting.txt")
        }
        // Files dropped later into folders without a watch are found by the periodic scan.
        for (number, folder) in folders.enumerated() {
            try daemon.drop(Reports.bytes(95 + number), as: "\(folder)/later.txt")
        }
        for folder in folders {
            #expect(try daemon.waitForEvent("\(folder)/later.txt").event == .added)
        }
        #expect(daemon.events().count == 2 * folders.count)
        #expect(daemon.stop() == 0)
    }

    @Test func refusedMoveIsRetriedWithoutSecondEvent() throws {
        let daemon = try DaemonHarness(settle: 0.05)
        try daemon.start()
        let archive = daemon.state + "/archive"
        try shell("chattr +i '\(archive)'")
        defer { try? shell("chattr -i '\(archive)'") }
        try daemon.drop(Reports.bytes(80), as: "stuck.txt")
        try daemon.waitUntil("the refused move is reported") { daemon.logText().contains("cannot move a logged file") }
        try shell("chattr -i '\(archive)'")
        let event = try daemon.waitForEvent("stuck.txt")
        #expect(event.event == .added)
        daemon.expectRetired(event)
        #expect(daemon.events().count == 1)
        #expect(daemon.stop() == 0)
    }
}

/// libfiu's launcher: runs a program with failure points in its libc calls.
private let fiuRun = "/usr/bin/fiu-run"
